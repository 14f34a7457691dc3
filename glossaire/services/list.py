"""``list``: the concepts in French dictionary order, optionally for a chapter or a domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossaire.errors import InvalidUsage
from glossaire.services.results import ConceptListing

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog


def list_concepts(
    catalog: Catalog, chapter: str | None = None, domain: str | None = None
) -> ConceptListing:
    """The listing's rows only: whole entries are never loaded, whatever the catalog."""
    concepts = catalog.listed_concepts()
    if chapter:
        concepts = concepts.keep(serves_chapter(codes, chapter) for codes in concepts.chapters)
    if domain:
        code = known_domain(catalog, domain)
        concepts = concepts.keep(code in codes for codes in concepts.domains)
    return ConceptListing(concepts, chapter, domain.strip().upper() if domain else None)


def serves_chapter(chapters: tuple[str, ...], chapter: str) -> bool:
    """Chapter « 4.1 » is also served by concepts filed under its sub-chapters (4.1.2, 4.1.3)."""
    wanted = chapter.strip().rstrip(".")
    return any(ch == wanted or ch.startswith(wanted + ".") for ch in chapters)


def known_domain(catalog: Catalog, domain: str) -> str:
    """The code as the referential spells it; an unknown code is a usage error, not « none »."""
    referential = catalog.facts.referential
    codes = referential.domain_codes if referential else ()
    for code in codes:
        if code.upper() == domain.strip().upper():
            return code
    known = ", ".join(codes) if codes else "aucun (pas de fichier referentiel.yaml)"
    raise InvalidUsage(
        f"le domaine « {domain} » n'existe pas dans le référentiel.",
        f"Domaines connus : {known}.",
    )
