"""A ``Catalog`` read from the index: each concept or reference is loaded when asked for.

It answers the same questions as ``services.catalog.Catalog`` (the whole suite runs through
it), but a ``show`` on ten thousand concepts reads a handful of rows instead of two files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from glossaire.catalog.index.store import dumps, loads
from glossaire.errors import AmbiguousConcept, ConceptNotFound
from glossaire.model.concept import Concept
from glossaire.model.location import Location
from glossaire.model.reference import Reference
from glossaire.services.results import ConceptListing
from glossaire.text import french_sort_key, lookup_key


class IndexedCatalog:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.dataset = _Snapshot(connection, self)
        self._decoded: dict[str, Reference | None] = {}

    # -- concepts -------------------------------------------------------------------------

    @cached_property
    def concepts(self) -> _Concepts:
        return _Concepts(self.connection)

    @property
    def references(self) -> _References:
        return _References(self)

    def find(self, query: str) -> Concept:
        direct = self.concepts.get(query)
        if direct is not None:
            return direct
        from glossaire.catalog.matching import singular_forms

        key = lookup_key(query)
        for candidate in (key, *singular_forms(key)):
            ids = {
                row[0] for row in self._rows("SELECT concept_id FROM lookup WHERE key=?", candidate)
            }
            if ids:
                return self._single(query, ids)
        raise ConceptNotFound(query, self.suggestions(query))

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        from glossaire.catalog.matching import closest_terms

        pairs = self._rows(
            "SELECT l.key, l.concept_id, c.terme "
            "FROM lookup l JOIN concepts c ON c.id = l.concept_id"
        )
        return closest_terms(query, pairs, limit)

    def children_of(self, concept_id: str) -> list[Concept]:
        rows = self._rows(
            "SELECT b.data FROM concepts c JOIN bodies b ON b.id = c.id "
            "WHERE c.parent=? ORDER BY c.sort_key",
            concept_id,
        )
        return [loads(row[0]) for row in rows]  # type: ignore[misc]

    def read_as_utf8(self, path: Path) -> bool:
        """Whether this very file (the index was just found fresh, so it is unchanged) was
        read at the last build as UTF-8, without any warning: a write then need not decode
        10 MB again to prove it."""
        known = self.connection.execute(
            "SELECT 1 FROM sources WHERE path=?", (str(path.resolve()),)
        ).fetchone()
        if known is None:
            return False
        target = path.resolve()
        return not any(w.location.path.resolve() == target for w in self.dataset.warnings)

    def term_of(self, concept_id: str) -> str:
        row = self.connection.execute(
            "SELECT terme FROM concepts WHERE id=?", (concept_id,)
        ).fetchone()
        return row[0] if row else concept_id

    def sorted_concepts(self) -> list[Concept]:
        rows = self._rows(
            "SELECT b.data FROM concepts c JOIN bodies b ON b.id = c.id ORDER BY c.sort_key"
        )
        return [loads(row[0]) for row in rows]  # type: ignore[misc]

    def search_candidates(self, needle: str, limit: int | None) -> tuple[list[Concept], int] | None:
        """The first ``limit`` concepts whose folded text holds ``needle`` (those whose term
        holds it first), and how many there are: SQLite scans the narrow ``texts`` rows and
        sorts the matching ids; only the entries shown are then read. Python builds the same
        hits as without the index, on these concepts only."""
        matching, parameter = self._matching_rows(needle)
        try:
            rows = self._rows(
                f"SELECT id FROM texts WHERE rowid IN ({matching}) "
                "ORDER BY instr(folded_term, ?) = 0, sort_key",
                parameter,
                needle,
            )
        except sqlite3.OperationalError:
            return None  # e.g. built by a Python whose SQLite has trigrams, read by one without
        ids = [row[0] for row in rows]
        shown = ids if limit is None else ids[:limit]
        return self._bodies(shown), len(ids)

    def _matching_rows(self, needle: str) -> tuple[str, str]:
        """SQL selecting the rowids of ``search`` rows holding ``needle``, and its parameter:
        through the trigram index when there is one and the needle has three characters (a
        quoted FTS5 string: a substring, whatever it holds), else by reading every row."""
        if len(needle) >= 3 and self._trigram_search:
            quoted = '"' + needle.replace('"', '""') + '"'
            return "SELECT rowid FROM search WHERE search MATCH ?", quoted
        return "SELECT rowid FROM search WHERE instr(folded, ?) > 0", needle

    @cached_property
    def _trigram_search(self) -> bool:
        row = self.connection.execute(
            "SELECT sql FROM sqlite_master WHERE name='search'"
        ).fetchone()
        return bool(row) and "fts5" in str(row[0]).lower()

    def _bodies(self, ids: list[str]) -> list[Concept]:
        """These concepts, in this order (a few SQL variables at a time)."""
        found: dict[str, Concept] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for concept_id, data in self._rows(
                f"SELECT id, data FROM bodies WHERE id IN ({marks})", *chunk
            ):
                found[concept_id] = loads(data)  # type: ignore[assignment]
        return [found[concept_id] for concept_id in ids]

    def listing_concepts(self) -> list[ListedConcept]:
        """What ``list`` prints (id, term, chapters, domains), without loading whole entries."""
        return [
            ListedConcept(row[0], row[1], _split(row[2]), _split(row[3]), row[4])
            for row in self._rows(
                "SELECT id, terme, chapitres, domaines, listed FROM concepts ORDER BY sort_key"
            )
        ]

    def whole_listing(self) -> ConceptListing:
        return ConceptListing(_ListedRows(self), None, None, self._listing_lines)

    def _listing_lines(self) -> str:
        """Every concept's listing record, one per line in French order: made once after a
        change of the concepts, then kept (a read-only cache only makes it each time)."""
        row = self.connection.execute("SELECT value FROM meta WHERE name='listing'").fetchone()
        if row is not None:
            return str(row[0])
        try:  # read and store in one write transaction: an ``add`` cannot slip in between
            self.connection.execute("BEGIN IMMEDIATE")
            lines = self._joined_listing()
            self.connection.execute("INSERT OR REPLACE INTO meta VALUES ('listing', ?)", (lines,))
            self.connection.commit()
            return lines
        except sqlite3.Error:
            if self.connection.in_transaction:
                self.connection.rollback()
            return self._joined_listing()  # a busy or read-only cache: made for this call only

    def _joined_listing(self) -> str:
        return ",\n".join(
            row[0] for row in self._rows("SELECT listed FROM concepts ORDER BY sort_key")
        )

    # -- references -----------------------------------------------------------------------

    def reference(self, key: str) -> Reference | None:
        if key not in self._decoded:
            self._decoded[key] = self._decode(key)
        return self._decoded[key]

    def has_reference(self, key: str) -> bool:
        return self._canonical_key(key) is not None

    def canonical_key(self, key: str) -> str | None:
        return self._canonical_key(key)

    def _canonical_key(self, key: str) -> str | None:
        if self.connection.execute("SELECT 1 FROM refs WHERE key=?", (key,)).fetchone():
            return key
        row = self.connection.execute("SELECT key FROM aliases WHERE alias=?", (key,)).fetchone()
        return row[0] if row else None

    def _decode(self, key: str) -> Reference | None:
        from glossaire.loading.bibtex_refs import RawEntry, decode_entry

        canonical = self._canonical_key(key)
        if canonical is None:
            return None
        path, line, raw = self.connection.execute(
            "SELECT path, line, raw FROM refs WHERE key=?", (canonical,)
        ).fetchone()
        entry = RawEntry(canonical, Location(Path(path), line), raw, ())
        return decode_entry(entry, self._strings(entry.location.path))

    def _strings(self, path: Path) -> list[str]:
        row = self.connection.execute(
            "SELECT value FROM meta WHERE name=?", (f"strings:{path}",)
        ).fetchone()
        return loads(row[0]) if row else []  # type: ignore[return-value]

    # -- rendered citations ---------------------------------------------------------------

    def cached_citations(self, style: str, output: str, cites: list[tuple[str, str]]) -> dict:
        found = {}
        for key, page in cites:
            row = self.connection.execute(
                "SELECT in_text, full FROM citations "
                "WHERE style=? AND key=? AND page=? AND output=?",
                (style, key, page, output),
            ).fetchone()
            if row:
                found[(key, page)] = (row[0], row[1])
        return found

    def remember_citations(self, style: str, output: str, rendered: dict) -> None:
        try:
            self.connection.executemany(
                "INSERT OR REPLACE INTO citations VALUES (?, ?, ?, ?, ?, ?)",
                [(style, key, page, output, a, b) for (key, page), (a, b) in rendered.items()],
            )
            self.connection.commit()
        except sqlite3.Error:
            pass  # a read-only or busy cache only costs a new rendering next time

    # -- helpers --------------------------------------------------------------------------

    def _rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params).fetchall()

    def _single(self, query: str, ids: set[str]) -> Concept:
        concepts = {i: self.concepts[i] for i in ids}
        if len(ids) == 1:
            return next(iter(concepts.values()))
        key = lookup_key(query)
        exact = [
            i for i, c in concepts.items() if lookup_key(c.terme) == key or lookup_key(i) == key
        ]
        if len(exact) == 1:
            return concepts[exact[0]]
        terms = sorted((f"{c.terme} ({i})" for i, c in concepts.items()), key=french_sort_key)
        raise AmbiguousConcept(query, terms)


class ListedConcept(NamedTuple):
    """The part of a concept a listing shows (same attribute names as ``Concept``)."""

    id: str
    terme: str
    chapitres: tuple[str, ...]
    domaines: tuple[str, ...]
    encoded: str  # services.listing.encoded_listing_record, stored at build time


SEPARATOR = "\x1f"  # unit separator: never in a chapter or domain code


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(SEPARATOR)) if joined else ()


class _Concepts(Mapping[str, Concept]):
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __getitem__(self, concept_id: str) -> Concept:
        row = self.connection.execute(
            "SELECT data FROM bodies WHERE id=?", (concept_id,)
        ).fetchone()
        if row is None:
            raise KeyError(concept_id)
        return loads(row[0])  # type: ignore[return-value]

    def __contains__(self, concept_id: object) -> bool:
        return bool(
            self.connection.execute("SELECT 1 FROM concepts WHERE id=?", (concept_id,)).fetchone()
        )

    def __iter__(self) -> Iterator[str]:
        return (
            row[0] for row in self.connection.execute("SELECT id FROM concepts ORDER BY sort_key")
        )

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM concepts").fetchone()[0])


class _ListedRows(Sequence[ListedConcept]):
    """The listing's rows, read only when something goes through them (text output, a
    short JSON listing); its length alone is one count."""

    def __init__(self, catalog: IndexedCatalog) -> None:
        self.catalog = catalog

    @cached_property
    def _rows(self) -> list[ListedConcept]:
        return self.catalog.listing_concepts()

    def __len__(self) -> int:
        return len(self.catalog.concepts)

    def __getitem__(self, index: int) -> ListedConcept:  # type: ignore[override]
        return self._rows[index]

    def __iter__(self) -> Iterator[ListedConcept]:
        return iter(self._rows)


class _References(Mapping[str, Reference]):
    def __init__(self, catalog: IndexedCatalog) -> None:
        self.catalog = catalog

    def __getitem__(self, key: str) -> Reference:
        if not self.catalog.connection.execute("SELECT 1 FROM refs WHERE key=?", (key,)).fetchone():
            raise KeyError(key)
        reference = self.catalog.reference(key)
        if reference is None:
            raise KeyError(key)
        return reference

    def __contains__(self, key: object) -> bool:
        return bool(
            self.catalog.connection.execute("SELECT 1 FROM refs WHERE key=?", (key,)).fetchone()
        )

    def __iter__(self) -> Iterator[str]:
        return (
            row[0] for row in self.catalog.connection.execute("SELECT key FROM refs ORDER BY rowid")
        )

    def __len__(self) -> int:
        return int(self.catalog.connection.execute("SELECT count(*) FROM refs").fetchone()[0])


class _Snapshot:
    """The small, whole-data-set facts (layers, problems, referential, personal definitions),
    with ``concepts`` and ``references`` served lazily by the catalog."""

    def __init__(self, connection: sqlite3.Connection, catalog: IndexedCatalog) -> None:
        row = connection.execute("SELECT value FROM meta WHERE name='snapshot'").fetchone()
        self.__dict__.update(loads(row[0]))  # type: ignore[arg-type]
        self._catalog = catalog

    @property
    def concepts(self) -> _Concepts:
        return self._catalog.concepts

    @property
    def references(self) -> _References:
        return self._catalog.references


SNAPSHOT_FIELDS = (
    "layers",
    "overrides",
    "problems",
    "warnings",
    "unreadable",
    "referential",
    "personal",
)


def snapshot_blob(dataset: Any) -> bytes:
    return dumps({name: getattr(dataset, name) for name in SNAPSHOT_FIELDS})
