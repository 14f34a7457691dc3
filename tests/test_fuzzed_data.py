"""A small, seeded fuzz of the bundled data: whatever a flipped bit, a cut, a stray YAML or
BibTeX character, a duplicated line, invalid UTF-8, a NUL byte, CRLF or a BOM does to a copy
of concepts.yaml or references.bib, read commands end with 0, 1 (a French message naming the
problem) or 2, never an internal error nor a traceback; and the index answers exactly as the
files do. The seeds are fixed: a failure names its seed, and ``_mutated`` rebuilds the file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke

SEEDS = range(40)  # half mutate concepts.yaml (even seeds), half references.bib (odd)
COMMANDS = [
    ("show", "partenariat"),
    ("list",),
    ("search", "réseau"),
    ("check",),
    ("cite", "dhume2001"),
    ("biblio", "--tout"),
]
FILES_ONLY = {"check"}  # never reads the index: once is enough

YAML_SPECIALS = [
    *(b":", b"- ", b"[", b"]", b"{", b"}", b"&a", b"*a", b"!!python/object ", b"|", b">"),
    *(b"'", b'"', b"#", b"%", b"@", b"\t", b"? ", b"---\n", b"...\n", b"<<: *a\n", b"\\"),
]
BIB_SPECIALS = [
    *(b"{", b"}", b"@", b"=", b",", b'"', b"#", b"%", b"\\", b"@string{x = {"),
    *(b"@comment{", b"\\'", b"~", b"$", b"^"),
]
INVALID_UTF8 = [
    *(b"\xff", b"\xfe", b"\xc3\x28", b"\x80", b"\xe2\x82", b"\xed\xa0\x80"),
    *(b"\xf4\x90\x80\x80", b"\xc0\xaf"),
]
MUTATIONS = ("flip", "truncate", "special", "dup", "utf8", "nul", "crlf", "bom")


def _mutate(data: bytes, rng: random.Random, specials: list[bytes]) -> tuple[bytes, list[str]]:
    """One to three mutations of ``data``, and what they were (for a failure's message)."""
    buf = bytearray(data)
    done = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(MUTATIONS)
        if not buf:
            buf = bytearray(b"\n")
        at = rng.randrange(len(buf))
        done.append(f"{kind}@{at}")
        if kind == "flip":
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(buf))
                buf[i] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            del buf[at:]
        elif kind == "special":
            for _ in range(rng.randint(1, 5)):
                i = rng.randrange(len(buf) + 1)
                buf[i:i] = rng.choice(specials)
        elif kind == "dup":
            lines = bytes(buf).splitlines(keepends=True)
            i = rng.randrange(len(lines))
            lines[i:i] = lines[i : i + rng.randint(1, 6)]
            buf = bytearray(b"".join(lines))
        elif kind == "utf8":
            buf[at:at] = rng.choice(INVALID_UTF8)
        elif kind == "nul":
            buf[at:at] = b"\x00" * rng.randint(1, 3)
        elif kind == "crlf":
            buf = bytearray(bytes(buf).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        else:  # bom
            buf[0:0] = b"\xef\xbb\xbf"
    return bytes(buf), done


def _mutated(seed: int, folder: Path) -> tuple[str, list[str]]:
    """The bundled data copied into ``folder``, one of its two files mutated by ``seed``."""
    folder.mkdir()
    for name in ("concepts.yaml", "references.bib"):
        (folder / name).write_bytes((REPO / "data" / name).read_bytes())
    name = "concepts.yaml" if seed % 2 == 0 else "references.bib"
    specials = YAML_SPECIALS if name == "concepts.yaml" else BIB_SPECIALS
    data, done = _mutate((folder / name).read_bytes(), random.Random(seed), specials)
    (folder / name).write_bytes(data)
    return name, done


def _clean_end(result, command: tuple[str, ...], name: str, where: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        where,
        repr(result.exception),
    )
    assert result.exit_code in (0, 1, 2), (where, result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, where
    if result.exit_code == 1:  # ``check`` lists the problems on stdout
        said = result.stderr + (result.stdout if command[0] == "check" else "")
        assert any(word in said for word in ("Erreur", "erreur", name)), (where, said)


@pytest.mark.parametrize("seed", SEEDS)
def test_read_commands_survive_a_mutated_data_file(
    invoke: Invoke, tmp_path: Path, seed: int
) -> None:
    folder = tmp_path / "groupe"
    name, done = _mutated(seed, folder)
    for command in COMMANDS:
        answers = {}
        for mode in ("0",) if command[0] in FILES_ONLY else ("0", "1"):
            where = f"seed {seed}, {name} {done}, {command}, GLOSSAIRE_INDEX={mode}"
            result = invoke("--data", str(folder), *command, env={"GLOSSAIRE_INDEX": mode})
            _clean_end(result, command, name, where)
            answers[mode] = (result.exit_code, result.stdout, result.stderr)
        assert answers["0"] == answers.get("1", answers["0"]), f"seed {seed}, {command}"


# -- what the fuzz found, now fixed ---------------------------------------------------------


def test_found_twin_terms_listed_in_the_same_order(invoke: Invoke, group) -> None:
    """Seeds 72 and 212 of the first bundled data made two concepts share a term: ``list``
    ordered them differently with and without the index. The smallest form of that case."""
    folder = group(concepts="- id: aaa\n  terme: Réseau\n")  # the bundled « reseau » too
    answers = [
        invoke("--data", str(folder), "list", "-f", "json", env={"GLOSSAIRE_INDEX": mode})
        for mode in "01"
    ]
    assert answers[0].stdout == answers[1].stdout


@pytest.mark.parametrize(
    "content",
    [b"- id: a\n  terme: \x81\x8d\n", b"- id: a\n  terme: A\x00\n"],
    ids=["encoding", "nul"],
)
def test_found_the_place_of_an_unreadable_file_said_once(
    invoke: Invoke, group, content: bytes
) -> None:
    folder = group(concepts=content)
    result = invoke("--data", str(folder), "show", "a")
    assert result.exit_code == 1
    assert result.stderr.count("concepts.yaml") == 1, result.stderr
