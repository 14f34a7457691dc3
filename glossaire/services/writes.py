"""The one way every command writes: lock the folder, re-read everything, check, append.

Reading again under the lock is what makes concurrent writers safe: each sees the entries the
previous one wrote. The whole data set is checked with the new file text *before* the file
is replaced; a write that would add an error to ``glossaire check`` is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from glossaire.catalog.memory import Catalog
from glossaire.model.problem import Problem
from glossaire.paths import group_data_dir, user_data_dir
from glossaire.services.check import check_dataset
from glossaire.writing.append import WriteRefused, append_entry, planned_append
from glossaire.writing.lock import folder_lock


def target_folder(data_option: str | None) -> Path:
    """A group's folder when one is given, else the user's own; never the installed data."""
    return group_data_dir(data_option) or user_data_dir()


@contextmanager
def locked_catalog(folder: Path, data_option: str | None) -> Iterator[Catalog]:
    from glossaire.loading.dataset import load_dataset

    with folder_lock(folder):
        yield Catalog(load_dataset(data_option))


def append_checked(
    catalog: Catalog,
    data_option: str | None,
    path: Path,
    entry: str,
    parsed_back: Callable[[str], None],
) -> None:
    """Append ``entry`` to ``path`` if the file parses back as intended (``parsed_back``
    raises otherwise) and the data set gains no error. Call inside ``locked_catalog``."""
    from glossaire.loading.dataset import load_dataset

    before = _errors(check_dataset(catalog).problems)

    def validate(text: str) -> None:
        parsed_back(text)
        after_write = load_dataset(
            data_option, pending={path: text}, decoded=catalog.dataset.references
        )
        after = check_dataset(Catalog(after_write))
        new = [p for p in after.problems if p.severity == "erreur" and _key(p) not in before]
        if new:
            first = new[0]
            raise WriteRefused(
                f"cet ajout rendrait les données invalides : {first.message}",
                (first.hint or "") + " Rien n'a été écrit.",
            )

    append_entry(path, entry, validate)


def preview(path: Path, entry: str) -> str:
    """What the file would hold (``--dry-run``), without writing."""
    return planned_append(path, entry)[1]


def _errors(problems: tuple[Problem, ...]) -> set[tuple[str, int | None, str, str]]:
    return {_key(p) for p in problems if p.severity == "erreur"}


def _key(problem: Problem) -> tuple[str, int | None, str, str]:
    return (str(problem.location.path), problem.location.line, problem.code, problem.message)


__all__ = ["WriteRefused", "append_checked", "locked_catalog", "preview", "target_folder"]


def open_index_or_none(data_option: str | None) -> object | None:
    """The index for a write to check against and keep up to date; None to read the files."""
    from glossaire.catalog.index.store import IndexUnavailable, index_enabled

    if not index_enabled():
        return None
    from glossaire.catalog.index.build import open_indexed

    try:
        return open_indexed(data_option)
    except IndexUnavailable:
        return None
