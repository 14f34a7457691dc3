"""Append one entry's text to a user's file: their bytes first, untouched, then ours.

The file keeps its encoding mark (UTF-8 BOM from Notepad) and its line ends (CRLF from
Windows); the new entry follows them. A file in another encoding is refused rather than
converted: converting would rewrite every byte the user owns.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from glossaire.errors import WriteRefused
from glossaire.writing.atomic import FileState, read_for_update

BOM = b"\xef\xbb\xbf"
_NON_SPACE = re.compile(rb"\S")


class PlannedAppend(NamedTuple):
    data: bytes  # the whole file after the append
    text: str  # its text as the loader will see it
    original: bytes  # the file's bytes before (``data`` starts with them)
    state: FileState | None  # the file when they were read (None: no file yet)


def planned_append(path: Path, entry: str) -> PlannedAppend:
    """The file's bytes after appending ``entry``, and their text as the loader will see it.

    The user's bytes are never decoded and re-encoded: ours are added after them."""
    raw, state = read_for_update(path)
    bom = BOM if raw.startswith(BOM) else b""
    body = utf8_or_refuse(path, raw[len(bom) :])
    newline = _newline_of(raw)
    addition = _separator(body, newline) + entry.replace("\n", newline)
    data = raw + addition.encode("utf-8")
    text = (body + addition).replace("\r\n", "\n") if newline == "\r\n" else body + addition
    return PlannedAppend(data, unicodedata.normalize("NFC", text), raw, state)


class PlannedEnd(NamedTuple):
    """A planned append seen from its end: enough to check one new YAML item."""

    data: bytes  # the whole file after the append
    end: str  # its text from a line start near the end, with ``\n`` line ends
    lines_before: int  # how many lines come before ``end``
    original: bytes  # the file's bytes before (``data`` starts with them)
    state: FileState | None  # the file when they were read (None: no file yet)


END_WINDOW = 1 << 18  # bytes of the old file kept in ``PlannedEnd.end``


_OTHER_UNICODE_MARKS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 and UTF-32 files start so


def planned_append_end(
    path: Path, entry: str, known_utf8: bool = False, window: int | None = None
) -> PlannedEnd:
    """``planned_append`` for a caller that checks only the end of the file.

    ``known_utf8``: the index has just vouched for these very bytes (read as UTF-8 at its last
    build, unchanged since), so only the end is decoded; otherwise the whole file is, as the
    proof that it is UTF-8. A 10 MB file then costs a read, a scan and a write. ``window``:
    how many bytes of the old file ``end`` covers at least (default ``END_WINDOW``)."""
    raw, state = read_for_update(path)
    bom = BOM if raw.startswith(BOM) else b""
    if not known_utf8 or raw.startswith(_OTHER_UNICODE_MARKS):
        utf8_or_refuse(path, raw[len(bom) :])
    cut = max(len(bom), len(raw) - (END_WINDOW if window is None else window))
    if cut > len(bom):
        cut = max(len(bom), raw.rfind(b"\n", 0, cut) + 1)  # \n never ends inside a character
    old_end = utf8_or_refuse(path, raw[cut:])
    blank_before = _NON_SPACE.search(raw, len(bom), cut) is None  # no copy of 10 MB
    newline = _newline_of(raw)
    separator = (_separator if blank_before else _tail_separator)(old_end, newline)
    addition = separator + entry.replace("\n", newline)
    end = (old_end + addition).replace("\r\n", "\n")
    return PlannedEnd(raw + addition.encode("utf-8"), end, raw.count(b"\n", 0, cut), raw, state)


def _separator(body: str, newline: str) -> str:
    if not body or body.isspace():
        return ""
    return _tail_separator(body, newline)


def _tail_separator(body: str, newline: str) -> str:
    """Between a file that holds something and the new entry: end its last line if needed."""
    return newline if body.endswith("\n") else newline * 2


def utf8_or_refuse(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteRefused(
            f"{path} n'est pas enregistré en UTF-8 : glossaire n'y écrit pas, pour ne pas "
            "réencoder votre fichier.",
            "Ouvrez-le et réenregistrez-le en UTF-8, puis relancez la commande.",
        ) from None


def _newline_of(raw: bytes) -> str:
    """CRLF if the file has any (Windows), else LF; most files have no CR at all, which a
    byte search tells faster than a search for the pair."""
    return "\r\n" if b"\r" in raw and b"\r\n" in raw else "\n"


def current_text(path: Path) -> str:
    """The file's text as the loader reads it; a non-UTF-8 file reads as empty here and is
    refused by ``planned_append`` when it comes to writing."""
    try:
        return path.read_text("utf-8-sig") if path.exists() else ""
    except UnicodeDecodeError:
        return ""
