"""``glossaire retirer``: remove one of your concepts or references."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from glossaire.cli.ask import ask_yes_no
from glossaire.cli.console import say
from glossaire.cli.context import DataOption, data_option
from glossaire.cli.modifier import DryRunOption, EntryArgument
from glossaire.errors import InvalidUsage
from glossaire.text import sentence_case


def retirer_command(
    ctx: typer.Context,
    name: EntryArgument,
    yes: Annotated[
        bool, typer.Option("--oui", "-y", help="Ne demande pas de confirmation.", metavar="")
    ] = False,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Retire un concept ou une référence de votre dossier (ou de celui du groupe).

    Refusé si d'autres entrées y renvoient encore, et jamais pour les données intégrées.

    Exemple : glossaire retirer reseau-x
    """
    from glossaire.services.retirer import prepare_edit, retire

    chosen = data_option(ctx, data)
    session = prepare_edit(chosen, name)
    if not (yes or dry_run):
        if not sys.stdin.isatty():
            raise InvalidUsage(
                f"retirer {session.label} demande une confirmation.",
                f"Ajoutez --oui pour confirmer : glossaire retirer {session.name} --oui",
            )
        if not ask_yes_no(f"Retirer {session.label} de {session.path}\u00a0?"):
            say("Rien n'a été retiré.")
            return
    result = retire(session, chosen, dry_run=dry_run)
    if dry_run:
        say(f"Vérification faite : {session.label} peut être retiré. Rien n'a été écrit.")
    else:
        say(f"{sentence_case(session.label)} est retiré de {result.session.path}.")
