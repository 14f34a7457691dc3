"""The catalog contract over the data set read into memory (``loading.dataset``).

Used when there is no index (``GLOSSAIRE_INDEX=0``, an unusable cache) and by ``check``,
which must read and validate the files themselves. Everything is computed from the loaded
``DataSet``; lookups are built once, on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path

from glossaire.catalog.contract import (
    Catalog,
    CitationKey,
    ListedConcept,
    ListedConcepts,
    Rendered,
    StagedEntries,
    facts_with,
)
from glossaire.catalog.matching import lookup_keys, matching_concepts
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataFacts, DataSet
from glossaire.model.reference import Reference, namesake_key, work_identities
from glossaire.text import french_sort_key


class MemoryCatalog(Catalog):
    def __init__(self, dataset: DataSet) -> None:
        self.dataset = dataset
        self._renderings: dict[tuple[str, str, CitationKey], Rendered] = {}
        self._facts: DataFacts | None = None
        self._before_staging: tuple[dict[str, Concept], dict[str, Reference], DataFacts] | None
        self._before_staging = None

    # -- concepts ---------------------------------------------------------------------

    @property
    def concepts(self) -> Mapping[str, Concept]:
        return self.dataset.concepts

    def sorted_concepts(self) -> list[Concept]:
        return list(self._sorted)

    def children_of(self, concept_id: str) -> list[Concept]:
        return list(self._children.get(concept_id, ()))

    def listed_concepts(self) -> ListedConcepts:
        return ListedConcepts.of(
            ListedConcept(c.id, c.terme, c.chapitres, c.domaines) for c in self._sorted
        )

    def search_candidates(self, needle: str, limit: int | None) -> tuple[list[Concept], int]:
        return matching_concepts(self._sorted, needle, limit)

    def ids_for_lookup_key(self, key: str) -> set[str]:
        return set(self._by_key.get(key, ()))

    def lookup_pairs(self) -> Iterable[tuple[str, str, str]]:
        return [
            (key, concept_id, self.concepts[concept_id].terme)
            for key, ids in self._by_key.items()
            for concept_id in ids
        ]

    @cached_property
    def _sorted(self) -> tuple[Concept, ...]:
        return tuple(sorted(self.concepts.values(), key=lambda c: (french_sort_key(c.terme), c.id)))

    @cached_property
    def _children(self) -> dict[str, list[Concept]]:
        children: dict[str, list[Concept]] = defaultdict(list)
        for concept in self.concepts.values():  # in file order: a typology keeps its author's
            if concept.parent:
                children[concept.parent].append(concept)
        return children

    @cached_property
    def _by_key(self) -> dict[str, set[str]]:
        by_key: dict[str, set[str]] = defaultdict(set)
        for concept in self.concepts.values():
            for key in lookup_keys(concept):
                by_key[key].add(concept.id)
        return by_key

    # -- references -------------------------------------------------------------------

    @property
    def references(self) -> Mapping[str, Reference]:
        return self.dataset.references

    def canonical_key(self, key: str) -> str | None:
        if key in self.references:
            return key
        return self._aliases.get(key) or self._keys_by_case.get(_ascii_lower(key))

    def works_holding(self, identities: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
        works = self._works
        return {identity: works[identity] for identity in identities if identity in works}

    @cached_property
    def _works(self) -> dict[tuple[str, ...], str]:
        found: dict[tuple[str, ...], str] = {}
        for reference in self.references.values():  # in file order: the first entry holds it
            for identity in work_identities(reference):
                found.setdefault(identity, reference.key)
        return found

    @cached_property
    def _keys_by_case(self) -> dict[str, str]:
        """Keys and aliases as BibTeX compares them (case ignored), where that names one entry."""
        found: dict[str, set[str]] = defaultdict(set)
        for reference in self.references.values():
            for name in (reference.key, *reference.aliases):
                found[_ascii_lower(name)].add(reference.key)
        return {name: next(iter(keys)) for name, keys in found.items() if len(keys) == 1}

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return {
            alias: reference.key
            for reference in self.references.values()
            for alias in reference.aliases
            if alias not in self.references
        }

    # -- the whole data set -----------------------------------------------------------

    @property
    def facts(self) -> DataFacts:
        if self._facts is None:
            self._facts = self.dataset.facts()
        return self._facts

    # -- renderings: kept for this process only ---------------------------------------

    def namesakes(self, reference: Reference) -> list[Reference]:
        key = namesake_key(reference)
        same = self._namesakes.get(key, []) if key else []
        return [other for other in same if other.key != reference.key]

    @cached_property
    def _namesakes(self) -> dict[str, list[Reference]]:
        found: dict[str, list[Reference]] = {}
        for reference in self.references.values():
            found.setdefault(namesake_key(reference), []).append(reference)
        return found

    def cached_citations(
        self, style_id: str, output: str, cites: list[CitationKey]
    ) -> dict[CitationKey, Rendered]:
        found = {cite: self._renderings.get((style_id, output, cite)) for cite in cites}
        return {cite: rendered for cite, rendered in found.items() if rendered is not None}

    def remember_citations(
        self, style_id: str, output: str, rendered: Mapping[CitationKey, Rendered]
    ) -> None:
        for cite, texts in rendered.items():
            self._renderings[(style_id, output, cite)] = texts

    # -- writes -----------------------------------------------------------------------

    def vouches_utf8(self, path: Path) -> bool:
        """Every file was read whole when this catalog was opened (under the write lock);
        one read without an encoding warning was UTF-8."""
        layer_files = {file for layer in self.dataset.layers for file in layer.files}
        warned = {w.location.path for w in (*self.dataset.warnings, *self.dataset.unreadable)}
        return path in layer_files and path not in warned

    def stage(self, entries: StagedEntries) -> None:
        self.discard_staged()
        dataset = self.dataset
        self._before_staging = (dict(dataset.concepts), dict(dataset.references), self.facts)
        for concept in entries.concepts:
            dataset.concepts[concept.id] = concept
        for new in entries.references:
            dataset.references[new.reference.key] = new.reference
        self._forget_lookups(facts_with(self.facts, entries))

    def commit_staged(self, path: Path, data: bytes) -> None:
        self._before_staging = None  # nothing outlives this process

    def discard_staged(self) -> None:
        if self._before_staging is None:
            return
        concepts, references, facts = self._before_staging
        self.dataset.concepts, self.dataset.references = concepts, references
        self._before_staging = None
        self._forget_lookups(facts)

    def _forget_lookups(self, facts: DataFacts) -> None:
        cached = ("_sorted", "_children", "_by_key", "_aliases", "_namesakes", "_keys_by_case")
        for name in (*cached, "_works"):
            self.__dict__.pop(name, None)
        self._facts = facts


def _ascii_lower(name: str) -> str:
    """Case folded on ASCII letters only, as SQLite's NOCASE does in the index."""
    return name.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
