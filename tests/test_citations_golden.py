"""citeproc-py gives, byte for byte, what citeproc-js (Zotero) gives: goldens made by
tools/make_citation_golden.py from the bundled references and one reference of every type."""

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


@pytest.mark.parametrize("path", GOLDENS, ids=lambda path: path.stem)
def test_citeproc_py_matches_citeproc_js(path: Path) -> None:
    golden = json.loads(path.read_text("utf-8"))
    cites = [Cite(c["id"], c["page"]) for c in golden["cites"]]
    rendering = render(resolve_style(golden["style"]), golden["items"], cites, golden["format"])
    assert len(rendering.citations) == len(golden["citations"])
    for cite, mine, theirs in zip(
        golden["cites"], rendering.citations, golden["citations"], strict=True
    ):
        assert mine == theirs, cite
    assert list(rendering.bibliography_ids) == golden["bibliography_ids"]
    for key, mine, theirs in zip(
        golden["bibliography_ids"], rendering.bibliography, golden["bibliography"], strict=True
    ):
        assert mine == theirs, key
