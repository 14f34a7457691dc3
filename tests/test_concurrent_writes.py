"""Many `glossaire add` processes on one folder, some killed mid-flight: nothing is lost or
damaged, and no stale lock blocks the next write. Real processes, the installed script."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossaire.loading.yaml_concepts import parse_concepts
from tests.conftest import console_script, script_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _start(folder: Path, number: int) -> subprocess.Popen[bytes]:
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
        env=script_env(GLOSSAIRE_LOCK_TIMEOUT="180"),
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


def test_twenty_concurrent_adds_all_land(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    processes = [_start(folder, number) for number in range(20)]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    assert sorted(_ids(folder)) == sorted(f"concept-{n}" for n in range(20))
    assert (folder / "concepts.yaml").read_text("utf-8").startswith("# concepts du groupe\n")


def test_killed_writers_lose_nothing_that_was_confirmed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    processes = [_start(folder, number) for number in range(20)]
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
    after = _start(folder, 99)
    _out, err = after.communicate(timeout=60)
    assert after.returncode == 0, err.decode()
    assert time.monotonic() - started < 30  # no stale lock to wait out
    assert "concept-99" in _ids(folder)
