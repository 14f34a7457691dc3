"""A damaged index never stops a command (issue 14, item 4): whatever breaks inside the cache
file (a row that will not load, a dropped table, a page of zeros), every command answers
from the files, the first time, exactly as without the index, and the next one rebuilds it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke

CONCEPTS = (
    "- id: maillage\n  terme: Maillage\n  parent: reseau\n  definitions:\n"
    '    - texte: "Un filet de partenaires."\n      source: dhume2001\n      page: "12"\n'
)
COMMANDS = [
    ("show", "maillage"),
    ("show", "réseau"),
    ("search", "filet"),
    ("list",),
    ("cite", "dhume2001", "-p", "111"),
    ("biblio", "--tout"),
    ("compare", "réseau", "maillage"),
    ("info",),
    ("livret",),
]


def _rows_that_will_not_load(connection: sqlite3.Connection) -> None:
    connection.execute("UPDATE bodies SET data = x'8004deadbeef'")
    connection.execute("UPDATE meta SET value = x'00' WHERE name = 'listing'")


def _dropped_tables(connection: sqlite3.Connection) -> None:
    connection.execute("DROP TABLE lookup")
    connection.execute("DROP TABLE refs")


DAMAGE: dict[str, Callable[[sqlite3.Connection], None]] = {
    "unloadable rows": _rows_that_will_not_load,
    "dropped tables": _dropped_tables,
}


def _answers(invoke: Invoke, folder: Path, env: dict[str, str] | None = None) -> list[object]:
    found = []
    for command in COMMANDS:
        result = invoke("--data", str(folder), *command, "--format", "json", env=env)
        assert result.exit_code == 0, (command, result.stderr)
        assert "Erreur" not in result.stderr
        found.append(json.loads(result.stdout))
    return found


def _index(tmp_path: Path) -> Path:
    [index] = (tmp_path / "cache").glob("index-*.sqlite")
    return index


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_every_command_answers_from_the_files_when_the_index_is_damaged(
    invoke: Invoke, group, tmp_path: Path, damage: str
) -> None:
    folder = group(concepts=CONCEPTS)
    expected = _answers(invoke, folder, env={"GLOSSAIRE_INDEX": "0"})
    for position, command in enumerate(COMMANDS):  # each command meets the damage first
        for old in (tmp_path / "cache").glob("index-*.sqlite"):
            old.unlink()
        assert invoke("--data", str(folder), "info").exit_code == 0  # a new, sound index
        connection = sqlite3.connect(_index(tmp_path))
        DAMAGE[damage](connection)
        connection.commit()
        connection.close()
        result = invoke("--data", str(folder), *command, "--format", "json")
        assert result.exit_code == 0, (command, result.stderr)
        assert json.loads(result.stdout) == expected[position], command


def test_a_page_of_zeros_in_the_index_file(invoke: Invoke, group, tmp_path: Path) -> None:
    folder = group(concepts=CONCEPTS)
    expected = _answers(invoke, folder, env={"GLOSSAIRE_INDEX": "0"})
    assert invoke("--data", str(folder), "list").exit_code == 0
    index = _index(tmp_path)
    data = bytearray(index.read_bytes())
    for start in range(4096, len(data), 8192):  # every other page after the header
        data[start : start + 4096] = bytes(min(4096, len(data) - start))
    index.write_bytes(bytes(data))
    assert _answers(invoke, folder) == expected


def test_adding_with_a_damaged_index(invoke: Invoke, group, tmp_path: Path) -> None:
    folder = group(concepts=CONCEPTS)
    assert invoke("--data", str(folder), "list").exit_code == 0
    connection = sqlite3.connect(_index(tmp_path))
    _rows_that_will_not_load(connection)
    connection.commit()
    connection.close()
    result = invoke(
        "--data", str(folder), "add", "noeud", "--terme", "Nœud", "--definition", "Un point.",
        "--source", "atelier2016", "--parent", "maillage",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    card = json.loads(invoke("--data", str(folder), "show", "noeud", "-f", "json").stdout)
    assert card["parent"] == "maillage"


class _Payload:
    """What a pickle-reading cache would run when loading the row."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_a_planted_row_runs_nothing(invoke: Invoke, group, tmp_path: Path) -> None:
    """The index stores plain data and rebuilds only the model's own types: a row written by
    someone else (pickle, a marshalled code object) is refused, never run."""
    import marshal
    import pickle

    folder = group(concepts=CONCEPTS)
    expected = _answers(invoke, folder, env={"GLOSSAIRE_INDEX": "0"})
    marker = tmp_path / "execute"
    deep: object = ()
    for _ in range(900):
        deep = ("t", (deep,))
    plants = (
        pickle.dumps(_Payload(marker)),
        marshal.dumps(compile("1", "x", "eval")),
        marshal.dumps(("d", "x")),
        marshal.dumps(deep),
    )
    for planted in plants:
        for old in (tmp_path / "cache").glob("index-*.sqlite"):
            old.unlink()
        assert invoke("--data", str(folder), "info").exit_code == 0
        connection = sqlite3.connect(_index(tmp_path))
        connection.execute("UPDATE bodies SET data = ?", (planted,))
        connection.execute("UPDATE meta SET value = ? WHERE name = 'facts'", (planted,))
        connection.commit()
        connection.close()
        assert _answers(invoke, folder) == expected
        assert not marker.exists()
