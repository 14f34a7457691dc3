"""LaTeX → text for BibTeX values: one decoder for the process, each distinct value decoded once.

bibtexparser's ``LatexDecodingMiddleware`` is what we mean by decoding, and we keep its exact
configuration (pylatexenc's default macros plus ``\\url{x}`` read as ``x``, braced groups kept,
math verbatim). Used as is, it dominated every whole-library command (93 % of ``check``):

* a new middleware per parse builds pylatexenc's text context again, and pylatexenc's
  ``latex_to_text`` builds a fresh parsing context for *every value* (64 000 times for a
  10 000-entry library). Here both contexts are built once, on first need;
* a library says the same things many times (publishers, journals, series, ``@string``
  macros expanded in every entry that uses them): each distinct value is decoded once;
* most values hold no LaTeX at all and are returned untouched, without parsing them.

The result is the middleware's, character for character: tests/test_latex_decoding.py checks
it against the middleware itself on random values and on the project's own files.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from bibtexparser.middlewares import LatexDecodingMiddleware
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

# What pylatexenc, configured as bibtexparser configures it, reads as something other than
# plain characters: a macro or escape (\), a group ({}), math ($), a comment (%, which drops
# the rest of the line), and its "specials": & ~ -- --- `` '' !` ?`. Text without any of them
# decodes to itself exactly, white space included (checked against the decoder by the tests),
# so it is not parsed at all; ^ _ # are plain characters outside math.
LATEX_AT_WORK = re.compile(r"[\\{}$%&~`]|--|''")

# Distinct values a process keeps decoded: every LaTeX-bearing value of a library of several
# tens of thousands of entries (at 10 000 entries, 10 000 distinct values, most of them author
# lists). Each is kept with its text, so the memo weighs about what those fields of the decoded
# references weigh anyway; the bound only stops a long process that reads many files from
# growing without end.
_MEMORISED_VALUES = 1 << 16


def decode(value: str) -> tuple[str, str]:
    """``(text, error)`` as ``LatexDecodingMiddleware._transform_python_value_string`` returns
    them: the decoded text and "" or, when pylatexenc gives up, the value unchanged and why."""
    if not LATEX_AT_WORK.search(value):
        return value, ""
    return _decoded(value)


@lru_cache(maxsize=_MEMORISED_VALUES)
def _decoded(value: str) -> tuple[str, str]:
    text_decoder, parsing_context = _decoder()
    try:
        # What ``LatexNodes2Text.latex_to_text`` does, but with the parsing context built once:
        # ``LatexWalker(value)`` would build the default one again for this value.
        nodes = LatexWalker(value, latex_context=parsing_context).get_latex_nodes()[0]
        return str(text_decoder.nodelist_to_text(nodes)), ""
    except Exception as error:  # as the middleware: any failure is a "latex-invalide" problem
        return value, str(error)


@cache
def _decoder() -> tuple[Any, Any]:
    """The middleware's own text decoder (so its configuration is bibtexparser's, whatever the
    version), and pylatexenc's default parsing context, which ``LatexWalker`` uses when given
    none. Built on first need: a command that decodes nothing never pays for them."""
    middleware = LatexDecodingMiddleware(keep_braced_groups=True)
    return middleware._decoder, get_default_latex_context_db()


def text_decoder() -> Any:
    """The one ``LatexNodes2Text`` of the process, for a middleware that must be given one (it
    would otherwise build its own context, the cost this module removes)."""
    return _decoder()[0]
