"""References → the CSL engine, in one style: what ``show``, ``cite``, ``biblio`` and ``export``
share (in-text citations, a bibliography, the catalog's cache of renderings)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice
    from glossaire.model.reference import Reference
    from glossaire.services.results import BibliographyResult


IN_TEXT_ONLY = "in-text"  # cache slot of citations rendered for cards, without the entry


def bibliography(
    catalog: Catalog, references: Iterable[Reference], style: StyleChoice, output: str = "text"
) -> BibliographyResult:
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import render
    from glossaire.services.results import BibliographyResult

    unique = {reference.key: reference for reference in references}
    items = [csl_item(reference) for reference in unique.values()]
    rendering = render(style, items, [], output) if items else None
    by_id = {reference.key.lower(): reference.key for reference in unique.values()}
    return BibliographyResult(
        style=style.name,
        entries=rendering.bibliography if rendering else (),
        keys=tuple(by_id[i] for i in rendering.bibliography_ids) if rendering else (),
    )


def in_text_citations(
    catalog: Catalog, cites: list[tuple[str, str | None]], style: StyleChoice
) -> dict[tuple[str, str | None], str]:
    """(key, page) → « (Dhume 2001, p. 111) », all rendered in one engine run, beside the
    works they could be confused with (``Catalog.namesakes``), so that a card says
    « 1980a » as ``cite`` does; a warm index serves the ones it has already rendered."""
    unique = list(dict.fromkeys(cites))
    canonical = {key: catalog.canonical_key(key) for key, _ in unique}
    asked = [(found_key, page) for key, page in unique if (found_key := canonical[key])]
    cached = cached_renderings(catalog, style, IN_TEXT_ONLY, asked)
    found = {
        (key, page): cached[(found_key, page)][0]
        for key, page in unique
        if (found_key := canonical[key]) and (found_key, page) in cached
    }
    missing = [(key, page) for key, page in unique if canonical[key] and (key, page) not in found]
    references = {key: catalog.reference(key) for key, _ in missing}
    known = {key: ref for key, ref in references.items() if ref is not None}
    if not known:
        return found
    from glossaire.citation.engine import Cite, render

    wanted = [(key, page) for key, page in missing if key in known]
    rendering = render(
        style,
        items_with_namesakes(catalog, list(known.values())),
        [Cite(known[key].key.lower(), page) for key, page in wanted],
    )
    rendered = dict(zip(wanted, rendering.citations, strict=True))
    remember_renderings(
        catalog,
        style,
        IN_TEXT_ONLY,
        {(known[key].key, page): (text, "", "") for (key, page), text in rendered.items()},
    )
    return {**found, **rendered}


def items_with_namesakes(catalog: Catalog, references: list[Reference]) -> list[dict[str, Any]]:
    """The CSL items of these references, then of the other works of the library they
    could be confused with: the engine disambiguates against the library (a letter holds
    only if both works are in the dossier: ``cite`` says so)."""
    from glossaire.citation.csl_json import csl_item

    chosen = {reference.key: reference for reference in references}
    for reference in references:
        for other in catalog.namesakes(reference):
            chosen.setdefault(other.key, other)
    return [csl_item(reference) for reference in chosen.values()]


def style_id(style: StyleChoice) -> str:
    """A rendered citation stays valid while the .csl file and the engine are the same."""
    from glossaire import __version__

    info = style.path.stat()
    return f"{style.path}|{info.st_size}|{info.st_mtime_ns}|{__version__}"


def cached_renderings(
    catalog: Catalog, style: StyleChoice, output: str, cites: list[tuple[str, str | None]]
) -> dict[tuple[str, str | None], tuple[str, str, str]]:
    if not cites:
        return {}
    found = catalog.cached_citations(style_id(style), output, [(k, p or "") for k, p in cites])
    return {(key, page or None): texts for (key, page), texts in found.items()}


def remember_renderings(
    catalog: Catalog,
    style: StyleChoice,
    output: str,
    rendered: dict[tuple[str, str | None], tuple[str, str, str]],
) -> None:
    if rendered:
        catalog.remember_citations(
            style_id(style), output, {(k, p or ""): v for (k, p), v in rendered.items()}
        )
