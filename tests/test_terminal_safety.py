"""Text from the data is printed as text: no rich markup applied, no escape reaches a terminal."""

from __future__ import annotations

import json

from tests.conftest import Invoke

HOSTILE = (
    "- id: piege\n"
    '  terme: "Piège [bold]gras[/bold]"\n'
    "  definitions:\n"
    '    - texte: "Voir [link=https://exemple.invalid]ici[/link] et [/] puis \\e[31mrouge\\e[0m'
    ' et \\e]0;titre\\a fin"\n'
    '  notes: "*gras* _souligné_ # titre"\n'
)


def test_rich_markup_in_data_appears_literally(invoke: Invoke, group) -> None:
    folder = group(concepts=HOSTILE)
    result = invoke("--data", str(folder), "show", "piege")
    assert result.exit_code == 0, result.stderr
    assert "Piège [bold]gras[/bold]" in result.stdout
    assert "[link=https://exemple.invalid]ici[/link]" in result.stdout
    assert "[/]" in result.stdout


def test_ansi_escapes_never_reach_the_terminal(invoke: Invoke, group) -> None:
    folder = group(concepts=HOSTILE)
    for fmt in ("text", "markdown"):
        result = invoke("--data", str(folder), "show", "piege", "-f", fmt)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "rouge" in result.stdout
    search = invoke("--data", str(folder), "search", "rouge")
    assert "\x1b" not in search.stdout


def test_json_keeps_the_data_exactly(invoke: Invoke, group) -> None:
    folder = group(concepts=HOSTILE)
    data = json.loads(invoke("--data", str(folder), "show", "piege", "-f", "json").stdout)
    assert "\x1b[31m" in data["definitions"][0]["texte"]  # escaped by JSON, data unchanged


def test_markdown_escapes_data(invoke: Invoke, group) -> None:
    folder = group(concepts=HOSTILE)
    md = invoke("--data", str(folder), "show", "piege", "-f", "markdown").stdout
    assert "\\*gras\\*" in md and "\\_souligné\\_" in md
