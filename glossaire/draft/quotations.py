"""Find the passages a candidate quotes, and what follows each one.

A jury checks that every quotation has its source, and the source is written right after
the closing guillemet: « … » (Dhume, 2001, p. 111), or a footnote's call. So each
quotation comes with ``following``, the text after it up to the end of its sentence.
Short quoted words (« réseau », a user's « on a mutualisé ») are returned too: whether
they need a source is the service's decision, not this reader's.
"""

from __future__ import annotations

import re

from glossaire.draft.model import Quotation

FOLLOWING_LIMIT = 80  # characters; a source is written at once, or not at all
_PAIRS = {"«": "»", "“": "”"}
_SPACES = " \t\n\u00a0\u202f\u2009\u2007"
_OPENING = re.compile(r'[«“"]')


def find_quotations(text: str) -> list[Quotation]:
    """Every outermost quoted passage of ``text``, in order: in « », in “ ”, or between
    two straight double quotes. A guillemet that is never closed opens no quotation;
    marks nested inside a quotation (« … “ … ” … ») belong to it."""
    closing = _matching_marks(text)
    found: list[Quotation] = []
    pos = 0
    while (opening := _OPENING.search(text, pos)) is not None:
        start = opening.start()
        close = closing.get(start) if text[start] != '"' else text.find('"', start + 2)
        if close is None or close < 0:
            pos = start + 1
            continue
        end = close + 1
        found.append(
            Quotation(
                extrait=text[start:end],
                text=text[start + 1 : close].strip(_SPACES),
                start=start,
                end=end,
                following=text[end : _sentence_end(text, end)],
            )
        )
        pos = end
    return found


def _matching_marks(text: str) -> dict[int, int]:
    """The closing mark of every opening « and “ that has one, as brackets match: French
    quotations nest « … « … » … » as well as « … “ … ” … ». One pass, so that a paragraph
    of stray guillemets costs no more than any other."""
    matches: dict[int, int] = {}
    stacks: dict[str, list[int]] = {mark: [] for mark in _PAIRS}
    closers = {close: mark for mark, close in _PAIRS.items()}
    for index, char in enumerate(text):
        if char in stacks:
            stacks[char].append(index)
        elif char in closers and stacks[closers[char]]:
            matches[stacks[closers[char]].pop()] = index
    return matches


def _sentence_end(text: str, start: int) -> int:
    """The end of the sentence that goes on after a quotation, at most ``FOLLOWING_LIMIT``
    characters on, except that a parenthesis opened before the limit is kept whole (it
    is where « (Dhume, 2001, p. 111) » is written). A full stop inside it (« p. ») ends
    nothing, nor does a new quotation's opening."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and index - start >= FOLLOWING_LIMIT:
                return index + 1
        elif depth == 0:
            if char in ".!?…" and (index + 1 == len(text) or text[index + 1] in _SPACES):
                return index
            if char in '«“"' or index - start >= FOLLOWING_LIMIT:
                return index
        elif index - start >= 3 * FOLLOWING_LIMIT:
            return index  # a parenthesis never closed
        index += 1
    return len(text)
