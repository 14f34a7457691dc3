"""``list``: the concepts in French dictionary order, optionally for a chapter or a domain."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from glossaire.errors import InvalidUsage
from glossaire.model.concept import Concept
from glossaire.services.results import ConceptListing

if TYPE_CHECKING:
    from glossaire.catalog.memory import Catalog


def list_concepts(
    catalog: Catalog, chapter: str | None = None, domain: str | None = None
) -> ConceptListing:
    whole = getattr(catalog, "whole_listing", None)  # the index: the listing kept ready
    if whole is not None and not chapter and not domain:
        return whole()  # type: ignore[no-any-return]
    light = getattr(catalog, "listing_concepts", None)  # the index: no whole entries loaded
    concepts = light() if light is not None else catalog.sorted_concepts()
    if chapter:
        concepts = [c for c in concepts if serves_chapter(c, chapter)]
    if domain:
        code = known_domain(catalog, domain)
        concepts = [c for c in concepts if code in c.domaines]
    return ConceptListing(tuple(concepts), chapter, domain.strip().upper() if domain else None)


def listing_record(concept: Concept) -> dict[str, Any]:
    """A listed concept for tools: its id, term, chapters and domains, keys as in the YAML."""
    return {
        "id": concept.id,
        "terme": concept.terme,
        "chapitres": list(concept.chapitres),
        "domaines": list(concept.domaines),
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def encoded_listing_record(concept: Concept) -> str:
    """``listing_record`` as one line of JSON. The index stores it ready-made at build time
    (``encoded``), so listing 10 000 concepts costs no encoding at all."""
    return getattr(concept, "encoded", None) or _ENCODE(listing_record(concept))


def serves_chapter(concept: Concept, chapter: str) -> bool:
    """Chapter « 4.1 » is also served by concepts filed under its sub-chapters (4.1.2, 4.1.3)."""
    wanted = chapter.strip().rstrip(".")
    return any(ch == wanted or ch.startswith(wanted + ".") for ch in concept.chapitres)


def known_domain(catalog: Catalog, domain: str) -> str:
    """The code as the referential spells it; an unknown code is a usage error, not « none »."""
    codes = catalog.dataset.referential.domain_codes if catalog.dataset.referential else ()
    for code in codes:
        if code.upper() == domain.strip().upper():
            return code
    known = ", ".join(codes) if codes else "aucun (pas de fichier referentiel.yaml)"
    raise InvalidUsage(
        f"le domaine « {domain} » n'existe pas dans le référentiel.",
        f"Domaines connus : {known}.",
    )
