"""Open the data set for a command: load every layer, refuse unreadable files.

A file that cannot be parsed at all (encoding, YAML syntax) stops every command with its
location: showing the rest would silently hide the user's entries. Entry-level problems do
not stop reading commands; they are counted, and ``check`` lists them.
"""

from __future__ import annotations

from glossaire.catalog.memory import Catalog
from glossaire.errors import DataError


def open_catalog(data_option: str | None = None, *, strict: bool = True) -> Catalog:
    """Read commands go through the index when it can serve them; ``check`` (not strict)
    always reads and validates the files themselves."""
    if strict:
        from glossaire.catalog.index.store import IndexUnavailable, index_enabled

        if index_enabled():
            from glossaire.catalog.index.build import open_indexed

            try:
                return open_indexed(data_option)  # type: ignore[return-value]
            except IndexUnavailable:
                pass
    from glossaire.loading.dataset import load_dataset

    dataset = load_dataset(data_option)
    if strict and dataset.unreadable:
        first = dataset.unreadable[0]
        others = len(dataset.unreadable) - 1
        hint = first.hint or ""
        if others:
            hint += f" ({others} autre(s) fichier(s) illisible(s) : lancez « glossaire check ».)"
        raise DataError(first.message, first.location.path, first.location.line, hint or None)
    return Catalog(dataset)
