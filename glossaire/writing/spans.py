"""Where one entry's text lies in a user's file, to edit or remove that entry alone.

``retirer`` and ``modifier`` change one concept or one BibTeX entry and must leave every
other byte as the user wrote it (comments, quotes, blank lines, line ends). The loaders
give the line an entry starts on; these functions find where it ends, on the raw text,
without re-serialising anything.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NEWLINE = re.compile(rb"\r\n|\r|\n")


class Span(NamedTuple):
    start: int  # byte offset of the entry's first line
    end: int  # byte offset just past its last line (its line end included)
    first_line: int  # 1-based
    last_line: int


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    starts += [match.end() for match in _NEWLINE.finditer(data)]
    if starts[-1] == len(data):
        starts.pop()  # no line after a final line end
    return starts


def yaml_item_span(data: bytes, line: int) -> Span:
    """The list item of a concepts file that starts on ``line`` (``- id: …``): up to the
    next item at its indentation, or the end, without the blank lines and comments just
    before that next item (they introduce it)."""
    starts = _line_starts(data)
    lines = [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]
    if not 1 <= line <= len(lines):
        raise ValueError(f"line {line} is not in the file")
    first = lines[line - 1]
    indent = len(first) - len(first.lstrip(b" "))
    last = line  # 1-based, inclusive
    for number in range(line + 1, len(lines) + 1):
        text = lines[number - 1]
        stripped = text.strip()
        column = len(text) - len(text.lstrip(b" "))
        if stripped and not stripped.startswith(b"#") and column <= indent:
            break  # the next item (or whatever follows the list)
        if stripped and not stripped.startswith(b"#"):
            last = number
        elif stripped.startswith(b"#") and column > indent:
            last = number  # a comment inside the item stays with it
    end = starts[last] if last < len(starts) else len(data)
    return Span(starts[line - 1], end, line, last)


def bibtex_entry_span(data: bytes, line: int) -> Span:
    """The ``@type{key, …}`` entry that starts on ``line``: up to its closing brace (or
    parenthesis) and the rest of that line. BibTeX requires braces to balance inside
    values, so counting them is exact."""
    starts = _line_starts(data)
    if not 1 <= line <= len(starts):
        raise ValueError(f"line {line} is not in the file")
    start = starts[line - 1]
    at = data.index(b"@", start)
    opening_match = re.compile(rb"@\s*\w+\s*([{(])").match(data, at)
    if opening_match is None:
        raise ValueError(f"no BibTeX entry on line {line}")
    closing = ord("}") if opening_match.group(1) == b"{" else ord(")")
    depth = 0  # braces inside the entry's values
    position = opening_match.end(1)
    while position < len(data):
        char = data[position]
        if char == ord("{"):
            depth += 1
        elif char == ord("}") and depth > 0:
            depth -= 1
        elif char == closing and depth == 0:
            break
        position += 1
    else:
        raise ValueError(f"the entry on line {line} is not closed")
    line_end = _NEWLINE.search(data, position)
    end = line_end.end() if line_end is not None else len(data)
    last = sum(1 for offset in starts if offset < end)
    return Span(start, end, line, last)


def without_span(data: bytes, span: Span) -> bytes:
    """The file without the entry, and without one of the blank lines around it, so that
    two entries are not left glued together nor three blank lines in a row."""
    before, after = data[: span.start], data[span.end :]
    blank = re.match(rb"[ \t]*(\r\n|\r|\n)", after)
    blank_before = before == b"" or re.search(rb"(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$", before)
    if blank is not None and blank_before:
        after = after[blank.end() :]
    return before + after


def replaced_span(data: bytes, span: Span, text: bytes) -> bytes:
    return data[: span.start] + text + data[span.end :]
