"""What the annex says, as the writers receive it: entries already ordered and cited, the
bibliography already rendered (``services.export`` builds it; each writer only lays it out)."""

from __future__ import annotations

from dataclasses import dataclass

from glossaire.export.runs import Run


@dataclass(frozen=True, slots=True)
class ExportDefinition:
    text: str
    quotation: bool  # verbatim: shown in « » and in the quotation style
    citation: str | None  # « (Dhume 2001, p. 111) »


@dataclass(frozen=True, slots=True)
class ExportEntry:
    concept_id: str
    term: str
    depth: int  # 0 for a top-level concept, 1 for a typology child shown under its parent…
    definitions: tuple[ExportDefinition, ...]
    my_definition: str | None
    contrasts: tuple[tuple[str, str], ...]  # (other term, difference)
    examples: tuple[tuple[str, str | None], ...]  # (text, citation)


@dataclass(frozen=True, slots=True)
class ExportDocument:
    title: str
    style_name: str
    entries: tuple[ExportEntry, ...]
    bibliography: tuple[tuple[Run, ...], ...]  # one paragraph of runs per reference
