"""``compare``: two concepts side by side, with the contrasts stated between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossaire.services.results import Comparison
from glossaire.services.show import build_card, citations_of

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice


def compare_concepts(
    catalog: Catalog, first_query: str, second_query: str, style: StyleChoice
) -> Comparison:
    concepts = [catalog.find(first_query), catalog.find(second_query)]
    citations = citations_of(catalog, concepts, style)
    first, second = (build_card(catalog, concept, citations) for concept in concepts)
    stated = [c for c in first.contrasts if c.contrast.avec == second.concept.id]
    stated += [c for c in second.contrasts if c.contrast.avec == first.concept.id]
    return Comparison(first, second, tuple(stated))
