"""``cite``: one source's in-text citation (with its page) and its full reference."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from glossaire.errors import GlossaireError, did_you_mean
from glossaire.services.citations import (
    cached_renderings,
    items_with_namesakes,
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
    from its cache of rendered citations, without starting the CSL engine.

    The engine sees the works of the library the source could be confused with (same
    first author, same year): « (Bourdieu 1980a) » then, and the result names those works,
    since the letter holds only if they are in the candidate's bibliography too."""
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.locator import plain_page
    from glossaire.services.results import CitationResult

    page = plain_page(page)
    canonical = catalog.canonical_key(key.strip())
    cached = cached_renderings(catalog, style, output, [(canonical, page)]) if canonical else {}
    if canonical and (canonical, page) in cached and not with_csl:
        in_text, full, depends = cached[(canonical, page)]
        return CitationResult(
            canonical, style.name, page, in_text, full, {}, _works(catalog, depends)
        )
    reference = find_reference(catalog, key)
    in_text, full, depends = _rendered(catalog, reference, page, style, output)
    remember_renderings(catalog, style, output, {(reference.key, page): (in_text, full, depends)})
    return CitationResult(
        key=reference.key,
        style=style.name,
        page=page,
        in_text=in_text,
        full=full,
        csl=csl_item(reference) if with_csl else {},
        depends_on=_works(catalog, depends),
    )


def _rendered(
    catalog: Catalog, reference: Reference, page: str | None, style: StyleChoice, output: str
) -> tuple[str, str, str]:
    """(in-text, entry, keys the form depends on, comma-separated): rendered beside its
    namesakes, and alone too when it has some, to tell whether they changed anything."""
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import Cite, render

    item = csl_item(reference)
    cite = [Cite(item["id"], page)]
    items = items_with_namesakes(catalog, [reference])
    rendering = render(style, items, cite, output)
    full = dict(zip(rendering.bibliography_ids, rendering.bibliography, strict=True))[item["id"]]
    in_text, depends = rendering.citations[0], ""
    if len(items) > 1:
        alone = render(style, [item], cite, output)
        if (alone.citations[0], alone.bibliography[0]) != (in_text, full):
            depends = ",".join(other.key for other in catalog.namesakes(reference))
    return in_text, full, depends


def _works(catalog: Catalog, depends: str) -> tuple[tuple[str, str], ...]:
    """(key, title) of each work named in a rendering's ``depends``."""
    found = (catalog.reference(key) for key in depends.split(",") if key)
    return tuple((r.key, r.title) for r in found if r is not None)


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
