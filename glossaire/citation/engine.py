"""Render citations and bibliographies with pandoc's citeproc, in French: text, HTML, Markdown.

The one place that talks to the CSL engine: the pandoc binary of the ``pypandoc-binary``
wheel, run as a process (CSL-JSON and a small Markdown document in, pandoc's document tree
out, nothing from the network). Pandoc's citeproc is the Haskell ``citeproc`` library by
pandoc's author; rendered side by side with citeproc-js (the engine inside Zotero), it gives
the same citations, disambiguation included (tests/test_citations_golden.py). The tree is
then written as text, HTML or Markdown by ``citation.inlines``: the engine decides every
word and mark, we only spell its markup. Every engine failure (a style it cannot apply, a
missing binary) becomes a French error, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from glossaire.citation.inlines import Block, Inline, write_blocks, write_inlines
from glossaire.citation.locator import plain_page
from glossaire.citation.styles import PRESETS, StyleChoice
from glossaire.errors import GlossaireError, os_reason

LOCALE = "fr-FR"  # always given: a style's default locale may be English
TIMEOUT_S = 600  # a whole bibliography of 10 000 references takes seconds, never minutes


class Cite(NamedTuple):
    key: str  # CSL item id
    page: str | None = None
    narrative: bool = False  # « Dhume (2001) »: the name in the sentence (``relire``)


class Rendering(NamedTuple):
    citations: tuple[str, ...]  # one per Cite, in the same order
    bibliography: tuple[str, ...]  # every item, sorted as the style says
    bibliography_ids: tuple[str, ...]  # the item id of each entry


class StyleUnusable(GlossaireError):
    """The CSL engine could not apply the style."""


class EngineMissing(GlossaireError):
    """The pandoc binary that renders citations is not where the install put it."""


def render(
    style: StyleChoice, items: list[dict[str, Any]], cites: list[Cite], output: str = "text"
) -> Rendering:
    """Every item goes into the bibliography (so that disambiguation sees them all, as in
    one document); each cite is its own paragraph. ``items`` are plain CSL-JSON: the
    engine's output is escaped for ``output`` here, data and markup alike."""
    return render_in(style, items, cites, (output,))[output]


def render_in(
    style: StyleChoice, items: list[dict[str, Any]], cites: list[Cite], outputs: tuple[str, ...]
) -> dict[str, Rendering]:
    """The same rendering written in several outputs (text and html), from one engine run."""
    tree = _run_pandoc(style, items, _document(cites))
    return {output: _written(style, tree, items, cites, output) for output in outputs}


def _written(
    style: StyleChoice, tree: Any, items: list[dict[str, Any]], cites: list[Cite], output: str
) -> Rendering:
    keep_particles = _particles_kept(items)
    citations = [
        keep_particles(write_inlines(inlines, output)) for inlines in _citations(tree["blocks"])
    ]
    if len(citations) != len(cites):
        raise _unusable(style, "citations perdues")
    entries = list(_entries(tree["blocks"]))
    open_lists = {item["id"] for item in items if _ends_with_others(item)}
    return Rendering(
        tuple(citations),
        tuple(
            _month_capitalised(
                _et_al(keep_particles(write_blocks(blocks, output)), item_id in open_lists)
            )
            for item_id, blocks in entries
        ),
        tuple(item_id for item_id, _ in entries),
    )


def _ends_with_others(item: dict[str, Any]) -> bool:
    return any(item.get(role, [{}])[-1] == {"literal": "others"} for role in _NAME_ROLES)


def _et_al(entry: str, open_list: bool) -> str:
    """The second post-pass: BibTeX's ``and others`` (``csl_json`` passes it as the name
    « others ») is « et al. » in citations and in APA's entries, but ISO 690's entries
    print it as a name (« FRANÇOIS, Luc et OTHERS »): written « , et al. » there too."""
    return _OTHERS.sub(", et al.", entry) if open_list else entry


def _month_capitalised(entry: str) -> str:
    """The third post-pass: a date that opens a sentence of an entry starts with a capital
    (ISO 690 prints a misc's full date after its title: « … du maçon. Février 2006. »);
    French months are lower case, so the CSL locale writes « février »."""
    return _MONTH_AFTER_STOP.sub(lambda found: found.group()[:1].upper() + found.group()[1:], entry)


_MONTH_AFTER_STOP = re.compile(
    r"(?<=[.!?] )(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre)\b"
)
_OTHERS = re.compile(r"(?:,|\s+et|\s+and|\s+&(?:#38;|amp;)?)\s+others\b", re.IGNORECASE)


def _particles_kept(items: list[dict[str, Any]]) -> Callable[[str], str]:
    """The one post-pass: ``csl_json`` joins a particle to its name with a no-break space
    (« de Gaulle », as citeproc-js prints it and French typography wants), and pandoc's
    name parser turns it into an ordinary space. Put it back, in any case of letters."""
    families = {
        name["family"]
        for item in items
        for role in _NAME_ROLES
        for name in item.get(role, ())
        if NBSP in name.get("family", "")
    }
    if not families:
        return lambda text: text
    pattern = re.compile(
        "|".join(re.escape(family).replace(NBSP, "[ \u00a0]") for family in families),
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(lambda found: found.group().replace(" ", NBSP), text)


_NAME_ROLES = ("author", "editor", "translator", "container-author", "collection-editor")
NBSP = "\u00a0"


def page_range(page: str) -> str:
    """« 111-113 » → « 111‑113 »: fr-FR joins pages with a non-breaking hyphen. Pandoc does
    it for the locators it reads; tools/make_citation_golden.py gives citeproc-js the same."""
    return re.sub(r"\s*[-\u2010-\u2014]+\s*", "\u2011", page.strip())


def _document(cites: Iterable[Cite]) -> str:
    """A Markdown document: metadata (French, every item in the bibliography), then one
    paragraph per citation. Keys go in ``@{…}``; a page has every ASCII punctuation mark
    escaped, so that nothing in it is read as Markdown or as a second citation."""
    lines = ["---", f"lang: {LOCALE}", "nocite: '@*'", "---", ""]
    for cite in cites:
        page = plain_page(cite.page)
        locator = f", p. {_escape_markdown(page)}" if page else ""
        if cite.narrative:
            lines += [f"@{{{cite.key}}}" + (f" [{locator[2:]}]" if page else ""), ""]
        else:
            lines += [f"[@{{{cite.key}}}{locator}]", ""]
    return "\n".join(lines)


def _escape_markdown(text: str) -> str:
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.split()))


def _run_pandoc(style: StyleChoice, items: list[dict[str, Any]], document: str) -> Any:
    with tempfile.TemporaryDirectory(prefix="glossaire-citeproc-") as folder:
        references = Path(folder) / "references.json"
        references.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
        command = [
            str(pandoc_path()),
            *("--from", "markdown", "--to", "json", "--citeproc"),
            f"--csl={style.path}",
            f"--bibliography={references}",
            f"--data-dir={folder}",  # nothing from the user's pandoc folder
        ]
        try:
            done = subprocess.run(
                command,
                input=document.encode("utf-8"),
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise _unusable(style, "délai dépassé") from error
        except OSError as error:
            raise EngineMissing(
                f"le moteur de citation (pandoc) ne démarre pas : {os_reason(error)}.",
                "Réinstallez glossaire (pip install --force-reinstall glossaire).",
            ) from error
    if done.returncode != 0:
        raise _unusable(style, _first_error(done.stderr))
    try:
        return json.loads(done.stdout.decode("utf-8"))
    except ValueError as error:
        raise _unusable(style, "réponse illisible") from error


def _first_error(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    found = [line for line in lines if line and not line.startswith("[WARNING]")]
    return found[0][:200] if found else "erreur du moteur"


def _unusable(style: StyleChoice, reason: str) -> StyleUnusable:
    return StyleUnusable(
        f"le moteur de citation ne sait pas appliquer le style « {style.name} » ({reason}).",
        f"Choisissez un autre style, par exemple l'un des styles prédéfinis : "
        f"{', '.join(PRESETS)}.",
    )


@lru_cache(maxsize=1)
def pandoc_path() -> Path:
    """The binary the ``pypandoc-binary`` wheel installs, found without importing pypandoc
    (which would look on the PATH and could offer to download one)."""
    from importlib.util import find_spec

    spec = find_spec("pypandoc")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    name = "pandoc.exe" if os.name == "nt" else "pandoc"
    for folder in folders:
        binary = Path(folder) / "files" / name
        if binary.is_file():
            return binary
    raise EngineMissing(
        "le moteur de citation (pandoc, installé avec glossaire) est introuvable.",
        "Réinstallez glossaire (pip install --force-reinstall glossaire).",
    )


def _citations(blocks: list[Block]) -> Iterator[list[Inline]]:
    """The rendered inlines of each citation, in document order (a note style puts them
    in a footnote: the note's text is the citation)."""
    for block in blocks:
        if block["t"] in {"Para", "Plain"}:
            for inline in block["c"]:
                if inline["t"] == "Cite":
                    yield inline["c"][1]


def _entries(blocks: list[Block]) -> Iterator[tuple[str, list[Block]]]:
    """(item id, blocks) of each bibliography entry: ``Div#ref-ID`` inside ``Div#refs``."""
    for block in blocks:
        if block["t"] == "Div" and block["c"][0][0] == "refs":
            for entry in block["c"][1]:
                identifier = entry["c"][0][0] if entry["t"] == "Div" else ""
                if identifier.startswith("ref-"):
                    yield identifier.removeprefix("ref-"), entry["c"][1]
