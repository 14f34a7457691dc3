"""French typography shared by every renderer."""

from __future__ import annotations

from glossaire.model.dataset import Override
from glossaire.services.results import (
    CitationResult,
    ConceptListing,
    DomainMap,
    LivretMap,
    SearchHit,
    SearchResult,
)
from glossaire.text import NBSP, guillemets

NATURE_LABELS = {
    "citation": "citation",
    "synthese": "synthèse",
    "atelier": "atelier",
    "lecture": "lecture de l’atelier",
}


def layer_label(name: str) -> str:
    """« Données intégrées », « Données personnelles », but « Données du groupe »: the group's
    layer is named by a noun (``paths.GROUP``), the others by an adjective."""
    return f"Données du {name}" if name == "groupe" else f"Données {name}"


def quoted_if_citation(text: str, nature: str | None) -> str:
    """A verbatim quotation is shown in guillemets; a synthesis is not."""
    return guillemets(text) if nature == "citation" else text.strip()


def depends_note(result: CitationResult) -> str:
    """One sentence: which works the form takes into account (a letter after the year, an
    initial, an added name), so that the candidate knows it holds only with them."""
    works = ", ".join(f"{guillemets(key)} ({title})" for key, title in result.depends_on)
    return (
        f"Attention{NBSP}: cette forme tient compte d'autres œuvres de la bibliothèque, "
        f"{works}{NBSP}; elle ne vaut que si elles sont aussi dans votre bibliographie."
    )


# Since the 2023 reform of the VAE (décret n° 2023-1275), the livret 2 is the « dossier de
# validation » (C2RP, « VAE : le dossier de validation », https://c2rp.fr).
LIVRET_2_NAME = (
    "Le livret 2 s’appelle « dossier de validation » depuis la réforme de la VAE de 2023."
)


def hits_by_concept(result: SearchResult) -> dict[str, list[SearchHit]]:
    """The hits of a search grouped by concept (its term), in the order they were found."""
    grouped: dict[str, list[SearchHit]] = {}
    for hit in result.hits:
        grouped.setdefault(hit.term, []).append(hit)
    return grouped


def shown_passages(hits: list[SearchHit]) -> list[SearchHit]:
    """The passages worth showing under a concept: those beyond its term and variants (the
    heading already says them), or the first hit when there is nothing else."""
    return [hit for hit in hits if hit.field not in ("terme", "variante")] or hits[:1]


def chapters_with_source(chapters: tuple[str, ...], sources: tuple[str, ...]) -> str:
    """« 4.1, 4.2 (d’après le journal d’atelier) »: where the numbers come from, said."""
    said = "; ".join(sources)
    return f"{joined(chapters)} (d’après {said})" if said else joined(chapters)


def domains_with_attachment(domains: tuple[str, ...], attachments: tuple[str, ...]) -> str:
    """« DC4 (rattachement expliqué par « glossaire livret ») » when the référentiel says
    how the concepts came to be filed there (a deduction, for the bundled glossary)."""
    if not attachments:
        return joined(domains)
    return f"{joined(domains)} (rattachement expliqué par {guillemets('glossaire livret')})"


def livret_facts(livret: LivretMap) -> list[tuple[str, str]]:
    """The reform's text, dates and transition, and why it is the one shown."""
    facts = []
    if livret.chosen_by_date:
        since = f", en vigueur depuis le {french_date(livret.in_force)}" if livret.in_force else ""
        facts.append(
            (
                "Par défaut",
                f"le référentiel d’un candidat qui commence aujourd’hui{since} ; "
                f"un autre avec « --referentiel VERSION ».",
            )
        )
    elif livret.in_force:
        facts.append(("En vigueur", f"depuis le {french_date(livret.in_force)}"))
    for label, value in (
        ("Texte", livret.legal_text),
        ("Transition", livret.transition),
        ("Note", livret.note),
    ):
        if value:
            facts.append((label, value))
    return facts


def domain_notes(domain: DomainMap) -> list[str]:
    notes = []
    if domain.taken_over_from:
        notes.append(
            f"Concepts classés sous {domain.taken_over_from} dans les référentiels précédents "
            f"(rapprochement par l’intitulé : une déduction)."
        )
    if domain.attachment:
        notes.append(f"Rattachement des concepts : {domain.attachment}")
    return notes


_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def french_datetime(stamp: str) -> str:
    """« 2026-11-29 04:30 » (as the personal file keeps it) → « 29 novembre 2026 à 04 h 30 »;
    anything else is shown as it is written."""
    import re

    found = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?", stamp.strip())
    if not found or not 1 <= int(found.group(1)[5:7]) <= 12:
        return stamp
    day = french_date(found.group(1))
    return f"{day} à {found.group(2)} h {found.group(3)}" if found.group(2) else day


def french_date(iso: str | None) -> str:
    """« 2026-09-01 » → « 1er septembre 2026 »."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {year}"


def joined(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items)


# The noun with its article, and the pronoun that stands for it: French agrees in gender.
_OVERRIDDEN = {
    "concept": ("le concept", "celui"),
    "référence": ("la référence", "celle"),
    "référentiel": ("le référentiel", "celui"),
}


def override_sentence(override: Override) -> str:
    noun, pronoun = _OVERRIDDEN.get(override.kind, (f"l'entrée {override.kind}", "celle"))
    return (
        f"Remplacement : {noun} « {override.key} » de {override.winner} "
        f"remplace {pronoun} de {override.loser}."
    )


def listing_scope(listing: ConceptListing) -> str:
    """« pour le chapitre 4.2 », « pour le domaine DC4 »: what an empty listing was about."""
    parts = []
    if listing.chapter:
        parts.append(f"le chapitre {listing.chapter}")
    if listing.domain:
        parts.append(f"le domaine {listing.domain}")
    return f" pour {' et '.join(parts)}" if parts else ""
