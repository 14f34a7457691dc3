"""What services return: immutable records that renderers only format (text, Markdown, JSON).

NamedTuples rather than dataclasses: they are created about six times faster, and every
command imports this module at start-up."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # annotations only: a command that cites needs none of these modules
    from glossaire.catalog.contract import ListedConcepts
    from glossaire.model.concept import Concept, Contrast, Definition, Example
    from glossaire.model.dataset import Layer, Override
    from glossaire.model.personal import PersonalDefinition
    from glossaire.model.problem import Problem


class SourcedDefinition(NamedTuple):
    definition: Definition
    citation: str | None  # in-text citation of the source, with page; None when no source
    source_known: bool


class SourcedExample(NamedTuple):
    example: Example
    citation: str | None


class NamedContrast(NamedTuple):
    contrast: Contrast
    other_term: str  # the other concept's term, or its id when the id is unknown


class TypologyNode(NamedTuple):
    concept_id: str
    term: str
    children: tuple[TypologyNode, ...] = ()


class ConceptCard(NamedTuple):
    concept: Concept
    parent_term: str | None
    definitions: tuple[SourcedDefinition, ...]
    contrasts: tuple[NamedContrast, ...]
    examples: tuple[SourcedExample, ...]
    see_also: tuple[tuple[str, str], ...]  # (id, term)
    typology: tuple[TypologyNode, ...]  # the concepts below this one, as a tree
    my_definition: PersonalDefinition | None = None  # the candidate's own, latest version
    chapters_source: tuple[str, ...] = ()  # where its chapter numbers come from
    domains_attachment: tuple[str, ...] = ()  # how it came to be filed under its domains


class ConceptListing(NamedTuple):
    concepts: ListedConcepts  # id, term, chapters and domains: no whole entries
    chapter: str | None
    domain: str | None = None


class SearchHit(NamedTuple):
    concept_id: str
    term: str
    field: str  # French label of where the text was found: « terme », « définition »…
    text: str  # the passage (whole field text, trimmed to an excerpt)
    start: int  # the match, as offsets in ``text``
    end: int


class SearchResult(NamedTuple):
    query: str
    hits: tuple[SearchHit, ...]
    concept_count: int = 0  # concepts matching in all
    shown_count: int = 0  # concepts whose hits are listed (the first ones)


class Comparison(NamedTuple):
    first: ConceptCard
    second: ConceptCard
    contrasts: tuple[NamedContrast, ...]  # stated on either concept about the other


class CheckReport(NamedTuple):
    problems: tuple[Problem, ...]
    overrides: tuple[Override, ...]
    concept_count: int
    reference_count: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "erreur")


class InfoReport(NamedTuple):
    version: str
    layers: tuple[Layer, ...]
    overrides: tuple[Override, ...]
    concept_count: int
    reference_count: int


class ChapterMap(NamedTuple):
    number: str
    description: str | None
    concepts: tuple[tuple[str, str], ...]  # (id, term) of the concepts filed under it
    source: str | None = None  # where the chapter's number comes from


class DomainMap(NamedTuple):
    code: str
    title: str | None
    concepts: tuple[tuple[str, str], ...]  # (id, term) of the concepts tagged with the domain
    chapters: tuple[ChapterMap, ...]
    unfiled: tuple[tuple[str, str], ...] = ()  # the domain's concepts in none of its chapters
    taken_over_from: str | None = None  # concepts gathered from this code of a former reform
    attachment: str | None = None  # how the concepts came to be filed here, when it is said


class LivretMap(NamedTuple):
    diploma: str
    version: str
    legal_text: str | None
    source: str | None
    note: str | None
    domains: tuple[DomainMap, ...]
    other_versions: tuple[str, ...]
    in_force: str | None = None  # « 2026-09-01 »
    transition: str | None = None
    chosen_by_date: bool = False  # no version asked for: the one in force today


class CitationResult(NamedTuple):
    key: str
    style: str
    page: str | None
    in_text: str  # « (Dhume 2001, p. 111) », in the requested output format
    full: str  # the bibliography entry
    csl: dict[str, object]  # the CSL-JSON item given to the engine (unescaped)
    # (key, title) of the library's works this form depends on (« 1980a » needs « 1980b »)
    depends_on: tuple[tuple[str, str], ...] = ()


class BibliographyResult(NamedTuple):
    style: str
    entries: tuple[str, ...]  # sorted as the style says, in the requested output format
    keys: tuple[str, ...]  # BibTeX key of each entry, same order


class StyleReport(NamedTuple):
    name: str  # as chosen: « apa », a style id, a .csl path
    path: str  # the .csl file used
    origin: str  # French: why this one is in force


class DefinitionHistory(NamedTuple):
    concept_id: str
    term: str
    versions: tuple[PersonalDefinition, ...]  # newest first: the first one is shown on cards
