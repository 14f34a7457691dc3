"""Whole-library work at group scale (issue 19): the measurements and targets that
``bench/run.py --scale`` adds.

What a facilitator does with a group's library: edit it by hand and look again, check it,
add a reference, print the whole bibliography, export the whole annex. Each is compared
side by side with a warm ``show`` (run in turn, in the same rounds), and whole-bibliography
rendering with the CSL engine alone on the same CSL-JSON (the « engine floor »: pandoc's
citeproc, which glossaire cannot be faster than).

These commands take minutes at 10 000 entries before issue 19's work: ``--scale`` runs them
with one warm-up and ``--scale-runs`` timed runs (default 1), on the sizes asked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENGINE_FLOOR_CODE = """\
import json, subprocess, sys, tempfile, pathlib
from glossaire.citation.engine import pandoc_path
from glossaire.citation.styles import resolve_style
items, out = sys.argv[1], pathlib.Path(sys.argv[2])
doc = "---\\nlang: fr-FR\\nnocite: '@*'\\n---\\n"
subprocess.run([str(pandoc_path()), "--from", "markdown", "--to", "json", "--citeproc",
                f"--csl={resolve_style('iso690').path}", f"--bibliography={items}"],
               input=doc.encode(), stdout=out.open("wb"), check=True)
"""


def csl_items(folder: Path, out: Path) -> Path:
    """The CSL-JSON of every reference of the data set, as glossaire gives the engine
    (made once, untimed: the floor times the engine alone)."""
    code = (
        "import json, sys\n"
        "from glossaire.catalog.memory import MemoryCatalog\n"
        "from glossaire.citation.csl_json import csl_item\n"
        "from glossaire.loading.dataset import load_dataset\n"
        "catalog = MemoryCatalog(load_dataset(sys.argv[1]))\n"
        "items = [csl_item(r) for r in catalog.references.values()]\n"
        "open(sys.argv[2], 'w', encoding='utf-8').write(json.dumps(items, ensure_ascii=False))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(folder), str(out)], check=True)
    return out


def one_entry_edit(path: Path, before: str, after: str) -> Callable[[int], None]:
    """Before each run: change one entry of the file (toggle a word), as a hand edit does."""

    def edit(index: int) -> None:
        text = path.read_text("utf-8")
        old, new = (before, after) if before in text else (after, before)
        path.write_text(text.replace(old, new, 1), "utf-8")
        time.sleep(0.01)  # a distinct mtime on coarse file systems

    return edit


def scale_jobs(
    glossaire: Callable[..., list[str]],
    job: Callable[..., Any],
    generated: Any,
    scratch: Path,
) -> list[Any]:
    """Every job of one data set, to be measured together (in turn, round after round)."""
    where = f"n{generated.n}"
    folder = generated.folder
    items = csl_items(folder, scratch / f"items-{generated.n}.json")
    concepts, bib = folder / "concepts.yaml", folder / "references.bib"
    first_line = concepts.read_text("utf-8").splitlines()[1]
    new_ref = scratch / f"nouvelle-{generated.n}.bib"

    def add_ref_argv(index: int) -> list[str]:
        new_ref.write_text(
            f"@book{{benchref{index}x{time.time_ns()},\n  author = {{Martin, Léa}},\n"
            f"  title = {{Ouvrage {index} {time.time_ns()}}},\n  year = {{2020}},\n"
            "  publisher = {Dunod},\n}\n",
            "utf-8",
        )
        return glossaire(folder, "add-ref", str(new_ref))

    out = scratch / "annexe"
    return [
        job(f"show warm [{where}]", lambda _i: glossaire(folder, "show", generated.first_term)),
        job(f"check [{where}]", lambda _i: glossaire(folder, "check")),
        job(
            f"check after edit [{where}]",
            lambda _i: glossaire(folder, "check"),
            before_each=one_entry_edit(concepts, first_line, first_line + " "),
        ),
        job(
            f"cite after bib edit [{where}]",
            lambda _i: glossaire(folder, "cite", generated.first_key),
            before_each=one_entry_edit(bib, "year", "year "),
        ),
        job(f"add-ref [{where}]", add_ref_argv),
        job(f"biblio --tout [{where}]", lambda _i: glossaire(folder, "biblio", "--tout")),
        job(
            f"export html [{where}]",
            lambda i: glossaire(folder, "export", "--tout", "-o", f"{out}-{i}.html", "--force"),
        ),
        job(
            f"export docx [{where}]",
            lambda i: glossaire(folder, "export", "--tout", "-o", f"{out}-{i}.docx", "--force"),
        ),
        job(
            f"engine floor [{where}]",
            lambda _i: [sys.executable, "-c", ENGINE_FLOOR_CODE, str(items), str(scratch / "e")],
        ),
    ]


def scale_targets(bench: Any, target: Callable[..., Any], sizes: list[int]) -> list[Any]:
    """Issue 19's targets, from the measurements of ``scale_jobs``."""
    big = f"n{sizes[-1]}"
    show = bench[f"show warm [{big}]"].median
    floor = bench[f"engine floor [{big}]"].median
    found = [
        target("h", f"check {big} / show", bench[f"check [{big}]"].median / show, 3.0),
        target("h", f"check after edit {big} / show",
               bench[f"check after edit [{big}]"].median / show, 4.0),
        target("i", f"cite after bib edit {big} / show",
               bench[f"cite after bib edit [{big}]"].median / show, 2.0),
        target("j", f"add-ref {big} / show", bench[f"add-ref [{big}]"].median / show, 2.0),
    ]
    for name in ("biblio --tout", "export html", "export docx"):
        ratio = bench[f"{name} [{big}]"].median / floor
        found.append(target("k", f"{name} {big} / engine floor", ratio, 2.0))
    for name in ("check", "add-ref", "biblio --tout", "export html", "export docx"):
        found.append(target("l", f"peak memory {name} [{big}]",
                            bench[f"{name} [{big}]"].peak_mib, 200.0, " MiB"))
    if len(sizes) > 1:
        small = f"n{sizes[-2]}"
        for name in ("check", "add-ref"):
            ratio = bench[f"{name} [{big}]"].median / bench[f"{name} [{small}]"].median
            found.append(target("m", f"{name} {big} / {small} (flat)", ratio, 1.3))
    return found


def write_numbers(path: Path, bench: Any) -> None:
    path.write_text(
        json.dumps({label: m.median for label, m in bench.results.items()}, indent=2), "utf-8"
    )
