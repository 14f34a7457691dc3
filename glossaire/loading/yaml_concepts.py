"""concepts.yaml → ``Concept`` objects with the line of every field, plus located problems.

We compose the YAML into nodes (safe loader, no object construction at all) and read the
nodes ourselves: that gives a line number for each value, and the raw text of plain scalars,
so ``chapitres: [4.10]`` stays "4.10" instead of becoming the float 4.1.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node, SequenceNode

from glossaire.errors import did_you_mean
from glossaire.loading.yaml_nodes import Fields, NodeReader, closest, compose_root
from glossaire.model.concept import (
    NATURES,
    Concept,
    Contrast,
    Definition,
    Example,
    canonical_nature,
)
from glossaire.model.location import Location
from glossaire.model.problem import Problem
from glossaire.text import fold, slugify

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

CONCEPT_FIELDS = (
    "id",
    "terme",
    "variantes",
    "parent",
    "definitions",
    "contrastes",
    "exemples",
    "chapitres",
    "domaines",
    "voir_aussi",
    "notes",
)
DEFINITION_FIELDS = ("texte", "source", "page", "nature")
CONTRAST_FIELDS = ("avec", "difference")
EXAMPLE_FIELDS = ("texte", "source", "nature")


@dataclass
class ConceptFile:
    path: Path
    concepts: list[Concept] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False


CHUNK_ITEMS = 500  # concepts composed at a time in a large file
_TOP_ITEM = re.compile(r"^- ", re.M)
_WHOLE_FILE_ONLY = re.compile(r"^(?:---|\.\.\.|%)|(?:^|[\s\[{,])[&*][^\s]", re.M)


def parse_concepts(text: str, path: Path) -> ConceptFile:
    """Parse the text of a concepts file; never raises for bad content, returns problems.

    A large file is composed a few hundred items at a time: top-level ``- `` items of a
    block sequence are independent, and the node graph of a whole 10 MB file would take
    more memory than all the concepts it describes. Anything unusual (documents, anchors,
    an item that does not parse alone) falls back to composing the whole file."""
    if len(text) > 1_000_000 and not _WHOLE_FILE_ONLY.search(text):
        chunked = _parse_in_chunks(text, path)
        if chunked is not None:
            return chunked
    return _parse_whole(text, path)


def _parse_in_chunks(text: str, path: Path) -> ConceptFile | None:
    starts = [match.start() for match in _TOP_ITEM.finditer(text)]
    if not starts or (text[: starts[0]].strip() and not _only_comments(text[: starts[0]])):
        return None
    result = ConceptFile(path)
    bounds = [*starts[::CHUNK_ITEMS], len(text)]
    for begin, end in itertools.pairwise(bounds):
        part = _parse_whole(text[begin:end], path)
        if part.unreadable:
            return None
        offset = text.count("\n", 0, begin)
        result.concepts.extend(shift_lines(c, offset) for c in part.concepts)
        result.problems.extend(
            p._replace(location=Location(path, (p.location.line or 0) + offset))
            for p in part.problems
        )
    return result


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def shift_lines(concept: Concept, offset: int) -> Concept:
    """Line numbers of a concept parsed from part of a file, made those of the whole file."""
    if not offset:
        return concept

    def moved(line: int | None) -> int | None:
        return line + offset if line else line

    return concept._replace(
        location=Location(concept.location.path, (concept.location.line or 0) + offset),
        definitions=tuple(d._replace(line=moved(d.line)) for d in concept.definitions),
        contrastes=tuple(c._replace(line=moved(c.line)) for c in concept.contrastes),
        exemples=tuple(e._replace(line=moved(e.line)) for e in concept.exemples),
        field_lines={name: line + offset for name, line in concept.field_lines.items()},
    )


def _parse_whole(text: str, path: Path) -> ConceptFile:
    result = ConceptFile(path)
    root, result.unreadable = compose_root(
        text,
        path,
        SequenceNode,
        "le fichier doit être une liste de concepts.",
        "Commencez chaque concept par « - id: … » en début de ligne.",
        result.problems,
    )
    if root is None:
        return result
    for item in root.value:
        reader = _EntryReader(path, result.problems)
        concept = reader.concept(item)
        if concept is not None:
            result.concepts.append(concept)
    return result


class _EntryReader(NodeReader):
    """Reads one concept entry, appending a problem for each thing it cannot accept."""

    def concept(self, node: Node) -> Concept | None:
        fields = self.mapping(node, CONCEPT_FIELDS, "un concept")
        if fields is None:
            return None
        concept_id = self.required_text(node, fields, "id")
        terme = self.required_text(node, fields, "terme")
        if concept_id is None or terme is None:
            return None
        if not ID_PATTERN.match(concept_id):
            self.add(
                fields["id"][0],
                "id-invalide",
                f"l'identifiant « {concept_id} » n'est pas valide.",
                f"Utilisez des minuscules sans accent, des chiffres et des tirets, "
                f"par exemple « {slugify(concept_id) or 'mon-concept'} ».",
            )
        return Concept(
            id=concept_id,
            terme=terme,
            location=Location(self.path, node.start_mark.line + 1),
            variantes=self.texts(fields, "variantes"),
            parent=self.optional_text(fields, "parent"),
            definitions=self.items(fields, "definitions", self._definition),
            contrastes=self.items(fields, "contrastes", self._contrast),
            exemples=self.items(fields, "exemples", self._example),
            chapitres=self.texts(fields, "chapitres"),
            domaines=self.texts(fields, "domaines"),
            voir_aussi=self.texts(fields, "voir_aussi"),
            notes=self.optional_text(fields, "notes"),
            field_lines={name: key.start_mark.line + 1 for name, (key, _) in fields.items()},
        )

    def _definition(self, node: Node) -> Definition | None:
        fields = self.mapping(node, DEFINITION_FIELDS, "une définition")
        if fields is None:
            return None
        texte = self.required_text(node, fields, "texte")
        if texte is None:
            return None
        return Definition(
            texte=texte,
            source=self.optional_text(fields, "source"),
            page=self.optional_text(fields, "page"),
            nature=self._nature(fields),
            line=node.start_mark.line + 1,
        )

    def _nature(self, fields: Fields) -> str | None:
        """The nature as the files name it; « synthèse » with its accent is the same one."""
        nature = self.optional_text(fields, "nature")
        if nature is None:
            return None
        known = canonical_nature(nature)
        if known:
            return known
        guess = closest(fold(nature), NATURES)
        self.add(
            fields["nature"][1],
            "nature-inconnue",
            f"la nature « {nature} » n'existe pas.",
            f"Choisissez parmi : {', '.join(NATURES)}"
            + (". " + did_you_mean([f"« {guess} »"]) if guess else "."),
        )
        return nature

    def _contrast(self, node: Node) -> Contrast | None:
        fields = self.mapping(node, CONTRAST_FIELDS, "un contraste")
        if fields is None:
            return None
        avec = self.required_text(node, fields, "avec")
        difference = self.required_text(node, fields, "difference")
        if avec is None or difference is None:
            return None
        return Contrast(avec, difference, node.start_mark.line + 1)

    def _example(self, node: Node) -> Example | None:
        fields = self.mapping(node, EXAMPLE_FIELDS, "un exemple")
        if fields is None:
            return None
        texte = self.required_text(node, fields, "texte")
        if texte is None:
            return None
        source = self.optional_text(fields, "source")
        return Example(texte, source, node.start_mark.line + 1, self._nature(fields))
