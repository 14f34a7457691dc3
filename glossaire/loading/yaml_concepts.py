"""concepts.yaml → ``Concept`` objects with the line of every field, plus located problems.

We compose the YAML into nodes (safe loader, no object construction at all) and read the
nodes ourselves: that gives a line number for each value, and the raw text of plain scalars,
so ``chapitres: [4.10]`` stays "4.10" instead of becoming the float 4.1.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossaire.loading.yaml_syntax import syntax_problem
from glossaire.model.concept import NATURES, Concept, Contrast, Definition, Example
from glossaire.model.location import Location
from glossaire.model.problem import Problem
from glossaire.text import fold, slugify

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"
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
    "voir_aussi",
    "notes",
)
DEFINITION_FIELDS = ("texte", "source", "page", "nature")
CONTRAST_FIELDS = ("avec", "difference")
EXAMPLE_FIELDS = ("texte", "source")

T = TypeVar("T")


@dataclass
class ConceptFile:
    path: Path
    concepts: list[Concept] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False


def parse_concepts(text: str, path: Path) -> ConceptFile:
    """Parse the text of a concepts file; never raises for bad content, returns problems."""
    result = ConceptFile(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        result.problems.append(syntax_problem(error, path))
        result.unreadable = True
        return result
    if root is None or _is_null(root):
        return result
    if not isinstance(root, SequenceNode):
        result.problems.append(
            _problem(
                path,
                root,
                "structure",
                "le fichier doit être une liste de concepts.",
                "Commencez chaque concept par « - id: … » en début de ligne.",
            )
        )
        result.unreadable = True
        return result
    for item in root.value:
        reader = _EntryReader(path, result.problems)
        concept = reader.concept(item)
        if concept is not None:
            result.concepts.append(concept)
    return result


class _EntryReader:
    """Reads one concept entry, appending a problem for each thing it cannot accept."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def concept(self, node: Node) -> Concept | None:
        fields = self._mapping(node, CONCEPT_FIELDS, "un concept")
        if fields is None:
            return None
        concept_id = self._required_text(node, fields, "id")
        terme = self._required_text(node, fields, "terme")
        if concept_id is None or terme is None:
            return None
        if not ID_PATTERN.match(concept_id):
            self._add(
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
            variantes=self._texts(fields, "variantes"),
            parent=self._optional_text(fields, "parent"),
            definitions=self._items(fields, "definitions", self._definition),
            contrastes=self._items(fields, "contrastes", self._contrast),
            exemples=self._items(fields, "exemples", self._example),
            chapitres=self._texts(fields, "chapitres"),
            voir_aussi=self._texts(fields, "voir_aussi"),
            notes=self._optional_text(fields, "notes"),
            field_lines={name: key.start_mark.line + 1 for name, (key, _) in fields.items()},
        )

    def _definition(self, node: Node) -> Definition | None:
        fields = self._mapping(node, DEFINITION_FIELDS, "une définition")
        if fields is None:
            return None
        texte = self._required_text(node, fields, "texte")
        if texte is None:
            return None
        nature = self._optional_text(fields, "nature")
        if nature is not None and nature not in NATURES:
            guess = _closest(fold(nature), NATURES)
            self._add(
                fields["nature"][1],
                "nature-inconnue",
                f"la nature « {nature} » n'existe pas.",
                f"Choisissez parmi : {', '.join(NATURES)}"
                + (f" (vouliez-vous dire « {guess} » ?)." if guess else "."),
            )
        return Definition(
            texte=texte,
            source=self._optional_text(fields, "source"),
            page=self._optional_text(fields, "page"),
            nature=nature,
            line=node.start_mark.line + 1,
        )

    def _contrast(self, node: Node) -> Contrast | None:
        fields = self._mapping(node, CONTRAST_FIELDS, "un contraste")
        if fields is None:
            return None
        avec = self._required_text(node, fields, "avec")
        difference = self._required_text(node, fields, "difference")
        if avec is None or difference is None:
            return None
        return Contrast(avec, difference, node.start_mark.line + 1)

    def _example(self, node: Node) -> Example | None:
        fields = self._mapping(node, EXAMPLE_FIELDS, "un exemple")
        if fields is None:
            return None
        texte = self._required_text(node, fields, "texte")
        if texte is None:
            return None
        return Example(texte, self._optional_text(fields, "source"), node.start_mark.line + 1)

    # -- generic readers -------------------------------------------------------------------

    def _mapping(
        self, node: Node, allowed: tuple[str, ...], what: str
    ) -> dict[str, tuple[Node, Node]] | None:
        if not isinstance(node, MappingNode):
            self._add(
                node,
                "type",
                f"{what} doit être une suite de champs « nom: valeur ».",
                "Vérifiez l'indentation et les deux-points.",
            )
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if name in fields:
                first_line = fields[name][0].start_mark.line + 1
                self._add(
                    key_node,
                    "champ-double",
                    f"le champ « {name} » apparaît deux fois (déjà à la ligne {first_line}).",
                    "Gardez une seule fois ce champ.",
                )
                continue
            if name not in allowed:
                guess = _closest(fold(name).replace("-", "_").replace(" ", "_"), allowed)
                self._add(
                    key_node,
                    "champ-inconnu",
                    f"champ inconnu « {name} » dans {what}.",
                    f"Vouliez-vous dire « {guess} » ?"
                    if guess
                    else f"Champs possibles : {', '.join(allowed)}.",
                )
                continue
            fields[name] = (key_node, value_node)
        return fields

    def _required_text(
        self, owner: Node, fields: dict[str, tuple[Node, Node]], name: str
    ) -> str | None:
        if name not in fields or _is_null(fields[name][1]):
            self._add(
                owner,
                "champ-manquant",
                f"le champ obligatoire « {name} » manque.",
                f"Ajoutez « {name}: … » à cette entrée.",
            )
            return None
        value = self._optional_text(fields, name)
        if value is not None and not value.strip():
            self._add(
                fields[name][1],
                "champ-vide",
                f"le champ « {name} » est vide.",
                "Donnez-lui un texte.",
            )
            return None
        return value

    def _optional_text(self, fields: dict[str, tuple[Node, Node]], name: str) -> str | None:
        if name not in fields:
            return None
        node = fields[name][1]
        if _is_null(node):
            return None
        if not isinstance(node, ScalarNode):
            self._add(
                node,
                "type",
                f"le champ « {name} » doit être un texte, pas une liste ni un groupe de champs.",
                "Mettez le texte entre guillemets sur une seule valeur.",
            )
            return None
        return str(node.value)

    def _texts(self, fields: dict[str, tuple[Node, Node]], name: str) -> tuple[str, ...]:
        if name not in fields or _is_null(fields[name][1]):
            return ()
        node = fields[name][1]
        if not isinstance(node, SequenceNode):
            self._add(
                node,
                "type",
                f"le champ « {name} » doit être une liste.",
                f'Écrivez-le entre crochets, par exemple : {name}: ["…", "…"].',
            )
            return ()
        texts: list[str] = []
        for item in node.value:
            if isinstance(item, ScalarNode) and not _is_null(item):
                texts.append(str(item.value))
            else:
                self._add(
                    item,
                    "type",
                    f"chaque élément de « {name} » doit être un texte simple.",
                    "Retirez les listes ou champs imbriqués.",
                )
        return tuple(texts)

    def _items(
        self, fields: dict[str, tuple[Node, Node]], name: str, read: Callable[[Node], T | None]
    ) -> tuple[T, ...]:
        if name not in fields or _is_null(fields[name][1]):
            return ()
        node = fields[name][1]
        if not isinstance(node, SequenceNode):
            self._add(
                node,
                "type",
                f"le champ « {name} » doit être une liste d'entrées commençant par « - ».",
                "Mettez chaque entrée sur sa propre ligne, précédée de « - ».",
            )
            return ()
        return tuple(item for item in map(read, node.value) if item is not None)

    def _add(self, node: Node, code: str, message: str, hint: str) -> None:
        self.problems.append(_problem(self.path, node, code, message, hint))


def _problem(path: Path, node: Node, code: str, message: str, hint: str) -> Problem:
    return Problem(Location(path, node.start_mark.line + 1), code, message, hint)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _closest(word: str, choices: tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None
