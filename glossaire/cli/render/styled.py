"""The text renderer's own light form of a styled line, and the two ways of printing it.

Most output is piped or redirected (pasted into Word, saved to a file): there it is plain text,
written without importing rich, whose console alone costs more than a third of a ``show`` on a
warm index. On a terminal, the same lines become rich ``Text`` for colours and wrapping.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from glossaire.text import safe_for_terminal

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

TAB_SIZE = 8  # rich's
Span = tuple[str, str]  # (text, rich style); data text is cleaned before it becomes a span


class Line(NamedTuple):
    """One printed paragraph: its spans, shifted right by ``indent`` columns (every physical
    line of it, as rich's ``Padding`` does)."""

    spans: tuple[Span, ...] = ()
    indent: int = 0

    def indented(self, columns: int) -> Line:
        return self._replace(indent=columns)

    def plus(self, *spans: Span) -> Line:
        return self._replace(spans=self.spans + spans)

    @property
    def plain(self) -> str:
        return "".join(text for text, _style in self.spans)


def line(*parts: Span | str | Line) -> Line:
    """A line from spans, lines (their spans) and bare strings (unstyled text)."""
    spans: list[Span] = []
    for part in parts:
        if isinstance(part, Line):
            spans.extend(part.spans)
        elif isinstance(part, str):
            spans.append((part, ""))
        else:
            spans.append(part)
    return Line(tuple(spans))


def write_plain(lines: Iterable[Line], stream: TextIO) -> None:
    """Write lines without styles, as rich would without colours: control characters dropped
    (whatever span they came in), tabs expanded. A blank physical line gets no indent: no
    trailing spaces end up in the user's document."""
    for item in lines:
        margin = " " * item.indent
        for physical in safe_for_terminal(item.plain).split("\n"):
            physical = physical.expandtabs(TAB_SIZE)
            stream.write(f"{margin}{physical}\n" if physical else "\n")


def print_rich(renderables: Iterable[Line | Any], console: Console) -> None:
    for renderable in renderables:
        console.print(to_rich(renderable) if isinstance(renderable, Line) else renderable)


def _without_tabs(spans: tuple[Span, ...]) -> list[Span]:
    """Cleaned spans, tabs expanded as ``str.expandtabs`` would on the whole line: rich
    counts a tab as one cell, then cuts the end of the line it has expanded."""
    cleaned = [(safe_for_terminal(part), style) for part, style in spans]
    if not any("\t" in part for part, _style in cleaned):
        return cleaned
    column = 0
    result = []
    for part, style in cleaned:
        pieces = []
        for char in part:
            if char == "\t":
                spaces = TAB_SIZE - column % TAB_SIZE
                pieces.append(" " * spaces)
                column += spaces
            else:
                pieces.append(char)
                column = 0 if char == "\n" else column + 1
        result.append(("".join(pieces), style))
    return result


def to_rich(item: Line) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text

    text = Text.assemble(*_without_tabs(item.spans))
    if not item.indent:
        return text
    # expand=False: lines are not padded to the full width (no trailing spaces when pasted).
    return Padding(text, (0, 0, 0, item.indent), expand=False)
