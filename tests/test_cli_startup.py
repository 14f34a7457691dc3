"""Start-up: a run imports only the command it names, and importing changes nothing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from glossaire.cli.app import COMMANDS
from tests.conftest import PYTHON, REPO, Invoke, script_env

COMMAND_MODULES = sorted({target.partition(":")[0] for target in COMMANDS.values()})


def run_python(code: str, **env: str) -> str:
    """Run ``code`` in a fresh interpreter; what it prints last on stdout is JSON."""
    environment = script_env()
    environment.pop("LANGUAGE", None)  # as for most users: nothing asks for French
    environment.update(env)
    done = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, cwd=REPO, env=environment,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


LOADED_COMMAND_MODULES = (
    f"import json, sys\nprint(json.dumps(sorted(set({COMMAND_MODULES!r}) & set(sys.modules))))\n"
)


def test_the_table_names_a_module_per_command() -> None:
    assert len(COMMAND_MODULES) == len(COMMANDS) == 18
    assert all(module.startswith("glossaire.cli.") for module in COMMAND_MODULES)


def test_importing_the_app_imports_no_command_module() -> None:
    assert run_python("import glossaire.cli.app\n" + LOADED_COMMAND_MODULES) == []


@pytest.mark.parametrize(
    "arguments",
    [["show", "partenariat"], ["--data", "{folder}", "show", "partenariat"]],
    ids=["show", "data-then-show"],
)
def test_running_show_imports_no_other_command_module(arguments: list[str], tmp_path: Path) -> None:
    argv = ["glossaire", *(a.format(folder=tmp_path) for a in arguments)]
    code = (
        "import contextlib, os, sys\n"
        f"sys.argv = {argv!r}\n"
        "from glossaire.cli.app import main\n"
        "with open(os.devnull, 'w') as sink, contextlib.redirect_stdout(sink):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
    ) + LOADED_COMMAND_MODULES
    assert run_python(code) == ["glossaire.cli.show"]


def test_help_lists_every_command_of_the_table_in_order(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    panel = result.stdout[result.stdout.index("Commandes") :]
    listed = re.findall(r"^│ ([a-z-]+) ", panel, flags=re.MULTILINE)
    assert listed == list(COMMANDS)
    assert "Affiche la fiche d'un concept" in panel  # the French one-line help of show
    assert "Donne la citation d'une source" in panel  # ... and of cite


@pytest.mark.parametrize(
    ("arguments", "suggestion"),
    [(["shwo", "partenariat"], "show"), (["--data", ".", "exprot"], "export")],
)
def test_an_unknown_command_is_answered_in_french_with_close_commands(
    invoke: Invoke, arguments: list[str], suggestion: str
) -> None:
    result = invoke(*arguments)
    assert result.exit_code == 2
    typo = next(a for a in arguments if a not in ("--data", "."))
    assert f"Erreur : Commande inconnue : « {typo} »." in result.stderr
    assert f"Voulez-vous dire : {suggestion} ?" in result.stderr


def test_importing_the_app_or_showing_help_changes_no_environment_variable() -> None:
    code = (
        "import contextlib, io, json, os\n"
        "before = dict(os.environ)\n"
        "from glossaire.cli.app import app\n"
        "after_import = dict(os.environ)\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    app(['show', '--help'], standalone_mode=False)\n"
        "def changed(now):\n"
        "    return sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))\n"
        "print(json.dumps([changed(after_import), changed(dict(os.environ))]))\n"
    )
    assert run_python(code) == [[], []]


@pytest.mark.parametrize("language", [{}, {"LANGUAGE": "en", "LANG": "en_GB.UTF-8"}])
def test_help_panels_are_french_whatever_the_environment(language: dict[str, str]) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from glossaire.cli.app import app\n"
        "pages = []\n"
        "for arguments in (['--help'], ['show', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()) as page:\n"
        "        app(arguments, standalone_mode=False)\n"
        "    pages.append(page.getvalue())\n"
        "print(json.dumps(pages))\n"
    )
    main_help, show_help = run_python(code, NO_COLOR="1", COLUMNS="100", **language)
    assert "─ Options ─" in main_help and "─ Commandes ─" in main_help
    assert "─ Arguments ─" in show_help and "─ Options ─" in show_help
    assert "[obligatoire]" in show_help
    for english in ("Commands", "[required]", "Usage:"):
        assert english not in main_help + show_help
