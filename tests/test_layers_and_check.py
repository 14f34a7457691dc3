"""Layers (bundled + group/user), overrides, and `check` over the whole data set."""

from __future__ import annotations

import json

from tests.conftest import Invoke

GROUP_BIB = "@book{dhume2001, author = {Dhume, Fabrice}, title = {Autre édition}, year = {2002}}\n"


def test_group_entry_overrides_bundled_and_is_reported(invoke: Invoke, group) -> None:
    folder = group(
        concepts="- id: reseau\n  terme: Réseau (groupe)\n",
        references=GROUP_BIB,
    )
    shown = json.loads(invoke("--data", str(folder), "show", "réseau", "-f", "json").stdout)
    assert shown["terme"] == "Réseau (groupe)"
    info = json.loads(invoke("--data", str(folder), "info", "-f", "json").stdout)
    assert [layer["nom"] for layer in info["couches"]] == ["intégrées", "groupe", "personnelles"]
    overrides = {(o["type"], o["cle"]) for o in info["remplacements"]}
    assert overrides == {("concept", "reseau"), ("référence", "dhume2001")}
    check = invoke("--data", str(folder), "check")
    assert check.exit_code == 0
    assert "remplace celui de" in check.stdout
    assert str(folder / "concepts.yaml") + ":1" in check.stdout
    assert "data/concepts.yaml:" in check.stdout.replace("\\", "/")


def test_user_folder_is_read_when_no_group(invoke: Invoke, isolated_home) -> None:
    isolated_home.mkdir()
    (isolated_home / "concepts.yaml").write_text("- id: mien\n  terme: Le mien\n", "utf-8")
    assert json.loads(invoke("show", "le mien", "-f", "json").stdout)["id"] == "mien"


def test_personal_references_stay_available_with_a_group_folder(
    invoke: Invoke, group, isolated_home
) -> None:
    """With ``--data GROUPE`` the candidate keeps what they added for themselves: their
    references can be cited, their concepts shown, and ``info`` lists their folder as a
    layer after the group's; the group's own entries are still there."""
    isolated_home.mkdir()
    (isolated_home / "references.bib").write_text(
        "@book{moi2020, author = {Martin, Léa}, title = {Mes lectures}, year = {2020}}\n", "utf-8"
    )
    (isolated_home / "concepts.yaml").write_text("- id: mien\n  terme: Le mien\n", "utf-8")
    folder = group(concepts="- id: commun\n  terme: Commun\n", references=GROUP_BIB)
    cited = invoke("--data", str(folder), "cite", "moi2020")
    assert cited.exit_code == 0, cited.stderr
    assert "Martin" in cited.stdout and "2020" in cited.stdout
    assert json.loads(invoke("--data", str(folder), "show", "le mien", "-f", "json").stdout)
    assert invoke("--data", str(folder), "show", "commun").exit_code == 0
    info = json.loads(invoke("--data", str(folder), "info", "-f", "json").stdout)
    layers = {layer["nom"]: layer for layer in info["couches"]}
    assert list(layers) == ["intégrées", "groupe", "personnelles"]
    assert layers["personnelles"]["references"] == 1
    assert layers["personnelles"]["dossier"] == str(isolated_home)
    text = invoke("--data", str(folder), "info").stdout
    assert "personnelles" in text and "groupe" in text


def test_duplicate_id_in_one_layer_names_both_lines(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n\n- id: a\n  terme: A bis\n")
    result = invoke("--data", str(folder), "check", "-f", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["problemes"]
    assert problem["ligne"] == 4 and problem["code"] == "id-double"
    assert "concepts.yaml:1" in problem["message"]


def test_check_lists_every_dangling_link_with_suggestion(invoke: Invoke, group) -> None:
    folder = group(
        concepts=(
            "- id: a\n"
            "  terme: A\n"
            "  parent: reseua\n"
            "  definitions:\n"
            "    - texte: x\n"
            "      source: dhume2010\n"
            "      nature: citation\n"
            "    - texte: y\n"
            "      nature: citation\n"
            "  contrastes:\n"
            "    - avec: inconnu\n"
            "      difference: z\n"
            "  voir_aussi: [territoire, nulle-part]\n"
        )
    )
    result = invoke("--data", str(folder), "check", "-f", "json")
    assert result.exit_code == 1
    found = {(p["ligne"], p["code"]) for p in json.loads(result.stdout)["problemes"]}
    assert found == {
        (3, "concept-inconnu"),
        (5, "source-inconnue"),
        (8, "citation-sans-source"),
        (11, "concept-inconnu"),
        (13, "concept-inconnu"),
    }
    text = invoke("--data", str(folder), "check").stdout
    assert "Voulez-vous dire : reseau ?" in text
    assert "Voulez-vous dire : dhume2001 ?" in text
    assert "5 erreurs" in text


def test_check_reports_parent_cycles(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n  parent: b\n- id: b\n  terme: B\n  parent: a\n")
    result = invoke("--data", str(folder), "check")
    assert result.exit_code == 1
    assert "boucle" in result.stdout


def test_check_reports_yaml_syntax_and_bibtex_problems(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A: B\n", references="@book{x,\n title = {y\n")
    result = invoke("--data", str(folder), "check", "-f", "json")
    assert result.exit_code == 1
    codes = {p["code"] for p in json.loads(result.stdout)["problemes"]}
    assert codes == {"yaml-syntaxe", "bibtex-invalide"}


def test_entry_problems_do_not_stop_reading_commands(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n  inconnu: x\n")
    result = invoke("--data", str(folder), "show", "a")
    assert result.exit_code == 0
    assert "1 problème dans les données" in result.stderr
    assert "glossaire check" in result.stderr


def test_typology_tree_on_parent_card(invoke: Invoke, group) -> None:
    folder = group(
        concepts=(
            "- id: mutu\n  terme: Mutu\n"
            "- id: ech\n  terme: Échange\n  parent: mutu\n"
            "- id: coop\n  terme: Coopération\n  parent: mutu\n"
            "- id: cons\n  terme: Consortium\n  parent: coop\n"
        )
    )
    result = invoke("--data", str(folder), "show", "mutu")
    assert "Typologie" in result.stdout
    lines = result.stdout.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if w in line)
        for w in ("Échange", "Coopération", "Consortium")
    ]
    assert order == sorted(order)  # the file's order, children under their parent
    md = invoke("--data", str(folder), "show", "mutu", "-f", "markdown").stdout
    assert "- Échange\n- Coopération\n  - Consortium" in md
    child = invoke("--data", str(folder), "show", "cons").stdout
    assert "Relève de : Coopération" in child
