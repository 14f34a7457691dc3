"""`add`, `add-ref`, `define`: the write side never loses or damages what the user wrote."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture(autouse=True)
def _both_catalogs(index_mode: str) -> str:
    """Every write test runs with the index and with ``GLOSSAIRE_INDEX=0``."""
    return index_mode


ADD = ("add", "coordination", "--terme", "Coordination", "--source", "atelier2016")
DEFINITION = ("--definition", "La coordination : « organiser » # ensemble")


def _add(invoke: Invoke, folder: Path, *extra: str):
    return invoke("--data", str(folder), *ADD, *DEFINITION, *extra)


def _card(invoke: Invoke, folder: Path, term: str = "coordination") -> dict:
    result = invoke("--data", str(folder), "show", term, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_add_writes_a_concept_that_reads_back(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    result = _add(invoke, folder, "--chapitre", "4.2", "--contraste", "reseau:Elle organise.")
    assert result.exit_code == 0, result.stderr
    assert "ajouté à" in result.stdout
    card = _card(invoke, folder)
    assert card["definitions"][0]["texte"] == "La coordination : « organiser » # ensemble"
    assert card["chapitres"] == ["4.2"]
    assert card["contrastes"] == [{"avec": "reseau", "difference": "Elle organise."}]
    assert invoke("--data", str(folder), "check").exit_code == 0


def test_first_write_creates_the_user_folder(invoke: Invoke, isolated_home: Path) -> None:
    assert not isolated_home.exists()
    assert invoke(*ADD, *DEFINITION).exit_code == 0
    assert (isolated_home / "concepts.yaml").is_file()
    assert json.loads(invoke("show", "coordination", "-f", "json").stdout)["id"] == "coordination"


PRIOR = {
    "comments and quoting": "# mes concepts\n- id: a   # à garder\n  terme: 'A'\n\n\n",
    "no final newline": "- id: a\n  terme: A",
    "windows line ends": "- id: a\r\n  terme: Â\r\n",
    "notepad bom": "\ufeff- id: a\n  terme: A\n",
    "indented items": "  - id: a\n    terme: A\n",
    "only a comment": "# vide pour l'instant\n",
}


@pytest.mark.parametrize("prior", list(PRIOR.values()), ids=list(PRIOR))
def test_prior_bytes_are_kept_exactly(invoke: Invoke, group, prior: str) -> None:
    folder = group(concepts=prior.encode("utf-8"))
    before = (folder / "concepts.yaml").read_bytes()
    assert _add(invoke, folder).exit_code == 0
    after = (folder / "concepts.yaml").read_bytes()
    assert after.startswith(before)
    if b"\r\n" in before:
        assert b"\n" not in after[len(before) :].replace(b"\r\n", b"")
    assert _card(invoke, folder)["terme"] == "Coordination"
    if "id: a" in prior:
        assert _card(invoke, folder, "a")["id"] == "a"


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (("--parent", "inconnu"), "« parent: inconnu » désigne un concept qui n'existe pas"),
        (("--contraste", "resau:x"), "Voulez-vous dire : reseau"),
        (("--domaine", "DC9"), "rendrait les données invalides"),
        (("--nature", "citacion"), "la nature « citacion » n'existe pas"),
    ],
)
def test_a_refused_add_writes_nothing(invoke: Invoke, group, extra, fragment: str) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    before = (folder / "concepts.yaml").read_bytes()
    result = _add(invoke, folder, *extra)
    assert result.exit_code == 1, result.stdout
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert (folder / "concepts.yaml").read_bytes() == before


def test_duplicate_unknown_source_and_bad_id_are_refused(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    duplicate = invoke(
        "--data",
        str(folder),
        "add",
        "reseau",
        "--terme",
        "R",
        *DEFINITION[0:2],
        "--source",
        "atelier2016",
    )
    assert duplicate.exit_code == 1
    assert "« reseau » est déjà un concept des données intégrées" in duplicate.stderr
    source = invoke(
        "--data", str(folder), "add", "x", "--terme", "X", *DEFINITION, "--source", "dhume2010"
    )
    assert source.exit_code == 1 and "dhume2001" in source.stderr
    bad_id = invoke(
        "--data",
        str(folder),
        "add",
        "Mon Concept",
        "--terme",
        "X",
        *DEFINITION,
        "--source",
        "atelier2016",
    )
    assert bad_id.exit_code == 1 and "« mon-concept »" in bad_id.stderr
    assert (folder / "concepts.yaml").read_bytes() == b""


def test_a_file_that_would_not_read_back_is_refused(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n...\n")  # explicit end of document
    before = (folder / "concepts.yaml").read_bytes()
    result = _add(invoke, folder)
    assert result.exit_code == 1 and "rien n'a été écrit" in result.stderr.lower()
    assert (folder / "concepts.yaml").read_bytes() == before


def test_a_non_utf8_file_is_refused_not_converted(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: Étape\n".encode("cp1252"))
    before = (folder / "concepts.yaml").read_bytes()
    result = _add(invoke, folder)
    assert result.exit_code == 1 and "UTF-8" in result.stderr
    assert (folder / "concepts.yaml").read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_permissions_are_kept(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    os.chmod(folder / "concepts.yaml", 0o640)
    assert _add(invoke, folder).exit_code == 0
    assert stat.S_IMODE((folder / "concepts.yaml").stat().st_mode) == 0o640
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_without_a_terminal_the_missing_options_are_listed(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    result = invoke("--data", str(folder), "add", "x", "--terme", "X")
    assert result.exit_code == 2
    assert "il manque : --definition, --source." in result.stderr


def test_on_a_terminal_the_missing_options_are_asked(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glossaire.cli.add.is_terminal", lambda: True)
    folder = group(concepts="")
    result = invoke(
        "--data", str(folder), "add", input="Maillage\n\nUn filet.\natelier2016\n\n\n\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "Sources connues" in result.stdout and "dhume2001" in result.stdout
    assert "Identifiant" in result.stdout and "Définition" in result.stdout
    assert _card(invoke, folder, "maillage")["definitions"][0]["texte"] == "Un filet."


def test_the_lock_held_too_long_gives_a_french_message(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    folder = group(concepts="")
    monkeypatch.setenv("GLOSSAIRE_LOCK_TIMEOUT", "0.2")
    with FileLock(str(folder / ".glossaire.lock")):
        result = _add(invoke, folder)
    assert result.exit_code == 1
    assert (
        "un autre glossaire écrit dans" in result.stderr and "rien n'a été modifié" in result.stderr
    )
    assert (folder / "concepts.yaml").read_bytes() == b""


# --- add-ref ----------------------------------------------------------------------------

ZOTERO = """@string{ash = {Éditions ASH}}

@book{dhumeTravailSocialAu2006,
\ttitle = {Le partenariat},
\tauthor = {Dhume-Sonzogni, Fabrice},
\tpublisher = ash,
\tyear = {2006},
}
"""


def test_add_ref_appends_the_users_entry_verbatim_with_a_proposed_key(
    invoke: Invoke, group
) -> None:
    folder = group(references="% ma bibliographie\n@misc{a2000, title = {A}, year = 2000}")
    before = (folder / "references.bib").read_bytes()
    result = invoke("--data", str(folder), "add-ref", input=ZOTERO)
    assert result.exit_code == 0, result.stderr
    assert "dhumesonzogni2006" in result.stdout and "dhumeTravailSocialAu2006" in result.stdout
    after = (folder / "references.bib").read_text("utf-8")
    assert after.encode().startswith(before)
    assert "@string{ash = {Éditions ASH}}" in after  # the macro the entry needs came along
    assert "@book{dhumesonzogni2006,\n\ttitle = {Le partenariat}," in after
    cited = json.loads(
        invoke("--data", str(folder), "cite", "dhumesonzogni2006", "-f", "json").stdout
    )
    assert cited["csl"]["publisher"] == "Éditions ASH"


def test_add_ref_refuses_a_taken_key_and_leaves_out_a_known_work(invoke: Invoke, group) -> None:
    folder = group(references="")
    same_key = "@book{dhume2001, author = {X, Y}, title = {Autre}, year = 2001, publisher = {P}}"
    result = invoke("--data", str(folder), "add-ref", input=same_key)
    assert result.exit_code == 1
    assert "« dhume2001 » est déjà une référence des données intégrées" in result.stderr
    same_work = (
        "@book{dhume2001b, author = {Dhume, Fabrice}, title = {Du travail social au travail "
        "ensemble}, year = 2001, publisher = {ASH}}"
    )
    result = invoke("--data", str(folder), "add-ref", input=same_work)
    assert result.exit_code == 0, result.stderr
    assert "Déjà présente : dhume2001b (clé « dhume2001 »" in result.stdout
    assert "Rien de nouveau" in result.stdout
    assert (folder / "references.bib").read_bytes() == b""


def test_a_grown_export_adds_exactly_the_new_entries(invoke: Invoke, group) -> None:
    """The same works, whatever their keys or format (DOI, ISBN 10 or 13, author + year +
    title), are left out and counted; the rest is added."""
    folder = group(references="")
    first = (
        "@article{dhumesonzogni2010, author = {Dhume, Fabrice and Sonzogni, V.},"
        " title = {Le partenariat}, journal = {Empan}, year = {2010},"
        " doi = {10.3917/empa.077.0010}}\n"
        "@book{paugam1996, editor = {Paugam, Serge}, title = {L'exclusion},"
        " publisher = {La Découverte}, year = {1996}, isbn = {2-7071-2541-6}}\n"
    )
    assert invoke("--data", str(folder), "add-ref", input=first).exit_code == 0
    grown = (
        "TY  - JOUR\nAU  - Dhume, F.\nTI  - Le partenariat : un autre titre\nT2  - Empan\n"
        "PY  - 2010\nDO  - https://doi.org/10.3917/EMPA.077.0010\nER  - \n\n"
        "TY  - BOOK\nA2  - Paugam, Serge\nTI  - L’exclusion, l’état des savoirs\nPY  - 1996\n"
        "PB  - La Découverte\nSN  - 978-2-7071-2541-5\nER  - \n\n"
        "TY  - BOOK\nAU  - Castel, Robert\nTI  - Les métamorphoses de la question sociale\n"
        "PY  - 1995\nPB  - Fayard\nER  - \n"
    )
    result = invoke("--data", str(folder), "add-ref", input=grown)
    assert result.exit_code == 0, result.stderr
    assert "1 référence ajoutée" in result.stdout and "2 déjà présentes" in result.stdout
    text = (folder / "references.bib").read_text("utf-8")
    assert text.count("@") == 3 and "Castel" in text


def test_add_ref_checks_required_fields_and_year(invoke: Invoke, group) -> None:
    folder = group(references="")
    entry = "@article{roux2017, author = {Roux, L.}, title = {T}, year = {vers 2017}}"
    result = invoke("--data", str(folder), "add-ref", input=entry)
    assert result.exit_code == 1
    assert "il manque le champ revue" in result.stderr
    assert "l'année « vers 2017 » n'est pas une année" in result.stderr


def test_add_ref_reads_ris_from_a_file_and_dry_run_writes_nothing(
    invoke: Invoke, group, tmp_path: Path
) -> None:
    folder = group(references="")
    ris = tmp_path / "cairn.ris"
    ris.write_text(
        "TY  - JOUR\nAU  - Roux, Léa\nAU  - Simon, Théo\nTI  - Le partenariat à l'épreuve\n"
        "T2  - Vie sociale\nPY  - 2017\nVL  - 19\nIS  - 3\nSP  - 33\nEP  - 48\n"
        "DO  - 10.3917/vsoc.173.0033\nER  - \n",
        "utf-8",
    )
    dry = invoke("--data", str(folder), "add-ref", str(ris), "--dry-run")
    assert dry.exit_code == 0 and "Serait ajoutée : roux2017" in dry.stdout
    assert (folder / "references.bib").read_bytes() == b""
    assert invoke("--data", str(folder), "add-ref", str(ris)).exit_code == 0
    cited = json.loads(invoke("--data", str(folder), "cite", "roux2017", "-f", "json").stdout)
    assert cited["csl"]["type"] == "article-journal"
    assert cited["csl"]["container-title"] == "Vie sociale" and cited["csl"]["page"] == "33–48"


def test_ris_text_keeps_latex_special_characters_and_urls(invoke: Invoke, group) -> None:
    """RIS is plain text: a brace, « % », « & » or « ~ » of a title is written escaped, as
    Zotero writes BibTeX, and read back as it was; the URL stays byte for byte."""
    folder = group(references="")
    title = "Le {sic} à 100 %, 5 $ & co_x #1, a\\b ~ x^2"
    url = "https://www.cairn.info/revue--9782707157379-page-47.htm?a=1&b=%20"
    ris = (
        f"TY  - BOOK\nAU  - Roux, Léa\nTI  - {title}\nPY  - 2017\nPB  - Érès\n"
        f"UR  - {url}\nER  - \n"
    )
    result = invoke("--data", str(folder), "add-ref", input=ris)
    assert result.exit_code == 0, result.stderr
    cited = json.loads(invoke("--data", str(folder), "cite", "roux2017", "-f", "json").stdout)
    assert cited["csl"]["title"] == title
    assert cited["csl"]["URL"] == url
    assert url in (folder / "references.bib").read_text("utf-8")


def test_ris_book_collection_becomes_the_series(invoke: Invoke, group) -> None:
    """Cairn puts a book's collection in T2: Zotero keeps it as the series, so do we."""
    folder = group(references="")
    ris = (
        "TY  - BOOK\nAU  - Castel, Robert\nTI  - Les métamorphoses de la question sociale\n"
        "T2  - Folio essais\nPY  - 1999\nPB  - Gallimard\nER  - \n"
    )
    assert invoke("--data", str(folder), "add-ref", input=ris).exit_code == 0
    cited = json.loads(invoke("--data", str(folder), "cite", "castel1999", "-f", "json").stdout)
    assert cited["csl"]["collection-title"] == "Folio essais"
    assert "Folio essais" in cited["reference"]


def test_escaped_braces_in_a_bibtex_title_are_kept(invoke: Invoke, group) -> None:
    entry = "@book{roux2017, author = {Roux, L.}, title = {Le \\{sic\\} {UNESCO}}, year = {2017},"
    folder = group(references=entry + " publisher = {P}}\n")
    cited = json.loads(invoke("--data", str(folder), "cite", "roux2017", "-f", "json").stdout)
    assert cited["csl"]["title"] == "Le {sic} UNESCO"


def test_add_ref_all_or_nothing(invoke: Invoke, group) -> None:
    folder = group(references="")
    two = ZOTERO + "\n@book{bad, title = {Sans auteur}}\n"
    result = invoke("--data", str(folder), "add-ref", input=two)
    assert result.exit_code == 1 and "rien n'a été ajouté" in result.stderr
    assert (folder / "references.bib").read_bytes() == b""


# --- define -----------------------------------------------------------------------------


def test_define_is_personal_whatever_the_group(invoke: Invoke, group, isolated_home) -> None:
    folder = group(concepts="")
    first = invoke("--data", str(folder), "define", "réseau", "Pour moi : « un filet »")
    assert first.exit_code == 0, first.stderr
    assert (isolated_home / "mes-definitions.yaml").is_file()
    assert not (folder / "mes-definitions.yaml").exists()
    card = json.loads(invoke("show", "réseau", "-f", "json").stdout)
    assert card["ma_definition"]["texte"] == "Pour moi : « un filet »"
    assert "Ma définition" in invoke("--data", str(folder), "show", "réseau").stdout


def test_define_again_replaces_and_keeps_history(invoke: Invoke, isolated_home) -> None:
    assert invoke("define", "reseau", "Première").exit_code == 0
    before = (isolated_home / "mes-definitions.yaml").read_bytes()
    again = invoke("define", "Réseaux", "Seconde")
    assert again.exit_code == 0 and "remplace la précédente" in again.stdout
    assert (isolated_home / "mes-definitions.yaml").read_bytes().startswith(before)
    assert (
        json.loads(invoke("show", "réseau", "-f", "json").stdout)["ma_definition"]["texte"]
        == "Seconde"
    )
    history = json.loads(invoke("define", "réseau", "--historique", "-f", "json").stdout)
    assert [v["texte"] for v in history["versions"]] == ["Seconde", "Première"]


def test_define_refuses_unknown_concepts_and_empty_text(invoke: Invoke, isolated_home) -> None:
    unknown = invoke("define", "partenaria", "x")
    assert unknown.exit_code == 1 and "Voulez-vous dire : Partenariat" in unknown.stderr
    empty = invoke("define", "réseau", "   ")
    assert empty.exit_code == 1 and "vide" in empty.stderr
    assert not (isolated_home / "mes-definitions.yaml").exists()


def test_writes_never_go_into_the_installed_package(invoke: Invoke, isolated_home) -> None:
    from glossaire.paths import bundled_data_dir

    bundled = bundled_data_dir()
    before = {p.name: p.read_bytes() for p in bundled.iterdir() if p.is_file()}
    assert invoke(*ADD, *DEFINITION).exit_code == 0
    assert {p.name: p.read_bytes() for p in bundled.iterdir() if p.is_file()} == before
    assert (isolated_home / "concepts.yaml").is_file()


# --- disambiguation against the library ------------------------------------------------

SENS = (
    "@book{bourdieu1980sens, author = {Bourdieu, Pierre}, title = {Le sens pratique},"
    " publisher = {Minuit}, year = {1980}}\n"
)
QUESTIONS = (
    "@book{bourdieu1980b, author = {Bourdieu, Pierre},"
    " title = {Questions de sociologie}, publisher = {Minuit}, year = {1980}}\n"
)
CARD = (
    "- id: habitus\n  terme: Habitus\n  definitions:\n"
    "    - texte: T\n      source: bourdieu1980sens\n"
)


def _cited(invoke: Invoke, folder: Path, *args: str) -> dict:
    result = invoke("--data", str(folder), "cite", "bourdieu1980sens", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_letter_comes_and_goes_with_the_namesake_and_cite_names_it(
    invoke: Invoke, group
) -> None:
    """« 1980a » is rendered against the library, said to depend on « 1980b », and a
    cached rendering never outlives the work it depended on (added, then removed)."""
    folder = group(concepts=CARD, references=SENS)
    assert _cited(invoke, folder)["dans_le_texte"] == "(Bourdieu 1980)"
    assert _cited(invoke, folder)["depend_de"] == []  # twice: the second from the cache
    assert "(Bourdieu 1980)" in invoke("--data", str(folder), "show", "habitus").stdout

    assert invoke("--data", str(folder), "add-ref", input=QUESTIONS).exit_code == 0
    for _ in range(2):  # rendered, then from the cache
        cited = _cited(invoke, folder)
        assert cited["dans_le_texte"] == "(Bourdieu 1980a)"
        assert cited["reference"].startswith("BOURDIEU, Pierre, 1980a.")
        assert cited["depend_de"] == [
            {"cle": "bourdieu1980b", "titre": "Questions de sociologie"}
        ]
        text = invoke("--data", str(folder), "cite", "bourdieu1980sens").stdout
        assert "«\u00a0bourdieu1980b\u00a0» (Questions de sociologie)" in text
        assert "aussi dans votre bibliographie" in text
    assert "(Bourdieu 1980a)" in invoke("--data", str(folder), "show", "habitus").stdout

    (folder / "references.bib").write_text(SENS, "utf-8")  # the namesake removed by hand
    assert _cited(invoke, folder)["dans_le_texte"] == "(Bourdieu 1980)"
    assert "(Bourdieu 1980)" in invoke("--data", str(folder), "show", "habitus").stdout


def test_a_bibliography_disambiguates_within_what_it_prints(invoke: Invoke, group) -> None:
    folder = group(references=SENS + QUESTIONS)
    both = invoke("--data", str(folder), "biblio", "--tout").stdout
    assert "1980a" in both and "1980b" in both
