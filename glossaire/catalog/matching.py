"""Find the concept a user means, however they typed it.

A term is matched on its ``lookup_key``: case, accents, apostrophe kind, hyphens, spaces and
Unicode form do not matter. Ids, terms and ``variantes`` are all keys. A French plural (-s,
-x, -aux) is tried when nothing matches as typed. When nothing matches at all, the closest
terms are offered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from glossaire.errors import AmbiguousConcept, ConceptNotFound
from glossaire.model.concept import Concept
from glossaire.text import french_sort_key, lookup_key


class ConceptIndex:
    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts = {concept.id: concept for concept in concepts}
        self._by_key: dict[str, set[str]] = defaultdict(set)
        for concept in self._concepts.values():
            for name in (concept.id, concept.terme, *concept.variantes):
                key = lookup_key(name)
                if key:
                    self._by_key[key].add(concept.id)

    def find(self, query: str) -> Concept:
        """The one concept meant by ``query``, else ``ConceptNotFound`` or ``AmbiguousConcept``."""
        if query in self._concepts:
            return self._concepts[query]
        key = lookup_key(query)
        for candidate in (key, *singular_forms(key)):
            ids = self._by_key.get(candidate)
            if ids:
                return self._single(query, ids)
        raise ConceptNotFound(query, self.suggestions(query))

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """The terms closest to ``query``, best first, for « Voulez-vous dire … ? »."""
        pairs = [
            (key, concept_id, self._concepts[concept_id].terme)
            for key, ids in self._by_key.items()
            for concept_id in ids
        ]
        return closest_terms(query, pairs, limit)

    def _single(self, query: str, ids: set[str]) -> Concept:
        if len(ids) == 1:
            return self._concepts[next(iter(ids))]
        # A term shared by several concepts: an exact id or term (as typed) decides.
        key = lookup_key(query)
        exact = [
            i for i in ids if lookup_key(self._concepts[i].terme) == key or lookup_key(i) == key
        ]
        if len(exact) == 1:
            return self._concepts[exact[0]]
        terms = sorted((f"{self._concepts[i].terme} ({i})" for i in ids), key=french_sort_key)
        raise AmbiguousConcept(query, terms)


def singular_forms(key: str) -> list[str]:
    """Likely singulars of a French plural: réseaux → réseau, partenariats → partenariat,
    territoriaux → territorial."""
    forms = []
    if key.endswith("aux") and len(key) > 4:
        forms.append(key[:-3] + "al")
    if key.endswith(("s", "x")) and len(key) > 2:
        forms.append(key[:-1])
    return forms


def closest_terms(query: str, pairs: list[tuple[str, str, str]], limit: int = 3) -> list[str]:
    """``pairs`` are (lookup key, concept id, term); the terms whose keys are closest."""
    from rapidfuzz import fuzz, process, utils

    key = lookup_key(query)
    if not key or not pairs:
        return []
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair_key, concept_id, term in pairs:
        by_key[pair_key].append((concept_id, term))
    matches = process.extract(
        key,
        list(by_key),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit * 3,
        score_cutoff=60,
    )
    terms: list[str] = []
    for matched_key, _score, _index in matches:
        for _concept_id, term in sorted(by_key[matched_key]):
            if term not in terms:
                terms.append(term)
    return terms[:limit]
