"""`export`: the livret 2 annex in Word, LibreOffice, HTML and Markdown, read back and checked."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from glossaire.text import fold
from tests.conftest import Invoke
from tests.golden import assert_golden

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: inside « », before ; ? !
SELECTION = (
    "réseau",
    "partenariat",
    "mutualisation",
    "échange",
    "échange réciproque de ressources",
)


def _export(invoke: Invoke, tmp_path: Path, fmt: str, *args: str) -> Path:
    path = tmp_path / f"annexe.{fmt}"
    result = invoke("export", *args, "-f", fmt, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert f"Annexe écrite : {path}" in result.stdout
    return path


def test_docx_has_word_styles_order_italics_and_french_spaces(
    invoke: Invoke, tmp_path: Path
) -> None:
    import docx

    document = docx.Document(str(_export(invoke, tmp_path, "docx", *SELECTION)))
    paragraphs = document.paragraphs
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Lexique"),
        ("Heading 2", "Mutualisation"),
        ("Heading 3", "Échange"),  # typology children under their parent
        ("Heading 4", "Échange réciproque de ressources"),
        ("Heading 2", "Partenariat"),
        ("Heading 2", "Réseau"),
        ("Heading 1", "Bibliographie"),
    ]
    quotes = [p.text for p in paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.startswith("«" + NNBSP) and NNBSP + "»" in q for q in quotes)
    assert any("(Dhume 2001, p." + NBSP + "111)" in q for q in quotes)
    bibliography = paragraphs[[p.text for p in paragraphs].index("Bibliographie") + 1 :]
    dhume = next(p for p in bibliography if p.text.startswith("DHUME"))
    italic = [run.text for run in dhume.runs if run.italic]
    assert italic == [
        "Du travail social au travail ensemble"
        + NBSP
        + ": le partenariat dans le champ des politiques sociales"
    ]
    assert not any("*" in p.text for p in paragraphs)
    assert document.core_properties.language == "fr-FR"


def test_the_bibliography_holds_exactly_the_cited_sources(invoke: Invoke, tmp_path: Path) -> None:
    import docx

    path = _export(invoke, tmp_path, "docx", "rhizome")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    bibliography = texts[texts.index("Bibliographie") + 1 :]
    assert [t.split(",")[0] for t in bibliography] == ["ATELIER VAE", "DELEUZE"]


def test_chapter_selection_and_options(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("define", "partenariat", "Pour moi : agir ensemble.").exit_code == 0
    text = _export(
        invoke, tmp_path, "md", "--chapitre", "4.2", "--avec-exemples", "--mes-definitions"
    ).read_text("utf-8")
    listed = json.loads(invoke("list", "--chapitre", "4.2", "-f", "json").stdout)
    for concept in listed:
        assert f"### {concept['terme']}" in text
    assert text.count("\n### ") == len(listed)
    assert f"*Ma définition{NBSP}:* Pour moi{NBSP}: agir ensemble." in text
    assert f"*Exemple{NBSP}:* L’ARS et la DRAC" in text
    without = _export(invoke, tmp_path / "b", "md", "partenariat").read_text("utf-8")
    assert "Ma définition" not in without and "Exemple" not in without


def test_markdown_golden(invoke: Invoke, tmp_path: Path) -> None:
    assert_golden("export.md", _export(invoke, tmp_path, "md", *SELECTION).read_text("utf-8"))


def test_html_golden(invoke: Invoke, tmp_path: Path) -> None:
    text = _export(invoke, tmp_path, "html", *SELECTION).read_text("utf-8")
    assert "http" not in text.split("<body>")[0]  # self-contained: nothing to fetch
    assert "<i>Du travail social au travail ensemble" in text
    assert_golden("export.html", text)


def test_odt_opens_with_headings_and_italic_titles(invoke: Invoke, tmp_path: Path) -> None:
    from odf import opendocument, teletype
    from odf.text import H

    path = _export(invoke, tmp_path, "odt", *SELECTION)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = archive.read("content.xml").decode("utf-8")
    assert 'text:style-name="Italique"' in content
    loaded = opendocument.load(str(path))
    headings = [teletype.extractText(h) for h in loaded.getElementsByType(H)]
    assert headings[:3] == ["Lexique et bibliographie", "Lexique", "Mutualisation"]


def test_an_existing_file_is_kept_unless_force(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "annexe.md"
    path.write_text("mon travail\n", "utf-8")
    refused = invoke("export", "réseau", "-f", "md", "-o", str(path))
    assert (
        refused.exit_code == 1 and "existe déjà" in refused.stderr and "--force" in refused.stderr
    )
    assert path.read_text("utf-8") == "mon travail\n"
    forced = invoke("export", "réseau", "-f", "md", "-o", str(path), "--force")
    assert forced.exit_code == 0 and path.read_text("utf-8").startswith("# Lexique")


def test_nothing_selected_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("export")
    assert result.exit_code == 2 and "--tout" in result.stderr


def test_unknown_format_is_refused(invoke: Invoke) -> None:
    result = invoke("export", "--tout", "-f", "pdf")
    assert result.exit_code == 2 and "docx, odt, html, md" in result.stderr


def test_html_search_filters_as_you_type_in_a_real_browser(
    invoke: Invoke, tmp_path: Path, browser: Any
) -> None:
    path = _export(invoke, tmp_path, "html", "--tout")
    errors: list[str] = []
    page = browser.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    total = page.locator(".concept:visible").count()
    assert total >= 25
    page.fill("#recherche", "reseau interne")  # no accent typed
    visible = page.locator(".concept:visible").all_inner_texts()
    assert visible and all("reseau interne" in fold(t) for t in visible)
    assert len(visible) < total
    page.fill("#recherche", "COOPERATIVE")
    assert page.locator(
        ".concept:visible h3, .concept:visible h4, .concept:visible h5"
    ).all_inner_texts()
    page.fill("#recherche", "zzzz")
    assert page.locator(".concept:visible").count() == 0
    assert page.locator("#aucun").is_visible()
    page.fill("#recherche", "")
    assert page.locator(".concept:visible").count() == total
    page.close()
    assert errors == []
