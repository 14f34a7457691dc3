"""The diploma's reference frame: domains of competence per reform, and livret 2 chapters.

It lives in a data file (``referentiel.yaml``), not in code, because reforms change the
titles and a facilitator must be able to correct them without a new release.
"""

from __future__ import annotations

from typing import NamedTuple

from glossaire.model.location import Location


class Domain(NamedTuple):
    code: str  # « DC4 »: the key concepts use in ``domaines``
    title: str | None  # None where no source gives the title
    line: int | None = None


class LivretChapter(NamedTuple):
    number: str  # « 4.1.2 », kept as text
    description: str | None
    domain: str | None  # code of the domain the chapter serves
    line: int | None = None


class Reform(NamedTuple):
    version: str  # « 2007 », « 2018 »
    legal_text: str | None
    source: str | None
    note: str | None
    domains: tuple[Domain, ...]
    chapters: tuple[LivretChapter, ...]
    line: int | None = None

    def domain(self, code: str) -> Domain | None:
        wanted = code.strip().upper()
        return next((d for d in self.domains if d.code.upper() == wanted), None)


class Referential(NamedTuple):
    diploma: str
    location: Location
    default_version: str
    reforms: tuple[Reform, ...]

    def reform(self, version: str | None = None) -> Reform | None:
        wanted = (version or self.default_version).strip()
        return next((r for r in self.reforms if r.version == wanted), None)

    @property
    def domain_codes(self) -> tuple[str, ...]:
        """Every code any reform knows, in first-seen order (DC1…DC4 exist in both reforms)."""
        codes: dict[str, None] = {}
        for reform in self.reforms:
            for domain in reform.domains:
                codes.setdefault(domain.code, None)
        return tuple(codes)
