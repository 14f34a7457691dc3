"""Citation-engine HTML → runs of text with their emphasis, for formats that are not HTML.

The engine writes titles in <i>; Word and LibreOffice need italic *runs*, not asterisks.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False
    superscript: bool = False


def runs_from_html(fragment: str) -> tuple[Run, ...]:
    parser = _RunParser()
    parser.feed(fragment)
    parser.close()
    return tuple(_merged(parser.runs))


def plain(runs: tuple[Run, ...]) -> str:
    return "".join(run.text for run in runs)


class _RunParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = dict(attrs).get("style") or ""
        if tag == "span" and "font-style:normal" in style.replace(" ", ""):
            self.stack.append("roman")
        else:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        italic = False
        for tag in self.stack:  # innermost wins: <i>…<span normal>…</span></i>
            if tag in {"i", "em"}:
                italic = True
            elif tag == "roman":
                italic = False
        self.runs.append(
            Run(data, italic, "b" in self.stack or "strong" in self.stack, "sup" in self.stack)
        )


def _merged(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].italic, merged[-1].bold, merged[-1].superscript) == (
            run.italic,
            run.bold,
            run.superscript,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.italic, run.bold, run.superscript)
        elif run.text:
            merged.append(run)
    return merged
