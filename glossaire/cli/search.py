"""``glossaire search``: full-text search, accents ignored."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.context import DataOption, FormatOption, load_catalog
from glossaire.cli.render import render


def search_command(
    ctx: typer.Context,
    texte: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXTE",
            show_default=False,
            help="Les mots à chercher (sans guillemets, ils forment une expression).",
        ),
    ],
    tout: Annotated[
        bool,
        typer.Option(
            "--tout", "-t", help="Tous les concepts trouvés (sinon les 50 premiers).", metavar=""
        ),
    ] = False,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Cherche un texte dans les termes, définitions, contrastes, exemples et notes.

    Exemple : glossaire search don et contre-don
    """
    from glossaire.services.search import DEFAULT_LIMIT, search

    catalog = load_catalog(ctx, data)
    render(search(catalog, " ".join(texte), None if tout else DEFAULT_LIMIT), output_format)
