"""Is a passage in « » a quotation the library stores, and is it exact (``relire``)?

The library keeps verbatim quotations (definitions of nature « citation ») with their
source and page. A candidate retypes them: spaces, apostrophes and guillemets change
without changing the quotation, and « (...) » marks a cut. Those are normalised away; a
fuzzy alignment (rapidfuzz) then finds the stored quotation a passage approximates, and a
word diff says which words differ.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from glossaire.citation.locator import plain_page
from glossaire.draft.model import Block, Draft, Quotation
from glossaire.model.concept import canonical_nature
from glossaire.services.relire_model import Finding, Found, Sections, where
from glossaire.services.relire_works import Works, author_year

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog

MIN_WORDS = 5  # shorter passages in « » are expressions, not quotations to check
_CUT = re.compile(r"\(\s*(?:\.\.\.|…)\s*\)|\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…")


class StoredQuotation(NamedTuple):
    text: str
    key: str | None
    page: str | None
    concept_id: str
    folded: str = ""  # ``normalised(text)``, computed once for all the draft's passages


class QuoteMatch(NamedTuple):
    stored: StoredQuotation
    exact: bool
    written_words: tuple[str, ...]  # the draft's differing stretches, as written
    stored_words: tuple[str, ...]  # what the author wrote there (folded)
    punctuation: str = ""  # when only the punctuation differs: the author's text


def stored_quotations(catalog: Catalog) -> list[StoredQuotation]:
    return [
        StoredQuotation(
            definition.texte,
            definition.source,
            definition.page,
            concept.id,
            normalised(definition.texte),
        )
        for concept in catalog.concepts.values()
        for definition in concept.definitions
        if canonical_nature(definition.nature or "") == "citation"
    ]


def normalised(text: str, keep_case: bool = False) -> str:
    """Spaces, apostrophes, quotation marks, cuts and case set aside."""
    text = unicodedata.normalize("NFC", text)
    text = _CUT.sub(" ", text)
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[«»“”\"„]", " ", text)
    text = " ".join(text.split())
    return text if keep_case else text.casefold()


_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")


def _words(text: str, keep_case: bool = False) -> list[str]:
    return _TOKEN.findall(normalised(text, keep_case))


def _as_written(passage: str, tokens: list[str]) -> str:
    """The stretch of the passage these tokens come from, exactly as it is written."""
    if not tokens:
        return ""
    pattern = r"[\s«»“”\"'’]*".join(re.escape(t).replace("'", "['’]") for t in tokens)
    found = re.search(pattern, unicodedata.normalize("NFC", passage))
    return found.group() if found else " ".join(tokens)


def match_quotation(passage: str, quotations: Iterable[StoredQuotation]) -> QuoteMatch | None:
    """The stored quotation ``passage`` reproduces or approximates, if any: most of its
    words, in order, with a run of several together (a word left out of ten still counts)."""
    mine = _plain_words(passage)
    if len(mine) < MIN_WORDS:
        return None
    from rapidfuzz import fuzz

    wanted = normalised(passage)
    best: tuple[float, StoredQuotation] | None = None
    for stored in quotations:
        target = stored.folded or normalised(stored.text)
        if _fragments_in(passage, target):
            return QuoteMatch(stored, True, (), ())
        if not fuzz.partial_ratio(wanted, target, score_cutoff=PREFILTER):
            continue  # nothing alike: spares the word alignment
        blocks = _aligned(mine, _plain_words(stored.text))
        score = sum(block.size for block in blocks) / len(mine)
        longest = max((block.size for block in blocks), default=0)
        if score >= SHARED_WORDS and longest >= 3 and (best is None or score > best[0]):
            best = (score, stored)
    if best is None:
        return None
    written, expected = _differences(passage, best[1].text)
    if written or expected:
        return QuoteMatch(best[1], False, written, expected)
    return QuoteMatch(best[1], False, (), (), punctuation=_stretch(passage, best[1].text))


PREFILTER = 60  # rapidfuzz partial ratio under which two passages share too little to align
SHARED_WORDS = 0.75  # the share of the passage's words found, in order, in the quotation


def _plain_words(text: str) -> list[str]:
    return _WORD.findall(normalised(text))


_WORD = re.compile(r"\w[\w'-]*")


def _aligned(mine: list[str], theirs: list[str]) -> list[difflib.Match]:
    matcher = difflib.SequenceMatcher(a=mine, b=theirs, autojunk=False)
    return [block for block in matcher.get_matching_blocks() if block.size]


def _fragments_in(passage: str, target: str) -> bool:
    """Every piece of the passage between its cuts « (...) », in order, in the quotation."""
    position = 0
    for piece in _CUT.split(unicodedata.normalize("NFC", passage)):
        fragment = normalised(piece).strip(" ,;.")
        if not fragment:
            continue
        found = target.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def _differences(passage: str, stored: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The draft's differing words and the author's, on the stretch the passage covers
    (words only: punctuation is told apart, see ``_stretch``)."""
    mine, theirs = _plain_words(passage), _plain_words(stored)
    as_typed = _WORD.findall(normalised(passage, keep_case=True))
    start, end = _covered(mine, theirs)
    opcodes = difflib.SequenceMatcher(a=mine, b=theirs[start:end], autojunk=False).get_opcodes()
    while opcodes and opcodes[-1][0] == "insert":
        opcodes.pop()  # the author's words after the passage's end: it stops there
    while opcodes and opcodes[0][0] == "insert":
        opcodes.pop(0)
    written: list[str] = []
    expected: list[str] = []
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == "equal":
            continue
        if a2 > a1:
            written.append(_as_written(passage, as_typed[a1:a2]))
        if b2 > b1:
            expected.append(" ".join(theirs[start + b1 : start + b2]))
    return tuple(written), tuple(expected)


def _covered(mine: list[str], theirs: list[str]) -> tuple[int, int]:
    """The author's words the passage stands for: from where its first shared word puts
    its start, as many words as it has, and a few more for words it left out."""
    blocks = _aligned(mine, theirs)
    if not blocks:
        return 0, len(theirs)
    start = max(0, blocks[0].b - blocks[0].a)
    return start, min(len(theirs), start + len(mine) + max(3, len(mine) // 4))


def _stretch(passage: str, stored: str) -> str:
    """The author's text for the words the passage covers, with its punctuation: what to
    show when only the punctuation differs."""
    mine, theirs = _plain_words(passage), _plain_words(stored)
    start, end = _covered(mine, theirs)
    if not theirs[start:end]:
        return stored
    pattern = r"\W+".join(re.escape(word) for word in theirs[start:end])
    found = re.search(pattern, normalised(stored))
    if found is None:
        return stored
    original = re.search(pattern, normalised(stored, keep_case=True), re.IGNORECASE)
    return original.group() if original else found.group()


# -- problems 7 and 8: quotations ----------------------------------------------------------


def quotation_problems(
    catalog: Catalog, draft: Draft, sections: Sections, found: list[Found], works: Works
) -> Iterator[Finding]:
    from glossaire.draft.quotations import find_quotations

    stored = stored_quotations(catalog)
    if not stored:
        return
    by_block: dict[int, list[Found]] = {}
    for f in found:
        by_block.setdefault(id(f.block), []).append(f)
    for index, block in enumerate(draft.blocks):
        if block.kind == "heading" or index in sections.bibliography:
            continue
        notes = _notes_of(draft, index)
        here = by_block.get(id(block), [])
        for quotation in find_quotations(block.text) or _set_apart(block, here):
            match = match_quotation(quotation.text, stored)
            if match is None:
                continue
            source = _source_of(block.text, quotation, here)
            if source is None:
                note = _note_called_after(block, quotation, notes)
                source = next(iter(by_block.get(id(note), [])), None) if note else None
            page = _page_alone_after(block.text, quotation) if source else None
            yield from _quotation_problems(catalog, block, quotation, match, source, page)


def _set_apart(block: Block, here: list[Found]) -> list[Quotation]:
    """A block quotation without « » (French norms set a long quotation apart, indented):
    the paragraph is the quotation, up to the citation that closes it, if any."""
    if not block.set_apart:
        return []
    end = min((f.written.group_start for f in here), default=len(block.text))
    text = block.text[:end].rstrip()
    return [Quotation(text, text, 0, len(text), block.text[end:])] if text else []


def _notes_of(draft: Draft, index: int) -> list[Block]:
    """The footnotes of the paragraph at ``index``: the note blocks right after it."""
    notes = []
    for block in draft.blocks[index + 1 :]:
        if block.kind != "note":
            break
        notes.append(block)
    return notes


def _note_called_after(block: Block, quotation: Any, notes: list[Block]) -> Block | None:
    """The note whose call follows the quotation in its sentence (« … »[^2]), by the
    offsets of the calls in the paragraph; without them, the paragraph's only note."""
    calls = block.calls
    if len(calls) == len(notes) and notes:
        for call, note in zip(calls, notes, strict=True):
            if call >= quotation.end and not _SENTENCE_END.search(block.text[quotation.end : call]):
                return note
        return None
    return notes[0] if len(notes) == 1 else None


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _source_of(text: str, quotation: Any, here: list[Found]) -> Found | None:
    """The citation that sources the quotation in its sentence: the first one after it
    (« », écrivent Deleuze et Guattari (1980, p. 31) »), else the last one before it that
    names the author (« Dhume (2001, p. 111) … le définit comme une « … » »)."""
    for f in here:
        start = f.written.group_start
        if start >= quotation.end and not _SENTENCE_END.search(text[quotation.end : start]):
            return f
    for f in reversed(here):
        end = f.written.group_end
        if f.written.narrative and end <= quotation.start:
            between = text[end : quotation.start]
            return None if _SENTENCE_END.search(between) else f
    return None


_PAGE_ALONE = re.compile(r"\s*\((?:p\.|pp\.|page)\s*([0-9]+(?:\s*[-‑–]\s*[0-9]+)?)\s*\)")


def _page_alone_after(text: str, quotation: Any) -> str | None:
    """« … » (p. 12): the page of a quotation whose author and year came before (APA)."""
    found = _PAGE_ALONE.match(text, quotation.end)
    return found.group(1) if found else None


def _quotation_problems(
    catalog: Catalog,
    block: Block,
    quotation: Any,
    match: Any,
    source: Found | None,
    page_after: str | None = None,
) -> Iterator[Finding]:
    stored = match.stored
    reference = catalog.reference(stored.key) if stored.key else None
    who = author_year(reference) if reference else "la source"
    place = f"{who}, p. {stored.page}" if stored.page else who
    if not match.exact:
        yield Finding(
            "citation-inexacte",
            " … ".join(match.written_words) or quotation.extrait,
            f"cette citation de {place} n'est pas exacte : {_told(match)} Recopiez-la "
            f"telle quelle (glossaire show {stored.concept_id}).",
            cle=stored.key,
            attendu=stored.text,
            **where(block),
        )
    if source is None:
        yield Finding(
            "citation-sans-source",
            quotation.extrait,
            f"cette citation de {place} n'est suivie d'aucune source : ajoutez la "
            "référence juste après le guillemet fermant.",
            cle=stored.key,
            **where(block),
        )
        return
    key = source.resolution.key
    page = plain_page(page_after or source.written.pages)
    if key and stored.key and key != stored.key:
        yield Finding(
            "auteur-errone",
            source.written.extrait,
            f"cette citation est de {place} : « {source.written.extrait} » n'en est pas "
            "la source.",
            cle=stored.key,
            **where(source.block),
        )
    elif key and stored.page and page not in (None, stored.page):
        yield Finding(
            "page-erronee",
            page_after or source.written.extrait,
            f"cette citation est à la page {stored.page} de {who}, pas à la page {page}.",
            cle=stored.key,
            **where(source.block),
        )


def _told(match: Any) -> str:
    """What differs, in words a candidate can act on."""
    if match.punctuation:
        return f"la ponctuation n'est pas celle de l'auteur, qui écrit « {match.punctuation} »."
    if match.written_words and match.stored_words:
        return (
            f"vous écrivez « {' … '.join(match.written_words)} » là où l'auteur écrit "
            f"« {' … '.join(match.stored_words)} »."
        )
    if match.written_words:
        return f"« {' … '.join(match.written_words)} » n'est pas dans le texte de l'auteur."
    return f"il manque « {' … '.join(match.stored_words)} », que l'auteur écrit."
