"""``glossaire show``: the card of one concept."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.context import (
    DataOption,
    FormatOption,
    StyleOption,
    data_option,
    load_catalog,
)
from glossaire.cli.render import render


def show(
    ctx: typer.Context,
    terme: Annotated[
        str,
        typer.Argument(
            metavar="TERME", help="Le concept, tel que vous l'écrivez.", show_default=False
        ),
    ],
    style: StyleOption = None,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Affiche la fiche d'un concept : définitions sourcées, contrastes, exemples, chapitres.

    La recherche ignore majuscules, accents, apostrophes et tirets, et connaît les variantes.

    Exemple : glossaire show partenariat
    """
    from glossaire.services.show import concept_card
    from glossaire.services.style import chosen_style

    catalog = load_catalog(ctx, data)
    chosen = chosen_style(style, data_option(ctx, data))
    render(concept_card(catalog, terme, chosen), output_format)
