"""The questions ``glossaire add`` asks a person at a terminal, each answer checked as it
is given.

A wrong answer is said at once and asked again, alone: what was typed before is never lost
because a later answer is wrong. The write pipeline checks everything again before
writing; these checks are only there so that a person is not told at the end, after six
answers, that the second one was wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from glossaire.cli.ask import Check, ask, ask_yes_no
from glossaire.cli.console import output_console

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog


class Answers(NamedTuple):
    id: str
    terme: str
    definition: str
    source: str
    nature: str
    page: str | None
    chapitres: tuple[str, ...]


def ask_concept(
    catalog: Catalog, given: dict[str, str | None], chapters: tuple[str, ...] | None
) -> Answers:
    """Ask what ``given`` lacks: the required fields, then the nature, the page and the
    chapters unless the command line gave them (``chapters`` None: not given)."""
    from glossaire.text import slugify

    terme = given.get("terme") or ask(
        "Terme, tel qu'il s'affiche (ex. Travail en réseau)", _not_empty
    )
    concept_id = given.get("id") or ask(
        "Identifiant (minuscules, chiffres, tirets)", _id_check(catalog), slugify(terme) or None
    )
    definition = given.get("definition") or ask("Définition", _not_empty)
    source = given.get("source")
    if not source:
        _list_sources(catalog)
        source = ask("Clé de la source (voir la liste ci-dessus)", _source_check(catalog))
        source = catalog.canonical_key(source) or source
    nature = given.get("nature") or ask(
        "Nature (citation, synthese, atelier ou lecture)", _nature_check, "synthese"
    )
    page = given.get("page") or ask("Page (Entrée s'il n'y en a pas)", _any, "") or None
    return Answers(
        concept_id, terme, definition, source, nature, page, chapters or _chapters(catalog)
    )


def _not_empty(answer: str) -> str | None:
    return None if answer else "Cette réponse ne peut pas être vide."


def _any(answer: str) -> str | None:
    return None


def _id_check(catalog: Catalog) -> Check:
    from glossaire.loading.yaml_concepts import ID_PATTERN

    def check(answer: str) -> str | None:
        if not ID_PATTERN.match(answer):
            return (
                f"« {answer} » n'est pas un identifiant : seulement des minuscules sans accent, "
                "des chiffres et des tirets (ex. travail-en-reseau)."
            )
        if answer in catalog.concepts:
            return (
                f"« {answer} » existe déjà ({catalog.concepts[answer].terme}) : choisissez un "
                f"autre identifiant, ou modifiez celui-là avec « glossaire modifier {answer} »."
            )
        return None

    return check


def _source_check(catalog: Catalog) -> Check:
    """The same lookup and the same « Voulez-vous dire … ? » as ``cite``."""
    from glossaire.services.cite import ReferenceNotFound, find_reference
    from glossaire.text import sentence_case

    def check(answer: str) -> str | None:
        try:
            find_reference(catalog, answer)
        except ReferenceNotFound as missing:
            return (
                f"{sentence_case(missing.message)} {missing.hint} Une source absente s'ajoute "
                "d'abord avec « glossaire add-ref »."
            )
        return None

    return check


def _nature_check(answer: str) -> str | None:
    from glossaire.model.concept import canonical_nature

    if canonical_nature(answer) is not None:
        return None
    return f"« {answer} » n'est pas une nature : répondez citation, synthese, atelier ou lecture."


def _chapters(catalog: Catalog) -> tuple[str, ...]:
    referential = catalog.facts.referential
    known = (
        sorted({c.number for r in referential.reforms for c in r.chapters}) if referential else []
    )
    if known:
        output_console().print(f"Chapitres du livret 2 : {', '.join(known)}", markup=False)
    while True:
        answer = ask("Chapitres, séparés par des virgules (Entrée pour aucun)", _any, "")
        chapters = tuple(part.strip() for part in answer.split(",") if part.strip())
        unknown = [number for number in chapters if known and number not in known]
        if not unknown:
            return chapters
        names = ", ".join(unknown)
        if ask_yes_no(f"Le référentiel ne connaît pas {names}. Les garder quand même\u00a0?"):
            return chapters


def _list_sources(catalog: Catalog) -> None:
    console = output_console()
    console.print("Sources connues :", style="bold")
    for key, reference in sorted(catalog.references.items()):
        console.print(f"  {key}  {reference.title}", markup=False, highlight=False)
