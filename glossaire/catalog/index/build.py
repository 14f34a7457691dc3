"""Open the index for a set of data folders, building it first when the sources changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.catalog.index.indexed import IndexedCatalog
from glossaire.catalog.index.rows import insert_concepts, insert_references
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

if TYPE_CHECKING:
    from glossaire.model.dataset import DataSet


def open_indexed(data_option: str | None) -> IndexedCatalog:
    """The warm index, or a fresh one; ``IndexUnavailable`` when the files must be read
    directly (unreadable sources, so the normal path reports them; unusable cache)."""
    folders = list(dict.fromkeys(source_folders(data_option)))
    try:
        "".join(map(str, folders)).encode("utf-8")
    except UnicodeEncodeError:  # a folder name that is not UTF-8: SQLite keeps text only
        raise IndexUnavailable("a data folder's name is not UTF-8") from None
    sources = current_sources(folders)
    path = index_path(folders)
    connection = open_fresh(path, sources)
    if connection is None:
        connection = _rebuild(data_option, path, sources)
    try:
        return IndexedCatalog(connection, path)
    except Exception as error:  # a damaged cache file: whatever it raises, read the files
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
    insert_references(
        connection,
        [
            (k, e.location.path, e.location.line, e.raw, e.aliases, e.namesake, e.works)
            for k, e in raw.items()
        ],
    )
    for path, parsed in dataset.raw_files.items():
        connection.execute(
            "INSERT INTO meta VALUES (?, ?)", (f"strings:{path}", dumps(parsed.strings))
        )
        store_parse(connection, path.resolve(), parsed)  # found again by its absolute path
    connection.execute("INSERT INTO meta VALUES ('facts', ?)", (dumps(dataset.facts()),))
