"""The annex as a Word document (python-docx), built on Word's own styles.

Headings use the built-in « Heading » styles (shown as « Titre 1 », « Titre 2 » in a French
Word), verbatim quotations the built-in « Quote » style (« Citation »), book titles are
italic runs, and the document language is French so that Word's spelling check agrees.

A jury holds it printed: A4 with 2.5 cm margins (python-docx starts from US Letter), page
numbers in the footer, French hyphenation. Quotations are in « » and therefore not also in
italics: the Quote style, italic in Word's template, is set upright and indented instead.
"""

from __future__ import annotations

import io
from typing import Any

from glossaire.export import labels
from glossaire.export.document import ExportDocument, ExportEntry, ExportReferral
from glossaire.export.runs import Run

REFERRAL_STYLE = "Renvoi"


def render(document: ExportDocument) -> bytes:
    from docx import Document
    from docx.shared import Cm

    word = Document()
    _a4_with_page_numbers(word)
    _french(word)
    _styles(word)
    word.core_properties.title = document.title
    word.core_properties.language = "fr-FR"
    word.add_heading(document.title, level=0)
    note = word.add_paragraph(labels.style_note(document.style_name))
    note.runs[0].italic = True
    word.add_heading(labels.LEXICON, level=1)
    for item in document.lexicon:
        if isinstance(item, ExportReferral):
            _referral(word, item)
        else:
            _entry(word, item)
    if document.bibliography:
        word.add_heading(labels.BIBLIOGRAPHY, level=1)
        for runs in document.bibliography:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-1)
            _add_runs(paragraph, runs)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _entry(word: Any, entry: ExportEntry) -> None:  # python-docx ships no types
    word.add_heading(entry.term, level=min(2 + entry.depth, 9))
    for definition in entry.definitions:
        style = "Quote" if definition.quotation else None
        paragraph = word.add_paragraph(definition.text, style=style)
        if definition.citation:
            paragraph.add_run(" " + definition.citation)
    if entry.my_definition:
        paragraph = word.add_paragraph()
        paragraph.add_run(labels.MY_DEFINITION + " ").italic = True
        paragraph.add_run(entry.my_definition)
    for other, difference in entry.contrasts:
        paragraph = word.add_paragraph(style="List Bullet")
        paragraph.add_run(labels.CONTRAST + " ").italic = True
        paragraph.add_run(other).bold = True
        paragraph.add_run(labels.SEPARATOR + difference)
    for text, citation in entry.examples:
        paragraph = word.add_paragraph(style="List Bullet")
        paragraph.add_run(labels.EXAMPLE + " ").italic = True
        paragraph.add_run(text + (f" {citation}" if citation else ""))


def _referral(word: Any, referral: ExportReferral) -> None:
    paragraph = word.add_paragraph(style=REFERRAL_STYLE)
    paragraph.add_run(referral.term).bold = True
    paragraph.add_run(labels.ARROW)
    paragraph.add_run(labels.SEE).italic = True
    paragraph.add_run(" " + referral.target_term)


def _add_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        added.italic = run.italic or None
        added.bold = run.bold or None
        added.font.superscript = run.superscript or None


def _a4_with_page_numbers(word: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.footer_distance = Cm(1.25)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)


def _page_field(paragraph: Any) -> None:
    """A PAGE field (begin, instruction, separate, « 1 », end): Word and LibreOffice both
    replace the « 1 » with the page's own number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def field_char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    for part in (field_char("begin"), instruction, field_char("separate")):
        paragraph.add_run()._r.append(part)
    paragraph.add_run("1")
    paragraph.add_run()._r.append(field_char("end"))


def _french(word: Any) -> None:
    """Language fr-FR on the Normal style, which every other style inherits, and on the
    document defaults; hyphenation on, which Word does per document, in its settings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = word.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-FR")
    properties.append(language)
    for default in word.styles.element.iter(qn("w:lang")):
        default.set(qn("w:val"), "fr-FR")
    settings = word.settings.element
    for theme in settings.iter(qn("w:themeFontLang")):
        theme.set(qn("w:val"), "fr-FR")
    hyphenation = OxmlElement("w:autoHyphenation")
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:  # the schema's order: right after the default tab stop
        tab_stop.addnext(hyphenation)
    else:
        settings.insert(0, hyphenation)


def _styles(word: Any) -> None:
    """Quotations upright and indented (their « » already mark them); a « Renvoi » style for
    the cross-references, which a user can restyle at once in Word."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Cm

    quote = word.styles["Quote"]
    quote.font.italic = False
    properties = quote.element.get_or_add_rPr()
    for complex_italic in properties.findall(qn("w:iCs")):  # italic for Arabic, Hebrew…
        properties.remove(complex_italic)
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    referral = word.styles.add_style(REFERRAL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    referral.base_style = word.styles["Normal"]
    referral.paragraph_format.space_after = Cm(0.2)
