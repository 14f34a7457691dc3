"""The read commands through typer's CliRunner, on the bundled data."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Invoke
from tests.golden import assert_golden


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [
        ("text", "show_partenariat.txt"),
        ("markdown", "show_partenariat.md"),
        ("json", "show_partenariat.json"),
    ],
)
def test_show_card_matches_golden(invoke: Invoke, fmt: str, golden: str) -> None:
    result = invoke("show", "partenariat", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert_golden(golden, result.stdout)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("partenariat", "partenariat"),
        ("Partenariat", "partenariat"),
        ("PARTENARIATS", "partenariat"),
        ("partenarial", "partenariat"),
        ("Réseau", "reseau"),
        ("reseau", "reseau"),
        ("RESEAUX", "reseau"),
        ("re\u0301seau", "reseau"),
        ("travail en réseau", "reseau"),
        ("Travail-en-Reseau", "reseau"),
        ("territoires", "territoire"),
    ],
)
def test_show_finds_concept_however_typed(invoke: Invoke, typed: str, expected: str) -> None:
    result = invoke("show", typed, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == expected


def test_show_shows_sources_as_in_text_citations(invoke: Invoke) -> None:
    result = invoke("show", "partenariat")
    assert "(Dhume 2001, p.\u00a0111)" in result.stdout
    assert "«\u00a0Méthode d'action coopérative" in result.stdout


def test_json_card_mirrors_the_yaml_keys(invoke: Invoke) -> None:
    data = json.loads(invoke("show", "réseau", "-f", "json").stdout)
    assert set(data) <= {
        "id",
        "terme",
        "variantes",
        "parent",
        "definitions",
        "contrastes",
        "exemples",
        "chapitres",
        "domaines",
        "voir_aussi",
        "notes",
    }
    assert data["definitions"][0]["nature"] == "citation"
    assert data["contrastes"][0]["avec"] == "partenariat"


def test_list_is_in_french_alphabetical_order(invoke: Invoke) -> None:
    result = invoke("list", "--format", "json")
    terms = [item["terme"] for item in json.loads(result.stdout)]
    position = terms.index
    # é sorts with e, not after z; case and accents do not split the order
    assert position("Collaboration") < position("Échange") < position("Mutualisation")
    assert position("Coopération") < position("Coopérative d'achat") < position("Échange")
    assert position("Partenariat") < position("Réseau") < position("Territoire")


def test_list_by_chapter_includes_sub_chapters(invoke: Invoke) -> None:
    only_42 = json.loads(invoke("list", "-c", "4.2", "-f", "json").stdout)
    assert "partenariat" in [c["id"] for c in only_42]
    assert all("4.2" in c["chapitres"] for c in only_42)
    chapter_41 = json.loads(invoke("list", "-c", "4.1", "-f", "json").stdout)
    assert "reseau" in [c["id"] for c in chapter_41]  # filed under 4.1.2 and 4.1.3 only
    assert all(any(ch.startswith("4.1") for ch in c["chapitres"]) for c in chapter_41)
    assert "4.2" not in {ch for c in chapter_41 if c["id"] == "reseau" for ch in c["chapitres"]}


def test_list_markdown_and_text(invoke: Invoke) -> None:
    assert "- **Réseau** (`reseau`)" in invoke("list", "-f", "markdown").stdout
    assert "Territoire  (territoire)" in invoke("list").stdout


def test_search_ignores_accents_and_hyphens(invoke: Invoke) -> None:
    result = invoke("search", "contre", "don", "--format", "json")
    hits = json.loads(result.stdout)["resultats"]
    assert hits[0]["id"] == "don-et-contre-don"  # the term itself ranks first
    assert "reseau" in [hit["id"] for hit in hits]
    for hit in hits:
        assert hit["extrait"][hit["debut"] : hit["fin"]].lower() in {"contre-don", "contre don"}
    accentless = json.loads(invoke("search", "decentralisation", "-f", "json").stdout)
    assert accentless["resultats"][0]["champ"] == "définition"


def test_search_highlights_match_in_markdown(invoke: Invoke) -> None:
    result = invoke("search", "nœuds", "-f", "markdown")
    assert "**nœuds**" in result.stdout


def test_search_without_hit_says_so(invoke: Invoke) -> None:
    result = invoke("search", "zzzz")
    assert result.exit_code == 0
    assert "Aucun résultat pour « zzzz »" in result.stdout


def test_compare_shows_both_and_the_contrasts(invoke: Invoke) -> None:
    result = invoke("compare", "réseau", "partenariat", "--format", "json")
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["concepts"]] == ["reseau", "partenariat"]
    assert {c["de"] for c in data["contrastes"]} == {"reseau", "partenariat"}
    text = invoke("compare", "réseau", "partenariat").stdout
    assert "Réseau" in text and "Partenariat" in text and "Contrastes" in text


def test_compare_without_contrast(invoke: Invoke) -> None:
    result = invoke("compare", "territoire", "réseau", "-f", "markdown")
    assert "Aucun contraste n'est indiqué" in result.stdout


def test_info_reports_layers_and_version(invoke: Invoke) -> None:
    data = json.loads(invoke("info", "-f", "json").stdout)
    assert data["version"]
    names = [layer["nom"] for layer in data["couches"]]
    assert names == ["intégrées", "personnelles"]
    assert data["couches"][0]["concepts"] == data["concepts"] >= 3
    assert data["couches"][1]["existe"] is False


def test_bare_command_prints_french_overview(invoke: Invoke) -> None:
    result = invoke()
    assert result.exit_code == 0
    assert "Commandes utiles" in result.stdout
    assert "glossaire show partenariat" in result.stdout
    assert "Données lues" in result.stdout


def test_bundled_data_passes_check(invoke: Invoke) -> None:
    result = invoke("check")
    assert result.exit_code == 0, result.stdout
    assert "aucune erreur" in result.stdout
