"""The whole data set in memory: concepts and references of every layer, merged.

Layers are stacked: the bundled set first, then the group's or the user's folder, whose
entries win. What was overridden, and every problem met while loading, is kept so that
``check`` and ``info`` can report it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from glossaire.model.concept import Concept
from glossaire.model.location import Location
from glossaire.model.personal import PersonalDefinition
from glossaire.model.problem import Problem
from glossaire.model.reference import Reference
from glossaire.model.referential import Referential

CONCEPTS_FILE = "concepts.yaml"
REFERENCES_FILE = "references.bib"
REFERENTIAL_FILE = "referentiel.yaml"


def layer_file_order(path: Path) -> tuple[int, str]:
    """The order a layer's files are read in (and listed by ``info``)."""
    rank = {CONCEPTS_FILE: 0, "concepts.yml": 1, REFERENCES_FILE: 2, REFERENTIAL_FILE: 4}
    return rank.get(path.name, 3 if path.suffix == ".bib" else 5), path.name


class Layer(NamedTuple):
    name: str  # French label shown to users: « intégrées », « groupe », « personnelles »
    folder: Path
    exists: bool
    concept_count: int = 0
    reference_count: int = 0
    files: tuple[Path, ...] = ()


class Override(NamedTuple):
    kind: str  # « concept », « référence » or « référentiel »
    key: str
    winner: Location
    loser: Location


class DataFacts(NamedTuple):
    """The small facts about the whole data set that are not entries: what was read from
    where, what overrides what, what is wrong, the referential and « Ma définition »."""

    layers: tuple[Layer, ...] = ()
    overrides: tuple[Override, ...] = ()
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()  # readable, but say so (e.g. not UTF-8)
    unreadable: tuple[Problem, ...] = ()
    referential: Referential | None = None
    personal: Mapping[str, tuple[PersonalDefinition, ...]] = MappingProxyType({})

    def personal_definition(self, concept_id: str) -> PersonalDefinition | None:
        """The candidate's latest definition of the concept, shown on its card."""
        versions = self.personal.get(concept_id)
        return versions[-1] if versions else None


@dataclass
class DataSet:
    concepts: dict[str, Concept] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    referential: Referential | None = None  # the top-most layer's referentiel.yaml
    # The candidate's own definitions (always from the user's folder), oldest first.
    personal: dict[str, list[PersonalDefinition]] = field(default_factory=dict)
    # Index builds only: entries left undecoded (loading.bibtex_refs.RawEntry), and each .bib
    # file as parsed (RawReferenceFile: its @string blocks decode the entries later).
    raw_references: dict[str, Any] = field(default_factory=dict)
    raw_files: dict[Path, Any] = field(default_factory=dict)
    layers: list[Layer] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # readable, but say so
    unreadable: list[Problem] = field(default_factory=list)

    def facts(self) -> DataFacts:
        return DataFacts(
            tuple(self.layers),
            tuple(self.overrides),
            tuple(self.problems),
            tuple(self.warnings),
            tuple(self.unreadable),
            self.referential,
            {concept_id: tuple(versions) for concept_id, versions in self.personal.items()},
        )
