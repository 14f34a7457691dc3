"""``glossaire biblio``: the bibliography of concepts' sources, sorted as the norm says."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.context import (
    CitationFormatOption,
    DataOption,
    StyleOption,
    data_option,
    load_catalog,
)
from glossaire.cli.render import render


def biblio_command(
    ctx: typer.Context,
    concepts: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[CONCEPT]...", help="Concepts dont on veut les sources.", show_default=False
        ),
    ] = None,
    tout: Annotated[
        bool, typer.Option("--tout", "-t", help="Toutes les sources connues.", metavar="")
    ] = False,
    style: StyleOption = None,
    output_format: CitationFormatOption = "text",
    data: DataOption = None,
) -> None:
    """Donne la bibliographie des sources de concepts (ou de toutes), triée selon la norme.

    Exemple : glossaire biblio réseau partenariat
    """
    from glossaire.services.biblio import biblio
    from glossaire.services.style import chosen_style

    catalog = load_catalog(ctx, data)
    chosen = chosen_style(style, data_option(ctx, data))
    engine_format = "text" if output_format == "json" else output_format
    render(biblio(catalog, concepts or (), chosen, engine_format, tout), output_format)
