"""``glossaire livret``: domains of competence → livret 2 chapters → concepts."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.context import DataOption, FormatOption, load_catalog
from glossaire.cli.render import render


def livret(
    ctx: typer.Context,
    referentiel: Annotated[
        str | None,
        typer.Option(
            "--referentiel",
            "-r",
            metavar="VERSION",
            show_default=False,
            help="Version du référentiel (ex. 2007 ou 2018) ; par défaut, celle du fichier.",
        ),
    ] = None,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Montre la carte du livret 2 : domaines de compétences, chapitres, concepts utiles.

    Exemple : glossaire livret --referentiel 2018
    """
    from glossaire.services.livret import livret_map

    catalog = load_catalog(ctx, data)
    render(livret_map(catalog, referentiel), output_format)
