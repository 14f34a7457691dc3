"""The annex as a Word document (python-docx), built on Word's own styles.

Headings use the built-in « Heading » styles (shown as « Titre 1 », « Titre 2 » in a French
Word), verbatim quotations the built-in « Quote » style (« Citation »), book titles are
italic runs, and the document language is French so that Word's spelling check agrees.
"""

from __future__ import annotations

import io
from typing import Any

from glossaire.export.document import ExportDocument, ExportEntry
from glossaire.export.runs import Run
from glossaire.text import guillemets


def render(document: ExportDocument) -> bytes:
    from docx import Document
    from docx.shared import Cm

    word = Document()
    _french(word)
    word.core_properties.title = document.title
    word.core_properties.language = "fr-FR"
    word.add_heading(document.title, level=0)
    note = word.add_paragraph(f"Sources citées selon la norme : {document.style_name}.")
    note.runs[0].italic = True
    word.add_heading("Lexique", level=1)
    for entry in document.entries:
        _entry(word, entry)
    if document.bibliography:
        word.add_heading("Bibliographie", level=1)
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
        if definition.quotation:
            paragraph = word.add_paragraph(guillemets(definition.text), style="Quote")
        else:
            paragraph = word.add_paragraph(definition.text)
        if definition.citation:
            paragraph.add_run(" " + definition.citation)
    if entry.my_definition:
        paragraph = word.add_paragraph()
        paragraph.add_run("Ma définition : ").italic = True
        paragraph.add_run(entry.my_definition)
    for other, difference in entry.contrasts:
        paragraph = word.add_paragraph(style="List Bullet")
        paragraph.add_run("À distinguer de ").italic = True
        paragraph.add_run(other).bold = True
        paragraph.add_run(" : " + difference)
    for text, citation in entry.examples:
        paragraph = word.add_paragraph(style="List Bullet")
        paragraph.add_run("Exemple : ").italic = True
        paragraph.add_run(text + (f" {citation}" if citation else ""))


def _add_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        added.italic = run.italic or None
        added.bold = run.bold or None
        added.font.superscript = run.superscript or None


def _french(word: Any) -> None:
    """Language fr-FR on the Normal style, which every other style inherits."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = word.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-FR")
    properties.append(language)
