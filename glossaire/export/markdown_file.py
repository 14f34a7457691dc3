"""The annex in Markdown, for those who write in other tools: *italics*, French typography
(already in the document's text and in ``labels``)."""

from __future__ import annotations

from glossaire.export import labels
from glossaire.export.document import ExportDocument, ExportEntry, ExportReferral
from glossaire.export.runs import Run
from glossaire.text import markdown_escape


def render(document: ExportDocument) -> str:
    lines = [f"# {document.title}", ""]
    lines += [f"*{markdown_escape(labels.style_note(document.style_name))}*", ""]
    lines += [f"## {labels.LEXICON}", ""]
    for item in document.lexicon:
        lines += _referral(item) if isinstance(item, ExportReferral) else _entry(item)
    if document.bibliography:
        lines += [f"## {labels.BIBLIOGRAPHY}", ""]
        for paragraph in document.bibliography:
            lines += [_runs(paragraph), ""]
    return "\n".join(lines).rstrip() + "\n"


def _entry(entry: ExportEntry) -> list[str]:
    lines = [f"{'#' * min(3 + entry.depth, 6)} {markdown_escape(entry.term)}", ""]
    for definition in entry.definitions:
        citation = f" {markdown_escape(definition.citation)}" if definition.citation else ""
        prefix = "> " if definition.quotation else ""
        lines += [f"{prefix}{markdown_escape(definition.text)}{citation}", ""]
    if entry.my_definition:
        lines += [f"*{labels.MY_DEFINITION}* {markdown_escape(entry.my_definition)}", ""]
    for other, difference in entry.contrasts:
        lines.append(
            f"- *{labels.CONTRAST}* **{markdown_escape(other)}**"
            f"{labels.SEPARATOR}{markdown_escape(difference)}"
        )
    for example, example_citation in entry.examples:
        cited = f" {markdown_escape(example_citation)}" if example_citation else ""
        lines.append(f"- *{labels.EXAMPLE}* {markdown_escape(example)}{cited}")
    if entry.contrasts or entry.examples:
        lines.append("")
    return lines


def _referral(referral: ExportReferral) -> list[str]:
    return [
        f"**{markdown_escape(referral.term)}**{labels.ARROW}*{labels.SEE}* "
        f"{markdown_escape(referral.target_term)}",
        "",
    ]


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
