"""Hostile text in the data, the arguments or the file names reaches no terminal alive
(issue 14, item 9): through every command and output format, on a terminal (rich, forced
with FORCE_COLOR) or piped, no escape sequence, OSC 8 link, C1 control or bidi override
from the data is written, and rich markup in data is never interpreted."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Invoke

ESC, CSI, RLO = "\x1b", "\x9b", "\u202e"
HOSTILE_TERM = "Piège \\e]8;;file:///etc/passwd\\e\\\\lien\\e]8;;\\e\\\\ \\u009b31m \\u202e"
CONCEPTS = (
    f'- id: piege\n  terme: "{HOSTILE_TERM}"\n  definitions:\n'
    '    - texte: "[link=file:///etc/passwd]clic[/link] \\e[31mrouge \\u009b2J \\u202etxet"\n'
    "      source: roux2013\n"
    "  contrastes:\n"
    '    - avec: reseau\n      difference: "\\e[5mclignote \\u202e"\n'
    '- id: piege2\n  terme: "[bold]Piège[/bold] deux"\n'
)
REFERENCES = (
    "@book{roux2013, author = {Roux, L\\'ea}, title = {Titre \u202e{} [link=file:///x]l[/link]},"
    " publisher = {P}, year = {2013}}\n"
)
COMMANDS = [
    ("show", "piege"),
    ("show", "piege2"),
    ("compare", "piege", "piege2"),
    ("search", "txet"),
    ("list",),
    ("cite", "roux2013"),
    ("biblio", "--tout"),
    ("info",),
    ("check",),
    ("show", "piegge"),  # an unknown term: suggestions quote hostile terms
    ("cite", "\x1b[31mroux"),  # hostile arguments, echoed in the error
    ("--nimporte\x1b]0;titre\x07",),
]
# What rich itself writes for colours, on a terminal: kept; anything else from ESC is not.
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def _dangerous(output: str, colours_allowed: bool) -> list[str]:
    text = RICH_STYLE.sub("", output) if colours_allowed else output
    found = [name for name, mark in (("ESC", ESC), ("CSI", CSI), ("RLO", RLO)) if mark in text]
    if ESC + "]8;" in output:
        found.append("OSC 8")
    return found


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_hostile_text_is_inert_everywhere(
    invoke: Invoke, group, terminal: bool, output_format: str
) -> None:
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    env = {"FORCE_COLOR": "1", "NO_COLOR": ""} if terminal else {}
    for command in COMMANDS:
        arguments = ["--data", str(folder), *command]
        if command[0] in {"show", "compare", "search", "list", "info", "check", "biblio"}:
            arguments += ["--format", output_format]
        result = invoke(*arguments, env=env)
        assert "Traceback" not in result.stderr, command
        for stream, output in (("stdout", result.stdout), ("stderr", result.stderr)):
            assert _dangerous(output, terminal) == [], (command, stream, output[-300:])


def test_markup_in_a_compared_term_is_shown_not_obeyed(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS, references=REFERENCES)
    result = invoke("--data", str(folder), "compare", "piege", "piege2")
    assert result.exit_code == 0, result.stderr
    assert "[bold]Piège[/bold] deux" in result.stdout
