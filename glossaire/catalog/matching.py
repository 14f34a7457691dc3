"""How a user's words meet the concepts: lookup keys, plurals, suggestions, searchable text.

Pure functions, shared by both catalogs (the index stores what they compute; the memory
catalog computes it on the fly), so the two can never match differently.

A term is matched on its ``lookup_key``: case, accents, apostrophe kind, hyphens, spaces and
Unicode form do not matter. Ids, terms and ``variantes`` are all keys. A French plural (-s,
-x, -aux) is tried when nothing matches as typed. When nothing matches at all, the closest
terms are offered. Search folds text with ``search_fold`` (hyphens and apostrophes separate
words) and looks for the needle in every searchable field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from glossaire.errors import AmbiguousConcept
from glossaire.model.concept import Concept
from glossaire.text import french_sort_key, lookup_key, search_fold


def lookup_keys(concept: Concept) -> set[str]:
    """Every key the concept answers to: its id, its term and its variants."""
    return {
        key for name in (concept.id, concept.terme, *concept.variantes) if (key := lookup_key(name))
    }


def candidate_keys(query: str) -> list[str]:
    """The keys to try for ``query``, in order: as typed, then its likely singulars."""
    key = lookup_key(query)
    return [key, *singular_forms(key)]


def singular_forms(key: str) -> list[str]:
    """Likely singulars of a French plural: réseaux → réseau, partenariats → partenariat,
    territoriaux → territorial."""
    forms = []
    if key.endswith("aux") and len(key) > 4:
        forms.append(key[:-3] + "al")
    if key.endswith(("s", "x")) and len(key) > 2:
        forms.append(key[:-1])
    return forms


def choose_concept(query: str, matches: list[Concept]) -> Concept:
    """The concept meant among those sharing a key: the only one, or the one whose id or
    term is exactly what was typed; else the user must choose."""
    if len(matches) == 1:
        return matches[0]
    key = lookup_key(query)
    exact = [c for c in matches if lookup_key(c.terme) == key or lookup_key(c.id) == key]
    if len(exact) == 1:
        return exact[0]
    terms = sorted((f"{c.terme} ({c.id})" for c in matches), key=french_sort_key)
    raise AmbiguousConcept(query, terms)


def closest_terms(query: str, pairs: Iterable[tuple[str, str, str]], limit: int = 3) -> list[str]:
    """``pairs`` are (lookup key, concept id, term); the terms whose keys are closest."""
    from rapidfuzz import fuzz, process, utils

    key = lookup_key(query)
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair_key, concept_id, term in pairs:
        by_key[pair_key].append((concept_id, term))
    if not key or not by_key:
        return []
    matches = process.extract(
        key,
        list(by_key),
        scorer=fuzz.ratio,  # whole-word closeness: better no suggestion than noise
        processor=utils.default_process,
        limit=limit * 3,
        score_cutoff=75,
    )
    terms: list[str] = []
    for matched_key, _score, _index in matches:
        for _concept_id, term in sorted(by_key[matched_key]):
            if term not in terms:
                terms.append(term)
    return terms[:limit]


def searchable_fields(concept: Concept) -> Iterator[tuple[str, str]]:
    """(French label, text) of every field ``search`` looks in."""
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
    # The keys of its sources (« dhume2001 »): « search dhume » finds what cites Dhume.
    for source in dict.fromkeys(cited.source for cited in concept.cited(with_examples=True)):
        yield "source", source


def folded(text: str) -> str:
    """Text as ``search`` compares it: white space squeezed, then ``search_fold``."""
    return search_fold(" ".join(text.split()))


def searchable_text(concept: Concept) -> str:
    """All the searchable fields of a concept, folded, one per line (what the index keeps)."""
    return "\n".join(folded(text) for _label, text in searchable_fields(concept))


def search_needle(query: str) -> str:
    return " ".join(search_fold(query).split())


def matching_concepts(
    in_order: Iterable[Concept], needle: str, limit: int | None
) -> tuple[list[Concept], int]:
    """The catalog contract's ``search_candidates`` over concepts given in dictionary order:
    those whose term holds the needle first (a stable sort keeps the order within each)."""
    matching = [c for c in in_order if needle in searchable_text(c)]
    matching.sort(key=lambda concept: needle not in folded(concept.terme))
    return (matching if limit is None else matching[:limit]), len(matching)
