"""``glossaire add``: append a concept, asking for what is missing when a person is typing."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from glossaire.cli.console import error_console, say
from glossaire.cli.context import DataOption, data_option, load_catalog
from glossaire.errors import InvalidUsage

_OPTIONS = {"id": "ID", "terme": "--terme", "definition": "--definition", "source": "--source"}


def add_command(
    ctx: typer.Context,
    concept_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="Identifiant du nouveau concept.", show_default=False),
    ] = None,
    terme: Annotated[
        str | None,
        typer.Option("--terme", metavar="TERME", help="Le terme affiché.", show_default=False),
    ] = None,
    definition: Annotated[
        str | None,
        typer.Option("--definition", metavar="TEXTE", help="La définition.", show_default=False),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="CLÉ", help="Clé BibTeX de la source.", show_default=False
        ),
    ] = None,
    page: Annotated[
        str | None,
        typer.Option(
            "--page", "-p", metavar="PAGE", help="Page de la définition.", show_default=False
        ),
    ] = None,
    nature: Annotated[
        str | None,
        typer.Option(
            "--nature",
            metavar="NATURE",
            help="citation, synthese, atelier ou lecture (par défaut synthese).",
            show_default=False,
        ),
    ] = None,
    variante: Annotated[
        list[str] | None,
        typer.Option(
            "--variante",
            metavar="VARIANTE",
            help="Autre écriture du terme (répétable).",
            show_default=False,
        ),
    ] = None,
    chapitre: Annotated[
        list[str] | None,
        typer.Option(
            "--chapitre",
            metavar="CHAPITRE",
            help="Chapitre du livret 2 (répétable).",
            show_default=False,
        ),
    ] = None,
    domaine: Annotated[
        list[str] | None,
        typer.Option(
            "--domaine",
            metavar="DOMAINE",
            help="Domaine de compétences, ex. DC4 (répétable).",
            show_default=False,
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent",
            metavar="ID",
            help="Identifiant du concept plus général.",
            show_default=False,
        ),
    ] = None,
    contraste: Annotated[
        list[str] | None,
        typer.Option(
            "--contraste",
            metavar="ID:TEXTE",
            help="Concept voisin et ce qui l'en distingue (répétable).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            "-n",
            help="Vérifie tout, montre le résultat, sans rien écrire.",
            metavar="",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Ajoute un concept au dossier du groupe (ou au vôtre), sans jamais abîmer le fichier.

    Exemple : glossaire add coordination --terme Coordination --definition "…" --source atelier2016
    """
    from glossaire.services.add import NewConcept, add_concept, missing_fields

    values = {"id": concept_id, "terme": terme, "definition": definition, "source": source}
    if missing_fields(values):
        values = _ask_for_missing(ctx, data, values, page, nature, chapitre)
    else:
        values |= {"page": page, "nature": nature}
    request = NewConcept(
        id=values["id"] or "",
        terme=values["terme"] or "",
        definition=values["definition"] or "",
        source=values["source"] or "",
        page=values["page"],
        nature=values["nature"] or "synthese",
        variantes=tuple(variante or ()),
        chapitres=tuple(values.get("chapitres") or chapitre or ()),
        domaines=tuple(domaine or ()),
        parent=parent,
        contrastes=tuple(_contrast(text) for text in contraste or ()),
    )
    added = add_concept(request, data_option(ctx, data), dry_run)
    if dry_run:
        say(
            f"Le concept « {added.terme} » ({added.concept_id}) serait ajouté à {added.path} ; "
            "rien n'a été écrit (--dry-run)."
        )
    else:
        say(f"Concept « {added.terme} » ({added.concept_id}) ajouté à {added.path}.")
    for warning in added.warnings:
        error_console().print(f"Attention : {warning}", markup=False, highlight=False)


def _ask_for_missing(
    ctx: typer.Context,
    data: str | None,
    values: dict[str, str | None],
    page: str | None,
    nature: str | None,
    chapters: list[str] | None,
) -> dict[str, Any]:
    """On a terminal, ask what is missing, each answer checked as it is given."""
    from glossaire.cli.add_prompts import ask_concept
    from glossaire.services.add import missing_fields

    missing = missing_fields(values)
    if not is_terminal():
        raise InvalidUsage(
            f"il manque : {', '.join(_OPTIONS[name] for name in missing)}.",
            "Donnez-les en options, ou lancez la commande dans un terminal : "
            "elle vous les demandera.",
        )
    given = {**values, "page": page, "nature": nature}
    answers = ask_concept(load_catalog(ctx, data), given, tuple(chapters) if chapters else None)
    return answers._asdict()


def _contrast(text: str) -> tuple[str, str]:
    other, separator, difference = text.partition(":")
    if not separator or not other.strip() or not difference.strip():
        raise InvalidUsage(
            f"« {text} » n'est pas un contraste de la forme ID:TEXTE.",
            'Exemple : --contraste reseau:"Le partenariat engage par contrat…"',
        )
    return other.strip(), difference.strip()


def is_terminal() -> bool:
    """Whether a person can answer prompts (tests replace this to drive the prompts)."""
    return sys.stdin.isatty()
