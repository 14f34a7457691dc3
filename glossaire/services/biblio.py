"""``biblio``: the bibliography of some concepts' sources, or of every source."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from glossaire.services.citations import bibliography

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice
    from glossaire.model.reference import Reference
    from glossaire.services.results import BibliographyResult


def biblio(
    catalog: Catalog,
    queries: Iterable[str],
    style: StyleChoice,
    output: str = "text",
    everything: bool = False,
) -> BibliographyResult:
    """Every source with ``everything`` or no concept named; else those the concepts cite."""
    wanted = list(queries)
    if everything or not wanted:
        references = list(catalog.references.values())
    else:
        references = sources_of(catalog, [catalog.find(query).id for query in wanted])
    return bibliography(catalog, references, style, output)


def sources_of(catalog: Catalog, concept_ids: Iterable[str]) -> list[Reference]:
    """The references cited by these concepts (definitions and examples), each once."""
    found: dict[str, Reference] = {}
    for concept_id in concept_ids:
        concept = catalog.concepts[concept_id]
        for cited in concept.cited():
            reference = catalog.reference(cited.source)
            if reference is not None:
                found.setdefault(reference.key, reference)
    return list(found.values())
