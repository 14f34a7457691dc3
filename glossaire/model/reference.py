"""A bibliographic reference as read from BibTeX, already decoded (accents, macros, names)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from glossaire.model.location import Location
from glossaire.text import fold


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
    translators: tuple[Person, ...] = ()

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
            "translators": [p.display for p in self.translators],
            "fields": dict(self.fields),
        }


def work_identities(reference: Reference) -> set[tuple[str, ...]]:
    """What says two entries are one work, whatever their keys or source format: the DOI,
    the ISBN (10 or 13 digits alike), or first author (name and initial) + year + main
    title (before « : », so that « Titre : sous-titre » in one field or in two agree) and
    kind of work (a thesis and the book drawn from it are two works), all normalised."""
    found: set[tuple[str, ...]] = set()
    doi = reference.fields.get("doi", "").strip().lower()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi)
    if doi:
        found.add(("doi", doi))
    isbn = re.sub(r"[^0-9x]", "", reference.fields.get("isbn", "").lower())
    if len(isbn) == 10:
        isbn = isbn13("978" + isbn[:9])
    if len(isbn) == 13:
        found.add(("isbn", isbn))
    main_title = re.split(r"\s*[:.?!]\s", reference.title, maxsplit=1)[0]
    title = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(main_title)).split())
    people = reference.authors or reference.editors
    first = f"{fold(people[0].last)} {fold(people[0].first)[:1]}" if people else ""
    if title:
        kind = _KIND_OF_WORK.get(reference.entry_type, reference.entry_type)
        found.add(("work", kind, first, reference.year, title))
    return found


def isbn13(first12: str) -> str:
    total = sum(int(d) * (1 if n % 2 == 0 else 3) for n, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


# Entry types that name the same kind of work, as exports of one work use them alike.
_KIND_OF_WORK = {
    "mvbook": "book",
    "collection": "book",
    "proceedings": "book",
    "inbook": "incollection",
    "bookinbook": "incollection",
    "conference": "inproceedings",
    "techreport": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "www": "online",
    "electronic": "online",
}


def namesake_key(reference: Reference) -> str:
    """What two works must share for a citation of one to depend on the other (a letter
    after the year, an initial, an added name): the first author's family name and the
    year, folded. Equal for an entry decoded and for the same entry read undecoded."""
    people = reference.authors or reference.editors
    return namesake(people[0].last if people else "", reference.year)


def namesake(family: str, year: str) -> str:
    """LaTeX accents and ligatures undone without the decoder (a fraction of its cost),
    then folded to letters: « Lef{\\`e}vre », « C{\\oe}ur » and « Cœur » agree."""
    plain = _LATEX_LETTER.sub(lambda m: m.group(1), _LATEX_ACCENT.sub("", family))
    letters = re.sub(r"[^a-z]", "", fold(plain.replace("{", "").replace("}", "")))
    return f"{letters}|{year.strip()[:4]}" if letters else ""


_LATEX_ACCENT = re.compile(r"\\(?:[`'^\"~=.]|[cvuHkrbd](?![a-zA-Z]))\s*")
_LATEX_LETTER = re.compile(r"\\(oe|OE|ae|AE|ss|o|O|l|L|i|j|aa|AA)(?![a-zA-Z])\s*")
