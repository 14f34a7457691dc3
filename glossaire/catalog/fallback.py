"""The index, and the files the moment the index turns out to be damaged.

A cache file can be damaged in ways no check at opening sees cheaply (a flipped byte in a
page, a dropped table, a truncated copy). Whatever a query then raises, this catalog
answers the same question from the files instead, for the rest of the command, and throws
the damaged index away so that the next command builds a new one. The user never sees an
error from the cache: the README promises it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from glossaire.catalog.contract import (
    Catalog,
    CatalogUnavailable,
    CitationKey,
    ListedConcepts,
    Rendered,
    StagedEntries,
)
from glossaire.catalog.index.store import IndexUnavailable
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataFacts
from glossaire.model.reference import Reference

T = TypeVar("T")
DAMAGE = (sqlite3.DatabaseError, IndexUnavailable)  # IndexUnavailable: a row that won't load


class FallbackCatalog(Catalog):
    def __init__(
        self, index: Catalog, files: Callable[[], Catalog], forget_index: Callable[[], None]
    ) -> None:
        self._index = index
        self._open_files = files
        self._forget_index = forget_index
        self._files: Catalog | None = None
        self._staged = False

    def answer(self, question: Callable[[Catalog], T]) -> T:
        """``question`` asked of the index, or of the files once the index failed."""
        if self._files is None:
            try:
                return question(self._index)
            except DAMAGE as error:
                if isinstance(error, sqlite3.ProgrammingError):
                    raise  # our own mistake, not the cache's: never hidden
                if self._staged:
                    raise CatalogUnavailable(str(error)) from error  # the write uses the files
                if not _busy(error):
                    self._forget_index()  # damaged: the next command builds a new one
                self._files = self._open_files()
        return question(self._files)

    # -- the contract, each question through ``answer`` ---------------------------------

    @property
    def concepts(self) -> Mapping[str, Concept]:
        return _AnsweredMapping(self, lambda catalog: catalog.concepts)

    @property
    def references(self) -> Mapping[str, Reference]:
        return _AnsweredMapping(self, lambda catalog: catalog.references)

    def sorted_concepts(self) -> list[Concept]:
        return self.answer(lambda catalog: catalog.sorted_concepts())

    def children_of(self, concept_id: str) -> list[Concept]:
        return self.answer(lambda catalog: catalog.children_of(concept_id))

    def term_of(self, concept_id: str) -> str:
        return self.answer(lambda catalog: catalog.term_of(concept_id))

    def listed_concepts(self) -> ListedConcepts:
        return self.answer(lambda catalog: catalog.listed_concepts())

    def search_candidates(self, needle: str, limit: int | None) -> tuple[list[Concept], int]:
        return self.answer(lambda catalog: catalog.search_candidates(needle, limit))

    def ids_for_lookup_key(self, key: str) -> set[str]:
        return self.answer(lambda catalog: catalog.ids_for_lookup_key(key))

    def lookup_pairs(self) -> Iterable[tuple[str, str, str]]:
        return self.answer(lambda catalog: list(catalog.lookup_pairs()))

    def canonical_key(self, key: str) -> str | None:
        return self.answer(lambda catalog: catalog.canonical_key(key))

    def reference(self, key: str) -> Reference | None:
        return self.answer(lambda catalog: catalog.reference(key))

    def works_holding(self, identities: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
        wanted = list(identities)  # asked again of the files if the index fails
        return self.answer(lambda catalog: catalog.works_holding(wanted))

    @property
    def facts(self) -> DataFacts:
        return self.answer(lambda catalog: catalog.facts)

    def namesakes(self, reference: Reference) -> list[Reference]:
        return self.answer(lambda catalog: catalog.namesakes(reference))

    def cached_citations(
        self, style_id: str, output: str, cites: list[CitationKey]
    ) -> dict[CitationKey, Rendered]:
        return self.answer(lambda catalog: catalog.cached_citations(style_id, output, cites))

    def remember_citations(
        self, style_id: str, output: str, rendered: Mapping[CitationKey, Rendered]
    ) -> None:
        self.answer(lambda catalog: catalog.remember_citations(style_id, output, rendered))

    def vouches_utf8(self, path: Path) -> bool:
        return self.answer(lambda catalog: catalog.vouches_utf8(path))

    def stage(self, entries: StagedEntries) -> None:
        self._staged = True
        self.answer(lambda catalog: catalog.stage(entries))

    def commit_staged(self, path: Path, data: bytes) -> None:
        """The file is written: nothing may fail now. An index that cannot record it is
        thrown away (the next command builds a new one) rather than retried."""
        self._staged = False
        if self._files is not None:
            return  # the files answered this write: there is nothing to record
        try:
            self._index.commit_staged(path, data)
        except DAMAGE:
            self._forget_index()

    def discard_staged(self) -> None:
        self._staged = False
        self.answer(lambda catalog: catalog.discard_staged())


def _busy(error: Exception) -> bool:
    """Locked by another process: the index is fine, only not ours this time."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


class _AnsweredMapping(Mapping[str, Any]):
    """``concepts`` or ``references``, each access answered like any other question."""

    def __init__(self, owner: FallbackCatalog, mapping: Callable[[Catalog], Mapping[str, Any]]):
        self._owner = owner
        self._mapping = mapping

    def __getitem__(self, key: str) -> Any:
        return self._owner.answer(lambda catalog: self._mapping(catalog)[key])

    def __contains__(self, key: object) -> bool:
        return self._owner.answer(lambda catalog: key in self._mapping(catalog))

    def __iter__(self) -> Iterator[str]:
        return iter(self._owner.answer(lambda catalog: list(self._mapping(catalog))))

    def __len__(self) -> int:
        return self._owner.answer(lambda catalog: len(self._mapping(catalog)))

    def get(self, key: str, default: Any = None) -> Any:
        return self._owner.answer(lambda catalog: self._mapping(catalog).get(key, default))

    def values(self) -> Any:
        return self._owner.answer(lambda catalog: list(self._mapping(catalog).values()))
