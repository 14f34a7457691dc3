"""``list``: the concepts in French dictionary order, optionally those serving one chapter."""

from __future__ import annotations

from glossaire.services.catalog import Catalog
from glossaire.services.results import ConceptListing


def list_concepts(catalog: Catalog, chapter: str | None = None) -> ConceptListing:
    """Chapter « 4.1 » also lists concepts filed under its sub-chapters (4.1.2, 4.1.3)."""
    concepts = catalog.sorted_concepts()
    if chapter:
        wanted = chapter.strip().rstrip(".")
        concepts = [
            c
            for c in concepts
            if any(ch == wanted or ch.startswith(wanted + ".") for ch in c.chapitres)
        ]
    return ConceptListing(tuple(concepts), chapter)
