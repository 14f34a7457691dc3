"""Pandoc's document tree (JSON) of a rendered citation → text, HTML or Markdown.

The engine has decided every word, mark and space; this only spells its markup, in the
forms citeproc-js (Zotero) writes: ``<i>``, ``<b>``, small capitals as a style attribute,
data escaped as ``&#38;``. A link is written as its text, the URL or DOI exactly as given
(escaped like all data in Markdown, which renders back to the same characters).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from glossaire.text import NBSP, markdown_escape

Inline = dict[str, Any]
Block = dict[str, Any]

# fr-FR quotes, as the locale's terms print them (citeproc-js writes the terms themselves).
_QUOTES = {"DoubleQuote": (f"«{NBSP}", f"{NBSP}»"), "SingleQuote": ("“", "”")}


def write_inlines(inlines: list[Inline], output: str) -> str:
    return _WRITERS[output].inlines(inlines)


def write_blocks(blocks: list[Block], output: str) -> str:
    """A bibliography entry: its paragraphs (or a numeric style's label and text), on one line."""
    return _WRITERS[output].blocks(blocks)


def html_escape(text: str) -> str:
    """As citeproc-js escapes data, so that both engines give the same HTML."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


class _Writer:
    """One output's spelling: how text is escaped and how each kind of mark is written.
    ``in_links`` writes the text of a link (a URL, a DOI), which is never rewritten."""

    def __init__(
        self,
        escape: Callable[[str], str],
        marks: dict[str, tuple[str, str]],
        in_links: _Writer | None = None,
    ) -> None:
        self.escape, self.marks = escape, marks
        self.in_links = in_links or self

    def blocks(self, blocks: list[Block]) -> str:
        return " ".join(part for part in map(self.block, blocks) if part)

    def block(self, block: Block) -> str:
        kind, content = block["t"], block.get("c", [])
        if kind in {"Para", "Plain"}:
            return self.inlines(content)
        if kind == "Div":
            return self.blocks(content[1])
        if kind == "LineBlock":
            return " ".join(map(self.inlines, content))
        return ""

    def inlines(self, inlines: list[Inline]) -> str:
        return "".join(map(self.inline, inlines))

    def inline(self, inline: Inline) -> str:
        kind, content = inline["t"], inline.get("c", [])
        if kind == "Str":
            return self.escape(content)
        if kind in {"Space", "SoftBreak", "LineBreak"}:
            return " "
        if kind == "Quoted":
            opening, closing = _QUOTES[content[0]["t"]]
            return f"{self.escape(opening)}{self.inlines(content[1])}{self.escape(closing)}"
        if kind == "Link":
            return self.in_links.inlines(content[1])
        if kind in {"Span", "Cite", "Image"}:
            return self.inlines(content[1])
        if kind == "Note":
            return self.blocks(content)
        if kind in {"Code", "Math", "RawInline"}:
            return self.escape(content[1])
        inner = self.inlines(content) if isinstance(content, list) else ""
        if kind in self.marks and inner:
            opening, closing = self.marks[kind]
            return f"{opening}{inner}{closing}"
        return inner


def _superscripts_as_tags(text: str) -> str:
    """Escaped, and a superscript letter (the locale's « nᵒ », a « 2ᵉ » in a title) as
    ``<sup>o</sup>``, which is how citeproc-js writes them in HTML and how Word shows them."""
    escaped = html_escape(text)
    if escaped.isascii():
        return escaped
    superscript = _superscripts()
    return "".join(
        f"<sup>{superscript[char]}</sup>" if char in superscript else char for char in escaped
    )


# The blocks of the BMP where Unicode defines characters as ``<super>`` of another: scanning
# them is a millisecond; scanning the whole BMP took 20 ms of every ``relire`` and ``export``.
_SUPERSCRIPT_BLOCKS = (
    (0x00AA, 0x00BB), (0x02B0, 0x0300), (0x10A0, 0x1100), (0x1D2C, 0x1DC0), (0x2070, 0x20A0),
    (0x2120, 0x2123), (0x2C7C, 0x2C7E), (0x2D6F, 0x2D70), (0x3190, 0x31A0), (0xA69C, 0xA69E),
    (0xA770, 0xA771), (0xA7F0, 0xA800), (0xAB5C, 0xAB70),
)  # fmt: skip


@cache
def _superscripts() -> dict[str, str]:
    """Every character that Unicode defines as ``<super>`` of others (ᵉ → e, ² → 2,
    º → o, ™ → TM)."""
    import unicodedata

    found = {}
    for start, end in _SUPERSCRIPT_BLOCKS:
        for code in range(start, end):
            decomposition = unicodedata.decomposition(chr(code))
            if decomposition.startswith("<super> "):
                parts = decomposition.split()[1:]
                found[chr(code)] = "".join(chr(int(part, 16)) for part in parts)
    return found


_HTML_MARKS = {
    "Emph": ("<i>", "</i>"),
    "Strong": ("<b>", "</b>"),
    "Superscript": ("<sup>", "</sup>"),
    "Subscript": ("<sub>", "</sub>"),
    "SmallCaps": ('<span style="font-variant:small-caps;">', "</span>"),
    "Underline": ('<span style="text-decoration:underline;">', "</span>"),
}
_WRITERS = {
    "text": _Writer(str, {}),
    "html": _Writer(_superscripts_as_tags, _HTML_MARKS, _Writer(html_escape, _HTML_MARKS)),
    "markdown": _Writer(markdown_escape, {"Emph": ("*", "*"), "Strong": ("**", "**")}),
}
