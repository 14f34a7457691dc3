"""French typography shared by every renderer."""

from __future__ import annotations

from glossaire.model.dataset import Override
from glossaire.services.results import ConceptListing
from glossaire.text import guillemets

NATURE_LABELS = {"citation": "citation", "synthese": "synthèse", "atelier": "atelier"}


def quoted_if_citation(text: str, nature: str | None) -> str:
    """A verbatim quotation is shown in guillemets; a synthesis is not."""
    return guillemets(text) if nature == "citation" else text.strip()


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
