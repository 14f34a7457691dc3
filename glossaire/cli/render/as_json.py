"""JSON output. A concept is exactly its YAML form (same French keys), so tools can rely on it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import singledispatch
from itertools import repeat
from json.encoder import encode_basestring  # ensure_ascii=False, in C
from typing import Any

from glossaire.catalog.contract import ListedConcept, ListedConcepts
from glossaire.model.problem import Problem
from glossaire.services.results import (
    BibliographyResult,
    CheckReport,
    CitationResult,
    Comparison,
    ConceptCard,
    ConceptListing,
    DefinitionHistory,
    InfoReport,
    LivretMap,
    SearchResult,
    StyleReport,
)

LONG = 100  # records from which a list is written one record per line


_C1 = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def render(result: Any) -> str:
    """JSON, with C1 controls and bidi overrides written as ``\\u`` escapes: the same
    strings for a tool, nothing a terminal would act on (they only occur inside strings)."""
    if isinstance(result, ConceptListing) and len(result.concepts) > LONG:
        return _long_listing(result.concepts)
    data = to_data(result)
    if isinstance(data, list) and len(data) > LONG:
        text = _one_per_line(map(json.JSONEncoder(ensure_ascii=False).encode, data))
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return _escape_c1(text)


def _escape_c1(text: str) -> str:
    return _C1.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _one_per_line(records: Iterable[str]) -> str:
    """Still a JSON array, readable line by line, and written by the C encoder (``indent``
    would fall back to the pure-Python one: 10× slower)."""
    lines = ",\n".join(records)
    return f"[\n{lines}\n]"


def _long_listing(concepts: ListedConcepts) -> str:
    """``_listing_record`` of each concept, one per line: the same bytes as ``json.dumps``
    gives the dicts, built column by column (10 000 concepts in a few milliseconds). Ids and
    terms that have nothing to escape, as nearly all have, are written as they are; each
    distinct list of chapters or domains is encoded once; and the C1 scan runs on the
    strings, not on the whole output."""
    ids, terms, chapters, domains = concepts.columns()
    codes = _EncodedCodes()
    plain = _nothing_to_escape("".join(ids)) and _nothing_to_escape("".join(terms))
    if not plain:
        ids, terms = tuple(map(encode_basestring, ids)), tuple(map(encode_basestring, terms))
    quote = '"' if plain else ""
    records = [
        f'{{"id": {q}{i}{q}, "terme": {q}{t}{q}, "chapitres": [{c}], "domaines": [{d}]}}'
        for q, i, t, c, d in zip(
            repeat(quote),
            ids,
            terms,
            map(codes.__getitem__, chapters),
            map(codes.__getitem__, domains),
            strict=False,  # ``repeat`` is endless
        )
    ]
    records[0] = f"[\n{records[0]}"  # the brackets on the end records: one copy, not three
    records[-1] = f"{records[-1]}\n]"
    lines = ",\n".join(records)
    if plain and not _C1.search("".join(codes.values())):
        return lines
    return _escape_c1(lines)


def _nothing_to_escape(text: str) -> bool:
    """No quote, backslash or control for JSON, no C1 or bidi for ``_escape_c1``.
    ``isprintable`` (C1 and bidi are non-printable too) answers at twice the speed of the
    pattern; a text it refuses, such as one with a no-break space, goes to the pattern."""
    if text.isprintable():
        return '"' not in text and "\\" not in text
    return not _TO_ESCAPE.search(text)


# What JSON escapes (quotes, backslashes, controls) and what ``_escape_c1`` rewrites.
_TO_ESCAPE = re.compile('["\\\\\x00-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069]')


class _EncodedCodes(dict[tuple[str, ...], str]):
    def __missing__(self, codes: tuple[str, ...]) -> str:
        encoded = self[codes] = ", ".join(map(encode_basestring, codes))
        return encoded


@singledispatch
def to_data(result: Any) -> Any:
    raise TypeError(f"no JSON form for {type(result).__name__}")


@to_data.register
def _card(card: ConceptCard) -> dict[str, Any]:
    data = card.concept.to_dict()
    if card.my_definition:
        data["ma_definition"] = {"texte": card.my_definition.text, "date": card.my_definition.date}
    return data


@to_data.register
def _listing(listing: ConceptListing) -> list[dict[str, Any]]:
    return [_listing_record(concept) for concept in listing.concepts]


def _listing_record(concept: ListedConcept) -> dict[str, Any]:
    """A listed concept for tools: its id, term, chapters and domains, keys as in the YAML."""
    return {
        "id": concept.id,
        "terme": concept.terme,
        "chapitres": list(concept.chapitres),
        "domaines": list(concept.domaines),
    }


@to_data.register
def _search(result: SearchResult) -> dict[str, Any]:
    return {
        "recherche": result.query,
        "concepts_trouves": result.concept_count,
        "concepts_montres": result.shown_count,
        "resultats": [
            {
                "id": hit.concept_id,
                "terme": hit.term,
                "champ": hit.field,
                "extrait": hit.text,
                "debut": hit.start,
                "fin": hit.end,
            }
            for hit in result.hits
        ],
    }


@to_data.register
def _comparison(comparison: Comparison) -> dict[str, Any]:
    return {
        "concepts": [comparison.first.concept.to_dict(), comparison.second.concept.to_dict()],
        "contrastes": [
            {"de": owner, **named.contrast.to_dict()}
            for owner, named in _owned_contrasts(comparison)
        ],
    }


def _owned_contrasts(comparison: Comparison) -> list[tuple[str, Any]]:
    first_id = comparison.first.concept.id
    second_id = comparison.second.concept.id
    return [
        (second_id if c.contrast.avec == first_id else first_id, c) for c in comparison.contrasts
    ]


@to_data.register
def _check(report: CheckReport) -> dict[str, Any]:
    return {
        "concepts": report.concept_count,
        "references": report.reference_count,
        "problemes": [p.to_dict() for p in report.problems],
        "remplacements": [_override(o) for o in report.overrides],
    }


@to_data.register
def _info(report: InfoReport) -> dict[str, Any]:
    return {
        "version": report.version,
        "couches": [
            {
                "nom": layer.name,
                "dossier": str(layer.folder),
                "existe": layer.exists,
                "concepts": layer.concept_count,
                "references": layer.reference_count,
                "fichiers": [str(f) for f in layer.files],
            }
            for layer in report.layers
        ],
        "concepts": report.concept_count,
        "references": report.reference_count,
        "remplacements": [_override(o) for o in report.overrides],
    }


def _override(override: Any) -> dict[str, Any]:
    return {
        "type": override.kind,
        "cle": override.key,
        "retenu": str(override.winner),
        "remplace": str(override.loser),
    }


@to_data.register
def _problem(problem: Problem) -> dict[str, Any]:
    return problem.to_dict()


@to_data.register
def _livret(livret: LivretMap) -> dict[str, Any]:
    return {
        "diplome": livret.diploma,
        "referentiel": livret.version,
        "texte": livret.legal_text,
        "en_vigueur": livret.in_force,
        "transition": livret.transition,
        "par_defaut_selon_la_date": livret.chosen_by_date,
        "note": livret.note,
        "source": livret.source,
        "domaines": [
            {
                "code": domain.code,
                "intitule": domain.title,
                "reprend": domain.taken_over_from,
                "rattachement": domain.attachment,
                "concepts": [concept_id for concept_id, _term in domain.concepts],
                "hors_chapitres": [concept_id for concept_id, _term in domain.unfiled],
                "chapitres": [
                    {
                        "numero": chapter.number,
                        "description": chapter.description,
                        "source": chapter.source,
                        "concepts": [concept_id for concept_id, _term in chapter.concepts],
                    }
                    for chapter in domain.chapters
                ],
            }
            for domain in livret.domains
        ],
        "autres_referentiels": list(livret.other_versions),
    }


@to_data.register
def _citation(result: CitationResult) -> dict[str, Any]:
    return {
        "cle": result.key,
        "style": result.style,
        "page": result.page,
        "dans_le_texte": result.in_text.strip(),
        "reference": result.full.strip(),
        "depend_de": [{"cle": key, "titre": title} for key, title in result.depends_on],
        "csl": result.csl,
    }


@to_data.register
def _bibliography(result: BibliographyResult) -> dict[str, Any]:
    return {
        "style": result.style,
        "references": [
            {"cle": key, "texte": entry.strip()}
            for key, entry in zip(result.keys, result.entries, strict=True)
        ],
    }


@to_data.register
def _style(report: StyleReport) -> dict[str, Any]:
    return {"style": report.name, "fichier": report.path, "origine": report.origin}


@to_data.register
def _history(history: DefinitionHistory) -> dict[str, Any]:
    return {
        "id": history.concept_id,
        "terme": history.term,
        "versions": [{"texte": v.text, "date": v.date} for v in history.versions],
    }
