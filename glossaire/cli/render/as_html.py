"""HTML for citations: opened in a browser or pasted into Word, italics and accents survive.

The engine writes the entries (data escaped, titles in <i>); this only wraps them in a small
complete page, UTF-8 declared, so that Word and browsers read the accents right.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import singledispatch
from html import escape
from typing import Any

from glossaire.cli.render.typography import depends_note
from glossaire.services.results import BibliographyResult, CitationResult

_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{title}</title>
</head>
<body>
{body}
</body>
</html>
"""


def render(result: Any) -> str:
    title, lines = _render(result)
    return _PAGE.format(title=escape(title), body="\n".join(lines))


@singledispatch
def _render(result: Any) -> tuple[str, Iterator[str]]:
    raise TypeError(f"no HTML form for {type(result).__name__}")


@_render.register
def _citation(result: CitationResult) -> tuple[str, Iterator[str]]:
    lines = [
        f"<p><b>Dans le texte :</b> {result.in_text.strip()}</p>",
        f"<p><b>Référence :</b> {result.full.strip()}</p>",
    ]
    if result.depends_on:
        lines.append(f"<p><i>{escape(depends_note(result), quote=False)}</i></p>")
    return f"Citation de {result.key}", iter(lines)


@_render.register
def _bibliography(result: BibliographyResult) -> tuple[str, Iterator[str]]:
    if not result.entries:
        return "Bibliographie", iter(["<p>Aucune source à citer.</p>"])
    return "Bibliographie", (f"<p>{entry.strip()}</p>" for entry in result.entries)
