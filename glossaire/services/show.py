"""``show``: the card of one concept, with its citations rendered in the chosen style."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossaire.citation.styles import StyleChoice
from glossaire.model.concept import Concept
from glossaire.services.citations import in_text_citations
from glossaire.services.results import (
    ConceptCard,
    NamedContrast,
    SourcedDefinition,
    SourcedExample,
    TypologyNode,
)

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog

Citations = dict[tuple[str, str | None], str]


def concept_card(catalog: Catalog, query: str, style: StyleChoice) -> ConceptCard:
    concept = catalog.find(query)
    return build_card(catalog, concept, citations_of(catalog, [concept], style))


def build_card(catalog: Catalog, concept: Concept, citations: Citations) -> ConceptCard:
    """``citations``: the in-text citation of each (source, page) of the card, pre-rendered."""
    return ConceptCard(
        concept=concept,
        parent_term=catalog.term_of(concept.parent) if concept.parent else None,
        definitions=tuple(
            SourcedDefinition(
                definition,
                _citation(citations, definition.source, definition.page),
                definition.source is None or catalog.has_reference(definition.source),
            )
            for definition in concept.definitions
        ),
        contrasts=tuple(
            NamedContrast(contrast, catalog.term_of(contrast.avec))
            for contrast in concept.contrastes
        ),
        examples=tuple(
            SourcedExample(example, _citation(citations, example.source, None))
            for example in concept.exemples
        ),
        see_also=tuple((other, catalog.term_of(other)) for other in concept.voir_aussi),
        typology=_typology(catalog, concept.id, seen={concept.id}),
        my_definition=catalog.facts.personal_definition(concept.id),
        **_provenance(catalog, concept),
    )


def _provenance(catalog: Catalog, concept: Concept) -> dict[str, tuple[str, ...]]:
    """Where the card's chapter numbers and domains come from, as the référentiel says:
    « d'après le journal d'atelier », a filing that is a deduction. Shown, not hidden."""
    referential = catalog.facts.referential
    if referential is None:
        return {}
    return {
        "chapters_source": referential.chapter_sources(concept.chapitres),
        "domains_attachment": referential.attachments(concept.domaines),
    }


def citations_of(catalog: Catalog, concepts: list[Concept], style: StyleChoice) -> Citations:
    cites = [(cited.source, cited.page) for concept in concepts for cited in concept.cited()]
    return in_text_citations(catalog, cites, style)


def _citation(citations: Citations, key: str | None, page: str | None) -> str | None:
    """The rendered citation; an unknown key shows as itself (``check`` reports it)."""
    if key is None:
        return None
    return citations.get((key, page), f"({key})")


def _typology(catalog: Catalog, concept_id: str, seen: set[str]) -> tuple[TypologyNode, ...]:
    """The subtree below ``concept_id``; ``seen`` stops a parent cycle (``check`` reports it)."""
    nodes = []
    for child in catalog.children_of(concept_id):
        if child.id in seen:
            continue
        subtree = _typology(catalog, child.id, seen | {child.id})
        nodes.append(TypologyNode(child.id, child.terme, subtree))
    return tuple(nodes)
