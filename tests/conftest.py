"""Shared fixtures: every test runs against a private user folder and no group folder."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from glossaire.cli.app import app

# CI runs the property tests on a fixed sequence of examples: a submission lands or not on
# its own merits, never on the draw; a developer's runs keep exploring (and remember).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SEED_JOURNAL = REPO.parent / "shared" / "seed" / "journal-atelier-2016-04-22.clean.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user folder at an empty temp dir; never read the developer's own data."""
    user_dir = tmp_path / "utilisateur"
    monkeypatch.setenv("GLOSSAIRE_USER_DIR", str(user_dir))
    monkeypatch.setenv("GLOSSAIRE_CONFIG_DIR", str(tmp_path / "réglages"))
    monkeypatch.setenv("GLOSSAIRE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSSAIRE_DATA", raising=False)
    monkeypatch.delenv("GLOSSAIRE_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return user_dir


Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process, as typer's CliRunner does, with stderr kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return run


@pytest.fixture
def group(tmp_path: Path) -> Callable[..., Path]:
    """Create a group data folder holding the given concepts.yaml / references.bib text."""

    def make(concepts: str | bytes | None = None, references: str | bytes | None = None) -> Path:
        folder = tmp_path / "groupe"
        folder.mkdir(exist_ok=True)
        for name, content in (("concepts.yaml", concepts), ("references.bib", references)):
            if content is None:
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return make


def console_script() -> str:
    """The installed ``glossaire`` script next to this interpreter."""
    scripts = Path(sysconfig.get_path("scripts"))
    for name in ("glossaire", "glossaire.exe"):
        if (scripts / name).exists():
            return str(scripts / name)
    found = shutil.which("glossaire")
    if found is None:
        pytest.fail("the glossaire console script is not installed (pip install .)")
    return found


def script_env(**extra: str) -> dict[str, str]:
    """A user's environment, but with the test's private user and config folders, so that
    the developer's own saved style or data never leak into a subprocess test."""
    dropped = ("NO_COLOR", "FORCE_COLOR", "PYTHONIOENCODING", "LC_ALL")
    kept = ("GLOSSAIRE_USER_DIR", "GLOSSAIRE_CONFIG_DIR", "GLOSSAIRE_CACHE_DIR")
    env = {
        k: v
        for k, v in os.environ.items()
        if (not k.startswith("GLOSSAIRE_") or k in kept) and k not in dropped
    }
    env.update(extra)
    return env


PYTHON = sys.executable


@pytest.fixture(params=["index", "files"])
def index_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test twice: with the index (the default) and reading the files directly
    (``GLOSSAIRE_INDEX=0``); the two must behave identically."""
    if request.param == "index":
        monkeypatch.delenv("GLOSSAIRE_INDEX", raising=False)
    else:
        monkeypatch.setenv("GLOSSAIRE_INDEX", "0")
    return str(request.param)


def index_env(mode: str) -> dict[str, str]:
    """What a subprocess needs to run in ``mode`` (``script_env`` drops GLOSSAIRE_INDEX)."""
    return {} if mode == "index" else {"GLOSSAIRE_INDEX": "0"}


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_REQUIRED = os.environ.get("GLOSSAIRE_REQUIRE_BROWSER") == "1"  # set by .ci/run in CI


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser); skipped where it
    is missing, except in CI, where a skipped browser test would hide a broken page."""
    if CHROMIUM is None:
        if BROWSER_REQUIRED:
            pytest.fail("GLOSSAIRE_REQUIRE_BROWSER=1 but no chromium: apt-get install chromium")
        pytest.skip("Chromium not installed (.ci/run installs it with apt-get)")
    if BROWSER_REQUIRED:
        from playwright.sync_api import sync_playwright
    else:
        sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()
