"""Reading composed YAML nodes by hand: every value keeps its line, nothing is constructed.

Shared by the readers of concepts.yaml and referentiel.yaml, so both report the same French
problems (unknown field with a suggestion, missing field, wrong type) at the right line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossaire.errors import did_you_mean
from glossaire.model.location import Location
from glossaire.model.problem import Problem
from glossaire.text import fold

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"

T = TypeVar("T")
Fields = dict[str, tuple[Node, Node]]


class NodeReader:
    """Reads values out of nodes, appending a problem for each thing it cannot accept."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def mapping(self, node: Node, allowed: tuple[str, ...], what: str) -> Fields | None:
        if not isinstance(node, MappingNode):
            self.add(
                node,
                "type",
                f"{what} doit être une suite de champs « nom: valeur ».",
                "Vérifiez l'indentation et les deux-points.",
            )
            return None
        fields: Fields = {}
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if name in fields:
                first_line = fields[name][0].start_mark.line + 1
                self.add(
                    key_node,
                    "champ-double",
                    f"le champ « {name} » apparaît deux fois (déjà à la ligne {first_line}).",
                    "Gardez une seule fois ce champ.",
                )
                continue
            if name not in allowed:
                guess = closest(fold(name).replace("-", "_").replace(" ", "_"), allowed)
                self.add(
                    key_node,
                    "champ-inconnu",
                    f"champ inconnu « {name} » dans {what}.",
                    did_you_mean([f"« {guess} »"])
                    if guess
                    else f"Champs possibles : {', '.join(allowed)}.",
                )
                continue
            fields[name] = (key_node, value_node)
        return fields

    def required_text(self, owner: Node, fields: Fields, name: str) -> str | None:
        if name not in fields or is_null(fields[name][1]):
            self.add(
                owner,
                "champ-manquant",
                f"le champ obligatoire « {name} » manque.",
                f"Ajoutez « {name}: … » à cette entrée.",
            )
            return None
        value = self.optional_text(fields, name)
        if value is not None and not value.strip():
            self.add(
                fields[name][1],
                "champ-vide",
                f"le champ « {name} » est vide.",
                "Donnez-lui un texte.",
            )
            return None
        return value

    def optional_text(self, fields: Fields, name: str) -> str | None:
        if name not in fields:
            return None
        node = fields[name][1]
        if is_null(node):
            return None
        if not isinstance(node, ScalarNode):
            self.add(
                node,
                "type",
                f"le champ « {name} » doit être un texte, pas une liste ni un groupe de champs.",
                "Mettez le texte entre guillemets sur une seule valeur.",
            )
            return None
        return str(node.value)

    def texts(self, fields: Fields, name: str) -> tuple[str, ...]:
        node = self._sequence(
            fields,
            name,
            f"le champ « {name} » doit être une liste.",
            f'Écrivez-le entre crochets, par exemple : {name}: ["…", "…"].',
        )
        if node is None:
            return ()
        texts: list[str] = []
        for item in node.value:
            if isinstance(item, ScalarNode) and not is_null(item):
                texts.append(str(item.value))
            else:
                self.add(
                    item,
                    "type",
                    f"chaque élément de « {name} » doit être un texte simple.",
                    "Retirez les listes ou champs imbriqués.",
                )
        return tuple(texts)

    def items(self, fields: Fields, name: str, read: Callable[[Node], T | None]) -> tuple[T, ...]:
        node = self._sequence(
            fields,
            name,
            f"le champ « {name} » doit être une liste d'entrées commençant par « - ».",
            "Mettez chaque entrée sur sa propre ligne, précédée de « - ».",
        )
        if node is None:
            return ()
        return tuple(item for item in map(read, node.value) if item is not None)

    def _sequence(self, fields: Fields, name: str, message: str, hint: str) -> Node | None:
        """The field's list node; None when absent, empty, or not a list (said in a problem)."""
        if name not in fields or is_null(fields[name][1]):
            return None
        node = fields[name][1]
        if not isinstance(node, SequenceNode):
            self.add(node, "type", message, hint)
            return None
        return node

    def add(self, node: Node, code: str, message: str, hint: str) -> None:
        self.problems.append(node_problem(self.path, node, code, message, hint))


def node_problem(path: Path, node: Node, code: str, message: str, hint: str) -> Problem:
    return Problem(Location(path, node.start_mark.line + 1), code, message, hint)


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def closest(word: str, choices: tuple[str, ...]) -> str | None:
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def compose_root(
    text: str, path: Path, expected: type[Node], message: str, hint: str, problems: list[Problem]
) -> tuple[Node | None, bool]:
    """The document's root node, if it is of the ``expected`` kind, and whether the whole
    file is unreadable (YAML syntax, wrong structure: the reason goes to ``problems``). An
    empty document gives no node and is readable."""
    from glossaire.loading.yaml_syntax import syntax_problem

    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as error:
        problems.append(syntax_problem(error, path))
        return None, True
    if root is None or is_null(root):
        return None, False
    if not isinstance(root, expected):
        problems.append(node_problem(path, root, "structure", message, hint))
        return None, True
    return root, False
