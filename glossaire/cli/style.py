"""``glossaire style``: the citation norm in force, and choosing it once for all."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.context import DataOption, FormatOption, data_option
from glossaire.cli.render import render


def style_command(
    ctx: typer.Context,
    nom: Annotated[
        str | None,
        typer.Argument(
            metavar="[STYLE]",
            help="iso690, apa, un autre style CSL ou le chemin d'un fichier .csl.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Dit quelle norme de citation s'applique et pourquoi ; avec un nom, l'enregistre.

    Exemple : glossaire style apa
    """
    from glossaire.services.style import save_user_style, style_in_force

    if nom:
        render(save_user_style(nom), output_format)
    else:
        render(style_in_force(None, data_option(ctx, data)), output_format)
