"""The draft corpus of ``glossaire relire`` (``tests/data/drafts/``, described in its README).

Four livret-2 drafts in pandoc Markdown: two clean ones (ISO 690 and APA) where every
citation resolves and nothing may be reported, and the same two with planted faults, each
fault recorded in the draft's JSON file. ``as_document`` turns a draft into the .docx or
.odt a candidate would hand in, with real Word / LibreOffice footnotes.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from glossaire.citation.engine import pandoc_path

DRAFTS = Path(__file__).parent / "data" / "drafts"
CLEAN = ("propre-iso690", "propre-apa")
FAULTY = ("fautes-iso690", "fautes-apa")
NAMES = CLEAN + FAULTY
DOCUMENT_SUFFIXES = (".docx", ".odt")


def corpus(name: str) -> Path:
    """The Markdown draft ``name`` (« propre-iso690 », with or without « .md »)."""
    stem = name.removesuffix(".md")
    if stem not in NAMES:
        raise ValueError(f"no draft {name!r} in {DRAFTS}; there are: {', '.join(NAMES)}")
    return DRAFTS / f"{stem}.md"


def expected(name: str) -> dict[str, Any]:
    """The draft's JSON file: ``citations`` (every citation that must resolve, with its
    key) and, for a faulty draft, ``fautes``."""
    path = corpus(name).with_suffix(".json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def expected_faults(name: str) -> list[dict[str, Any]]:
    """What ``relire`` must report, in the order of the draft: each with ``type``,
    ``extrait`` (the exact text at fault), ``section`` (its heading's text), ``note``,
    ``cle`` and ``ligne``. A clean draft has none."""
    faults: list[dict[str, Any]] = expected(name).get("fautes", [])
    return faults


def expected_citations(name: str) -> list[dict[str, Any]]:
    """The citations that must resolve, one per work: ``extrait`` (that work's part, as
    written), ``cle``, ``groupe`` (the whole parenthesis, or the narrative form),
    ``section``, ``ligne``; a footnote's informal full reference has ``forme`` « note »."""
    citations: list[dict[str, Any]] = expected(name)["citations"]
    return citations


def as_document(md: Path, suffix: str, folder: Path, *, smart: bool = True) -> Path:
    """``md`` converted by pandoc to ``folder/<stem><suffix>`` (.docx or .odt): headings
    become headings, ``[^1]`` real footnotes. Pandoc's Markdown reads with ``smart`` on, as
    Word's autocorrect types: ' becomes ’ and ... becomes … in the document (so a quotation
    written with straight apostrophes comes out with curly ones); ``smart=False`` keeps the
    characters as written."""
    suffix = suffix if suffix.startswith(".") else f".{suffix}"
    if suffix not in DOCUMENT_SUFFIXES:
        raise ValueError(f"suffix {suffix!r}: use one of {', '.join(DOCUMENT_SUFFIXES)}")
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{md.stem}{suffix}"
    reader = [] if smart else ["--from", "markdown-smart"]
    subprocess.run(
        [str(pandoc_path()), *reader, str(md), "-o", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out
