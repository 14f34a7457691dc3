"""URLs and DOIs are printed exactly as written: a student pastes them into a dossier, and a
link whose « -- » became « – » or whose ' became ’ leads nowhere."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from glossaire.citation.engine import render
from glossaire.citation.styles import resolve_style
from glossaire.text import markdown_escape
from tests.conftest import Invoke


def html_escape(text: str) -> str:
    """How data reaches HTML output (as citeproc-js escapes it): « & » is « &#38; »."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


APOSTROPHE_URL = "https://www.erudit.org/fr/revues/nps/2015-v27-n2/l'accompagnement_social.html"
DASHED_URL = "https://www.cairn.info/le-travail-social--9782707157379-page-47.htm"
ARTICLE_URL = "https://www.cairn.info/revue-empan-2010-1--9782707157379-page-47.htm"
DASHED_DOI = "10.3917/empa.077--0047"
APOSTROPHE_DOI = "10.4000/books.pur.l'exemple_2"

REFERENCES = f"""
@book{{durand2010, author = {{Durand, Anne}}, title = {{Le travail social}},
  publisher = {{Érès}}, address = {{Toulouse}}, year = {{2010}}, url = {{{DASHED_URL}}}}}
@article{{dupuis2018, author = {{Dupuis, Marc}}, title = {{L'exemple}},
  journal = {{Empan}}, year = {{2018}}, doi = {{{APOSTROPHE_DOI}}}}}
@article{{martin2012, author = {{Martin, Claire}}, title = {{Le partenariat}},
  journal = {{Empan}}, volume = {{1}}, number = {{77}}, pages = {{47--52}}, year = {{2012}},
  doi = {{{DASHED_DOI}}}, url = {{{ARTICLE_URL}}}}}
@article{{roux2015, author = {{Roux, Léa}}, title = {{L'accompagnement}},
  journal = {{Nouvelles pratiques sociales}}, volume = {{27}}, year = {{2015}},
  url = {{{APOSTROPHE_URL}}}}}
"""
CONCEPTS = """
- id: lien-casse
  terme: Lien cassé
  definitions:
    - texte: "Un lien qui ne mène nulle part."
      source: durand2010
    - texte: "Un autre."
      source: martin2012
    - texte: "Encore un."
      source: roux2015
    - texte: "Et un dernier."
      source: dupuis2018
"""

# (key, value, styles printing it): APA prints the DOI of an article, not its URL.
PRINTED = [
    ("apostrophe-url", "roux2015", APOSTROPHE_URL, ("iso690", "apa")),
    ("apostrophe-doi", "dupuis2018", APOSTROPHE_DOI, ("iso690", "apa")),
    ("dashed-url", "durand2010", DASHED_URL, ("iso690", "apa")),
    ("dashed-article-url", "martin2012", ARTICLE_URL, ("iso690",)),
    ("dashed-doi", "martin2012", DASHED_DOI, ("iso690", "apa")),
]
STYLES = ("iso690", "apa")
FORMATS = ("text", "html", "markdown", "json")


def _cases(formats: tuple[str, ...]) -> list:
    """One test per value, style and format, so that each can fail on its own."""
    return [
        pytest.param(
            key,
            value,
            style,
            fmt,
            id=f"{name}-{style}-{fmt}",
        )
        for name, key, value, styles in PRINTED
        for style in styles
        for fmt in formats
    ]


@pytest.fixture
def folder(group) -> Path:
    return group(concepts=CONCEPTS, references=REFERENCES)


def _run(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _assert_kept(output: str, value: str, fmt: str) -> None:
    if fmt in ("text", "json"):
        assert value in output
    elif fmt == "html":
        assert html_escape(value) in output  # « &#38; » for « & », as citeproc-js writes
    else:
        # Escaped like all data (« \_ »), it renders back to the very same characters.
        assert markdown_escape(value) in output
        commonmark = pytest.importorskip("markdown_it").MarkdownIt("commonmark")
        assert value in html.unescape(commonmark.render(output))


@pytest.mark.parametrize(("key", "value", "style", "fmt"), _cases(FORMATS))
def test_cite_keeps_urls_and_dois(invoke: Invoke, folder: Path, key, value, style, fmt) -> None:
    out = _run(invoke, "--data", str(folder), "cite", key, "--style", style, "--format", fmt)
    if fmt == "json":
        data = json.loads(out)
        assert value in (data["csl"].get("URL"), data["csl"].get("DOI"))
        out = data["reference"]
    _assert_kept(out, value, fmt)


@pytest.mark.parametrize(("key", "value", "style", "fmt"), _cases(FORMATS))
def test_biblio_keeps_urls_and_dois(invoke: Invoke, folder: Path, key, value, style, fmt) -> None:
    out = _run(invoke, "--data", str(folder), "biblio", "--tout", "-s", style, "-f", fmt)
    if fmt == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    _assert_kept(out, value, fmt)


@pytest.mark.parametrize(("key", "value", "style", "fmt"), _cases(("html", "md")))
def test_export_keeps_urls_and_dois(
    invoke: Invoke, folder: Path, tmp_path: Path, key, value, style, fmt
) -> None:
    path = tmp_path / f"annexe.{fmt}"
    _run(invoke, "--data", str(folder), "export", "--tout", "-s", style, "-f", fmt, "-o", str(path))
    text = path.read_text("utf-8")
    if fmt == "html":
        assert value in html.unescape(text)  # the annex escapes the text anew
    else:
        _assert_kept(text, value, "markdown")


# The engine side alone (no BibTeX): the engine and our writers print URL and DOI verbatim,
# including what typography would otherwise change (' → ’, « -- » → « – », « .. », ᵉ).
ODD_URL = "https://www.cairn.info/l'x--y_z-%20*a*?a=1&b=2/a../b?./cᵉ"
ODD_DOI = "10.3917/a--b'c<1>"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("output", ["text", "html", "markdown"])
def test_engine_prints_url_and_doi_verbatim(style: str, output: str) -> None:
    item = {
        "id": "x",
        "type": "webpage" if style == "apa" else "article-journal",
        "title": "Pourquoi ?",
        "author": [{"family": "Roux", "given": "Léa"}],
        "issued": {"date-parts": [[2015]]},
        "URL": ODD_URL,
        "DOI": ODD_DOI,
    }
    entry = render(resolve_style(style), [item], [], output).bibliography[0]
    for value in (ODD_DOI, ODD_URL) if style == "iso690" else (ODD_DOI,):  # APA: the DOI only
        _assert_kept(entry, value, output)
    assert "Roux, L" in entry or "ROUX, Léa" in entry
