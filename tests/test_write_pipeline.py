"""The one write pipeline (``glossaire/services/writes.py``), with the index and without.

Every test runs twice (``index_mode``): a dry run says exactly what the real run would, a
refused write changes no file and no later answer (its staged entries are discarded, the
index is not polluted), and after a write the index answers like the files themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture(autouse=True)
def _both_catalogs(index_mode: str) -> str:
    """Every test here runs with the index and with ``GLOSSAIRE_INDEX=0``."""
    return index_mode


INDEX = {"GLOSSAIRE_INDEX": "1"}
FILES = {"GLOSSAIRE_INDEX": "0"}

CONCEPTS = """# concepts du groupe
- id: maillage
  terme: Maillage
  variantes: [maillages]
  definitions:
    - texte: "Un filet de partenaires."
      source: atelier2016
      nature: atelier
"""
REFERENCES = "% sources du groupe\n@book{roux2013, author = {Roux, Léa}, title = {Le maillage}, \
publisher = {P}, year = {2013}}\n"

TAKEN_ALIAS = (
    "@book{simon2019, ids = {dhume2001}, author = {Simon, Théo}, title = {Coopérer}, "
    "publisher = {P}, year = {2019}}\n"
)
VALID_ENTRY = """@string{ash = {Éditions ASH}}

@book{simon2019,
  author = {Simon, Théo},
  title = {Coopérer au quotidien},
  publisher = ash,
  year = {2019},
}
"""
# The second entry's alias is the first one's key: found only once both are staged.
ALIAS_OF_A_NEW_KEY = (
    "@book{neuf2024, author = {Neuf, Nina}, title = {Un}, publisher = {P}, year = {2024}}\n"
    "@book{autre2024, ids = {neuf2024}, author = {Autre, A.}, title = {Deux}, "
    "publisher = {P}, year = {2024}}\n"
)


def _add(*extra: str) -> tuple[str, ...]:
    return ("add", *extra, "--definition", "Une définition.", "--source", "atelier2016")


def _files(*folders: Path) -> dict[Path, bytes]:
    """Every file of these folders (the write lock's own file aside), with its bytes."""
    return {
        path: path.read_bytes()
        for folder in folders
        if folder.exists()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".glossaire.lock")
    }


def _json(invoke: Invoke, *args: str, env: dict[str, str] | None = None) -> object:
    result = invoke(*args, "--format", "json", env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _answers(invoke: Invoke, folder: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    """What reading commands say about the group, as JSON."""
    data = ("--data", str(folder))
    return {
        "show": _json(invoke, *data, "show", "maillage", env=env),
        "list": _json(invoke, *data, "list", env=env),
        "search": _json(invoke, *data, "search", "filet", env=env),
        "cite": _json(invoke, *data, "cite", "roux2013", "-p", "12", env=env),
        "info": _json(invoke, *data, "info", env=env),
    }


# -- dry runs -------------------------------------------------------------------------------


def test_add_ref_dry_run_refuses_what_the_real_run_refuses(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """An ``ids`` alias equal to a bundled key: the dry run and the real run both exit 1
    with the very same message, and nothing is written."""
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    before = _files(folder)
    dry = invoke("--data", str(folder), "add-ref", "--dry-run", input=TAKEN_ALIAS)
    real = invoke("--data", str(folder), "add-ref", input=TAKEN_ALIAS)
    assert dry.exit_code == real.exit_code == 1
    assert "l'alias « dhume2001 » (champ ids de « simon2019 ») est déjà" in real.stderr
    assert dry.stderr == real.stderr
    assert _files(folder) == before


def test_add_ref_dry_run_of_a_valid_entry_writes_nothing_then_the_real_run_does(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """A valid entry: the dry run accepts it and writes nothing; the real run then accepts
    it too and appends it (with the @string it needs)."""
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    before = _files(folder)
    dry = invoke("--data", str(folder), "add-ref", "--dry-run", input=VALID_ENTRY)
    assert dry.exit_code == 0, dry.stderr
    assert "Serait ajoutée : simon2019" in dry.stdout and "Rien n'a été écrit" in dry.stdout
    assert _files(folder) == before
    assert invoke("--data", str(folder), "cite", "simon2019").exit_code == 1
    real = invoke("--data", str(folder), "add-ref", input=VALID_ENTRY)
    assert real.exit_code == 0, real.stderr
    assert "Ajoutée : simon2019" in real.stdout
    written = (folder / "references.bib").read_bytes()
    assert written.startswith(before[folder / "references.bib"])
    assert b"@string{ash" in written
    cited = _json(invoke, "--data", str(folder), "cite", "simon2019")
    assert cited["csl"]["publisher"] == "Éditions ASH"


@pytest.mark.parametrize(
    "extra",
    [
        ("nouveau", "--terme", "Nouveau", "--parent", "inconnu"),
        ("nouveau", "--terme", "Nouveau", "--contraste", "inconnu:x"),
        ("maillage", "--terme", "Maillage bis"),
    ],
    ids=["unknown parent", "unknown contrast", "taken id"],
)
def test_add_dry_run_refuses_what_the_real_run_refuses(
    invoke: Invoke, group: Callable[..., Path], extra: tuple[str, ...]
) -> None:
    """``add --dry-run`` runs the same checks as the real ``add``, staged entries included."""
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    before = _files(folder)
    dry = invoke("--data", str(folder), *_add(*extra), "--dry-run")
    real = invoke("--data", str(folder), *_add(*extra))
    assert dry.exit_code == real.exit_code == 1
    assert "Rien n'a été écrit" in real.stderr
    assert dry.stderr == real.stderr
    assert _files(folder) == before


# -- refusals -------------------------------------------------------------------------------

REFUSED = {
    "add, unknown parent (refused once staged)": (
        _add("nouveau", "--terme", "Nouveau filet", "--parent", "inconnu"),
        None,
    ),
    "add, parent loop": (_add("racine", "--terme", "Racine filet", "--parent", "enfant"), None),
    "add-ref, alias taken by a bundled key": (("add-ref",), TAKEN_ALIAS),
    "add-ref, alias of another new entry (refused once staged)": (
        ("add-ref",),
        ALIAS_OF_A_NEW_KEY,
    ),
    "define, unknown concept": (("define", "inconnu-total", "Ma version."), None),
}


@pytest.mark.parametrize("command", list(REFUSED.values()), ids=list(REFUSED))
def test_a_refused_write_changes_no_file_and_no_answer(
    invoke: Invoke,
    group: Callable[..., Path],
    isolated_home: Path,
    command: tuple[tuple[str, ...], str | None],
) -> None:
    """Every file keeps its bytes, and the next reading commands answer as before: the
    staged entries were discarded, in memory and in the index."""
    args, stdin = command
    concepts = CONCEPTS + "- id: enfant\n  terme: Enfant\n  parent: racine\n"
    folder = group(concepts=concepts, references=REFERENCES)
    answers = _answers(invoke, folder)  # the index is built, warm, before the refusal
    before = _files(folder, isolated_home)
    refused = invoke("--data", str(folder), *args, input=stdin)
    assert refused.exit_code == 1, refused.stdout
    assert "Traceback" not in refused.stderr
    assert _files(folder, isolated_home) == before
    assert _answers(invoke, folder) == answers
    assert _answers(invoke, folder, env=INDEX) == _answers(invoke, folder, env=FILES) == answers
    for lookup in (("show", "nouveau"), ("show", "racine"), ("cite", "neuf2024")):
        assert invoke("--data", str(folder), *lookup).exit_code == 1, lookup


def test_a_parent_loop_created_by_add_is_refused(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """``a`` has ``parent: b``; adding ``b`` under ``a`` would make a loop: refused, with
    the loop spelled out, nothing written."""
    folder = group(concepts="- id: a\n  terme: A\n  parent: b\n")
    before = _files(folder)
    result = invoke("--data", str(folder), *_add("b", "--terme", "B", "--parent", "a"))
    assert result.exit_code == 1, result.stdout
    assert "les parents forment une boucle : a → b → a" in result.stderr
    assert _files(folder) == before
    assert invoke("--data", str(folder), "show", "b").exit_code == 1


# -- after a write --------------------------------------------------------------------------

WRITES = {
    "add": (
        _add(
            "maillage-local",
            "--terme",
            "Maillage local",
            "--variante",
            "filets locaux",
            "--parent",
            "maillage",
            "--contraste",
            "reseau:Plus petit.",
            "--chapitre",
            "4.2",
        ),
        None,
    ),
    "add-ref": (("add-ref",), VALID_ENTRY),
    "define": (("define", "maillage", "Pour moi : un filet."), None),
}


@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_after_a_write_the_index_answers_like_the_files(
    invoke: Invoke, group: Callable[..., Path], write: tuple[tuple[str, ...], str | None]
) -> None:
    """``show``, ``cite``, ``list``, ``search`` and ``info`` give the same JSON from the
    index (kept warm by the write, or rebuilt) as from the files."""
    args, stdin = write
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    before = _answers(invoke, folder)
    result = invoke("--data", str(folder), *args, input=stdin)
    assert result.exit_code == 0, result.stderr
    after = _answers(invoke, folder, env=INDEX)
    assert after != before
    assert after == _answers(invoke, folder, env=FILES)
    data = ("--data", str(folder))
    if args[0] == "add":
        card = _json(invoke, *data, "show", "filets locaux", env=INDEX)
        assert card == _json(invoke, *data, "show", "filets locaux", env=FILES)
        assert card["parent"] == "maillage"
        found = _json(invoke, *data, "search", "plus petit", env=INDEX)
        assert found == _json(invoke, *data, "search", "plus petit", env=FILES)
        assert [hit["id"] for hit in found["resultats"]] == ["maillage-local"]
    if args[0] == "add-ref":
        cited = _json(invoke, *data, "cite", "simon2019", env=INDEX)
        assert cited == _json(invoke, *data, "cite", "simon2019", env=FILES)
        assert cited["csl"]["publisher"] == "Éditions ASH"
    if args[0] == "define":
        assert after["show"]["ma_definition"]["texte"] == "Pour moi : un filet."


def test_successive_writes_stay_in_step(invoke: Invoke, group: Callable[..., Path]) -> None:
    """A reference, then a concept citing it by its alias, then « Ma définition »: each
    write sees the previous one, and the index still answers like the files."""
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    data = ("--data", str(folder))
    entry = VALID_ENTRY.replace("@book{simon2019,", "@book{simon2019,\n  ids = {simon2018},")
    assert invoke(*data, "add-ref", input=entry).exit_code == 0
    added = invoke(
        *data, "add", "cooperer", "--terme", "Coopérer", "--definition", "Agir avec.",
        "--source", "simon2018",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert invoke(*data, "define", "coopérer", "À ma façon.").exit_code == 0
    card = _json(invoke, *data, "show", "cooperer", env=INDEX)
    assert card == _json(invoke, *data, "show", "cooperer", env=FILES)
    assert card["ma_definition"]["texte"] == "À ma façon."
    assert _answers(invoke, folder, env=INDEX) == _answers(invoke, folder, env=FILES)
    assert invoke(*data, "check").exit_code == 0


# -- style ----------------------------------------------------------------------------------


def _config(tmp_path: Path) -> Path:
    return tmp_path / "réglages" / "config.toml"  # GLOSSAIRE_CONFIG_DIR (conftest)


def test_style_is_saved_through_the_pipeline(invoke: Invoke, tmp_path: Path) -> None:
    """``style apa`` writes the user's config file (keeping what else it holds), and
    ``style`` then says the choice comes from there."""
    config = _config(tmp_path)
    config.parent.mkdir(parents=True)
    config.write_text('# mes réglages\nautre = "gardé"\nstyle = "iso690"\n', "utf-8")
    saved = invoke("style", "apa")
    assert saved.exit_code == 0, saved.stderr
    assert config.read_text("utf-8") == '# mes réglages\nautre = "gardé"\nstyle = "apa"\n'
    report = _json(invoke, "style")
    assert report["style"] == "apa"
    assert report["origine"] == f"votre choix, enregistré dans {config}"


def test_style_waits_for_the_lock_and_refuses_bad_files(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The config is written under the folder lock, like every write; a config file that
    is not TOML, or an unknown style, is refused and left as it was."""
    from filelock import FileLock

    config = _config(tmp_path)
    assert invoke("style", "apa").exit_code == 0
    monkeypatch.setenv("GLOSSAIRE_LOCK_TIMEOUT", "0.2")
    with FileLock(str(config.parent / ".glossaire.lock")):
        busy = invoke("style", "iso690")
    assert busy.exit_code == 1 and "un autre glossaire écrit dans" in busy.stderr
    assert 'style = "apa"' in config.read_text("utf-8")
    assert invoke("style", "pas-une-norme").exit_code == 1
    assert 'style = "apa"' in config.read_text("utf-8")
    config.write_bytes(b"style = [\n")
    broken = invoke("style", "apa")
    assert broken.exit_code == 1 and "TOML" in broken.stderr
    assert config.read_bytes() == b"style = [\n"
