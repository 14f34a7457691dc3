"""Find the author-date citations written in a paragraph, and the references in a footnote.

Candidates write citations in both families of norms and in ways of their own, so this
module recognises shapes, not a norm: « (Dhume 2001) », « (Dhume, 2001, p. 111) »,
« (Haeuw et Garnier 2006 ; Dhume 2001) », « (Deleuze, Guattari 1980, p. 25) » (ISO 690
joins two authors with a comma), « (Atelier VAE 2016) », « (… s. d.) », a full reference
« (DHUME Fabrice, Du travail social…, éd ASH, 2001, p111) », and the narrative « Dhume
(2001) montre… », « Haeuw, Garnier (2006) », « Fabrice Dhume (2001) » (names are the
surnames: ("Dhume",), the citation's text keeps the first name). It knows nothing of the
library: telling a citation from « Léa (2009) », a child born in 2009, needs the list of
authors, which the service has.

The contract with the service is therefore: every shape that can be a citation is
returned as a candidate. A candidate the service should trust without the library has a
page, « et al. » or a second author; a narrative candidate without any of those (one
capitalised word before a year in parentheses: « Léa (2009) », « l’IRTS (2016) ») is a
citation only if its name matches an author of the library. What is never returned: a
year without a name before it or inside its parenthesis (« en 2016 », « (1998 ; 2004) »),
a lower-case word before the parenthesis (« le rapport (2016) »), a date, a law's number,
a range, a measure, a cross-reference (« (voir 4.2) », « (cf. annexe 3) »), an acronym
alone (« (ASE) »).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from glossaire.draft.bibliography import (
    DASH,
    ET_AL,
    FULL_REFERENCE_START,
    INITIALS,
    LETTER,
    MONTHS,
    NAME_PARTICLES,
    NAMEWORD,
    NO_DATE,
    NOT_AN_AUTHOR,
    PAGES,
    PARTICLE,
    PREPOSITIONS,
    PROSE_WORDS,
    REFERENCE_START,
    SENTENCE_WORDS,
    SUFFIX,
    UP,
    YEAR,
    normalise_pages,
    read_reference,
    surname_of,
    year_of,
)
from glossaire.draft.model import NoteReference, WrittenCitation
from glossaire.text import fold

_PARENTHESIS = re.compile(r"\(([^()]{1,300})\)")
# One work inside a parenthesis: its authors (free text, checked after), its date, its page.
_UNIT = re.compile(
    rf"\s*(?P<authors>[^\d;()]*?)[\s,]*"
    rf"(?P<core>(?<!\w)(?P<date>{YEAR}|{NO_DATE})(?P<suffix>{SUFFIX})?"
    rf"(?:\s*[,:]?\s*{PAGES}|\s*:\s*(?P<colon>\d+(?:\s*{DASH}\s*\d+)?))?)"
    r"\s*[.]?\s*(?:[,;]|\Z)"
)
_NAME = rf"{PARTICLE}{{0,3}}{NAMEWORD}(?:\s+{PARTICLE}{{0,3}}{NAMEWORD}){{0,6}}"
# The names right before a parenthesis that holds only dates: « Deleuze et Guattari (1980) »,
# « Haeuw, Garnier (2006) » (ISO 690's own narrative form), « Fabrice Dhume (2001) ».
_NARRATIVE = re.compile(
    rf"(?<!\w)(?P<names>{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s*(?:&|\bet\b|\band\b)\s*{_NAME})?)"
    rf"(?P<etal>\s*,?\s*(?:{ET_AL}))?\s*\Z"
)
_LEAD_IN = re.compile(
    r"^(?i:voir(?:\s+aussi)?|cf\.?|see|lire|in|selon|d['’]apr[eè]s|notamment|par\s+exemple"
    r"|e\.\s?g\.)\s*:?\s+"
)
_QUOTED_IN = re.compile(r"^.*?\b(?:cit[ée]e?s?\s+(?:par|dans|in)|in)\s+", re.IGNORECASE)
_TRAILING_ET_AL = re.compile(rf"\s*,?\s*(?:{ET_AL})\s*,?\s*\Z")
_AUTHOR_SEP = re.compile(r"\s*(?:,\s*)?(?:&|\bet\b|\band\b)\s*|\s*,\s*")
_LOOSE_AUTHOR = re.compile(
    rf"(?:{INITIALS}\s*){{0,3}}{PARTICLE}{{0,3}}{NAMEWORD}(?:{LETTER}|[\s.’'‑-])*\Z"
)
_INITIAL_WORD = re.compile(rf"{INITIALS}\Z")


class _Names(NamedTuple):
    names: tuple[str, ...]
    et_al: bool
    start: int  # offset of the first name in the text it was read from


def find_citations(text: str) -> list[WrittenCitation]:
    """Every author-date citation candidate in ``text``, in order (see the module's
    docstring for what a candidate is and what the service must still decide)."""
    found: list[WrittenCitation] = []
    for parenthesis in _PARENTHESIS.finditer(text):
        found += _in_parenthesis(text, parenthesis)
    return sorted(found, key=lambda citation: (citation.group_start, citation.start))


def _in_parenthesis(text: str, parenthesis: re.Match[str]) -> Iterator[WrittenCitation]:
    """The works of one parenthesis: « (Dhume 2001 ; 2004) » gives two, the second with
    Dhume's name; « Dhume (2001) » is narrative, its names before the parenthesis."""
    offset = parenthesis.start(1)
    units = list(_units(parenthesis.group(1)))
    current: _Names | None = None
    narrative = False
    group_start = parenthesis.start()
    for unit in units:
        core_start = offset + unit.start("core")
        if unit.group("authors").strip():
            current = _full_reference(unit) or _parenthetical_names(unit.group("authors"))
            if current is None:
                continue
            narrative, group_start = False, parenthesis.start()
            start = offset + unit.start("authors") + current.start
        elif unit.start() == 0 and (current := _narrative_names(text, parenthesis.start())):
            narrative, group_start = True, current.start
            start = group_start if len(units) == 1 else core_start
        elif current is not None:  # « (Dhume 2001 ; 2004) »: the same authors
            start = core_start
        else:
            continue
        end = parenthesis.end() if start == group_start else offset + unit.end("core")
        pages = unit.group("pages") or unit.group("colon")
        yield WrittenCitation(
            extrait=text[start:end],
            start=start,
            end=end,
            names=tuple(" ".join(name.split()) for name in current.names),
            et_al=current.et_al,
            year=year_of(unit.group("date")),
            suffix=unit.group("suffix") or "",
            pages=normalise_pages(pages),
            narrative=narrative,
            group=text[group_start : parenthesis.end()],
            group_start=group_start,
            group_end=parenthesis.end(),
        )


def _units(content: str) -> Iterator[re.Match[str]]:
    """Each « names date, page » of a parenthesis; a piece that is not one (« ASE » in
    « (ASE ; Dhume 2001) ») is skipped up to the next « ; »."""
    pos = 0
    while pos < len(content):
        unit = _UNIT.match(content, pos)
        if unit is None or unit.end() == pos:
            next_work = content.find(";", pos)
            if next_work < 0:
                return
            pos = next_work + 1
            continue
        yield unit
        pos = unit.end()


def _parenthetical_names(authors: str) -> _Names | None:
    """The authors written before a year inside a parenthesis, or None if that text is not
    a list of names (« en », « voir le tableau »). Corporate authors may hold lower-case
    words (« Stagiaire en formation de travailleur social ») but no word of a sentence."""
    start = 0
    if quoted_in := _QUOTED_IN.match(authors):  # « Dhume, cité par Haeuw, 2006 »
        start = quoted_in.end()
    elif lead := _LEAD_IN.match(authors):
        start = lead.end()
    start += len(authors[start:]) - len(authors[start:].lstrip())
    body = authors[start:].rstrip(" ,\u00a0\u202f")
    et_al = False
    if trailing := _TRAILING_ET_AL.search(body):
        body, et_al = body[: trailing.start()], True
    names = []
    for piece in _AUTHOR_SEP.split(body):
        if not piece:
            return None
        if _INITIAL_WORD.match(piece):
            continue  # « Dhume, F. »: a given name's initial
        if not _LOOSE_AUTHOR.match(piece) or not _plausible(piece, loose=True):
            return None
        words = piece.split()
        while words and _INITIAL_WORD.match(words[0]):
            words.pop(0)
        while len(words) > 1 and _INITIAL_WORD.match(words[-1]):
            words.pop()
        names.append(" ".join(words))
    return _Names(tuple(names), et_al, start) if names else None


def _full_reference(unit: re.Match[str]) -> _Names | None:
    """The authors of a full reference in the informal way, when ``unit`` is one: its
    authors written as in a reference, then a capitalised title, then the year."""
    authors = unit.group("authors")
    start = len(authors) - len(authors.lstrip())
    if lead := _LEAD_IN.match(authors[start:]):  # « (voir DHUME Fabrice, …) »
        start += lead.end()
    if not FULL_REFERENCE_START.match(authors, start):
        return None
    parts = read_reference(unit.string, unit.start("authors") + start)
    if parts is None or parts.dated or parts.title is None or not parts.title[0].isupper():
        return None
    if parts.year != year_of(unit.group("date")):
        return None
    return _Names(parts.names, parts.et_al, start)


def _plausible(name: str, *, loose: bool) -> bool:
    """Whether a name may be an author's: not a law, a month or a part of the draft, and,
    in a parenthesis (``loose``), at most 8 words and none that only a sentence holds.
    « Le », « La » before a capital are the particle of a name (« Le Breton », « La
    Boétie »), not an article of a sentence."""
    name = _NAME_ARTICLE.sub("", name)
    folded = fold(name).replace("’", "'").replace("de la ", "de ").replace("de l'", "de ")
    found = re.findall(r"[a-z]+", folded)
    if not found or found[0] in NOT_AN_AUTHOR or any(word in MONTHS for word in found):
        return False
    return not loose or (len(found) <= 8 and not any(word in PROSE_WORDS for word in found))


_NAME_ARTICLE = re.compile(rf"(?<!\w)[Ll][ae]\s+(?={UP})")


def _narrative_names(text: str, opening: int) -> _Names | None:
    """The surnames right before ``opening``. Left out: the capitalised words that open a
    sentence (« Selon », « Pour », « Ainsi, »), a place after a preposition (« À Lille,
    Castel (1995) »), and first names (« Fabrice Dhume » is Dhume). The citation starts
    at the first name as written."""
    window_start = max(0, opening - 200)
    found = _NARRATIVE.search(text[window_start:opening])
    if found is None:
        return None
    base = window_start + found.start("names")
    pieces = _pieces(found.group("names"))
    before = _word_before(text, base)
    while pieces:
        skip = 0
        written = pieces[0][1]
        while (word := _LEADING_WORD.match(written, skip)) and _opens_a_sentence(word):
            before, skip = word[1], word.end()
        if skip < len(written):
            pieces[0] = (pieces[0][0] + skip, written[skip:], pieces[0][2])
            break
        pieces.pop(0)  # « Ainsi, Castel (1995) »
        before = ""
    if len(pieces) > 1 and pieces[1][2] == "," and fold(before) in PREPOSITIONS:
        pieces.pop(0)  # « À Lille, Castel (1995) »: Lille is where, not who
    names = tuple(surname_of(name) for _, name, _ in pieces)
    if not names or not all(_plausible(name, loose=False) for name in names):
        return None
    return _Names(names, found.group("etal") is not None, base + pieces[0][0])


_LEADING_WORD = re.compile(rf"(\S+)(?:\s+(?P<capital>(?={UP}))?|\Z)")


def _pieces(written: str) -> list[tuple[int, str, str]]:
    """Each name of « Haeuw, Garnier et Bross » with its offset and the separator before
    it (« », « , », « et »)."""
    pieces: list[tuple[int, str, str]] = []
    position, separator = 0, ""
    for found in _AUTHOR_SEP.finditer(written):
        pieces.append((position, written[position : found.start()], separator))
        position, separator = found.end(), found.group().strip(" ,") or ","
    pieces.append((position, written[position:], separator))
    return pieces


def _word_before(text: str, position: int) -> str:
    """The word right before ``position`` (« l » in « l’IRTS »), or ""."""
    found = re.search(r"(\w+)\W{0,3}\Z", text[max(0, position - 40) : position])
    return found[1] if found else ""


def _is_sentence_word(word: str) -> bool:
    return fold(word).replace("'", "’") in SENTENCE_WORDS


def _opens_a_sentence(word: re.Match[str]) -> bool:
    """A capitalised word of a sentence (« Selon », « Le »), unless it is the particle of
    the name after it (« Le Breton », « La Boétie », « Du Bois », « De Gaulejac »)."""
    if word["capital"] is not None and fold(word[1]) in NAME_PARTICLES:
        return False
    return _is_sentence_word(word[1])


# the reference, not the sentence: its last full stop goes, not an initial's or « p. »'s
_WITHOUT_FULL_STOP = re.compile(r"(?:(?<!\b[^\W\d_])\.)?[\s\u00a0\u202f]*\Z")
_AFTER_QUOTATION = re.compile(r"[»”]\s*\.?\s*(?=\S)")  # « … » DHUME Fabrice, …
_NOTE_LEAD_IN = re.compile(
    r"\s*(?:(?:sur\s+ce\s+point|à\s+ce\s+sujet|pour\s+aller\s+plus\s+loin),?\s+)?"
    r"(?:voir\s+aussi|voir|cf\.?|lire|in)?\s*:?\s*",
    re.IGNORECASE,
)


_NAMES = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s*(?:&|\bet\b|\band\b)\s*{_NAME})?"
_END = rf"(?:\s*,?\s*{PAGES})?\s*\.?\s*\Z"
# what a note holds instead of a full reference: « Jaeger 2003 », « Dhume 2001, p. 111 »
# (with a comma after the name, the full reference's reader knows them), « Ibid., p. 111 »,
# « Dhume, op. cit., p. 111 »
_SHORT = re.compile(
    rf"(?P<authors>{_NAMES}(?:\s*,?\s*(?:{ET_AL}))?)\s+(?P<date>{YEAR}|{NO_DATE})"
    rf"(?P<suffix>{SUFFIX})?{_END}"
)
_ABBREVIATION_END = re.compile(r"\b(?i:cit|ibid|ibidem)\.\Z")  # its full stop is its own
_IBID = re.compile(rf"(?i:ibid(?:em)?)\b\.?{_END}")
_OP_CIT = re.compile(
    rf"(?P<authors>{_NAMES}(?:\s*,?\s*(?:{ET_AL}))?)(?:\s*,?\s*{INITIALS})?\s*,?\s*"
    rf"(?i:op|ouvr|art)\.?\s*cit(?:\.|\b){_END}"
)


def find_note_references(text: str) -> list[NoteReference]:
    """The references written in a footnote, one per « ; »-separated part at most, each
    without its final full stop.

    A full reference must start with its authors (after « Voir », « Cf. »…) and give its
    year, or a capitalised title after authors written the way references write them
    (« DHUME Fabrice », « Dhume F. »); one met in the middle of a sentence must give its
    year. A short citation without parentheses that makes the whole part (« Voir Jaeger
    2003 », « Dhume 2001, p. 111 ») is a reference without a title.

    « Ibid. » and « op. cit. » point at a work cited before, which the service knows and
    this reader does not: « Dhume, op. cit., p. 111 » gives names ("Dhume",) and year None
    (the service takes the last work of Dhume cited before); « Ibid., p. 111 » gives names
    ("ibid",), year None and pages "111" (the service takes the previous note's work). Both
    have title None.
    """
    found: list[NoteReference] = []
    for segment in re.finditer(r"[^;]+", text):
        reference = _note_reference(text, segment.start(), segment.end())
        if reference is not None:
            found.append(reference)
    return found


def _note_reference(text: str, start: int, end: int) -> NoteReference | None:
    segment = text[start:end]
    lead = _NOTE_LEAD_IN.match(segment)
    first = lead.end() if lead else 0
    if short := _short_reference(segment, first, start):
        return short
    later = {m.start() for m in REFERENCE_START.finditer(segment)}
    later |= {m.end() for m in _AFTER_QUOTATION.finditer(segment)}
    candidates = [first, *sorted(p for p in later if p > first)]
    for position in candidates:
        parts = read_reference(segment, position)
        if parts is None:
            continue
        titled = parts.title is not None and (parts.title[0].isupper() or parts.title[0] in "«“")
        dated = parts.year is not None or re.search(NO_DATE, segment[position:]) is not None
        # « DHUME Fabrice » or « Dhume F. »: written the way references are, it may lack
        # its year (a fault to report); « Le CHRS, Les Oliviers » may not
        reference_like = REFERENCE_START.match(segment, position) is not None
        if position == candidates[0]:
            if not (dated or (titled and reference_like)):
                continue
        elif not (parts.dated or (titled and dated)):
            continue  # « Entretien avec Mme DURAND, mai 2016 » is no reference
        stripped = _WITHOUT_FULL_STOP.sub("", segment)
        return NoteReference(
            extrait=stripped[position:],
            start=start + position,
            end=start + len(stripped),
            names=parts.names,
            title=parts.title,
            year=parts.year,
            pages=parts.pages,
        )
    return None


def _short_reference(segment: str, first: int, offset: int) -> NoteReference | None:
    """« Jaeger 2003 », « Ibid., p. 111 », « Dhume, op. cit. » as the whole ``segment``
    from ``first`` (see ``find_note_references``); ``offset``: the segment's in the note."""
    year = None
    if found := (_SHORT.match(segment, first) or _OP_CIT.match(segment, first)):
        read = _parenthetical_names(found["authors"])
        if read is None or read.start:  # « Selon Dhume 2001 »: a sentence, not a note's
            return None
        names = tuple(surname_of(name) for name in read.names)
        year = year_of(found["date"]) if "date" in found.re.groupindex else None
    elif found := _IBID.match(segment, first):
        names = ("ibid",)
    else:
        return None
    kept = segment.rstrip(" \u00a0\u202f")
    end = len(kept if _ABBREVIATION_END.search(kept) else _WITHOUT_FULL_STOP.sub("", segment))
    return NoteReference(
        extrait=segment[first:end],
        start=offset + first,
        end=offset + end,
        names=names,
        title=None,
        year=year,
        pages=normalise_pages(found["pages"]),
    )
