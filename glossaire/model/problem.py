"""A problem found in the data: what, where, and what to do (all French)."""

from __future__ import annotations

from typing import Literal, NamedTuple

from glossaire.model.location import Location

Severity = Literal["erreur", "avertissement"]


class Problem(NamedTuple):
    location: Location
    code: str
    message: str
    hint: str | None = None
    severity: Severity = "erreur"

    def to_dict(self) -> dict[str, object]:
        return {
            "fichier": str(self.location.path),
            "ligne": self.location.line,
            "code": self.code,
            "gravite": self.severity,
            "message": self.message,
            "conseil": self.hint,
        }


def duplicate_id(location: Location, concept_id: str, first: Location) -> Problem:
    """The same concept id twice in one layer (or a new entry taking an existing id)."""
    return Problem(
        location,
        "id-double",
        f"l'identifiant « {concept_id} » est déjà utilisé ({first}).",
        "Donnez un identifiant différent à l'un des deux concepts, ou fusionnez-les.",
    )


def duplicate_key(location: Location, key: str, first: Location | str) -> Problem:
    """The same BibTeX key (or biblatex alias) twice in one layer, or taken by a new entry."""
    return Problem(
        location,
        "cle-double",
        f"la clé BibTeX « {key} » est déjà utilisée ({first}).",
        "Donnez une clé différente à l'une des deux entrées, ou supprimez le doublon.",
    )
