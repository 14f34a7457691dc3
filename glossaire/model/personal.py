"""A candidate's own definition of a concept, kept apart from the authors' (« Ma définition »)."""

from __future__ import annotations

from typing import NamedTuple

from glossaire.model.location import Location


class PersonalDefinition(NamedTuple):
    concept_id: str
    text: str
    date: str | None  # « 2026-11-25 21:14 », local time of writing
    location: Location
