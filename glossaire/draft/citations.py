"""Find the author-date citations written in a paragraph, and the references in a footnote.

Candidates write citations in both families of norms and in ways of their own, so this
module recognises shapes, not a norm: « (Dhume 2001) », « (Dhume, 2001, p. 111) »,
« (Haeuw et Garnier 2006 ; Dhume 2001) », « (Deleuze, Guattari 1980, p. 25) » (ISO 690
joins two authors with a comma), « (Atelier VAE 2016) », « (… s. d.) », and the narrative
« Dhume (2001) montre… ». It knows nothing of the library: telling a citation from
« Léa (2009) », a child born in 2009, needs the list of authors, which the service has.

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
    INITIALS,
    LETTER,
    MAX_AUTHORS,
    MONTHS,
    NAMEWORD,
    NO_DATE,
    PAGES,
    PARTICLE,
    SUFFIX,
    UP,
    YEAR,
    normalise_pages,
    read_reference,
    words,
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
# The names right before a parenthesis that holds only dates: « Deleuze et Guattari (1980) ».
_NARRATIVE = re.compile(
    rf"(?<!\w)(?P<names>{_NAME}(?:(?:\s*,\s*{_NAME})*\s*(?:&|\bet\b|\band\b)\s*{_NAME})?)"
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

# Words that no author's name holds: in a parenthesis, they mean a sentence, not a name.
_PROSE = words(
    "le la les l un une que qu qui quoi dont ce cet cette ces c est sont était a à ont avait"
    " été dans pour par sur avec sans sous entre vers il elle ils elles on nous vous je j se"
    " s sa son ses leur leurs mon ma mes notre nos votre vos depuis pendant après avant lors"
    " quand où ou mais donc car ni pas ne n plus très fait voir cf au aux ici selon soit"
)
# A first word that makes a legal text, a part of the draft or a date, not an author.
_NOT_AN_AUTHOR = MONTHS | words(
    "loi lois décret arrêté circulaire article art ordonnance code annexe annexes chapitre"
    " partie tableau figure schéma page pages"
)
# Capitalised words that open a sentence before a narrative citation: « Selon Dhume (2001) ».
_SENTENCE_WORDS = _PROSE | words(
    "selon pour chez comme ainsi or et puis enfin aussi alors cependant toutefois néanmoins"
    " pourtant lorsque si des du en d’après contrairement après avant parmi tandis bien même"
    " tout tous toute toutes également notamment citons ensuite voici voilà puisque madame"
    " monsieur mme"
)


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
            current = _parenthetical_names(unit.group("authors"))
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
            names=current.names,
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


def _plausible(name: str, *, loose: bool) -> bool:
    """Whether a name may be an author's: not a law, a month or a part of the draft, and,
    in a parenthesis (``loose``), at most 8 words and none that only a sentence holds."""
    folded = fold(name).replace("’", "'").replace("de la ", "de ").replace("de l'", "de ")
    found = re.findall(r"[a-z]+", folded)
    if not found or found[0] in _NOT_AN_AUTHOR or any(word in MONTHS for word in found):
        return False
    return not loose or (len(found) <= 8 and not any(word in _PROSE for word in found))


def _narrative_names(text: str, opening: int) -> _Names | None:
    """The names right before ``opening``, leaving out the capitalised words that open a
    sentence (« Selon », « Pour », « Le »)."""
    window_start = max(0, opening - 200)
    found = _NARRATIVE.search(text[window_start:opening])
    if found is None:
        return None
    written = found.group("names")
    skip = 0
    while (word := re.match(r"(\S+)\s+", written[skip:])) and _is_sentence_word(word[1]):
        skip += word.end()
    names = tuple(_AUTHOR_SEP.split(written[skip:]))
    if _is_sentence_word(names[0]) or not all(_plausible(name, loose=False) for name in names):
        return None
    start = window_start + found.start("names") + skip
    return _Names(names, found.group("etal") is not None, start)


def _is_sentence_word(word: str) -> bool:
    return fold(word).replace("'", "’") in _SENTENCE_WORDS


# Where a full reference can begin in a note: « DHUME Fabrice », « HAEUW F. », « Dhume F. »,
# « INSEE, », « Dhume, F. ».
_REFERENCE_START = re.compile(
    rf"(?<![\w’']){PARTICLE}{{0,3}}{UP}{{2,}}[{UP[1:-1]}’'‑-]*(?=\s*,|\s+{UP})"
    rf"|(?<![\w’']){PARTICLE}{{0,3}}{NAMEWORD}"
    rf"(?=,?\s+{INITIALS}|(?:\s*,\s*{NAMEWORD}){{2,{MAX_AUTHORS}}}\s*,)"
)
# the reference, not the sentence: its last full stop goes, not an initial's or « p. »'s
_WITHOUT_FULL_STOP = re.compile(r"(?:(?<!\b[^\W\d_])\.)?[\s\u00a0\u202f]*\Z")
_AFTER_QUOTATION = re.compile(r"[»”]\s*\.?\s*(?=\S)")  # « … » DHUME Fabrice, …
_NOTE_LEAD_IN = re.compile(
    r"\s*(?:(?:sur\s+ce\s+point|à\s+ce\s+sujet|pour\s+aller\s+plus\s+loin),?\s+)?"
    r"(?:voir\s+aussi|voir|cf\.?|lire|in)?\s*:?\s*",
    re.IGNORECASE,
)


def find_note_references(text: str) -> list[NoteReference]:
    """The full references written in a footnote, one per « ; »-separated part at most,
    each without its final full stop.

    A reference must start with its authors (after « Voir », « Cf. »…) and give its year,
    or a capitalised title after authors written the way references write them (« DHUME
    Fabrice », « Dhume F. »); one met in the middle of a sentence must give its year.
    « Ibid. » and « op. cit. » are not references: they point at the previous note.
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
    later = {m.start() for m in _REFERENCE_START.finditer(segment)}
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
        reference_like = _REFERENCE_START.match(segment, position) is not None
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
