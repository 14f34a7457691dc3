"""A concept of the glossary, mirroring the YAML format field for field (French keys).

The field names of ``to_dict`` are the YAML keys, so JSON output and the data file share one
vocabulary that other tools can rely on.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from glossaire.model.location import Location
from glossaire.text import fold

# citation: the source's exact words; synthese: a summary of what the source says; atelier: the
# group's own thinking; lecture: the group's reading of an author (neither the author's words
# nor a summary of the work: what the workshop made of it, as its journal records).
NATURES = ("citation", "synthese", "atelier", "lecture")


def canonical_nature(nature: str) -> str | None:
    """« synthèse », « Citation » → the name the files use; None for an unknown nature."""
    return next((n for n in NATURES if n == fold(nature.strip())), None)


class Definition(NamedTuple):
    texte: str
    source: str | None = None
    page: str | None = None
    nature: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _without_empty(
            {"texte": self.texte, "source": self.source, "page": self.page, "nature": self.nature}
        )


class Contrast(NamedTuple):
    avec: str
    difference: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"avec": self.avec, "difference": self.difference}


class Example(NamedTuple):
    texte: str
    source: str | None = None
    line: int | None = None
    nature: str | None = None  # « citation » when the example is the source's own words

    def to_dict(self) -> dict[str, Any]:
        return _without_empty({"texte": self.texte, "source": self.source, "nature": self.nature})


class Cited(NamedTuple):
    """A source a concept cites: by a definition (with its page) or by an example."""

    source: str
    page: str | None
    line: int | None


class Concept(NamedTuple):
    id: str
    terme: str
    location: Location
    variantes: tuple[str, ...] = ()
    parent: str | None = None
    definitions: tuple[Definition, ...] = ()
    contrastes: tuple[Contrast, ...] = ()
    exemples: tuple[Example, ...] = ()
    chapitres: tuple[str, ...] = ()
    domaines: tuple[str, ...] = ()  # codes of DEES domains of competence, e.g. DC4
    voir_aussi: tuple[str, ...] = ()
    notes: str | None = None
    # Line of each top-level field, so `check` can point at `parent:` rather than at the entry.
    field_lines: Mapping[str, int] = MappingProxyType({})

    def cited(self, with_examples: bool = True) -> list[Cited]:
        """The sources this concept cites, definitions first, in file order."""
        found = [Cited(d.source, d.page, d.line) for d in self.definitions if d.source]
        if with_examples:
            found += [Cited(e.source, None, e.line) for e in self.exemples if e.source]
        return found

    def line_of(self, field_name: str) -> int | None:
        return self.field_lines.get(field_name, self.location.line)

    def to_dict(self) -> dict[str, Any]:
        return _without_empty(
            {
                "id": self.id,
                "terme": self.terme,
                "variantes": list(self.variantes),
                "parent": self.parent,
                "definitions": [d.to_dict() for d in self.definitions],
                "contrastes": [c.to_dict() for c in self.contrastes],
                "exemples": [e.to_dict() for e in self.exemples],
                "chapitres": list(self.chapitres),
                "domaines": list(self.domaines),
                "voir_aussi": list(self.voir_aussi),
                "notes": self.notes,
            }
        )


def _without_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop absent optional fields, as a user would not write them in YAML either."""
    return {key: value for key, value in mapping.items() if value not in (None, [], "")}
