"""The Word and LibreOffice writers at a group's scale (issue 19): linear, and unchanged.

python-docx's ``Document.add_paragraph`` looked for the body's closing ``w:sectPr`` among all
the paragraphs already written, every time: 181 s for 10 000 concepts. The writer now appends
in constant time, and a few shortcuts skip character-by-character loops in python-docx and
odfpy. These tests hold the two promises of that change without timing anything:

- the files are the very ones the libraries' own, slow, calls build (the same bytes), read
  back in reading order with the right styles, texts and emphasis;
- the work per paragraph does not grow with the document: the children the docx writer makes
  python-docx scan are counted, and the Python calls the odt writer makes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossaire.export import docx_file, labels, odt_file
from glossaire.export.document import (
    ExportDefinition,
    ExportDocument,
    ExportEntry,
    ExportReferral,
    LexiconItem,
)
from glossaire.export.runs import Run
from tests.conftest import Invoke

NNBSP = "\u202f"
QUOTE = f"«{NNBSP}tacheté{NNBSP}»"
# Tabs, line breaks and runs of spaces take the libraries' slow, exact path; the rest the
# shortcut: a document holds both.
AWKWARD = "deux  espaces,\tune tabulation\net un saut de ligne"


def _entry(n: int, depth: int = 0) -> ExportEntry:
    return ExportEntry(
        concept_id=f"c{n}",
        term=f"Concept {n}",
        depth=depth,
        definitions=(
            ExportDefinition(f"{QUOTE} {n}", True, f"(Roux 2020, p.\u00a0{n})"),
            ExportDefinition(f"Définition {n} : {AWKWARD}", False, None),
        ),
        my_definition=f" Ma version {n} ",  # blanks at both ends: xml:space="preserve"
        contrasts=((f"Autre {n}", "la différence"),),
        examples=((f"Exemple {n}", "(Roux 2020)"), (f"Sans source {n}", None)),
    )


def _document(count: int) -> ExportDocument:
    """``count`` entries, each with a child and a grandchild under it (depth 0, 1, 2) and
    a referral at its letter, and ``count`` references."""
    lexicon: list[LexiconItem] = []
    for n in range(count):
        lexicon.append(ExportReferral(f"Renvoi {n}", f"Concept {n}", f"c{n}"))
        lexicon += [_entry(n), _entry(n + count, 1), _entry(n + 2 * count, 2)]
    bibliography = tuple(
        (
            Run(f"ROUX, Léa {n}. "),
            Run("Pourquoi des félins ?", italic=True),
            Run(" 2", bold=True),
            Run("e", superscript=True),
            Run(f" éd.  {AWKWARD}"),
        )
        for n in range(count)
    )
    return ExportDocument("Lexique et bibliographie", "ISO 690", tuple(lexicon), bibliography)


def _expected(document: ExportDocument) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of the annex, in reading order, as Word shows them."""
    rows = [
        ("Title", document.title),
        ("Normal", labels.style_note(document.style_name)),
        ("Heading 1", labels.LEXICON),
    ]
    for item in document.lexicon:
        if isinstance(item, ExportReferral):
            rows.append(("Renvoi", f"{item.term}{labels.ARROW}{labels.SEE} {item.target_term}"))
            continue
        rows.append((f"Heading {2 + item.depth}", item.term))
        for definition in item.definitions:
            style = "Quote" if definition.quotation else "Normal"
            citation = f" {definition.citation}" if definition.citation else ""
            rows.append((style, definition.text + citation))
        rows.append(("Normal", f"{labels.MY_DEFINITION} {item.my_definition}"))
        for other, difference in item.contrasts:
            rows.append(("List Bullet", f"{labels.CONTRAST} {other}{labels.SEPARATOR}{difference}"))
        for text, cited in item.examples:
            rows.append(
                ("List Bullet", f"{labels.EXAMPLE} {text}" + (f" {cited}" if cited else ""))
            )
    rows.append(("Heading 1", labels.BIBLIOGRAPHY))
    rows += [("Normal", "".join(run.text for run in runs)) for runs in document.bibliography]
    return rows


# -- Word -------------------------------------------------------------------------------------


def test_docx_paragraphs_come_in_reading_order_with_their_styles_and_emphasis() -> None:
    import docx
    from docx.oxml.ns import qn

    document = _document(3)
    word = docx.Document(io.BytesIO(docx_file.render(document)))
    paragraphs = word.paragraphs
    assert [(p.style.name, p.text) for p in paragraphs] == _expected(document)
    body = word.element.body
    assert body[-1].tag == qn("w:sectPr") and len(body.findall(qn("w:sectPr"))) == 1
    referral = next(p for p in paragraphs if p.style.name == "Renvoi")
    assert [(r.text, r.bold, r.italic) for r in referral.runs] == [
        ("Renvoi 0", True, None),
        (labels.ARROW, None, None),
        (labels.SEE, None, True),
        (" Concept 0", None, None),
    ]
    reference = paragraphs[-1]
    assert [(r.italic, r.bold, r.font.superscript) for r in reference.runs] == [
        (None, None, None),
        (True, None, None),
        (None, True, None),
        (None, None, True),
        (None, None, None),
    ]
    assert reference.paragraph_format.first_line_indent < 0  # hanging: the author stands out


def test_a_heading_deeper_than_word_has_is_word_s_deepest() -> None:
    import docx

    deep = ExportDocument("T", "ISO 690", (_entry(1, depth=12),), ())
    word = docx.Document(io.BytesIO(docx_file.render(deep)))
    assert [p.style.name for p in word.paragraphs if p.text == "Concept 1"] == ["Heading 9"]


def _python_docx_own_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer as it was: every paragraph, heading and run through python-docx's API."""
    monkeypatch.setattr(
        docx_file._Body,
        "paragraph",
        lambda self, text="", style=None: self.word.add_paragraph(text, style),
    )
    monkeypatch.setattr(
        docx_file._Body, "heading", lambda self, text, level: self.word.add_heading(text, level)
    )
    monkeypatch.setattr(docx_file, "_run", lambda paragraph, text: paragraph.add_run(text))


def _odfpy_own_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    from odf import teletype

    monkeypatch.setattr(odt_file, "_add_text", teletype.addTextToElement)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


OWN_CALLS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "docx": _python_docx_own_calls,
    "odt": _odfpy_own_calls,
}


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_file_is_the_one_the_library_s_own_calls_build(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = docx_file if fmt == "docx" else odt_file
    document = _document(4)
    if fmt == "odt":
        _first_odt_of_the_process()
    fast = _parts(writer.render(document))
    with monkeypatch.context() as patched:
        OWN_CALLS[fmt](patched)
        slow = _parts(writer.render(document))
    assert fast.keys() == slow.keys()
    for name in fast:
        assert fast[name] == slow[name], name


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_bundled_annex_is_the_one_the_library_s_own_calls_build(
    fmt: str, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def export(name: str) -> dict[str, bytes]:
        path = tmp_path / f"{name}.{fmt}"
        args = ("export", "--tout", "--avec-exemples", "--mes-definitions", "-o", str(path))
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        return _parts(path.read_bytes())

    if fmt == "odt":
        _first_odt_of_the_process()
    fast = export("rapide")
    with monkeypatch.context() as patched:
        OWN_CALLS[fmt](patched)
        slow = export("lent")
    assert fast == slow


def _first_odt_of_the_process() -> None:
    """odfpy keeps the namespaces it has met in a class attribute, shared by every document
    of the process: the first one written declares fewer than the next (harmless, and the
    CLI writes one). Written here, it leaves the two compared files on an equal footing."""
    odt_file.render(_document(1))


class _BodyScans:
    """Counts the children python-docx looks through when it searches an element for where
    a new child goes (``first_child_found_in``, behind ``insert_element_before``): the body's
    ones, which grow with the document, and all of them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from docx.oxml.ns import qn
        from docx.oxml.xmlchemy import BaseOxmlElement

        self.body_searches = 0
        self.children_seen = 0
        body_tag = qn("w:body")
        original = BaseOxmlElement.first_child_found_in

        def counted(element: Any, *tagnames: str) -> Any:
            self.children_seen += len(element)
            self.body_searches += element.tag == body_tag
            return original(element, *tagnames)

        monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", counted)


def test_the_counter_sees_python_docx_s_own_add_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counter is live: the quadratic call it guards against shows in it."""
    import docx

    scans = _BodyScans(monkeypatch)
    word = docx.Document()
    for _ in range(3):
        word.add_paragraph("x")
    assert scans.body_searches == 3


def test_the_docx_writer_never_searches_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.document import Document

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("Document.add_paragraph/add_heading: quadratic over a whole annex")

    monkeypatch.setattr(Document, "add_paragraph", refused)
    monkeypatch.setattr(Document, "add_heading", refused)
    scans = _BodyScans(monkeypatch)
    docx_file.render(_document(20))
    assert scans.body_searches == 0


def test_the_docx_writer_s_work_per_paragraph_does_not_grow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Four times the entries, four times the children looked through (plus a little for the
    fixed part: styles, page, footer); with the old add_paragraph it was sixteen times."""
    seen = []
    for count in (25, 100):
        with monkeypatch.context() as patched:
            scans = _BodyScans(patched)
            docx_file.render(_document(count))
            seen.append(scans.children_seen)
    assert seen[1] <= 4.2 * seen[0]


# -- LibreOffice ------------------------------------------------------------------------------


def test_odt_paragraphs_come_in_reading_order_with_their_styles() -> None:
    from odf import opendocument, teletype

    document = _document(3)
    odt = opendocument.load(io.BytesIO(odt_file.render(document)))
    rows = [
        (element.getAttribute("stylename").replace("_20_", " "), teletype.extractText(element))
        for element in odt.text.childNodes
        if element.qname[1] in {"h", "p"}
    ]
    names = {
        "Title": "Titre",
        "Heading 1": "Titre 1",
        "Heading 2": "Titre 2",
        "Heading 3": "Titre 3",
        "Heading 4": "Titre 3",  # LibreOffice's annex stops at three levels of title
        "Normal": "Texte",
        "Quote": "Citation",
        "List Bullet": "Texte",
        "Renvoi": "Renvoi",
    }
    expected = [(names[style], text) for style, text in _expected(document)]
    expected[-len(document.bibliography) :] = [
        ("Bibliographie", text) for _, text in expected[-len(document.bibliography) :]
    ]
    assert rows == expected


@given(st.text(alphabet=" \t\n\r\u00a0a«", max_size=12))
def test_odt_text_goes_in_as_odfpy_s_teletype_puts_it(text: str) -> None:
    from odf import teletype
    from odf.text import P

    fast, slow = P(), P()
    odt_file._add_text(fast, text)
    teletype.addTextToElement(slow, text)
    assert _xml(fast) == _xml(slow)


def _xml(element: Any) -> str:
    out = io.StringIO()
    element.toXml(1, out)
    return out.getvalue()


def _python_calls(render: Callable[[], object]) -> int:
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        render()
    finally:
        sys.setprofile(None)
    return calls


def test_the_odt_writer_s_work_per_paragraph_does_not_grow() -> None:
    """odfpy is pure Python: a search through the paragraphs written so far would show as a
    number of calls growing faster than the document."""
    small, large = (_python_calls(lambda n=n: odt_file.render(_document(n))) for n in (25, 100))
    assert large <= 4.2 * small
