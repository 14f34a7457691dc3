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
    # The code, in an earlier reform, whose concepts this domain gathers (a reform that
    # renames its blocs: the concepts filed under DC4 serve the partnership bloc of 2025).
    takes_over: str | None = None
    attachment: str | None = None  # how concepts came to be filed here (« déduction : … »)


class LivretChapter(NamedTuple):
    number: str  # « 4.1.2 », kept as text
    description: str | None
    domain: str | None  # code of the domain the chapter serves
    line: int | None = None
    source: str | None = None  # where the number comes from (« le journal d'atelier »)


class Reform(NamedTuple):
    version: str  # « 2007 », « 2018 »
    legal_text: str | None
    source: str | None
    note: str | None
    domains: tuple[Domain, ...]
    chapters: tuple[LivretChapter, ...]
    line: int | None = None
    in_force: str | None = None  # « 2026-09-01 »: the date from which candidates come under it
    transition: str | None = None  # who stays under the former reform, and until when

    def domain(self, code: str) -> Domain | None:
        wanted = code.strip().upper()
        return next((d for d in self.domains if d.code.upper() == wanted), None)


class Referential(NamedTuple):
    diploma: str
    location: Location
    default_version: str | None  # as the file forces it; None: the one in force today
    reforms: tuple[Reform, ...]

    def reform(self, version: str | None = None, today: str | None = None) -> Reform | None:
        """The reform asked for; without one, the file's default, or else the one a candidate
        starting ``today`` (« 2026-11-29 ») comes under: the last one, in file order, that is
        in force by then."""
        wanted = (version or self.default_version or "").strip()
        if wanted:
            return next((r for r in self.reforms if r.version == wanted), None)
        if today is None:
            raise ValueError("which reform is in force depends on the day: give ``today``")
        in_force = [r for r in self.reforms if not r.in_force or r.in_force <= today]
        return in_force[-1] if in_force else self.reforms[0]

    def chapter_sources(self, numbers: tuple[str, ...]) -> tuple[str, ...]:
        """Where these chapter numbers come from, as the reforms that name them say."""
        found = {
            chapter.source: None
            for reform in self.reforms
            for chapter in reform.chapters
            if chapter.number in numbers and chapter.source
        }
        return tuple(source for source in found if source)

    def attachments(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        """How concepts came to be filed under these domains, where a reform says it."""
        found = {
            domain.attachment: None
            for reform in self.reforms
            for domain in reform.domains
            if domain.code in codes and domain.attachment
        }
        return tuple(attachment for attachment in found if attachment)

    @property
    def domain_codes(self) -> tuple[str, ...]:
        """Every code any reform knows, in first-seen order (DC1…DC4 exist in both reforms)."""
        codes: dict[str, None] = {}
        for reform in self.reforms:
            for domain in reform.domains:
                codes.setdefault(domain.code, None)
        return tuple(codes)
