"""``glossaire define``: write your own definition of a concept, beside the authors'."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.console import say
from glossaire.cli.context import DataOption, FormatOption, data_option, load_catalog
from glossaire.cli.render import render
from glossaire.errors import InvalidUsage


def define_command(
    ctx: typer.Context,
    concept: Annotated[
        str,
        typer.Argument(
            metavar="CONCEPT", help="Le concept (identifiant ou terme).", show_default=False
        ),
    ],
    texte: Annotated[
        str | None,
        typer.Argument(
            metavar='["TEXTE"]', help="Votre définition, entre guillemets.", show_default=False
        ),
    ] = None,
    historique: Annotated[
        bool,
        typer.Option(
            "--historique",
            help="Liste vos versions successives, la plus récente d'abord.",
            metavar="",
        ),
    ] = False,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Enregistre votre propre définition d'un concept (« Ma définition »), dans votre dossier.

    La relancer remplace la précédente, qui reste dans l'historique.

    Exemple : glossaire define réseau "Pour moi, le réseau, c'est…"
    """
    from glossaire.services.define import define, history

    if historique:
        render(history(load_catalog(ctx, data), concept), output_format)
        return
    if texte is None:
        raise InvalidUsage(
            "il manque votre définition.",
            'Écrivez-la après le concept, entre guillemets : glossaire define réseau "…".',
        )
    done = define(concept, texte, data_option(ctx, data))
    verb = (
        "remplace la précédente (gardée dans l'historique)" if done.replaced else "est enregistrée"
    )
    say(f"Votre définition de « {done.term} » {verb} : {done.path}.")
