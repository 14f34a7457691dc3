"""The bundled glossary is faithful to the workshop journal and keeps its participants private."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from glossaire.loading.dataset import load_dataset
from tests.conftest import REPO, SEED_JOURNAL

pytestmark = pytest.mark.skipif(
    not SEED_JOURNAL.is_file(),
    reason="the workshop journal (../shared/seed) is not beside the repo",
)


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def test_every_quotation_is_verbatim_in_the_journal() -> None:
    journal = _flat(SEED_JOURNAL.read_text(encoding="utf-8"))
    dataset = load_dataset()
    quotations = [
        (concept.id, definition.texte)
        for concept in dataset.concepts.values()
        for definition in concept.definitions
        if definition.nature == "citation"
    ]
    assert len(quotations) >= 4
    for concept_id, quotation in quotations:
        assert _flat(quotation) in journal, f"{concept_id}: not verbatim in the journal"


def test_every_concept_has_a_sourced_definition() -> None:
    dataset = load_dataset()
    for concept in dataset.concepts.values():
        assert any(d.source in dataset.references for d in concept.definitions), concept.id


def _participant_names() -> set[str]:
    """Speakers of the journal (« Prénom : … » at least twice), read from the journal itself
    so that no name has to be written in this repository."""
    speakers = Counter(
        match.group(1)
        for line in SEED_JOURNAL.read_text(encoding="utf-8").splitlines()
        if (match := re.match(r"\s*([A-Z][a-zé]+(?:-[A-Z][a-zé]+)?)(?: [A-Z]{2,})? ?:", line))
    )
    return {name for name, count in speakers.items() if count >= 2}


def test_no_participant_name_appears_in_the_product() -> None:
    names = _participant_names()
    assert len(names) >= 4  # the extraction works, so the check below can fail
    files = [
        path
        for folder in ("data", "docs", "glossaire", "tests")
        for path in (REPO / folder).rglob("*")
        if path.is_file() and path.suffix in {".yaml", ".bib", ".md", ".py", ".txt", ".json", ".po"}
    ] + [REPO / "README.md"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert not re.search(rf"\b{re.escape(name)}\b", text), f"{name} in {path.name}"
