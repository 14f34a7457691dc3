"""Shared command-line options and the one way commands open the data set."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from glossaire.cli.console import error_console
from glossaire.text import counted, safe_for_terminal

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog


OUTPUT_FORMATS = ("text", "markdown", "json")
CITATION_FORMATS = ("text", "html", "markdown", "json")
_ALIASES = {"md": "markdown", "texte": "text", "txt": "text", "htm": "html"}


def _format_parser(allowed: tuple[str, ...]) -> Callable[[str | None], str]:
    def parse(value: str | None) -> str:
        normalised = (value or "text").strip().lower()
        normalised = _ALIASES.get(normalised, normalised)
        if normalised not in allowed:
            raise typer.BadParameter(
                f"« {value} » n'est pas un format connu ; choisissez {', '.join(allowed)}."
            )
        return normalised

    return parse


FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Format de sortie : text (lisible), markdown (à coller) ou json (autres outils).",
        show_default=False,
        callback=_format_parser(OUTPUT_FORMATS),
    ),
]

CitationFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Format de sortie : text, html (garde l'italique en collant dans Word), "
        "markdown ou json.",
        show_default=False,
        callback=_format_parser(CITATION_FORMATS),
    ),
]

StyleOption = Annotated[
    str | None,
    typer.Option(
        "--style",
        "-s",
        metavar="STYLE",
        help="Norme de citation : iso690, apa, un autre style CSL ou un fichier .csl "
        "(par défaut, celle choisie avec «\u00a0glossaire style\u00a0»).",
        show_default=False,
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


def data_option(ctx: typer.Context, data: str | None) -> str | None:
    """``--data`` after the command wins over the one before it."""
    return data or (ctx.obj or {}).get("data")


def load_catalog(ctx: typer.Context, data: str | None) -> Catalog:
    """The data set for this command, with its warnings printed on stderr."""
    from glossaire.catalog.opening import open_catalog

    catalog = open_catalog(data_option(ctx, data))
    warn_about_data(catalog)
    return catalog


def warn_about_data(catalog: Catalog) -> None:
    facts = catalog.facts
    if not facts.warnings and not facts.problems:
        return  # the usual case: no console to make
    console = error_console()
    for warning in facts.warnings:
        console.print(f"Attention : {safe_for_terminal(warning.message)}", markup=False)
    count = len(facts.problems)
    if count:
        console.print(
            f"Attention : {counted(count, 'problème')} dans les données ; "
            "lancez « glossaire check » pour les voir.",
            markup=False,
        )
