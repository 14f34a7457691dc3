"""Open the data set for a command: the one place that chooses which catalog answers.

The index answers when it can (it is rebuilt first if a file changed); otherwise the files
are read into memory. A file that cannot be parsed at all (encoding, YAML syntax) stops every
command with its location: showing the rest would silently hide the user's entries.
Entry-level problems do not stop commands; they are counted, and ``check`` lists them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import TYPE_CHECKING

from glossaire.catalog.contract import Catalog
from glossaire.errors import DataError
from glossaire.text import counted

if TYPE_CHECKING:
    from glossaire.catalog.index.indexed import IndexedCatalog


def open_catalog(
    data_option: str | None = None, *, validate_files: bool = False, use_index: bool = True
) -> Catalog:
    """``validate_files`` (``check``): read and validate the files themselves, never the
    index, and report unreadable files instead of refusing them. ``use_index=False``: the
    files, because the index failed in the middle of a command."""
    if use_index and not validate_files:
        from glossaire.catalog.index.store import IndexUnavailable, index_enabled

        if index_enabled():
            from glossaire.catalog.index.build import open_indexed

            try:
                index = open_indexed(data_option)
            except IndexUnavailable:
                pass  # the files themselves then say what is wrong, or answer
            else:
                from glossaire.catalog.fallback import FallbackCatalog

                return FallbackCatalog(
                    index, lambda: _from_files(data_option, False), lambda: _forget(index)
                )
    return _from_files(data_option, validate_files)


def _forget(index: IndexedCatalog) -> None:
    """A damaged index is thrown away: the next command builds a new one."""
    with contextlib.suppress(sqlite3.Error):
        index.connection.close()
    if index.path is not None:
        with contextlib.suppress(OSError):
            index.path.unlink()


def _from_files(data_option: str | None, validate_files: bool) -> Catalog:
    from glossaire.catalog.memory import MemoryCatalog
    from glossaire.loading.dataset import load_dataset

    dataset = load_dataset(data_option)
    if dataset.unreadable and not validate_files:
        first = dataset.unreadable[0]
        others = len(dataset.unreadable) - 1
        hint = first.hint or ""
        if others:
            unreadable = counted(others, "autre fichier illisible", "autres fichiers illisibles")
            hint += f" ({unreadable} : lancez « glossaire check ».)"
        raise DataError(first.message, first.location.path, first.location.line, hint or None)
    return MemoryCatalog(dataset)
