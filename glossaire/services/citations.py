"""``cite``, ``biblio`` and the sources on cards: references → the CSL engine, in one style."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from glossaire.errors import GlossaireError

if TYPE_CHECKING:
    from glossaire.citation.styles import StyleChoice
    from glossaire.model.reference import Reference
    from glossaire.services.catalog import Catalog
    from glossaire.services.results import BibliographyResult, CitationResult


IN_TEXT_ONLY = "in-text"  # cache slot of citations rendered for cards, without the entry


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

    canonical = _canonical(catalog, key.strip())
    cached = _cached(catalog, style, output, [(canonical, page)]) if canonical else {}
    if canonical and (canonical, page) in cached and not with_csl:
        in_text, full = cached[(canonical, page)]
        return CitationResult(canonical, style.name, page, in_text, full, {})
    reference = find_reference(catalog, key)
    item = csl_item(reference, _escape_for(output))
    rendering = render(style, [item], [Cite(item["id"], page)], output)
    in_text, full = rendering.citations[0], rendering.bibliography[0]
    _remember(catalog, style, output, {(reference.key, page): (in_text, full)})
    return CitationResult(
        key=reference.key,
        style=style.name,
        page=page,
        in_text=in_text,
        full=full,
        csl=csl_item(reference) if with_csl else {},
    )


def bibliography(
    catalog: Catalog, references: Iterable[Reference], style: StyleChoice, output: str = "text"
) -> BibliographyResult:
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import render
    from glossaire.services.results import BibliographyResult

    unique = {reference.key: reference for reference in references}
    items = [csl_item(reference, _escape_for(output)) for reference in unique.values()]
    rendering = render(style, items, [], output) if items else None
    by_id = {reference.key.lower(): reference.key for reference in unique.values()}
    return BibliographyResult(
        style=style.name,
        entries=rendering.bibliography if rendering else (),
        keys=tuple(by_id[i] for i in rendering.bibliography_ids) if rendering else (),
    )


def sources_of(catalog: Catalog, concept_ids: Iterable[str]) -> list[Reference]:
    """The references cited by these concepts (definitions and examples), each once."""
    found: dict[str, Reference] = {}
    for concept_id in concept_ids:
        concept = catalog.concepts[concept_id]
        for item in (*concept.definitions, *concept.exemples):
            reference = catalog.reference(item.source) if item.source else None
            if reference is not None:
                found.setdefault(reference.key, reference)
    return list(found.values())


def in_text_citations(
    catalog: Catalog, cites: list[tuple[str, str | None]], style: StyleChoice
) -> dict[tuple[str, str | None], str]:
    """(key, page) → « (Dhume 2001, p. 111) », all rendered in one engine run; a warm index
    serves the ones it has already rendered."""
    unique = list(dict.fromkeys(cites))
    canonical = {key: _canonical(catalog, key) for key, _ in unique}
    asked = [(canonical[key], page) for key, page in unique if canonical[key]]
    cached = _cached(catalog, style, IN_TEXT_ONLY, asked)
    found = {
        (key, page): cached[(canonical[key], page)][0]
        for key, page in unique
        if canonical[key] and (canonical[key], page) in cached
    }
    missing = [(key, page) for key, page in unique if canonical[key] and (key, page) not in found]
    references = {key: catalog.reference(key) for key, _ in missing}
    known = {key: ref for key, ref in references.items() if ref is not None}
    if not known:
        return found
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import Cite, render

    items = {ref.key: csl_item(ref) for ref in known.values()}
    wanted = [(key, page) for key, page in missing if key in known]
    rendering = render(
        style,
        list(items.values()),
        [Cite(known[key].key.lower(), page) for key, page in wanted],
    )
    rendered = dict(zip(wanted, rendering.citations, strict=True))
    _remember(
        catalog,
        style,
        IN_TEXT_ONLY,
        {(known[key].key, page): (text, "") for (key, page), text in rendered.items()},
    )
    return {**found, **rendered}


def _canonical(catalog: Catalog, key: str) -> str | None:
    canonical = getattr(catalog, "canonical_key", None)
    if canonical is not None:
        return canonical(key)
    reference = catalog.reference(key)
    return reference.key if reference else None


def _style_id(style: StyleChoice) -> str:
    """A rendered citation stays valid while the .csl file and the engine are the same."""
    from glossaire import __version__

    info = style.path.stat()
    return f"{style.path}|{info.st_size}|{info.st_mtime_ns}|{__version__}"


def _cached(
    catalog: Catalog, style: StyleChoice, output: str, cites: list[tuple[str, str | None]]
) -> dict[tuple[str, str | None], tuple[str, str]]:
    lookup = getattr(catalog, "cached_citations", None)
    if lookup is None or not cites:
        return {}
    found = lookup(_style_id(style), output, [(k, p or "") for k, p in cites])
    return {(key, page or None): texts for (key, page), texts in found.items()}


def _remember(
    catalog: Catalog,
    style: StyleChoice,
    output: str,
    rendered: dict[tuple[str, str | None], tuple[str, str]],
) -> None:
    store = getattr(catalog, "remember_citations", None)
    if store is not None and rendered:
        store(_style_id(style), output, {(k, p or ""): v for (k, p), v in rendered.items()})


def find_reference(catalog: Catalog, key: str) -> Reference:
    reference = catalog.reference(key.strip())
    if reference is not None:
        return reference
    keys = list(catalog.references)
    close = difflib.get_close_matches(key.strip().lower(), keys, n=3, cutoff=0.6)
    hint = (
        f"Voulez-vous dire : {', '.join(close)} ?"
        if close
        else "Les clés sont celles des fichiers .bib ; « glossaire biblio --tout » les liste."
    )
    raise ReferenceNotFound(f"aucune référence n'a la clé « {key} ».", hint)


def _escape_for(output: str) -> Any:
    if output == "html":
        return html_escape
    if output == "markdown":
        from glossaire.text import markdown_escape

        return markdown_escape
    return None


def html_escape(text: str) -> str:
    """As citeproc-js escapes data, so that both engines give the same HTML."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
