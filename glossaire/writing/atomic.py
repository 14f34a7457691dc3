"""Replace a file's content all at once: readers see the old file or the new, never half.

A temp file in the same folder (same file system, so the rename is atomic), flushed and
fsync'ed, then ``os.replace`` over the target, which is atomic on POSIX and Windows alike.
The target's permissions are kept: a group file shared read-only stays so.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def write_atomic_bytes(path: Path, data: bytes) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(path.parent)


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
