"""``glossaire relire`` on the draft corpus (tests/data/drafts, see its README): zero problems
and every citation resolved on the clean drafts, every planted fault found on the faulty
ones, in Markdown, Word (real footnotes) and LibreOffice."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.drafts import CLEAN, FAULTY, as_document, corpus, expected_citations, expected_faults

STYLE = {"iso690": "iso690", "apa": "apa"}


def _style(name: str) -> str:
    return name.rsplit("-", 1)[1]


def _same(text: str) -> str:
    """Spaces, apostrophes and ellipses as pandoc's smart typing may change them."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("…", "...")
    return " ".join(text.split())


def _at(extrait: str, fault: str) -> bool:
    """The reported text is the fault's (or, for a misquotation, the differing words in it,
    joined by « … »)."""
    return fault in extrait or all(part in fault for part in extrait.split(" ... "))


def _report(invoke: Invoke, draft: Path, style: str) -> dict[str, Any]:
    result = invoke("relire", str(draft), "--style", style, "-f", "json")
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.fixture(params=[".md", ".docx", ".odt"])
def as_handed_in(request: pytest.FixtureRequest, tmp_path: Path):
    """The draft as the candidate hands it in: Markdown, or Word / LibreOffice."""

    def make(name: str) -> Path:
        source = corpus(name)
        return source if request.param == ".md" else as_document(source, request.param, tmp_path)

    return make


@pytest.mark.parametrize("name", CLEAN)
def test_a_clean_draft_has_no_problem_and_every_citation_resolves(
    invoke: Invoke, as_handed_in, name: str
) -> None:
    report = _report(invoke, as_handed_in(name), _style(name))
    assert report["problemes"] == []
    found = [(_same(c["extrait"]), c["cle"]) for c in report["citations"]]
    assert all(key for _, key in found), [c for c in found if not c[1]]
    for citation in expected_citations(name):
        assert (_same(citation["extrait"]), citation["cle"]) in found, citation
    assert report["bibliographie"]  # the cited works, in the norm


@pytest.mark.parametrize("name", FAULTY)
def test_every_planted_fault_is_found(invoke: Invoke, as_handed_in, name: str) -> None:
    report = _report(invoke, as_handed_in(name), _style(name))
    found = [(p["type"], _same(p["extrait"])) for p in report["problemes"]]
    for fault in expected_faults(name):
        wanted = (fault["type"], _same(fault["extrait"]))
        assert any(kind == wanted[0] and _at(text, wanted[1]) for kind, text in found), (
            fault,
            found,
        )
    for problem in report["problemes"]:
        assert {"type", "extrait", "message", "section", "paragraphe"} <= problem.keys()


def test_the_report_for_people_counts_first_and_says_where(invoke: Invoke) -> None:
    result = invoke("relire", str(corpus("fautes-iso690")))
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Relecture de fautes-iso690.md selon la norme ISO 690")
    assert "problèmes" in first and "citations reconnues" in first
    assert "Castel 1995" in result.stdout and "glossaire add-ref" in result.stdout
    assert "paragraphe" in result.stdout
    assert "Bibliographie des œuvres citées" in result.stdout


def test_suggestions_name_a_concept_used_and_not_defined(invoke: Invoke) -> None:
    report = _report(invoke, corpus("propre-iso690"), "iso690")
    suggested = {s["cle"] for s in report["suggestions"] if s["type"] == "concept-non-defini"}
    assert "mutualisation" in suggested
    assert "partenariat" not in suggested  # defined in the draft's Lexique


@pytest.mark.parametrize(
    ("content", "name", "said"),
    [
        (None, "absent.docx", "n'existe pas"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 600, "protege.docx", "mot de passe"),
        (b"ceci n'est pas un document", "faux.odt", "odt"),
        (b"x", "ancien.doc", ".docx"),
        (b"x", "notes.pages", ".docx"),
    ],
)
def test_a_draft_that_cannot_be_read_gets_a_french_error(
    invoke: Invoke, tmp_path: Path, content: bytes | None, name: str, said: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = invoke("relire", str(path))
    assert result.exit_code == 1, result.stdout
    assert said in result.stderr and "Traceback" not in result.stderr


AMBIGUOUS_BIB = """@book{dupont2001a, author = {Dupont, Jean}, title = {Agir ensemble},
  year = {2001}, publisher = {Érès}, address = {Toulouse}, langid = {french}}
@book{dupont2001b, author = {Dupont, Jean}, title = {Bâtir un réseau}, year = {2001},
  publisher = {Érès}, address = {Toulouse}, langid = {french}}
@book{martin2010, author = {Martin, Anne}, title = {Le territoire}, year = {2010},
  publisher = {Dunod}, address = {Paris}, langid = {french}}
@book{martin2010p, author = {Martin, Paul}, title = {La coordination}, year = {2010},
  publisher = {Dunod}, address = {Paris}, langid = {french}}
"""


def test_two_works_the_draft_cannot_tell_apart_are_ambiguous(
    invoke: Invoke, group, tmp_path: Path
) -> None:
    """Two works by one author in one year need their letter; two authors with the same
    surname and year need what the norm adds; with the letter, the citation resolves."""
    folder = group(references=AMBIGUOUS_BIB)
    draft = tmp_path / "brouillon.md"
    draft.write_text(
        "# Partenariat\n\nLe réseau se construit (Dupont 2001). Il se bâtit aussi "
        "(Dupont 2001b). Le territoire compte (Martin 2010).\n",
        "utf-8",
    )
    result = invoke("--data", str(folder), "relire", str(draft), "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    ambiguous = [p["extrait"] for p in report["problemes"] if p["type"] == "citation-ambigue"]
    assert ambiguous == ["Dupont 2001", "Martin 2010"]
    keys = {c["extrait"]: c["cle"] for c in report["citations"]}
    assert keys["Dupont 2001b"] == "dupont2001b"


def test_a_draft_without_a_bibliography_is_told_and_given_one(
    invoke: Invoke, tmp_path: Path
) -> None:
    draft = tmp_path / "sans-biblio.md"
    draft.write_text("# Partenariat\n\nLe partenariat engage (Dhume 2001).\n", "utf-8")
    report = _report(invoke, draft, "iso690")
    assert report["problemes"] == []  # a draft in progress: said as a suggestion
    assert [s["type"] for s in report["suggestions"]] == ["bibliographie-absente"]
    assert report["bibliographie"][0].startswith("DHUME, Fabrice, 2001.")


def test_a_note_style_is_refused_in_french(invoke: Invoke) -> None:
    result = invoke(
        "relire", str(corpus("propre-iso690")), "--style", "chicago-notes-bibliography"
    )
    assert result.exit_code == 1
    assert "notes de bas de page" in result.stderr and "--style iso690" in result.stderr
