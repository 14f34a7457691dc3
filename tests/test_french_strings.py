"""Every word a user reads is French, spelled, agreed and spaced as French is.

One table of faults (``FAULTS``) is checked two complementary ways:

* on what the commands print: ``--help`` of the program and of every command, the bare
  ``glossaire`` overview, and a battery of errors and counts (``SCENARIOS``);
* on the source: every string constant of ``glossaire/`` that reaches a user, found with
  ``ast`` (``source_strings``), so that a message no scenario triggers is checked too.

``tests/test_french_interface.py`` and ``tests/test_errors.py`` check the framework's words
and each error's own wording; this file checks everything against the same list of faults.
"""

from __future__ import annotations

import ast
import builtins
import errno
import html
import importlib
import inspect
import pathlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

import pytest
from typer.testing import Result

import glossaire
from glossaire.cli.app import COMMANDS
from glossaire.errors import GlossaireError
from tests.conftest import REPO, Invoke

PACKAGE = REPO / "glossaire"

# -- the faults ----------------------------------------------------------------------------

OUTPUT = "output"  # what a command printed (stdout and stderr)
SOURCE = "source"  # a user-facing string constant of glossaire/ (placeholders as « {} »)
HELP = "help"  # help texts: --help output, help= strings, command docstrings


@dataclass(frozen=True)
class Fault:
    name: str
    pattern: re.Pattern[str]
    reason: str
    where: frozenset[str]
    prose: bool  # matched on the prose only: quotes, code, paths, options and URLs removed
    bad: str  # an example the check must catch (``test_every_check_can_fail``)
    good: str  # and a near miss it must let through


def fault(
    name: str,
    pattern: str,
    reason: str,
    where: tuple[str, ...],
    *,
    bad: str,
    good: str,
    prose: bool = False,
    flags: int = 0,
) -> Fault:
    return Fault(name, re.compile(pattern, flags), reason, frozenset(where), prose, bad, good)


# Common French words typed without their accent (whole words, any case). « modifie » and
# « remplace » are verbs as they are; only their participles after an auxiliary are faults.
UNACCENTED = (
    r"donnees|references?|referentiels?|definitions?|cles|crees?|creee?s?|deja|premieres?"
    r"|derniere?s|verifie[rz]?|problemes?|entrees?|numeros?|annees?|systemes?|tres|apres"
    r"|etre|ecrite?s?|necessaire|resultats?|precedente?s?"
    r"|(?:est|a|ont|sont|été|ete|non|pas)\s+(?:modifiee?s?|remplacee?s?|ajoutee?s?|retiree?s?)"
)

FAULTS: tuple[Fault, ...] = (
    fault(
        "accent manquant",
        rf"(?<![\w-])(?:{UNACCENTED})(?![\w-])",  # not in an identifier: situation-probleme
        "un mot français courant écrit sans son accent (« est remplace », « Donnees »…)",
        (OUTPUT, SOURCE, HELP),
        prose=True,
        flags=re.IGNORECASE,
        bad="Votre définition est remplace, deja enregistree.",
        good="La relancer remplace la précédente ; « references.bib » ; --referentiel 2018 ; "
        "Situation problème  (situation-probleme)",
    ),
    fault(
        "pluriel (s)",
        r"\w\((?:s|x|e|es)\)",
        "« (s) » : le nombre est connu, glossaire.text.counted accorde le mot",
        (OUTPUT, SOURCE, HELP),
        bad="{} autre(s) problème(s).",
        good="Les notes (sans source) restent.",
    ),
    fault(
        "pluriel après 1",
        r"(?<![\d.,\u00a0\u202f])\b[01]\s+(?!fois\b|mois\b|cas\b|pas\b|temps\b|sous\b|dans\b"
        r"|sur\b|plus\b|après\b|avis\b|prix\b)[^\W\d_]+[sx]\b",
        "en français, 0 et 1 gouvernent le singulier : « 1 concept », « 0 référence »",
        (OUTPUT,),
        bad="Données : 1 concepts, 1 références.",
        good="1 concept, 1 référence, 12 concepts, 1 fois, 2,1 pages",
    ),
    fault(
        "Données groupe",
        r"Données groupe",
        "il manque l'article : « Données du groupe »",
        (OUTPUT, SOURCE),
        bad="Données groupe : /tmp/g (1 concept)",
        good="Données du groupe : /tmp/g",
    ),
    fault(
        "Erreur : Erreur",
        r"Erreur\s*:\s*Erreur\b",
        "le mot « Erreur » répété (un message qui commence déjà par « Erreur »)",
        (OUTPUT, SOURCE),
        bad="Erreur : Erreur interne inattendue.",
        good="Erreur : erreur interne inattendue.",
    ),
    fault(
        "errno en anglais",
        r"No such file|Permission denied|Is a directory|Not a directory|Errno|File exists"
        r"|No space left|Read-only file system|Operation not permitted|Directory not empty",
        "le texte anglais du système : os_reason le dit en français",
        (OUTPUT, SOURCE, HELP),
        bad="lecture impossible ([Errno 2] No such file or directory: 'a').",
        good="lecture impossible (le fichier ou le dossier n'existe pas).",
    ),
    fault(
        "ponctuation collée",
        r"\w[:;?!](?=\s|$)",
        "une espace (insécable) précède « : », « ; », « ? » et « ! » en français",
        (OUTPUT, SOURCE, HELP),
        prose=True,
        flags=re.MULTILINE,
        bad="Identifiant: ",
        good="Identifiant\u00a0: à 10:30, C:\\Users, concepts.yaml:12 : --contraste ID:TEXTE",
    ),
    fault(
        "espace ordinaire dans « »",
        r"« (?=\S)|(?<=\S) »",
        "dans l'aide, une espace insécable (U+00A0 ou U+202F) colle « et » à leur texte",
        (HELP,),
        bad="celle choisie avec « glossaire style ».",
        good="celle choisie avec «\u00a0glossaire style\u00a0».",
    ),
    fault(
        "mot du framework",
        r"<\w+>|\b(?:TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILENAME|CHOICE|UUID)\b|\[default:"
        r"|\[required\]|Show this message|Usage:|Try '|for help\.",
        "un mot anglais de click/typer (type « <str> », « [default: »…) dans l'interface",
        (OUTPUT, HELP),
        bad="│ *    TERME      <str>  Le concept. [required] │",
        good="│ *    TERME      Le concept. [obligatoire] │ « TEXTE »",
    ),
    fault(
        "« id »",
        r"(?<![\w\-.])id(?![\w\-])",
        "« id » n'est pas un mot français : « identifiant »",
        (OUTPUT, SOURCE, HELP),
        prose=True,
        bad="Le concept (id ou terme).",
        good="Le concept (identifiant ou terme) ; glossaire add --id, ID, « - id: … »",
    ),
    fault(
        "Sort avec un code non nul",
        r"Sort avec un code non nul",
        "un calque de l'anglais (« exits non-zero ») : « le code de sortie vaut 1 »",
        (OUTPUT, SOURCE, HELP),
        bad="Sort avec un code non nul s'il y a une erreur.",
        good="Le code de sortie vaut 1 s'il y a au moins une erreur.",
    ),
    fault(
        "date ISO",
        r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}",
        "une date se lit en mots : « 29 novembre 2026 à 04 h 30 »",
        (OUTPUT,),
        bad="écrite le 2026-11-29 04:30",
        good="écrite le 29 novembre 2026 à 04 h 30",
    ),
)

# What ``prose`` removes before a prose check: what the user or the data wrote (« … », "…",
# `…`), URLs, file names and paths, file:line places, options and their values' syntax,
# times and Windows drives. Each must stay as it is, whatever the French rules.
_NOT_PROSE = re.compile(
    r"«[^»]*»"  # a quotation: the user's words, a YAML line, a command
    r"|`[^`]*`"  # Markdown code
    r"|\"[^\"\n]*\""  # a quoted value or a JSON key
    r"|\b[a-z][a-z0-9+.-]*://\S+"  # URL
    r"|\b(?:doi|urn|mailto|file):\S+"
    r"|(?<!\w)--?[A-Za-z][\w-]*(?:[ =][^\s«]+)?"  # an option, and the value it is given
    r"|\b[A-Z][A-Z_]*:[A-Z][A-Z_]*\b"  # option syntax: ID:TEXTE
    r"|\b[A-Za-z]:[\\/]"  # a Windows drive
    r"|\b\d{1,2}:\d{2}\b"  # a time
    r"|\S*[\\/]\S*"  # a path
    r"|[\w.\-{}]+\.(?:bib|yaml|yml|ris|csl|json|toml|docx|odt|html?|md|txt|py|sqlite)\b"
    r"|\S+:\d+\b"  # file:line
)


def prose(text: str) -> str:
    return _NOT_PROSE.sub(" ", text)


def faults_in(text: str, *where: str) -> list[str]:
    """Each fault of the table checked in one of ``where`` and found in ``text``, as
    « name: …the text around it… (reason) »."""
    found = []
    for each in FAULTS:
        if each.where.isdisjoint(where):
            continue
        checked = prose(text) if each.prose else text
        for match in each.pattern.finditer(checked):
            around = checked[max(0, match.start() - 30) : match.end() + 30].replace("\n", "⏎")
            found.append(f"{each.name}: …{around}… ({each.reason})")
    return found


@pytest.mark.parametrize("each", FAULTS, ids=[f.name for f in FAULTS])
def test_every_check_can_fail(each: Fault) -> None:
    """Each check catches its own example of the fault and lets its near miss through."""
    for where in sorted(each.where):
        assert any(f.startswith(each.name + ":") for f in faults_in(each.bad, where)), where
        assert not [f for f in faults_in(each.good, where) if f.startswith(each.name + ":")]


# -- what the commands print ---------------------------------------------------------------


def assert_french(result: Result, where: str = OUTPUT) -> None:
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed, printed
    assert result.exception is None or isinstance(result.exception, SystemExit), printed
    found = faults_in(printed, OUTPUT, where)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "command", [[], *([name] for name in COMMANDS)], ids=["glossaire", *COMMANDS]
)
def test_help_texts(invoke: Invoke, command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.stderr
    assert_french(result, HELP)


def test_overview(invoke: Invoke) -> None:
    result = invoke()
    assert result.exit_code == 0 and "Commandes utiles" in result.stdout
    assert_french(result)


ONE_CONCEPT = """\
- id: mediation
  terme: Médiation
  definitions:
    - texte: "L'intervention d'un tiers."
      source: dupont2020
      nature: synthese
  chapitres: ["4.2"]
"""
ONE_REFERENCE = """\
@book{dupont2020,
  author = {Dupont, Jean},
  title = {La médiation},
  publisher = {Dunod},
  year = {2020}
}
"""
PROBLEMS = """\
- id: a
  terme: A
  parent: inconnu
  chapitres: ["99.9"]
- id: a
  terme: B
  definitions:
    - texte: "x"
      source: nulle
"""


class Case(NamedTuple):
    """What a scenario needs: run the CLI, make a group folder, a temp dir, a monkeypatch."""

    invoke: Invoke
    group: Callable[..., Path]
    tmp: Path
    monkeypatch: pytest.MonkeyPatch

    def run(self, *args: str, data: Path | None = None, input: str | None = None) -> Result:
        prefix = ("--data", str(data)) if data is not None else ()
        return self.invoke(*prefix, *args, input=input)


def _one_each(case: Case) -> Path:
    return case.group(concepts=ONE_CONCEPT, references=ONE_REFERENCE)


def _data_as_file(case: Case) -> Result:
    file = case.tmp / "fichier.yaml"
    file.write_text("[]", encoding="utf-8")
    return case.run("list", data=file)


# The English text an operating system gives each error: none of it may reach the user.
ENGLISH_OS_ERRORS: dict[str, tuple[type[OSError], int, str]] = {
    "EACCES": (PermissionError, errno.EACCES, "Permission denied"),
    "ENOENT": (FileNotFoundError, errno.ENOENT, "No such file or directory"),
    "EISDIR": (IsADirectoryError, errno.EISDIR, "Is a directory"),
    "ENOTDIR": (NotADirectoryError, errno.ENOTDIR, "Not a directory"),
    "EIO": (OSError, errno.EIO, "Input/output error"),
}


def english_os_error(name: str, filename: str = "concepts.yaml") -> OSError:
    kind, code, text = ENGLISH_OS_ERRORS[name]
    return kind(code, text, filename)


def _os_error_on_read(case: Case, error: OSError, *command: str) -> Result:
    """Opening the group's concepts.yaml fails with ``error``, English text and all."""
    folder = _one_each(case)
    target = (folder / "concepts.yaml").resolve()
    real_open = pathlib.Path.open

    def failing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.resolve() == target:
            raise error
        return real_open(self, *args, **kwargs)

    case.monkeypatch.setattr(pathlib.Path, "open", failing_open)
    return case.run(*(command or ("show", "médiation")), data=folder)


def _add_at_a_terminal(case: Case) -> Result:
    """The questions of an interactive add, each answer wrong once (tests/test_add_interactive.py
    checks what is asked; here, how it is written)."""
    case.monkeypatch.setattr("glossaire.cli.add.is_terminal", lambda: True)
    answers = [
        *("Travail en réseau", "Travail En Réseau", "mediation", ""),  # term, identifier x3
        *("", "Agir ensemble.", "dupont", "dupont2020", "poème", "citation"),  # definition…
        *("p. 11", "4.2, 12.7", "n", "4.2"),  # page, chapters (12.7 unknown: not kept)
    ]
    return case.run("add", input="\n".join(answers) + "\n", data=_one_each(case))


def _remove_at_a_terminal(case: Case) -> Result:
    terminal = SimpleNamespace(stdin=SimpleNamespace(isatty=lambda: True))
    case.monkeypatch.setattr("glossaire.cli.retirer.sys", terminal)
    return case.run("retirer", "mediation", input="n\n", data=_one_each(case))


def _internal_error(case: Case) -> Result:
    from glossaire.services import show as cards

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    case.monkeypatch.setattr(cards, "build_card", broken)
    return case.run("show", "réseau")


def _two_unreadable_files(case: Case) -> Result:
    folder = case.group(concepts="- id: a\n  terme: [non fermé\n")
    (folder / "referentiel.yaml").write_text("diplome: [non fermé\n", "utf-8")
    return case.run("show", "réseau", data=folder)


def _concepts_yaml_is_a_folder(case: Case) -> Result:
    folder = case.group()
    (folder / "concepts.yaml").mkdir()
    return case.run("show", "réseau", data=folder)


def _pandoc_does_not_start(case: Case) -> Result:
    from glossaire.citation import engine

    def refused(*_args: object, **_kwargs: object) -> None:
        raise english_os_error("EACCES", "pandoc")

    case.monkeypatch.setattr(engine.subprocess, "run", refused)
    folder = _one_each(case)
    return case.run("cite", "dupont2020", "-p", "12", data=folder)


def _export_into_a_missing_folder(case: Case) -> Result:
    return case.run("export", "réseau", "-o", str(case.tmp / "absent" / "annexe.docx"))


def _export_onto_a_file_as_folder(case: Case) -> Result:
    (case.tmp / "plein").write_text("x", encoding="utf-8")
    return case.run("export", "réseau", "-o", str(case.tmp / "plein" / "annexe.docx"))


# Each scenario: its name, the expected exit code (None: any), and how to run it.
SCENARIOS: dict[str, tuple[int | None, Callable[[Case], Result]]] = {
    "erreur interne": (3, _internal_error),
    "commande inconnue": (2, lambda c: c.run("shwo", "réseau")),
    "option inconnue": (2, lambda c: c.run("show", "réseau", "--formt", "json")),
    "argument manquant": (2, lambda c: c.run("cite")),
    "option sans valeur": (2, lambda c: c.run("list", "--chapitre")),
    "format inconnu": (2, lambda c: c.run("list", "-f", "xml")),
    "argument en trop": (2, lambda c: c.run("show", "réseau", "territoire")),
    "concept inconnu": (1, lambda c: c.run("show", "partenaria")),
    "concept inconnu sans suggestion": (1, lambda c: c.run("show", "zzzzqqq")),
    "clé inconnue pour cite": (1, lambda c: c.run("cite", "dhume2000")),
    "--data qui n'existe pas": (1, lambda c: c.run("list", data=c.tmp / "absent")),
    "--data qui est un fichier": (1, _data_as_file),
    "YAML cassé": (
        1,
        lambda c: c.run("show", "réseau", data=c.group(concepts="- id: a\n  terme: [\n")),
    ),
    "YAML aux deux-points": (
        1,
        lambda c: c.run("list", data=c.group(concepts="- id: a\n  terme: A\n  notes: a : b\n")),
    ),
    ".bib mal formé": (
        None,
        lambda c: c.run("check", data=c.group(references="@book{a,\n title = {T\n")),
    ),
    "add d'un identifiant pris": (
        1,
        lambda c: c.run(
            "add",
            "mediation",
            "--terme",
            "Autre",
            "--definition",
            "Une définition.",
            "--source",
            "dupont2020",
            data=_one_each(c),
        ),
    ),
    "add sans terme hors terminal": (None, lambda c: c.run("add", "nouveau", input="")),
    "add au terminal, réponses fausses": (0, _add_at_a_terminal),
    "retirer au terminal, refusé": (0, _remove_at_a_terminal),
    "add-ref de n'importe quoi": (
        1,
        lambda c: c.run("add-ref", "-", input="ceci n'est pas une référence\n", data=c.group()),
    ),
    "add-ref incomplet": (
        1,
        lambda c: c.run(
            "add-ref", "-", input="@book{x,\n title = {T}\n}\n@misc{y,\n}\n", data=c.group()
        ),
    ),
    "add-ref d'un RIS sans notice": (
        None,
        lambda c: c.run("add-ref", "-", input="TY  - BOOK\nTI  - Sans fin\n", data=c.group()),
    ),
    "export vers une extension inconnue": (2, lambda c: c.run("export", "-o", "annexe.pdf")),
    "export --chapitre 99": (None, lambda c: c.run("export", "--chapitre", "99")),
    "export dans un dossier à créer": (0, _export_into_a_missing_folder),
    "export sous un fichier": (1, _export_onto_a_file_as_folder),
    "export sans rien": (2, lambda c: c.run("export")),
    "style inconnu": (1, lambda c: c.run("style", "zzz")),
    "style sans argument": (0, lambda c: c.run("style")),
    "define d'un concept inconnu": (1, lambda c: c.run("define", "zzzz", "Un texte.")),
    "define sans texte": (None, lambda c: c.run("define", "réseau")),
    "define puis historique": (
        0,
        lambda c: (
            c.run("define", "réseau", "Une première version."),
            c.run("define", "réseau", "Une seconde."),
            c.run("define", "réseau", "--historique"),
        )[-1],
    ),
    "show après define": (
        0,
        lambda c: (c.run("define", "réseau", "Ma version."), c.run("show", "réseau"))[-1],
    ),
    "livret --referentiel 1900": (None, lambda c: c.run("livret", "--referentiel", "1900")),
    "livret": (0, lambda c: c.run("livret")),
    "check avec des problèmes": (
        1,
        lambda c: c.run(
            "check", data=c.group(concepts=PROBLEMS, references="@book{k,\n title={T}\n}\n" * 2)
        ),
    ),
    "check en markdown avec une erreur": (
        1,
        lambda c: c.run(
            "check",
            "-f",
            "markdown",
            data=c.group(concepts="- id: a\n  terme: A\n  parent: inconnu\n"),
        ),
    ),
    "commande de lecture avec un problème": (
        0,
        lambda c: c.run("show", "a", data=c.group(concepts="- id: a\n  terme: A\n  inconnu: x\n")),
    ),
    "deux fichiers illisibles": (1, _two_unreadable_files),
    "add refusé pour deux problèmes": (
        1,
        lambda c: c.run(
            "add",
            "b",
            "--terme",
            "B",
            "--definition",
            "Un texte.",
            "--source",
            "inconnue",
            "--parent",
            "absent",
            data=c.group(concepts="- id: a\n  terme: A\n"),
        ),
    ),
    "info": (0, lambda c: c.run("info")),
    "info avec 1 concept et 1 référence": (0, lambda c: c.run("info", data=_one_each(c))),
    "info en markdown avec 1 de chaque": (
        0,
        lambda c: c.run("info", "-f", "markdown", data=_one_each(c)),
    ),
    "list avec 1 concept et 1 référence": (0, lambda c: c.run("list", data=_one_each(c))),
    "check avec 1 concept et 1 référence": (
        None,
        lambda c: c.run("check", data=c.group(concepts=ONE_CONCEPT, references=ONE_REFERENCE)),
    ),
    "show, concepts.yaml est un dossier": (1, _concepts_yaml_is_a_folder),
    "list, lecture refusée": (
        1,
        lambda c: _os_error_on_read(c, english_os_error("EACCES"), "list"),
    ),
    "check, fichier disparu": (
        None,
        lambda c: _os_error_on_read(c, english_os_error("ENOENT"), "check"),
    ),
    "cite, pandoc ne démarre pas": (1, _pandoc_does_not_start),
    "retirer d'un identifiant inconnu": (None, lambda c: c.run("retirer", "zzzz", "--oui")),
    "retirer sans confirmation": (
        None,
        lambda c: c.run("retirer", "mediation", data=_one_each(c), input="n\n"),
    ),
    "modifier d'un identifiant inconnu": (None, lambda c: c.run("modifier", "zzzz")),
    "compare d'un concept avec lui-même": (None, lambda c: c.run("compare", "réseau", "réseau")),
    "search vide": (1, lambda c: c.run("search", " ")),
    "search sans résultat": (None, lambda c: c.run("search", "zzzzqqq")),
    "biblio d'un concept": (0, lambda c: c.run("biblio", "réseau")),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_output(
    name: str,
    invoke: Invoke,
    group: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, scenario = SCENARIOS[name]
    result = scenario(Case(invoke, group, tmp_path, monkeypatch))
    if code is not None:
        assert result.exit_code == code, (result.stdout, result.stderr)
    assert_french(result)


def test_counts_of_one_are_singular(invoke: Invoke, group: Callable[..., Path]) -> None:
    """A group folder with exactly one concept and one reference: « 1 concept, 1 référence »,
    under the group's own label."""
    folder = group(concepts=ONE_CONCEPT, references=ONE_REFERENCE)
    text = invoke("--data", str(folder), "info").stdout
    assert "Données du groupe" in text and "(1 concept, 1 référence)" in text
    markdown = invoke("--data", str(folder), "info", "-f", "markdown").stdout
    assert "Données du groupe" in markdown and "(1 concept, 1 référence)" in markdown


@pytest.mark.parametrize("extension", ["md", "html"])
def test_exported_annex(invoke: Invoke, tmp_path: Path, extension: str) -> None:
    """The annex a jury reads: the words glossaire adds around the data, as it writes them."""
    assert invoke("define", "réseau", "Ma version.").exit_code == 0
    annex = tmp_path / f"annexe.{extension}"
    args = ("--tout", "--avec-exemples", "--mes-definitions", "-o", str(annex))
    result = invoke("export", *args)
    assert result.exit_code == 0, result.stderr
    assert_french(result)
    text = annex.read_text(encoding="utf-8")
    if extension == "html":  # the text a reader sees: no script, style or tag
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", text, flags=re.S)
        text = html.unescape(text)
    found = faults_in(text, OUTPUT)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("name", list(ENGLISH_OS_ERRORS))
def test_os_errors_are_said_in_french(
    invoke: Invoke,
    group: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    """show, when reading the data fails: the reason in French, never the system's English."""
    case = Case(invoke, group, tmp_path, monkeypatch)
    result = _os_error_on_read(case, english_os_error(name))
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Erreur : ")
    assert ENGLISH_OS_ERRORS[name][2] not in result.stderr
    assert_french(result)


# -- the source ----------------------------------------------------------------------------
#
# What the static scan calls user-facing, in one place:
# * a string constant, or an f-string with each placeholder read as « {} »;
# * holding a letter, and an accented French letter, a guillemet or a blank (an identifier,
#   a key, a file name or a format name has neither);
# * not a docstring, except the docstring of a command's function (typer shows it as help);
# * not where it cannot reach a user: the pattern of a ``re`` function, SQL (``execute``…),
#   a logging call, an operand of a comparison or of ``str`` matching methods (text matched
#   against a library's English, never printed), a subscript, an internal exception (one that
#   is not a GlossaireError: the boundary never prints it), code (HTML, CSS, JS, SQL);
# * help texts (``help=`` and the commands' docstrings) are also checked as help.

ACCENTED = re.compile(r"[À-ÖØ-öø-ÿŒœ«»’…—–]")
CODE = re.compile(
    r"^\s*(?:<|SELECT\b|INSERT\b|CREATE\b|DELETE\b|UPDATE\b|DROP\b|BEGIN\b|PRAGMA\b|WITH\b)"
    r"|</?[a-z]+[\s>]|[{};]\s*\n|\bfunction\s*\(",
)
REGEX_FUNCTIONS = {
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "escape",
}
MATCHING_METHODS = {
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "replace",
    "strip",
    "lstrip",
    "rstrip",
    "removeprefix",
    "removesuffix",
    "partition",
    "rpartition",
    "split",
    "rsplit",
    "translate",
    "maketrans",
}
LOGGERS = {"log", "logger", "logging", "_log", "LOG", "warnings"}
SQL_METHODS = {"execute", "executemany", "executescript"}

# Allowed by (file, the string's start): never shown to a user, or not French on purpose.
ALLOWED: dict[tuple[str, str], str] = {
    ("glossaire/citation/engine.py", "lang: {}"): "métadonnées YAML du document donné à pandoc",
    ("glossaire/citation/engine.py", "nocite: '@*'"): "métadonnées YAML du document donné à pandoc",
}


class SourceString(NamedTuple):
    path: str
    line: int
    text: str
    help: bool


@cache
def internal_exceptions() -> frozenset[str]:
    """Names of the exceptions the boundary never prints: builtins, and glossaire's own that
    are not GlossaireError (a cache's, a parser's; the command reads the files instead)."""
    names = {
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    }
    for module_info in pkgutil.walk_packages(glossaire.__path__, "glossaire."):
        module = importlib.import_module(module_info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            ours = value.__module__.startswith("glossaire.")
            if ours and issubclass(value, Exception) and not issubclass(value, GlossaireError):
                names.add(name)
    return frozenset(names)


def command_functions() -> dict[str, set[str]]:
    """The functions typer shows the docstring of, by module file: one per command."""
    functions: dict[str, set[str]] = {}
    for target in COMMANDS.values():
        module, _, function = target.partition(":")
        functions.setdefault(module.replace(".", "/") + ".py", set()).add(function)
    functions.setdefault("glossaire/cli/app.py", set()).add("main_callback")
    return functions


def source_strings(source: str, path: str, commands: set[str]) -> Iterator[SourceString]:
    """The user-facing strings of one module (see the comment above for what that means)."""
    tree = ast.parse(source)
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    docstrings: dict[int, bool] = {}  # id of the constant -> shown as help
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            owner = parents.get(id(node))  # a docstring, or an attribute's (a bare string)
            shown = (
                isinstance(owner, ast.FunctionDef)
                and owner.name in commands
                and owner.body[0] is node
            )
            docstrings[id(node.value)] = shown
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(id(node)), ast.JoinedStr):
                continue  # read with its f-string
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            if isinstance(parents.get(id(node)), ast.FormattedValue):
                continue  # a format spec
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        if id(node) in docstrings:
            if docstrings[id(node)]:
                yield SourceString(path, node.lineno, inspect.cleandoc(text), True)
            continue
        is_help = _is_help(node, parents)
        if not is_help and not _user_facing(text, node, parents):
            continue
        if any(path == file and text.startswith(start) for file, start in ALLOWED):
            continue
        yield SourceString(path, node.lineno, text, is_help)


def _is_help(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(node))
    return isinstance(parent, ast.keyword) and parent.arg == "help"


def _user_facing(text: str, node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    if not re.search(r"[^\W\d_]", text):
        return False  # punctuation, blanks, placeholders
    if not (ACCENTED.search(text) or re.search(r"\s", text)):
        return False  # an identifier, a key, a file name, a format name
    if CODE.search(text):
        return False
    child, parent = node, parents.get(id(node))
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, ast.Compare | ast.Subscript):
            return False
        if isinstance(parent, ast.Call) and child is not parent.func:
            func = parent.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            owner_name = getattr(owner, "id", "")
            if owner_name == "re" and name in REGEX_FUNCTIONS:
                return False
            if name in SQL_METHODS or owner_name in LOGGERS:
                return False
            if isinstance(func, ast.Attribute) and name in MATCHING_METHODS:
                return False
            internal = name in internal_exceptions()
            if internal and isinstance(parents.get(id(parent)), ast.Raise):
                return False
        child, parent = parent, parents.get(id(parent))
    # typer's English words, the keys our French catalogue translates
    return not (isinstance(parent, ast.Assign) and "RICH_UTILS_WORDS" in _names(parent.targets))


def _names(targets: list[ast.expr]) -> set[str]:
    return {target.id for target in targets if isinstance(target, ast.Name)}


@cache
def all_source_strings() -> tuple[SourceString, ...]:
    """Every module's user-facing strings, and the French of our catalogue of typer's words."""
    commands = command_functions()
    found: list[SourceString] = []
    for file in sorted(PACKAGE.rglob("*.py")):
        path = file.relative_to(REPO).as_posix()
        found += source_strings(file.read_text(encoding="utf-8"), path, commands.get(path, set()))
    for po in sorted(PACKAGE.rglob("*.po")):
        path = po.relative_to(REPO).as_posix()
        for number, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith('msgstr "') and len(line) > len('msgstr ""'):
                found.append(SourceString(path, number, ast.literal_eval(line[7:]), False))
    return tuple(found)


def test_the_scan_finds_the_strings_users_read() -> None:
    """The scan is not empty-handed: messages, f-strings, help= and command docstrings."""
    texts = {s.text for s in all_source_strings()}
    helps = {s.text for s in all_source_strings() if s.help}
    assert "problème interne inattendu. Ce n'est pas de votre faute." in texts  # a message
    assert "Erreur : {}" in texts  # an f-string
    assert "Dossier de données d'un groupe (remplace GLOSSAIRE_DATA)." in helps  # help=
    assert any(text.startswith("Vérifie toutes les données") for text in helps)  # docstring
    assert not any(text.startswith("SELECT") for text in texts)  # SQL
    assert not any("Shared command-line options" in text for text in texts)  # a docstring
    assert "[par défaut : {}]" in texts  # the catalogue of typer's words


def test_the_scan_catches_a_planted_fault() -> None:
    """A fault planted in a help text, a message and a docstring of a command is found."""
    source = '''
import typer
def cmd(x: str = typer.Option("--x", help="Votre définition est remplace.")) -> None:
    """Dit quelle norme s'applique, avec « glossaire style »."""
    raise WriteRefused(f"{n} problème(s) dans les données")
def other() -> None:
    """Sort avec un code non nul: a developer's docstring, never shown."""
    raise ValueError("the id is not UTF-8")
'''
    strings = list(source_strings(source, "glossaire/cli/essai.py", {"cmd"}))
    found = [f for s in strings for f in faults_in(s.text, HELP if s.help else SOURCE)]
    assert len(strings) == 3, strings
    assert any(f.startswith("accent manquant") for f in found), found
    assert any(f.startswith("espace ordinaire dans « »") for f in found), found
    assert any(f.startswith("pluriel (s)") for f in found), found
    assert not any("Sort avec" in f or "UTF-8" in f for f in found), found


@pytest.mark.parametrize("kind", [SOURCE, HELP])
def test_source_strings(kind: str) -> None:
    """Every user-facing string of the source, and every help text as help, has no fault."""
    found = [
        f"{s.path}:{s.line}: {f}"
        for s in all_source_strings()
        if kind == SOURCE or s.help
        for f in faults_in(s.text, kind)
    ]
    assert found == [], "\n".join(found)
