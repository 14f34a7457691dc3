"""The diploma's reference frame (referentiel.yaml): loading, `livret`, `list --domaine`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossaire.loading.yaml_referential import parse_referential
from tests.conftest import Invoke
from tests.golden import assert_golden

SMALL = """\
diplome: DEES
referentiel_par_defaut: "2018"
referentiels:
  - version: "2007"
    domaines:
      - code: DC4
        intitule: Ancien intitulé
    chapitres:
      - numero: "4.2"
        domaine: DC4
  - version: "2018"
    domaines:
      - code: DC1
      - code: DC4
        intitule: Nouvel intitulé
"""


def _livret(invoke: Invoke, *args: str, folder: Path | None = None) -> dict:
    prefix = ("--data", str(folder)) if folder else ()
    result = invoke(*prefix, "livret", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_bundled_livret_maps_domains_chapters_and_concepts(invoke: Invoke) -> None:
    livret = _livret(invoke, "--referentiel", "2007")
    assert livret["referentiel"] == "2007"
    assert [d["code"] for d in livret["domaines"]] == ["DC1", "DC2", "DC3", "DC4"]
    dc4 = livret["domaines"][3]
    assert dc4["intitule"].startswith("Implication dans les dynamiques partenariales")
    chapters = {c["numero"]: c["concepts"] for c in dc4["chapitres"]}
    assert list(chapters) == ["4.1", "4.1.2", "4.1.3", "4.2", "4.3"]
    assert "partenariat" in chapters["4.2"]
    assert "reseau" in chapters["4.1.2"]
    assert "reseau" in livret["domaines"][2]["concepts"]  # the journal's DC3 example
    assert livret["autres_referentiels"] == ["2018", "2025"]
    # Chapters help choose: the domain lists only the concepts none of them holds.
    assert "partenariat" not in dc4["hors_chapitres"] and "rhizome" in dc4["hors_chapitres"]
    assert {c["source"] for c in dc4["chapitres"]} == {"le journal d'atelier du 22 avril 2016"}
    assert dc4["rattachement"].startswith("déduction")


def test_livret_defaults_to_the_reform_a_candidate_starting_today_comes_under() -> None:
    """From 1 September 2026 (arrêté du 6 octobre 2025), the 2025 blocs; before, 2018."""
    from glossaire.catalog.opening import open_catalog
    from glossaire.services.livret import livret_map

    catalog = open_catalog(None)
    before = livret_map(catalog, today="2026-08-31")
    after = livret_map(catalog, today="2026-09-01")
    assert (before.version, after.version) == ("2018", "2025")
    assert after.chosen_by_date and after.in_force == "2026-09-01"
    assert "31 juillet 2028" in (after.transition or "")
    partnership = after.domains[0]
    assert partnership.taken_over_from == "DC4" and ("partenariat", "Partenariat") in (
        partnership.concepts
    )
    assert livret_map(catalog, "2007", today="2026-09-01").version == "2007"


def test_livret_says_how_to_choose_and_what_the_livret_2_is_called(invoke: Invoke) -> None:
    text = invoke("livret").stdout
    assert "« dossier de validation »" in text
    assert "Par défaut" in text and "--referentiel VERSION" in text


def test_livret_2018_has_the_reform_titles(invoke: Invoke) -> None:
    livret = _livret(invoke, "--referentiel", "2018")
    dc4 = livret["domaines"][3]
    assert dc4["intitule"] == "Dynamiques interinstitutionnelles, partenariats et réseaux"
    assert dc4["chapitres"] == []  # the journal names no chapter of the 2018 livret
    assert "partenariat" in dc4["concepts"]


@pytest.mark.parametrize("version", ["2007", "2018", "2025"])
def test_livret_golden_for_each_reform(invoke: Invoke, version: str) -> None:
    result = invoke("livret", "--referentiel", version)
    assert result.exit_code == 0
    assert_golden(f"livret-{version}.txt", result.stdout)
    assert_golden(f"livret-{version}.md", invoke("livret", "-r", version, "-f", "markdown").stdout)


def test_unknown_reform_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("livret", "-r", "2010")
    assert result.exit_code == 2
    assert "« 2010 » n'existe pas" in result.stderr
    assert "2007, 2018" in result.stderr


def test_list_by_domain_is_case_insensitive(invoke: Invoke) -> None:
    listed = json.loads(invoke("list", "--domaine", "dc3", "-f", "json").stdout)
    assert [c["id"] for c in listed] == ["reseau"]
    all_dc4 = json.loads(invoke("list", "-d", "DC4", "-f", "json").stdout)
    assert len(all_dc4) >= 25 and all("DC4" in c["domaines"] for c in all_dc4)


def test_list_by_unknown_domain_names_the_known_ones(invoke: Invoke) -> None:
    result = invoke("list", "--domaine", "DC9")
    assert result.exit_code == 2
    assert "DC1, DC2, DC3, DC4" in result.stderr


def test_empty_listing_says_for_what(invoke: Invoke) -> None:
    result = invoke("list", "--domaine", "DC1", "--chapitre", "4.2")
    assert result.exit_code == 0
    assert "Aucun concept pour le chapitre 4.2 et le domaine DC1." in result.stdout


def test_group_referential_replaces_the_bundled_one(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n  domaines: [DC1]\n")
    (folder / "referentiel.yaml").write_text(SMALL, "utf-8")
    livret = _livret(invoke, folder=folder)
    assert livret["referentiel"] == "2018"  # the group's default
    assert livret["domaines"][0] == {
        "code": "DC1",
        "intitule": None,
        "reprend": None,
        "rattachement": None,
        "concepts": ["a"],
        "hors_chapitres": ["a"],
        "chapitres": [],
    }
    text = invoke("--data", str(folder), "livret").stdout
    assert "DC1 (intitulé non donné)" in text
    check = invoke("--data", str(folder), "check")
    assert "le référentiel « DEES »" in check.stdout and "remplace celui de" in check.stdout


def test_check_flags_a_concept_domain_the_referential_lacks(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n  domaines: [DC4, DC7]\n")
    result = invoke("--data", str(folder), "check", "-f", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["problemes"]
    assert (problem["code"], problem["ligne"]) == ("domaine-inconnu", 3)
    assert "DC7" in problem["message"]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (SMALL.replace("intitule: Ancien", "intitulé: Ancien"), "champ-inconnu", 7),
        (SMALL.replace("        domaine: DC4\n", "        domaine: DC5\n"), "domaine-inconnu", 9),
        (SMALL.replace('par_defaut: "2018"', 'par_defaut: "2030"'), "version-inconnue", 2),
        (SMALL.replace("      - code: DC1\n", "      - intitule: X\n"), "champ-manquant", 13),
        ("diplome: DEES\n", "champ-manquant", 1),
    ],
)
def test_referential_problems_are_located(text: str, code: str, line: int) -> None:
    parsed = parse_referential(text, Path("referentiel.yaml"))
    assert [(p.code, p.location.line) for p in parsed.problems] == [(code, line)]


def test_an_unreadable_referential_stops_commands_with_its_line(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    (folder / "referentiel.yaml").write_text("diplome: [DEES\n", "utf-8")
    result = invoke("--data", str(folder), "livret")
    assert result.exit_code == 1
    assert "referentiel.yaml" in result.stderr and "Traceback" not in result.stderr


_PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co"))


@given(st.text(_PRINTABLE, min_size=1, max_size=40).filter(lambda t: t.strip() == t and t))
def test_any_title_survives_loading(title: str) -> None:
    text = SMALL.replace("Nouvel intitulé", json.dumps(title, ensure_ascii=False))
    parsed = parse_referential(text, Path("referentiel.yaml"))
    assert parsed.referential is not None
    reform = parsed.referential.reform("2018")
    assert reform is not None and reform.domain("dc4").title == title


def test_the_journal_year_key_is_an_alias(invoke: Invoke, group) -> None:
    folder = group(
        concepts=(
            "- id: a\n  terme: A\n  definitions:\n"
            "    - texte: x\n      source: dumoulin2006\n      nature: synthese\n"
        )
    )
    result = invoke("--data", str(folder), "show", "a")
    assert "(Dumoulin et al. 2003)" in result.stdout
    assert invoke("--data", str(folder), "check").exit_code == 0


def test_an_alias_that_is_also_a_key_is_refused(invoke: Invoke, group) -> None:
    folder = group(references="@book{x2001, ids = {dhume2001}, title = {X}, year = {2001}}\n")
    result = invoke("--data", str(folder), "check")
    assert result.exit_code == 1
    assert "l'alias « dhume2001 »" in result.stdout


def test_an_overridden_reference_is_named_in_the_feminine(invoke: Invoke, group) -> None:
    folder = group(references="@book{dhume2001, author = {Dhume, F.}, title = {X}, year = 2001}\n")
    result = invoke("--data", str(folder), "check")
    assert "la référence « dhume2001 »" in result.stdout
    assert "remplace celle de" in result.stdout
