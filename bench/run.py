"""Benchmark of glossaire as users run it: whole processes, timed and measured for memory.

    .venv/bin/python bench/run.py            # sizes 100, 1000, 10000
    .venv/bin/python bench/run.py --quick    # sizes 100, 1000; fewer runs (smoke check)

Every timing is one warm-up run, then the median of several runs (commands compared with
one another run in turn, round after round) of the installed console
script in a new user's environment (empty HOME, no GLOSSAIRE_* variables). Targets are
ratios against a floor measured in the same run, so they transfer between machines better
than absolute times. Never part of the test suite: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import Generated  # bench/ is sys.path[0] when run as a script

TIMEOUT_S = 300.0
FULL_SIZES = (100, 1000, 10000)
QUICK_SIZES = (100, 1000)
FULL_RUNS = 7
QUICK_RUNS = 3
READ_COMMANDS = ("show", "cite", "search", "list")
GLOSSAIRE = Path(sys.executable).parent / "glossaire"
GENERATOR = Path(__file__).resolve().parent / "generate.py"
DRAFT = Path(__file__).resolve().parent.parent / "tests" / "data" / "drafts" / "propre-iso690.md"
DRAFT_COPIES = 5  # the clean ISO 690 draft five times: about 13 500 words, 30 pages

FLOOR_CODE = "import typer, rich, yaml"
COLD_FLOOR_CODE = """\
import sys
import bibtexparser
import yaml
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f.read(), Loader=yaml.CSafeLoader)
with open(sys.argv[2], encoding="utf-8") as f:
    bibtexparser.parse_string(f.read(), parse_stack=[])
"""


class CommandFailed(Exception):
    """A measured command exited non-zero (or timed out)."""


# --- Running one process ----------------------------------------------------------------------


def _maxrss_mib(ru_maxrss: int) -> float:
    """ru_maxrss is in KiB on Linux, in bytes on macOS."""
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def run_once(
    argv: list[str],
    env: dict[str, str],
    timeout: float = TIMEOUT_S,
    stderr_path: Path | None = None,
) -> tuple[float, float, int]:
    """Run ``argv`` once: (wall seconds, child's peak RSS in MiB, return code).

    stdout goes to /dev/null; stderr to ``stderr_path`` if given. A run that exceeds
    ``timeout`` is killed and reported with a negative return code.
    """
    sink = stderr_path or Path(os.devnull)
    with sink.open("wb") as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr_file
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, rusage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    return seconds, _maxrss_mib(rusage.ru_maxrss), proc.returncode


# --- Measurements -----------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    argv: list[str]
    seconds: list[float] = field(default_factory=list)
    maxrss_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.maxrss_mib)


@dataclass
class Job:
    """One command to time: its label, its argv for run ``index`` (0 is the warm-up), and
    what to do before each run."""

    label: str
    argv_for: Callable[[int], list[str]]
    before_each: Callable[[int], None] | None = None


@dataclass
class Bench:
    """Runs measurements in one environment and keeps them by label."""

    env: dict[str, str]
    runs: int
    scratch: Path
    results: dict[str, Measurement] = field(default_factory=dict)

    def measure_together(self, jobs: list[Job]) -> None:
        """Each job's warm-up run (index 0), then ``self.runs`` rounds that run every job once,
        in turn. Interleaved, the jobs share whatever the machine does meanwhile (another
        process, a slower minute), so their ratios stay fair; fail on any non-zero exit."""
        results = {job.label: Measurement(job.label, job.argv_for(1)) for job in jobs}
        if len(results) != len(jobs):
            raise ValueError("two jobs share a label")
        for index in range(self.runs + 1):
            for job in jobs:
                if job.before_each:
                    job.before_each(index)
                argv = job.argv_for(index)
                stderr_path = self.scratch / "stderr.txt"
                seconds, mib, code = run_once(argv, self.env, stderr_path=stderr_path)
                if code != 0:
                    _fail(job.label, argv, code, stderr_path)
                if index > 0:
                    results[job.label].seconds.append(seconds)
                    results[job.label].maxrss_mib.append(mib)
        for result in results.values():
            print(
                f"  {result.label:<34}{result.median:8.3f} s  {result.peak_mib:6.1f} MiB",
                file=sys.stderr,
                flush=True,
            )
        self.results.update(results)

    def __getitem__(self, label: str) -> Measurement:
        return self.results[label]


def _fail(label: str, argv: list[str], code: int, stderr_path: Path) -> None:
    reason = (
        f"killed by signal {-code} (timeout is {TIMEOUT_S:g} s)"
        if code < 0
        else f"exited with code {code}"
    )
    print(f"\n\nFAILED: {label} {reason}\n  command: {' '.join(argv)}", file=sys.stderr)
    print(stderr_path.read_text(encoding="utf-8", errors="replace"), file=sys.stderr)
    raise CommandFailed(label)


def fixed(argv: list[str]) -> Callable[[int], list[str]]:
    return lambda _index: argv


# --- Commands ---------------------------------------------------------------------------------


def glossaire(data: Path | None, *args: str) -> list[str]:
    return [str(GLOSSAIRE), *(["--data", str(data)] if data else []), *args]


def read_args(command: str, data: Generated | None) -> list[str]:
    """Arguments of a read command, on bundled data (None) or a generated set."""
    if command == "show":
        return ["show", data.first_term if data else "partenariat"]
    if command == "cite":
        return ["cite", data.first_key if data else "dhume2001", "-p", "111"]
    if command == "search":
        return ["search", data.search_word if data else "réseau"]
    return ["list", "--format", "json"]


def read_argv(command: str, data: Generated | None) -> list[str]:
    return glossaire(data.folder if data else None, *read_args(command, data))


def label(command: str, where: str) -> str:
    return f"{command} [{where}]"


def clean_env(root: Path) -> dict[str, str]:
    """A new user's environment: an empty home, so glossaire finds its data, config and cache
    folders the way it does on a real machine (platformdirs), not through our test variables.
    Windows locates those folders without HOME: there the GLOSSAIRE_* variables stand in."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GLOSSAIRE_", "XDG_"))
    }
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    env["HOME"] = str(home)
    if os.name == "nt":
        for name, sub in (
            ("GLOSSAIRE_USER_DIR", "user"),
            ("GLOSSAIRE_CONFIG_DIR", "config"),
            ("GLOSSAIRE_CACHE_DIR", "cache"),
        ):
            env[name] = str(home / sub)
    env["NO_COLOR"] = "1"
    # Users' installs have compiled bytecode (pip writes it); a sandbox that forbids writing
    # it would time the compiler instead: let the warm-up runs write __pycache__.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def thirty_pages(root: Path) -> Path:
    """A 30-page livret 2 as Word saves it: the corpus's clean ISO 690 draft, its body five
    times (each copy's footnotes renumbered), then its bibliography, converted by pandoc."""
    import re

    from glossaire.citation.engine import pandoc_path

    body, heading, bibliography = DRAFT.read_text("utf-8").partition("# Bibliographie")
    copies = [
        re.sub(r"\[\^(\w+)\]", lambda found, i=i: f"[^{i}n{found.group(1)}]", body)
        for i in range(DRAFT_COPIES)
    ]
    markdown = root / "livret2.md"
    markdown.write_text("\n\n".join(copies) + heading + bibliography, "utf-8")
    document = root / "livret2.docx"
    subprocess.run([str(pandoc_path()), str(markdown), "-o", str(document)], check=True)
    return document


def appender(concepts: Path) -> Callable[[int], None]:
    """Before a run: append a harmless comment, so the file's size, mtime and content change."""

    def append(index: int) -> None:
        with concepts.open("a", encoding="utf-8") as file:
            file.write(f"# bench edit {index} at {time.time_ns()}\n")

    return append


def run_all(bench: Bench, sets: dict[int, Generated]) -> None:
    """Every measurement the targets need, in an order where edits come last."""
    sizes = sorted(sets)
    big = sets[sizes[-1]]
    where_big = f"n{big.n}"
    reads = [Job("floor", fixed([sys.executable, "-c", FLOOR_CODE]))]
    reads += [Job(label(c, "bundled"), fixed(read_argv(c, None))) for c in READ_COMMANDS]
    for n in sizes:
        reads += [Job(label(c, f"n{n}"), fixed(read_argv(c, sets[n]))) for c in READ_COMMANDS]
    bench.measure_together(reads)
    concepts, bib = big.folder / "concepts.yaml", big.folder / "references.bib"
    cold_floor = [sys.executable, "-c", COLD_FLOOR_CODE, str(concepts), str(bib)]
    bench.measure_together(
        [
            Job(label("cold_floor", where_big), fixed(cold_floor)),
            Job(
                label("show after edit", where_big),
                fixed(read_argv("show", big)),
                before_each=appender(concepts),
            ),
        ]
    )

    from glossaire.citation.engine import pandoc_path

    draft = thirty_pages(bench.scratch)
    read_draft = [str(pandoc_path()), "-f", "docx", "-t", "json", str(draft)]
    bench.measure_together(
        [
            Job("relire 30 pages", fixed(glossaire(None, "relire", str(draft)))),
            Job("pandoc read 30 pages", fixed(read_draft)),
            Job("show beside relire", fixed(read_argv("show", None))),
        ]
    )

    def add_argv(index: int) -> list[str]:
        return glossaire(
            big.folder,
            *("add", f"bench-new-{index}", "--terme", f"Nouveau {index}"),
            *("--definition", f"Texte {index}", "--source", big.first_key),
        )

    bench.measure_together(
        [
            Job(label("add", where_big), add_argv),
            Job(label("show beside add", where_big), fixed(read_argv("show", big))),
        ]
    )


def run_scale(bench: Bench, sets: dict[int, Generated], runs: int) -> None:
    """Issue 19's whole-library jobs (bench/scale.py), on each size, with fewer runs."""
    from scale import scale_jobs

    saved = bench.runs
    bench.runs = runs
    try:
        for n in sorted(sets):
            bench.measure_together(scale_jobs(glossaire, Job, sets[n], bench.scratch))
    finally:
        bench.runs = saved


# --- Targets ----------------------------------------------------------------------------------


@dataclass
class Target:
    key: str
    description: str
    value: float
    limit: float
    unit: str = "x"

    @property
    def passed(self) -> bool:
        return self.value <= self.limit


def targets(bench: Bench, sizes: list[int]) -> list[Target]:
    big, previous = f"n{sizes[-1]}", f"n{sizes[-2]}"
    floor = bench["floor"].median
    result: list[Target] = []
    for command in READ_COMMANDS:
        ratio = bench[label(command, "bundled")].median / floor
        result.append(Target("a", f"{command} bundled / floor", ratio, 1.5))
    for command in READ_COMMANDS:
        ratio = bench[label(command, big)].median / bench[label(command, "bundled")].median
        result.append(Target("b", f"{command} {big} / bundled", ratio, 1.3))
    cold = bench[label("show after edit", big)].median / bench[label("cold_floor", big)].median
    result.append(Target("c", f"show after edit {big} / cold_floor", cold, 1.5))
    add = bench[label("add", big)].median / bench[label("show beside add", big)].median
    result.append(Target("d", f"add {big} / show {big} (run in turn)", add, 2.0))
    budget = 2 * bench["show beside relire"].median + bench["pandoc read 30 pages"].median
    relire = bench["relire 30 pages"].median / budget
    result.append(Target("g", "relire 30 pages / (2 show + pandoc read)", relire, 1.0))
    measured_big = [label(c, big) for c in READ_COMMANDS]
    measured_big += [label("show after edit", big), label("add", big)]
    for name in measured_big:
        result.append(Target("e", f"peak memory {name}", bench[name].peak_mib, 200.0, " MiB"))
    for command in READ_COMMANDS:
        ratio = bench[label(command, big)].median / bench[label(command, previous)].median
        result.append(Target("f", f"{command} {big} / {previous} (flat)", ratio, 1.3))
    return result


# --- Report -----------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def timings_table(bench: Bench) -> str:
    rows = [
        [
            m.label,
            f"{m.median:.3f}",
            f"{min(m.seconds):.3f}",
            f"{max(m.seconds):.3f}",
            f"{m.peak_mib:.1f}",
        ]
        for m in bench.results.values()
    ]
    headers = ["command", "median s", "min s", "max s", "peak MiB"]
    return table(headers, rows, right={1, 2, 3, 4})


def targets_table(found: list[Target]) -> str:
    rows = [
        [
            t.key,
            t.description,
            f"{t.value:.2f}{t.unit}",
            f"<= {t.limit:g}{t.unit}",
            "PASS" if t.passed else "FAIL",
        ]
        for t in found
    ]
    return table(["", "ratio", "value", "target", "result"], rows, right={2, 3})


def header(quick: bool, sizes: list[int], runs: int) -> str:
    mode = (
        f"QUICK: N={sizes[-1]} stands in for N=10000 in b-f (f compares N={sizes[-1]} to "
        f"N={sizes[-2]})"
        if quick
        else "full"
    )
    return "\n".join(
        [
            "glossaire benchmark (numbers from this machine only)",
            f"  mode: {mode}",
            f"  sizes: {', '.join(map(str, sizes))}; 1 warm-up + median of {runs} runs each",
            f"  python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs",
            f"  console script: {GLOSSAIRE}",
        ]
    )


def write_json(
    path: Path, bench: Bench, found: list[Target], quick: bool, sizes: list[int]
) -> None:
    data = {
        "meta": {
            "quick": quick,
            "sizes": sizes,
            "runs": bench.runs,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
        "measurements": {
            m.label: {**asdict(m), "median": m.median, "peak_mib": m.peak_mib}
            for m in bench.results.values()
        },
        "targets": [{**asdict(t), "passed": t.passed} for t in found],
        "summary": {"met": sum(t.passed for t in found), "total": len(found)},
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --- Main ------------------------------------------------------------------------------------


def generate_in_child(root: Path, sizes: list[int]) -> dict[int, Generated]:
    """Generate the data sets in another process.

    A child's ru_maxrss starts from the size of the process that forked it, so this process
    must stay small: building 10 000 concepts here would inflate every memory reading.
    """
    argv = [sys.executable, str(GENERATOR), str(root), "--json", "--sizes", *map(str, sizes)]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    sets = [Generated(**{**g, "folder": Path(g["folder"])}) for g in json.loads(done.stdout)]
    return {g.n: g for g in sets}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark glossaire's commands.")
    parser.add_argument("--quick", action="store_true", help="sizes 100 and 1000, 3 runs")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 7, quick 3)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write all raw numbers here")
    parser.add_argument("--keep", action="store_true", help="keep the generated data folder")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also whole-library work (check, add-ref, biblio --tout, export --tout): minutes",
    )
    parser.add_argument("--scale-runs", type=int, default=1, help="timed runs of --scale jobs")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    sizes = list(QUICK_SIZES if args.quick else FULL_SIZES)
    runs = args.runs or (QUICK_RUNS if args.quick else FULL_RUNS)
    if not GLOSSAIRE.exists():
        print(f"console script not found: {GLOSSAIRE}", file=sys.stderr)
        return 1
    root = Path(tempfile.mkdtemp(prefix="glossaire-bench-"))
    started = time.perf_counter()
    try:
        print(f"generating data in {root} ...", file=sys.stderr, flush=True)
        sets = generate_in_child(root, sizes)
        bench = Bench(clean_env(root / "env"), runs, root)
        run_all(bench, sets)
        if args.scale:
            run_scale(bench, sets, args.scale_runs)
    except CommandFailed:
        return 1
    finally:
        if args.keep:
            print(f"data kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    found = targets(bench, sizes)
    if args.scale:
        from scale import scale_targets

        found += scale_targets(bench, Target, sizes)
    print(header(args.quick, sizes, runs))
    print()
    print(timings_table(bench))
    print()
    print(targets_table(found))
    print()
    print(f"total bench time: {time.perf_counter() - started:.0f} s")
    print(f"targets met: {sum(t.passed for t in found)}/{len(found)}")
    if args.json:
        write_json(args.json, bench, found, args.quick, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
