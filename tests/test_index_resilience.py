"""Trouble with the index is never the user's: a damaged, busy, outdated or misplaced cache
file, an SQLite without trigrams, a write the index cannot record. Commands answer as the
files do, and the index is kept or rebuilt without a word."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from glossaire.catalog.contract import StagedEntries
from glossaire.catalog.index import store
from glossaire.catalog.index.build import open_indexed
from glossaire.loading.yaml_concepts import parse_concepts
from tests.conftest import Invoke

CONCEPTS = (
    "- id: maillage\n  terme: Maillage\n  definitions:\n"
    '    - texte: "Un filet de partenaires."\n      source: atelier2016\n      nature: atelier\n'
)
FILES = {"GLOSSAIRE_INDEX": "0"}


def _json(invoke: Invoke, *args: str, env: dict[str, str] | None = None) -> object:
    result = invoke(*args, "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _answers(invoke: Invoke, folder: Path, env: dict[str, str] | None = None) -> list[object]:
    data = ("--data", str(folder))
    return [
        _json(invoke, *data, "show", "maillage", env=env),
        _json(invoke, *data, "search", "filet", env=env),
        _json(invoke, *data, "cite", "dhume2001", "-p", "111", env=env),
    ]


def _index_file(folder: Path) -> Path:
    """Where the index of ``--data folder`` lives (under the test's cache folder)."""
    return store.index_path(store.source_folders(str(folder)))


@contextmanager
def _sql(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def warm(invoke: Invoke, group: Callable[..., Path]) -> Path:
    """A group folder whose index is built."""
    folder = group(concepts=CONCEPTS)
    _answers(invoke, folder)
    assert _index_file(folder).is_file()
    return folder


def test_an_index_without_its_facts_is_bypassed(invoke: Invoke, warm: Path) -> None:
    """A valid SQLite file that lost a row the catalog needs: the files answer instead."""
    with _sql(_index_file(warm)) as connection:
        connection.execute("DELETE FROM meta WHERE name = 'facts'")
    assert _answers(invoke, warm) == _answers(invoke, warm, env=FILES)


def test_an_index_of_an_older_schema_is_rebuilt_from_scratch(invoke: Invoke, warm: Path) -> None:
    """An index written by another version of glossaire: nothing of it is reused."""
    with _sql(_index_file(warm)) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE name = 'schema'")
    (warm / "concepts.yaml").write_text(CONCEPTS.replace("Maillage", "Maille"), "utf-8")
    answers = _answers(invoke, warm)
    assert answers[0]["terme"] == "Maille"
    assert answers == _answers(invoke, warm, env=FILES)
    with _sql(_index_file(warm)) as connection:
        schema = connection.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
    assert schema == (store.SCHEMA_VERSION,)


def test_a_folder_where_the_index_should_be_is_left_alone(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """The index cannot be put in place: the files answer, no temporary file is left."""
    folder = group(concepts=CONCEPTS)
    blocking = _index_file(folder)
    blocking.mkdir(parents=True)
    assert _answers(invoke, folder) == _answers(invoke, folder, env=FILES)
    assert blocking.is_dir() and not list(blocking.iterdir())
    assert [p.name for p in blocking.parent.iterdir()] == [blocking.name]


def test_a_touched_file_keeps_its_index(invoke: Invoke, warm: Path) -> None:
    """Same content, new modification time (a copy, a sync): the index is kept, not rebuilt,
    and remembers the new time so as not to read the file again next time."""
    index = _index_file(warm)
    inode = index.stat().st_ino
    path = warm / "concepts.yaml"
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    assert _answers(invoke, warm) == _answers(invoke, warm, env=FILES)
    assert index.stat().st_ino == inode
    with _sql(index) as connection:
        stored = connection.execute(
            "SELECT mtime_ns FROM sources WHERE path = ?", (str(path.resolve()),)
        ).fetchone()
    assert stored == (later,)


def test_a_busy_index_still_answers(invoke: Invoke, warm: Path) -> None:
    """Another process holds the index's write lock: reading commands answer (they only
    give up remembering what they found, a new modification time, rendered citations)."""
    path = warm / "concepts.yaml"
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    holder = sqlite3.connect(_index_file(warm), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        answers = _answers(invoke, warm)
        text = invoke("--data", str(warm), "cite", "dumoulin2006")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answers == _answers(invoke, warm, env=FILES)
    assert text.exit_code == 0 and "Dumoulin" in text.stdout


def test_a_busy_index_does_not_stop_a_write(invoke: Invoke, warm: Path) -> None:
    """Two writers in different folders share one index (``define`` locks the user's folder,
    ``add --data`` the group's): a real lock held on the index, not a simulated one, does
    not make ``add`` fail; the files take the write, and the next read sees it."""
    holder = sqlite3.connect(_index_file(warm), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        added = invoke(
            "--data", str(warm), "add", "noeud", "--terme", "Nœud", "--definition", "D.",
            "--source", "atelier2016",
        )  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert added.exit_code == 0, added.stderr
    assert _json(invoke, "--data", str(warm), "show", "noeud")["terme"] == "Nœud"


def test_a_citation_already_rendered_comes_from_the_index(
    invoke: Invoke, warm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second ``cite`` of the same key and page reads the index's rendering: the CSL
    engine is not even started."""
    from glossaire.citation import engine

    first = invoke("--data", str(warm), "cite", "dumoulin2006", "-p", "12")
    assert first.exit_code == 0, first.stderr

    def no_engine(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the CSL engine was started")

    monkeypatch.setattr(engine, "render", no_engine)
    again = invoke("--data", str(warm), "cite", "dumoulin2006", "-p", "12")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout and "Dumoulin" in again.stdout


def test_a_write_the_index_cannot_record_is_read_from_the_file_next_time(
    invoke: Invoke, warm: Path
) -> None:
    """``commit_staged`` is best effort: when it fails, the staged rows are dropped, and the
    file's new bytes make the next command rebuild the index."""
    path = warm / "concepts.yaml"
    catalog = open_indexed(str(warm))
    new_text = CONCEPTS + "- id: noeud\n  terme: Nœud\n"
    (noeud,) = [c for c in parse_concepts(new_text, path).concepts if c.id == "noeud"]
    catalog.stage(StagedEntries(concepts=(noeud,)))
    path.write_text(new_text, "utf-8")
    catalog.commit_staged(warm / "disparu.yaml", new_text.encode())  # cannot be recorded
    assert "noeud" not in catalog.concepts  # rolled back, not half kept
    catalog.discard_staged()
    assert _json(invoke, "--data", str(warm), "show", "noeud")["terme"] == "Nœud"
    assert _answers(invoke, warm) == _answers(invoke, warm, env=FILES)


def test_an_sqlite_without_trigrams_gets_a_plain_search_table(
    invoke: Invoke, group: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building the trigram table fails (an SQLite older than 3.34): the index is built
    with a plain table, which ``search`` scans, and finds the same."""
    monkeypatch.setattr(
        store, "TRIGRAM_TABLE", "CREATE VIRTUAL TABLE search USING fts5(folded, tokenize='nul')"
    )
    folder = group(concepts=CONCEPTS)
    answers = _answers(invoke, folder)
    with _sql(_index_file(folder)) as connection:
        (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name='search'").fetchone()
    assert "fts5" not in sql.lower()
    assert answers == _answers(invoke, folder, env=FILES)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders")
def test_the_cache_goes_to_the_users_cache_folder_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without GLOSSAIRE_CACHE_DIR the index lives in the platform's cache folder."""
    monkeypatch.delenv("GLOSSAIRE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert store.cache_dir() == tmp_path / "xdg" / "glossaire"
