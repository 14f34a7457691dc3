"""``search``: full text over terms, definitions, contrasts, examples and notes.

Matching ignores case and accents (« reseau » finds « réseau »), and the excerpt keeps the
original text with the offsets of the match so renderers can highlight it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from glossaire.errors import GlossaireError
from glossaire.model.concept import Concept
from glossaire.services.results import SearchHit, SearchResult
from glossaire.text import folded_with_offsets, search_fold

if TYPE_CHECKING:
    from glossaire.services.catalog import Catalog

EXCERPT_CONTEXT = 70


def search(catalog: Catalog, query: str) -> SearchResult:
    needle = " ".join(search_fold(query).split())
    if not needle:
        raise GlossaireError(
            "Le texte à chercher est vide.",
            "Donnez au moins un mot, par exemple : glossaire search réseau",
        )
    candidates = getattr(catalog, "search_candidates", None)
    concepts = candidates(needle) if candidates else catalog.sorted_concepts()
    hits = [
        hit
        for concept in concepts
        for field_label, text in searchable_fields(concept)
        if (hit := _match(concept, field_label, text, needle)) is not None
    ]
    hits.sort(key=lambda hit: hit.field != "terme")  # stable: terms first, then French order
    return SearchResult(query, tuple(hits))


def searchable_fields(concept: Concept) -> Iterator[tuple[str, str]]:
    yield "terme", concept.terme
    for variant in concept.variantes:
        yield "variante", variant
    for definition in concept.definitions:
        yield "définition", definition.texte
    for contrast in concept.contrastes:
        yield "contraste", contrast.difference
    for example in concept.exemples:
        yield "exemple", example.texte
    if concept.notes:
        yield "notes", concept.notes


def _match(concept: Concept, field_label: str, text: str, needle: str) -> SearchHit | None:
    flat = " ".join(text.split())
    folded, offsets = folded_with_offsets(flat)
    position = folded.find(needle)
    if position < 0:
        return None
    start = offsets[position]
    end = offsets[position + len(needle) - 1] + 1
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
