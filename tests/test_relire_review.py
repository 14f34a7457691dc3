"""A demanding user's review of ``glossaire relire`` (issue 18): small drafts of their own,
in Markdown and Word, with the traps and forms of the issue and a few more.

The review found 24 bugs, each first written here as a strict xfail; all are fixed, and
every test is now a regression test.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from glossaire.citation.engine import pandoc_path
from tests.conftest import Invoke

DHUME_ISO = (
    "DHUME, Fabrice, 2001. Du travail social au travail ensemble : le partenariat dans le "
    "champ des politiques sociales. Éditions ASH. ISBN 2-85030-611-8."
)
JAEGER_ISO = (
    "JAEGER, Marcel, 2003. Travail en réseau et logiques de territoire. [en ligne]. "
    "14 décembre 2003. Disponible à l’adresse : "
    "https://www.travail-social.com/Travail-en-reseau-et-logiques-de"
)
DHUME_QUOTE = (
    "méthode d'action coopérative fondée sur un engagement libre, mutuel et contractuel "
    "d'acteurs différents mais égaux"
)
RHIZOME_QUOTE = "le rhizome connecte un point quelconque avec un autre point quelconque"

# Works a social-work candidate cites, with the particles and shapes of the issue.
GROUP_BIB = r"""
@book{gaulejac2009, author = {de Gaulejac, Vincent}, title = {La société malade de la gestion},
  publisher = {Seuil}, address = {Paris}, year = {2009}}
@book{iribarne1989, author = {d'Iribarne, Philippe}, title = {La logique de l'honneur},
  publisher = {Seuil}, address = {Paris}, year = {1989}}
@book{lebreton2008, author = {Le Breton, David}, title = {Anthropologie du corps et modernité},
  publisher = {PUF}, address = {Paris}, year = {2008}}
@book{insee2019, author = {{INSEE}}, title = {France, portrait social},
  publisher = {INSEE}, address = {Paris}, year = {2019}}
@book{castel1995, author = {Castel, Robert}, title = {Les métamorphoses de la question sociale},
  publisher = {Fayard}, address = {Paris}, year = {1995}}
@book{castel2003, author = {Castel, Robert}, title = {L'insécurité sociale},
  publisher = {Seuil}, address = {Paris}, year = {2003}}
"""


def _md(tmp_path: Path, text: str, name: str = "brouillon.md") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _report(invoke: Invoke, draft: Path, *args: str) -> dict[str, Any]:
    result = invoke("relire", str(draft), "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _plain(text: str) -> str:
    """Pandoc's smart reading types a no-break space after « p. » and « al. »."""
    return text.replace("\u00a0", " ")


def _problems(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["type"], _plain(p["extrait"])) for p in report["problemes"]]


def _keys(report: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(_plain(c["extrait"]), c["cle"]) for c in report["citations"]]


def _docx_from_md(md: Path) -> Path:
    out = md.with_suffix(".docx")
    subprocess.run([str(pandoc_path()), str(md), "-o", str(out)], check=True)
    return out


# -- what works: regression tests ---------------------------------------------------------


def test_prose_that_only_looks_like_citations_is_never_reported(
    invoke: Invoke, tmp_path: Path
) -> None:
    draft = _md(
        tmp_path,
        "# Introduction\n\n"
        "Depuis 2011, je travaille en MECS (ASE). En 2016, la loi 2002-2 du 2 janvier 2002 "
        "restait notre cadre (voir 4.2). Le foyer est à 20 km (20 km) du centre (cf. annexe 3). "
        "Le 12 mai 2016, nous avons reçu Léa (2009) et Yanis (1999). Le schéma (2016-2020) "
        "prévoit des places. Près de 40 % des jeunes (18-25 ans) sont concernés. Le SESSAD "
        "(ouvert en 2012) accueille 30 jeunes. J'ai travaillé à l'IME (de 2005 à 2010).\n",
    )
    report = _report(invoke, draft)
    assert report["problemes"] == []
    assert report["citations"] == []


def test_the_shapes_of_the_issue_resolve_to_the_library(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Introduction\n\n"
        "(Dhume 2001) le dit dès l'ouverture. Le réseau (voir notamment (Jaeger 2003)) compte. "
        "Plusieurs auteurs (Dhume 2001 ; Haeuw et Garnier 2006, p. 3) l'ont montré. "
        "Dumoulin et al. (2003) décrivent le réseau. Les notes (Stagiaire en formation de "
        "travailleur social, s. d.) aussi. L'atelier (Atelier VAE 2016) en parle. "
        "Dhume (2001, p. 111) définit le partenariat.\n\n"
        "Deleuze et Guattari (1980, p. 25) écrivent : « Les systèmes arborescents sont des "
        "systèmes hiérarchiques qui comportent des centres de signifiance et de "
        "subjectivation ».\n",
    )
    report = _report(invoke, draft)
    keys = dict(_keys(report))
    assert keys == {
        "Dhume 2001": "dhume2001",
        "Jaeger 2003": "jaeger2003",
        "Haeuw et Garnier 2006, p. 3": "haeuw2006",
        "Dumoulin et al. (2003)": "dumoulin2003",
        "Stagiaire en formation de travailleur social, s. d.": "stagiairesd",
        "Atelier VAE 2016": "atelier2016",
        "Dhume (2001, p. 111)": "dhume2001",
        "Deleuze et Guattari (1980, p. 25)": "deleuze1980",
    }
    kinds = {kind for kind, _ in _problems(report)}
    assert not kinds & {"reference-inconnue", "citation-inexacte", "citation-sans-source"}


def test_a_quotation_cut_by_an_ellipsis_in_parentheses_is_exact(
    invoke: Invoke, tmp_path: Path
) -> None:
    draft = _md(
        tmp_path,
        "# Partenariat\n\n"
        f"Le partenariat est une « {DHUME_QUOTE} (...) et élaborent à cette fin un cadre "
        "d'action adapté au projet » (Dhume 2001, p. 111).\n",
    )
    assert _report(invoke, draft)["problemes"] == []


def test_a_quotation_sourced_in_an_informal_footnote(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Partenariat\n\n"
        f"Le partenariat est une « {DHUME_QUOTE} »[^1].\n\n"
        "[^1]: DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111.\n\n"
        f"Plus loin : « {DHUME_QUOTE} »[^2].\n\n"
        "[^2]: Voir DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p. 12.\n",
    )
    report = _report(invoke, draft)
    assert [kind for kind, _ in _problems(report)] == ["page-erronee"]
    assert [key for _, key in _keys(report)] == ["dhume2001", "dhume2001"]


def test_unknown_works_and_wrong_years_told_apart(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Réseau\n\nUn auteur (Castel 1995). Le réseau (Jaeger, 2013, p. 4). Dhume (1996) "
        "le disait. Les notes (Stagiaire en formation de travailleur social 2016).\n",
    )
    assert _problems(_report(invoke, draft)) == [
        ("reference-inconnue", "Castel 1995"),
        ("annee-erronee", "Jaeger, 2013, p. 4"),
        ("annee-erronee", "Dhume (1996)"),
        ("annee-erronee", "Stagiaire en formation de travailleur social 2016"),
    ]


def test_particles_and_corporate_authors_with_a_group_library(
    invoke: Invoke, tmp_path: Path, group: Callable[..., Path]
) -> None:
    folder = group(references=GROUP_BIB)
    draft = _md(
        tmp_path,
        "# Introduction\n\nLa gestion (de Gaulejac 2009). De Gaulejac (2009) le montre. "
        "Les chiffres (INSEE 2019).\n\n# Bibliographie\n\n"
        "DE GAULEJAC, Vincent, 2009. La société malade de la gestion. Paris : Seuil.\n\n"
        "INSEE, 2019. France, portrait social. Paris : INSEE.\n",
    )
    report = _report(invoke, draft, "--data", str(folder))
    assert report["problemes"] == []
    assert [key for _, key in _keys(report)] == ["gaulejac2009", "gaulejac2009", "insee2019"]


def test_a_windows_1252_markdown_draft_with_crlf(invoke: Invoke, tmp_path: Path) -> None:
    text = (
        "# Le réseau\r\n\r\nLe partenariat selon Dhume (2001, p. 111) ; l’équipe "
        "(Jaeger 2003).\r\n\r\n# Bibliographie\r\n\r\n" + DHUME_ISO + "\r\n"
    )
    draft = tmp_path / "brouillon.md"
    draft.write_bytes(text.encode("cp1252"))
    report = _report(invoke, draft)
    assert _problems(report) == [("absente-bibliographie", "Jaeger 2003")]
    assert report["problemes"][0]["section"] == "Le réseau"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("vieux.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97-2003"),
        ("protege.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "mot de passe"),
        ("faux.docx", b"PK\x03\x04rien", "n'est pas un document Word"),
        ("faux.odt", b"du texte", "n'est pas un document LibreOffice"),
        ("livret.pdf", b"%PDF-1.4", "ne sait pas lire"),
    ],
)
def test_unreadable_drafts_get_a_french_error(
    invoke: Invoke, tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke("relire", str(path))
    assert result.exit_code == 1
    assert said in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_an_empty_draft(invoke: Invoke, tmp_path: Path) -> None:
    report = _report(invoke, _md(tmp_path, ""))
    assert report["problemes"] == [] and report["citations"] == []


def test_a_word_draft_made_in_word_styles_bold_titles_lists_tables_and_changes(
    invoke: Invoke, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Depuis 2016, le partenariat est central (Dhume 2001).")
    document.add_paragraph().add_run("4.1 Le réseau autour de Yanis").bold = True
    document.add_paragraph("Le réseau (Jaeger 2003) est dense. Yanis (1999) en profite.")
    document.add_paragraph("Un point (Castel 1995).", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Mission locale"
    table.cell(0, 1).text = "(Hazan 2006)"
    paragraph = document.add_paragraph("Le territoire compte ")
    for tag, text in (("w:del", "(Jaeger 2013)"), ("w:ins", "(Jaeger 2003)")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), tag[-1])
        change.set(qn("w:author"), "moi")
        change.set(qn("w:date"), "2024-01-01T00:00:00Z")
        run = OxmlElement("w:r")
        node = OxmlElement("w:delText" if tag == "w:del" else "w:t")
        node.text = text
        run.append(node)
        change.append(run)
        paragraph._p.append(change)
    paragraph.add_run(".")
    document.add_paragraph().add_run("Bibliographie").bold = True
    document.add_paragraph(DHUME_ISO)
    document.add_paragraph(JAEGER_ISO)
    path = tmp_path / "livret.docx"
    document.save(str(path))
    report = _report(invoke, path)
    assert _problems(report) == [
        ("reference-inconnue", "Castel 1995"),
        ("absente-bibliographie", "Hazan 2006"),
    ]
    assert report["problemes"][0]["section"] == "4.1 Le réseau autour de Yanis"
    assert [key for _, key in _keys(report)][-1] == "jaeger2003"  # the change accepted


def test_a_huge_paragraph_is_read_quickly(invoke: Invoke, tmp_path: Path) -> None:
    sentence = (
        "Le partenariat (Dhume 2001, p. 111) engage. En 2016 (voir 4.2) Léa (2009) « réseau » "
        f"« {RHIZOME_QUOTE} » (Deleuze, Guattari 1980, p. 31). ((((( « « DHUME Fabrice, "
    )
    draft = _md(tmp_path, "# Intro\n\n" + sentence * 600 + "\n")
    started = time.monotonic()
    report = _report(invoke, draft)
    assert time.monotonic() - started < 20
    assert len(report["citations"]) == 1200


# -- bugs found in the review -------------------------------------------------------------


def test_the_iso_narrative_form_of_two_authors(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(tmp_path, "# Mutualisation\n\nHaeuw, Garnier (2006, p. 3) parlent du maçon.\n")
    report = _report(invoke, draft)
    assert report["problemes"] == []
    assert _keys(report) == [("Haeuw, Garnier (2006, p. 3)", "haeuw2006")]


def test_a_narrative_citation_with_first_names(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Partenariat\n\nComme le montre Fabrice Dhume (2001, p. 111), le partenariat "
        "engage. Gilles Deleuze et Félix Guattari (1980) opposent l'arbre et le rhizome.\n",
    )
    report = _report(invoke, draft)
    assert "reference-inconnue" not in [kind for kind, _ in _problems(report)]
    assert [key for _, key in _keys(report)] == ["dhume2001", "deleuze1980"]


def test_a_narrative_citation_of_a_work_the_library_lacks(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Introduction\n\nCastel (1995) montre que la question sociale se transforme.\n\n"
        "# Bibliographie\n\nCASTEL, Robert, 1995. Les métamorphoses de la question sociale. "
        "Paris : Fayard.\n",
    )
    assert _problems(_report(invoke, draft)) == [("reference-inconnue", "Castel (1995)")]


def test_an_elided_particle(invoke: Invoke, tmp_path: Path, group: Callable[..., Path]) -> None:
    folder = group(references=GROUP_BIB)
    draft = _md(tmp_path, "# Honneur\n\nL'honneur structure le travail (d'Iribarne 1989).\n")
    report = _report(invoke, draft, "--data", str(folder))
    assert report["problemes"] == []
    assert [key for _, key in _keys(report)] == ["iribarne1989"]


def test_a_surname_that_starts_with_le(
    invoke: Invoke, tmp_path: Path, group: Callable[..., Path]
) -> None:
    folder = group(references=GROUP_BIB)
    draft = _md(tmp_path, "# Corps\n\nLe corps est social (Le Breton 2008).\n")
    report = _report(invoke, draft, "--data", str(folder))
    assert _keys(report) == [("Le Breton 2008", "lebreton2008")]


def test_two_quotations_each_with_its_footnote(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Réseau\n\nLe partenariat est une « méthode d'action coopérative fondée sur un "
        "engagement libre, mutuel et contractuel »[^1], alors que le rhizome, lui, « connecte "
        "un point quelconque avec un autre point quelconque »[^2].\n\n"
        "[^1]: DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p. 111.\n\n"
        "[^2]: DELEUZE Gilles, GUATTARI Félix, Mille plateaux, Minuit, 1980, p. 31.\n",
    )
    assert _report(invoke, draft)["problemes"] == []


def test_ibid_and_op_cit_in_footnotes(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Partenariat\n\n"
        f"Le partenariat est une « {DHUME_QUOTE} »[^1].\n\n"
        "[^1]: DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111.\n\n"
        "Plus loin, une « méthode d'action coopérative fondée sur un engagement libre »[^2].\n\n"
        "[^2]: Ibid., p. 111.\n\n"
        "Encore, une « méthode d'action coopérative fondée sur un engagement »[^3].\n\n"
        "[^3]: Dhume, op. cit., p. 111.\n",
    )
    assert _report(invoke, draft)["problemes"] == []


def test_short_citations_in_footnotes(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Réseau\n\nLa mission locale le confirme[^1]. Le partenariat est une "
        f"« {DHUME_QUOTE} »[^2].\n\n"
        "[^1]: Voir Jaeger 2003.\n\n[^2]: Dhume 2001, p. 111.\n\n"
        f"# Bibliographie\n\n{DHUME_ISO}\n\n{JAEGER_ISO}\n",
    )
    report = _report(invoke, draft)
    assert report["problemes"] == []
    assert [key for _, key in _keys(report)] == ["jaeger2003", "dhume2001"]


def test_a_narrative_citation_of_two_works(
    invoke: Invoke, tmp_path: Path, group: Callable[..., Path]
) -> None:
    folder = group(references=GROUP_BIB)
    draft = _md(
        tmp_path, "# Question sociale\n\nD'après Castel (1995 ; 2003), la société change.\n"
    )
    report = _report(invoke, draft, "--data", str(folder))
    assert "forme-citation" not in [kind for kind, _ in _problems(report)]


def test_a_source_elsewhere_in_the_sentence(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Rhizome\n\n« Le rhizome connecte un point quelconque avec un autre point "
        "quelconque », écrivent Deleuze et Guattari (1980, p. 31).\n\n"
        "Dhume (2001, p. 111), dans son ouvrage consacré au partenariat dans le champ des "
        f"politiques sociales, le définit comme une « {DHUME_QUOTE} ».\n",
    )
    assert _report(invoke, draft)["problemes"] == []


def test_an_entry_with_the_citations_wrong_year(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Introduction\n\nLe réseau compte (Jaeger 2013).\n\n# Bibliographie\n\n"
        + JAEGER_ISO.replace("2003", "2013")
        + "\n",
    )
    assert "non-citee" not in [kind for kind, _ in _problems(_report(invoke, draft))]


def test_annexes_after_the_bibliography(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Introduction\n\nLe partenariat est central (Dhume 2001).\n\n"
        f"# Bibliographie\n\n{DHUME_ISO}\n\n"
        "**Annexe 1 : compte rendu de la réunion du 12 mai 2016**\n\n"
        "Étaient présents : la mission locale, l'ASE, la MECS.\n",
    )
    assert _report(invoke, draft)["problemes"] == []


def test_a_bold_italic_title_in_word(invoke: Invoke, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Le partenariat.")
    run = document.add_paragraph().add_run("4.1 Le réseau")
    run.bold = run.italic = True
    document.add_paragraph("Le réseau compte (Castel 1995).")
    path = tmp_path / "livret.docx"
    document.save(str(path))
    problem = _report(invoke, path)["problemes"][0]
    assert (problem["section"], problem["paragraphe"]) == ("4.1 Le réseau", 1)


def test_a_word_left_out_of_a_quotation_is_told_plainly(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Partenariat\n\nLe partenariat est une « méthode d'action coopérative fondée sur un "
        "engagement libre, mutuel et contractuel d'acteurs différents et égaux » "
        "(Dhume 2001, p. 111).\n",
    )
    (problem,) = _report(invoke, draft)["problemes"]
    assert problem["type"] == "citation-inexacte"
    assert "mais" in problem["message"]
    assert "qui constituent" not in problem["message"]


def test_a_short_quotation_missing_a_word(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Rhizome\n\n« le rhizome connecte un point avec un autre point quelconque » "
        "(Deleuze, Guattari 1980, p. 31).\n",
    )
    assert [kind for kind, _ in _problems(_report(invoke, draft))] == ["citation-inexacte"]


def test_punctuation_only_differences_are_told_in_words(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Rhizome\n\n« Il n'est pas fait d'unités mais de dimensions ou plutôt de directions "
        "mouvantes » (Deleuze, Guattari 1980, p. 31).\n",
    )
    (problem,) = _report(invoke, draft)["problemes"]
    assert "« , … , »" not in problem["message"]


def test_a_wrong_page_after_the_quotation_in_apa(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Arbre\n\nDeleuze et Guattari (1980) écrivent : « C'est curieux, comme l'arbre a "
        "dominé la réalité occidentale et toute la pensée occidentale » (p. 12).\n",
    )
    report = _report(invoke, draft, "--style", "apa")
    assert [kind for kind, _ in _problems(report)] == ["page-erronee"]


def test_a_narrative_citation_missing_a_coauthor(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(tmp_path, "# Rhizome\n\nDeleuze (1980) parle de rhizome.\n")
    assert [kind for kind, _ in _problems(_report(invoke, draft))] == ["forme-citation"]


def test_a_full_reference_in_the_text(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Introduction\n\nLe partenariat est une méthode (DHUME Fabrice, Du travail social "
        f"au travail ensemble, éd ASH, 2001, p111).\n\n# Bibliographie\n\n{DHUME_ISO}\n",
    )
    report = _report(invoke, draft)
    assert "non-citee" not in [kind for kind, _ in _problems(report)]


def test_a_fault_in_a_footnote_says_which_note(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        f"# Partenariat\n\nLe partenariat est une « {DHUME_QUOTE} »[^1].\n\n"
        "[^1]: DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p. 12.\n",
    )
    (problem,) = _report(invoke, draft)["problemes"]
    assert problem["type"] == "page-erronee"
    assert problem.get("note") == 1


def test_a_misquoted_block_quotation(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(
        tmp_path,
        "# Rhizome\n\nDeleuze et Guattari définissent le rhizome :\n\n"
        "> Il n'est pas fait d'unités, mais de dimensions, ou plutôt de directions "
        "changeantes. Il n'a pas de commencement ni de fin, mais toujours un milieu, par "
        "lequel il pousse et déborde. (Deleuze, Guattari 1980, p. 31)\n",
    )
    assert [kind for kind, _ in _problems(_report(invoke, draft))] == ["citation-inexacte"]


def test_the_terminal_report_keeps_its_blank_lines(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(tmp_path, "# Réseau\n\nUn auteur (Castel 1995). Le réseau (Jaeger 2013).\n")
    result = invoke("relire", str(draft), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert "\n\n" in result.stdout


def test_the_piped_report_keeps_its_blank_lines(invoke: Invoke, tmp_path: Path) -> None:
    draft = _md(tmp_path, "# Réseau\n\nUn auteur (Castel 1995). Le réseau (Jaeger 2013).\n")
    result = invoke("relire", str(draft))
    assert "\n\nŒuvres absentes de votre bibliothèque (1)\n" in result.stdout


def test_the_help_is_reflowed(invoke: Invoke) -> None:
    result = invoke("relire", "--help", env={"COLUMNS": "250"})
    assert "en cause et la forme juste" in result.stdout


def test_a_utf16_markdown_draft(invoke: Invoke, tmp_path: Path) -> None:
    draft = tmp_path / "livret.md"
    draft.write_bytes("# Réseau\n\nLe réseau (Jaeger 2003).\n".encode("utf-16"))
    result = invoke("relire", str(draft), "-f", "json")
    assert "document Word" not in result.stderr
