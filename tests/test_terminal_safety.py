"""Text from the data is printed as text: no rich markup applied, no escape reaches a terminal."""

from __future__ import annotations

import json

import pytest

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


def _listing(terms: list[str], codes: tuple[str, ...] = ("4.1",)) -> object:
    from glossaire.catalog.contract import ListedConcept, ListedConcepts
    from glossaire.services.results import ConceptListing

    rows = [ListedConcept(f"c{n}", term, codes, ("DC1",)) for n, term in enumerate(terms)]
    return ConceptListing(ListedConcepts.of(rows), None, None)


@pytest.mark.parametrize(
    "term",
    ["Réseau « n° {n} » ’ œ", 'Réseau « n° {n} » \\ "guillemets"', "Tab\t{n}"],
    ids=["nothing to escape", "quotes and backslash", "control"],
)
def test_a_long_json_listing_is_json_dumps_one_record_per_line(term: str) -> None:
    """The column-wise writer of long listings gives exactly the standard encoder's bytes."""
    from glossaire.cli.render.as_json import render

    terms = [term.format(n=n) for n in range(150)]
    listing = _listing(terms)
    expected = ",\n".join(
        json.dumps(
            {"id": f"c{n}", "terme": t, "chapitres": ["4.1"], "domaines": ["DC1"]},
            ensure_ascii=False,
        )
        for n, t in enumerate(terms)
    )
    assert render(listing) == f"[\n{expected}\n]"


def test_a_long_json_listing_escapes_c1_and_bidi_wherever_they_are() -> None:
    from glossaire.cli.render.as_json import render

    for terms, codes in (
        (["ordinaire"] * 149 + ["retourné \u202e"], ("4.1",)),
        (["contrôle \x9b31m"] + ["ordinaire"] * 149, ("4.1",)),
        (["ordinaire"] * 150, ("4.1\u2066",)),
    ):
        text = render(_listing(terms, codes))
        assert not set(text) & {"\u202e", "\x9b", "\u2066"}
        assert [r["terme"] for r in json.loads(text)] == terms
        assert json.loads(text)[0]["chapitres"] == list(codes)
