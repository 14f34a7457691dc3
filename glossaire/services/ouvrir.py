"""``ouvrir``: the candidate's whole lexicon as one HTML page, to open in the browser.

The page is the HTML annex (``services.export``), with the examples and « Ma définition »,
made again from the current data each time, in the cache folder (it is derived data, like
the index: nothing is lost if it is removed). From the page, the « Copier » buttons put a
citation or an entry on the clipboard with its italics, for Word or LibreOffice.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.services.export import Exported, Selection, export_annex

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice


def page_path(data_option: str | None) -> Path:
    """One page per set of data (the user's own, or a group's), in the cache folder, named
    like that set's index."""
    from glossaire.catalog.index.store import cache_dir, folders_digest, source_folders

    return cache_dir() / f"lexique-{folders_digest(source_folders(data_option))}.html"


def browser_page(catalog: Catalog, style: StyleChoice, data_option: str | None) -> Exported:
    return export_annex(
        catalog,
        Selection(everything=True),
        style,
        "html",
        page_path(data_option),
        force=True,
        with_examples=True,
        with_mine=True,
    )
