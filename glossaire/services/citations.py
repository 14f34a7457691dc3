"""``cite``, ``biblio`` and the sources on cards: references → the CSL engine, in one style."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from glossaire.citation.csl_json import csl_item
from glossaire.citation.engine import Cite, render
from glossaire.citation.styles import StyleChoice
from glossaire.errors import GlossaireError
from glossaire.model.reference import Reference
from glossaire.services.results import BibliographyResult, CitationResult

if TYPE_CHECKING:
    from glossaire.services.catalog import Catalog


class ReferenceNotFound(GlossaireError):
    """A BibTeX key no file holds; the closest keys are suggested."""


def cite(
    catalog: Catalog, key: str, page: str | None, style: StyleChoice, output: str = "text"
) -> CitationResult:
    reference = find_reference(catalog, key)
    item = csl_item(reference, _escape_for(output))
    rendering = render(style, [item], [Cite(item["id"], page)], output)
    return CitationResult(
        key=reference.key,
        style=style.name,
        page=page,
        in_text=rendering.citations[0],
        full=rendering.bibliography[0],
        csl=csl_item(reference),
    )


def bibliography(
    catalog: Catalog, references: Iterable[Reference], style: StyleChoice, output: str = "text"
) -> BibliographyResult:
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
    """(key, page) → « (Dhume 2001, p. 111) », all rendered in one engine run."""
    references = {key: catalog.reference(key) for key, _ in cites}
    known = {key: ref for key, ref in references.items() if ref is not None}
    if not known:
        return {}
    items = {ref.key: csl_item(ref) for ref in known.values()}
    wanted = [(key, page) for key, page in dict.fromkeys(cites) if key in known]
    rendering = render(
        style,
        list(items.values()),
        [Cite(known[key].key.lower(), page) for key, page in wanted],
    )
    return dict(zip(wanted, rendering.citations, strict=True))


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
