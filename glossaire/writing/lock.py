"""One writer at a time per data folder, across processes, on Windows, macOS and Linux.

filelock takes an OS lock (fcntl/msvcrt) on a lock file: the OS releases it when the holder
dies, even by SIGKILL, so a crashed ``add`` never blocks the next one. The lock file itself
may stay behind, harmless and hidden.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glossaire.errors import GlossaireError

LOCK_FILE = ".glossaire.lock"
DEFAULT_TIMEOUT = 15.0  # seconds: far above a normal write, short enough not to look frozen
TIMEOUT_ENV = "GLOSSAIRE_LOCK_TIMEOUT"


class FolderBusy(GlossaireError):
    """Another glossaire process kept the folder's lock too long."""


@contextmanager
def folder_lock(folder: Path, timeout: float | None = None) -> Iterator[None]:
    from filelock import FileLock, Timeout

    if timeout is None:
        timeout = float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / LOCK_FILE), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise FolderBusy(
            f"un autre glossaire écrit dans « {folder} » depuis plus de {timeout:.0f} s.",
            "Attendez qu'il ait fini, puis relancez la commande : rien n'a été modifié.",
        ) from None
    try:
        yield
    finally:
        lock.release()
