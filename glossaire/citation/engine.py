"""Render citations and bibliographies with citeproc-py, in French, text/HTML/Markdown.

The one place that talks to the CSL engine. Every engine failure (a style it cannot
handle, a malformed .csl) becomes a French error, never a traceback.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from glossaire.citation import engine_fixes
from glossaire.citation.styles import PRESETS, StyleChoice
from glossaire.errors import GlossaireError

LOCALE = "fr-FR"  # always passed explicitly: the styles' default locale may be English


@dataclass(frozen=True, slots=True)
class Cite:
    key: str  # CSL item id (lower-case: citeproc-py lower-cases ids)
    page: str | None = None


@dataclass(frozen=True, slots=True)
class Rendering:
    citations: tuple[str, ...]  # one per Cite, each rendered as its own citation
    bibliography: tuple[str, ...]  # sorted as the style says
    bibliography_ids: tuple[str, ...]


class StyleUnusable(GlossaireError):
    """The CSL engine could not apply the style."""


def render(
    style: StyleChoice, items: list[dict[str, Any]], cites: list[Cite], output: str = "text"
) -> Rendering:
    """Register every item (as citeproc-js does), render each cite alone, then the sorted
    bibliography. ``items`` must already be escaped for ``output`` (see ``csl_json``)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    engine_fixes.apply()
    as_html = output == "html"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # « parse-names unsupported » and the like
            bibliography = CitationStylesBibliography(
                _style(str(style.path)), CiteProcJSON(items), _formatter(output)
            )
            for item in items:
                bibliography.register(Citation([CitationItem(item["id"])]))
            citations = []
            for cite in cites:
                extra = {}
                if cite.page:
                    extra["locator"] = Locator("page", page_range(cite.page))
                citation = Citation([CitationItem(cite.key.lower(), **extra)])
                bibliography.register(citation)
                citations.append(str(bibliography.cite(citation, _ignore_missing)))
            bibliography.sort()
            entries = [str(entry) for entry in bibliography.bibliography()]
            ids = [str(key) for key in bibliography.keys]
    except GlossaireError:
        raise
    except Exception as error:  # the engine's own exceptions are not a stable API
        raise StyleUnusable(
            f"le moteur de citation ne sait pas appliquer le style « {style.name} » "
            f"({type(error).__name__}).",
            f"Choisissez un autre style, par exemple l'un des styles prédéfinis : "
            f"{', '.join(PRESETS)}.",
        ) from error
    # URL and DOI are printed as given: the output fixes must leave them alone.
    verbatim = [str(item[name]) for item in items for name in ("URL", "DOI") if item.get(name)]
    return Rendering(
        tuple(engine_fixes.polish(text, as_html, verbatim) for text in citations),
        tuple(engine_fixes.polish(text, as_html, verbatim) for text in entries),
        tuple(ids),
    )


def page_range(page: str) -> str:
    """« 111-113 » → the locale's range form: fr-FR joins pages with a non-breaking hyphen."""
    return re.sub(r"\s*[-\u2010-\u2014]+\s*", _range_delimiter(), page.strip())


@lru_cache(maxsize=8)
def _style(path: str) -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(path, locale=LOCALE, validate=False)


@lru_cache(maxsize=1)
def _range_delimiter() -> str:
    import citeproc

    locale = Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{LOCALE}.xml"
    match = re.search(
        r'<term name="page-range-delimiter">([^<]*)</term>', locale.read_text("utf-8")
    )
    return html.unescape(match.group(1)) if match else "\u2013"


def _formatter(output: str) -> Any:
    from citeproc import formatter

    if output == "html":
        return formatter.html
    if output == "markdown":
        return _MarkdownFormatter
    return formatter.plain


class _MarkdownFormatter:
    """citeproc-py formatter writing *italics* and **bold**; other markup is dropped."""

    @staticmethod
    def preformat(text: str) -> str:
        return text

    @staticmethod
    def Italic(text: str) -> str:
        return f"*{text}*" if text else text

    Oblique = Italic

    @staticmethod
    def Bold(text: str) -> str:
        return f"**{text}**" if text else text

    Light = Underline = Superscript = Subscript = SmallCaps = str


def _ignore_missing(citation_item: Any) -> None:
    """Unknown keys are refused before rendering; the engine's callback has nothing to add."""
    return None
