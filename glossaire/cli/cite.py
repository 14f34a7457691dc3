"""``glossaire cite``: one source's citation by the CSL engine, in one norm."""

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


def cite_command(
    ctx: typer.Context,
    cle: Annotated[
        str,
        typer.Argument(
            metavar="CLÉ", help="Clé BibTeX de la source (ex. dhume2001).", show_default=False
        ),
    ],
    page: Annotated[
        str | None,
        typer.Option(
            "--page",
            "-p",
            metavar="PAGE",
            help="Page ou pages citées (111 ou 111-113).",
            show_default=False,
        ),
    ] = None,
    style: StyleOption = None,
    output_format: CitationFormatOption = "text",
    data: DataOption = None,
) -> None:
    """Donne la citation d'une source : l'appel dans le texte et la référence complète.

    Exemple : glossaire cite dhume2001 -p 111
    """
    from glossaire.services.cite import cite
    from glossaire.services.style import chosen_style

    catalog = load_catalog(ctx, data)
    chosen = chosen_style(style, data_option(ctx, data))
    engine_format = "text" if output_format == "json" else output_format
    with_csl = output_format == "json"
    render(cite(catalog, cle, page, chosen, engine_format, with_csl), output_format)
