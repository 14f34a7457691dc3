"""Open the index for a set of data folders, building it first when the sources changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.catalog.index.indexed import SEPARATOR, IndexedCatalog, snapshot_blob
from glossaire.catalog.index.store import (
    IndexUnavailable,
    SourceState,
    current_sources,
    dumps,
    index_path,
    open_fresh,
    previous_parses,
    record_sources,
    source_folders,
    store_parse,
    store_sources,
    write_new_index,
)
from glossaire.text import french_sort_key, lookup_key, search_fold

if TYPE_CHECKING:
    from glossaire.model.dataset import DataSet


def open_indexed(data_option: str | None) -> IndexedCatalog:
    """The warm index, or a fresh one; ``IndexUnavailable`` when the files must be read
    directly (unreadable sources, so the normal path reports them; unusable cache)."""
    folders = list(dict.fromkeys(source_folders(data_option)))
    sources = current_sources(folders)
    path = index_path(folders)
    connection = open_fresh(path, sources)
    if connection is None:
        connection = _rebuild(data_option, path, sources)
    try:
        return IndexedCatalog(connection)
    except (sqlite3.Error, TypeError, AttributeError) as error:
        raise IndexUnavailable(str(error)) from error


def _rebuild(data_option: str | None, path: Path, sources: list[SourceState]) -> sqlite3.Connection:
    from glossaire.loading.bibtex_refs import RawReferenceFile
    from glossaire.loading.dataset import load_dataset

    unchanged = {
        source: parsed
        for source, parsed in previous_parses(path, sources).items()
        if isinstance(parsed, RawReferenceFile)
    }
    recorded = record_sources(sources)
    dataset = load_dataset(data_option, raw_references=True, unchanged_bib=unchanged)
    if dataset.unreadable:
        raise IndexUnavailable("unreadable source file")

    def fill(connection: sqlite3.Connection) -> None:
        _fill(connection, dataset)
        store_sources(connection, recorded)

    try:
        return write_new_index(path, fill)
    except (OSError, sqlite3.Error) as error:
        raise IndexUnavailable(str(error)) from error


def _fill(connection: sqlite3.Connection, dataset: DataSet) -> None:
    insert_concepts(connection, list(dataset.concepts.values()))
    raw = dataset.raw_references
    connection.executemany(
        "INSERT INTO refs VALUES (?, ?, ?, ?)",
        [(k, str(e.location.path), e.location.line, e.raw) for k, e in raw.items()],
    )
    connection.executemany(
        "INSERT OR IGNORE INTO aliases VALUES (?, ?)",
        [(alias, key) for key, e in raw.items() for alias in e.aliases if alias not in raw],
    )
    for path, parsed in dataset.raw_files.items():
        connection.execute(
            "INSERT INTO meta VALUES (?, ?)", (f"strings:{path}", dumps(parsed.strings))
        )
        store_parse(connection, path.resolve(), parsed)  # found again by its absolute path
    connection.execute("INSERT INTO meta VALUES ('snapshot', ?)", (snapshot_blob(dataset),))


def insert_concepts(connection: sqlite3.Connection, concepts: list) -> None:
    """Rows for these concepts (a whole build, or one ``add``)."""
    from glossaire.services.list import encoded_listing_record
    from glossaire.services.search import searchable_fields

    connection.executemany(
        "INSERT OR REPLACE INTO concepts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                c.id,
                c.terme,
                sort_key(c.terme),
                c.parent,
                SEPARATOR.join(c.chapitres),
                SEPARATOR.join(c.domaines),
                encoded_listing_record(c),
            )
            for c in concepts
        ],
    )
    connection.execute("DELETE FROM meta WHERE name = 'listing'")  # made again when needed
    connection.executemany(
        "INSERT OR REPLACE INTO bodies VALUES (?, ?)", [(c.id, dumps(c)) for c in concepts]
    )
    replaced = [(c.id,) for c in concepts]
    connection.executemany(
        "DELETE FROM search WHERE rowid IN (SELECT rowid FROM texts WHERE id = ?)", replaced
    )
    connection.executemany("DELETE FROM texts WHERE id = ?", replaced)
    last = connection.execute("SELECT coalesce(max(rowid), 0) FROM texts").fetchone()[0]
    rowids = range(last + 1, last + 1 + len(concepts))
    connection.executemany(
        "INSERT INTO texts (rowid, id, folded_term, sort_key) VALUES (?, ?, ?, ?)",
        [
            (rowid, c.id, search_fold(" ".join(c.terme.split())), sort_key(c.terme))
            for rowid, c in zip(rowids, concepts, strict=True)
        ],
    )
    connection.executemany(
        "INSERT INTO search (rowid, folded) VALUES (?, ?)",
        [
            (rowid, search_fold("\n".join(" ".join(t.split()) for _l, t in searchable_fields(c))))
            for rowid, c in zip(rowids, concepts, strict=True)
        ],
    )
    connection.executemany(
        "INSERT INTO lookup VALUES (?, ?)",
        [
            (key, c.id)
            for c in concepts
            for key in {lookup_key(name) for name in (c.id, c.terme, *c.variantes)}
            if key
        ],
    )


def sort_key(term: str) -> str:
    """``french_sort_key`` as one string SQLite orders the same way (code points, \\x01
    below any character a term holds)."""
    return "\x01".join(french_sort_key(term))
