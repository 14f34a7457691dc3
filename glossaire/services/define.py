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
from glossaire.services.writes import WriteRefused, append_checked, open_index_or_none
from glossaire.writing.append import append_entry, current_text
from glossaire.writing.lock import folder_lock
from glossaire.writing.yaml_text import entry_text, item_indent

if TYPE_CHECKING:
    from glossaire.catalog.memory import Catalog


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
    with folder_lock(folder):
        indexed = open_index_or_none(data_option)
        catalog = indexed if indexed is not None else _full_catalog(data_option)
        concept = catalog.find(query)
        earlier = catalog.dataset.personal.get(concept.id, [])
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        old_text = current_text(path)
        entry = entry_text(
            [("id", concept.id), ("texte", text), ("date", stamp)], indent=item_indent(old_text)
        )
        count = sum(len(v) for v in catalog.dataset.personal.values())
        written: list[PersonalDefinition] = []

        def parsed_back(new_text: str) -> None:
            found, _problems, unreadable = parse_personal(new_text, path)
            if unreadable or len(found) != count + 1 or found[-1].text != text:
                raise WriteRefused(
                    f"{path} ne se relit pas comme prévu.",
                    "Ne modifiez ce fichier qu'avec « glossaire define » ; rien n'a été écrit.",
                )
            written.append(found[-1])

        if indexed is not None:
            # The concept exists (found above) and the file reads back: nothing else in the
            # data set depends on a personal definition, so no whole-data-set check is due.
            data = append_entry(path, entry, parsed_back)
            from glossaire.catalog.index.update import personal_added

            personal_added(indexed, path, written[-1], data)
        else:
            append_checked(catalog, data_option, path, entry, parsed_back)
    return Defined(concept.id, concept.terme, path, bool(earlier))


def _full_catalog(data_option: str | None) -> Catalog:
    from glossaire.catalog.memory import Catalog
    from glossaire.loading.dataset import load_dataset

    return Catalog(load_dataset(data_option))


def history(catalog: Catalog, query: str) -> DefinitionHistory:
    concept = catalog.find(query)
    versions = catalog.dataset.personal.get(concept.id, [])
    return DefinitionHistory(concept.id, concept.terme, tuple(reversed(versions)))


def current_definition(catalog: Catalog, concept_id: str) -> PersonalDefinition | None:
    versions = catalog.dataset.personal.get(concept_id)
    return versions[-1] if versions else None
