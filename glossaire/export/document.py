"""What the annex says, as the writers receive it: entries already ordered and cited, the
bibliography already rendered, every text already in French typography (``services.export``
builds it; each writer only lays it out)."""

from __future__ import annotations

from dataclasses import dataclass

from glossaire.export.runs import Run


@dataclass(frozen=True, slots=True)
class ExportDefinition:
    text: str  # a verbatim quotation comes already in « »
    quotation: bool  # verbatim: laid out in the quotation style (indented, not italic)
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
class ExportReferral:
    """« Collaboration → voir Mutualisation »: a typology child is printed under its parent,
    away from its own letter; this line at its alphabetical place sends the reader there."""

    term: str
    target_term: str  # the top-level entry under which it is printed
    target_id: str  # the child's own entry, for a link where the format has links


LexiconItem = ExportEntry | ExportReferral


@dataclass(frozen=True, slots=True)
class ExportDocument:
    title: str
    style_name: str
    lexicon: tuple[LexiconItem, ...]  # reading order: entries, referrals at their letter
    bibliography: tuple[tuple[Run, ...], ...]  # one paragraph of runs per reference

    @property
    def entries(self) -> tuple[ExportEntry, ...]:
        """The concepts themselves, without the referrals."""
        return tuple(item for item in self.lexicon if isinstance(item, ExportEntry))
