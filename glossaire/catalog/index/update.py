"""Keep the index in step with a write made under the folder lock, so the next read is warm."""

from __future__ import annotations

import sqlite3
import time
import zlib
from pathlib import Path

from glossaire.catalog.index.build import insert_concepts
from glossaire.catalog.index.indexed import IndexedCatalog
from glossaire.catalog.index.store import dumps, loads
from glossaire.model.concept import Concept
from glossaire.model.personal import PersonalDefinition


def concept_added(catalog: IndexedCatalog, path: Path, concept: Concept, data: bytes) -> None:
    """Best effort: if the index cannot be updated, the changed mtime makes the next command
    rebuild it, so it is never served stale."""
    connection = catalog.connection
    try:
        insert_concepts(connection, [concept])
        _record_source(connection, path, data)
        _count_in_layer(connection, path)
        connection.commit()
    except sqlite3.Error:
        connection.rollback()


def personal_added(
    catalog: IndexedCatalog, path: Path, definition: PersonalDefinition, data: bytes
) -> None:
    """A new « Ma définition » version: the snapshot gains it, the source gets its new hash."""
    connection = catalog.connection
    try:
        row = connection.execute("SELECT value FROM meta WHERE name='snapshot'").fetchone()
        snapshot = loads(row[0])
        snapshot["personal"].setdefault(definition.concept_id, []).append(definition)  # type: ignore[index]
        connection.execute("UPDATE meta SET value=? WHERE name='snapshot'", (dumps(snapshot),))
        _record_source(connection, path, data)
        connection.commit()
    except sqlite3.Error:
        connection.rollback()


def _record_source(connection: sqlite3.Connection, path: Path, data: bytes) -> None:
    info = path.stat()
    connection.execute(
        "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
        (str(path.resolve()), info.st_size, info.st_mtime_ns, zlib.crc32(data), time.time_ns()),
    )


def _count_in_layer(connection: sqlite3.Connection, path: Path) -> None:
    row = connection.execute("SELECT value FROM meta WHERE name='snapshot'").fetchone()
    snapshot = loads(row[0])
    layers = []
    for layer in snapshot["layers"]:  # type: ignore[index]
        if layer.folder == path.parent:
            files = layer.files if path in layer.files else (*layer.files, path)
            layer = layer._replace(exists=True, concept_count=layer.concept_count + 1, files=files)
        layers.append(layer)
    snapshot["layers"] = layers  # type: ignore[index]
    connection.execute("UPDATE meta SET value=? WHERE name='snapshot'", (dumps(snapshot),))
