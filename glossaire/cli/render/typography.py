"""French typography shared by every renderer."""

from __future__ import annotations

from glossaire.model.dataset import Override
from glossaire.services.results import CitationResult, ConceptListing
from glossaire.text import NBSP, guillemets

NATURE_LABELS = {
    "citation": "citation",
    "synthese": "synthèse",
    "atelier": "atelier",
    "lecture": "lecture de l’atelier",
}


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
