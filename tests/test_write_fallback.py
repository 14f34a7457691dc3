"""A write never fails because of the cache: an index that cannot take the staged entries
(locked by another process, read-only, damaged) hands the write over to the files."""

from __future__ import annotations

import json
import sqlite3

import pytest

from glossaire.catalog.index.indexed import IndexedCatalog
from tests.conftest import Invoke


def test_add_goes_through_the_files_when_the_index_cannot_stage(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    assert invoke("--data", str(folder), "show", "a").exit_code == 0  # builds the index
    calls: list[str] = []

    def locked(self: IndexedCatalog, entries: object) -> None:
        calls.append("stage")
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(IndexedCatalog, "_insert_staged", locked)
    result = invoke(
        "--data", str(folder), "add", "b", "--terme", "B", "--definition", "Déf.",
        "--source", "atelier2016", "--parent", "a",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert calls == ["stage"]  # the index was asked, failed, and the files took over
    assert '- id: "b"' in (folder / "concepts.yaml").read_text("utf-8")
    monkeypatch.undo()
    card = json.loads(invoke("--data", str(folder), "show", "b", "-f", "json").stdout)
    assert card["parent"] == "a"  # the next read sees it (the index is rebuilt: new mtime)


def test_a_refusal_is_the_same_when_the_index_cannot_stage(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    before = (folder / "concepts.yaml").read_bytes()
    monkeypatch.setattr(
        IndexedCatalog,
        "_insert_staged",
        lambda self, entries: (_ for _ in ()).throw(sqlite3.DatabaseError("malformed")),
    )
    result = invoke(
        "--data", str(folder), "add", "b", "--terme", "B", "--definition", "Déf.",
        "--source", "atelier2016", "--parent", "inconnu",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "« parent: inconnu » désigne un concept qui n'existe pas" in result.stderr
    assert (folder / "concepts.yaml").read_bytes() == before
