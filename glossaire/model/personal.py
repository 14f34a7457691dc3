"""A candidate's own definition of a concept, kept apart from the authors' (« Ma définition »)."""

from __future__ import annotations

from dataclasses import dataclass

from glossaire.model.location import Location


@dataclass(frozen=True, slots=True)
class PersonalDefinition:
    concept_id: str
    text: str
    date: str | None  # « 2026-11-25 21:14 », local time of writing
    location: Location
