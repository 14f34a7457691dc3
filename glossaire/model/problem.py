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
