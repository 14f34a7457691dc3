"""``search``: full text over terms, definitions, contrasts, examples and notes.

Matching ignores case and accents (« reseau » finds « réseau »), and the excerpt keeps the
original text with the offsets of the match so renderers can highlight it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossaire.catalog.matching import search_needle, searchable_fields
from glossaire.errors import GlossaireError
from glossaire.model.concept import Concept
from glossaire.services.results import SearchHit, SearchResult
from glossaire.text import search_fold, source_span

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog

EXCERPT_CONTEXT = 70


DEFAULT_LIMIT = 50  # concepts shown; a 10 000-concept library must not print a book


def search(catalog: Catalog, query: str, limit: int | None = DEFAULT_LIMIT) -> SearchResult:
    """Hits in the first ``limit`` matching concepts (those whose term matches come first),
    and the number of matching concepts, so the user can narrow the search or ask for all."""
    needle = search_needle(query)
    if not needle:
        raise GlossaireError(
            "Le texte à chercher est vide.",
            "Donnez au moins un mot, par exemple : glossaire search réseau",
        )
    concepts, total = catalog.search_candidates(needle, limit)
    hits = [
        hit
        for concept in concepts
        for field_label, text in searchable_fields(concept)
        if (hit := _match(concept, field_label, text, needle)) is not None
    ]
    hits.sort(key=lambda hit: hit.field != "terme")  # stable: terms first, then French order
    return SearchResult(query, tuple(hits), total, len(concepts))


def _match(concept: Concept, field_label: str, text: str, needle: str) -> SearchHit | None:
    flat = " ".join(text.split())
    position = search_fold(flat).find(needle)
    if position < 0:
        return None
    start, end = source_span(flat, position, position + len(needle))
    excerpt, shift = _excerpt(flat, start, end)
    return SearchHit(concept.id, concept.terme, field_label, excerpt, start - shift, end - shift)


def _excerpt(text: str, start: int, end: int) -> tuple[str, int]:
    """The match with some context, cut at word boundaries, and how far the text shifted."""
    left = max(0, start - EXCERPT_CONTEXT)
    right = min(len(text), end + EXCERPT_CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    prefix = "… " if left > 0 else ""
    suffix = " …" if right < len(text) else ""
    return prefix + text[left:right] + suffix, left - len(prefix)
