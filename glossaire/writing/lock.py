"""One writer at a time per data folder, across processes, on Windows, macOS and Linux.

filelock takes an OS lock (fcntl/msvcrt) on a lock file: the OS releases it when the holder
dies, even by SIGKILL, so a crashed ``add`` never blocks the next one. The lock file itself
may stay behind, harmless and hidden. It is created writable by everyone who can enter the
folder (mode 0666): in a group's shared folder, the first member to write must not lock the
others out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glossaire.errors import GlossaireError, InvalidUsage, os_reason

LOCK_FILE = ".glossaire.lock"
DEFAULT_TIMEOUT = 15.0  # seconds: far above a normal write, short enough not to look frozen
TIMEOUT_ENV = "GLOSSAIRE_LOCK_TIMEOUT"
SHARED_MODE = 0o666


class FolderBusy(GlossaireError):
    """Another glossaire process kept the folder's lock too long."""


class LockUnavailable(GlossaireError):
    """The lock file cannot be created or opened (permissions, a folder in its place)."""


@contextmanager
def folder_lock(folder: Path, timeout: float | None = None) -> Iterator[None]:
    from filelock import FileLock, Timeout

    if timeout is None:
        timeout = lock_timeout()
    lock_path = folder / LOCK_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path), timeout=timeout, mode=SHARED_MODE)
        lock.acquire()
    except Timeout:
        raise FolderBusy(
            f"un autre glossaire écrit dans « {folder} » depuis plus de {timeout:.0f} s.",
            "Attendez qu'il ait fini, puis relancez la commande : rien n'a été modifié.",
        ) from None
    except OSError as error:
        raise LockUnavailable(*_lock_problem(folder, lock_path, error)) from None
    try:
        yield
    finally:
        lock.release()


def lock_timeout() -> float:
    value = os.environ.get(TIMEOUT_ENV) or ""
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value.replace(",", "."))
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 1e6:
        raise InvalidUsage(
            f"{TIMEOUT_ENV} vaut « {value} », qui n'est pas un nombre de secondes.",
            f"Donnez un nombre, par exemple {TIMEOUT_ENV}=30, ou retirez cette variable.",
        )
    return seconds


def _lock_problem(folder: Path, lock_path: Path, error: OSError) -> tuple[str, str]:
    """What is wrong, in French, and what to do."""
    if lock_path.is_dir():
        return (
            f"« {lock_path} » est un dossier : glossaire ne peut pas y poser son verrou.",
            "Supprimez ce dossier (il ne contient rien d'utile), puis relancez la commande. "
            "Rien n'a été modifié.",
        )
    if os.access(folder, os.W_OK) and lock_path.exists() and not os.access(lock_path, os.W_OK):
        return (
            f"le verrou « {lock_path} » a été créé par une autre personne, sans droit "
            "d'écriture pour vous (une ancienne version de glossaire).",
            "Supprimez ce fichier (il ne contient rien ; glossaire le recrée partagé), "
            "puis relancez la commande. Rien n'a été modifié.",
        )
    if not os.access(folder, os.W_OK) or isinstance(error, PermissionError):
        target = lock_path if lock_path.exists() else folder
        return (
            f"glossaire n'a pas le droit d'écrire dans « {target} » : le dossier est en "
            "lecture seule pour vous.",
            "Demandez à la personne qui gère ce dossier de vous donner le droit d'y écrire "
            "(ou d'ajouter les entrées elle-même). Rien n'a été modifié.",
        )
    return (
        f"le verrou « {lock_path} » ne peut pas être pris ({os_reason(error)}).",
        "Vérifiez que le dossier est accessible, puis relancez la commande. "
        "Rien n'a été modifié.",
    )
