"""Append one entry's text to a user's file: their bytes first, untouched, then ours.

The file keeps its encoding mark (UTF-8 BOM from Notepad) and its line ends (CRLF from
Windows); the new entry follows them. A file in another encoding is refused rather than
converted: converting would rewrite every byte the user owns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from glossaire.errors import GlossaireError
from glossaire.writing.atomic import write_atomic_bytes

BOM = b"\xef\xbb\xbf"


class WriteRefused(GlossaireError):
    """The write would lose or damage data, or make the data set invalid: nothing written."""


def planned_append(path: Path, entry: str, normalize: bool = True) -> tuple[bytes, str]:
    """The file's bytes after appending ``entry``, and their text as the loader will see it
    (``normalize=False`` skips the NFC pass, for callers that read only the new end).

    The user's bytes are never decoded and re-encoded: ours are added after them."""
    raw = path.read_bytes() if path.exists() else b""
    bom = BOM if raw.startswith(BOM) else b""
    try:
        body = raw[len(bom) :].decode("utf-8")  # also proves the file is UTF-8
    except UnicodeDecodeError:
        raise WriteRefused(
            f"{path} n'est pas enregistré en UTF-8 : glossaire n'y écrit pas, pour ne pas "
            "réencoder votre fichier.",
            "Ouvrez-le et réenregistrez-le en UTF-8, puis relancez la commande.",
        ) from None
    newline = "\r\n" if b"\r\n" in raw else "\n"
    addition = _separator(body, newline) + entry.replace("\n", newline)
    data = raw + addition.encode("utf-8")
    text = (body + addition).replace("\r\n", "\n") if newline == "\r\n" else body + addition
    return data, unicodedata.normalize("NFC", text) if normalize else text


def append_entry(
    path: Path, entry: str, validate: Callable[[str], None], normalize: bool = True
) -> bytes:
    """``validate`` gets the future text of the file and raises to refuse; then we write.
    Returns the bytes written (the index records their hash)."""
    data, text = planned_append(path, entry, normalize)
    validate(text)
    write_atomic_bytes(path, data)
    return data


def _separator(body: str, newline: str) -> str:
    if not body or body.isspace():
        return ""
    return newline if body.endswith("\n") else newline * 2


def current_text(path: Path) -> str:
    """The file's text as the loader reads it; a non-UTF-8 file reads as empty here and is
    refused by ``planned_append`` when it comes to writing."""
    try:
        return path.read_text("utf-8-sig") if path.exists() else ""
    except UnicodeDecodeError:
        return ""
