"""The annex as an OpenDocument text (odfpy), for LibreOffice users.

Headings are real outline headings (« Titre 1 », « Titre 2 »), quotations use a « Citation »
paragraph style (indented and upright: their « » already mark them), book titles are italic
spans. Like the Word file: A4 with 2.5 cm margins, the page number centred in the footer,
French hyphenation, and space between paragraphs (without it LibreOffice sets every
paragraph tight against the next, and an entry reads as one dense block).
"""

from __future__ import annotations

import io
from typing import Any

from glossaire.export import labels
from glossaire.export.document import ExportDocument, ExportEntry, ExportReferral
from glossaire.export.runs import Run

PAGE = {"pagewidth": "21cm", "pageheight": "29.7cm", "printorientation": "portrait"}
MARGIN = "2.5cm"
SPACE_AFTER = "0.3cm"  # Word's template: 10 pt after each paragraph


def render(document: ExportDocument) -> bytes:
    from odf.opendocument import OpenDocumentText

    odt = OpenDocumentText()
    _page(odt)
    layout = _Layout(odt)
    layout.heading(document.title, 0)
    layout.paragraph([Run(labels.style_note(document.style_name), italic=True)])
    layout.heading(labels.LEXICON, 1)
    for item in document.lexicon:
        if isinstance(item, ExportReferral):
            layout.paragraph(
                [
                    Run(item.term, bold=True),
                    Run(labels.ARROW),
                    Run(labels.SEE, italic=True),
                    Run(" " + item.target_term),
                ],
                layout.referral,
            )
        else:
            _entry(layout, item)
    if document.bibliography:
        layout.heading(labels.BIBLIOGRAPHY, 1)
        for runs in document.bibliography:
            layout.paragraph(list(runs), layout.hanging)
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()


def _entry(layout: _Layout, entry: ExportEntry) -> None:
    layout.heading(entry.term, 2 + entry.depth)
    for definition in entry.definitions:
        citation = f" {definition.citation}" if definition.citation else ""
        style = layout.quote if definition.quotation else None
        layout.paragraph([Run(definition.text + citation)], style)
    if entry.my_definition:
        layout.paragraph([Run(labels.MY_DEFINITION + " ", italic=True), Run(entry.my_definition)])
    for other, difference in entry.contrasts:
        layout.paragraph(
            [
                Run(labels.CONTRAST + " ", italic=True),
                Run(other, bold=True),
                Run(labels.SEPARATOR + difference),
            ]
        )
    for example, cited in entry.examples:
        text = example + (f" {cited}" if cited else "")
        layout.paragraph([Run(labels.EXAMPLE + " ", italic=True), Run(text)])


class _Layout:
    """The document's styles, and the two ways text goes in: headings and paragraphs."""

    def __init__(self, odt: Any) -> None:
        from odf.style import DefaultStyle, ParagraphProperties, TextProperties

        self.odt = odt
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                language="fr",
                country="FR",
                hyphenate="true",
                hyphenationremaincharcount="2",
                hyphenationpushcharcount="2",
            )
        )
        odt.styles.addElement(default)
        self.body = self._style("Texte", ParagraphProperties(marginbottom=SPACE_AFTER))
        self.body.addElement(TextProperties(language="fr", country="FR", hyphenate="true"))
        self.quote = self._style(
            "Citation",
            ParagraphProperties(marginleft="1cm", marginright="1cm"),
            TextProperties(fontstyle="normal"),
            parent=self.body,
        )
        self.hanging = self._style(
            "Bibliographie",
            ParagraphProperties(marginleft="1cm", textindent="-1cm"),
            parent=self.body,
        )
        self.referral = self._style("Renvoi", ParagraphProperties(), parent=self.body)
        self.headings = {}
        for level, (name, size, before) in enumerate(
            (
                ("Titre", "20pt", "0cm"),
                ("Titre 1", "16pt", "0.8cm"),
                ("Titre 2", "13pt", "0.6cm"),
                ("Titre 3", "12pt", "0.4cm"),
            )
        ):
            self.headings[level] = self._style(
                name,
                ParagraphProperties(margintop=before, marginbottom="0.25cm", keepwithnext="always"),
                TextProperties(fontsize=size, fontweight="bold", hyphenate="false"),
                parent=self.body,
            )
        self.spans: dict[tuple[bool, bool, bool], Any] = {}

    def _style(self, name: str, *properties: Any, parent: Any = None) -> Any:
        from odf.style import Style

        style = Style(name=name, family="paragraph")
        if parent is not None:
            style.setAttribute("parentstylename", parent)
        for element in properties:
            style.addElement(element)
        self.odt.styles.addElement(style)
        return style

    def heading(self, text: str, level: int) -> None:
        from odf.text import H

        style = self.headings[min(level, 3)]
        self.odt.text.addElement(H(outlinelevel=max(level, 1), stylename=style, text=text))

    def paragraph(self, runs: list[Run], style: Any = None) -> None:
        from odf.text import P, Span

        element = P(stylename=style if style is not None else self.body)
        for run in runs:
            span_style = self._span(run)
            target = Span(stylename=span_style) if span_style is not None else element
            _add_text(target, run.text)
            if span_style is not None:
                element.addElement(target)
        self.odt.text.addElement(element)

    def _span(self, run: Run) -> Any:
        """One automatic text style per mix of italic, bold and superscript in use."""
        from odf.style import Style, TextProperties

        key = (run.italic, run.bold, run.superscript)
        if not any(key):
            return None
        if key not in self.spans:
            names = ("Italique", "Gras", "Exposant")
            name = " ".join(n for n, on in zip(names, key, strict=True) if on)
            properties: dict[str, str] = {}
            if run.italic:
                properties["fontstyle"] = "italic"
            if run.bold:
                properties["fontweight"] = "bold"
            if run.superscript:
                properties["textposition"] = "super 58%"
            style = Style(name=name, family="text")
            style.addElement(TextProperties(**properties))
            self.odt.automaticstyles.addElement(style)
            self.spans[key] = style
        return self.spans[key]


def _add_text(element: Any, text: str) -> None:
    """As odfpy's ``teletype.addTextToElement``, which keeps runs of spaces (``text:s``), tabs
    and line breaks, but reads every text character by character in Python: a third of the
    writer's time on a group's annex. A text with none of them goes in whole, as teletype
    would put it."""
    if "  " in text or "\t" in text or "\n" in text:
        from odf import teletype

        teletype.addTextToElement(element, text)
    elif text:
        element.addText(text)


def _page(odt: Any) -> None:
    """A4, 2.5 cm margins, and the master page every page uses: its footer holds the page
    number, centred."""
    from odf.style import (
        Footer,
        FooterStyle,
        HeaderFooterProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
    )
    from odf.text import P, PageNumber

    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            **PAGE,
            margintop=MARGIN,
            marginbottom=MARGIN,
            marginleft=MARGIN,
            marginright=MARGIN,
        )
    )
    footer_style = FooterStyle()
    footer_style.addElement(HeaderFooterProperties(minheight="0.6cm", margintop="0.4cm"))
    layout.addElement(footer_style)
    odt.automaticstyles.addElement(layout)
    centred = Style(name="Pied de page", family="paragraph")
    centred.addElement(ParagraphProperties(textalign="center"))
    odt.styles.addElement(centred)
    footer = Footer()
    number = P(stylename=centred)
    number.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(number)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    master.addElement(footer)
    odt.masterstyles.addElement(master)
