"""The derived index is never stale and never in the way: edits are seen at once, a deleted,
corrupt or unwritable cache gives the same answers as reading the files directly."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import Invoke

CONCEPTS = (
    "- id: maillage\n  terme: Maillage\n  definitions:\n"
    '    - texte: "Un filet de partenaires."\n      source: atelier2016\n      nature: atelier\n'
)


def _json(invoke: Invoke, *args: str) -> object:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _answers(invoke: Invoke, folder: Path) -> list[object]:
    data = ("--data", str(folder))
    return [
        _json(invoke, *data, "show", "maillage"),
        _json(invoke, *data, "list"),
        _json(invoke, *data, "search", "filet"),
        _json(invoke, *data, "cite", "dhume2001", "-p", "111"),
        _json(invoke, *data, "show", "réseau"),
    ]


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("index-*.sqlite")) if cache.is_dir() else []


def test_the_index_is_built_and_gives_the_same_answers_as_the_files(
    invoke: Invoke, group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts=CONCEPTS)
    with_index = _answers(invoke, folder)
    assert _cache_files(tmp_path / "cache")  # the index exists, in the cache folder only
    assert not [p for p in folder.iterdir() if p.suffix == ".sqlite"]
    monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    assert _answers(invoke, folder) == with_index


def test_an_edit_is_seen_by_the_very_next_call(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS)
    assert _json(invoke, "--data", str(folder), "show", "maillage")["terme"] == "Maillage"
    path = folder / "concepts.yaml"
    path.write_text(CONCEPTS.replace("Maillage", "Maillage serré"), "utf-8")
    assert _json(invoke, "--data", str(folder), "show", "maillage")["terme"] == "Maillage serré"


def test_an_edit_keeping_size_and_mtime_is_still_seen(invoke: Invoke, group) -> None:
    """Same size, mtime put back: the content hash decides (recent files are always hashed)."""
    folder = group(concepts=CONCEPTS)
    path = folder / "concepts.yaml"
    _json(invoke, "--data", str(folder), "show", "maillage")
    stat = path.stat()
    path.write_text(CONCEPTS.replace("filet", "fil3t"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    hits = _json(invoke, "--data", str(folder), "search", "fil3t")["resultats"]
    assert [hit["id"] for hit in hits] == ["maillage"]


def test_a_new_bib_file_and_a_write_are_seen(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS)
    _json(invoke, "--data", str(folder), "show", "maillage")
    (folder / "zotero.bib").write_text(
        "@book{roux2013, author = {Roux, L.}, title = {T}, year = 2013, publisher = {P}}\n",
        "utf-8",
    )
    assert _json(invoke, "--data", str(folder), "cite", "roux2013")["cle"] == "roux2013"
    added = invoke(
        "--data",
        str(folder),
        "add",
        "nouveau",
        "--terme",
        "Nouveau",
        "--definition",
        "D",
        "--source",
        "roux2013",
    )
    assert added.exit_code == 0, added.stderr
    assert _json(invoke, "--data", str(folder), "show", "nouveau")["terme"] == "Nouveau"


def test_deleting_the_cache_gives_the_same_answers(invoke: Invoke, group, tmp_path: Path) -> None:
    folder = group(concepts=CONCEPTS)
    first = _answers(invoke, folder)
    for path in _cache_files(tmp_path / "cache"):
        path.unlink()
    assert _answers(invoke, folder) == first


def test_a_corrupt_index_is_rebuilt(invoke: Invoke, group, tmp_path: Path) -> None:
    folder = group(concepts=CONCEPTS)
    first = _answers(invoke, folder)
    for path in _cache_files(tmp_path / "cache"):
        path.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    assert _answers(invoke, folder) == first


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_an_unwritable_cache_is_bypassed(
    invoke: Invoke, group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts=CONCEPTS)
    cache = tmp_path / "lecture-seule"
    cache.mkdir()
    cache.chmod(0o500)
    monkeypatch.setenv("GLOSSAIRE_CACHE_DIR", str(cache))
    assert _json(invoke, "--data", str(folder), "show", "maillage")["terme"] == "Maillage"


def test_a_cache_folder_that_is_a_file_is_bypassed(
    invoke: Invoke, group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts=CONCEPTS)
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x", "utf-8")
    monkeypatch.setenv("GLOSSAIRE_CACHE_DIR", str(blocker))
    assert _json(invoke, "--data", str(folder), "show", "maillage")["terme"] == "Maillage"


def test_unreadable_sources_are_still_reported_with_their_line(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS)
    _json(invoke, "--data", str(folder), "show", "maillage")
    time.sleep(0.01)
    (folder / "concepts.yaml").write_text("- id: a\n  terme: [\n", "utf-8")
    result = invoke("--data", str(folder), "show", "a")
    assert result.exit_code == 1 and "concepts.yaml:" in result.stderr


def test_search_shows_the_first_fifty_concepts_the_same_way_with_or_without_index(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = (
        "".join(
            f"- id: c{n}\n  terme: Concept {n:02d}\n  definitions:\n"
            f'    - texte: "Un filet n° {n}."\n      source: atelier2016\n'
            for n in range(80)
        )
        + "- id: filet\n  terme: Filet\n"
    )
    folder = group(concepts=many)
    first = _json(invoke, "--data", str(folder), "search", "filet")
    everything = _json(invoke, "--data", str(folder), "search", "filet", "--tout")
    total = everything["concepts_trouves"]
    assert total >= 81  # the bundled « Système a-centré » has the variant « filet » too
    assert (first["concepts_trouves"], first["concepts_montres"]) == (total, 50)
    assert everything["concepts_montres"] == total
    assert first["resultats"][0]["id"] == "filet"  # a term match comes first
    text = invoke("--data", str(folder), "search", "filet").stdout
    assert f"50 premiers des {total} concepts" in text and "--tout" in text
    monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    assert _json(invoke, "--data", str(folder), "search", "filet") == first


def test_define_and_add_keep_the_index_in_step(
    invoke: Invoke, group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts=CONCEPTS)
    data = ("--data", str(folder))
    _json(invoke, *data, "show", "maillage")
    (index,) = _cache_files(tmp_path / "cache")
    inode = index.stat().st_ino  # a rebuild renames a new file into place: a new inode
    assert invoke(*data, "define", "maillage", "Pour moi, un filet.").exit_code == 0
    assert (
        invoke(
            *data,
            "add",
            "trame",
            "--terme",
            "Trame",
            "--definition",
            "D",
            "--source",
            "atelier2016",
        ).exit_code
        == 0
    )
    with_index = [_json(invoke, *data, "show", "maillage"), _json(invoke, *data, "show", "trame")]
    assert index.stat().st_ino == inode  # updated in place, never rebuilt
    assert with_index[0]["ma_definition"]["texte"] == "Pour moi, un filet."
    monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    assert [_json(invoke, *data, "show", "maillage"), _json(invoke, *data, "show", "trame")] == (
        with_index
    )


BIB = "@book{roux2013, author = {Roux, Léa}, title = {Le maillage}, year = 2013, publisher = {P}}\n"


def _count_bib_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import glossaire.loading.dataset as loading

    parsed: list[str] = []
    real = loading.parse_raw_entries

    def counting(text: str, path: Path, **options: bool) -> object:
        parsed.append(f"{path.parent.name}/{path.name}")
        return real(text, path, **options)  # ``works``: what the index stores of each entry

    monkeypatch.setattr(loading, "parse_raw_entries", counting)
    return parsed


def test_a_rebuild_parses_again_only_the_bib_files_that_changed(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = group(concepts=CONCEPTS, references=BIB)
    data = ("--data", str(folder))
    assert "Le maillage" in _json(invoke, *data, "cite", "roux2013")["reference"]
    parsed = _count_bib_parses(monkeypatch)
    (folder / "concepts.yaml").write_text(CONCEPTS.replace("Maillage", "Maillage serré"), "utf-8")
    assert _json(invoke, *data, "show", "maillage")["terme"] == "Maillage serré"
    assert parsed == []  # neither the bundled nor the group's .bib was parsed again
    assert "Le maillage" in _json(invoke, *data, "cite", "roux2013")["reference"]
    (folder / "references.bib").write_text(BIB.replace("Le maillage", "La trame"), "utf-8")
    assert "La trame" in _json(invoke, *data, "cite", "roux2013")["reference"]
    assert parsed == ["groupe/references.bib"]


def test_a_reused_bib_parse_keeps_its_encoding_warning(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS, references=BIB.encode("cp1252"))
    data = ("--data", str(folder))
    first = invoke(*data, "show", "maillage")
    assert first.exit_code == 0 and "UTF-8" in first.stderr
    (folder / "concepts.yaml").write_text(CONCEPTS.replace("Maillage", "Maillage serré"), "utf-8")
    again = invoke(*data, "show", "maillage")
    assert again.exit_code == 0 and again.stderr == first.stderr


def test_a_long_json_listing_is_the_same_from_the_index_and_from_the_files(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 100 records the listing is one record per line, served ready-made by the index."""
    many = "".join(
        f'- id: c{n}\n  terme: "Concept « {n} » \\\\ \\"{n}\\""\n  chapitres: ["4.{n % 3}"]\n'
        for n in range(150)
    )
    folder = group(concepts=many)
    from_index = invoke("--data", str(folder), "list", "--format", "json")
    assert from_index.exit_code == 0, from_index.stderr
    records = json.loads(from_index.stdout)
    assert len(records) >= 150 and from_index.stdout.count("\n") == len(records) + 2
    assert {"id": "c7", "terme": 'Concept « 7 » \\ "7"', "chapitres": ["4.1"], "domaines": []} in (
        records
    )
    monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    assert invoke("--data", str(folder), "list", "--format", "json").stdout == from_index.stdout
    monkeypatch.delenv("GLOSSAIRE_INDEX")
    added = invoke(
        "--data", str(folder), "add", "c77b", "--terme", "Concept 77 bis",
        "--definition", "D", "--source", "atelier2016",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr  # the index is updated, its ready listing dropped
    after_add = invoke("--data", str(folder), "list", "--format", "json").stdout
    assert {"id": "c77b", "terme": "Concept 77 bis", "chapitres": [], "domaines": []} in (
        json.loads(after_add)
    )
    monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    assert invoke("--data", str(folder), "list", "--format", "json").stdout == after_add


TRICKY = (
    "- id: accord\n  terme: Accord « cadre »\n  definitions:\n"
    "    - texte: 'Un \"accord\"* (a:b) NEAR l''entente, AND/OR ^contre-don.'\n"
    "      source: atelier2016\n"
)
NEEDLES = ['"accord"', '"accord"*', "(a:b)", "a:", "ré", "d", "NEAR", "and/or", "^contre", "l'en"]


@pytest.mark.parametrize("plain_table", [False, True])
def test_search_finds_the_same_with_the_trigram_index_the_plain_table_and_no_index(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch, plain_table: bool
) -> None:
    """Quotes, FTS5 operators and needles too short for trigrams are plain text to search."""
    if plain_table:  # an SQLite without FTS5 trigrams
        from glossaire.catalog.index import store

        monkeypatch.setattr(store, "_search_table", lambda _connection: store.PLAIN_TABLE)
    folder = group(concepts=TRICKY)
    data = ("--data", str(folder))
    with_index = [_json(invoke, *data, "search", needle, "--tout") for needle in NEEDLES]
    assert [hit["id"] for hit in with_index[0]["resultats"]] == ["accord"]
    assert all(result["concepts_trouves"] >= 1 for result in with_index)
    monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    assert [_json(invoke, *data, "search", needle, "--tout") for needle in NEEDLES] == with_index


def test_a_bib_edit_hidden_from_mtime_is_not_reused_by_a_later_rebuild(
    invoke: Invoke, group
) -> None:
    """Same size, mtime put back (a FAT stick, two saves in one tick): when concepts.yaml
    later changes, the rebuild must not reuse the old parse of the .bib."""
    folder = group(concepts=CONCEPTS, references=BIB)
    data = ("--data", str(folder))
    assert "Le maillage" in _json(invoke, *data, "cite", "roux2013")["reference"]
    bib = folder / "references.bib"
    stat = bib.stat()
    bib.write_text(BIB.replace("Le maillage", "La maille!"), "utf-8")  # same length
    os.utime(bib, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (folder / "concepts.yaml").write_text(CONCEPTS.replace("Maillage", "Maillage serré"), "utf-8")
    assert _json(invoke, *data, "show", "maillage")["terme"] == "Maillage serré"
    assert "La maille!" in _json(invoke, *data, "cite", "roux2013")["reference"]


def test_search_reads_the_entries_when_the_index_cannot_search(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built by a Python whose SQLite has trigrams, read by one without them."""
    from glossaire.catalog.index.indexed import IndexedCatalog

    folder = group(concepts=TRICKY)
    data = ("--data", str(folder))
    expected = _json(invoke, *data, "search", "accord")
    monkeypatch.setattr(
        IndexedCatalog,
        "_matching_rows",
        lambda self, needle: ("SELECT rowid FROM search WHERE search MATCH ?", "x"),
    )
    monkeypatch.setattr(
        IndexedCatalog, "_rows", _failing_on_match(IndexedCatalog._rows), raising=True
    )
    assert _json(invoke, *data, "search", "accord") == expected


def _failing_on_match(rows):  # type: ignore[no-untyped-def]
    import sqlite3

    def failing(self, sql, *params):  # type: ignore[no-untyped-def]
        if "MATCH" in sql:
            raise sqlite3.OperationalError("no such tokenizer: trigram")
        return rows(self, sql, *params)

    return failing


def test_add_after_a_last_item_longer_than_the_window_it_reads(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossaire.writing import append

    monkeypatch.setattr(append, "END_WINDOW", 40)
    long_last = CONCEPTS + "- id: long\n  terme: Long\n  notes: >\n" + "    ligne\n" * 30
    folder = group(concepts=long_last)
    data = ("--data", str(folder))
    _json(invoke, *data, "show", "long")
    before = (folder / "concepts.yaml").read_bytes()
    added = invoke(
        *data, "add", "apres", "--terme", "Après", "--definition", "D", "--source", "atelier2016"
    )
    assert added.exit_code == 0, added.stderr
    assert (folder / "concepts.yaml").read_bytes().startswith(before)
    assert _json(invoke, *data, "show", "apres")["terme"] == "Après"
    assert "ligne" in _json(invoke, *data, "show", "long")["notes"]
