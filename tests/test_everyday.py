"""An evening with glossaire (issue 17): the snags a new user hit, each a test."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture(autouse=True)
def _both_catalogs(index_mode: str) -> str:
    return index_mode


def test_keys_are_found_whatever_their_case_as_in_bibtex(invoke: Invoke, group) -> None:
    for typed in ("Dhume2001", "DHUME2001", "dhume2001"):
        cited = json.loads(invoke("cite", typed, "-f", "json").stdout)
        assert cited["cle"] == "dhume2001", typed
    bib = (
        "@book{roux2013, author = {Roux, L.}, title = {A}, year = 2013, publisher = {P}}\n"
        "@book{Roux2013, author = {Roux, M.}, title = {B}, year = 2013, publisher = {P}}\n"
    )
    folder = group(references=bib)
    assert (
        json.loads(invoke("--data", str(folder), "cite", "Roux2013", "-f", "json").stdout)["cle"]
        == "Roux2013"
    )  # the exact key first
    ambiguous = invoke("--data", str(folder), "cite", "ROUX2013")
    assert ambiguous.exit_code == 1 and "aucune référence n'a la clé" in ambiguous.stderr


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("p. 111", "p.\u00a0111"),
        ("pp. 12-15", "p.\u00a012\u201115"),
        ("page 3", "p.\u00a03"),
        ("Pages 4-5", "p.\u00a04\u20115"),
        ("111", "p.\u00a0111"),
    ],
)
def test_a_page_typed_with_its_label_is_printed_once(
    invoke: Invoke, typed: str, shown: str
) -> None:
    for _ in range(2):  # rendered, then from the cache
        in_text = json.loads(invoke("cite", "dhume2001", "-p", typed, "-f", "json").stdout)
        assert in_text["dans_le_texte"] == f"(Dhume 2001, {shown})"
        assert "p. p." not in in_text["dans_le_texte"]


def test_an_interrupted_command_says_nothing_was_written_and_exits_130(capsys) -> None:
    import typer

    from glossaire.cli.errors import run_with_boundary
    from glossaire.writing import written

    def interrupted() -> None:
        raise KeyboardInterrupt

    def aborted_prompt() -> None:
        raise typer.Abort

    for run in (interrupted, aborted_prompt):
        assert run_with_boundary(run, standalone=False) == 130
        err = capsys.readouterr().err
        assert "Abandon : rien n'a été écrit." in err and "Erreur" not in err

    def wrote_then_interrupted() -> None:
        written.WRITTEN.append(Path("/groupe/concepts.yaml"))
        raise KeyboardInterrupt

    assert run_with_boundary(wrote_then_interrupted, standalone=False) == 130
    assert "« /groupe/concepts.yaml » était déjà enregistré" in capsys.readouterr().err
    assert run_with_boundary(interrupted, standalone=False) == 130  # a later command: its own
    assert "rien n'a été écrit" in capsys.readouterr().err


def test_the_nature_may_be_typed_with_its_accent(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    added = invoke(
        "--data",
        str(folder),
        "add",
        "essai",
        "--terme",
        "Essai",
        "--definition",
        "Un essai.",
        "--source",
        "atelier2016",
        "--nature",
        "synthèse",
    )
    assert added.exit_code == 0, added.stderr
    assert 'nature: "synthese"' in (folder / "concepts.yaml").read_text("utf-8")
    assert "[synthèse]" in invoke("--data", str(folder), "show", "essai").stdout
    (folder / "concepts.yaml").write_text(
        "- id: essai\n  terme: Essai\n  definitions:\n    - texte: T\n      source: atelier2016\n"
        "      nature: Synthèse\n",
        "utf-8",
    )
    assert "[synthèse]" in invoke("--data", str(folder), "show", "essai").stdout


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("mediation", None),
        ("partnariat", "Partenariat"),
        ("resau", "Réseau"),
        ("mutualisaton", "Mutualisation"),
    ],
)
def test_suggestions_are_close_matches_only(invoke: Invoke, typed: str, suggested) -> None:
    result = invoke("show", typed)
    assert result.exit_code == 1
    if suggested is None:
        assert "Voulez-vous dire" not in result.stderr
    else:
        assert f"Voulez-vous dire : {suggested}" in result.stderr


def test_no_doubled_parentheses_anywhere(invoke: Invoke) -> None:
    for args in (
        ("compare", "réseau", "partenariat"),
        ("show", "réseau"),
        ("compare", "réseau", "partenariat", "-f", "markdown"),
    ):
        assert "((" not in invoke(*args).stdout, args


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (("-o", "annexe.odt"), "annexe.odt"),
        (("-o", "annexe.html"), "annexe.html"),
        (("-o", "annexe"), "annexe.docx"),
        (("-f", "md", "-o", "annexe"), "annexe.md"),
        (("-f", "odt"), "lexique.odt"),
    ],
)
def test_the_export_format_follows_the_file_name(
    invoke: Invoke, tmp_path, monkeypatch, args: tuple[str, ...], written: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--tout", *args)
    assert result.exit_code == 0, result.stderr
    data = (tmp_path / written).read_bytes()
    kind = written.rsplit(".", 1)[1]
    if kind in ("docx", "odt"):
        assert data.startswith(b"PK")  # a zip, as Word and LibreOffice files are
        assert (b"opendocument" in data) == (kind == "odt")
    else:
        assert (b"<html" in data.lower()) == (kind == "html")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("-o", "annexe.pdf"), "enregistrez-la en PDF"),
        (("-o", "annexe.txt"), ".docx, .odt, .html ou .md"),
        (("-o", "annexe.odt", "-f", "docx"), "ne correspond pas au nom"),
        (("-f", "md", "-o", "annexe.docx"), "ne correspond pas au nom"),
    ],
)
def test_an_export_name_and_format_that_disagree_are_refused(
    invoke: Invoke, tmp_path, monkeypatch, args: tuple[str, ...], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--tout", *args)
    assert result.exit_code == 2 and said in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_an_export_of_a_chapter_no_concept_serves_is_an_error(
    invoke: Invoke, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--chapitre", "9", "-o", "annexe.docx")
    assert result.exit_code == 2
    assert "« 9 »" in result.stderr and "4.1, 4.1.2, 4.1.3, 4.2, 4.3" in result.stderr
    assert not (tmp_path / "annexe.docx").exists()


def test_add_ref_on_a_terminal_waits_for_pasted_text(group) -> None:
    """« glossaire add-ref » alone, on a terminal: one line says what to do, then the pasted
    text is read until Ctrl+D (the installed script, in a pseudo-terminal)."""
    pty = pytest.importorskip("pty")
    import os
    import subprocess

    from tests.conftest import console_script, script_env

    folder = group(references="")
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [console_script(), "--data", str(folder), "add-ref"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=script_env(),
    )
    os.close(follower)
    said = b""
    while b"Ctrl+D" not in said:
        said += os.read(leader, 1024)
    assert "Collez les références" in said.decode("utf-8")
    entry = "@book{roux2013, author = {Roux, L.}, title = {T}, year = {2013}, publisher = {P}}"
    os.write(leader, entry.encode() + b"\n\x04")
    out, _ = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0, out
    assert "roux2013" in (folder / "references.bib").read_text("utf-8")


def test_add_ref_with_nothing_piped_says_so(invoke: Invoke, group) -> None:
    result = invoke("--data", str(group(references="")), "add-ref", input="")
    assert result.exit_code == 2 and "le texte collé est vide" in result.stderr


def test_biblio_shows_each_key_in_text_never_in_html(invoke: Invoke) -> None:
    text = invoke("biblio", "partenariat").stdout
    assert "[dhume2001] DHUME, Fabrice, 2001." in text
    assert "[dhume2001]" not in invoke("biblio", "partenariat", "-f", "html").stdout
    assert "[dhume2001]" not in invoke("biblio", "partenariat", "-f", "markdown").stdout


def test_the_annex_names_the_norm_as_a_reader_does(invoke: Invoke, tmp_path) -> None:
    for style, title in (("iso690", "ISO 690 (auteur-date)"), ("apa", "APA, 7e édition")):
        path = tmp_path / f"{style}.md"
        assert invoke("export", "réseau", "-s", style, "-o", str(path)).exit_code == 0
        text = path.read_text("utf-8")
        assert f"selon la norme\u00a0: {title}" in text and style not in text.split("\n")[2]


def test_counts_agree_in_number(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n", references="")
    info = invoke("--data", str(folder), "info").stdout
    assert "(1 concept, 0 référence)" in info
    assert "32 concepts, 9 références" in info


def test_search_lists_each_concept_once(invoke: Invoke) -> None:
    for fmt in ("text", "markdown"):
        out = invoke("search", "contre-don", "-f", fmt).stdout
        heads = [line for line in out.splitlines() if "Don et contre-don" in line and "(" in line]
        assert len(heads) == 1, (fmt, heads)
        assert "terme, variante, définition" in heads[0]
    assert "3 concepts pour « contre-don »" in invoke("search", "contre-don").stdout


def test_compare_on_a_narrow_terminal_shows_both_concepts_in_full(
    invoke: Invoke, monkeypatch
) -> None:
    """At 80 columns the definitions go one concept above the other; wide, side by side."""
    monkeypatch.setenv("COLUMNS", "80")
    narrow = invoke("compare", "réseau", "partenariat").stdout
    assert "┃" not in narrow and "\nRéseau\n" in narrow and "\nPartenariat\n" in narrow
    assert "pour agir ensemble à partir de ce cadre" in narrow  # Dhume's end, not cut
    monkeypatch.setenv("COLUMNS", "120")
    assert "┃ Réseau" in invoke("compare", "réseau", "partenariat").stdout


def test_apa_reads_dans_as_the_readme_promises(invoke: Invoke, group) -> None:
    """A chapter in APA: « Dans P. Nadal et R. Olivier (dir.) », as the Université de
    Montréal's guide writes it (glossaire ships the official style with that one term)."""
    bib = (
        "@incollection{gaulle2008, author = {de Gaulle, Geneviève}, title = {La parole},"
        " booktitle = {Travail social}, editor = {Nadal, Paul and Olivier, Rose},"
        " publisher = {Érès}, year = {2008}, pages = {45--67}}\n"
    )
    folder = group(references=bib)
    apa = json.loads(
        invoke("--data", str(folder), "cite", "gaulle2008", "-s", "apa", "-f", "json").stdout
    )
    assert "Dans P. Nadal et R. Olivier (dir.)" in apa["reference"]
    assert " In " not in apa["reference"]


def test_search_finds_what_cites_an_author(invoke: Invoke) -> None:
    """« search haeuw » finds the typology the article gives, through its sources' keys."""
    out = invoke("search", "haeuw", "-f", "json").stdout
    found = {hit["id"] for hit in json.loads(out)["resultats"] if hit["champ"] == "source"}
    assert {"consortium", "echange", "cooperative-d-achat"} <= found


def test_dates_are_written_in_words(invoke: Invoke, isolated_home) -> None:
    """The personal file keeps « 2026-11-29 04:30 »; one reads « 29 novembre 2026 à 04 h 30 »."""
    import re

    from glossaire.cli.render.typography import french_datetime

    assert french_datetime("2026-11-29 04:30") == "29 novembre 2026 à 04 h 30"
    assert french_datetime("2026-09-01") == "1er septembre 2026"
    assert french_datetime("hier soir") == "hier soir"
    assert invoke("define", "réseau", "Mon filet").exit_code == 0
    card = invoke("show", "réseau").stdout
    assert re.search(r"écrite le \d{1,2}(er)? \w+ \d{4} à \d\d h \d\d", card), card[-300:]
    history = invoke("define", "réseau", "--historique").stdout
    assert re.search(r"\d{4} à \d\d h \d\d", history) and not re.search(r"\d{4}-\d\d-\d\d", history)


def test_a_chapter_the_referentiel_does_not_name_is_a_warning(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    added = invoke(
        "--data", str(folder), "add", "essai", "--terme", "Essai", "--definition", "Un essai.",
        "--source", "atelier2016", "--chapitre", "12.7",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr  # written: a warning, not a refusal
    assert "Attention : le chapitre « 12.7 »" in added.stderr
    assert "4.1, 4.1.2, 4.1.3, 4.2, 4.3" in added.stderr
    checked = invoke("--data", str(folder), "check")
    assert checked.exit_code == 0 and "avertissement : le chapitre « 12.7 »" in checked.stdout
    known = invoke(
        "--data", str(folder), "add", "autre", "--terme", "Autre", "--definition", "Un autre.",
        "--source", "atelier2016", "--chapitre", "4.2",
    )  # fmt: skip
    assert known.exit_code == 0 and "Attention" not in known.stderr


def _run_in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the installed script with stdin and stdout on a pseudo-terminal; what it printed."""
    pty = pytest.importorskip("pty")
    import os
    import subprocess

    from tests.conftest import console_script

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [console_script(), *args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    said = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        said += chunk
    process.wait(timeout=60)
    os.close(leader)
    return said.decode("utf-8", errors="replace")


def test_a_long_card_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    """On a terminal shorter than the card, the card goes to $PAGER; a card that fits, or
    output that is piped, is printed as it is."""
    import subprocess

    from tests.conftest import console_script, script_env

    paged = tmp_path / "page.txt"
    pager = f"{sys.executable} -c \"import sys; open(r'{paged}', 'w').write(sys.stdin.read())\""
    env = script_env(PAGER=pager, LINES="15", COLUMNS="80", TERM="xterm")
    shown = _run_in_a_terminal(["show", "partenariat"], env)
    assert paged.exists(), shown
    assert "Partenariat" in paged.read_text("utf-8") and "Dhume" in paged.read_text("utf-8")
    paged.unlink()
    _run_in_a_terminal(["show", "partenariat"], {**env, "LINES": "400"})
    assert not paged.exists()  # it fits: no pager
    piped = subprocess.run(
        [console_script(), "show", "partenariat"], capture_output=True, env=env, check=True
    )
    assert not paged.exists() and "Partenariat" in piped.stdout.decode("utf-8")
    _run_in_a_terminal(["show", "partenariat"], {**env, "GLOSSAIRE_PAGER": "0"})
    assert not paged.exists()


def test_an_entry_never_opens_a_sentence_in_lower_case(invoke: Invoke) -> None:
    """ISO 690 prints Haeuw 2006's full date as a sentence of its own: « Février 2006. »"""
    entry = invoke("cite", "haeuw2006").stdout
    assert "du maçon. Février 2006. Algora." in entry and ". février" not in entry


@pytest.mark.parametrize("style", ["chicago-author-date", "modern-language-association"])
def test_chicago_and_mla_keep_french_titles_in_sentence_case(invoke: Invoke, style: str) -> None:
    """English styles capitalise every word of English titles; French titles (langid
    french) keep their capitals as written."""
    entry = invoke("cite", "deleuze1980", "--style", style).stdout
    assert "Mille plateaux" in entry and "Capitalisme et schizophrénie" in entry
    assert "Capitalisme Et" not in entry and "Mille Plateaux" not in entry
