"""``glossaire info``: folders in use, counts per layer, overrides, version."""

from __future__ import annotations

import typer

from glossaire.cli.context import DataOption, FormatOption, load_catalog
from glossaire.cli.render import render


def info(ctx: typer.Context, output_format: FormatOption = "text", data: DataOption = None) -> None:
    """Indique les dossiers de données lus, ce que chacun contient, et la version.

    Exemple : glossaire info
    """
    from glossaire.services.info import data_info

    catalog = load_catalog(ctx, data)
    render(data_info(catalog), output_format)
