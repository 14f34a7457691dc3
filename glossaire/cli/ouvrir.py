"""``glossaire ouvrir``: the lexicon in the browser, with « Copier » buttons for Word."""

from __future__ import annotations

from typing import Annotated

import typer

from glossaire.cli.console import say
from glossaire.cli.context import DataOption, StyleOption, data_option, load_catalog


def ouvrir_command(
    ctx: typer.Context,
    style: StyleOption = None,
    no_browser: Annotated[
        bool,
        typer.Option(
            "--sans-navigateur",
            help="Prépare la page et donne son chemin, sans ouvrir le navigateur.",
            metavar="",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Ouvre tout le lexique dans votre navigateur, avec une recherche et des boutons « Copier ».

    « Copier » met une citation ou une référence dans le presse-papiers, avec son italique.

    Collez-la dans Word ou LibreOffice. La page est refaite à chaque fois avec vos données.

    Exemple : glossaire ouvrir
    """
    from glossaire.services.ouvrir import browser_page
    from glossaire.services.style import chosen_style

    chosen = data_option(ctx, data)
    page = browser_page(load_catalog(ctx, data), chosen_style(style, chosen), chosen)
    if no_browser:
        say(f"La page est prête : {page.path}")
        return
    import webbrowser

    if webbrowser.open(page.path.resolve().as_uri()):
        say(f"Le lexique s'ouvre dans votre navigateur ({page.path}).")
    else:
        say(f"Aucun navigateur n'a pu être ouvert : ouvrez ce fichier vous-même : {page.path}")
