"""Build the concept card (``show``) and the side-by-side comparison (``compare``)."""

from __future__ import annotations

from glossaire.model.concept import Concept
from glossaire.services.catalog import Catalog
from glossaire.services.results import (
    Comparison,
    ConceptCard,
    NamedContrast,
    SourcedDefinition,
    SourcedExample,
    TypologyNode,
)
from glossaire.services.sources import in_text_citation


def concept_card(catalog: Catalog, query: str) -> ConceptCard:
    return build_card(catalog, catalog.find(query))


def build_card(catalog: Catalog, concept: Concept) -> ConceptCard:
    return ConceptCard(
        concept=concept,
        parent_term=catalog.term_of(concept.parent) if concept.parent else None,
        definitions=tuple(
            SourcedDefinition(
                definition,
                _citation(catalog, definition.source, definition.page),
                definition.source is None or catalog.reference(definition.source) is not None,
            )
            for definition in concept.definitions
        ),
        contrasts=tuple(
            NamedContrast(contrast, catalog.term_of(contrast.avec))
            for contrast in concept.contrastes
        ),
        examples=tuple(
            SourcedExample(example, _citation(catalog, example.source, None))
            for example in concept.exemples
        ),
        see_also=tuple((other, catalog.term_of(other)) for other in concept.voir_aussi),
        typology=_typology(catalog, concept.id, seen={concept.id}),
    )


def compare_concepts(catalog: Catalog, first_query: str, second_query: str) -> Comparison:
    first = build_card(catalog, catalog.find(first_query))
    second = build_card(catalog, catalog.find(second_query))
    stated = [c for c in first.contrasts if c.contrast.avec == second.concept.id]
    stated += [c for c in second.contrasts if c.contrast.avec == first.concept.id]
    return Comparison(first, second, tuple(stated))


def _citation(catalog: Catalog, key: str | None, page: str | None) -> str | None:
    if key is None:
        return None
    return in_text_citation(catalog.reference(key), key, page)


def _typology(catalog: Catalog, concept_id: str, seen: set[str]) -> tuple[TypologyNode, ...]:
    """The subtree below ``concept_id``; ``seen`` stops a parent cycle (``check`` reports it)."""
    nodes = []
    for child in catalog.children_of(concept_id):
        if child.id in seen:
            continue
        subtree = _typology(catalog, child.id, seen | {child.id})
        nodes.append(TypologyNode(child.id, child.terme, subtree))
    return tuple(nodes)
