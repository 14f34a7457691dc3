"""The one contract every catalog fills, in memory or indexed: what services may ask.

Services are written once, against ``Catalog``; ``opening.open_catalog`` decides which
implementation answers. A question a service needs is added here, to both implementations,
and to the contract test (``tests/test_catalog_contract.py``) that runs the same assertions
on both: a cache that answers differently from the files is a bug, never a feature.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress
from pathlib import Path
from typing import NamedTuple, overload

from glossaire.catalog.matching import candidate_keys, choose_concept, closest_terms
from glossaire.errors import ConceptNotFound
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataFacts, layer_file_order
from glossaire.model.personal import PersonalDefinition
from glossaire.model.reference import Reference


class ListedConcept(NamedTuple):
    """What a listing shows of a concept, without its whole entry (same names as ``Concept``)."""

    id: str
    terme: str
    chapitres: tuple[str, ...]
    domaines: tuple[str, ...]


class ListedConcepts(Sequence[ListedConcept]):
    """A listing kept as four columns, the way the index stores it: 10 000 concepts load
    as four tuples, a writer of the whole listing reads the columns, and rows are made
    only for whoever iterates (``list`` at 10 000 then costs no object per concept)."""

    __slots__ = ("chapters", "domains", "ids", "terms")

    def __init__(
        self,
        ids: Sequence[str] = (),
        terms: Sequence[str] = (),
        chapters: Sequence[tuple[str, ...]] = (),
        domains: Sequence[tuple[str, ...]] = (),
    ) -> None:
        if not len(ids) == len(terms) == len(chapters) == len(domains):
            raise ValueError("the columns of a listing have different lengths")
        self.ids, self.terms, self.chapters, self.domains = ids, terms, chapters, domains

    @classmethod
    def of(cls, rows: Iterable[ListedConcept]) -> ListedConcepts:
        columns = tuple(zip(*rows, strict=True))
        return cls(*columns) if columns else cls()

    def columns(
        self,
    ) -> tuple[Sequence[str], Sequence[str], Sequence[tuple[str, ...]], Sequence[tuple[str, ...]]]:
        return self.ids, self.terms, self.chapters, self.domains

    def keep(self, wanted: Iterable[bool]) -> ListedConcepts:
        """The rows whose flag is true, in the same order."""
        flags = tuple(wanted)
        return ListedConcepts(
            tuple(compress(self.ids, flags)),
            tuple(compress(self.terms, flags)),
            tuple(compress(self.chapters, flags)),
            tuple(compress(self.domains, flags)),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[ListedConcept]:
        return map(ListedConcept, self.ids, self.terms, self.chapters, self.domains)

    @overload
    def __getitem__(self, index: int) -> ListedConcept: ...
    @overload
    def __getitem__(self, index: slice) -> ListedConcepts: ...
    def __getitem__(self, index: int | slice) -> ListedConcept | ListedConcepts:
        if isinstance(index, slice):
            return ListedConcepts(
                self.ids[index], self.terms[index], self.chapters[index], self.domains[index]
            )
        return ListedConcept(
            self.ids[index], self.terms[index], self.chapters[index], self.domains[index]
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ListedConcepts):
            return all(map(_same_column, self.columns(), other.columns()))
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so not hashable

    def __repr__(self) -> str:
        return f"ListedConcepts({list(self)!r})"


def _same_column(first: Sequence[object], second: Sequence[object]) -> bool:
    return tuple(first) == tuple(second)


class NewReference(NamedTuple):
    """A reference a write appends: decoded for the checks, raw as the file will hold it."""

    reference: Reference
    raw: str


class StagedEntries(NamedTuple):
    """What one write adds to one file, parsed back from the bytes about to be written."""

    concepts: tuple[Concept, ...] = ()
    references: tuple[NewReference, ...] = ()
    strings: tuple[str, ...] = ()  # @string blocks the write adds to a .bib file
    personal: tuple[PersonalDefinition, ...] = ()


class CatalogUnavailable(Exception):
    """The catalog cannot go on (a cache locked or damaged mid-command): read the files."""


CitationKey = tuple[str, str]  # (canonical BibTeX key, page or "")
# (in-text citation, bibliography entry or "", keys of the works the form depends on)
Rendered = tuple[str, str, str]


def facts_with(facts: DataFacts, entries: StagedEntries) -> DataFacts:
    """The facts once a write's entries are in: « Ma définition » versions, and the layer the
    written file belongs to, counted and listing its files as a new load would."""
    personal = dict(facts.personal)
    for definition in entries.personal:
        personal[definition.concept_id] = (*personal.get(definition.concept_id, ()), definition)
    written = [c.location.path for c in entries.concepts]
    written += [r.reference.location.path for r in entries.references]
    layers = []
    for layer in facts.layers:
        folder = layer.folder.resolve()  # a folder reached through a link is the same layer
        mine = [path for path in written if path.parent.resolve() == folder]
        if any(d.location.path.parent.resolve() == folder for d in entries.personal):
            layer = layer._replace(exists=True)  # « Ma définition » created the user's folder
        if mine:
            layer = layer._replace(
                exists=True,
                concept_count=layer.concept_count + len(entries.concepts),
                reference_count=layer.reference_count + len(entries.references),
                files=tuple(sorted({*layer.files, *mine}, key=layer_file_order)),
            )
        layers.append(layer)
    return facts._replace(personal=personal, layers=tuple(layers))


class Catalog(ABC):
    """Concepts, references and the facts about them, however they are stored."""

    # -- concepts ---------------------------------------------------------------------

    @property
    @abstractmethod
    def concepts(self) -> Mapping[str, Concept]:
        """Every concept by id (the top layer's entry when layers share an id)."""

    def find(self, query: str) -> Concept:
        """The one concept ``query`` means, else ``ConceptNotFound`` with suggestions or
        ``AmbiguousConcept``: an exact id first, then each key ``matching`` derives."""
        direct = self.concepts.get(query)
        if direct is not None:
            return direct
        for key in candidate_keys(query):
            ids = self.ids_for_lookup_key(key)
            if ids:
                return choose_concept(query, [self.concepts[i] for i in sorted(ids)])
        raise ConceptNotFound(query, self.suggestions(query))

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """The terms closest to ``query``, best first, for « Voulez-vous dire … ? »."""
        return closest_terms(query, self.lookup_pairs(), limit)

    @abstractmethod
    def ids_for_lookup_key(self, key: str) -> set[str]:
        """The ids of the concepts answering to this ``matching.lookup_keys`` key."""

    @abstractmethod
    def lookup_pairs(self) -> Iterable[tuple[str, str, str]]:
        """Every (lookup key, concept id, term), for suggestions."""

    @abstractmethod
    def sorted_concepts(self) -> list[Concept]:
        """Every concept, in French dictionary order of terms."""

    @abstractmethod
    def children_of(self, concept_id: str) -> list[Concept]:
        """The concepts whose ``parent`` is ``concept_id``, in the order the files give them:
        a typology (échange, coopération, collaboration) keeps its author's order."""

    @abstractmethod
    def listed_concepts(self) -> ListedConcepts:
        """What ``list`` shows of every concept, in dictionary order, entries not loaded."""

    @abstractmethod
    def search_candidates(self, needle: str, limit: int | None) -> tuple[list[Concept], int]:
        """The first ``limit`` concepts whose searchable text holds ``needle`` (folded by
        ``matching.search_fold``; those whose term holds it first, then dictionary order),
        and how many concepts match in all."""

    def term_of(self, concept_id: str) -> str:
        """The concept's term, or its id when no concept has it (``check`` reports it)."""
        concept = self.concepts.get(concept_id)
        return concept.terme if concept else concept_id

    # -- references -------------------------------------------------------------------

    @property
    @abstractmethod
    def references(self) -> Mapping[str, Reference]:
        """Every reference by its BibTeX key, in file order."""

    @abstractmethod
    def canonical_key(self, key: str) -> str | None:
        """The key of the entry ``key`` names: itself, or the entry listing it among its
        biblatex ``ids``; None when no entry answers to it."""

    def reference(self, key: str) -> Reference | None:
        canonical = self.canonical_key(key)
        return self.references.get(canonical) if canonical is not None else None

    def has_reference(self, key: str) -> bool:
        return self.canonical_key(key) is not None

    @abstractmethod
    def works_holding(self, identities: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
        """For each of these work identities (``model.reference.work_identities``: DOI, ISBN,
        author + year + title) that an entry has, the key of the first such entry in file
        order: ``add-ref`` finds the works a library already holds without decoding it."""

    # -- the whole data set -----------------------------------------------------------

    @property
    @abstractmethod
    def facts(self) -> DataFacts:
        """Layers, overrides, problems, the referential and « Ma définition »."""

    # -- citations already rendered ---------------------------------------------------

    @abstractmethod
    def namesakes(self, reference: Reference) -> list[Reference]:
        """The other works whose citations can depend on this one's and back (same first
        author, same year: ``loading.bibtex_refs.namesake_key``), in file order."""

    @abstractmethod
    def cached_citations(
        self, style_id: str, output: str, cites: list[CitationKey]
    ) -> dict[CitationKey, Rendered]:
        """The renderings of these cites kept from an earlier command, if any."""

    @abstractmethod
    def remember_citations(
        self, style_id: str, output: str, rendered: Mapping[CitationKey, Rendered]
    ) -> None:
        """Keep renderings for the next command (best effort: never an error)."""

    # -- writes (``services.write``: always under the folder lock) ---------------------

    @abstractmethod
    def vouches_utf8(self, path: Path) -> bool:
        """Whether this catalog read ``path`` whole, as UTF-8, and it has not changed since:
        a write then needs to decode only the end of a large file."""

    @abstractmethod
    def stage(self, entries: StagedEntries) -> None:
        """Add a write's entries so that every question above sees them, before anything
        touches the disk: the checks of a write run against the data set it would make.
        ``CatalogUnavailable`` if the catalog cannot (the write then uses the files)."""

    @abstractmethod
    def commit_staged(self, path: Path, data: bytes) -> None:
        """The staged entries are now in ``path``, whose bytes are ``data``: keep them."""

    @abstractmethod
    def discard_staged(self) -> None:
        """Forget staged entries (a refused write, a dry run); nothing once committed."""
