"""French typography for the annex: curly apostrophes and the no-break spaces before « : ; ? ! »
and inside « », so that a jury's printed copy never has a line that starts with « : » or « » ».

Applied once, where ``services.export`` builds the ``ExportDocument`` (and to the writers'
own words in ``export.labels``): every writer then lays out text that is already typeset.

What changes, and why it is safe for every text of the annex:

- a straight apostrophe between two letters becomes ’ (« l'échange » → « l’échange »,
  « aujourd'hui »). Any other is left alone: around 'a word' it is a single quotation mark,
  and turning only the closing one would mismatch the pair;
- the blanks before « : » become one no-break space U+00A0, those before « ; ? ! » and « » »
  and after « « » one narrow no-break space U+202F, as the Imprimerie nationale's rules ask.
  A newline there becomes that space too: no line may start with those marks. A missing space
  is added only where the mark ends a word (« Exemple: » then a blank or the end), never
  inside a token such as « 10:30 », « C:\\dossier » or « a?b ».

Quotations (verbatim definitions and examples) get the same treatment. Their words and their
punctuation marks stay the author's; which glyph an apostrophe is, and which kind of space
stands before a colon, is typesetting, not text: French publishers harmonise both when they
quote, and a straight ' inside a curly-quoted annex would look like a transcription error.

Never changed: a URL (« scheme:// », « www. »), a « doi: » or a bare DOI (« 10.xxxx/… »): the
whole blank-free token stays byte-identical, because a link whose ' became ’ leads nowhere.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from glossaire.export.runs import Run

NBSP = "\u00a0"  # before « : »
NNBSP = "\u202f"  # narrow: before « ; ? ! » and inside « »

# A token that must stay byte-identical, up to the next blank.
_PROTECTED = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bdoi:|\bmailto:|\b10\.\d{4,9}/)\S+", re.IGNORECASE
)
# « followed by its blanks; the blanks before a mark (maybe none); a straight apostrophe.
_CANDIDATE = re.compile(r"«\s*|\s*[:;?!»]|'")
# What may end a word before « : ; ? ! » when no space was typed: letters, digits, the closing
# marks, the ellipsis, a full stop (« etc. : »), a percent or degree sign.
_WORD_END = frozenset(")]}»…’'\".%°")
# What may follow « ? ! » typed without a space: « Quoi?! », « (pourquoi?) », « Quoi?» ».
_AFTER_QUESTION = frozenset(")]}»…’'\".,;:!?")

# An edit of the text: replace text[start:end] with ``text``; ``anchor`` is the position of
# the character it belongs with (the mark it spaces, the « it follows), so that a space added
# across two runs goes into the run of that character.
_Edit = tuple[int, int, str, int]


def french_spacing(text: str) -> str:
    """``text`` with French typography; idempotent, URLs and DOIs untouched."""
    edits = _edits(text)
    if not edits:
        return text
    pieces = []
    cursor = 0
    for start, end, new, _anchor in edits:
        pieces += [text[cursor:start], new]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def quoted(text: str) -> str:
    """« text », narrow no-break spaces inside, the text itself typeset."""
    return french_spacing(f"«{NNBSP}{text.strip()}{NNBSP}»")


def spaced_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """``french_spacing`` over a paragraph of runs (a bibliography entry), as one text.

    Typeset run by run, « <i>Pourquoi</i> ? » would keep its breakable space (it ends one run,
    the « ? » starts the next) and a URL split over two runs would not be recognised: the
    paragraph is typeset as a whole and each edit goes back into the run of its character.
    """
    text = "".join(run.text for run in runs)
    edits = _edits(text)
    if not edits:
        return runs
    starts = []
    position = 0
    for run in runs:
        starts.append(position)
        position += len(run.text)

    def run_of(index: int) -> int:
        return max(bisect.bisect_right(starts, index) - 1, 0)

    pieces: list[list[str]] = [[] for _ in runs]

    def copy(start: int, end: int) -> None:
        while start < end:
            owner = run_of(start)
            stop = min(end, starts[owner] + len(runs[owner].text))
            if stop <= start:  # an empty run at this position: the next one holds it
                owner, stop = owner + 1, end
            pieces[owner].append(text[start:stop])
            start = stop

    cursor = 0
    for start, end, new, anchor in edits:
        copy(cursor, start)
        pieces[run_of(anchor)].append(new)
        cursor = end
    copy(cursor, len(text))
    return tuple(replace(run, text="".join(parts)) for run, parts in zip(runs, pieces, strict=True))


def _edits(text: str) -> list[_Edit]:
    if not any(mark in text for mark in ":;?!«»'"):
        return []
    edits: list[_Edit] = []
    for segment_start, segment_end in _unprotected(text):
        for found in _CANDIDATE.finditer(text, segment_start, segment_end):
            edit = _edit(text, *found.span())
            if edit is not None and text[edit[0] : edit[1]] != edit[2]:
                edits.append(edit)
    return edits


def _unprotected(text: str) -> list[tuple[int, int]]:
    """The spans between URLs and DOIs (a token starts after a blank or a mark and takes
    every character up to the next blank, so no edit can reach into one)."""
    spans = []
    cursor = 0
    for token in _PROTECTED.finditer(text):
        spans.append((cursor, token.start()))
        cursor = token.end()
    spans.append((cursor, len(text)))
    return spans


def _edit(text: str, start: int, end: int) -> _Edit | None:
    matched = text[start:end]
    before = text[start - 1] if start else ""
    if matched == "'":
        after = text[end : end + 1]
        return (start, end, "’", start) if before.isalpha() and _opens_word(after) else None
    if matched[0] == "«":
        return (start + 1, end, NNBSP, start)
    mark = matched[-1]
    blank_end = end - 1
    space = NBSP if mark == ":" else NNBSP
    if blank_end > start:  # blanks typed before the mark: they become the right one
        return (start, blank_end, space, blank_end)
    if not before or before.isspace() or before == "«":  # start, or spaced by « « »
        return None
    if mark == "»" or _ends_word(before, text[end : end + 1], mark):
        return (start, start, space, start)
    return None


def _opens_word(after: str) -> bool:
    """« l'échange », « d'« un » » : an elision, followed by its word (or a quotation)."""
    return after.isalpha() or after == "«"


def _ends_word(before: str, after: str, mark: str) -> bool:
    """« Exemple: » or « Quoi? »: the mark closes a word, it is not inside a token."""
    if not (before.isalnum() or before in _WORD_END):
        return False
    if not after or after.isspace() or after == "»":  # » gets its own space before it
        return True
    return mark in "?!" and after in _AFTER_QUESTION
