"""Read the candidate's draft (.docx, .odt, .md) into blocks of plain text, in document order.

Pandoc reads every format (the binary the ``pypandoc-binary`` wheel installs, passed in by
the caller so that this layer never looks for it): we run it as a process, ask for its
document tree as JSON and walk it. Only what a jury reads counts: headings, paragraphs
(wherever they sit: a list item, a table cell, a block quote) and footnotes, each footnote
as its own block right after the paragraph that calls it, since that is where a reader's
eye goes and where the service will look for a citation's source.

The text is the candidate's, as written: French guillemets and their no-break spaces are
kept; only the quotation marks pandoc turned into structure (``Quoted``) are written back
as typographic marks. Every failure becomes a French sentence: the user never sees
pandoc's English.
"""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from glossaire.draft.model import Block, Draft
from glossaire.errors import GlossaireError, os_reason

TIMEOUT_S = 120.0  # a 30-page draft reads in a fraction of a second: minutes mean stuck
TITLE_LIMIT = 120  # characters: a bold line longer than this is a paragraph in bold
ACCEPTED = ".docx, .odt ou .md"
FORMATS = {
    ".docx": "docx",
    ".odt": "odt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
}
OLD_FORMATS = {".doc": "Word 97-2003", ".dot": "Word 97-2003", ".rtf": "RTF", ".wps": "Works"}
# Word 97-2003 files and password-protected .docx alike are OLE compound files, not zips.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK"

Node = dict[str, Any]


class DraftUnreadable(GlossaireError):
    """The draft cannot be read: missing, of a format we do not read, damaged or protected."""


def read_draft(path: Path, pandoc: Path, *, timeout: float = TIMEOUT_S) -> Draft:
    """The blocks of the draft at ``path``, read by the ``pandoc`` binary.

    Checks what can be told before running pandoc (existence, extension, the first bytes)
    so that the commonest mistakes (an old .doc, a protected .docx) get their own advice
    instead of a generic « illisible ».
    """
    reader = _format_of(path)
    text = _check_content(path, reader)
    tree = _run_pandoc(path, reader, pandoc, timeout, text)
    try:
        return Draft(path, tuple(_Walker().blocks(tree.get("blocks", []))))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise _strange_answer(path) from error  # a pandoc whose tree we do not know


def _format_of(path: Path) -> str:
    if not path.exists():
        raise DraftUnreadable(
            f"le brouillon {path} n'existe pas.",
            f"Vérifiez le dossier et le nom du fichier, avec son extension ({ACCEPTED}).",
        )
    if path.is_dir():
        raise DraftUnreadable(
            f"{path} est un dossier, pas un document.",
            f"Donnez le chemin du fichier de votre livret ({ACCEPTED}).",
        )
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise DraftUnreadable(
            f"le brouillon {path} est au format {OLD_FORMATS[suffix]}, que glossaire ne lit pas.",
            "Ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx "
            "(Fichier > Enregistrer sous), puis relancez la commande avec ce fichier.",
        )
    if suffix not in FORMATS:
        raise DraftUnreadable(
            f"glossaire ne sait pas lire les fichiers « {suffix or path.name} » ({path}).",
            f"Les formats acceptés sont {ACCEPTED} : enregistrez votre livret dans l'un d'eux.",
        )
    return FORMATS[suffix]


def _check_content(path: Path, reader: str) -> bytes | None:
    """What the first bytes tell: pandoc's own messages for these cases are English and
    vague (« couldn't unpack docx container »). A text draft is returned as UTF-8: one
    written in Windows' own encoding (Notepad's « ANSI ») is read too."""
    try:
        with path.open("rb") as file:
            head = file.read(8) if reader != "markdown" else file.read()
    except OSError as error:
        raise DraftUnreadable(
            f"le brouillon {path} ne peut pas être lu ({os_reason(error)}).",
            "Fermez-le dans Word ou LibreOffice s'il y est ouvert, puis réessayez.",
        ) from error
    if reader == "markdown":
        return _as_utf8(path, head)
    if head.startswith(OLE_MAGIC):
        raise DraftUnreadable(
            f"le brouillon {path} est protégé par un mot de passe ou au format Word 97-2003.",
            "Ouvrez-le dans Word ou LibreOffice et enregistrez-le en .docx sans mot de passe.",
        )
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(path):
        raise _not_a_document(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise _not_a_document(path) from error
    expected = "word/document.xml" if reader == "docx" else "content.xml"
    if expected not in names:
        raise _not_a_document(path)
    return None


def _as_utf8(path: Path, data: bytes) -> bytes:
    """The text draft in UTF-8, whatever Notepad saved it in: UTF-8 (with or without its
    BOM), « Unicode » (UTF-16 with its BOM) or « ANSI » (cp1252). Null bytes in any other
    file mean a binary document renamed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    if data.startswith((OLE_MAGIC, ZIP_MAGIC)) or b"\x00" in data:
        raise DraftUnreadable(
            f"le brouillon {path} n'est pas un fichier texte : c'est sans doute un document "
            f"Word ou LibreOffice dont on a changé l'extension.",
            "Ouvrez-le dans Word ou LibreOffice et enregistrez-le en .docx ou en .odt, puis "
            "relancez la commande avec ce fichier.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.encode("utf-8")


def _not_a_document(path: Path) -> DraftUnreadable:
    kind = "Word (.docx)" if path.suffix.lower() == ".docx" else "LibreOffice (.odt)"
    return DraftUnreadable(
        f"le fichier {path} n'est pas un document {kind}, ou il est abîmé.",
        "Ouvrez-le dans Word ou LibreOffice pour le vérifier, enregistrez-le de nouveau "
        "sous ce format, puis relancez la commande.",
    )


def _run_pandoc(path: Path, reader: str, pandoc: Path, timeout: float, text: bytes | None) -> Node:
    """Pandoc's tree of the draft; a text draft goes in on stdin, already in UTF-8."""
    command = [str(pandoc), "--from", reader, "--to", "json"]
    if reader == "docx":
        command.append("--track-changes=accept")  # the jury reads the changes accepted
    if text is None:
        command.append(str(path))
    try:
        done = subprocess.run(
            command, input=text, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise DraftUnreadable(
            f"la lecture du brouillon {path} a dépassé {timeout:g} secondes.",
            "Le document est peut-être très lourd (images) : essayez une copie sans les "
            "images, ou enregistrez-le de nouveau depuis Word ou LibreOffice.",
        ) from error
    except OSError as error:
        raise DraftUnreadable(
            f"le lecteur de documents (pandoc) ne démarre pas : {os_reason(error)}.",
            "Réinstallez glossaire (pip install --force-reinstall glossaire).",
        ) from error
    if done.returncode != 0:
        raise _not_a_document(path) if reader != "markdown" else _unreadable_text(path)
    try:
        tree = json.loads(done.stdout.decode("utf-8"))
    except ValueError as error:
        raise _strange_answer(path) from error
    if not isinstance(tree, dict):
        raise _strange_answer(path)
    return tree


def _strange_answer(path: Path) -> DraftUnreadable:
    return DraftUnreadable(
        f"le lecteur de documents (pandoc) a rendu une réponse illisible pour {path}.",
        "Réinstallez glossaire (pip install --force-reinstall glossaire).",
    )


def _unreadable_text(path: Path) -> DraftUnreadable:
    return DraftUnreadable(
        f"le brouillon {path} ne se lit pas comme du texte.",
        "Enregistrez-le en texte brut (UTF-8) ou en .docx, puis relancez la commande.",
    )


class _Walker:
    """Walks pandoc's tree once, keeping the current section and paragraph number."""

    def __init__(self) -> None:
        self.section = ""
        self.number = 0
        self.notes = 0
        self.level = 0  # the level of the last heading styled as one
        self.quoting = 0  # how many block quotations the walk is inside

    def blocks(self, nodes: Iterable[Node], *, nested: bool = False) -> Iterator[Block]:
        """The blocks of ``nodes``; ``nested`` inside a list, a table or a block quote,
        where a line in bold is a table's header or a list's term, not a title."""
        for node in nodes:
            kind: str = node.get("t", "")
            content: Any = node.get("c")
            if kind == "Header":
                level, _attr, inlines = content
                notes: list[list[Node]] = []
                text, calls = _clean(_inline_text(inlines, notes))
                self.section, self.number, self.level = text, 0, level
                yield Block("heading", text, text, 0, level=level, calls=calls)
                yield from self._notes(notes)
            elif kind in {"Para", "Plain"}:
                yield from self._paragraph(content, nested)
            elif kind == "LineBlock":
                yield from self._paragraph(_joined(content), nested)
            elif kind == "Div":
                yield from self.blocks(content[1], nested=nested)
            elif kind == "BlockQuote":
                self.quoting += 1
                try:
                    yield from self.blocks(content, nested=True)
                finally:
                    self.quoting -= 1
            elif kind in {"BulletList", "OrderedList"}:
                for item in content if kind == "BulletList" else content[1]:
                    yield from self.blocks(item, nested=True)
            elif kind == "DefinitionList":
                for term, definitions in content:
                    yield from self._paragraph(term, True)
                    for definition in definitions:
                        yield from self.blocks(definition, nested=True)
            elif kind == "Table":
                yield from self.blocks(_table_blocks(content), nested=True)
            elif kind == "Figure":  # its caption; the image has no text
                yield from self.blocks(content[1][1], nested=True)

    def _paragraph(self, inlines: list[Node], nested: bool) -> Iterator[Block]:
        notes: list[list[Node]] = []
        text, calls = _clean(_inline_text(inlines, notes))
        if not text and not notes:
            return  # an empty paragraph (Word's spacing) is not a paragraph to a reader
        if not nested and not notes and _looks_like_a_title(inlines, text):
            self.section, self.number = text, 0
            yield Block("heading", text, text, 0, level=_title_level(text, self.level))
            return
        self.number += 1
        yield Block(
            "paragraph", text, self.section, self.number, calls=calls, set_apart=self.quoting > 0
        )
        yield from self._notes(notes)

    def _notes(self, notes: list[list[Node]]) -> Iterator[Block]:
        """Each note as one block; its paragraphs joined by a space (a note is one unit)."""
        for note in notes:
            self.notes += 1
            parts = [block.text for block in _Walker().blocks(note) if block.text]
            text = " ".join(parts)
            yield Block("note", text, self.section, self.number, note=self.notes)


def _looks_like_a_title(inlines: list[Node], text: str) -> bool:
    """A short line all in bold, not ending like a sentence: the title of a candidate who
    does not use Word's heading styles (« **Bibliographie** »). It opens a section. Bold
    italics count: Word stores them as Emph[Strong], Markdown as Strong[Emph] or
    Emph[Strong]."""
    return _all_bold(inlines) and len(text) <= TITLE_LIMIT and text[-1] not in ".!?…,;"


_STYLES = {"Emph", "Underline", "SmallCaps"}  # a bold title may also be in these


def _all_bold(inlines: list[Node]) -> bool:
    """Whether ``inlines`` is one run in bold, maybe inside italics or an underline."""
    marked = [node for node in inlines if node.get("t") not in {"Space", "SoftBreak"}]
    if len(marked) != 1:
        return False
    kind = marked[0].get("t")
    if kind == "Strong":
        return True
    return kind in _STYLES and isinstance(marked[0].get("c"), list) and _all_bold(marked[0]["c"])


_NUMBERED = re.compile(r"(?:(?P<arabic>\d+(?:\.\d+)*)|[IVXLC]+)\s*[.)\-–]?\s")
_ANNEX = re.compile(r"annexes?\b", re.IGNORECASE)


def _title_level(text: str, styled: int) -> int:
    """The level of a bold title: told by its numbering (« 4.2 Le partenariat » is 2),
    else one below the heading styled as one above it (« **Ouvrages** » under a
    « Bibliographie » of level 1 is 2, and stays inside it). An annex (« Annexe 1 :
    compte rendu », « ANNEXES ») is a part of the draft of its own, at the top level:
    never a sub-section of the bibliography it follows."""
    if _ANNEX.match(text):
        return 1
    numbered = _NUMBERED.match(text)
    if numbered:
        return len(numbered["arabic"].split(".")) if numbered["arabic"] else 1
    return styled + 1


def _table_blocks(content: list[Any]) -> Iterator[Node]:
    """The blocks of a table's caption and cells, row by row (pandoc API 1.22 and later)."""
    _attr, caption, _specs, head, bodies, foot = content
    yield from caption[1]
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    for row in rows:
        for cell in row[1]:
            yield from cell[4]


def _joined(lines: list[list[Node]]) -> list[Node]:
    joined: list[Node] = []
    for line in lines:
        if joined:
            joined.append({"t": "Space"})
        joined += line
    return joined


_MARKS = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}
_CONTAINERS = {
    "Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps",
}  # fmt: skip


def _inline_text(inlines: Iterable[Node], notes: list[list[Node]]) -> str:
    """The plain text of ``inlines``; each footnote met is appended to ``notes`` instead."""
    parts: list[str] = []
    for node in inlines:
        kind: str = node.get("t", "")
        content: Any = node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in {"Space", "SoftBreak", "LineBreak"}:
            parts.append(" ")
        elif kind in _CONTAINERS:
            parts.append(_inline_text(content, notes))
        elif kind == "Quoted":
            opening, closing = _MARKS.get(content[0].get("t"), ("“", "”"))
            parts.append(opening + _inline_text(content[1], notes) + closing)
        elif kind in {"Span", "Link", "Cite"}:  # [attributes or citations, inlines, …]
            parts.append(_inline_text(content[1], notes))
        elif kind in {"Code", "Math"}:
            parts.append(content[1])
        elif kind == "Note":
            notes.append(content)
            parts.append(_CALL)
        # Image (its alt text is not read), RawInline: no text a jury reads
    return "".join(parts)


# Marks a note's call in the text while it is built: a private-use character, which no
# document holds and NFC leaves alone, so that offsets survive normalising and stripping.
_CALL = "\ue000"


def _clean(text: str) -> tuple[str, tuple[int, ...]]:
    """The text, NFC and stripped, without its call marks, and the offsets of the calls."""
    pieces = unicodedata.normalize("NFC", text).split(_CALL)
    joined = "".join(pieces)
    lead = len(joined) - len(joined.lstrip(_BLANKS))
    stripped = joined.strip(_BLANKS)
    calls: list[int] = []
    offset = -lead
    for piece in pieces[:-1]:
        offset += len(piece)
        calls.append(min(max(offset, 0), len(stripped)))
    return stripped, tuple(calls)


_BLANKS = " \t\n"  # not the no-break spaces: « » keep theirs
