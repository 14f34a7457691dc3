"""Replace a file's content all at once: readers see the old file or the new, never half.

A temp file in the target's folder (same file system, so the rename is atomic), flushed and
fsync'ed, then ``os.replace`` over the target, which is atomic on POSIX and Windows alike.

What the user set up around the file is kept:
- a data file that is a link (a group's synced folder) is written through the link, to its
  target, which stays the one real file;
- the target's permissions, group, owner (when allowed) and extended attributes (POSIX
  ACLs of a shared folder live there) are copied to the new file before the rename;
- a file owned by someone else (a member adding to the facilitator's file) is appended to
  in place instead: a rename would make the member its owner and drop the facilitator's
  ACLs for good, while an append under the folder lock only adds bytes after theirs.

And nothing is written over a change made since the caller read the file (``original``):
an editor that saved meanwhile keeps its bytes.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from glossaire.errors import WriteRefused, os_reason
from glossaire.writing.written import WRITTEN


class FileState(NamedTuple):
    """A file as it was read: the same inode, mtime and size mean the same bytes (as git and
    the index trust), so a large file need not be read again to know it is unchanged."""

    inode: int
    mtime_ns: int
    size: int
    read_ns: int  # when it was read: a recent mtime may hide a change (coarse clocks)


RACY_NS = 2_000_000_000  # FAT and SMB keep mtimes to 2 s


def read_for_update(path: Path) -> tuple[bytes, FileState | None]:
    """The file's bytes and its state at that read (None: no file yet)."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return b"", None
    return data, FileState(info.st_ino, info.st_mtime_ns, info.st_size, time.time_ns())


class FileChanged(WriteRefused):
    """The file changed between the read that planned the write and the write."""


def write_atomic_bytes(
    path: Path, data: bytes, original: bytes | None = None, state: FileState | None = None
) -> None:
    """``data`` into ``path``. ``original``: the bytes the caller planned from (``b""`` for a
    file that did not exist); when given, the file must still hold exactly them. ``state``:
    the file's state when they were read, which spares reading it again when unchanged."""
    target = real_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)

        def still_as_planned() -> None:  # as late as possible: right before the switch
            if original is not None:
                _refuse_if_changed(path, target, original, state)

        info = target.stat() if target.exists() else None
        appended = original is not None and data.startswith(original)
        if info is not None and original is not None and appended and _owned_by_another(info):
            still_as_planned()
            _append_in_place(target, data[len(original) :])
        else:
            _replace(target, data, info, still_as_planned)
        WRITTEN.append(path)
    except OSError as error:  # disk full, read-only folder, a name too long…
        raise WriteRefused(
            f"« {path} » n'a pas pu être écrit : {os_reason(error)}.",
            _what_to_do(error) + " Le fichier est resté tel qu'il était.",
        ) from None


def _what_to_do(error: OSError) -> str:
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "Libérez de la place sur le disque, puis relancez la commande."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "Vérifiez que vous avez le droit d'écrire dans ce dossier."
    return "Vérifiez le chemin et le disque, puis relancez la commande."


def real_target(path: Path) -> Path:
    """The file a link leads to (links of links included); ``path`` itself otherwise."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=False)
    except (RuntimeError, OSError):  # a loop of links
        raise WriteRefused(
            f"« {path} » est un lien qui revient sur lui-même : il ne mène à aucun fichier.",
            "Remplacez le lien par le fichier lui-même, ou faites-le pointer vers le bon "
            "fichier ; rien n'a été écrit.",
        ) from None
    if not target.parent.is_dir():  # a synced folder not there (yet): never create it
        raise WriteRefused(
            f"« {path} » est un lien vers « {target} », dont le dossier n'existe pas (un "
            "dossier synchronisé absent ?).",
            "Rebranchez ou resynchronisez ce dossier, ou refaites le lien ; rien n'a été écrit.",
        )
    return target


def _refuse_if_changed(
    path: Path, target: Path, original: bytes, state: FileState | None = None
) -> None:
    if state is not None and state.size == len(original):
        try:
            info = target.stat()
        except FileNotFoundError:
            info = None
        same = info is not None and (info.st_ino, info.st_mtime_ns, info.st_size) == state[:3]
        if same and state.mtime_ns < state.read_ns - RACY_NS:
            return  # the very file that was read, untouched since (as git trusts its index)
    current = target.read_bytes() if target.exists() else b""
    if current != original:
        raise FileChanged(
            f"« {path} » a été modifié pendant que glossaire y écrivait (un éditeur l'a "
            "peut-être enregistré) : vos modifications ont été gardées telles quelles.",
            "Relancez la commande : elle partira du fichier tel qu'il est maintenant. "
            "Rien n'a été écrit.",
        )


def _owned_by_another(info: os.stat_result) -> bool:
    """A file we could not give back to its owner after a rename (only root can)."""
    geteuid = getattr(os, "geteuid", None)  # Windows: ownership is not ours to keep
    return geteuid is not None and geteuid() != 0 and info.st_uid != geteuid()


def _append_in_place(target: Path, addition: bytes) -> None:
    """Only after the bytes the plan read: a failed write is cut back to them."""
    with target.open("r+b") as handle:
        end = handle.seek(0, os.SEEK_END)
        try:
            handle.write(addition)
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            with contextlib.suppress(OSError):
                handle.truncate(end)
            raise


def _replace(
    target: Path, data: bytes, info: os.stat_result | None, check: Callable[[], None]
) -> None:
    """The new file is written, synced and given its metadata first; ``check`` then runs
    just before the rename, so that an editor saving meanwhile is seen (the window left is
    the rename itself)."""
    import tempfile

    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        _copy_metadata(info, target, temp_name)
        check()
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):  # the rename is done: some mounts cannot sync a folder
        _fsync_folder(target.parent)


def _copy_metadata(info: os.stat_result | None, source: Path, temp_name: str) -> None:
    """Permissions, then group and owner where the system allows, then extended attributes
    (POSIX ACLs included). Times are not copied: the file did change."""
    if info is None:
        os.chmod(temp_name, _new_file_mode())
        return
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # a group we are not in, an owner we are not
            os.chown(temp_name, info.st_uid, info.st_gid)
    os.chmod(temp_name, stat.S_IMODE(info.st_mode))  # after chown, which may clear set-id bits
    _copy_extended_attributes(source, temp_name)


def _copy_extended_attributes(source: Path, temp_name: str) -> None:
    listxattr = getattr(os, "listxattr", None)  # Linux; macOS keeps ACLs through rename
    if listxattr is None:
        return
    try:
        names = listxattr(source)
    except OSError:
        return  # a file system without extended attributes
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(temp_name, name, os.getxattr(source, name))


def _new_file_mode() -> int:
    """What ``open()`` would give a new file (0666 minus the umask); mkstemp's 0600 would
    hide the user's own new file from the rest of their group."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
