"""What services return: frozen dataclasses that renderers only format (text, Markdown, JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: a command that cites needs none of these modules
    from glossaire.model.concept import Concept, Contrast, Definition, Example
    from glossaire.model.dataset import Layer, Override
    from glossaire.model.personal import PersonalDefinition
    from glossaire.model.problem import Problem


@dataclass(frozen=True)
class SourcedDefinition:
    definition: Definition
    citation: str | None  # in-text citation of the source, with page; None when no source
    source_known: bool


@dataclass(frozen=True)
class SourcedExample:
    example: Example
    citation: str | None


@dataclass(frozen=True)
class NamedContrast:
    contrast: Contrast
    other_term: str  # the other concept's term, or its id when the id is unknown


@dataclass(frozen=True)
class TypologyNode:
    concept_id: str
    term: str
    children: tuple[TypologyNode, ...] = ()


@dataclass(frozen=True)
class ConceptCard:
    concept: Concept
    parent_term: str | None
    definitions: tuple[SourcedDefinition, ...]
    contrasts: tuple[NamedContrast, ...]
    examples: tuple[SourcedExample, ...]
    see_also: tuple[tuple[str, str], ...]  # (id, term)
    typology: tuple[TypologyNode, ...]  # the concepts below this one, as a tree
    my_definition: PersonalDefinition | None = None  # the candidate's own, latest version


@dataclass(frozen=True)
class ConceptListing:
    concepts: tuple[Concept, ...]
    chapter: str | None
    domain: str | None = None


@dataclass(frozen=True)
class SearchHit:
    concept_id: str
    term: str
    field: str  # French label of where the text was found: « terme », « définition »…
    text: str  # the passage (whole field text, trimmed to an excerpt)
    start: int  # the match, as offsets in ``text``
    end: int


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    concept_count: int = 0  # concepts matching in all
    shown_count: int = 0  # concepts whose hits are listed (the first ones)


@dataclass(frozen=True)
class Comparison:
    first: ConceptCard
    second: ConceptCard
    contrasts: tuple[NamedContrast, ...]  # stated on either concept about the other


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    overrides: tuple[Override, ...]
    concept_count: int
    reference_count: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "erreur")


@dataclass(frozen=True)
class InfoReport:
    version: str
    layers: tuple[Layer, ...]
    overrides: tuple[Override, ...]
    concept_count: int
    reference_count: int


@dataclass(frozen=True)
class ChapterMap:
    number: str
    description: str | None
    concepts: tuple[tuple[str, str], ...]  # (id, term) of the concepts filed under it


@dataclass(frozen=True)
class DomainMap:
    code: str
    title: str | None
    concepts: tuple[tuple[str, str], ...]  # (id, term) of the concepts tagged with the domain
    chapters: tuple[ChapterMap, ...]


@dataclass(frozen=True)
class LivretMap:
    diploma: str
    version: str
    legal_text: str | None
    source: str | None
    note: str | None
    domains: tuple[DomainMap, ...]
    other_versions: tuple[str, ...]


@dataclass(frozen=True)
class CitationResult:
    key: str
    style: str
    page: str | None
    in_text: str  # « (Dhume 2001, p. 111) », in the requested output format
    full: str  # the bibliography entry
    csl: dict[str, object]  # the CSL-JSON item given to the engine (unescaped)


@dataclass(frozen=True)
class BibliographyResult:
    style: str
    entries: tuple[str, ...]  # sorted as the style says, in the requested output format
    keys: tuple[str, ...]  # BibTeX key of each entry, same order


@dataclass(frozen=True)
class StyleReport:
    name: str  # as chosen: « apa », a style id, a .csl path
    path: str  # the .csl file used
    origin: str  # French: why this one is in force


@dataclass(frozen=True)
class DefinitionHistory:
    concept_id: str
    term: str
    versions: tuple[PersonalDefinition, ...]  # newest first: the first one is shown on cards
