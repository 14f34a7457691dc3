"""``modifier`` and ``retirer``: change or remove one's own entries, under the same lock and
checks as every write; a bundled entry becomes one's own version, never edited in place."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossaire.writing.spans import bibtex_entry_span, without_span, yaml_item_span
from tests.conftest import REPO, Invoke

MINE = (
    "# mes concepts\r\n"
    "- id: aaa\r\n"
    "  terme: Aaa  # mon commentaire\r\n"
    "  definitions:\r\n"
    "    - texte: 'Premier.'\r\n"
    "      source: atelier2016\r\n"
    "\r\n"
    "# à propos de bbb\r\n"
    "- id: bbb\r\n"
    "  terme: Bbb\r\n"
    "\r\n"
    "- id: ccc\r\n"
    "  terme: Ccc\r\n"
    "  voir_aussi: [bbb]\r\n"
)
BIB = (
    "% ma bibliographie\n"
    "@book{moi2020,\n  author = {Martin, Léa},\n  title = {Mes {L}ectures (tome 1)},\n"
    "  year = {2020}\n}\n\n"
    "@misc{autre2021, author = {Autre, A.}, title = {Autre}, year = {2021}}\n"
)
EDITOR_SCRIPT = """
import os, pathlib, sys
path = pathlib.Path(sys.argv[-1])
text = path.read_text("utf-8")
pathlib.Path(os.environ["SEEN"]).write_text(text, "utf-8")
for pair in os.environ.get("SUBST", "").split("|"):
    if "=>" in pair:
        old, new = pair.split("=>")
        text = text.replace(old, new)
path.write_text(text, "utf-8")
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An « editor » that records the text it was given and makes the replacements asked."""
    script = tmp_path / "editeur.py"
    script.write_text(EDITOR_SCRIPT, "utf-8")
    seen = tmp_path / "vu.txt"
    monkeypatch.setenv("SEEN", str(seen))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')

    def substitute(*pairs: tuple[str, str]) -> Path:
        monkeypatch.setenv("SUBST", "|".join(f"{a}=>{b}" for a, b in pairs))
        return seen

    return substitute


def _mine(isolated_home: Path) -> Path:
    isolated_home.mkdir(exist_ok=True)
    path = isolated_home / "concepts.yaml"
    path.write_bytes(MINE.encode("utf-8"))
    return path


def test_modifier_edits_one_entry_in_place_and_keeps_every_other_byte(
    invoke: Invoke, isolated_home: Path, editor
) -> None:
    path = _mine(isolated_home)
    seen = editor(("terme: Bbb", "terme: Bbb modifié"))
    result = invoke("modifier", "bbb")
    assert result.exit_code == 0, result.stderr
    assert "est modifié dans" in result.stdout
    assert seen.read_text("utf-8") == "- id: bbb\n  terme: Bbb\n"  # the entry alone
    assert path.read_bytes() == MINE.replace("terme: Bbb\r\n", "terme: Bbb modifié\r\n").encode()
    card = json.loads(invoke("show", "bbb", "-f", "json").stdout)
    assert card["terme"] == "Bbb modifié"


def test_modifier_refuses_an_edit_that_breaks_the_data_and_keeps_the_text(
    invoke: Invoke, isolated_home: Path, editor
) -> None:
    path = _mine(isolated_home)
    editor(("terme: Aaa", "terme: [Aaa"))
    result = invoke("modifier", "aaa")
    assert result.exit_code == 1
    assert "ligne 3 de votre texte" in result.stderr  # where YAML sees it
    assert "YAML" in result.stderr
    assert "Rien n'a été écrit" in result.stderr and "Votre texte est gardé dans" in result.stderr
    assert path.read_bytes() == MINE.encode()
    kept = result.stderr.split("gardé dans « ")[1].split(" »")[0]
    assert "[Aaa" in Path(kept).read_text("utf-8")


def test_modifier_an_unchanged_text_writes_nothing(
    invoke: Invoke, isolated_home: Path, editor
) -> None:
    path = _mine(isolated_home)
    before = path.stat().st_mtime_ns
    editor()
    result = invoke("modifier", "aaa")
    assert result.exit_code == 0 and "Aucune modification" in result.stdout
    assert path.stat().st_mtime_ns == before


def test_modifier_of_a_bundled_concept_adds_your_version_to_your_folder(
    invoke: Invoke, isolated_home: Path, editor
) -> None:
    """Never a path inside the installed program: the bundled entry's text becomes yours."""
    seen = editor(("terme: Partenariat", "terme: Partenariat (ma version)"))
    result = invoke("modifier", "partenariat")
    assert result.exit_code == 0, result.stderr
    assert "fait partie des données intégrées" in result.stdout
    assert "Votre version du concept" in result.stdout
    bundled = (REPO / "data" / "concepts.yaml").read_text("utf-8")
    assert seen.read_text("utf-8").replace("\r\n", "\n") in bundled
    mine = (isolated_home / "concepts.yaml").read_text("utf-8")
    assert mine.startswith("- id: partenariat\n  terme: Partenariat (ma version)\n")
    assert json.loads(invoke("show", "partenariat", "-f", "json").stdout)["terme"] == (
        "Partenariat (ma version)"
    )
    info = json.loads(invoke("info", "-f", "json").stdout)
    assert ("concept", "partenariat") in {(o["type"], o["cle"]) for o in info["remplacements"]}


def test_add_of_a_bundled_id_says_how_to_make_your_version(invoke: Invoke) -> None:
    result = invoke(
        "add", "partenariat", "--terme", "P", "--definition", "D.", "--source", "dhume2001"
    )
    assert result.exit_code == 1
    assert "données intégrées" in result.stderr
    assert "glossaire modifier partenariat" in result.stderr
    assert "site-packages" not in result.stderr and "/data/concepts.yaml" not in result.stderr


def test_add_of_an_id_of_yours_names_the_file_and_the_command(
    invoke: Invoke, isolated_home: Path
) -> None:
    path = _mine(isolated_home)
    result = invoke("add", "aaa", "--terme", "A", "--definition", "D.", "--source", "dhume2001")
    assert result.exit_code == 1
    assert f"{path}:2" in result.stderr and "glossaire modifier aaa" in result.stderr


def test_retirer_removes_the_entry_alone(invoke: Invoke, isolated_home: Path) -> None:
    path = _mine(isolated_home)
    result = invoke("retirer", "ccc", "--oui")
    assert result.exit_code == 0, result.stderr
    assert "est retiré de" in result.stdout
    assert path.read_bytes() == MINE.split("\r\n- id: ccc")[0].encode() + b"\r\n"
    assert invoke("show", "ccc").exit_code == 1


def test_retirer_refuses_what_others_point_to_and_names_the_line(
    invoke: Invoke, isolated_home: Path
) -> None:
    path = _mine(isolated_home)
    result = invoke("retirer", "bbb", "--oui")
    assert result.exit_code == 1
    assert f"{path}:14" in result.stderr and "voir_aussi" in result.stderr
    assert path.read_bytes() == MINE.encode()


def test_retirer_asks_for_confirmation_and_never_touches_bundled_data(
    invoke: Invoke, isolated_home: Path
) -> None:
    path = _mine(isolated_home)
    unconfirmed = invoke("retirer", "aaa")
    assert unconfirmed.exit_code == 2 and "--oui" in unconfirmed.stderr
    assert path.read_bytes() == MINE.encode()
    bundled = invoke("retirer", "partenariat", "--oui")
    assert bundled.exit_code == 1 and "données intégrées" in bundled.stderr
    unknown = invoke("retirer", "nulle-part", "--oui")
    assert unknown.exit_code == 1 and "glossaire list" in unknown.stderr


def test_retirer_a_reference_of_yours(invoke: Invoke, isolated_home: Path) -> None:
    isolated_home.mkdir()
    bib = isolated_home / "references.bib"
    bib.write_text(BIB, "utf-8")
    dry = invoke("retirer", "MOI2020", "--dry-run")
    assert dry.exit_code == 0 and "Rien n'a été écrit" in dry.stdout
    assert bib.read_text("utf-8") == BIB
    assert invoke("retirer", "moi2020", "--oui").exit_code == 0
    assert bib.read_text("utf-8") == (
        "% ma bibliographie\n\n"
        "@misc{autre2021, author = {Autre, A.}, title = {Autre}, year = {2021}}\n"
    )


def test_the_group_folder_is_edited_with_data(invoke: Invoke, group, editor) -> None:
    folder = group(concepts="- id: commun\n  terme: Commun\n")
    editor(("Commun", "Commun au groupe"))
    assert invoke("--data", str(folder), "modifier", "commun").exit_code == 0
    assert (folder / "concepts.yaml").read_text(
        "utf-8"
    ) == "- id: commun\n  terme: Commun au groupe\n"


# --- spans: unit and property tests -------------------------------------------------------


def test_spans_on_real_shapes() -> None:
    data = MINE.encode()
    span = yaml_item_span(data, 9)
    assert data[span.start : span.end] == b"- id: bbb\r\n  terme: Bbb\r\n"
    bib = BIB.encode()
    entry = bibtex_entry_span(bib, 2)
    assert bib[entry.start : entry.end].endswith(b"year = {2020}\n}\n")
    assert without_span(bib, entry).startswith(b"% ma bibliographie\n\n@misc{autre2021")


_ITEM = st.builds(
    lambda ident, term, comment: (
        f"- id: {ident}\n  terme: {term}\n" + (f"  # {comment}\n" if comment else "")
    ),
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    st.text(alphabet="abcdé ()[]{}:#'", min_size=1, max_size=12).map(
        lambda t: f"'{t.replace(chr(39), '')}x'"
    ),
    st.one_of(st.none(), st.text(alphabet="abc ", max_size=5)),
)


@given(st.lists(_ITEM, min_size=1, max_size=6), st.data())
def test_removing_one_item_leaves_the_others_byte_for_byte(items: list[str], data) -> None:
    text = "\n".join(items)
    chosen = data.draw(st.integers(0, len(items) - 1))
    line = 1 + sum(item.count("\n") + 1 for item in items[:chosen])
    span = yaml_item_span(text.encode(), line)
    assert text.encode()[span.start : span.end].decode().rstrip("\n") == items[chosen].rstrip("\n")
    rest = without_span(text.encode(), span).decode()
    others = [item for index, item in enumerate(items) if index != chosen]
    assert [part.strip("\n") for part in rest.split("\n\n") if part.strip("\n")] == [
        item.strip("\n") for item in others
    ] or rest.replace("\n\n", "\n").strip("\n") == "\n".join(o.strip("\n") for o in others)
