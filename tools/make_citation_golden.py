"""Regenerate tests/golden/citations/*.json with citeproc-js, the engine inside Zotero.

The goldens are what citeproc-py must reproduce byte for byte. They are made from the CSL-JSON
that glossaire itself produces (bundled references + tests/data/citation_types.bib), rendered
by citeproc-js with the same style and locale files that citeproc-py reads. Run it after
changing the converter or the reference data; it needs Node.js and ``npm ci`` in
tools/citeproc_js (a development tool only: never at run time, never in CI).

    python tools/make_citation_golden.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossaire.citation.csl_json import csl_item  # noqa: E402
from glossaire.citation.engine import page_range  # noqa: E402
from glossaire.citation.styles import PRESETS, resolve_style  # noqa: E402
from glossaire.loading.bibtex_refs import parse_references  # noqa: E402
from glossaire.loading.textfile import read_text  # noqa: E402
from glossaire.model.reference import Reference  # noqa: E402
from glossaire.services.citations import html_escape  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "citations"
SOURCES = (REPO / "data" / "references.bib", REPO / "tests" / "data" / "citation_types.bib")
PAGES = (None, "111", "111-113")
RENDER_JS = REPO / "tools" / "citeproc_js" / "render.js"


def references() -> list[Reference]:
    found: list[Reference] = []
    for path in SOURCES:
        parsed = parse_references(read_text(path).text, path)
        if parsed.problems:
            raise SystemExit(f"{path}: {parsed.problems[0].message}")
        found.extend(parsed.references)
    return found


def spec(preset: str, output: str, refs: list[Reference]) -> dict[str, object]:
    import citeproc

    escape = html_escape if output == "html" else None
    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-fr-FR.xml"
    cites = [{"id": ref.key.lower(), "page": page} for ref in refs for page in PAGES]
    return {
        "style": str(resolve_style(preset).path),
        "locale": str(locale),
        "items": [csl_item(ref, escape) for ref in refs],
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
