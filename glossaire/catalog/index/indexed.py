"""The catalog contract over the SQLite index: each concept or reference is read when asked.

A ``show`` on ten thousand concepts reads a handful of rows instead of two files. The index
holds data only (entries, lookup keys, folded search text, raw BibTeX, renderings); every
rule that decides what matches lives in ``catalog.matching``, shared with the memory catalog.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, ValuesView
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from glossaire.catalog.contract import (
    Catalog,
    CatalogUnavailable,
    CitationKey,
    ListedConcepts,
    Rendered,
    StagedEntries,
    facts_with,
)
from glossaire.catalog.index.rows import (
    holders,
    identity_text,
    insert_concepts,
    insert_references,
    split,
)
from glossaire.catalog.index.store import IndexUnavailable, dumps, loads
from glossaire.catalog.matching import matching_concepts
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataFacts
from glossaire.model.location import Location
from glossaire.model.reference import Reference, namesake_key, work_identities


class IndexedCatalog(Catalog):
    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.connection = connection
        self.path = path  # the index file, thrown away if it turns out to be damaged
        self._decoded: dict[str, Reference | None] = {}
        self._facts = cast(DataFacts, loads(self._meta("facts")))
        self._staged = False

    # -- concepts ---------------------------------------------------------------------

    @cached_property
    def concepts(self) -> Mapping[str, Concept]:
        return _Concepts(self.connection)

    def sorted_concepts(self) -> list[Concept]:
        rows = self._rows(
            "SELECT b.data FROM concepts c JOIN bodies b ON b.id = c.id ORDER BY c.sort_key, c.id"
        )
        return [_concept(row[0]) for row in rows]

    def children_of(self, concept_id: str) -> list[Concept]:
        rows = self._rows(
            "SELECT b.data FROM concepts c JOIN bodies b ON b.id = c.id "
            "WHERE c.parent=? ORDER BY c.rowid",  # file order, as the catalog in memory
            concept_id,
        )
        return [_concept(row[0]) for row in rows]

    def term_of(self, concept_id: str) -> str:
        row = self.connection.execute(
            "SELECT terme FROM concepts WHERE id=?", (concept_id,)
        ).fetchone()
        return str(row[0]) if row else concept_id

    def listed_concepts(self) -> ListedConcepts:
        """Every concept's listing fields in order, kept as one ``marshal`` record of four
        columns (plain data: strings and tuples, nothing that runs on load) once read: a
        listing of 10 000 concepts then costs one row. Any change of the concepts drops it
        (``rows``)."""
        if self._staged:
            return ListedConcepts(*self._read_listing_columns())  # inside a write: keep nothing
        row = self.connection.execute("SELECT value FROM meta WHERE name='listing'").fetchone()
        if row is not None:
            try:
                return ListedConcepts(*marshal.loads(row[0]))
            except (ValueError, EOFError, TypeError) as error:
                raise IndexUnavailable(f"the listing row does not load: {error!r}") from error
        try:  # read and store in one write transaction: an ``add`` cannot slip in between
            self.connection.execute("BEGIN IMMEDIATE")
            columns = self._read_listing_columns()
            self.connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('listing', ?)", (marshal.dumps(columns),)
            )
            self.connection.commit()
        except sqlite3.Error:
            if self.connection.in_transaction:
                self.connection.rollback()
            columns = self._read_listing_columns()  # a busy or read-only cache: this call only
        return ListedConcepts(*columns)

    def _read_listing_columns(self) -> _ListingColumns:
        """Equal lists of codes are one object: ``marshal`` then stores each once."""
        rows = self._rows(
            "SELECT id, terme, chapitres, domaines FROM concepts ORDER BY sort_key, id"
        )
        if not rows:
            return (), (), (), ()
        ids, terms, chapters, domains = zip(*rows, strict=True)
        codes: dict[str, tuple[str, ...]] = {}

        def shared(stored: str) -> tuple[str, ...]:
            return codes.get(stored) or codes.setdefault(stored, split(stored))

        return ids, terms, tuple(map(shared, chapters)), tuple(map(shared, domains))

    def ids_for_lookup_key(self, key: str) -> set[str]:
        return {row[0] for row in self._rows("SELECT concept_id FROM lookup WHERE key=?", key)}

    def lookup_pairs(self) -> Iterable[tuple[str, str, str]]:
        return cast(
            list[tuple[str, str, str]],
            self._rows(
                "SELECT l.key, l.concept_id, c.terme "
                "FROM lookup l JOIN concepts c ON c.id = l.concept_id"
            ),
        )

    def search_candidates(self, needle: str, limit: int | None) -> tuple[list[Concept], int]:
        """SQLite scans the narrow ``texts`` rows and sorts the matching ids; only the entries
        shown are then read. An index SQLite cannot search (built by a Python whose SQLite has
        trigrams, read by one without) is searched like the memory catalog."""
        matching, parameter = self._matching_rows(needle)
        try:
            rows = self._rows(
                f"SELECT id FROM texts WHERE rowid IN ({matching}) "
                "ORDER BY instr(folded_term, ?) = 0, sort_key, id",
                parameter,
                needle,
            )
        except sqlite3.OperationalError:
            return matching_concepts(self.sorted_concepts(), needle, limit)
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
                found[concept_id] = _concept(data)
        return [found[concept_id] for concept_id in ids]

    # -- references -------------------------------------------------------------------

    @property
    def references(self) -> Mapping[str, Reference]:
        return _References(self)

    def canonical_key(self, key: str) -> str | None:
        if self.connection.execute("SELECT 1 FROM refs WHERE key=?", (key,)).fetchone():
            return key
        row = self.connection.execute("SELECT key FROM aliases WHERE alias=?", (key,)).fetchone()
        if row:
            return str(row[0])
        # As BibTeX compares keys: case ignored, when that names one entry only.
        rows = self._rows(
            "SELECT key FROM refs WHERE key=? COLLATE NOCASE "
            "UNION SELECT key FROM aliases WHERE alias=? COLLATE NOCASE",
            key,
            key,
        )
        return str(rows[0][0]) if len(rows) == 1 else None

    def decoded(self, key: str) -> Reference | None:
        """The entry stored under exactly ``key``, decoded once per process."""
        if key not in self._decoded:
            self._decoded[key] = self._decode(key)
        return self._decoded[key]

    def _decode(self, key: str) -> Reference | None:
        from glossaire.loading.bibtex_refs import RawEntry, decode_entry

        row = self.connection.execute(
            "SELECT path, line, raw FROM refs WHERE key=?", (key,)
        ).fetchone()
        if row is None:
            return None
        path, line, raw = row
        entry = RawEntry(key, Location(Path(path), line), raw, ())
        return decode_entry(entry, self._strings(entry.location.path))

    def works_holding(self, identities: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
        """Looked up in ``works`` (filled at build time from the few decoded fields the
        identities read); only the entries found are decoded, and one that does not decode
        is passed over, as it is absent from the memory catalog."""
        wanted = {identity_text(identity): identity for identity in identities}
        found: dict[tuple[str, ...], str] = {}
        for text, key in holders(self.connection, list(wanted)):
            if wanted[text] not in found and self.decoded(key) is not None:
                found[wanted[text]] = key
        return found

    def _strings(self, path: Path) -> list[str]:
        row = self.connection.execute(
            "SELECT value FROM meta WHERE name=?", (f"strings:{path}",)
        ).fetchone()
        return cast(list[str], loads(row[0])) if row else []

    # -- the whole data set -----------------------------------------------------------

    @property
    def facts(self) -> DataFacts:
        return self._facts

    # -- rendered citations -----------------------------------------------------------

    def cached_citations(
        self, style_id: str, output: str, cites: list[CitationKey]
    ) -> dict[CitationKey, Rendered]:
        found = {}
        for key, page in cites:
            row = self.connection.execute(
                "SELECT in_text, full, depends FROM citations "
                "WHERE style=? AND key=? AND page=? AND output=?",
                (style_id, key, page, output),
            ).fetchone()
            if row:
                found[(key, page)] = (str(row[0]), str(row[1]), str(row[2]))
        return found

    def remember_citations(
        self, style_id: str, output: str, rendered: Mapping[CitationKey, Rendered]
    ) -> None:
        try:
            self.connection.executemany(
                "INSERT OR REPLACE INTO citations VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(style_id, key, page, output, *texts) for (key, page), texts in rendered.items()],
            )
            self.connection.commit()
        except sqlite3.Error:
            pass  # a read-only or busy cache only costs a new rendering next time

    def namesakes(self, reference: Reference) -> list[Reference]:
        key = namesake_key(reference)
        if not key:
            return []
        rows = self._rows("SELECT key FROM refs WHERE namesake=? ORDER BY rowid", key)
        found = (self.references.get(row[0]) for row in rows if row[0] != reference.key)
        return [other for other in found if other is not None]

    # -- writes -----------------------------------------------------------------------

    def vouches_utf8(self, path: Path) -> bool:
        """The index was just found fresh (so the file is unchanged since its last build),
        and that build read it as UTF-8, without any warning."""
        known = self.connection.execute(
            "SELECT 1 FROM sources WHERE path=?", (str(path.resolve()),)
        ).fetchone()
        target = path.resolve()
        return known is not None and not any(
            w.location.path.resolve() == target for w in self._facts.warnings
        )

    def stage(self, entries: StagedEntries) -> None:
        """Inside one SQLite transaction, committed with the write or rolled back."""
        self.discard_staged()
        self._staged = True
        try:
            self._insert_staged(entries)
        except sqlite3.Error as error:  # locked by another process, read-only, damaged
            self.discard_staged()
            raise CatalogUnavailable(str(error)) from error

    def _insert_staged(self, entries: StagedEntries) -> None:
        connection = self.connection
        # Another process may have written since this catalog was opened (``define`` locks
        # the user's folder, ``add`` the group's, and both keep this index): the facts the
        # write builds on are read again once the index is ours.
        if connection.in_transaction:
            connection.commit()  # nothing of ours is pending: a cache row at most
        connection.execute("BEGIN IMMEDIATE")
        self._facts = cast(DataFacts, loads(self._meta("facts")))
        insert_concepts(connection, list(entries.concepts))
        insert_references(
            connection,
            [
                (
                    r.reference.key,
                    r.reference.location.path,
                    r.reference.location.line,
                    r.raw,
                    r.reference.aliases,
                    namesake_key(r.reference),
                    work_identities(r.reference),
                )
                for r in entries.references
            ],
        )
        for new in entries.references:
            self._decoded[new.reference.key] = new.reference
        if entries.strings:
            path = entries.references[0].reference.location.path if entries.references else None
            if path is not None:
                strings = [*self._strings(path), *entries.strings]
                connection.execute(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"strings:{path}", dumps(strings))
                )
        self._facts = facts_with(self._facts, entries)
        connection.execute("UPDATE meta SET value=? WHERE name='facts'", (dumps(self._facts),))

    def commit_staged(self, path: Path, data: bytes) -> None:
        """Best effort: if the index cannot record the write, the file's new mtime makes the
        next command rebuild it, so it is never served stale."""
        self._staged = False
        try:
            info = path.stat()
            # The parse a rebuild would reuse for this file describes it before the write.
            self.connection.execute(
                "DELETE FROM meta WHERE name = ?", (f"parsed:{path.resolve()}",)
            )
            self.connection.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
                (
                    str(path.parent.resolve() / path.name),  # as current_sources names it
                    info.st_size,
                    info.st_mtime_ns,
                    zlib.crc32(data),
                    time.time_ns(),
                ),
            )
            self.connection.commit()
        except (OSError, sqlite3.Error):
            with contextlib.suppress(sqlite3.Error):
                self.connection.rollback()

    def discard_staged(self) -> None:
        if not self._staged:
            return
        self._staged = False
        self._decoded.clear()
        self.__dict__.pop("concepts", None)
        try:
            self.connection.rollback()
            self._facts = cast(DataFacts, loads(self._meta("facts")))
        except sqlite3.Error:
            pass  # nothing was committed: the next command finds the index as it was

    # -- helpers ----------------------------------------------------------------------

    def _rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params).fetchall()

    def _meta(self, name: str) -> bytes:
        row = self.connection.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
        if row is None:
            raise sqlite3.DatabaseError(f"no {name} in the index")
        return bytes(row[0])


_ListingColumns = tuple[
    tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]
]


def _concept(blob: bytes) -> Concept:
    return cast(Concept, loads(blob))


class _Concepts(Mapping[str, Concept]):
    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.connection = connection
        self.path = path  # the index file, thrown away if it turns out to be damaged

    def __getitem__(self, concept_id: str) -> Concept:
        row = self.connection.execute(
            "SELECT data FROM bodies WHERE id=?", (concept_id,)
        ).fetchone()
        if row is None:
            raise KeyError(concept_id)
        return _concept(row[0])

    def __contains__(self, concept_id: object) -> bool:
        return bool(
            self.connection.execute("SELECT 1 FROM concepts WHERE id=?", (concept_id,)).fetchone()
        )

    def __iter__(self) -> Iterator[str]:
        return (
            row[0]
            for row in self.connection.execute("SELECT id FROM concepts ORDER BY sort_key, id")
        )

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM concepts").fetchone()[0])


class _DecodedValues(ValuesView[Reference]):
    """Every reference that decodes: an entry whose LaTeX cannot be decoded (the files report
    it as « latex-invalide ») reads as absent, as it is absent from the memory catalog."""

    _mapping: _References

    def __iter__(self) -> Iterator[Reference]:
        for key in self._mapping:
            reference = self._mapping.catalog.decoded(key)
            if reference is not None:
                yield reference


class _References(Mapping[str, Reference]):
    def __init__(self, catalog: IndexedCatalog) -> None:
        self.catalog = catalog

    def __getitem__(self, key: str) -> Reference:
        reference = self.catalog.decoded(key)
        if reference is None:
            raise KeyError(key)
        return reference

    def __contains__(self, key: object) -> bool:
        return bool(
            self.catalog.connection.execute("SELECT 1 FROM refs WHERE key=?", (key,)).fetchone()
        )

    def values(self) -> ValuesView[Reference]:
        return _DecodedValues(self)

    def __iter__(self) -> Iterator[str]:
        return (
            row[0] for row in self.catalog.connection.execute("SELECT key FROM refs ORDER BY rowid")
        )

    def __len__(self) -> int:
        return int(self.catalog.connection.execute("SELECT count(*) FROM refs").fetchone()[0])
