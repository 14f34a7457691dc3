"""Read a user's text file whatever their editor did to it.

Users write on Windows (BOM, CRLF, Windows-1252), macOS (NFD accents) and Linux. We decode to
one canonical form (str, NFC, ``\\n`` line ends) so that parsers and lookups never see the
difference, and we say so when we had to guess the encoding instead of silently garbling text.
"""

from __future__ import annotations

import codecs
import stat
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import NamedTuple

from glossaire.errors import DataError, os_reason

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodedText(NamedTuple):
    text: str
    encoding: str
    warning: str | None = None


MAX_BYTES = 64 * 1024 * 1024  # far above any real library (10 000 entries: about 10 MB)


_SUBSTITUTES: ContextVar[Mapping[Path, bytes] | None] = ContextVar("substitutes", default=None)


@contextmanager
def substituted(contents: Mapping[Path, bytes]) -> Iterator[None]:
    """Within the block, reading one of these files returns the given bytes instead.

    A whole-file edit (``modifier``, ``retirer``) is checked *before* it is written by
    loading the data with the edited bytes in place: the same loader and rules as a real
    run, without a temporary copy of the user's folder."""
    token = _SUBSTITUTES.set({path.absolute(): data for path, data in contents.items()})
    try:
        yield
    finally:
        _SUBSTITUTES.reset(token)


def read_text(path: Path) -> DecodedText:
    """Return the file's text, NFC-normalised with ``\\n`` line ends. Only an ordinary file
    is read, and only up to ``MAX_BYTES``: a pipe or a device (``/dev/zero``) given by
    mistake must get an answer, never an endless read."""
    substitutes = _SUBSTITUTES.get()
    substitute = substitutes.get(path.absolute()) if substitutes else None
    if substitute is not None:
        return decode(substitute, path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # before opening: a pipe blocks on open
            raise DataError(
                "ce n'est pas un fichier ordinaire (un périphérique, un tube ?).",
                path,
                hint="Donnez le chemin d'un fichier enregistré sur le disque.",
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except PermissionError as exc:
        raise DataError(
            "lecture impossible : accès refusé.", path, hint="Vérifiez les droits du fichier."
        ) from exc
    except OSError as exc:
        raise DataError(
            f"lecture impossible ({os_reason(exc)}).",
            path,
            hint="Vérifiez que le fichier existe et n'est pas ouvert ailleurs.",
        ) from exc
    if len(raw) > MAX_BYTES:
        raise DataError(
            f"le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo : ce n'est sans doute pas "
            "un fichier de glossaire.",
            path,
            hint="Vérifiez le chemin ; un grand export se découpe en plusieurs fichiers.",
        )
    return decode(raw, path)


def decode(raw: bytes, path: Path) -> DecodedText:
    text, encoding, warning = _decode_bytes(raw, path)
    if "\x00" in text:
        raise DataError(
            "ce fichier contient des octets nuls : ce n'est pas un fichier texte.",
            path,
            hint="Exportez-le de nouveau en texte (UTF-8) depuis votre éditeur.",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(unicodedata.normalize("NFC", text), encoding, warning)


def _decode_bytes(raw: bytes, path: Path) -> tuple[str, str, str | None]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec, None
            except UnicodeDecodeError as exc:
                raise _undecodable(path, raw, exc.start) from exc
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _undecodable(path, raw, utf8_error.start) from utf8_error
        warning = (
            f"{path} n'est pas enregistré en UTF-8 ; il a été lu comme Windows-1252 (Latin-1)."
        )
        return text, "cp1252", warning


def _undecodable(path: Path, raw: bytes, offset: int) -> DataError:
    line = raw.count(b"\n", 0, offset) + 1
    return DataError(
        "ce fichier n'est ni en UTF-8 ni en Windows-1252 : son encodage est inconnu.",
        path,
        line,
        hint="Ouvrez-le dans votre éditeur et enregistrez-le en « UTF-8 ».",
    )
