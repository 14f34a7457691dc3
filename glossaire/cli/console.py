"""Consoles for stdout and stderr that never crash on French text and never leak escapes.

On a terminal, rich colours (it honours NO_COLOR). Piped or redirected, text output is written
plain by ``render.styled``, and rich is imported only when a console is really made.
When the stream cannot encode « » ’ œ (Windows cp1252 pipes, ``LC_ALL=C``,
``PYTHONIOENCODING=ascii``), characters are transliterated instead of raising.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import unicodedata
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

_HANDLER = "glossaire-transliterate"
PIPE_WIDTH = 10_000
_FALLBACKS = {
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "…": "...",
    "–": "-",
    "—": "-",
    "→": "->",
    "•": "*",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
}


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    replacement = []
    for char in error.object[error.start : error.end]:
        candidate = _FALLBACKS.get(char) or "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        try:
            candidate.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            candidate = "?"
        replacement.append(candidate or "?")
    return "".join(replacement), error.end


codecs.register_error(_HANDLER, _transliterate)


def make_encoding_safe(stream: TextIO) -> None:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding in ("utf-8", "utf8", "utf-16", "utf-32"):
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors=_HANDLER)


def output_console() -> Console:
    make_encoding_safe(sys.stdout)
    return _console(sys.stdout)


def say(message: str) -> None:
    """A message for the user on stdout, never read as markup: written plain when piped, and
    through rich on a terminal (which wraps it to the window)."""
    from glossaire.text import safe_for_terminal

    message = safe_for_terminal(message)  # it may quote data: a title, a file name
    if wants_styles(sys.stdout):
        output_console().print(message, markup=False, highlight=False)
    else:
        make_encoding_safe(sys.stdout)
        sys.stdout.write(message + "\n")


def error_console() -> Console:
    make_encoding_safe(sys.stderr)
    return _console(sys.stderr)


def _console(stream: TextIO) -> Console:
    from rich.console import Console

    terminal = is_terminal(stream)
    # Piped or redirected output is pasted into Word: no hard line breaks inside a paragraph,
    # so lines are as long as their paragraph.
    width = None if terminal else PIPE_WIDTH
    return Console(file=stream, highlight=False, soft_wrap=not terminal, emoji=False, width=width)


def wants_styles(stream: TextIO) -> bool:
    """Whether output to ``stream`` goes through rich: a terminal, or colours forced the way
    rich itself understands it (``FORCE_COLOR``), e.g. by a CI log or ``less -R``."""
    return is_terminal(stream) or bool(os.environ.get("FORCE_COLOR"))


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
