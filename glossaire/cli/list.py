"""``glossaire list``: the concepts in French dictionary order, filtered if asked."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.context import DataOption, FormatOption, load_catalog
from glossaire.cli.render import render


def list_command(
    ctx: typer.Context,
    chapitre: Annotated[
        str | None,
        typer.Option(
            "--chapitre",
            "-c",
            metavar="CHAPITRE",
            show_default=False,
            help="Seulement les concepts utiles à ce chapitre du livret 2 (ex. 4.2).",
        ),
    ] = None,
    domaine: Annotated[
        str | None,
        typer.Option(
            "--domaine",
            "-d",
            metavar="DOMAINE",
            show_default=False,
            help="Seulement les concepts d'un domaine de compétences (ex. DC4).",
        ),
    ] = None,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Liste les concepts par ordre alphabétique, pour un chapitre ou un domaine si demandé.

    Exemple : glossaire list --chapitre 4.2

    Autre exemple : glossaire list --domaine DC4
    """
    from glossaire.services.list import list_concepts

    catalog = load_catalog(ctx, data)
    render(list_concepts(catalog, chapitre, domaine), output_format)
