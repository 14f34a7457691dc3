"""``glossaire add-ref``: references from Zotero, a catalogue or Cairn (BibTeX or RIS)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glossaire.cli.console import say
from glossaire.cli.context import DataOption, data_option
from glossaire.errors import InvalidUsage
from glossaire.text import counted

if TYPE_CHECKING:
    from glossaire.services.add_ref import ImportResult


def add_ref_command(
    ctx: typer.Context,
    fichier: Annotated[
        str | None,
        typer.Argument(
            metavar="[FICHIER]",
            help="Fichier .bib ou .ris exporté ; sans fichier (ou «\u00a0-\u00a0»), "
            "le texte collé.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", "-n", help="Montre ce qui serait ajouté, sans rien écrire.", metavar=""
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Ajoute des références BibTeX ou RIS, vérifiées une à une ; toutes ou aucune.

    Exemple : glossaire add-ref export-zotero.bib
    """
    from glossaire.services.add_ref import add_references

    result = add_references(_input_text(fichier), data_option(ctx, data), dry_run)
    _report(result)


def _input_text(fichier: str | None) -> str:
    from glossaire.loading.textfile import read_text

    if fichier and fichier != "-":
        return read_text(Path(fichier).expanduser()).text
    if sys.stdin.isatty():
        # A candidate who just types « glossaire add-ref » is about to paste: wait for it.
        from glossaire.cli.console import error_console

        end = "Ctrl+Z puis Entrée" if os.name == "nt" else "Ctrl+D"
        error_console().print(
            f"Collez les références (BibTeX ou RIS), puis tapez {end} sur une ligne vide.",
            markup=False,
            highlight=False,
        )
    text = sys.stdin.read()
    if not text.strip():
        raise InvalidUsage(
            "aucune référence à ajouter : le texte collé est vide.",
            "Donnez un fichier (.bib ou .ris), ou collez le texte des références.",
        )
    return text


def _report(result: ImportResult) -> None:
    verb = "Serait ajoutée" if not result.written else "Ajoutée"
    for entry in result.entries:
        line = f"{verb} : {entry.key} — {entry.reference.title}"
        if entry.original_key:
            line += f" (clé proposée à la place de « {entry.original_key} »)"
        say(line)
        if not result.written:
            say(entry.text.strip())
    for present in result.already:
        say(f"Déjà présente : {present.label} (clé « {present.key} », {present.where})")
    count = len(result.entries)
    where = f"{result.path} ({result.file_format})"
    already = counted(len(result.already), "déjà présente", "déjà présentes")
    also = f" ; {already}" if result.already else ""
    if result.written:
        say(f"{counted(count, 'référence ajoutée', 'références ajoutées')} à {where}{also}.")
    elif not result.entries:
        say(f"Rien de nouveau : toutes ces références sont déjà dans la bibliothèque{also}.")
    else:
        say(f"Rien n'a été écrit (--dry-run) ; destination : {where}{also}.")
