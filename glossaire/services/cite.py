"""``cite``: one source's in-text citation (with its page) and its full reference."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from glossaire.errors import GlossaireError, did_you_mean
from glossaire.services.citations import (
    cached_renderings,
    remember_renderings,
)

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice
    from glossaire.model.reference import Reference
    from glossaire.services.results import CitationResult


class ReferenceNotFound(GlossaireError):
    """A BibTeX key no file holds; the closest keys are suggested."""


def cite(
    catalog: Catalog,
    key: str,
    page: str | None,
    style: StyleChoice,
    output: str = "text",
    with_csl: bool = True,
) -> CitationResult:
    """``with_csl`` adds the CSL-JSON item (JSON output); without it, a warm index answers
    from its cache of rendered citations, without starting the CSL engine."""
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import Cite, render
    from glossaire.services.results import CitationResult

    canonical = catalog.canonical_key(key.strip())
    cached = cached_renderings(catalog, style, output, [(canonical, page)]) if canonical else {}
    if canonical and (canonical, page) in cached and not with_csl:
        in_text, full = cached[(canonical, page)]
        return CitationResult(canonical, style.name, page, in_text, full, {})
    reference = find_reference(catalog, key)
    item = csl_item(reference)
    rendering = render(style, [item], [Cite(item["id"], page)], output)
    in_text, full = rendering.citations[0], rendering.bibliography[0]
    remember_renderings(catalog, style, output, {(reference.key, page): (in_text, full)})
    return CitationResult(
        key=reference.key,
        style=style.name,
        page=page,
        in_text=in_text,
        full=full,
        csl=csl_item(reference) if with_csl else {},
    )


def find_reference(catalog: Catalog, key: str) -> Reference:
    reference = catalog.reference(key.strip())
    if reference is not None:
        return reference
    keys = list(catalog.references)
    close = difflib.get_close_matches(key.strip().lower(), keys, n=3, cutoff=0.6)
    hint = (
        did_you_mean(close)
        if close
        else "Les clés sont celles des fichiers .bib ; « glossaire biblio --tout » les liste."
    )
    raise ReferenceNotFound(f"aucune référence n'a la clé « {key} ».", hint)
