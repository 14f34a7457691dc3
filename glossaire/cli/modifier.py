"""``glossaire modifier``: change one of your concepts or references in your editor."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from glossaire.cli.console import say
from glossaire.cli.context import DataOption, data_option
from glossaire.errors import WriteRefused
from glossaire.text import sentence_case

EntryArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="Identifiant du concept ou clé de la référence.", show_default=False
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", "-n", help="Vérifie tout, montre le résultat, sans rien écrire.", metavar=""
    ),
]


def modifier_command(
    ctx: typer.Context,
    name: EntryArgument,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Ouvre un concept ou une référence dans votre éditeur, puis l'enregistre s'il reste valide.

    Une entrée de votre dossier (ou de celui du groupe) est modifiée à sa place.

    Une entrée des données intégrées devient votre version, qui la remplace pour vous.

    Videz le texte pour retirer l'entrée. L'éditeur : la variable EDITOR, ou celui du système.

    Exemple : glossaire modifier reseau-x
    """
    from glossaire.cli.editor import HOW_TO, edit_in_editor
    from glossaire.services.modifier import apply_edit, prepare_edit

    chosen = data_option(ctx, data)
    session = prepare_edit(chosen, name)
    if session.bundled:
        say(
            f"{sentence_case(session.label)} fait partie des données intégrées : votre version "
            f"sera ajoutée à {session.path} et remplacera la leur."
        )
    say(HOW_TO)
    text = session.text
    while True:
        edited, scratch = edit_in_editor(text, session.suffix)
        try:
            result = apply_edit(session, chosen, edited, dry_run=dry_run)
        except WriteRefused as refused:
            if not _may_reopen(refused):
                raise WriteRefused(
                    refused.message, f"{refused.hint} Votre texte est gardé dans « {scratch} »."
                ) from None
            scratch.unlink(missing_ok=True)
            text = edited
            continue
        scratch.unlink(missing_ok=True)
        break
    label = sentence_case(session.label)
    if not result.changed:
        say(f"Aucune modification : {session.path} n'a pas été touché.")
    elif dry_run:
        say(f"Vérification faite : {session.label} peut être enregistré. Rien n'a été écrit.")
    elif result.removed:
        say(f"{label} est retiré de {session.path}.")
    elif session.bundled:
        say(f"Votre version {session.of_label} est ajoutée à {session.path}.")
    else:
        say(f"{label} est modifié dans {session.path}.")


def _may_reopen(refused: WriteRefused) -> bool:
    """On a terminal, say what is wrong and offer to correct it in the editor again."""
    if not sys.stdin.isatty():
        return False
    from glossaire.cli.console import error_console

    error_console().print(f"Erreur : {refused.message}", markup=False, highlight=False)
    from glossaire.cli.ask import ask_yes_no

    return ask_yes_no("Rouvrir l'éditeur pour corriger\u00a0?", default=True)
