"""What ``relire`` reads in a draft: its blocks of text, and what it finds written in them.

Offsets (``start``, ``end``) are in the block's ``text``, so that ``text[start:end]`` is the
exact text at fault (``extrait``), as the candidate wrote it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

BlockKind = Literal["heading", "paragraph", "note"]


class Block(NamedTuple):
    """A heading, a paragraph (a list item or a table cell counts as one), or a footnote."""

    kind: BlockKind
    text: str  # plain text, NFC; a footnote's call is left out of its paragraph's text
    section: str  # the text of the nearest heading above ("" before the first one)
    number: int  # the paragraph's number in its section (1-based); a note: its paragraph's
    level: int = 0  # a heading's level (1 = top)
    note: int | None = None  # a footnote's number in the document (1-based)
    # where each of its footnotes was called, as offsets in ``text``, in the order of the
    # note blocks that follow: « … » followed by a call has its source in that note
    calls: tuple[int, ...] = ()
    set_apart: bool = False  # a paragraph of a block quotation (indented, often without « »)


class Draft(NamedTuple):
    path: Path
    blocks: tuple[Block, ...]


class WrittenCitation(NamedTuple):
    """An author-date citation as written: « (Dhume, 2001, p. 111) », « Dhume (2001) »,
    « (Haeuw et Garnier 2006 ; Dhume 2001) » gives two, each with the whole parenthesis as
    ``group``."""

    extrait: str  # this work's part, exactly as written: « Dhume, 2001, p. 111 »
    start: int
    end: int
    names: tuple[str, ...]  # as written: ("Dhume",), ("Haeuw", "Garnier"), ("de Gaulejac",)
    et_al: bool
    year: str | None  # "2001"; None when undated (« s. d. », « n.d. »)
    suffix: str  # "a", "b" or ""
    pages: str | None  # "111", "12-15"
    narrative: bool  # « Dhume (2001) montre… »: the name in the sentence
    group: str  # the whole parenthesis, or for a narrative citation « Dhume (2001) »
    group_start: int
    group_end: int


class NoteReference(NamedTuple):
    """A full reference written in a footnote, in the journal's own informal way:
    « DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111 »."""

    extrait: str
    start: int
    end: int
    names: tuple[str, ...]
    title: str | None
    year: str | None
    pages: str | None


class Quotation(NamedTuple):
    """A passage in « » (or “ ”), with what follows it (to find its source)."""

    extrait: str  # with its guillemets, as written
    text: str  # inside them, as written
    start: int
    end: int
    following: str  # the text right after the closing guillemet, up to the sentence's end


class BibliographyEntry(NamedTuple):
    """One entry of the draft's own bibliography section, as parsed from its text."""

    extrait: str  # the whole paragraph
    names: tuple[str, ...]  # authors' surnames, as written
    year: str | None
    suffix: str
    title: str | None
