"""Interactive ``add``: each answer is checked as it is given and asked again alone, the
identifier is proposed from the term, the nature lists its choices, the page and the
chapters are asked; Ctrl+C ends with « Abandon : rien n'a été écrit. » and exit 130."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("glossaire.cli.add.is_terminal", lambda: True)


def _card(invoke: Invoke, folder: Path, concept: str) -> dict:
    return json.loads(invoke("--data", str(folder), "show", concept, "-f", "json").stdout)


def test_wrong_answers_are_said_at_once_and_nothing_typed_is_lost(
    invoke: Invoke, group, at_terminal: None
) -> None:
    folder = group(concepts="- id: reseau-local\n  terme: Réseau local\n")
    answers = [
        "Travail en réseau",  # terme
        "Travail En Réseau",  # a wrong identifier: asked again
        "reseau-local",  # taken: asked again
        "",  # Enter: the proposed identifier (travail-en-reseau)
        "",  # an empty definition: asked again (click asks again by itself)
        "Agir avec d'autres.",
        "dhume",  # unknown key: close keys suggested, asked again
        "Dhume2001",  # keys are case-insensitive
        "poème",  # not a nature: asked again
        "citation",
        "p. 111",
        "4.1, 12.7",  # 12.7 unknown to the référentiel: keep it?
        "n",  # no: asked again
        "4.1",
    ]
    result = invoke("--data", str(folder), "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    out, err = result.stdout, result.stderr
    assert "[travail-en-reseau]" in out  # the identifier proposed from the term
    assert "n'est pas un identifiant" in err
    assert "« reseau-local » existe déjà" in err and "glossaire modifier reseau-local" in err
    assert "Aucune référence n'a la clé « dhume »" in err and "dhume2001" in err
    assert "n'est pas une nature" in err
    assert "Le référentiel ne connaît pas 12.7" in out
    assert "Nature (citation, synthese, atelier ou lecture)" in out
    assert "Page" in out and "Chapitres" in out
    assert "\u00a0: " in out  # French prompts: a no-break space before the colon
    card = _card(invoke, folder, "travail-en-reseau")
    definition = card["definitions"][0]
    assert card["terme"] == "Travail en réseau"
    assert (definition["texte"], definition["source"]) == ("Agir avec d'autres.", "dhume2001")
    assert (definition["nature"], definition["page"]) == ("citation", "111")
    assert card["chapitres"] == ["4.1"]


def test_what_the_command_line_gave_is_not_asked(invoke: Invoke, group, at_terminal: None) -> None:
    folder = group(concepts="")
    result = invoke(
        "--data",
        str(folder),
        "add",
        "maillage",
        "--nature",
        "atelier",
        "--chapitre",
        "4.2",
        "-p",
        "12",
        input="Maillage\nUn filet.\natelier2016\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "Identifiant" not in result.stdout and "Nature" not in result.stdout
    assert "Page" not in result.stdout and "Chapitres" not in result.stdout
    card = _card(invoke, folder, "maillage")
    assert card["chapitres"] == ["4.2"] and card["definitions"][0]["nature"] == "atelier"


def test_ctrl_c_in_the_middle_writes_nothing(invoke: Invoke, group, at_terminal: None) -> None:
    folder = group(concepts="# groupe\n")
    result = invoke("--data", str(folder), "add", input="Maillage\n")  # then end of input
    assert result.exit_code == 130
    assert "Abandon : rien n'a été écrit." in result.stderr
    assert (folder / "concepts.yaml").read_text("utf-8") == "# groupe\n"
