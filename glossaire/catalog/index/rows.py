"""The index's rows for entries: written by a whole build and by a write's staged entries
alike, so an entry added by ``add`` is stored exactly as a rebuild would store it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from glossaire.catalog.index.store import dumps
from glossaire.catalog.matching import folded, lookup_keys, searchable_text
from glossaire.model.concept import Concept
from glossaire.text import french_sort_key

SEPARATOR = "\x1f"  # unit separator: never in a chapter or domain code


def joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def split(value: str) -> tuple[str, ...]:
    return tuple(value.split(SEPARATOR)) if value else ()


def sort_key(term: str) -> str:
    """``french_sort_key`` as one string SQLite orders the same way (code points, \\x01
    below any character a term holds)."""
    return "\x01".join(french_sort_key(term))


def insert_concepts(connection: sqlite3.Connection, concepts: list[Concept]) -> None:
    """Rows for these concepts: listing columns, whole entries, search text, lookup keys."""
    connection.executemany(
        "INSERT OR REPLACE INTO concepts VALUES (?, ?, ?, ?, ?, ?)",
        [
            (c.id, c.terme, sort_key(c.terme), c.parent, joined(c.chapitres), joined(c.domaines))
            for c in concepts
        ],
    )
    connection.execute("DELETE FROM meta WHERE name = 'listing'")  # made again when read
    connection.executemany(
        "INSERT OR REPLACE INTO bodies VALUES (?, ?)", [(c.id, dumps(c)) for c in concepts]
    )
    replaced = [(c.id,) for c in concepts]
    connection.executemany(
        "DELETE FROM search WHERE rowid IN (SELECT rowid FROM texts WHERE id = ?)", replaced
    )
    connection.executemany("DELETE FROM texts WHERE id = ?", replaced)
    connection.executemany("DELETE FROM lookup WHERE concept_id = ?", replaced)
    last = connection.execute("SELECT coalesce(max(rowid), 0) FROM texts").fetchone()[0]
    rowids = range(last + 1, last + 1 + len(concepts))
    connection.executemany(
        "INSERT INTO texts (rowid, id, folded_term, sort_key) VALUES (?, ?, ?, ?)",
        [
            (rowid, c.id, folded(c.terme), sort_key(c.terme))
            for rowid, c in zip(rowids, concepts, strict=True)
        ],
    )
    connection.executemany(
        "INSERT INTO search (rowid, folded) VALUES (?, ?)",
        [(rowid, searchable_text(c)) for rowid, c in zip(rowids, concepts, strict=True)],
    )
    connection.executemany(
        "INSERT INTO lookup VALUES (?, ?)",
        [(key, c.id) for c in concepts for key in lookup_keys(c)],
    )


ReferenceRow = tuple[str, Path, int | None, str, tuple[str, ...], str, Iterable[tuple[str, ...]]]


def identity_text(identity: tuple[str, ...]) -> str:
    """A work identity as the ``works`` table stores it: one string, one index lookup."""
    return SEPARATOR.join(identity)


def insert_references(connection: sqlite3.Connection, rows: list[ReferenceRow]) -> None:
    """(key, path, line, raw text, aliases, namesake key, work identities) of BibTeX
    entries, kept undecoded. New references can change how their namesakes are cited
    (1980a, 1980b): the rendered citations are dropped with them."""
    connection.executemany(
        "INSERT INTO refs VALUES (?, ?, ?, ?, ?)",
        [(key, str(path), line, raw, namesake) for key, path, line, raw, _, namesake, _ in rows],
    )
    connection.executemany(
        "INSERT INTO works VALUES (?, ?)",
        [(identity_text(identity), row[0]) for row in rows for identity in row[6]],
    )
    if rows:
        connection.execute("DELETE FROM citations")
    keys = {row[0] for row in rows}
    connection.executemany(
        "INSERT OR REPLACE INTO aliases VALUES (?, ?)",  # the last entry wins, as in memory
        [(alias, row[0]) for row in rows for alias in row[4] if alias not in keys],
    )


def holders(connection: sqlite3.Connection, texts: list[str]) -> list[tuple[str, str]]:
    """(identity, key) of the entries holding these stored identities, in file order."""
    found: list[tuple[str, str]] = []
    for start in range(0, len(texts), 500):  # a few SQL variables at a time
        chunk = texts[start : start + 500]
        found += connection.execute(
            "SELECT w.identity, w.key FROM works w JOIN refs r ON r.key = w.key "
            f"WHERE w.identity IN ({', '.join('?' * len(chunk))}) ORDER BY r.rowid",
            chunk,
        ).fetchall()
    return found
