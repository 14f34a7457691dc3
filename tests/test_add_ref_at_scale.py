"""``add-ref`` of one entry decodes that entry and the few the library shares a work with,
never the whole library (issue 19: decoding 10 000 entries took seconds). Counted, not
timed: the LaTeX decoding middleware is the one place every decoded entry goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from bench.generate import generate
from glossaire.loading import bibtex_refs
from tests.conftest import Invoke

LIBRARY_SIZE = 300
DECODED_AT_MOST = 10  # the incoming entries, the work found, the parse back: a handful


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The key of every entry LaTeX-decoded from now on, in this process."""
    keys: list[str] = []
    original = bibtex_refs._DecodingAllButVerbatim.transform_entry

    def counting(self, entry, library):  # type: ignore[no-untyped-def]
        keys.append(entry.key)
        return original(self, entry, library)

    monkeypatch.setattr(bibtex_refs._DecodingAllButVerbatim, "transform_entry", counting)
    return keys


def _library(tmp_path: Path, invoke: Invoke) -> tuple[Path, str]:
    """A generated library whose index a warm ``show`` has built; its first entry's text."""
    generated = generate(tmp_path / "bibliotheque", LIBRARY_SIZE)
    folder = generated.folder
    assert invoke("--data", str(folder), "show", generated.first_term).exit_code == 0
    first = parse_string((folder / "references.bib").read_text("utf-8")).entries[0]
    return folder, first.raw or ""


def test_adding_one_entry_decodes_a_handful_of_entries(
    tmp_path: Path, invoke: Invoke, decoded: list[str]
) -> None:
    folder, _first = _library(tmp_path, invoke)
    decoded.clear()
    new = (
        "@book{nouveau2020, author = {Martin, L{\\'e}a}, title = {Ouvrage}, year = 2020,"
        " publisher = {P}}"
    )
    result = invoke("--data", str(folder), "add-ref", input=new)
    assert result.exit_code == 0, result.stderr
    assert "nouveau2020" in (folder / "references.bib").read_text("utf-8")
    assert 0 < len(decoded) <= DECODED_AT_MOST, decoded


def test_a_work_already_there_is_found_without_decoding_the_library(
    tmp_path: Path, invoke: Invoke, decoded: list[str]
) -> None:
    """The same work under another key: found through the index, and left out."""
    folder, first = _library(tmp_path, invoke)
    key = first[first.index("{") + 1 : first.index(",")]
    decoded.clear()
    result = invoke("--data", str(folder), "add-ref", input=first.replace(key, "autrecle", 1))
    assert result.exit_code == 0, result.stderr
    assert f"clé « {key} »" in result.stdout and "Rien de nouveau" in result.stdout
    assert 0 < len(decoded) <= DECODED_AT_MOST, decoded
