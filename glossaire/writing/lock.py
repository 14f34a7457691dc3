"""One writer at a time per data folder, across processes, on Windows, macOS and Linux.

The lock is an OS lock (``flock`` on macOS and Linux, filelock's ``msvcrt`` lock on Windows)
on a small file, ``.glossaire.lock``, in the folder itself: a group folder on a network share
is locked for every member who writes to it. The OS releases the lock when its holder dies,
even by SIGKILL, so a crashed ``add`` never blocks the next one.

A group folder is often synchronised (OneDrive, Dropbox, Nextcloud) and looked at by people
who are not programmers: the lock file must not litter it. It is hidden (a dot name, and the
« hidden » attribute on Windows) and removed when the write is done. Removing a lock file is
safe only if a waiter that then obtains the lock on the removed file notices it and tries
again on the new one: :func:`_lock_posix` checks that the file it locked is still the one the
folder holds. The file is created writable by everyone who can enter the folder (mode 0666):
in a group's shared folder, the first member to write must not lock the others out.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from glossaire.errors import GlossaireError, InvalidUsage, os_reason

LOCK_FILE = ".glossaire.lock"
DEFAULT_TIMEOUT = 15.0  # seconds: far above a normal write, short enough not to look frozen
TIMEOUT_ENV = "GLOSSAIRE_LOCK_TIMEOUT"
SHARED_MODE = 0o666
_POLL = 0.05  # seconds between two tries while another writer holds the lock


class FolderBusy(GlossaireError):
    """Another glossaire process kept the folder's lock too long."""


class LockUnavailable(GlossaireError):
    """The lock file cannot be created or opened (permissions, a folder in its place)."""


class _Timeout(Exception):
    """The lock was not obtained in time (turned into :class:`FolderBusy`)."""


@contextmanager
def folder_lock(folder: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the folder's lock for the ``with`` block; the lock file is gone afterwards."""
    if timeout is None:
        timeout = lock_timeout()
    lock_path = folder / LOCK_FILE
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        release = _acquire(lock_path, timeout)
    except _Timeout:
        raise FolderBusy(
            f"un autre glossaire écrit dans « {folder} » depuis plus de {timeout:.0f} s.",
            "Attendez qu'il ait fini, puis relancez la commande : rien n'a été modifié.",
        ) from None
    except OSError as error:
        raise LockUnavailable(*_lock_problem(folder, lock_path, error)) from None
    try:
        yield
    finally:
        release()
        if created:  # a refused first write leaves no empty folder behind
            with contextlib.suppress(OSError):
                folder.rmdir()


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


def _acquire(lock_path: Path, timeout: float) -> Callable[[], None]:
    """Take the lock, or raise :class:`_Timeout`; return what releases it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _acquire_windows(lock_path, timeout)
    return _acquire_posix(lock_path, timeout)


def _acquire_posix(lock_path: Path, timeout: float) -> Callable[[], None]:
    import fcntl

    deadline = time.monotonic() + timeout
    while True:
        descriptor = _open_shared(lock_path)
        try:
            locked = _try_flock(descriptor)
            if locked and _still_in_place(lock_path, descriptor):
                break
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)  # not ours yet, or a file its holder already removed
        if locked:
            continue  # the holder removed it as it released: take the new one at once
        if time.monotonic() >= deadline:
            raise _Timeout
        time.sleep(_POLL)

    def release() -> None:
        try:
            lock_path.unlink()  # while still held: a waiter on this file will see it gone
        except OSError:
            pass  # someone else's file now, or a read-only folder: harmless
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    return release


def _open_shared(lock_path: Path) -> int:
    """Open or create the lock file, writable by all the group (whatever the umask)."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(lock_path, flags, SHARED_MODE)
    try:
        if os.fstat(descriptor).st_uid == os.geteuid():
            os.fchmod(descriptor, SHARED_MODE)
    except OSError:
        pass  # a filesystem without modes (a FAT stick, some shares): nothing to share
    return descriptor


def _try_flock(descriptor: int) -> bool:
    import errno
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _still_in_place(lock_path: Path, descriptor: int) -> bool:
    """True if the locked file is still the folder's lock file (not removed or replaced)."""
    held = os.fstat(descriptor)
    try:
        current = os.stat(lock_path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino) and held.st_nlink > 0


def _acquire_windows(lock_path: Path, timeout: float) -> Callable[[], None]:  # pragma: no cover
    """filelock's Windows lock removes its file on release; we hide it while it exists."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise _Timeout from None
    _hide_on_windows(lock_path)
    return lambda: lock.release()


def _hide_on_windows(path: Path) -> None:  # pragma: no cover - Windows only
    """Set the « hidden » attribute, so Explorer does not show the lock file."""
    import ctypes

    hidden = 0x2
    with contextlib.suppress(AttributeError, OSError):
        ctypes.windll.kernel32.SetFileAttributesW(str(path), hidden)  # type: ignore[attr-defined]


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
