"""Bad input: French on stderr, exit 1 (data or user) or 2 (usage), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke


def assert_clean_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("Erreur : ")
    for fragment in fragments:
        assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


def test_unknown_term_suggests_closest(invoke: Invoke) -> None:
    result = invoke("show", "partenaria")
    assert_clean_error(result, 1, "« partenaria »", "Voulez-vous dire : Partenariat")


def test_unknown_term_without_close_match_points_to_list(invoke: Invoke) -> None:
    result = invoke("show", "zzzzqqq")
    assert_clean_error(result, 1, "glossaire list")


def test_unknown_command_suggests(invoke: Invoke) -> None:
    assert_clean_error(invoke("shwo", "réseau"), 2, "Commande inconnue : « shwo »", "show")


def test_missing_argument(invoke: Invoke) -> None:
    assert_clean_error(invoke("show"), 2, "Il manque l'argument TERME", "glossaire show --help")


def test_unknown_option_suggests(invoke: Invoke) -> None:
    assert_clean_error(invoke("show", "réseau", "--formt", "json"), 2, "Option inconnue : --formt")


def test_option_without_value(invoke: Invoke) -> None:
    assert_clean_error(
        invoke("show", "réseau", "--format"), 2, "L'option --format attend une valeur"
    )


def test_bad_format_value(invoke: Invoke) -> None:
    assert_clean_error(invoke("list", "-f", "xml"), 2, "« xml » n'est pas un format connu")


def test_extra_argument(invoke: Invoke) -> None:
    assert_clean_error(invoke("show", "réseau", "territoire"), 2, "Argument en trop : territoire")


def test_empty_search(invoke: Invoke) -> None:
    assert_clean_error(invoke("search", " "), 1, "Le texte à chercher est vide")


@pytest.mark.parametrize("how", ["option", "env", "option-after-command"])
def test_missing_data_folder_is_an_error_not_other_data(
    invoke: Invoke, tmp_path: Path, how: str
) -> None:
    missing = str(tmp_path / "groupe-inexistant")
    if how == "option":
        result = invoke("--data", missing, "list")
    elif how == "env":
        result = invoke("list", env={"GLOSSAIRE_DATA": missing})
    else:
        result = invoke("list", "--data", missing)
    origin = "GLOSSAIRE_DATA" if how == "env" else "--data"
    assert_clean_error(result, 1, "groupe-inexistant", "n'existe pas", f"donné par {origin}")
    assert result.stdout == ""


def test_data_path_that_is_a_file(invoke: Invoke, tmp_path: Path) -> None:
    file = tmp_path / "concepts.yaml"
    file.write_text("[]", encoding="utf-8")
    assert_clean_error(invoke("--data", str(file), "list"), 1, "est un fichier, pas un dossier")


def test_missing_default_user_folder_is_normal(invoke: Invoke, isolated_home: Path) -> None:
    assert not isolated_home.exists()
    assert invoke("list").exit_code == 0


def test_unreadable_yaml_stops_reading_commands_with_location(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n  notes: Texte : avec deux-points\n")
    result = invoke("--data", str(folder), "show", "réseau")
    assert_clean_error(result, 1, "concepts.yaml:3", "deux-points", "guillemets")


def test_internal_error_is_reported_in_french(invoke: Invoke, monkeypatch) -> None:
    from glossaire.services import show as cards

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cards, "build_card", broken)
    result = invoke("show", "réseau")
    assert_clean_error(result, 3, "problème interne inattendu", "GLOSSAIRE_DEBUG=1")


def test_debug_shows_the_traceback_for_developers(invoke: Invoke, monkeypatch) -> None:
    from glossaire.services import show as cards

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cards, "build_card", broken)
    result = invoke("show", "réseau", env={"GLOSSAIRE_DEBUG": "1"})
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
