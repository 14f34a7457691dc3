"""mes-definitions.yaml: the candidate's own definitions, one entry per version written.

The file is only ever appended to: ``define`` adds a version, the latest per concept is the
current one, the earlier ones are its history. Nothing the candidate wrote is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import SequenceNode

from glossaire.loading.yaml_nodes import NodeReader, compose_root
from glossaire.model.location import Location
from glossaire.model.personal import PersonalDefinition
from glossaire.model.problem import Problem

PERSONAL_FILE = "mes-definitions.yaml"
FIELDS = ("id", "texte", "date")


def parse_personal(text: str, path: Path) -> tuple[list[PersonalDefinition], list[Problem], bool]:
    """Definitions, entry-level problems, and whether the whole file is unreadable."""
    problems: list[Problem] = []
    root, unreadable = compose_root(
        text,
        path,
        SequenceNode,
        "le fichier de vos définitions doit être une liste d'entrées « - id: … ».",
        "Ne modifiez ce fichier qu'avec « glossaire define ».",
        problems,
    )
    if root is None:
        return [], problems, unreadable
    reader = NodeReader(path, problems)
    found = []
    for node in root.value:
        fields = reader.mapping(node, FIELDS, "une définition personnelle")
        if fields is None:
            continue
        concept_id = reader.required_text(node, fields, "id")
        texte = reader.required_text(node, fields, "texte")
        if concept_id is None or texte is None:
            continue
        location = Location(path, node.start_mark.line + 1)
        found.append(
            PersonalDefinition(concept_id, texte, reader.optional_text(fields, "date"), location)
        )
    return found, problems, False
