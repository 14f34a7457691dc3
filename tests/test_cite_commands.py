"""`cite`, `biblio`, `style`, and citations on cards: what a candidate types and pastes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from glossaire.citation.csl_json import csl_item, date_parts, french_text
from glossaire.loading.bibtex_refs import parse_references
from tests.conftest import Invoke, console_script, script_env

NBSP, NB_HYPHEN = "\u00a0", "\u2011"


def _json(invoke: Invoke, *args: str) -> dict:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_cite_gives_in_text_and_full_reference(invoke: Invoke) -> None:
    result = invoke("cite", "dhume2001", "-p", "111")
    assert result.exit_code == 0
    assert f"Dans le texte : (Dhume 2001, p.{NBSP}111)" in result.stdout
    assert (
        "Référence : DHUME, Fabrice, 2001. Du travail social au travail ensemble" in result.stdout
    )


def test_a_page_range_takes_the_locale_form(invoke: Invoke) -> None:
    data = _json(invoke, "cite", "dhume2001", "-p", "111-113", "--style", "apa")
    assert data["dans_le_texte"] == f"(Dhume, 2001, p. 111{NB_HYPHEN}113)"
    assert data["csl"]["type"] == "book" and data["csl"]["id"] == "dhume2001"


def test_html_keeps_italics_and_declares_utf8(invoke: Invoke) -> None:
    out = invoke("cite", "dhume2001", "--format", "html").stdout
    assert '<meta charset="utf-8">' in out
    assert "<i>Du travail social au travail ensemble" in out


def test_markdown_uses_asterisks(invoke: Invoke) -> None:
    out = invoke("biblio", "partenariat", "--format", "markdown", "-s", "apa").stdout
    assert "*Du travail social au travail ensemble" in out
    assert "<i>" not in out


def test_text_is_plain(invoke: Invoke) -> None:
    out = invoke("biblio", "--tout").stdout
    assert "<i>" not in out and "*" not in out
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_unknown_key_suggests_the_closest(invoke: Invoke) -> None:
    result = invoke("cite", "dhume2010")
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : aucune référence n'a la clé « dhume2010 ».")
    assert "dhume2001" in result.stderr and "Traceback" not in result.stderr


def test_unknown_style_lists_the_presets(invoke: Invoke) -> None:
    result = invoke("cite", "dhume2001", "--style", "apa7")
    assert result.exit_code == 1
    assert "« apa7 » n'existe pas" in result.stderr and "iso690, apa" in result.stderr


def test_a_csl_file_that_the_engine_cannot_use_is_a_french_error(
    invoke: Invoke, tmp_path: Path
) -> None:
    broken = tmp_path / "cassé.csl"
    broken.write_text("<style>pas du CSL</style>", "utf-8")
    result = invoke("cite", "dhume2001", "--style", str(broken))
    assert result.exit_code == 1
    assert "ne sait pas appliquer le style" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_any_style_of_the_collection_works(invoke: Invoke) -> None:
    data = _json(invoke, "cite", "dhume2001", "--style", "chicago-author-date")
    assert "Dhume" in data["dans_le_texte"] and "2001" in data["dans_le_texte"]


def test_biblio_of_concepts_holds_exactly_their_sources(invoke: Invoke) -> None:
    data = _json(invoke, "biblio", "rhizome", "arborescence")
    assert [r["cle"] for r in data["references"]] == ["atelier2016", "deleuze1980"]
    everything = _json(invoke, "biblio", "--tout")
    assert len(everything["references"]) == 9


def test_biblio_is_sorted_the_french_way(invoke: Invoke, group) -> None:
    bib = (
        "@book{zola2001, author = {Zola, A.}, title = {Z}, year = 2001}\n"
        "@book{eluard2001, author = {{\\'E}luard, P.}, title = {E}, year = 2001}\n"
    )
    data = _json(invoke, "--data", str(group(references=bib)), "biblio", "--tout")
    keys = [r["cle"] for r in data["references"]]
    assert keys.index("eluard2001") < keys.index("haeuw2006") < keys.index("zola2001")


def test_style_is_chosen_once_and_reported_with_its_reason(invoke: Invoke) -> None:
    assert "style par défaut" in _json(invoke, "style")["origine"]
    saved = invoke("style", "apa")
    assert saved.exit_code == 0 and "apa" in saved.stdout
    report = _json(invoke, "style")
    assert report["style"] == "apa" and "votre choix" in report["origine"]
    assert "(Dhume, 2001, p. 111)" in invoke("show", "partenariat").stdout
    assert "(Dhume 2001, p.\u00a0111)" in invoke("show", "partenariat", "-s", "iso690").stdout


def test_saving_a_style_keeps_the_rest_of_the_config(invoke: Invoke, tmp_path: Path) -> None:
    config = tmp_path / "réglages" / "config.toml"
    config.parent.mkdir()
    config.write_text('# mes réglages\nstyle = "iso690"\nautre = 1\n', "utf-8")
    assert invoke("style", "apa").exit_code == 0
    assert config.read_text("utf-8") == '# mes réglages\nstyle = "apa"\nautre = 1\n'


def test_a_group_style_wins_over_the_users(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    (folder / "glossaire.toml").write_text('style = "apa"\n', "utf-8")
    invoke("style", "iso690")
    report = _json(invoke, "--data", str(folder), "style")
    assert report["style"] == "apa" and "du groupe" in report["origine"]
    forced = _json(invoke, "--data", str(folder), "cite", "dhume2001", "--style", "iso690")
    assert forced["dans_le_texte"] == "(Dhume 2001)"


def test_an_unknown_saved_style_is_refused_and_nothing_written(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("style", "nimportequoi")
    assert result.exit_code == 1
    assert not (tmp_path / "réglages" / "config.toml").exists()


def test_a_broken_group_config_names_file_and_line(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    (folder / "glossaire.toml").write_text('\nstyle = "apa\n', "utf-8")
    result = invoke("--data", str(folder), "cite", "dhume2001")
    assert result.exit_code == 1
    assert "glossaire.toml:2" in result.stderr and "Traceback" not in result.stderr


def test_html_escapes_data_as_zotero_does(invoke: Invoke, group) -> None:
    bib = "@book{roux2013, author = {Roux, L.}, title = {Formation \\& travail}, year = 2013}\n"
    out = invoke("--data", str(group(references=bib)), "cite", "roux2013", "-f", "html").stdout
    assert "Formation &#38; travail" in out


def test_and_others_is_et_al_in_both_presets(invoke: Invoke, group) -> None:
    """BibTeX's « and others » (a list that goes on) is « et al. », as biblatex prints it."""
    bib = "@book{aa2001, author = {Aa, Bé and Cc, Dé and others}, title = {T}, year = 2001}\n"
    folder = group(references=bib)
    for style in ("iso690", "apa"):
        data = _json(invoke, "--data", str(folder), "cite", "aa2001", "--style", style)
        assert "et al." in data["dans_le_texte"], style
        assert "et al." in data["reference"] and "others" not in data["reference"].lower()
    assert "auteurs-incomplets" not in invoke("--data", str(folder), "check").stdout


def test_translators_and_howpublished_are_printed_as_zotero_does(invoke: Invoke, group) -> None:
    bib = (
        "@book{goffman1968, author = {Goffman, Erving}, title = {Asiles}, year = 1968,"
        " translator = {Lainé, Liliane and Lainé, Claude}, publisher = {Minuit}}\n"
        "@misc{dgcs2013, author = {{Direction générale de la cohésion sociale}},"
        " title = {Instruction n° 2013-427}, year = 2013,"
        " howpublished = {Bulletin officiel Santé, n° 2014/5}}\n"
    )
    folder = group(references=bib)
    apa = _json(invoke, "--data", str(folder), "cite", "goffman1968", "--style", "apa")
    assert "(traduit par L. Lainé et C. Lainé)" in apa["reference"]
    assert [n["family"] for n in apa["csl"]["translator"]] == ["Lainé", "Lainé"]
    iso = _json(invoke, "--data", str(folder), "cite", "dgcs2013")
    assert "Bulletin officiel Santé, n°" in iso["reference"]
    assert "[Bulletin" not in iso["reference"]  # brackets mean a medium in ISO 690


def _item(bibtex: str) -> dict:
    (reference,) = parse_references(bibtex, Path("t.bib")).references
    return csl_item(reference)


@pytest.mark.parametrize(
    ("entry_type", "csl_type"),
    [
        ("book", "book"),
        ("incollection", "chapter"),
        ("inbook", "chapter"),
        ("article", "article-journal"),
        ("phdthesis", "thesis"),
        ("techreport", "report"),
        ("online", "webpage"),
        ("unpublished", "manuscript"),
        ("inproceedings", "paper-conference"),
    ],
)
def test_bibtex_types_map_to_csl_types(entry_type: str, csl_type: str) -> None:
    assert _item(f"@{entry_type}{{k, title = {{T}}}}")["type"] == csl_type


def test_corporate_authors_stay_whole_and_particles_are_joined() -> None:
    item = _item("@book{k, author = {{Atelier VAE} and de Gaulle, Geneviève}, title = {T}}")
    assert item["author"] == [
        {"literal": "Atelier VAE"},
        {"family": f"de{NBSP}Gaulle", "given": "Geneviève"},
    ]


def test_latex_accents_are_decoded_before_names_are_split() -> None:
    item = _item("@book{k, author = {{\\'E}mond, {\\'E}lise and Fran{\\c c}ois, Luc}, title={T}}")
    assert [a["family"] for a in item["author"]] == ["Émond", "François"]


def test_editors_thesis_school_and_url_are_kept() -> None:
    chapter = _item("@incollection{k, title={T}, booktitle={B}, editor={Nadal, P.}, pages={1-2}}")
    assert chapter["editor"] == [{"family": "Nadal", "given": "P."}]
    assert chapter["container-title"] == "B" and chapter["page"] == "1-2"
    thesis = _item("@phdthesis{k, title={T}, school={Université de Nantes}}")
    assert thesis["publisher"] == "Université de Nantes" and thesis["genre"] == "Thèse de doctorat"
    web = _item("@online{k, title={T}, url={https://a.fr/x?y=1}, urldate={2024-05-12}}")
    assert web["URL"] == "https://a.fr/x?y=1" and web["accessed"] == {"date-parts": [[2024, 5, 12]]}


@pytest.mark.parametrize("value", ["s.d.", "s. d.", "n.d.", "", "sans date"])
def test_no_date_gives_no_issued(value: str) -> None:
    assert date_parts(value) is None


def test_french_typography_in_data() -> None:
    assert french_text('Titre : le "mot" d\'ordre ?') == (
        f"Titre{NBSP}: le «{NBSP}mot{NBSP}» d’ordre{NBSP}?"
    )


def test_the_installed_script_cites() -> None:
    done = subprocess.run(
        [console_script(), "cite", "dhume2001", "-p", "111"],
        capture_output=True,
        env=script_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"(Dhume 2001, p.{NBSP}111)".encode() in done.stdout
