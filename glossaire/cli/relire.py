"""``glossaire relire``: what a jury would fault in the draft's citations, before sending it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from glossaire.cli.context import (
    DataOption,
    FormatOption,
    StyleOption,
    data_option,
    load_catalog,
)


def relire_command(
    ctx: typer.Context,
    brouillon: Annotated[
        str,
        typer.Argument(
            metavar="BROUILLON",
            help="Votre dossier : un fichier .docx (Word), .odt (LibreOffice) ou .md.",
            show_default=False,
        ),
    ],
    style: StyleOption = None,
    output_format: FormatOption = "text",
    data: DataOption = None,
) -> None:
    """Relit votre dossier comme un jury : citations, années, bibliographie, citations exactes.

    Chaque problème vient avec sa section, son paragraphe, le texte en cause et la forme juste.

    Suivent les concepts employés sans être définis dans votre Lexique, puis la bibliographie.

    Exemple : glossaire relire livret2.docx --style apa
    """
    from glossaire.cli.render.proofreading import render_report
    from glossaire.services.relire import proofread
    from glossaire.services.style import chosen_style

    report = proofread(
        lambda: load_catalog(ctx, data),
        Path(brouillon),
        lambda: chosen_style(style, data_option(ctx, data)),
    )
    render_report(report, output_format)
