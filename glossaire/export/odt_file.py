"""The annex as an OpenDocument text (odfpy), for LibreOffice users.

Headings are real outline headings (« Titre 1 », « Titre 2 »), quotations use a
« Citation » paragraph style, book titles are italic spans.
"""

from __future__ import annotations

import io

from glossaire.export.document import ExportDocument
from glossaire.text import guillemets


def render(document: ExportDocument) -> bytes:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P, Span

    odt = OpenDocumentText()
    styles = {}
    for name, size, bold in (
        ("Titre", "20pt", True),
        ("Titre 1", "16pt", True),
        ("Titre 2", "13pt", True),
        ("Titre 3", "12pt", True),
    ):
        style = Style(name=name, family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold" if bold else "normal"))
        style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
        odt.styles.addElement(style)
        styles[name] = style
    quote = Style(name="Citation", family="paragraph")
    quote.addElement(ParagraphProperties(marginleft="1cm", marginright="1cm"))
    odt.styles.addElement(quote)
    hanging = Style(name="Bibliographie", family="paragraph")
    hanging.addElement(ParagraphProperties(marginleft="1cm", textindent="-1cm"))
    odt.styles.addElement(hanging)
    italic = Style(name="Italique", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    odt.automaticstyles.addElement(italic)
    bold = Style(name="Gras", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    odt.automaticstyles.addElement(bold)

    def heading(text: str, level: int) -> None:
        name = "Titre" if level == 0 else f"Titre {min(level, 3)}"
        odt.text.addElement(H(outlinelevel=max(level, 1), stylename=styles[name], text=text))

    def paragraph(parts: list[tuple[str, Style | None]], style: Style | None = None) -> None:
        element = P(stylename=style) if style is not None else P()
        for text, span_style in parts:
            target = Span(stylename=span_style) if span_style else element
            teletype.addTextToElement(target, text)  # keeps runs of spaces, tabs, line breaks
            if span_style:
                element.addElement(target)
        odt.text.addElement(element)

    heading(document.title, 0)
    paragraph([(f"Sources citées selon la norme : {document.style_name}.", italic)])
    heading("Lexique", 1)
    for entry in document.entries:
        heading(entry.term, 2 + entry.depth)
        for definition in entry.definitions:
            text = guillemets(definition.text) if definition.quotation else definition.text
            citation = f" {definition.citation}" if definition.citation else ""
            paragraph([(text + citation, None)], quote if definition.quotation else None)
        if entry.my_definition:
            paragraph([("Ma définition : ", italic), (entry.my_definition, None)])
        for other, difference in entry.contrasts:
            paragraph([("À distinguer de ", italic), (other, bold), (" : " + difference, None)])
        for example, cited in entry.examples:
            paragraph([("Exemple : ", italic), (example + (f" {cited}" if cited else ""), None)])
    if document.bibliography:
        heading("Bibliographie", 1)
        for runs in document.bibliography:
            paragraph([(run.text, italic if run.italic else None) for run in runs], hanging)
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()
