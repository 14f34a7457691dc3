"""The one way every command writes a user's file: ``add``, ``add-ref``, ``define``, ``style``.

1. lock the folder (one writer at a time, across processes);
2. open the catalog under the lock: what another writer changed since is read again (the
   index is rebuilt when a file changed; without it, the files are read);
3. plan the bytes: the user's bytes untouched, the new entry appended, and the new entries
   parsed back from those very bytes (``Plan``);
4. check them with the one registry (``services.check``): their ids and keys against the
   catalog, then every rule with the entries staged in the catalog;
5. write atomically (temp file, fsync, rename), then tell the catalog, so the next read is
   warm. ``--dry-run`` does all but this step, so it says exactly what the real run would.

Any refusal leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossaire.catalog.contract import CatalogUnavailable, StagedEntries
from glossaire.errors import WriteRefused
from glossaire.paths import group_data_dir, user_data_dir
from glossaire.text import counted
from glossaire.writing.atomic import FileState, write_atomic_bytes
from glossaire.writing.lock import folder_lock

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.model.problem import Problem


class Plan(NamedTuple):
    path: Path
    data: bytes  # the whole file after the write
    entries: StagedEntries = StagedEntries()  # what it adds, parsed back from ``data``
    problems: tuple[Problem, ...] = ()  # what reading the new entries back found wrong
    first_new_line: int = 0  # where the new entries start in ``data`` (0: unknown)
    # The bytes the plan was made from (b"": no file yet); the write is refused if the file
    # no longer holds them when it comes to writing (a hand edit saved meanwhile).
    original: bytes | None = None
    original_state: FileState | None = None  # the file when ``original`` was read
    warnings: tuple[Problem, ...] = ()  # what the rules say of the new entries, not blocking


Planner = Callable[["Catalog"], Plan]


def target_folder(data_option: str | None) -> Path:
    """A group's folder when one is given, else the user's own; never the installed data."""
    return group_data_dir(data_option) or user_data_dir()


def write_planned(
    folder: Path, data_option: str | None, planner: Planner, *, dry_run: bool = False
) -> Plan:
    """Steps 1 to 5 above for the file ``planner`` plans in ``folder``."""
    from glossaire.catalog.opening import open_catalog

    with folder_lock(folder):
        try:
            return _checked_write(open_catalog(data_option), planner, dry_run)
        except CatalogUnavailable:  # the index failed mid-write: the files answer instead
            return _checked_write(open_catalog(data_option, use_index=False), planner, dry_run)


def _checked_write(catalog: Catalog, planner: Planner, dry_run: bool) -> Plan:
    """Steps 3 to 5, under the lock."""
    from glossaire.services.check import new_entry_problems, taken_names

    plan = planner(catalog)
    refuse_if_any([p for p in plan.problems if p.severity == "erreur"], plan)
    refuse_if_any(taken_names(catalog, plan.entries), plan)
    catalog.stage(plan.entries)
    try:
        found = new_entry_problems(catalog, plan.entries)
        refuse_if_any([p for p in found if p.severity == "erreur"], plan)
        plan = plan._replace(warnings=tuple(p for p in found if p.severity != "erreur"))
        if not dry_run:
            write_atomic_bytes(plan.path, plan.data, plan.original, plan.original_state)
            catalog.commit_staged(plan.path, plan.data)
    finally:
        catalog.discard_staged()
    return plan


def write_settings(folder: Path, planner: Callable[[], Plan]) -> Plan:
    """Steps 1, 3 and 5 for a settings file, which no catalog reads: the planner checks it."""
    with folder_lock(folder):
        plan = planner()
        refuse_if_any(list(plan.problems), plan)
        write_atomic_bytes(plan.path, plan.data, plan.original)
    return plan


def others_count(count: int) -> str:
    """« 1 autre problème », « 3 autres problèmes »: after the first one a refusal names."""
    return counted(count, "autre problème", "autres problèmes")


def refuse_if_any(problems: list[Problem], plan: Plan) -> None:
    """The first problem, said in French; where it is, unless it is in the new entry itself
    (a line of a file that was never written would only puzzle the user)."""
    if not problems:
        return
    first = problems[0]
    line = first.location.line or 0
    in_new_entry = first.location.path == plan.path and line >= (plan.first_new_line or 1)
    where = "" if in_new_entry else f"{first.location} : "
    others = f" ({others_count(len(problems) - 1)}.)" if len(problems) > 1 else ""
    raise WriteRefused(
        f"cet ajout rendrait les données invalides : {where}{first.message}",
        (first.hint or "") + others + " Rien n'a été écrit.",
    )


__all__ = ["Plan", "WriteRefused", "refuse_if_any", "target_folder", "write_planned"]
