"""Our engine (pandoc's citeproc) gives, byte for byte, what citeproc-js (Zotero) gives:
goldens made by tools/make_citation_golden.py from the bundled references, one reference of
every type and the hard cases (tests/data/citation_cases.bib: same author and year, same
surname, et al. lists that differ after the first name, editors, a law, a circulaire…),
all in one bibliography, so that disambiguation is part of what is compared.

Two normalisations, and a closed list of known differences, each checked to be exactly
itself (a new difference, or a known one that changes, fails):
- citeproc-js ends ISO 690 entries with a space; we compare entries without trailing space.
- ``KNOWN`` below: what pandoc's citeproc prints that citeproc-js does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossaire.citation.engine import Cite, render
from glossaire.citation.styles import resolve_style
from tools.make_citation_golden import GOLDEN, references, spec

GOLDENS = sorted(GOLDEN.glob("*.json"))


def test_every_preset_and_format_has_a_golden() -> None:
    assert {path.name for path in GOLDENS} == {
        f"{preset}.{output}.json" for preset in ("iso690", "apa") for output in ("text", "html")
    }


@pytest.mark.parametrize("path", GOLDENS, ids=lambda path: path.stem)
def test_the_converter_still_makes_the_goldens_input(path: Path) -> None:
    """If this fails, the CSL-JSON changed: rerun tools/make_citation_golden.py and review."""
    golden = json.loads(path.read_text("utf-8"))
    assert spec(golden["style"], golden["format"], references())["items"] == golden["items"]


def _apa_manuscript(theirs: str, output: str) -> str:
    """APA's style prints « Document inédit » after a manuscript from inside a macro whose
    other variables are all empty: citeproc-js drops the whole macro (CSL 1.0.2: a macro is
    an implicit group), pandoc's citeproc prints the text, as the style's author wrote it:
    at the end, or before the publisher when there is one."""
    if " Cité dans" in theirs:
        return theirs.replace(" Cité dans", " Document inédit. Cité dans")
    return f"{theirs} Document inédit."


def _iso690_dated_webpage(theirs: str, output: str) -> str:
    """ISO 690, a law read online: pandoc's citeproc prints the full date again after
    « [en ligne] », in a group citeproc-js leaves out."""
    return theirs.replace("[en\u00a0ligne]. ", "[en\u00a0ligne]. 2 janvier 2002. ")


def _others_cited(theirs: str, output: str) -> str:
    """BibTeX's ``and others``: citeproc-js prints the name « others » as given; pandoc's
    citeproc prints the locale's « et al. », as biblatex and the French norms do."""
    return theirs.replace("others", "et al.")


def _others_iso690_entry(theirs: str, output: str) -> str:
    """Pandoc's citeproc prints « et OTHERS » in ISO 690's entries: our post-pass (engine
    ``_et_al``) writes « , et al. » there."""
    return theirs.replace(", et OTHERS", ", et al.")


def _others_apa_entry(theirs: str, output: str) -> str:
    return theirs.replace("et others.", "<i>et al.</i>" if output == "html" else "et al.")


def _month_capitalised(theirs: str, output: str) -> str:
    """ISO 690 prints a misc's full date as a sentence of its own; French months are lower
    case, and both engines leave « février » opening it: our post-pass (engine
    ``_month_capitalised``) writes the capital a sentence needs."""
    return theirs.replace(". février 2006.", ". Février 2006.")


KNOWN = {  # (style, item id) → what we print, from what citeproc-js prints
    ("apa", "atelier2016"): _apa_manuscript,
    ("apa", "collectif2018"): _apa_manuscript,
    ("apa", "stagiairesd"): _apa_manuscript,
    ("apa", "lefevre2018"): _others_apa_entry,
    ("iso690", "loi2002"): _iso690_dated_webpage,
    ("iso690", "lefevre2018"): _others_iso690_entry,
    ("iso690", "haeuw2006"): _month_capitalised,
}
KNOWN_CITATIONS = {("iso690", "lefevre2018"): _others_cited}


def _expected(known: dict, style: str, key: str, theirs: str, output: str) -> str:
    """What we must print: citeproc-js's text, or its known difference (which must still
    be one: a difference that disappears is taken out of the list)."""
    change = known.get((style, key))
    if change is None:
        return theirs
    expected = change(theirs, output)
    assert expected != theirs, f"{key}: no longer a known difference, take it out"
    return expected


@pytest.mark.parametrize("path", GOLDENS, ids=lambda path: path.stem)
def test_our_engine_matches_citeproc_js(path: Path) -> None:
    golden = json.loads(path.read_text("utf-8"))
    style, output = golden["style"], golden["format"]
    cites = [Cite(c["id"], c["page"]) for c in golden["cites"]]
    rendering = render(resolve_style(style), golden["items"], cites, output)
    assert len(rendering.citations) == len(golden["citations"])
    for cite, mine, theirs in zip(
        golden["cites"], rendering.citations, golden["citations"], strict=True
    ):
        assert mine == _expected(KNOWN_CITATIONS, style, cite["id"], theirs, output), cite
    assert list(rendering.bibliography_ids) == golden["bibliography_ids"]
    for key, mine, theirs in zip(
        golden["bibliography_ids"], rendering.bibliography, golden["bibliography"], strict=True
    ):
        assert mine == _expected(KNOWN, style, key, theirs.rstrip(), output), key


def test_disambiguation_cases_are_in_the_goldens() -> None:
    """The hard cases are there and citeproc-js did disambiguate them: the goldens test it."""
    golden = json.loads((GOLDEN / "iso690.text.json").read_text("utf-8"))
    pairs = zip(golden["cites"], golden["citations"], strict=True)
    alone = {cite["id"]: text for cite, text in pairs if not cite["page"]}
    assert alone["bourdieu1980sens"] == "(Bourdieu 1980a)"
    assert alone["bourdieu1980questions"] == "(Bourdieu 1980b)"
    assert alone["dubet2002"] != alone["dubet2002florence"]
    assert alone["martin2019petit"] != alone["martin2019simon"]
