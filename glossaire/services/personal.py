"""``define``: the candidate's own definition, in their own folder, with its history."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.loading.yaml_personal import PERSONAL_FILE, parse_personal
from glossaire.model.personal import PersonalDefinition
from glossaire.paths import user_data_dir
from glossaire.services.results import DefinitionHistory
from glossaire.services.writes import WriteRefused, append_checked, locked_catalog
from glossaire.writing.append import current_text
from glossaire.writing.yaml_text import entry_text, item_indent

if TYPE_CHECKING:
    from glossaire.services.catalog import Catalog


@dataclass(frozen=True, slots=True)
class Defined:
    concept_id: str
    term: str
    path: Path
    replaced: bool  # an earlier version exists, kept in the history


def define(query: str, text: str, data_option: str | None) -> Defined:
    """Personal, so always the user's folder, even when a group folder is in use."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    if not text:
        raise WriteRefused("la définition est vide.", 'Écrivez-la entre guillemets : "…".')
    folder = user_data_dir()
    path = folder / PERSONAL_FILE
    with locked_catalog(folder, data_option) as catalog:
        concept = catalog.find(query)
        earlier = catalog.dataset.personal.get(concept.id, [])
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        old_text = current_text(path)
        entry = entry_text(
            [("id", concept.id), ("texte", text), ("date", stamp)], indent=item_indent(old_text)
        )
        count = sum(len(v) for v in catalog.dataset.personal.values())

        def parsed_back(new_text: str) -> None:
            found, _problems, unreadable = parse_personal(new_text, path)
            if unreadable or len(found) != count + 1 or found[-1].text != text:
                raise WriteRefused(
                    f"{path} ne se relit pas comme prévu.",
                    "Ne modifiez ce fichier qu'avec « glossaire define » ; rien n'a été écrit.",
                )

        append_checked(catalog, data_option, path, entry, parsed_back)
    return Defined(concept.id, concept.terme, path, bool(earlier))


def history(catalog: Catalog, query: str) -> DefinitionHistory:
    concept = catalog.find(query)
    versions = catalog.dataset.personal.get(concept.id, [])
    return DefinitionHistory(concept.id, concept.terme, tuple(reversed(versions)))


def current_definition(catalog: Catalog, concept_id: str) -> PersonalDefinition | None:
    versions = catalog.dataset.personal.get(concept_id)
    return versions[-1] if versions else None
