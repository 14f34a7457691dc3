"""The loaded data set with the lookups every service needs (by term, by parent)."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from glossaire.catalog.matching import ConceptIndex
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataSet
from glossaire.model.reference import Reference
from glossaire.text import french_sort_key


class Catalog:
    def __init__(self, dataset: DataSet) -> None:
        self.dataset = dataset

    @property
    def concepts(self) -> dict[str, Concept]:
        return self.dataset.concepts

    @property
    def references(self) -> dict[str, Reference]:
        return self.dataset.references

    @cached_property
    def index(self) -> ConceptIndex:
        return ConceptIndex(self.dataset.concepts.values())

    @cached_property
    def _children(self) -> dict[str, list[Concept]]:
        children: dict[str, list[Concept]] = defaultdict(list)
        for concept in self.sorted_concepts():
            if concept.parent:
                children[concept.parent].append(concept)
        return children

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return {
            alias: reference.key
            for reference in self.references.values()
            for alias in reference.aliases
            if alias not in self.references
        }

    def reference(self, key: str) -> Reference | None:
        """The entry under ``key``, or the one listing ``key`` among its biblatex ``ids``."""
        found = self.references.get(key)
        if found is None and key in self._aliases:
            found = self.references[self._aliases[key]]
        return found

    def has_reference(self, key: str) -> bool:
        return self.reference(key) is not None

    def find(self, query: str) -> Concept:
        return self.index.find(query)

    def children_of(self, concept_id: str) -> list[Concept]:
        return self._children.get(concept_id, [])

    def term_of(self, concept_id: str) -> str:
        concept = self.concepts.get(concept_id)
        return concept.terme if concept else concept_id

    def sorted_concepts(self) -> list[Concept]:
        return sorted(self.concepts.values(), key=lambda c: french_sort_key(c.terme))
