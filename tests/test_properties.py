"""Property tests: lookup normalisation; loaders never raise anything but our own errors."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glossaire.catalog.memory import MemoryCatalog
from glossaire.errors import GlossaireError
from glossaire.loading.bibtex_refs import parse_references
from glossaire.loading.textfile import decode
from glossaire.loading.yaml_concepts import parse_concepts
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataSet
from glossaire.model.location import Location
from glossaire.text import fold, lookup_key, search_fold, source_span

FRENCH = st.text(
    alphabet=st.sampled_from(list("abcdeéèêëàâçîïôöùûüœæ ’'-ÉÈÀÇŒ")), min_size=1, max_size=30
)
PATH = Path("x")


def _variants(term: str) -> list[str]:
    return [
        term.upper(), term.lower(), unicodedata.normalize("NFD", term),
        term.replace("'", "’"), term.replace(" ", "-"), term.replace("-", " "),
        fold(term),
    ]  # fmt: skip


@given(FRENCH)
def test_lookup_key_ignores_case_accents_apostrophes_hyphens_and_form(term: str) -> None:
    key = lookup_key(term)
    for variant in _variants(term):
        assert lookup_key(variant) == key


@given(FRENCH.filter(lambda t: lookup_key(t) != ""))
def test_a_term_is_found_by_any_of_its_spellings(term: str) -> None:
    concept = Concept(id="c", terme=term, location=Location(PATH, 1))
    index = MemoryCatalog(DataSet(concepts={concept.id: concept}))
    for variant in _variants(term):
        assert index.find(variant) == concept


@given(st.text(max_size=300))
def test_lookup_never_raises_anything_but_our_errors(query: str) -> None:
    concept = Concept(id="reseau", terme="Réseau", location=Location(PATH, 1))
    index = MemoryCatalog(DataSet(concepts={"reseau": concept}))
    try:
        found = index.find(query)
    except GlossaireError as error:
        assert query in error.message or not query.strip()
    else:
        assert found.id == "reseau"
        assert lookup_key(query) in ("reseau", "reseaux")


YAML_PIECES = st.sampled_from(
    ["- ", "id: ", "terme: ", "definitions:", "  ", "\n", ":", "[", "]", "{", "}", '"', "'",
     "#", "&a", "*a", "!!python/object ", "texte: ", "source: x", "- texte: y", "\t", "é", "«",
     "|", ">", "? ", "...", "---", "%YAML 1.1", "null", "~", "0x1", "4.10", "<<: *a"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(YAML_PIECES, max_size=40).map("".join) | st.text(max_size=200))
def test_yaml_loader_returns_problems_never_raises(text: str) -> None:
    parsed = parse_concepts(text, PATH)
    for problem in parsed.problems:
        assert problem.message and problem.location.path == PATH


BIB_PIECES = st.sampled_from(
    ["@book{", "@string{", "@comment{", "}", "{", ",", "=", '"', "author", "title", " and ",
     "\\'e", "\\c{c}", "{\\\"o}", "\\textit{", "$", "%", "\n", "key1", "others", "@", "#", "é"]
)  # fmt: skip


@settings(max_examples=300)
@given(st.lists(BIB_PIECES, max_size=40).map("".join) | st.text(max_size=200))
def test_bibtex_loader_returns_problems_never_raises(text: str) -> None:
    parsed = parse_references(text, PATH)
    for reference in parsed.references:
        assert isinstance(reference.title, str)


@given(st.binary(max_size=200))
def test_decoding_arbitrary_bytes_raises_only_our_error(raw: bytes) -> None:
    try:
        decoded = decode(raw, PATH)
    except GlossaireError as error:
        assert "x" in error.message
    else:
        assert "\r" not in decoded.text
        assert decoded.text == unicodedata.normalize("NFC", decoded.text)


@given(st.one_of(FRENCH, st.text(max_size=40)), st.data())
def test_a_folded_span_maps_back_to_the_smallest_source_span(text: str, data) -> None:
    """``search`` finds a needle in the folded text and highlights ``source_span`` of the
    original: the span must fold to cover the match, and be no larger than needed."""
    folded = search_fold(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    first, last = source_span(text, start, end)
    assert 0 <= first < last <= len(text)
    assert len(search_fold(text[:first])) <= start < len(search_fold(text[: first + 1]))
    assert len(search_fold(text[: last - 1])) < end <= len(search_fold(text[:last]))
    assert folded[start:end] in search_fold(text[first:last])


def _fold_by_definition(text: str) -> str:
    """What ``fold`` means, one character at a time (too slow for an index build)."""
    ligatures = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
    decomposed = unicodedata.normalize("NFKD", text.translate(ligatures).casefold())
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return kept.translate(ligatures)


@given(st.one_of(FRENCH, st.text(max_size=40)))
def test_fold_is_its_definition(text: str) -> None:
    assert fold(text) == _fold_by_definition(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_text_without_latex_decodes_to_itself(text: str) -> None:
    """The loader skips the LaTeX decoder for such text (a 1 MB abstract took seconds):
    the decoder itself must agree that there was nothing to decode."""
    from bibtexparser.middlewares import LatexDecodingMiddleware

    from glossaire.loading.bibtex_refs import _LATEX_AT_WORK, _ungroup

    assume(not _LATEX_AT_WORK.search(text))
    decoder = LatexDecodingMiddleware(keep_braced_groups=True)
    decoded, error = decoder._transform_python_value_string(text)
    assert not error
    assert _ungroup(decoded) == _ungroup(text)


def _listed_rows(alphabet: str) -> st.SearchStrategy[list[tuple[str, str, list[str]]]]:
    text = st.text(alphabet=st.sampled_from(list(alphabet)), max_size=12)
    row = st.tuples(text, text, st.lists(text, max_size=2))
    return st.lists(row, min_size=101, max_size=130)


@settings(max_examples=150)
@given(
    rows=st.one_of(
        _listed_rows('aé’« »-:"\\'),  # printable: only quotes and backslashes to escape
        _listed_rows('aé’« »\xa0"\\\t\x00\x85\x9b\u202e\u2066\u2028 -:'),
    )
)
def test_the_long_json_listing_is_the_standard_encoding_with_c1_escaped(rows) -> None:
    """Whatever its strings, the column-wise listing is ``json.dumps`` of each record, one
    per line, with C1 and bidi characters as ``\\u`` escapes and nothing else changed."""
    import json
    import re

    from glossaire.catalog.contract import ListedConcept, ListedConcepts
    from glossaire.cli.render.as_json import render
    from glossaire.services.results import ConceptListing

    concepts = tuple(ListedConcept(i, t, tuple(c), ("DC1",)) for i, t, c in rows)
    expected = ",\n".join(
        json.dumps(
            {"id": c.id, "terme": c.terme, "chapitres": list(c.chapitres), "domaines": ["DC1"]},
            ensure_ascii=False,
        )
        for c in concepts
    )
    expected = re.sub(
        "[\x80-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", expected
    )
    assert render(ConceptListing(ListedConcepts.of(concepts), None, None)) == f"[\n{expected}\n]"
