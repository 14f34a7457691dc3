"""What a review of the write pipeline found, each kept fixed: stale index parses after a
write, entries that cannot be decoded, anchors, linked folders, the user's settings file,
and refusals that speak of the option rather than of a line never written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import Invoke

pytestmark = pytest.mark.usefixtures("index_mode")

ROUX = (
    "@book{roux2013, author = {Roux, Léa}, title = {Le travail en réseau},"
    " publisher = {Dunod}, year = {2013}}\n"
)


def _ok(invoke: Invoke, *args: str, input: str | None = None):
    result = invoke(*args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def test_a_reference_added_survives_the_next_rebuild(invoke: Invoke, group) -> None:
    """After ``add-ref``, a hand edit of another file rebuilds the index: the .bib it reuses
    must be the one written, not the parse from before the write."""
    folder = group(concepts="- id: a\n  terme: A\n", references="% groupe\n")
    data = ("--data", str(folder))
    _ok(invoke, *data, "info")
    _ok(invoke, *data, "add-ref", input=ROUX)
    concepts = folder / "concepts.yaml"
    concepts.write_text(concepts.read_text("utf-8") + "# modifié à la main\n", "utf-8")
    stat = concepts.stat()
    os.utime(concepts, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert "ROUX" in _ok(invoke, *data, "cite", "roux2013").stdout


def test_an_entry_that_cannot_be_decoded_reads_as_absent(invoke: Invoke, group) -> None:
    folder = group(references=ROUX + "@book{bad2000, title = {A \\verb}, year = 2000}\n")
    result = _ok(invoke, "--data", str(folder), "biblio", "--tout")
    assert "ROUX" in result.stdout and "bad2000" not in result.stdout


def test_add_after_items_using_yaml_anchors(invoke: Invoke, group) -> None:
    folder = group(
        concepts="- id: a\n  terme: A\n  chapitres: &ch [\"4.2\"]\n"
        "- id: b\n  terme: B\n  chapitres: *ch\n"
    )
    _ok(
        invoke, "--data", str(folder), "add", "c", "--terme", "C", "--definition", "D.",
        "--source", "atelier2016",
    )  # fmt: skip
    assert json.loads(_ok(invoke, "--data", str(folder), "show", "b", "-f", "json").stdout)[
        "chapitres"
    ] == ["4.2"]


def test_a_linked_group_folder_is_the_same_layer(invoke: Invoke, group, tmp_path: Path) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    link = tmp_path / "lien"
    link.symlink_to(folder, target_is_directory=True)
    _ok(invoke, "--data", str(folder), "info")
    _ok(
        invoke, "--data", str(link), "add", "b", "--terme", "B", "--definition", "D.",
        "--source", "atelier2016",
    )  # fmt: skip
    info = json.loads(_ok(invoke, "--data", str(folder), "info", "-f", "json").stdout)
    assert [layer["concepts"] for layer in info["couches"]][1] == 2, info


def test_a_refused_option_is_named_not_a_line_never_written(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    result = invoke(
        "--data", str(folder), "add", "b", "--terme", "B", "--definition", "D.",
        "--source", "atelier2016", "--nature", "citacion",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "la nature « citacion » n'existe pas" in result.stderr
    assert "concepts.yaml:" not in result.stderr


def test_an_alias_taken_is_said_to_be_an_alias(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    entry = (
        "@book{autre2001, ids = {dhume2001}, author = {X, Y}, title = {Z},"
        " publisher = {P}, year = {2001}}"
    )
    result = invoke("--data", str(folder), "add-ref", input=entry)
    assert result.exit_code == 1
    assert "l'alias « dhume2001 » (champ ids de « autre2001 »)" in result.stderr


def test_style_keeps_the_settings_file_as_written(invoke: Invoke, tmp_path: Path) -> None:
    """BOM, CRLF and a table's own ``style`` key stay; the top-level key is what changes."""
    config = tmp_path / "réglages" / "config.toml"
    config.parent.mkdir()
    config.write_bytes('\ufeff# mes réglages\r\n[export]\r\nstyle = "chicago"\r\n'.encode())
    _ok(invoke, "style", "apa")
    assert config.read_bytes() == (
        '\ufeff# mes réglages\r\nstyle = "apa"\r\n[export]\r\nstyle = "chicago"\r\n'.encode()
    )
    assert "apa" in _ok(invoke, "style").stdout
