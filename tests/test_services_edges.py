"""Edges of the services a user meets rarely but must get a French answer for: odd input to
``add`` and ``add-ref``, a personal file that would not read back, a parent loop on a card,
style settings, exports into a folder, several unreadable files. Each test runs with the
index and with ``GLOSSAIRE_INDEX=0``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture(autouse=True)
def _both_catalogs(index_mode: str) -> str:
    """Every test here runs with the index and with ``GLOSSAIRE_INDEX=0``."""
    return index_mode


def _add(*extra: str) -> tuple[str, ...]:
    return ("add", *extra, "--definition", "Une définition.", "--source", "atelier2016")


# -- add --------------------------------------------------------------------------------------


def test_add_with_a_blank_term_is_refused_by_reading_the_entry_back(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """A term of spaces passes the prompt but not the read-back: the file's own rule
    (« terme » is required) refuses it, and nothing is written."""
    folder = group(concepts="- id: a\n  terme: A\n")
    before = (folder / "concepts.yaml").read_bytes()
    result = invoke("--data", str(folder), *_add("vide", "--terme", "   "))
    assert result.exit_code == 1, result.stdout
    assert "le champ obligatoire « terme » manque" in result.stderr
    assert (folder / "concepts.yaml").read_bytes() == before


def test_add_refuses_a_concept_contrasted_with_itself(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """A contrast with the concept itself is refused by the rule ``check`` applies too."""
    folder = group(concepts="")
    result = invoke(
        "--data", str(folder), *_add("miroir", "--terme", "Miroir", "--contraste", "miroir:x")
    )
    assert result.exit_code == 1, result.stdout
    assert "le concept « miroir » est contrasté avec lui-même" in result.stderr
    assert (folder / "concepts.yaml").read_bytes() == b""


def test_a_problem_in_the_last_existing_item_does_not_block_add(
    invoke: Invoke, tmp_path: Path
) -> None:
    """An unknown field in a concept of the file is ``check``'s business: it does not block
    adding a valid concept, whether that concept is the last one of the file or not."""
    with_problem = "- id: a\n  terme: A\n  remarque: x\n"
    exit_codes = {}
    for where, text in {
        "elsewhere": with_problem + "- id: b\n  terme: B\n",
        "last": with_problem,
    }.items():
        folder = tmp_path / where
        folder.mkdir()
        (folder / "concepts.yaml").write_text(text, "utf-8")
        exit_codes[where] = invoke("--data", str(folder), *_add("x", "--terme", "X")).exit_code
    assert exit_codes == {"elsewhere": 0, "last": 0}


def test_a_definition_quoting_an_item_start_reads_back(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """A text holding « - id: » (a definition about the file format itself) is not taken
    for the start of an item when the new entry is read back."""
    folder = group(concepts="- id: a\n  terme: A\n")
    text = "Chaque concept commence par - id: suivi de son identifiant."
    added = invoke(
        "--data", str(folder), "add", "format", "--terme", "Format", "--definition", text,
        "--source", "atelier2016",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    card = json.loads(invoke("--data", str(folder), "show", "format", "-f", "json").stdout)
    assert card["definitions"][0]["texte"] == text


def test_without_a_referential_domains_are_not_checked_and_livret_explains() -> None:
    """An installation whose data lost referentiel.yaml: ``check`` cannot judge domain
    codes (it says nothing of them), and ``livret`` says what is missing."""
    from glossaire.catalog.memory import MemoryCatalog
    from glossaire.errors import GlossaireError
    from glossaire.loading.yaml_concepts import parse_concepts
    from glossaire.model.dataset import DataSet
    from glossaire.services.check import check_dataset
    from glossaire.services.livret import livret_map

    (concept,) = parse_concepts("- id: a\n  terme: A\n  domaines: [DC9]\n", Path("c.yaml")).concepts
    catalog = MemoryCatalog(DataSet(concepts={"a": concept}))
    assert catalog.facts.referential is None
    assert check_dataset(catalog).problems == ()
    with pytest.raises(GlossaireError, match="aucun référentiel de diplôme n'est chargé"):
        livret_map(catalog)


# -- add-ref ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@book{x2000, title = {T}\n", "le texte BibTeX donné est invalide (ligne 1)"),
        ("% juste un commentaire\n", "aucune entrée BibTeX ni RIS n'a été trouvée"),
        ("TY  - JOUR\nTI  - Sans fin de notice\n", "aucune entrée BibTeX ni RIS"),
    ],
    ids=["unclosed entry", "no entry", "RIS without ER"],
)
def test_add_ref_refuses_input_it_cannot_read(
    invoke: Invoke, group: Callable[..., Path], text: str, message: str
) -> None:
    """Broken BibTeX, or text with no entry at all: a French refusal, nothing written."""
    folder = group(references="")
    result = invoke("--data", str(folder), "add-ref", input=text)
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert (folder / "references.bib").read_bytes() == b""


def test_add_ref_proposes_distinct_keys_for_one_author_and_year(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """Two Zotero keys becoming the same proposed key: the second gets a letter."""
    folder = group(references="")
    text = (
        "@book{dhumeA2006, author = {Dhume, F.}, title = {Un}, publisher = {P}, year = 2006}\n"
        "@book{dhumeB2006, author = {Dhume, F.}, title = {Deux}, publisher = {P}, year = 2006}\n"
    )
    result = invoke("--data", str(folder), "add-ref", input=text)
    assert result.exit_code == 0, result.stderr
    assert "Ajoutée : dhume2006 — Un" in result.stdout
    assert "Ajoutée : dhume2006a — Deux" in result.stdout
    cited = invoke("--data", str(folder), "cite", "dhume2006a", "-f", "json")
    assert json.loads(cited.stdout)["csl"]["title"] == "Deux"


def test_add_ref_turns_a_ris_thesis_into_a_phdthesis_with_its_school(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """A RIS « THES » record becomes @phdthesis, its publisher the school, its UR the url."""
    folder = group(references="")
    ris = (
        "TY  - THES\nAU  - Roux, Léa\nTI  - Une thèse\nPY  - 2015\n"
        "PB  - Université Rennes 2\nUR  - https://theses.fr/2015REN20001\nER  - \n"
    )
    result = invoke("--data", str(folder), "add-ref", input=ris)
    assert result.exit_code == 0, result.stderr
    written = (folder / "references.bib").read_text("utf-8")
    assert "@phdthesis{roux2015," in written
    assert "school    = {Université Rennes 2}" in written
    assert "url       = {https://theses.fr/2015REN20001}" in written


# -- define -----------------------------------------------------------------------------------


def test_define_refuses_a_personal_file_that_would_not_read_back(
    invoke: Invoke, isolated_home: Path
) -> None:
    """A file ending with a YAML end-of-document marker: the appended version would be a
    second document, so nothing is written."""
    isolated_home.mkdir()
    path = isolated_home / "mes-definitions.yaml"
    path.write_text('- id: reseau\n  texte: "Avant."\n...\n', "utf-8")
    before = path.read_bytes()
    result = invoke("define", "réseau", "Après.")
    assert result.exit_code == 1, result.stdout
    assert "ne se relit pas comme prévu" in result.stderr
    assert path.read_bytes() == before


# -- show -------------------------------------------------------------------------------------


def test_a_card_in_a_parent_loop_shows_its_typology_once(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """``a`` and ``b`` are each other's parent (``check`` reports it): the card of ``a``
    still shows, ``b`` below it, and stops there."""
    folder = group(concepts="- id: a\n  terme: A\n  parent: b\n- id: b\n  terme: B\n  parent: a\n")
    result = invoke("--data", str(folder), "show", "a")
    assert result.exit_code == 0, result.stderr
    assert "Typologie" in result.stdout
    typology = result.stdout.split("Typologie", 1)[1].split()
    assert typology == ["A", "└──", "B"]


# -- style ------------------------------------------------------------------------------------


def test_a_groups_csl_file_is_found_beside_its_data(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """``style = "maison.csl"`` in the group's glossaire.toml names the file in that folder."""
    from glossaire.citation.styles import resolve_style

    folder = group(concepts="")
    shutil.copy(resolve_style("apa").path, folder / "maison.csl")
    (folder / "glossaire.toml").write_text('style = "maison.csl"\n', "utf-8")
    result = invoke("--data", str(folder), "style", "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert Path(report["fichier"]) == folder / "maison.csl"
    assert report["origine"].startswith("style du groupe")


def test_a_style_that_is_not_text_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    """``style = 3`` in the user's config: said plainly, and the file is not overwritten."""
    config = tmp_path / "réglages" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("style = 3\n", "utf-8")
    result = invoke("style")
    assert result.exit_code == 1
    assert "« style » doit être un texte entre guillemets" in result.stderr
    assert invoke("style", "apa").exit_code == 1  # not overwritten either
    assert config.read_text("utf-8") == "style = 3\n"


# -- export -----------------------------------------------------------------------------------


def test_export_never_replaces_a_folder(invoke: Invoke, tmp_path: Path) -> None:
    """``export -o`` naming a folder is refused even with ``--force``."""
    target = tmp_path / "livret.md"
    target.mkdir()
    result = invoke("export", "réseau", "-o", str(target), "--force")
    assert result.exit_code == 1
    assert "est un dossier" in result.stderr
    assert target.is_dir() and not list(target.iterdir())


def test_export_reports_its_progress_entry_by_entry() -> None:
    """The progress callback (a bar for large libraries) counts every entry, up to all."""
    from glossaire.catalog.opening import open_catalog
    from glossaire.citation.styles import resolve_style
    from glossaire.services.export import Selection, build_document

    seen: list[tuple[int, int]] = []
    document = build_document(
        open_catalog(None),
        Selection(queries=("réseau", "partenariat", "territoire")),
        resolve_style("iso690"),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert len(document.entries) == 3


# -- opening ----------------------------------------------------------------------------------


def test_several_unreadable_files_are_counted_in_the_first_ones_message(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """The first unreadable file stops the command with its location; the others are
    counted, and ``check`` named to list them."""
    folder = group(concepts="- id: a\n  terme: [non fermé\n")
    (folder / "referentiel.yaml").write_text("diplome: [non fermé\n", "utf-8")
    result = invoke("--data", str(folder), "show", "réseau")
    assert result.exit_code == 1
    assert "concepts.yaml" in result.stderr
    assert "1 autre fichier illisible : lancez « glossaire check »" in result.stderr
