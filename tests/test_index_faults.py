"""The index cache under faults (issue 14): a full disk (ENOSPC) or a refused write (EACCES)
while the index is being written (its build, the listing row, the cached citations, the
entries a write stages, the mtime it remembers) never reaches the user. Every command
answers exactly as without the index (``GLOSSAIRE_INDEX=0``), a write holds exactly its new
entry, nothing but French reaches stderr, and the next command, the fault gone, builds and
uses a sound index again."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest

from glossaire.catalog.index import store
from tests.conftest import Invoke

CONCEPTS = (
    "- id: maillage\n  terme: Maillage\n  parent: reseau\n  definitions:\n"
    '    - texte: "Un filet de partenaires."\n      source: dhume2001\n      page: "12"\n'
)
REFERENCES = (
    "@book{roux2013, author = {Roux, Léa}, title = {Le maillage}, publisher = {P}, year = {2013}}\n"
)
NEW_REF = "@book{blanc2019, author = {Blanc, Paul}, title = {T}, publisher = {P}, year = {2019}}\n"

READS: dict[str, tuple[str, ...]] = {
    "show": ("show", "maillage"),
    "list": ("list", "-f", "json"),
    "search": ("search", "réseau"),
    "cite": ("cite", "roux2013", "-p", "4"),
}
WRITES: dict[str, tuple[str, ...]] = {
    "add": (
        *("add", "noeud", "--terme", "Nœud", "--definition", "Un point du maillage."),
        *("--source", "roux2013", "--parent", "maillage"),
    ),
    "add-ref": ("add-ref",),
    "define": ("define", "réseau", "Pour moi, un maillage."),
}
# What each write adds, once, to its file; and a read that shows it afterwards.
NEW_ENTRY = {"add": b'- id: "noeud"', "add-ref": b"{blanc2019,", "define": b"Pour moi"}
READ_BACK = {
    "add": ("show", "noeud", "-f", "json"),
    "add-ref": ("cite", "blanc2019"),
    "define": ("show", "réseau", "-f", "json"),
}
# The command whose own write point is under test in a warm index (the others may write
# nothing at all there, which is fine).
WARM_WRITE_POINT = {"list", "cite", "add", "add-ref", "define"}
ENGLISH = ("Traceback", "database", "disk is full", "readonly", "Errno", "Permission denied")

# -- the faults -----------------------------------------------------------------------------


@dataclass
class Fault:
    """What fails, and how, while ``active``: SQLite statements that write, commits, and the
    file-system calls a build makes in the cache folder."""

    message: str  # as SQLite says it
    statements: tuple[str, ...] = ()  # first keywords of the statements that fail
    commit: bool = False
    os_errno: int | None = None  # mkstemp and rename in the cache folder fail with it
    active: bool = False
    hits: list[str] = field(default_factory=list)

    def check(self, sql: str) -> None:
        words = sql.split(None, 1)
        if self.active and words and words[0].upper() in self.statements:
            self.hits.append(words[0].upper())
            raise sqlite3.OperationalError(self.message)


ROWS = ("INSERT", "UPDATE", "DELETE", "REPLACE")
FAULTS = {
    # The schema is created, then the first row written (or the commit) finds the disk full.
    "disk full on every row": lambda: Fault("database or disk is full", ROWS, commit=True),
    "disk full at commit": lambda: Fault("database or disk is full", commit=True),
    # No right to write: the temp file of a build is refused, and so is every transaction.
    "read-only cache": lambda: Fault(
        "attempt to write a readonly database",
        ("BEGIN", "CREATE", "DROP", *ROWS),
        commit=True,
        os_errno=errno.EACCES,
    ),
}


class _FaultyConnection(sqlite3.Connection):
    """A real SQLite connection whose writes fail as the fault says."""

    fault: Fault | None = None

    def execute(self, sql: str, parameters=(), /):  # type: ignore[override]
        if self.fault is not None:
            self.fault.check(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters, /):  # type: ignore[override]
        if self.fault is not None:
            self.fault.check(sql)
        return super().executemany(sql, parameters)

    def executescript(self, script: str, /):  # type: ignore[override]
        if self.fault is not None:
            self.fault.check(script.strip())
        return super().executescript(script)

    def commit(self) -> None:
        fault = self.fault
        if fault is not None and fault.active and fault.commit and self.in_transaction:
            fault.hits.append("COMMIT")
            raise sqlite3.OperationalError(fault.message)
        super().commit()


def _in_cache(path: object, *, itself: bool = False) -> bool:
    """``path`` is in the cache folder (``itself``: is the cache folder)."""
    if path is None:
        return False
    cache = Path(os.environ[store.CACHE_ENV])
    found = Path(os.fsdecode(path))  # type: ignore[call-overload]
    return (found if itself else found.parent) == cache


@pytest.fixture
def fault_factory(monkeypatch: pytest.MonkeyPatch):
    """Install a fault (inactive until the test says so) on every SQLite connection and on
    the cache folder's temp files and renames."""
    real_connect = sqlite3.connect
    real_mkstemp = tempfile.mkstemp
    real_replace = os.replace

    def install(name: str) -> Fault:
        fault = FAULTS[name]()
        monkeypatch.setattr(_FaultyConnection, "fault", fault)

        def connect(database, *args, **kwargs):
            kwargs.setdefault("factory", _FaultyConnection)
            return real_connect(database, *args, **kwargs)

        def mkstemp(*args, **kwargs):
            if fault.active and fault.os_errno and _in_cache(kwargs.get("dir"), itself=True):
                fault.hits.append("mkstemp")
                raise OSError(fault.os_errno, os.strerror(fault.os_errno))
            return real_mkstemp(*args, **kwargs)

        def replace(source, target, *args, **kwargs):
            if fault.active and fault.os_errno and _in_cache(target):
                fault.hits.append("rename")
                raise OSError(fault.os_errno, os.strerror(fault.os_errno))
            return real_replace(source, target, *args, **kwargs)

        monkeypatch.setattr(sqlite3, "connect", connect)
        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "replace", replace)
        return fault

    return install


# -- helpers --------------------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "groupe"
    folder.mkdir()
    (folder / "concepts.yaml").write_text(CONCEPTS, "utf-8")
    (folder / "references.bib").write_text(REFERENCES, "utf-8")
    return folder


def _target(name: str, folder: Path, home: Path) -> Path:
    return {
        "add": folder / "concepts.yaml",
        "add-ref": folder / "references.bib",
        "define": home / "mes-definitions.yaml",
    }[name]


def _run(invoke: Invoke, folder: Path, command: tuple[str, ...], **env: str):
    return invoke(
        "--data", str(folder), *command, input=NEW_REF if command[0] == "add-ref" else None,
        env=env or None,
    )  # fmt: skip


def _files_answer(invoke: Invoke, folder: Path, command: tuple[str, ...]):
    """What the command says reading the files directly."""
    result = _run(invoke, folder, command, GLOSSAIRE_INDEX="0")
    assert result.exit_code == 0, (command, result.stderr)
    return result


def _same_answer(result, expected, command: tuple[str, ...]) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), command
    assert result.exit_code == 0, (command, result.stderr)
    assert (result.stdout, result.stderr) == (expected.stdout, expected.stderr), command
    for english in ENGLISH:
        assert english not in result.stderr and english not in result.stdout, command


def _indexes(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("index-*.sqlite"))


def _index_is_fresh(folder: Path) -> bool:
    """The index a command would open now describes exactly the current files."""
    folders = list(dict.fromkeys(store.source_folders(str(folder))))
    path = store.index_path(folders)
    connection = store.open_fresh(path, store.current_sources(folders))
    if connection is None:
        return False
    connection.close()
    return True


def _no_temp_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    leftovers = (
        [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] if cache.is_dir() else []
    )
    assert leftovers == []


def _later_run_uses_a_sound_index(
    invoke: Invoke, folder: Path, tmp_path: Path, commands: list[tuple[str, ...]]
) -> None:
    """Without the fault: same answers as the files, then a fresh index on disk."""
    for command in commands:
        expected = _files_answer(invoke, folder, command)
        _same_answer(_run(invoke, folder, command), expected, command)
    assert _index_is_fresh(folder)
    _no_temp_files(tmp_path)


def _warm(invoke: Invoke, folder: Path) -> None:
    assert _run(invoke, folder, ("info",)).exit_code == 0
    assert _index_is_fresh(folder)


def _touch(folder: Path) -> None:
    """Same content, new mtime (a sync client, a copy): the index records the new mtime."""
    path = folder / "concepts.yaml"
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 10**10))


PHASES = {
    "cold": "no index yet: the build fails",
    "warm": "a sound index: the command's own write fails",
    "touched": "a sound index, a source touched: remembering its mtime fails",
}


def _prepare(phase: str, invoke: Invoke, folder: Path) -> None:
    if phase != "cold":
        _warm(invoke, folder)
    if phase == "touched":
        _touch(folder)


# -- read commands ----------------------------------------------------------------------


@pytest.mark.parametrize("phase", sorted(PHASES))
@pytest.mark.parametrize("fault_name", sorted(FAULTS))
@pytest.mark.parametrize("read", sorted(READS))
def test_a_read_answers_as_the_files_when_the_cache_cannot_be_written(
    invoke: Invoke, tmp_path: Path, fault_factory, read: str, fault_name: str, phase: str
) -> None:
    folder = _folder(tmp_path)
    command = READS[read]
    expected = _files_answer(invoke, folder, command)
    fault = fault_factory(fault_name)
    _prepare(phase, invoke, folder)
    fault.active = True
    result = _run(invoke, folder, command)
    fault.active = False
    _same_answer(result, expected, command)
    if phase != "warm" or read in WARM_WRITE_POINT:
        assert fault.hits, "the fault was never met: this test would test nothing"
    _no_temp_files(tmp_path)
    if phase == "cold":
        assert _indexes(tmp_path) == []  # no half-built index left in place
    else:  # a cache row that could not be written is no damage: the index stays
        assert _index_is_fresh(folder), "a sound index was thrown away"
    _later_run_uses_a_sound_index(invoke, folder, tmp_path, [command, READS["list"]])


# -- write commands ---------------------------------------------------------------------


@pytest.mark.parametrize("phase", sorted(PHASES))
@pytest.mark.parametrize("fault_name", sorted(FAULTS))
@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_write_holds_exactly_its_entry_when_the_cache_cannot_be_written(
    invoke: Invoke,
    tmp_path: Path,
    isolated_home: Path,
    fault_factory,
    write: str,
    fault_name: str,
    phase: str,
) -> None:
    folder = _folder(tmp_path)
    command = WRITES[write]
    target = _target(write, folder, isolated_home)
    before = target.read_bytes() if target.exists() else None
    # The same write without the index, in the same place (so the messages name the same
    # file), gives the expected answer and bytes; then the file is put back as it was.
    expected = _files_answer(invoke, folder, command)
    wanted = target.read_bytes()
    if before is None:
        target.unlink()
    else:
        target.write_bytes(before)
    fault = fault_factory(fault_name)
    _prepare(phase, invoke, folder)
    fault.active = True
    result = _run(invoke, folder, command)
    fault.active = False
    _same_answer(result, expected, command)
    if phase != "warm" or write in WARM_WRITE_POINT:
        assert fault.hits, "the fault was never met: this test would test nothing"
    written = target.read_bytes()
    assert written == wanted  # nothing lost, nothing half-written, nothing twice
    assert written.startswith(before or b"") and written.count(NEW_ENTRY[write]) == 1
    _no_temp_files(tmp_path)
    _later_run_uses_a_sound_index(invoke, folder, tmp_path, [READ_BACK[write], READS["list"]])


# -- a disk SQLite itself finds full ----------------------------------------------------------


class _FullDisk(sqlite3.Connection):
    """A connection whose file may not grow by a single page (``max_page_count``): SQLite
    itself then answers SQLITE_FULL, « database or disk is full », wherever it would grow."""

    full: ClassVar[list[str]] = []  # set by the test

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A build of the test's data needs about 80 pages; an existing index keeps its size.
        super().execute("PRAGMA max_page_count = 40")

    def _seen(self, run, sql: str, *args):
        try:
            return run(sql, *args)
        except sqlite3.OperationalError as error:
            if "full" in str(error):
                self.full.append(sql.split(None, 1)[0])
            raise

    def execute(self, sql: str, parameters=(), /):  # type: ignore[override]
        return self._seen(super().execute, sql, parameters)

    def executemany(self, sql: str, parameters, /):  # type: ignore[override]
        return self._seen(super().executemany, sql, parameters)

    def executescript(self, script: str, /):  # type: ignore[override]
        return self._seen(super().executescript, script)


@pytest.mark.parametrize("phase", ["cold", "warm"])
@pytest.mark.parametrize("name", [*sorted(READS), *sorted(WRITES)])
def test_a_disk_sqlite_finds_full(
    invoke: Invoke,
    tmp_path: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    phase: str,
) -> None:
    folder = _folder(tmp_path)
    command = {**READS, **WRITES}[name]
    target = _target(name, folder, isolated_home) if name in WRITES else None
    expected = _files_answer(invoke, folder, command)
    wanted = target.read_bytes() if target is not None else None
    if target is not None:
        (folder / "concepts.yaml").write_text(CONCEPTS, "utf-8")
        (folder / "references.bib").write_text(REFERENCES, "utf-8")
        if name == "define":
            target.unlink()
    if phase == "warm":
        _warm(invoke, folder)
    full: ClassVar[list[str]] = []  # set by the test
    monkeypatch.setattr(_FullDisk, "full", full)
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        return real_connect(database, *args, **{**kwargs, "factory": _FullDisk})

    monkeypatch.setattr(sqlite3, "connect", connect)
    result = _run(invoke, folder, command)
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    _same_answer(result, expected, command)
    # A build needs new pages. The listing row of this small data set may fit in a page the
    # index already has (it is kept as four columns): the injected write failures above
    # cover that row whatever its size.
    if phase == "cold":
        assert full, "SQLite never found the disk full: this test would test nothing"
    if target is not None:
        assert target.read_bytes() == wanted
    _no_temp_files(tmp_path)
    _later_run_uses_a_sound_index(invoke, folder, tmp_path, [READS["show"], READS["list"]])


# -- os-level faults while building ---------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
@pytest.mark.parametrize("step", ["mkdir", "mkstemp", "rename"])
def test_a_build_that_cannot_create_its_files_is_silent(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    """No room (or no right) for the cache folder, the temp file, or its rename."""
    folder = _folder(tmp_path)
    commands = [*READS.values(), WRITES["add"], READ_BACK["add"]]
    expected = []
    for command in commands:
        expected.append(_files_answer(invoke, folder, command))
    (folder / "concepts.yaml").write_text(CONCEPTS, "utf-8")  # the add undone
    hits: list[str] = []
    armed = [True]

    def refuse(where: object, itself: bool = False) -> None:
        if armed[0] and _in_cache(where, itself=itself):
            hits.append(step)
            raise OSError(code, os.strerror(code))

    real_mkdir, real_mkstemp, real_replace = Path.mkdir, tempfile.mkstemp, os.replace

    def mkdir(self: Path, *args, **kwargs) -> None:
        if self == tmp_path / "cache":
            refuse(self, itself=True)
        real_mkdir(self, *args, **kwargs)

    def mkstemp(*args, **kwargs):
        if step == "mkstemp":
            refuse(kwargs.get("dir"), itself=True)
        return real_mkstemp(*args, **kwargs)

    def replace(source, target, *args, **kwargs):
        if step == "rename":
            refuse(target)
        return real_replace(source, target, *args, **kwargs)

    if step == "mkdir":
        monkeypatch.setattr(Path, "mkdir", mkdir)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "replace", replace)
    for command, answer in zip(commands, expected, strict=True):
        _same_answer(_run(invoke, folder, command), answer, command)
    assert hits, "the fault was never met: this test would test nothing"
    assert _indexes(tmp_path) == []
    _no_temp_files(tmp_path)
    armed[0] = False
    _later_run_uses_a_sound_index(invoke, folder, tmp_path, [READ_BACK["add"], READS["list"]])


# -- cache folders that cannot be written at all --------------------------------------------


def _every_command_answers_as_the_files(invoke: Invoke, folder: Path, home: Path) -> None:
    for command in READS.values():
        _same_answer(_run(invoke, folder, command), _files_answer(invoke, folder, command), command)
    for name, command in WRITES.items():
        target = _target(name, folder, home)
        before = target.read_bytes() if target.exists() else b""
        expected = _files_answer(invoke, folder, command)
        wanted = target.read_bytes()
        if before:
            target.write_bytes(before)
        else:
            target.unlink()
        _same_answer(_run(invoke, folder, command), expected, command)
        assert target.read_bytes() == wanted
        read_back = READ_BACK[name]
        _same_answer(
            _run(invoke, folder, read_back), _files_answer(invoke, folder, read_back), read_back
        )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
@pytest.mark.parametrize("with_index", [False, True], ids=["empty", "holding an index"])
def test_a_read_only_cache_folder(
    invoke: Invoke, tmp_path: Path, isolated_home: Path, with_index: bool
) -> None:
    folder = _folder(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    if with_index:
        _warm(invoke, folder)
    before = {path: path.read_bytes() for path in _indexes(tmp_path)}
    cache.chmod(0o500)
    try:
        _every_command_answers_as_the_files(invoke, folder, isolated_home)
        _no_temp_files(tmp_path)
        assert {path: path.read_bytes() for path in _indexes(tmp_path)} == before
    finally:
        cache.chmod(0o700)
    _later_run_uses_a_sound_index(invoke, folder, tmp_path, [READS["show"], READS["list"]])


@pytest.mark.parametrize("where", ["the cache folder", "the index file's place"])
def test_a_cache_path_taken_by_something_else(
    invoke: Invoke, tmp_path: Path, isolated_home: Path, where: str
) -> None:
    """A file where the cache folder should be, or a folder where the index file should be."""
    folder = _folder(tmp_path)
    cache = tmp_path / "cache"
    if where == "the cache folder":
        cache.write_text("pas un dossier\n", "utf-8")
    else:
        folders = list(dict.fromkeys(store.source_folders(str(folder))))
        store.index_path(folders).mkdir(parents=True)
    _every_command_answers_as_the_files(invoke, folder, isolated_home)
    if where == "the cache folder":
        assert cache.read_text("utf-8") == "pas un dossier\n"  # never removed nor written
        cache.unlink()
    else:
        shutil.rmtree(cache)
    _later_run_uses_a_sound_index(invoke, folder, tmp_path, [READS["show"], READS["list"]])
