"""Regenerate tests/golden/citations/*.json with citeproc-js, the engine inside Zotero.

The goldens are what glossaire's CSL engine (pandoc's citeproc) must reproduce. They are made
from the CSL-JSON that glossaire itself produces (bundled references, tests/data/citation_types.bib
and tests/data/citation_cases.bib), rendered by citeproc-js with the same style files and the same
CSL locale files that pandoc embeds (tools/citeproc_js/locales, from jgm/citeproc: see the
README there). The items are raw CSL-JSON, the same for text and HTML: the engine escapes its
output itself. Run it after changing the converter or the reference data; it needs Node.js and
``npm ci`` in tools/citeproc_js (a development tool only: never at run time, never in CI).

    python tools/make_citation_golden.py
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossaire.citation.csl_json import csl_item  # noqa: E402
from glossaire.citation.styles import PRESETS, resolve_style  # noqa: E402
from glossaire.loading.bibtex_refs import parse_references  # noqa: E402
from glossaire.loading.textfile import read_text  # noqa: E402
from glossaire.model.reference import Reference  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "citations"
SOURCES = (
    REPO / "data" / "references.bib",
    REPO / "tests" / "data" / "citation_types.bib",
    REPO / "tests" / "data" / "citation_cases.bib",
)
PAGES = (None, "111", "111-113")
RENDER_JS = REPO / "tools" / "citeproc_js" / "render.js"
# The locale files pandoc's citeproc embeds (en-US, the fallback, is read from the same folder).
LOCALE = REPO / "tools" / "citeproc_js" / "locales" / "locales-fr-FR.xml"

try:
    from glossaire.citation.engine import page_range
except ImportError:

    def page_range(page: str) -> str:
        """« 111-113 » → the locale's range form: fr-FR joins pages with a non-breaking hyphen."""
        return re.sub(r"\s*[-\u2010-\u2014]+\s*", _range_delimiter(), page.strip())

    def _range_delimiter() -> str:
        match = re.search(
            r'<term name="page-range-delimiter">([^<]*)</term>', LOCALE.read_text("utf-8")
        )
        return html.unescape(match.group(1)) if match else "\u2013"


def references() -> list[Reference]:
    found: list[Reference] = []
    for path in SOURCES:
        parsed = parse_references(read_text(path).text, path)
        if parsed.problems:
            raise SystemExit(f"{path}: {parsed.problems[0].message}")
        found.extend(parsed.references)
    return found


def spec(preset: str, output: str, refs: list[Reference]) -> dict[str, Any]:
    cites = [{"id": ref.key.lower(), "page": page} for ref in refs for page in PAGES]
    return {
        "style": str(resolve_style(preset).path),
        "locale": str(LOCALE),
        "items": [csl_item(ref) for ref in refs],
        "cites": [
            {"id": c["id"], "locator": page_range(c["page"]), "label": "page"}
            if c["page"]
            else {"id": c["id"]}
            for c in cites
        ],
        "format": output,
        "pages": [c["page"] for c in cites],
    }


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    refs = references()
    for preset in PRESETS:
        for output in ("text", "html"):
            request = spec(preset, output, refs)
            done = subprocess.run(
                ["node", str(RENDER_JS)],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                check=True,
            )
            rendered = json.loads(done.stdout)
            golden = {
                "engine": "citeproc-js (tools/citeproc_js/package-lock.json)",
                "style": preset,
                "format": output,
                "items": request["items"],
                "cites": [
                    {"id": c["id"], "page": page}
                    for c, page in zip(request["cites"], request["pages"], strict=True)
                ],
                "citations": rendered["citations"],
                "bibliography": rendered["bibliography"],
                "bibliography_ids": rendered["bibliography_ids"],
            }
            target = GOLDEN / f"{preset}.{output}.json"
            target.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", "utf-8")
            print(f"{target.relative_to(REPO)} : {len(golden['citations'])} citations")


if __name__ == "__main__":
    main()
