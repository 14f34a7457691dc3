"""Many `glossaire add` processes on one folder, some killed mid-flight: nothing is lost or
damaged, and no stale lock blocks the next write. Real processes, the installed script."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossaire.loading.yaml_concepts import parse_concepts
from tests.conftest import console_script, index_env, script_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture(autouse=True)
def _both_catalogs(index_mode: str) -> str:
    """Every test runs its writers with the index and with ``GLOSSAIRE_INDEX=0``."""
    return index_mode


def _start(folder: Path, number: int, mode: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            console_script(),
            "--data",
            str(folder),
            "add",
            f"concept-{number}",
            "--terme",
            f"Concept n° {number}",
            "--definition",
            f"Définition « {number} » : avec deux-points # et dièse",
            "--source",
            "atelier2016",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=script_env(GLOSSAIRE_LOCK_TIMEOUT="180", **index_env(mode)),
    )


def _ids(folder: Path) -> list[str]:
    path = folder / "concepts.yaml"
    parsed = parse_concepts(path.read_text("utf-8"), path)
    assert not parsed.problems and not parsed.unreadable
    return [concept.id for concept in parsed.concepts]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "groupe"
    folder.mkdir()
    (folder / "concepts.yaml").write_text("# concepts du groupe\n", "utf-8")
    return folder


def test_twenty_concurrent_adds_all_land(tmp_path: Path, index_mode: str) -> None:
    folder = _folder(tmp_path)
    processes = [_start(folder, number, index_mode) for number in range(20)]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    assert sorted(_ids(folder)) == sorted(f"concept-{n}" for n in range(20))
    assert (folder / "concepts.yaml").read_text("utf-8").startswith("# concepts du groupe\n")
    # The index the writers kept up to date lists what the file holds.
    assert _listed(folder, "index") == _listed(folder, "files")


def _listed(folder: Path, mode: str) -> list[str]:
    """The ids ``list`` shows, read in ``mode`` by a fresh process."""
    done = subprocess.run(
        [console_script(), "--data", str(folder), "list", "--format", "json"],
        capture_output=True,
        env=script_env(**index_env(mode)),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    return [record["id"] for record in json.loads(done.stdout)]


def test_killed_writers_lose_nothing_that_was_confirmed(tmp_path: Path, index_mode: str) -> None:
    folder = _folder(tmp_path)
    processes = [_start(folder, number, index_mode) for number in range(20)]
    victims = random.Random(7).sample(range(20), 5)
    for victim in victims:
        time.sleep(0.15)
        processes[victim].send_signal(signal.SIGKILL)
    confirmed = []
    for number, process in enumerate(processes):
        process.communicate(timeout=300)
        if process.returncode == 0:
            confirmed.append(f"concept-{number}")
        else:
            assert number in victims, f"concept-{number} failed without being killed"
    ids = _ids(folder)  # the file is valid YAML, every entry readable
    assert set(confirmed) <= set(ids)
    assert len(ids) == len(set(ids))
    # A killed writer may leave its hidden temp file; it never replaced concepts.yaml.
    started = time.monotonic()
    after = _start(folder, 99, index_mode)
    _out, err = after.communicate(timeout=60)
    assert after.returncode == 0, err.decode()
    assert time.monotonic() - started < 30  # no stale lock to wait out
    assert "concept-99" in _ids(folder)


def test_writers_with_readers_and_hand_edits(tmp_path: Path, index_mode: str) -> None:
    """Writers, readers and a person appending notes by hand (as ``cat >>`` does), all at
    once: every confirmed entry lands, every hand-written line stays, readers never fail.
    A writer may refuse (« a été modifié pendant… »): that is the hand edit being kept."""
    folder = _folder(tmp_path)
    path = folder / "concepts.yaml"
    writers = [_start(folder, number, index_mode) for number in range(16)]
    readers = [
        subprocess.Popen(
            [console_script(), "--data", str(folder), command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=script_env(**index_env(index_mode)),
        )
        for command in ("list", "info", "check") * 2
    ]
    for edit in range(8):
        time.sleep(0.05)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"# note à la main {edit}\n")
    confirmed = []
    for number, process in enumerate(writers):
        _out, err = process.communicate(timeout=300)
        assert process.returncode in (0, 1), err.decode()
        if process.returncode == 0:
            confirmed.append(f"concept-{number}")
        else:
            assert "a été modifié pendant" in err.decode("utf-8"), err.decode()
    for reader in readers:
        _out, err = reader.communicate(timeout=300)
        assert reader.returncode in (0, 1) and b"Traceback" not in err, err.decode()
    assert set(confirmed) <= set(_ids(folder))
    text = path.read_text("utf-8")
    assert all(f"# note à la main {edit}\n" in text for edit in range(8))
