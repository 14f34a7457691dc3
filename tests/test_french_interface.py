"""The interface speaks French, including the framework's own words."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from glossaire.cli.app import COMMANDS as TABLE
from tests.conftest import REPO, Invoke

COMMANDS = sorted(TABLE)
LOCALE = REPO / "glossaire" / "locale" / "fr" / "LC_MESSAGES"


def test_every_command_is_registered() -> None:
    assert (
        sorted(
            [
                "add",
                "add-ref",
                "biblio",
                "check",
                "cite",
                "compare",
                "define",
                "export",
                "info",
                "list",
                "livret",
                "modifier",
                "ouvrir",
                "relire",
                "retirer",
                "search",
                "show",
                "style",
            ]
        )
        == COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_french_with_an_example(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    out = result.stdout
    assert "Utilisation : glossaire" in out
    assert "Exemple : glossaire " + command in out
    assert "Affiche cette aide et quitte." in out
    for english in ("Usage:", "Show this message", "[required]", "Commands", "[default:"):
        assert english not in out


def test_main_help_lists_commands_under_a_french_title(invoke: Invoke) -> None:
    out = invoke("--help").stdout
    assert "Commandes" in out and "Utilisation : glossaire [OPTIONS] COMMANDE" in out
    for command in COMMANDS:
        assert command in out


def test_compiled_catalogue_matches_its_source() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("compile_catalog", REPO / "tools" /
                                                  "compile_catalog.py")  # fmt: skip
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    po = (LOCALE / "glossaire.po").read_text(encoding="utf-8")
    assert module.build_mo(module.parse_po(po)) == (LOCALE / "glossaire.mo").read_bytes()


def test_every_word_typer_translates_has_a_french_entry() -> None:
    import re

    import typer

    source = "".join(
        path.read_text(encoding="utf-8") for path in Path(typer.__file__).parent.rglob("*.py")
    )
    used = set(re.findall(r'\b_\("((?:[^"\\]|\\.)*)"\)', source))
    catalogue = gettext.GNUTranslations((LOCALE / "glossaire.mo").open("rb"))
    missing = sorted(word for word in used if catalogue.gettext(word) == word
                     and word not in ("Arguments", "Options"))  # fmt: skip
    assert missing == []


def test_every_word_typer_translates_at_import_is_rebound_in_french() -> None:
    """typer.rich_utils translates its module-level strings at import, in the language of the
    environment; each of them must be among those ``use_french_words`` rebinds."""
    import re

    from typer import rich_utils

    from glossaire.cli.french import RICH_UTILS_WORDS

    source = Path(rich_utils.__file__).read_text(encoding="utf-8")
    translated = dict(re.findall(r'^([A-Z_]+) = _\("((?:[^"\\]|\\.)*)"\)', source, re.M))
    assert translated == RICH_UTILS_WORDS


def test_readme_documents_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"glossaire {command}" in readme


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in readme.splitlines() if '".[test]"' in line)
    assert test_command in ci.splitlines()
