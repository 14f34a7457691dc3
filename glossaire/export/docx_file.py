"""The annex as a Word document (python-docx), built on Word's own styles.

Headings use the built-in « Heading » styles (shown as « Titre 1 », « Titre 2 » in a French
Word), verbatim quotations the built-in « Quote » style (« Citation »), book titles are
italic runs, and the document language is French so that Word's spelling check agrees.

A jury holds it printed: A4 with 2.5 cm margins (python-docx starts from US Letter), page
numbers in the footer, French hyphenation. Quotations are in « » and therefore not also in
italics: the Quote style, italic in Word's template, is set upright and indented instead.

A group's annex runs to tens of thousands of paragraphs, so they go in through ``_Body``, never
through python-docx's ``Document.add_paragraph``: that one looks for the body's closing
``w:sectPr`` among all the paragraphs already written, every time (issue 19: 181 s for
10 000 concepts). The XML is the same as python-docx's own (tests/test_export_scale.py).
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
    body = _Body(word)
    body.heading(document.title, level=0)
    note = body.paragraph(labels.style_note(document.style_name))
    note.runs[0].italic = True
    body.heading(labels.LEXICON, level=1)
    for item in document.lexicon:
        if isinstance(item, ExportReferral):
            _referral(body, item)
        else:
            _entry(body, item)
    if document.bibliography:
        body.heading(labels.BIBLIOGRAPHY, level=1)
        for runs in document.bibliography:
            paragraph = body.paragraph()
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-1)
            _add_runs(paragraph, runs)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


class _Body:
    """The end of the document's body, where each new paragraph goes, in constant time.

    python-docx's ``add_paragraph`` inserts before the body's ``w:sectPr`` (the last
    section's page settings, which must stay the body's last child) and finds it by scanning
    the body's children: quadratic over a whole annex. Here the ``w:sectPr`` is found once and
    each paragraph is put just before it; the paragraph is then python-docx's own
    ``Paragraph``, with the style set as python-docx sets it, so the XML is unchanged. A
    style's id is looked up once by name: python-docx searches the styles part each time.
    """

    def __init__(self, word: Any) -> None:  # python-docx's Document
        from docx.enum.style import WD_STYLE_TYPE

        self.word = word
        body = word.element.body
        end = body.sectPr
        self._append = end.addprevious if end is not None else body.append
        self._kind = WD_STYLE_TYPE.PARAGRAPH
        self._style_ids: dict[str, str | None] = {}

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        """As ``Document.add_paragraph(text, style)``: a run holding ``text``, then the
        style, a paragraph style given by its name (« Quote », « List Bullet »…)."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element: Any = OxmlElement("w:p")  # a CT_P: python-docx picks the class by tag
        self._append(element)
        paragraph = Paragraph(element, self.word)
        if text:
            _run(paragraph, text)
        if style is not None:
            element.style = self._style_id(style)
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        """As ``Document.add_heading``: « Title » for level 0, else « Heading 1 » to 9."""
        if not 0 <= level <= 9:
            raise ValueError(f"level must be in range 0-9, got {level}")
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def _style_id(self, name: str) -> str | None:
        if name not in self._style_ids:
            self._style_ids[name] = self.word.part.get_style_id(name, self._kind)
        return self._style_ids[name]


def _entry(body: _Body, entry: ExportEntry) -> None:
    body.heading(entry.term, level=min(2 + entry.depth, 9))
    for definition in entry.definitions:
        style = "Quote" if definition.quotation else None
        paragraph = body.paragraph(definition.text, style=style)
        if definition.citation:
            _run(paragraph, " " + definition.citation)
    if entry.my_definition:
        paragraph = body.paragraph()
        _run(paragraph, labels.MY_DEFINITION + " ").italic = True
        _run(paragraph, entry.my_definition)
    for other, difference in entry.contrasts:
        paragraph = body.paragraph(style="List Bullet")
        _run(paragraph, labels.CONTRAST + " ").italic = True
        _run(paragraph, other).bold = True
        _run(paragraph, labels.SEPARATOR + difference)
    for text, citation in entry.examples:
        paragraph = body.paragraph(style="List Bullet")
        _run(paragraph, labels.EXAMPLE + " ").italic = True
        _run(paragraph, text + (f" {citation}" if citation else ""))


def _referral(body: _Body, referral: ExportReferral) -> None:
    paragraph = body.paragraph(style=REFERRAL_STYLE)
    _run(paragraph, referral.term).bold = True
    _run(paragraph, labels.ARROW)
    _run(paragraph, labels.SEE).italic = True
    _run(paragraph, " " + referral.target_term)


def _run(paragraph: Any, text: str) -> Any:
    """``paragraph.add_run(text)``, without python-docx's reading of the text character by
    character in search of tabs and line breaks (a third of the writer's time on a group's
    annex): a text without them goes into one ``w:t``, exactly as python-docx puts it."""
    run = paragraph.add_run()
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    elif text:
        run.element.add_t(text)
    return run


def _add_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    for run in runs:
        added = _run(paragraph, run.text)
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
