"""The annex in Markdown, for those who write in other tools: *italics*, French typography."""

from __future__ import annotations

from glossaire.export.document import ExportDocument, ExportEntry
from glossaire.export.runs import Run
from glossaire.text import guillemets, markdown_escape


def render(document: ExportDocument) -> str:
    lines = [f"# {document.title}", ""]
    lines += [f"*Sources citées selon la norme : {markdown_escape(document.style_name)}.*", ""]
    lines += ["## Lexique", ""]
    for entry in document.entries:
        lines += _entry(entry)
    if document.bibliography:
        lines += ["## Bibliographie", ""]
        for paragraph in document.bibliography:
            lines += [_runs(paragraph), ""]
    return "\n".join(lines).rstrip() + "\n"


def _entry(entry: ExportEntry) -> list[str]:
    lines = [f"{'#' * min(3 + entry.depth, 6)} {markdown_escape(entry.term)}", ""]
    for definition in entry.definitions:
        text = guillemets(definition.text) if definition.quotation else definition.text
        citation = f" {markdown_escape(definition.citation)}" if definition.citation else ""
        prefix = "> " if definition.quotation else ""
        lines += [f"{prefix}{markdown_escape(text)}{citation}", ""]
    if entry.my_definition:
        lines += [f"*Ma définition :* {markdown_escape(entry.my_definition)}", ""]
    for other, difference in entry.contrasts:
        lines.append(
            f"- *À distinguer de* **{markdown_escape(other)}** : {markdown_escape(difference)}"
        )
    for example, example_citation in entry.examples:
        cited = f" {markdown_escape(example_citation)}" if example_citation else ""
        lines.append(f"- *Exemple :* {markdown_escape(example)}{cited}")
    if entry.contrasts or entry.examples:
        lines.append("")
    return lines


def _runs(runs: tuple[Run, ...]) -> str:
    """Italic runs as *…*; the spaces around them stay outside the asterisks."""
    parts = []
    for run in runs:
        text = markdown_escape(run.text)
        core = text.strip()
        if run.italic and core:
            start, end = text.index(core), text.index(core) + len(core)
            text = f"{text[:start]}*{core}*{text[end:]}"
        parts.append(text)
    return "".join(parts).strip()
