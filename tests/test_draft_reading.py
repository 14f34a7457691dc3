"""Reading a candidate's draft: the same blocks from .md, .docx and .odt, and a French
sentence for every file that cannot be read.

The .docx and .odt are real documents, made by pandoc from the Markdown as Word and
LibreOffice would hold them (footnotes, lists, a table, a block quote, a bold title).
"""

from __future__ import annotations

import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from glossaire.citation.engine import pandoc_path
from glossaire.draft.model import Block
from glossaire.draft.reader import DraftUnreadable, read_draft
from glossaire.errors import GlossaireError

NBSP = "\u00a0"

SAMPLE = f"""# Introduction

Le partenariat est «{NBSP}une relation{NBSP}» selon Dhume[^1]. Il dit "mutualiser".

Deuxième paragraphe avec *emphase* et **gras**.

> Une citation en bloc (Dhume, 2001, p. 111).

- **premier point**
- second point[^2]

| **Partenaire** | **Rôle** |
|---|---|
| CHRS | hébergement |

## 4.2 Le partenariat

Texte de la section.

**4.3 Le réseau**

Un titre en gras, numéroté.

# Bibliographie

**Ouvrages**

DHUME, Fabrice, 2001. Du travail social au travail ensemble. Paris : ASH.

[^1]: DHUME Fabrice, *Du travail social au travail ensemble*, éd ASH, 2001, p111

[^2]: Note deux.
"""

INTRO, PARTNERSHIP, NETWORK = "Introduction", "4.2 Le partenariat", "4.3 Le réseau"
BIBLIOGRAPHY, BOOKS = "Bibliographie", "Ouvrages"
FIRST = f"Le partenariat est «{NBSP}une relation{NBSP}» selon Dhume. Il dit “mutualiser”."
EXPECTED = [
    Block("heading", INTRO, INTRO, 0, level=1),
    Block("paragraph", FIRST, INTRO, 1, calls=(FIRST.index(". Il"),)),
    Block(
        "note",
        "DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111",
        INTRO,
        1,
        note=1,
    ),
    Block("paragraph", "Deuxième paragraphe avec emphase et gras.", INTRO, 2),
    # pandoc's Markdown reader (its « smart » typography, which also makes "…" into “…”)
    # puts a no-break space after « p. »; the .docx and .odt made from it keep it
    Block(
        "paragraph", f"Une citation en bloc (Dhume, 2001, p.{NBSP}111).", INTRO, 3, set_apart=True
    ),
    Block("paragraph", "premier point", INTRO, 4),
    Block("paragraph", "second point", INTRO, 5, calls=(12,)),
    Block("note", "Note deux.", INTRO, 5, note=2),
    Block("paragraph", "Partenaire", INTRO, 6),
    Block("paragraph", "Rôle", INTRO, 7),
    Block("paragraph", "CHRS", INTRO, 8),
    Block("paragraph", "hébergement", INTRO, 9),
    Block("heading", PARTNERSHIP, PARTNERSHIP, 0, level=2),
    Block("paragraph", "Texte de la section.", PARTNERSHIP, 1),
    # a line in bold is a title: its numbering gives its level, else it is one level
    # below the heading above it (« Ouvrages » stays inside « Bibliographie »)
    Block("heading", NETWORK, NETWORK, 0, level=2),
    Block("paragraph", "Un titre en gras, numéroté.", NETWORK, 1),
    Block("heading", BIBLIOGRAPHY, BIBLIOGRAPHY, 0, level=1),
    Block("heading", BOOKS, BOOKS, 0, level=2),
    Block(
        "paragraph",
        "DHUME, Fabrice, 2001. Du travail social au travail ensemble. Paris : ASH.",
        BOOKS,
        1,
    ),
]


@pytest.fixture(scope="module")
def pandoc() -> Path:
    return pandoc_path()


def _convert(pandoc: Path, markdown: Path, target: Path) -> Path:
    subprocess.run([str(pandoc), str(markdown), "-o", str(target)], check=True, timeout=120)
    return target


@pytest.fixture(scope="module")
def documents(pandoc: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("brouillons")
    markdown = folder / "livret.md"
    markdown.write_text(SAMPLE, encoding="utf-8")
    return {
        ".md": markdown,
        ".docx": _convert(pandoc, markdown, folder / "livret.docx"),
        ".odt": _convert(pandoc, markdown, folder / "livret.odt"),
    }


@pytest.mark.parametrize("suffix", [".md", ".docx", ".odt"])
def test_the_same_blocks_from_markdown_word_and_libreoffice(
    suffix: str, documents: dict[str, Path], pandoc: Path
) -> None:
    draft = read_draft(documents[suffix], pandoc)
    assert draft.path == documents[suffix]
    assert list(draft.blocks) == EXPECTED


def test_a_note_call_points_into_its_paragraph(documents: dict[str, Path], pandoc: Path) -> None:
    """« … selon Dhume¹. »: the call sits right after « Dhume », and the note follows."""
    blocks = read_draft(documents[".docx"], pandoc).blocks
    paragraph, note = blocks[1], blocks[2]
    assert paragraph.text[: paragraph.calls[0]].endswith("selon Dhume")
    assert note.kind == "note" and note.number == paragraph.number


def test_a_text_draft_in_windows_encoding(tmp_path: Path, pandoc: Path) -> None:
    """Notepad's « ANSI » (cp1252) is not UTF-8; the draft is read all the same."""
    draft = tmp_path / "livret.txt"
    draft.write_bytes("Le réseau «\xa0mutualisé\xa0» (Dhume 2001).\n".encode("cp1252"))
    (block,) = read_draft(draft, pandoc).blocks
    assert block.text == f"Le réseau «{NBSP}mutualisé{NBSP}» (Dhume 2001)."


# -- what cannot be read -----------------------------------------------------------------


def _message(error: GlossaireError) -> str:
    return f"{error.message} {error.hint or ''}"


def _refused(path: Path, pandoc: Path, **options: float) -> str:
    with pytest.raises(DraftUnreadable) as caught:
        read_draft(path, pandoc, **options)
    text = _message(caught.value)
    for english in ("couldn't", "Could not", "Error", "error", "pandoc:", "Traceback"):
        assert english not in text
    return text


def test_a_missing_file(tmp_path: Path, pandoc: Path) -> None:
    text = _refused(tmp_path / "livret.docx", pandoc)
    assert "n'existe pas" in text and ".docx, .odt ou .md" in text


def test_a_folder(tmp_path: Path, pandoc: Path) -> None:
    (tmp_path / "livret.docx").mkdir()
    assert "est un dossier" in _refused(tmp_path / "livret.docx", pandoc)


def test_an_old_word_file(tmp_path: Path, pandoc: Path) -> None:
    old = tmp_path / "livret.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    text = _refused(old, pandoc)
    assert "Word 97-2003" in text and "enregistrez-le au format .docx" in text


def test_a_protected_or_old_word_file_named_docx(tmp_path: Path, pandoc: Path) -> None:
    """Word encrypts a .docx into an OLE container: the first bytes tell, not pandoc."""
    protected = tmp_path / "livret.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    text = _refused(protected, pandoc)
    assert "protégé par un mot de passe ou au format Word 97-2003" in text
    assert "enregistrez-le en .docx sans mot de passe" in text


def test_a_zip_that_is_not_a_word_document(tmp_path: Path, pandoc: Path) -> None:
    archive = tmp_path / "livret.docx"
    with zipfile.ZipFile(archive, "w") as opened:
        opened.writestr("photo.txt", "pas un document")
    assert "n'est pas un document Word (.docx)" in _refused(archive, pandoc)


def test_a_text_file_named_odt(tmp_path: Path, pandoc: Path) -> None:
    fake = tmp_path / "livret.odt"
    fake.write_text("Ceci est du texte.", encoding="utf-8")
    assert "n'est pas un document LibreOffice (.odt)" in _refused(fake, pandoc)


def test_a_word_document_renamed_md(
    tmp_path: Path, pandoc: Path, documents: dict[str, Path]
) -> None:
    renamed = tmp_path / "livret.md"
    renamed.write_bytes(documents[".docx"].read_bytes())
    assert "n'est pas un fichier texte" in _refused(renamed, pandoc)


@pytest.mark.parametrize("name", ["livret.pdf", "livret.xyz", "livret"])
def test_an_unknown_extension(tmp_path: Path, pandoc: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    text = _refused(path, pandoc)
    assert "ne sait pas lire" in text and ".docx, .odt ou .md" in text


def test_a_damaged_docx_that_pandoc_refuses(tmp_path: Path, pandoc: Path) -> None:
    """It passes the checks of its first bytes; pandoc's English error becomes French."""
    damaged = tmp_path / "livret.docx"
    with zipfile.ZipFile(damaged, "w") as opened:
        opened.writestr("[Content_Types].xml", "<Types/>")
        opened.writestr("word/document.xml", "pas du XML <<<")
    text = _refused(damaged, pandoc)
    assert "abîmé" in text and "DocxError" not in text


@pytest.fixture
def fake_pandoc(tmp_path: Path) -> object:
    if os.name == "nt":
        pytest.skip("a shell script stands for pandoc")

    def make(body: str) -> Path:
        script = tmp_path / "faux-pandoc"
        script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        script.chmod(0o755)
        return script

    return make


def test_pandoc_stuck(documents: dict[str, Path], fake_pandoc: object) -> None:
    stuck = fake_pandoc("sleep 10")  # type: ignore[operator]
    text = _refused(documents[".docx"], stuck, timeout=0.5)
    assert "a dépassé 0.5 secondes" in text


def test_pandoc_failing_in_english(documents: dict[str, Path], fake_pandoc: object) -> None:
    failing = fake_pandoc("echo 'pandoc: Unknown error 42' >&2; exit 1")  # type: ignore[operator]
    assert "Unknown" not in _refused(documents[".docx"], failing)


def test_pandoc_answering_nonsense(documents: dict[str, Path], fake_pandoc: object) -> None:
    nonsense = fake_pandoc("echo 'not json'")  # type: ignore[operator]
    assert "réponse illisible" in _refused(documents[".odt"], nonsense)
    unknown_tree = fake_pandoc("""echo '{"blocks": [{"t": "Header", "c": 3}]}'""")  # type: ignore[operator]
    assert "réponse illisible" in _refused(documents[".odt"], unknown_tree)


def test_pandoc_missing(documents: dict[str, Path], tmp_path: Path) -> None:
    assert "ne démarre pas" in _refused(documents[".md"], tmp_path / "absent" / "pandoc")


# -- a whole livret ----------------------------------------------------------------------

PROSE = (
    "le partenariat suppose des acteurs différents mais égaux qui construisent ensemble un "
    "cadre d’action commun autour de la situation de la personne accompagnée"
)
WORDS = PROSE.split()


def test_a_thirty_page_livret(tmp_path: Path, pandoc: Path) -> None:
    """About 12 000 words in 200 paragraphs, 40 footnotes and 10 sections. The time is
    printed (pytest -s), not asserted: machines differ."""
    lines: list[str] = []
    for section in range(10):
        lines.append(f"# Partie {section + 1}\n")
        for paragraph in range(20):
            words = [WORDS[(section + paragraph + i) % len(WORDS)] for i in range(60)]
            number = section * 20 + paragraph
            call = f"[^{number // 5 + 1}]" if number % 5 == 0 else ""
            lines.append(f"{' '.join(words).capitalize()} (Dhume, 2001, p. {number}){call}.\n")
    lines += [
        f"[^{n}]: DHUME Fabrice, Du travail social, éd ASH, 2001, p{n}\n" for n in range(1, 41)
    ]
    markdown = tmp_path / "livret.md"
    markdown.write_text("\n".join(lines), encoding="utf-8")
    docx = _convert(pandoc, markdown, tmp_path / "livret.docx")

    started = time.perf_counter()
    draft = read_draft(docx, pandoc)
    elapsed = time.perf_counter() - started

    kinds = [block.kind for block in draft.blocks]
    assert (kinds.count("heading"), kinds.count("paragraph"), kinds.count("note")) == (10, 200, 40)
    assert sum(len(block.text.split()) for block in draft.blocks) > 12_000
    assert [block.note for block in draft.blocks if block.kind == "note"] == list(range(1, 41))
    print(f"\n30-page livret (.docx, {docx.stat().st_size // 1024} Ko) read in {elapsed:.2f} s")


# -- titles a candidate makes by hand ----------------------------------------------------


def _blocks_of(tmp_path: Path, pandoc: Path, markdown: str) -> list[tuple[str, str, int]]:
    draft = tmp_path / "livret.md"
    draft.write_text(markdown, encoding="utf-8")
    return [(b.kind, b.text, b.level) for b in read_draft(draft, pandoc).blocks]


@pytest.mark.parametrize(
    "title", ["***4.1 Le réseau***", "_**4.1 Le réseau**_", "**_4.1 Le réseau_**"]
)
def test_a_title_in_bold_italics(tmp_path: Path, pandoc: Path, title: str) -> None:
    blocks = _blocks_of(tmp_path, pandoc, f"# Introduction\n\n{title}\n\nLe réseau compte.\n")
    assert blocks[1] == ("heading", "4.1 Le réseau", 2)
    assert blocks[2][0] == "paragraph"


@pytest.mark.parametrize(
    "line",
    ["*4.1 Le réseau*", "***Une phrase en gras et en italique.***", "***Le réseau*** compte"],
)
def test_italics_alone_or_a_sentence_is_no_title(tmp_path: Path, pandoc: Path, line: str) -> None:
    blocks = _blocks_of(tmp_path, pandoc, f"# Introduction\n\n{line}\n")
    assert [kind for kind, _, _ in blocks] == ["heading", "paragraph"]


def test_a_bold_italic_title_in_word(tmp_path: Path, pandoc: Path) -> None:
    """Word stores a run in bold italics as Emph[Strong] in pandoc's tree."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Introduction", level=1)
    run = document.add_paragraph().add_run("4.1 Le réseau")
    run.bold = run.italic = True
    document.add_paragraph("Le réseau compte.")
    path = tmp_path / "livret.docx"
    document.save(str(path))
    blocks = read_draft(path, pandoc).blocks
    assert (blocks[1].kind, blocks[1].text, blocks[1].level) == ("heading", "4.1 Le réseau", 2)
    assert (blocks[2].section, blocks[2].number) == ("4.1 Le réseau", 1)


def test_an_annex_in_bold_is_a_top_level_part(tmp_path: Path, pandoc: Path) -> None:
    """After a « Bibliographie » styled as a heading, « **Ouvrages** » is inside it, but an
    annex is a part of its own: the bibliography ends there."""
    blocks = _blocks_of(
        tmp_path,
        pandoc,
        "# Bibliographie\n\n**Ouvrages**\n\nDHUME, Fabrice, 2001. Du travail social.\n\n"
        "**Annexe 1 : compte rendu de la réunion du 12 mai 2016**\n\nÉtaient présents : "
        "la mission locale.\n\n**ANNEXES**\n\n**Annexer un document au contrat**\n",
    )
    headings = [(text, level) for kind, text, level in blocks if kind == "heading"]
    assert headings == [
        ("Bibliographie", 1),
        ("Ouvrages", 2),
        ("Annexe 1 : compte rendu de la réunion du 12 mai 2016", 1),
        ("ANNEXES", 1),
        ("Annexer un document au contrat", 2),
    ]


# -- encodings Notepad saves in ----------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        "\ufeffLe réseau «\xa0mutualisé\xa0» (Dhume 2001).\n".encode("utf-16-le"),
        "\ufeffLe réseau «\xa0mutualisé\xa0» (Dhume 2001).\n".encode("utf-16-be"),
        "\ufeffLe réseau «\xa0mutualisé\xa0» (Dhume 2001).\n".encode("utf-8"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-8-bom"],
)
def test_a_text_draft_in_unicode(tmp_path: Path, pandoc: Path, encoded: bytes) -> None:
    """Notepad's « Unicode » is UTF-16 with a byte order mark: a text, not a Word file."""
    draft = tmp_path / "livret.md"
    draft.write_bytes(encoded)
    (block,) = read_draft(draft, pandoc).blocks
    assert block.text == f"Le réseau «{NBSP}mutualisé{NBSP}» (Dhume 2001)."


def test_null_bytes_without_a_byte_order_mark_are_no_text(tmp_path: Path, pandoc: Path) -> None:
    draft = tmp_path / "livret.md"
    draft.write_bytes("Le réseau".encode("utf-16-le"))
    assert "n'est pas un fichier texte" in _refused(draft, pandoc)
