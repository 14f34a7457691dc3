"""The memoised LaTeX decoding (loading.latex, issue 19) gives exactly what bibtexparser's own
``LatexDecodingMiddleware`` gave: value by value on random values, and reference by reference
on the project's BibTeX files, against the loading path as it was before (rebuilt here from
bibtexparser's middlewares: every value through the middleware, no shortcut, and each entry
decoded with its file's ``@string`` blocks parsed in front of it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser import model as bib
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from hypothesis import given, settings
from hypothesis import strategies as st

from glossaire.loading import bibtex_refs, latex
from glossaire.loading.bibtex_refs import (
    _CLOSING,
    _OPENING,
    VERBATIM_FIELDS,
    RawEntry,
    ReferenceFile,
    decode_entry,
    parse_raw_entries,
    parse_references,
)
from glossaire.model.reference import Reference

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = [ROOT / "data" / "references.bib", *sorted((ROOT / "tests" / "data").glob("*.bib"))]


# -- the path before issue 19, as the reference -------------------------------------------


class _MiddlewareAsBefore(LatexDecodingMiddleware):
    """bibtex_refs' middleware before issue 19, minus its skip of plain text: every value goes
    through bibtexparser's decoder (a new one per parse, as then)."""

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        literal = python_string.replace("\\{", _OPENING).replace("\\}", _CLOSING)
        return super()._transform_python_value_string(literal)

    def transform_entry(self, entry: bib.Entry, library: Library) -> bib.Block:
        verbatim = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS]
        entry.fields = [f for f in entry.fields if f.key.lower() not in VERBATIM_FIELDS]
        try:
            return super().transform_entry(entry, library)
        finally:
            entry.fields = [*entry.fields, *verbatim]


def _parse_as_before(text: str, path: Path) -> ReferenceFile:
    result = ReferenceFile(path)
    with bibtex_refs._CapturedParserWarnings() as warnings:
        library = parse_string(
            text,
            append_middleware=[
                _MiddlewareAsBefore(keep_braced_groups=True),
                SeparateCoAuthors(),
                SplitNameParts(),
            ],
        )
    result.references = [bibtex_refs._reference(entry, path) for entry in library.entries]
    reasons = dict(warnings.reasons)
    result.problems = [
        bibtex_refs._failed_block_problem(block, path, reasons) for block in library.failed_blocks
    ]
    return result


def _decode_entry_as_before(entry: RawEntry, strings: list[str]) -> Reference | None:
    parsed = _parse_as_before("\n".join([*strings, entry.raw]), entry.location.path)
    if not parsed.references:
        return None
    return parsed.references[-1]._replace(location=entry.location)


def _middleware_decoding(value: str) -> tuple[str, str]:
    return LatexDecodingMiddleware(keep_braced_groups=True)._transform_python_value_string(value)


# -- value by value ------------------------------------------------------------------------

# fmt: off
FRAGMENTS = st.sampled_from(
    [
        "Le travail social", "Dhume", "Œuvre", "à l'épreuve", "ç", "É", "d’été", "«\u00a0x\u00a0»",
        "{\\'e}", "\\'{e}", "\\'e", "\\`a", "\\`{a}", "\\^o", '\\"e', "{\\\"i}", "\\c{c}",
        "\\c c", "{\\c{c}}", "{\\oe}", "\\oe{}", "{\\OE}", "\\ae", "\\ss", "\\~n", "\\u{a}",
        "{", "}", "{UNESCO}", "{{Atelier VAE}}", "\\{sic\\}", "\\{", "\\}", "~", "--", "---",
        "-", "$x$", "$\\alpha$", "$", "\\&", "&", "\\%", "%", "50 % des", "\\$", "\\#", "#",
        "^", "_", "\\_", "``", "''", "'", "`", "!`", "?`", "\\\\", "\\", "\\ ", "\\,",
        "\\textbf{gras}", "\\emph{Le Monde}", "\\textit{x}", "\\url{https://a.fr/~b}",
        "\\foo", "\\foo{bar}", "\\LaTeX{}", "\\og{}", "\\fg{}", "\\dots", "\\ldots", "\\S",
        "https://www.cairn.info/revue--2001-1-page-9.htm", "https://x.org/a%20b~c",
        "http://example.com/?q=a&b=c#frag", "10.3917/rfas.011.0009", "10.1000/xyz_(123)<4>",
        " ", "  ", "\n", "\n\n", "\t", "\r\n", ",", ":", " and ", "0", "2001", "\\\\[2pt]",
        "\\begin{itemize}", "\\end{itemize}", "\\item", "\\verb|x|", "\\[", "\\]",
        "\\verb",  # pylatexenc fails on it: an error, the value kept, « latex-invalide »
    ]
)
# fmt: on
VALUES = st.one_of(
    st.lists(FRAGMENTS, max_size=12).map("".join),
    st.text(max_size=60),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=10).map("".join),
)


@settings(max_examples=1500, deadline=None)
@given(VALUES)
def test_a_value_decodes_as_bibtexparsers_middleware_decodes_it(value: str) -> None:
    assert latex.decode(value) == _middleware_decoding(value)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=200), VALUES))
def test_a_value_left_undecoded_is_one_the_decoder_leaves_as_it_is(value: str) -> None:
    """The shortcut is exact, white space included: no _ungroup needed to agree."""
    if not latex.LATEX_AT_WORK.search(value):
        assert _middleware_decoding(value) == (value, "")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "url", "doi", "ids", "author"]), VALUES)))
def test_an_entry_of_random_values_loads_as_before(fields: list[tuple[str, str]]) -> None:
    body = "".join(f"  {name}{i} = {{{value}}},\n" for i, (name, value) in enumerate(fields))
    text = f"@book{{k,\n{body}  author = {{Dupont, Jean}}\n}}\n"
    assert parse_references(text, Path("x.bib")) == _parse_as_before(text, Path("x.bib"))


def test_a_value_pylatexenc_fails_on_is_an_error_every_time() -> None:
    for _ in range(2):  # the second from the memo
        assert latex.decode("Le \\verb") == ("Le \\verb", "string index out of range")
    text = "@book{k, author = {Dupont, Jean}, title = {Le \\verb}}\n"
    (problem,) = parse_references(text, Path("x.bib")).problems
    assert problem.code == "latex-invalide"


def test_verbatim_fields_keep_their_bytes() -> None:
    url = "https://www.cairn.info/revue--2001-1-page-9.htm?a=50%25&b=~x"
    text = f"@online{{k, url = {{{url}}}, doi = {{10.1000/a--b~c%d}}, title = {{a--b}}}}\n"
    (reference,) = parse_references(text, Path("x.bib")).references
    assert reference.fields["url"] == url and reference.fields["doi"] == "10.1000/a--b~c%d"
    assert reference.fields["title"] == "a–b"


def test_the_decoder_and_its_contexts_are_built_once() -> None:
    assert latex._decoder() is latex._decoder()
    before = latex._decoded.cache_info()
    for _ in range(3):
        latex.decode("Fran{\\c{c}}ois Test-19")
    after = latex._decoded.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 2


# -- file by file, entry by entry ----------------------------------------------------------

MACROS = """\
@string{ash = "{\\'E}ditions ASH"}
@string{PUF = {Presses universitaires de France}}
@string{Eres = "{\\'E}r{\\`e}s"}
@string{eres2 = {{\\'E}r{\\`e}s}}
@string{ash = "Doublon ignoré"}
@string{pur = "Presses universitaires de Rennes"}
@string{PUR = "PUR, la seconde, en capitales"}
@string{vide = ""}
@string{num = 12}
@string{tilde = {a~b -- c}}

@book{a, author = {M{\\'e}nard, Jos{\\'e}}, title = {T}, publisher = ash, year = 2001}
@book{b, author = {Dupont, Jean}, title = {T}, publisher = puf, address = ERES, year = 2002}
@book{c, author = {Dupont, Jean}, title = {T}, publisher = Pur, series = eres2, year = num}
@book{d, author = {Dupont, Jean}, title = {ash}, publisher = "ash", note = vide, year = 1}
@book{e, author = {Dupont, Jean}, title = {T}, publisher = inconnu, url = tilde, doi = ash}
@book{f, author = {Dupont, Jean}, title = ash # " et " # puf, editor = ash, year = {2003}}
@book{g, author = {Dupont, Jean,}, title = {nom non découpable}}
@book{h, author = {Dupont, Jean}, ids = {h1, {\\'e}t{\\'e}2001, \\url{h3}}, title = {\\{sic\\}}}
@book{i, author = {Dupont, Jean}, title = {Le \\verb}}
"""


def _project_texts() -> list[tuple[str, str]]:
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in PROJECT_FILES]
    return [*texts, ("macros.bib", MACROS)]


@pytest.mark.parametrize(("name", "text"), _project_texts(), ids=lambda x: x[:20])
def test_a_file_loads_as_before(name: str, text: str) -> None:
    path = Path(name)
    new, old = parse_references(text, path), _parse_as_before(text, path)
    assert new.references == old.references
    assert new.problems == old.problems
    assert new.references  # the file did have references to compare


@pytest.mark.parametrize(("name", "text"), _project_texts(), ids=lambda x: x[:20])
def test_each_entry_decoded_alone_is_as_before_and_as_in_its_file(name: str, text: str) -> None:
    path = Path(name)
    raw = parse_raw_entries(text, path)
    in_file = {reference.key: reference for reference in parse_references(text, path).references}
    for entry in raw.entries:
        decoded = decode_entry(entry, raw.strings)
        assert decoded == _decode_entry_as_before(entry, raw.strings), entry.key
        assert decoded == in_file.get(entry.key), entry.key
        if decoded is not None:
            assert entry.aliases == decoded.aliases, entry.key


def test_the_macros_are_resolved_as_bibtexparser_resolves_them() -> None:
    raw = parse_raw_entries(MACROS, Path("m.bib"))
    decoded = {entry.key: decode_entry(entry, raw.strings) for entry in raw.entries}
    assert "g" not in decoded  # refused when split (« latex-invalide »), as by the file's parse
    assert decoded["i"] is None  # pylatexenc fails on \\verb: « latex-invalide » in the file
    a, b, c, d, e, f, h = (decoded[key] for key in "abcdefh")
    assert a is not None and a.fields["publisher"] == "Éditions ASH"  # the first of two
    assert b is not None and b.fields["address"] == "Érès"  # names are case-insensitive
    assert c is not None and c.fields["publisher"] == "PUR, la seconde, en capitales"
    assert c.fields["year"] == "12"
    assert d is not None and d.fields["publisher"] == "ash" and d.fields["note"] == ""
    # Verbatim fields are not decoded, but lose their grouping braces as every field does.
    assert e is not None and e.fields["url"] == "a~b -- c" and e.fields["doi"] == "\\'Editions ASH"
    assert f is not None and f.fields["editor"] == "Éditions ASH"
    assert f.fields["title"] == 'ash # " et " # puf'  # bibtexparser v2 leaves # as written
    assert h is not None and h.aliases == ("h1", "été2001", "h3") and h.title == "{sic}"


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.sampled_from(["ash", "ASH", "puf", "Puf", "x"]), min_size=1, max_size=4),
    values=st.lists(VALUES, min_size=4, max_size=4),
    uses=st.lists(st.sampled_from(["ash", "Ash", "PUF", "x", "y", '"ash"', "{puf}"]), max_size=4),
)
def test_random_macros_resolve_as_before(
    names: list[str], values: list[str], uses: list[str]
) -> None:
    strings = [
        f"@string{{{name} = {{{value}}}}}" for name, value in zip(names, values, strict=False)
    ]
    body = "".join(f"  f{i} = {use},\n" for i, use in enumerate(uses))
    text = "\n".join([*strings, f"@book{{k,\n{body}  author = {{Dupont, Jean}}\n}}\n"])
    raw = parse_raw_entries(text, Path("r.bib"))
    for entry in raw.entries:
        assert decode_entry(entry, raw.strings) == _decode_entry_as_before(entry, raw.strings)
