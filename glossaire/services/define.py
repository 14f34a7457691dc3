"""``define``: the candidate's own definition, in their own folder, with its history."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossaire.catalog.contract import StagedEntries
from glossaire.loading.yaml_personal import PERSONAL_FILE, parse_personal
from glossaire.paths import user_data_dir
from glossaire.services.results import DefinitionHistory
from glossaire.services.writes import Plan, WriteRefused, write_planned
from glossaire.writing.append import current_text, planned_append
from glossaire.writing.yaml_text import entry_text, item_indent

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog


class Defined(NamedTuple):
    concept_id: str
    term: str
    path: Path
    replaced: bool  # an earlier version exists, kept in the history


def define(query: str, text: str, data_option: str | None) -> Defined:
    """Personal, so always the user's folder, even when a group folder is in use."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    if not text:
        raise WriteRefused("la définition est vide.", 'Écrivez-la entre guillemets : "…".')
    path = user_data_dir() / PERSONAL_FILE
    found: list[tuple[str, str, bool]] = []

    def plan(catalog: Catalog) -> Plan:
        concept = catalog.find(query)
        personal = catalog.facts.personal
        found.append((concept.id, concept.terme, concept.id in personal))
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        entry = entry_text(
            [("id", concept.id), ("texte", text), ("date", stamp)],
            indent=item_indent(current_text(path)),
        )
        data, new_text, original, state = planned_append(path, entry)
        versions, _problems, unreadable = parse_personal(new_text, path)
        count = sum(len(v) for v in personal.values())
        if unreadable or len(versions) != count + 1 or versions[-1].text != text:
            raise WriteRefused(
                f"{path} ne se relit pas comme prévu.",
                "Ne modifiez ce fichier qu'avec « glossaire define » ; rien n'a été écrit.",
            )
        entries = StagedEntries(personal=(versions[-1],))
        return Plan(path, data, entries, original=original, original_state=state)

    write_planned(path.parent, data_option, plan)
    concept_id, term, replaced = found[-1]
    return Defined(concept_id, term, path, replaced)


def history(catalog: Catalog, query: str) -> DefinitionHistory:
    concept = catalog.find(query)
    versions = catalog.facts.personal.get(concept.id, ())
    return DefinitionHistory(concept.id, concept.terme, tuple(reversed(versions)))
