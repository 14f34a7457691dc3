"""Every word the writers add around the data, in French and already typeset.

The data is typeset once where ``services.export`` builds the document; the writers' own words
go through the same ``french_spacing`` here, once, so that « Exemple : » is spaced like the
data in all four formats and no writer has to remember it.
"""

from __future__ import annotations

from glossaire.export.typography import NBSP, french_spacing

LEXICON = "Lexique"
BIBLIOGRAPHY = "Bibliographie"
MY_DEFINITION = french_spacing("Ma définition :")
EXAMPLE = french_spacing("Exemple :")
CONTRAST = "À distinguer de"
# Between a contrasted term (bold) and the difference: « Réseau : les réseaux… ».
SEPARATOR = f"{NBSP}: "
# « Collaboration → voir Mutualisation »: the arrow never starts a line.
ARROW = f"{NBSP}→ "
SEE = "voir"
SEARCH = french_spacing("Rechercher un concept (les accents ne comptent pas) :")
NO_MATCH = "Aucun concept ne correspond à la recherche."


def style_note(style_name: str) -> str:
    """« Sources citées selon la norme : ISO 690 (auteur-date). »"""
    return french_spacing(f"Sources citées selon la norme : {style_name}.")
