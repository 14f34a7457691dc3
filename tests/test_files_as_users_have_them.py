"""Files as users really have them: BOM, CRLF, NFD accents, Windows-1252, garbage."""

from __future__ import annotations

import codecs
import json
import unicodedata

from tests.conftest import Invoke

CONCEPTS = (
    "# Mes concepts\n"
    "- id: carnet-d-adresses\n"
    "  terme: Carnet d’adresses\n"
    "  definitions:\n"
    '    - texte: "Contacts plus ou moins proches que l\'on peut solliciter : œuvre « commune »."\n'
    "      source: dhume2001\n"
)


def show_json(invoke: Invoke, folder, term: str = "carnet d'adresses") -> dict:
    result = invoke("--data", str(folder), "show", term, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_utf8_with_bom_and_crlf(invoke: Invoke, group) -> None:
    folder = group(concepts=codecs.BOM_UTF8 + CONCEPTS.replace("\n", "\r\n").encode("utf-8"))
    data = show_json(invoke, folder)
    assert data["terme"] == "Carnet d’adresses"
    assert "\r" not in data["definitions"][0]["texte"]


def test_nfd_accents_from_macos_are_normalised(invoke: Invoke, group) -> None:
    folder = group(concepts=unicodedata.normalize("NFD", CONCEPTS))
    data = show_json(invoke, folder, "carnet d’adresses")
    assert data["definitions"][0]["texte"] == unicodedata.normalize(
        "NFC", data["definitions"][0]["texte"]
    )
    assert "œuvre" in data["definitions"][0]["texte"]


def test_windows_1252_is_read_with_a_warning_naming_the_file(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS.encode("cp1252"))
    result = invoke("--data", str(folder), "show", "carnet d'adresses", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["terme"] == "Carnet d’adresses"  # not garbled
    assert "concepts.yaml n'est pas enregistré en UTF-8" in result.stderr
    assert "Windows-1252" in result.stderr


def test_utf16_from_notepad(invoke: Invoke, group) -> None:
    folder = group(concepts=CONCEPTS.encode("utf-16"))
    assert show_json(invoke, folder)["id"] == "carnet-d-adresses"


def test_undecodable_file_is_refused_with_location(invoke: Invoke, group) -> None:
    folder = group(concepts=b"- id: a\n  terme: \x81\x8d\x8f\n")
    result = invoke("--data", str(folder), "list")
    assert result.exit_code == 1
    assert "concepts.yaml:2" in result.stderr
    assert "encodage" in result.stderr
    assert "Traceback" not in result.stderr


def test_binary_file_is_refused(invoke: Invoke, group) -> None:
    folder = group(references=b"\x00\x01\x02PK\x03\x04")
    result = invoke("--data", str(folder), "list")
    assert result.exit_code == 1
    assert "references.bib" in result.stderr


def test_bibtex_in_cp1252(invoke: Invoke, group) -> None:
    bib = "@book{durand2010, author = {Durand, Hélène}, title = {Œuvres}, year = {2010}}\n"
    folder = group(references=bib.encode("cp1252"))
    result = invoke("--data", str(folder), "info", "-f", "json")
    assert result.exit_code == 0
    assert "references.bib n'est pas enregistré en UTF-8" in result.stderr
    check = invoke("--data", str(folder), "check", "-f", "json")
    assert check.exit_code == 0  # a warning, not an error
    (warning,) = json.loads(check.stdout)["problemes"]
    assert warning["gravite"] == "avertissement" and warning["code"] == "encodage"
