"""Shared command-line options and the one way commands open the data set."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.console import error_console
from glossaire.services.catalog import Catalog
from glossaire.services.session import open_catalog

OUTPUT_FORMATS = ("text", "markdown", "json")


def _parse_format(value: str | None) -> str:
    normalised = (value or "text").strip().lower()
    aliases = {"md": "markdown", "texte": "text", "txt": "text"}
    normalised = aliases.get(normalised, normalised)
    if normalised not in OUTPUT_FORMATS:
        raise typer.BadParameter(
            f"« {value} » n'est pas un format connu ; choisissez {', '.join(OUTPUT_FORMATS)}."
        )
    return normalised


FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Format de sortie : text (lisible), markdown (à coller) ou json (autres outils).",
        show_default=False,
        callback=_parse_format,
    ),
]

DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="DOSSIER",
        help="Dossier de données d'un groupe (remplace GLOSSAIRE_DATA).",
        show_default=False,
    ),
]


def load_catalog(ctx: typer.Context, data: str | None) -> Catalog:
    """The data set for this command; ``--data`` after the command wins over the one before."""
    chosen = data or (ctx.obj or {}).get("data")
    catalog = open_catalog(chosen)
    warn_about_data(catalog)
    return catalog


def warn_about_data(catalog: Catalog) -> None:
    console = error_console()
    for warning in catalog.dataset.warnings:
        console.print(f"Attention : {warning.message}", markup=False)
    count = len(catalog.dataset.problems)
    if count:
        console.print(
            f"Attention : {count} problème(s) dans les données ; "
            "lancez « glossaire check » pour les voir.",
            markup=False,
        )
