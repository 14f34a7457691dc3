"""The derived index: a SQLite file in the user's cache folder, never in their data folder.

The YAML and BibTeX files stay the single source of truth. The index holds what read
commands need, ready to use: each concept (its whole entry in ``bodies``; in ``concepts``
the few fields ``list`` shows), the lookup keys of every term and variant, the folded text
that ``search`` looks in (a trigram full-text index, ``search``), each BibTeX
entry as written (decoded only when used), and the citations already rendered by the CSL
engine. It is rebuilt when a source file
changes (size, mtime, then content hash), and any trouble with it (corrupt, locked,
unwritable) makes commands read the files directly instead: never an error for the user.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from glossaire.paths import data_layers, user_data_dir

SCHEMA_VERSION = "28"  # bump when a stored type, a parser or a table changes
CACHE_ENV = "GLOSSAIRE_CACHE_DIR"
INDEX_ENV = "GLOSSAIRE_INDEX"  # « 0 » reads the files directly (debugging, comparisons)
SOURCE_NAMES = ("concepts.yaml", "concepts.yml", "referentiel.yaml", "mes-definitions.yaml")
RACY_SECONDS = 2.0  # a file written this recently may change again within the same mtime

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE sources (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, crc INTEGER, recorded_ns INTEGER);
CREATE TABLE concepts (
    id TEXT PRIMARY KEY, terme TEXT, sort_key TEXT, parent TEXT, chapitres TEXT,
    domaines TEXT);
CREATE TABLE bodies (id TEXT PRIMARY KEY, data BLOB);
CREATE TABLE texts (id TEXT, folded_term TEXT, sort_key TEXT);
CREATE INDEX texts_id ON texts(id);
CREATE INDEX concepts_parent ON concepts(parent);
-- covering: a listing of 10 000 concepts reads this index alone, in order
CREATE INDEX concepts_listing ON concepts(sort_key, id, terme, chapitres, domaines);
CREATE TABLE lookup (key TEXT, concept_id TEXT);
CREATE INDEX lookup_key ON lookup(key);
CREATE INDEX lookup_concept ON lookup(concept_id);
CREATE TABLE refs (key TEXT PRIMARY KEY, path TEXT, line INTEGER, raw TEXT, namesake TEXT);
CREATE INDEX refs_namesake ON refs(namesake);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, key TEXT);
-- every work identity (``model.reference.work_identities``) of each entry: add-ref's lookup
CREATE TABLE works (identity TEXT, key TEXT);
CREATE INDEX works_identity ON works(identity);
CREATE TABLE citations (
    style TEXT, key TEXT, page TEXT, output TEXT, in_text TEXT, full TEXT, depends TEXT,
    PRIMARY KEY (style, key, page, output));
"""


class IndexUnavailable(Exception):
    """The index cannot be used this time; the caller reads the files directly."""


class SourceState(NamedTuple):
    path: str
    size: int
    mtime_ns: int


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("glossaire", appauthor=False)


def index_enabled() -> bool:
    return os.environ.get(INDEX_ENV, "1") != "0"


def source_folders(data_option: str | None) -> list[Path]:
    """The layers' folders (as the loader reads them), then the user's own for its
    « Ma définition » file."""
    folders = [folder for _, folder in data_layers(data_option)] + [user_data_dir()]
    return list(dict.fromkeys(folders))


def index_path(folders: list[Path]) -> Path:
    """One index per set of folders: a group's data and a user's own do not mix.

    A CRC names the file (hashlib would load OpenSSL on every call); two sets of folders
    sharing a name would only make each rebuild the index, which records its source files."""
    return cache_dir() / f"index-{folders_digest(folders)}.sqlite"


def folders_digest(folders: list[Path]) -> str:
    """A short name for one set of data folders, for what the cache keeps per set."""
    folder_list = b"\n".join(os.fsencode(f.resolve()) for f in folders)  # any bytes a path has
    return f"{zlib.crc32(folder_list):08x}"


def current_sources(folders: list[Path]) -> list[SourceState]:
    """Every file a load would read, with its size and mtime: cheap ``stat`` calls only."""
    found: dict[str, SourceState] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        # Absolute paths: ``--data dossier`` and ``--data /chemin/vers/dossier`` share an index.
        with os.scandir(folder.resolve()) as entries:
            for entry in entries:
                if entry.name in SOURCE_NAMES or entry.name.endswith(".bib"):
                    try:
                        info = entry.stat()
                    except OSError:  # a broken link: the loader reports it
                        info = entry.stat(follow_symlinks=False)
                    found[entry.path] = SourceState(entry.path, info.st_size, info.st_mtime_ns)
    return sorted(found.values(), key=lambda state: state.path)


def open_fresh(path: Path, sources: list[SourceState]) -> sqlite3.Connection | None:
    """The index at ``path`` if it describes exactly these source files, else None."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=1.0)
        stored = _stored_sources(connection)
        version = connection.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
    except sqlite3.Error:
        return None
    if version is None or version[0] != SCHEMA_VERSION or set(stored) != {s.path for s in sources}:
        connection.close()
        return None
    for state in sources:
        if not _unchanged(state, stored[state.path]):
            connection.close()
            return None
        if (stored[state.path][1]) != state.mtime_ns:
            _remember_mtime(connection, state)
    return connection


def _stored_sources(connection: sqlite3.Connection) -> dict[str, tuple[int, int, int, int]]:
    return {
        row[0]: (row[1], row[2], row[3], row[4])
        for row in connection.execute("SELECT path, size, mtime_ns, crc, recorded_ns FROM sources")
    }


def _unchanged(state: SourceState, stored: tuple[int, int, int, int]) -> bool:
    """Same size and mtime, or else the same content. The mtime is trusted only when it is
    clearly older than the moment the file was recorded: a file saved again within the same
    mtime tick (2 s on a FAT USB stick) must be read, as git does for its index."""
    size, mtime_ns, crc, recorded_ns = stored
    racy = state.mtime_ns >= recorded_ns - RACY_SECONDS * 1e9
    if (size, mtime_ns) == (state.size, state.mtime_ns) and not racy:
        return True
    return size == state.size and file_hash(Path(state.path)) == crc


def previous_parses(path: Path, sources: list[SourceState]) -> dict[Path, object]:
    """What the index at ``path`` stored of each source file's parse (``store_parse``), for
    the files unchanged since: a rebuild after an edit of concepts.yaml need not parse a
    large .bib again. Anything amiss with the old index means nothing to reuse."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return {}
    try:
        version = connection.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
        if version is None or version[0] != SCHEMA_VERSION:
            return {}
        stored = _stored_sources(connection)
        reusable: dict[Path, object] = {}
        for state in sources:
            if state.path not in stored or file_hash(Path(state.path)) != stored[state.path][2]:
                continue  # a rebuild can afford to check every reused file's content
            row = connection.execute(
                "SELECT value FROM meta WHERE name = ?", (f"parsed:{state.path}",)
            ).fetchone()
            if row is not None:
                reusable[Path(state.path)] = loads(row[0])
        return reusable
    except Exception:
        return {}
    finally:
        connection.close()


def store_parse(connection: sqlite3.Connection, path: Path, parsed: object) -> None:
    connection.execute("INSERT INTO meta VALUES (?, ?)", (f"parsed:{path}", dumps(parsed)))


def file_hash(path: Path) -> int:
    """The CRC-32 of the file: it only has to notice a user's edit that kept the size and
    the mtime, and it costs a few milliseconds for a 10 MB file (and no OpenSSL to load)."""
    crc = 0
    if not path.is_file():
        return -1  # a broken link, a pipe (which would block): never a recorded CRC
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                crc = zlib.crc32(block, crc)
    except OSError:
        return -1  # a broken link, a file gone: never equal to a recorded CRC
    return crc


def write_new_index(path: Path, fill: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """Build into a temp file beside ``path`` and rename it into place: a reader never sees
    a half-built index, and two builders racing each produce a whole one."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise IndexUnavailable(str(error)) from error
    try:
        connection = sqlite3.connect(temp_name)
        connection.executescript(SCHEMA)
        connection.execute(_search_table(connection))
        fill(connection)
        connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        connection.commit()
        connection.close()
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=1.0)


# What ``search`` looks in, one row per ``texts`` row (same rowid). A trigram full-text index
# finds a substring without reading every row; an SQLite built without FTS5 or its trigram
# tokenizer (before 3.34) gets a plain table, which ``search`` scans.
TRIGRAM_TABLE = (
    "CREATE VIRTUAL TABLE search USING fts5(folded, tokenize='trigram case_sensitive 1')"
)
PLAIN_TABLE = "CREATE TABLE search (rowid INTEGER PRIMARY KEY, folded TEXT)"


def _search_table(connection: sqlite3.Connection) -> str:
    try:
        connection.execute(TRIGRAM_TABLE.replace("search", "probe", 1))
        connection.execute("DROP TABLE probe")
    except sqlite3.OperationalError:
        return PLAIN_TABLE
    return TRIGRAM_TABLE


class RecordedSource(NamedTuple):
    state: SourceState
    crc: int
    recorded_ns: int


def record_sources(sources: list[SourceState]) -> list[RecordedSource]:
    """The sources' content, taken *before* a build reads them: if a file changes while the
    build runs, what the index records is older than what it parsed, so the next command
    sees a difference and builds again (never the reverse, which would hide the change)."""
    now = time.time_ns()
    return [RecordedSource(s, file_hash(Path(s.path)), now) for s in sources]


def store_sources(connection: sqlite3.Connection, recorded: list[RecordedSource]) -> None:
    connection.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        [(r.state.path, r.state.size, r.state.mtime_ns, r.crc, r.recorded_ns) for r in recorded],
    )


def dumps(value: object) -> bytes:
    from glossaire.catalog.index import codec

    return codec.dumps(value)


def loads(blob: bytes) -> object:
    """Plain data, rebuilt into the model's own types only (``codec``): a damaged or foreign
    row says so as ``IndexUnavailable``, and the command reads the files."""
    from glossaire.catalog.index import codec

    try:
        return codec.loads(blob)
    except codec.Undecodable as error:
        raise IndexUnavailable(str(error)) from error


def _remember_mtime(connection: sqlite3.Connection, state: SourceState) -> None:
    """Same content, new mtime (a touch, a copy): keep the index and skip the hash next time."""
    try:
        connection.execute(
            "UPDATE sources SET mtime_ns = ?, recorded_ns = ? WHERE path = ?",
            (state.mtime_ns, time.time_ns(), state.path),
        )
        connection.commit()
    except sqlite3.Error:
        pass
