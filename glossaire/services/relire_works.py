"""Which work of the library a citation written in a draft means (``relire``).

A candidate writes names as they see them (« de Gaulejac », « DHUME », « Haeuw et
Garnier », « Atelier VAE »); the library knows people split the BibTeX way. Both sides are
folded (case, accents, apostrophes) and particles are optional, so that « Gaulejac » and
« de Gaulejac » meet. A name with the wrong year is told apart from an unknown name: the
first is a wrong year (« Ion 1996 » when the library has Ion 1998), the second a work to add.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from glossaire.model.reference import Person, Reference
from glossaire.text import fold

_PARTICLE = re.compile(r"^(?:de la|de|du|des|d|van der|van den|van|von|le|la|di|da)\s+")


class Resolution(NamedTuple):
    key: str | None  # the library's key, when exactly one work fits
    reason: str  # "trouve", "inconnu", "annee", "ambigu"
    candidates: tuple[Reference, ...] = ()  # the works of that name (for messages)


def name_keys(name: str) -> set[str]:
    """« d’Iribarne » → {"d iribarne", "iribarne"}: with and without its particle."""
    folded = " ".join(re.sub(r"[-'’]", " ", fold(name)).split())
    keys = {folded}
    bare = _PARTICLE.sub("", folded)
    if bare:
        keys.add(bare)
    return keys


def person_keys(person: Person) -> set[str]:
    return name_keys(person.last) | name_keys(f"{person.von} {person.last}")


def _people(reference: Reference) -> tuple[Person, ...]:
    return reference.authors or reference.editors


class Works:
    """The library, by its works' first authors, for lookups by name and year."""

    def __init__(self, references: Iterable[Reference]) -> None:
        self._by_name: dict[str, list[Reference]] = defaultdict(list)
        for reference in references:
            people = _people(reference)
            if not people:
                continue
            for key in person_keys(people[0]):
                self._by_name[key].append(reference)

    def resolve(self, names: tuple[str, ...], year: str | None, suffix: str = "") -> Resolution:
        if not names:
            return Resolution(None, "inconnu")
        found: dict[str, Reference] = {}
        for key in name_keys(names[0]):
            for reference in self._by_name.get(key, ()):
                found[reference.key] = reference
        candidates = list(found.values())
        if len(names) > 1:
            narrowed = [r for r in candidates if _second_author_fits(r, names[1])]
            candidates = narrowed or candidates
        if not candidates:
            return Resolution(None, "inconnu")
        dated = [r for r in candidates if year_of(r) == year]
        if not dated:
            return Resolution(None, "annee", tuple(candidates))
        if len(dated) == 1:
            return Resolution(dated[0].key, "trouve", tuple(dated))
        ordered = sorted(dated, key=lambda r: fold(r.title))  # the a/b order of the norms
        if suffix and ord(suffix) - ord("a") < len(ordered):
            return Resolution(ordered[ord(suffix) - ord("a")].key, "trouve", tuple(ordered))
        return Resolution(None, "ambigu", tuple(ordered))


def year_of(reference: Reference) -> str | None:
    """The work's year, None when undated (« s. d. » in the library is no year)."""
    found = re.match(r"\d{4}", reference.year.strip())
    return found.group() if found else None


def _second_author_fits(reference: Reference, name: str) -> bool:
    people = _people(reference)
    return len(people) > 1 and bool(person_keys(people[1]) & name_keys(name))


def author_year(reference: Reference) -> str:
    """« Ion 1998 », « Haeuw et Garnier 2006 »: how a message names a work."""
    people = _people(reference)
    names = [p.last if p.corporate else f"{p.von} {p.last}".strip() for p in people[:2]]
    if len(people) > 2:
        names = [names[0] + " et al."]
    return f"{' et '.join(names)} {reference.year or 's. d.'}".strip()
