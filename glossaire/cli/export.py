"""``glossaire export``: the lexicon and bibliography annex for livret 2, as a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from glossaire.cli.console import error_console, say
from glossaire.cli.context import DataOption, StyleOption, data_option, load_catalog
from glossaire.text import counted

PROGRESS_FROM = 300  # concepts: below this, the export is instant and a bar would only flash


def _parse_format(value: str | None) -> str | None:
    from glossaire.services.export import EXPORT_FORMATS

    if value is None:
        return None  # the file's extension decides
    normalised = value.strip().lower().lstrip(".")
    normalised = {"markdown": "md", "word": "docx", "htm": "html"}.get(normalised, normalised)
    if normalised not in EXPORT_FORMATS:
        raise typer.BadParameter(
            f"« {value} » n'est pas un format d'export ; choisissez {', '.join(EXPORT_FORMATS)}."
        )
    return normalised


def export_command(
    ctx: typer.Context,
    concepts: Annotated[
        list[str] | None,
        typer.Argument(metavar="[CONCEPT]...", help="Les concepts à exporter.", show_default=False),
    ] = None,
    chapitre: Annotated[
        list[str] | None,
        typer.Option(
            "--chapitre",
            "-c",
            metavar="CHAPITRE",
            help="Tous les concepts d'un chapitre du livret 2 (répétable).",
            show_default=False,
        ),
    ] = None,
    tout: Annotated[
        bool, typer.Option("--tout", "-t", help="Tous les concepts.", metavar="")
    ] = False,
    style: StyleOption = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="docx (Word, par défaut), odt (LibreOffice), html ou md ; sans cette option, "
            "l'extension du fichier -o décide.",
            show_default=False,
            callback=_parse_format,
        ),
    ] = None,
    sortie: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER",
            help="Fichier à écrire (par défaut lexique.docx, .odt, .html ou .md).",
            show_default=False,
        ),
    ] = None,
    avec_exemples: Annotated[
        bool, typer.Option("--avec-exemples", help="Ajoute les exemples.", metavar="")
    ] = False,
    mes_definitions: Annotated[
        bool, typer.Option("--mes-definitions", help="Ajoute vos propres définitions.", metavar="")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Remplace le fichier s'il existe.", metavar="")
    ] = False,
    data: DataOption = None,
) -> None:
    """Écrit l'annexe du livret 2 : lexique des concepts choisis, bibliographie des sources.

    Exemple : glossaire export --chapitre 4.2 -o annexe.docx
    """
    from glossaire.services.export import (
        Exported,
        Selection,
        default_path,
        export_annex,
        output_format_for,
    )
    from glossaire.services.style import chosen_style

    target = Path(sortie).expanduser() if sortie else None
    output_format = output_format_for(target, output_format)
    if target is not None and not target.suffix and not target.exists():
        target = target.with_name(f"{target.name}.{output_format}")  # « -o annexe »: for Word
    catalog = load_catalog(ctx, data)
    selection = Selection(tuple(concepts or ()), tuple(chapitre or ()), tout)
    path = target or default_path(output_format)
    chosen = chosen_style(style, data_option(ctx, data))

    def run(progress: Callable[[int, int], None] | None) -> Exported:
        return export_annex(
            catalog,
            selection,
            chosen,
            output_format,
            path,
            force=force,
            with_examples=avec_exemples,
            with_mine=mes_definitions,
            progress=progress,
        )

    if len(catalog.concepts) >= PROGRESS_FROM and (tout or chapitre):
        from rich.progress import Progress

        with Progress(console=error_console(), transient=True) as bar:
            task = bar.add_task("Export…", total=None)
            done = run(lambda n, total: bar.update(task, completed=n, total=total))
    else:
        done = run(None)
    say(
        f"Annexe écrite : {done.path} "
        f"({counted(done.concept_count, 'concept')}, "
        f"{counted(done.reference_count, 'référence')})."
    )
