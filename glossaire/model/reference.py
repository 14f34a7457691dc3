"""A bibliographic reference as read from BibTeX, already decoded (accents, macros, names)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from glossaire.model.location import Location


class Person(NamedTuple):
    """A name split the BibTeX way; a braced corporate author has only ``last``."""

    last: str
    first: str = ""
    von: str = ""
    jr: str = ""
    corporate: bool = False  # an institution written in braces: never split or initialised

    @property
    def display(self) -> str:
        family = f"{self.von} {self.last}".strip()
        return f"{self.first} {family}".strip()


class Reference(NamedTuple):
    key: str
    entry_type: str
    location: Location
    fields: Mapping[str, str] = MappingProxyType({})
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other keys the entry answers to (biblatex ``ids``), e.g. a key citing another year."""
        return tuple(
            alias.strip() for alias in self.fields.get("ids", "").split(",") if alias.strip()
        )

    @property
    def year(self) -> str:
        return self.fields.get("year", "") or self.fields.get("date", "")[:4]

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "type": self.entry_type,
            "authors": [p.display for p in self.authors],
            "editors": [p.display for p in self.editors],
            "fields": dict(self.fields),
        }
