"""``glossaire check``: validate the whole data set."""

from __future__ import annotations

import typer

from glossaire.cli.context import DataOption, FormatOption, data_option
from glossaire.cli.render import render
from glossaire.errors import ExitCode


def check(
    ctx: typer.Context, output_format: FormatOption = "text", data: DataOption = None
) -> None:
    """Vérifie toutes les données et liste chaque problème avec son fichier et sa ligne.

    Le code de sortie vaut 1 s'il y a au moins une erreur (utile dans un script).

    Exemple : glossaire check
    """
    from glossaire.catalog.opening import open_catalog
    from glossaire.services.check import check_dataset

    catalog = open_catalog(data_option(ctx, data), validate_files=True)
    report = check_dataset(catalog)
    render(report, output_format)
    if report.errors:
        raise typer.Exit(ExitCode.DATA_OR_USER_ERROR)
