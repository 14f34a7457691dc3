"""Text helpers shared by every layer: folding for comparison, French ordering, safe display.

Pure functions on ``str``; nothing here knows about concepts or files.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# C0 controls but tab and newline, DEL, and C1 controls: an ESC from the data must never reach
# the terminal (it could recolour, retitle or hide the output).
# Bidirectional overrides too (U+202A-U+202E, U+2066-U+2069): they reorder what follows on
# the line, so a title could make a file name or a command read backwards.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_ANSI_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def fold(text: str) -> str:
    """Casefolded, without accents or ligatures: « Œuvre » and « oeuvre » compare equal.

    Built from whole-string operations: an index build folds the text of a whole library
    (10 MB for 10 000 concepts), and a Python loop over its characters took seconds.
    """
    # casefold already turns ß into ss and Œ, Æ into œ, æ
    folded = text.casefold().replace("œ", "oe").replace("æ", "ae")
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return _NON_ASCII.sub(_without_mark, decomposed).replace("œ", "oe").replace("æ", "ae")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MARK_OR_CHAR: dict[str, str] = {}


def _without_mark(match: re.Match[str]) -> str:
    """A combining mark (an accent once NFKD has split it off) becomes nothing."""
    char = match.group()
    kept = _MARK_OR_CHAR.get(char)
    if kept is None:
        kept = _MARK_OR_CHAR[char] = "" if unicodedata.combining(char) else char
    return kept


def lookup_key(text: str) -> str:
    """What a term is matched on: no case, accents, apostrophes, hyphens or spaces."""
    return _NOT_ALNUM.sub("", fold(text))


def slugify(text: str) -> str:
    """The id a user most likely meant: « Territoire d'action » → territoire-d-action."""
    return _NOT_ALNUM.sub("-", fold(text)).strip("-")


def french_sort_key(text: str) -> tuple[str, str, str]:
    """Dictionary order for French: é sorts with e, œ with oe, case and accents break ties."""
    base = " ".join(_NOT_ALNUM.sub(" ", fold(text)).split())
    return (base, text.casefold(), text)


# What no document format can hold: C0 controls but tab and newline, DEL, C1 controls, the
# non-characters U+FFFE/U+FFFF and lone surrogates. Word's Shift+Enter pastes as a vertical
# tab (U+000B) and a page break as a form feed (U+000C): those two are line breaks.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """Text a Word, LibreOffice or HTML document can hold: line breaks kept, the rest dropped."""
    return _NOT_PRINTABLE.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def safe_for_terminal(text: str) -> str:
    """Remove escape sequences and control characters that data must never send to a terminal."""
    return _CONTROL.sub("", _ANSI_SEQUENCE.sub("", text))


_WORD_JOINERS = str.maketrans({c: " " for c in "-‐‑‒–—'’ʼ‘_/"})


def search_fold(text: str) -> str:
    """``fold`` where hyphens and apostrophes separate words: « contre-don » ~ « contre don »."""
    return fold(text).translate(_WORD_JOINERS)


def source_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` whose characters fold into ``search_fold(text)[start:end]``.

    Lets an accent-insensitive search highlight the right span of the original text.
    Folding works character by character (casefold, NFKD and the ligatures all do), so the
    folded lengths of the characters, added up, say where each folded position comes from.
    """
    if text.isascii():
        return start, end  # one folded character per character
    lengths = _FOLDED_LENGTHS
    folded = 0
    first = 0
    for index, char in enumerate(text):
        size = lengths.get(char)
        if size is None:
            size = lengths[char] = len(search_fold(char))
        if folded <= start < folded + size:
            first = index
        folded += size
        if folded >= end:
            return first, index + 1
    raise ValueError(f"folded span {start}:{end} is beyond the text")


_FOLDED_LENGTHS: dict[str, int] = {}


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+\.)(\s)", re.M)


def markdown_escape(text: str) -> str:
    """Make data text literal in Markdown: no emphasis, links, HTML or headings from data."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", safe_for_terminal(text))
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), escaped)


NBSP = "\u00a0"  # Word's own non-breaking space, so pasted text keeps it


def guillemets(text: str) -> str:
    """« text », with the non-breaking spaces French typography requires."""
    return f"«{NBSP}{text.strip()}{NBSP}»"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """« 1 concept », « 2 concepts », « 0 référence »: French puts 0 and 1 in the singular."""
    word = singular if abs(count) < 2 else (plural or singular + "s")
    return f"{count} {word}"


def sentence_case(text: str) -> str:
    """The first letter in capital: a message written to follow « Erreur : » used alone."""
    return text[:1].upper() + text[1:]
