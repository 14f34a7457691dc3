"""``glossaire compare``: two concepts side by side."""

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


def compare(
    ctx: typer.Context,
    premier: Annotated[
        str, typer.Argument(metavar="TERME_A", show_default=False, help="Le premier concept.")
    ],
    second: Annotated[
        str, typer.Argument(metavar="TERME_B", show_default=False, help="Le second concept.")
    ],
    style: StyleOption = None,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Met deux concepts côte à côte : leurs définitions, et les contrastes notés entre eux.

    Exemple : glossaire compare réseau partenariat
    """
    from glossaire.services.compare import compare_concepts
    from glossaire.services.style import chosen_style

    catalog = load_catalog(ctx, data)
    chosen = chosen_style(style, data_option(ctx, data))
    render(compare_concepts(catalog, premier, second, chosen), output_format)
