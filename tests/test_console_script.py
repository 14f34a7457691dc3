"""The installed console script, as a user runs it: real process, real pipes, real encodings."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, console_script, script_env


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [console_script(), *args], capture_output=True, cwd=cwd, env=script_env(**env),
        timeout=60, check=False,
    )  # fmt: skip


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    return {"GLOSSAIRE_USER_DIR": str(tmp_path / "u"), "HOME": str(tmp_path)}


def test_show_partenariat_from_any_folder(tmp_path: Path, home: dict[str, str]) -> None:
    result = run(["show", "partenariat"], tmp_path, **home)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    assert out.startswith("Partenariat")
    assert "(Dhume 2001, p.\u00a0111)" in out


def test_bundled_data_is_inside_the_installed_package(tmp_path: Path, home) -> None:
    info = json.loads(run(["info", "-f", "json"], tmp_path, **home).stdout)
    bundled = Path(info["couches"][0]["dossier"])
    assert (bundled / "concepts.yaml").is_file() and (bundled / "references.bib").is_file()
    where = subprocess.run(
        [PYTHON, "-c", "import glossaire, pathlib; print(pathlib.Path(glossaire.__file__).parent)"],
        capture_output=True, text=True, cwd=tmp_path, env=script_env(), check=True,
    )  # fmt: skip
    installed = Path(where.stdout.strip())
    if "site-packages" in installed.parts:  # a real (non-editable) install, as in CI
        assert bundled.resolve() == (installed / "data").resolve()


def test_python_dash_m(tmp_path: Path, home: dict[str, str]) -> None:
    result = subprocess.run(
        [PYTHON, "-m", "glossaire", "list", "-f", "json"], capture_output=True, cwd=tmp_path,
        env=script_env(**home), timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert {c["id"] for c in json.loads(result.stdout)} >= {"partenariat", "reseau"}


def test_piped_output_has_no_escape_codes(tmp_path: Path, home: dict[str, str]) -> None:
    result = run(["show", "réseau"], tmp_path, **home, TERM="xterm-256color")
    assert b"\x1b" not in result.stdout


def test_no_color_removes_colours_even_when_forced(tmp_path: Path, home) -> None:
    coloured = run(["show", "réseau"], tmp_path, **home, FORCE_COLOR="1")
    assert b";36m" in coloured.stdout  # cyan labels: proves the next assertion can fail
    plain = run(["show", "réseau"], tmp_path, **home, FORCE_COLOR="1", NO_COLOR="1")
    assert b";36m" not in plain.stdout and b"[36m" not in plain.stdout


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_output_never_crashes_on_a_non_utf8_pipe(tmp_path: Path, home, encoding: str) -> None:
    for args in (["show", "partenariat"], ["compare", "réseau", "partenariat"],
                 ["show", "partenariat", "-f", "markdown"], ["show", "zzzqqq"]):  # fmt: skip
        result = run(args, tmp_path, **home, PYTHONIOENCODING=encoding)
        assert b"Traceback" not in result.stderr, result.stderr.decode(encoding, "replace")
        assert result.returncode in (0, 1)
        result.stdout.decode(encoding)  # really written in that encoding
    text = run(["show", "partenariat"], tmp_path, **home, PYTHONIOENCODING=encoding).stdout
    assert b"Dhume" in text


def test_c_locale(tmp_path: Path, home: dict[str, str]) -> None:
    result = run(["show", "partenariat"], tmp_path, **home, LC_ALL="C", LANG="C")
    assert result.returncode == 0
    assert b"Partenariat" in result.stdout


@pytest.mark.parametrize("bad", [["show", "zzzzqqq"], ["cite", "zzzz2099"], ["nimportequoi"]])
def test_bad_input_exits_non_zero_without_traceback(tmp_path: Path, home, bad) -> None:
    result = run(bad, tmp_path, **home)
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr + result.stdout
    assert result.stderr.decode("utf-8").startswith("Erreur : ")


def test_broken_pipe_is_silent(tmp_path: Path, home: dict[str, str]) -> None:
    script = f'"{console_script()}" show partenariat | head -c 10'
    result = subprocess.run(
        script, shell=True, capture_output=True, cwd=tmp_path, env=script_env(**home),
        timeout=60, check=False,
    )  # fmt: skip
    assert b"Traceback" not in result.stderr
