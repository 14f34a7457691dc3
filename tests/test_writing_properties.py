"""Property tests of the writers: whatever the user's file looks like and whatever French text
is added, the prior bytes are kept and the text comes back exactly."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossaire.loading.dataset import load_dataset
from glossaire.loading.yaml_concepts import parse_concepts
from glossaire.services.add import NewConcept, add_concept
from glossaire.services.define import define
from glossaire.writing.yaml_text import quoted


@pytest.fixture(autouse=True)
def _both_catalogs(index_mode: str) -> str:
    """Every write runs with the index and with ``GLOSSAIRE_INDEX=0``."""
    return index_mode


FRENCH = "abcdeéèêàâçîïôûùœæ ABCÉÈÀÇŒ0123456789'’\"«»:;,.?!#-–—()[]{}&%@*/\\\t\n\u00a0"
french_text = st.text(alphabet=FRENCH, min_size=1, max_size=80).filter(
    lambda t: t.strip() == t and t != "" and unicodedata.normalize("NFC", t) == t
)
leading = st.sampled_from(["- ", "-- ", "# ", "« ", ": ", "&", "*", "!", "%", "@", "'", '"', "? "])
tricky_text = st.builds(lambda a, b: (a + b).strip() or "x", leading, french_text)


@st.composite
def existing_file(draw: st.DrawFn) -> bytes:
    """A valid concepts.yaml as people write them: comments, blank lines, any quoting style,
    CRLF or LF, BOM or not, final newline or not, items indented or not."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    indent = draw(st.sampled_from(["", "  "]))
    lines = []
    if draw(st.booleans()):
        lines.append("# Concepts de mon groupe : « à compléter »")
    for number in range(draw(st.integers(0, 4))):
        term = draw(french_text).replace("\n", " ").replace("\t", " ") or "t"
        style = draw(st.sampled_from(["double", "single", "plain"]))
        if style == "single":
            shown = "'" + term.replace("'", "''") + "'"
        elif style == "plain" and term.isalnum():
            shown = term
        else:
            shown = quoted(term)
        lines.append(f"{indent}- id: existant-{number}   # n° {number}")
        lines.append(f"{indent}  terme: {shown}")
        lines.extend([""] * draw(st.integers(0, 2)))
    text = newline.join(lines)
    if lines and draw(st.booleans()):
        text += newline
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(prior=existing_file(), terme=tricky_text, definition=tricky_text)
def test_add_keeps_prior_bytes_and_returns_the_text(
    prior: bytes, terme: str, definition: str
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        path = folder / "concepts.yaml"
        path.write_bytes(prior)
        os.environ["GLOSSAIRE_USER_DIR"] = str(folder / "utilisateur")
        add_concept(
            NewConcept("nouveau", terme, definition, "atelier2016", variantes=(terme,)),
            str(folder),
        )
        written = path.read_bytes()
        assert written.startswith(prior)
        concept = load_dataset(str(folder)).concepts["nouveau"]
        assert concept.terme == terme
        assert concept.definitions[0].texte == definition
        assert concept.variantes == (terme,)
        before = parse_concepts(prior.decode("utf-8-sig").replace("\r\n", "\n"), path).concepts
        after = parse_concepts(written.decode("utf-8-sig").replace("\r\n", "\n"), path).concepts
        assert [c.terme for c in after] == [*(c.terme for c in before), terme]


@SETTINGS
@given(texts=st.lists(tricky_text, min_size=1, max_size=3))
def test_define_keeps_every_version(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        os.environ["GLOSSAIRE_USER_DIR"] = temp
        path = Path(temp) / "mes-definitions.yaml"
        for text in texts:
            before = path.read_bytes() if path.exists() else b""
            define("réseau", text, None)
            assert path.read_bytes().startswith(before)
        versions = load_dataset().personal["reseau"]
        assert [v.text for v in versions] == texts


@SETTINGS
@given(
    prior=existing_file(),
    entry=tricky_text,
    window=st.integers(1, 200),
    known_utf8=st.booleans(),
)
def test_planning_from_the_end_agrees_with_planning_the_whole_file(
    prior: bytes, entry: str, window: int, known_utf8: bool
) -> None:
    """``add`` reads only the end of a large file: same bytes written, and its end is the end
    of the whole text, after as many lines as the whole text has before it."""
    from glossaire.writing import append

    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "concepts.yaml"
        path.write_bytes(prior)
        planned = append.planned_append(path, f"- id: x\n  terme: {quoted(entry)}\n")
        data, text = planned.data, planned.text
        saved = append.END_WINDOW
        append.END_WINDOW = window
        try:
            planned = append.planned_append_end(
                path, f"- id: x\n  terme: {quoted(entry)}\n", known_utf8
            )
        finally:
            append.END_WINDOW = saved
    whole = text.replace("\r\n", "\n")
    assert planned.data == data
    assert whole.endswith(planned.end)
    assert planned.lines_before == whole[: len(whole) - len(planned.end)].count("\n")
