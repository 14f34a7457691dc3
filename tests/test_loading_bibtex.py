"""references.bib through bibtexparser v2: decoded, macros, names split, problems located."""

from __future__ import annotations

from pathlib import Path

from glossaire.loading.bibtex_refs import parse_references

PATH = Path("references.bib")


def test_latex_accents_macros_and_names() -> None:
    text = (
        '@string{ash = "{\\\'E}ditions ASH"}\n'
        "@book{dhume2001,\n"
        "  author = {Dhume, Fabrice and {Atelier VAE} and Jean de la Fontaine and others},\n"
        "  title = {Du travail social au travail ensemble : le {P}artenariat},\n"
        "  publisher = ash,\n"
        "  year = 2001,\n"
        "  note = {{\\'E}cole d'{\\'e}t{\\'e} \\`a Fran{\\c c}ois}\n"
        "}\n"
    )
    parsed = parse_references(text, PATH)
    assert parsed.problems == []
    (ref,) = parsed.references
    assert ref.key == "dhume2001" and ref.entry_type == "book"
    assert ref.location.line == 2
    assert ref.fields["publisher"] == "Éditions ASH"
    assert ref.fields["note"] == "École d'été à François"
    assert ref.title == "Du travail social au travail ensemble : le Partenariat"
    assert ref.year == "2001"
    names = [(p.first, p.von, p.last) for p in ref.authors]
    assert names[0] == ("Fabrice", "", "Dhume")
    assert names[1] == ("", "", "Atelier VAE")  # corporate author kept whole
    assert names[2] == ("Jean", "de la", "Fontaine")


def test_malformed_entry_is_located_and_others_survive() -> None:
    text = (
        "@book{ok1, title = {Un}, year = 2001}\n"
        "\n"
        "@book{bad,\n"
        "  title = {Sans fin,\n"
        "  year = 2001\n"
        "@book{ok2, title = {Deux}, year = 2002}\n"
    )
    parsed = parse_references(text, PATH)
    keys = [r.key for r in parsed.references]
    assert "ok1" in keys and "ok2" in keys
    (problem,) = parsed.problems
    assert problem.location.line == 3
    assert problem.code == "bibtex-invalide"
    assert "n'est pas refermée" in problem.message


def test_missing_comma_after_key() -> None:
    parsed = parse_references("@misc{y title={a}}\n", PATH)
    assert parsed.problems[0].message.endswith("il manque la virgule après la clé de l'entrée.")


def test_duplicate_key_names_both_lines() -> None:
    text = "@book{a, title={Un}}\n@book{b, title={Deux}}\n@book{a, title={Trois}}\n"
    parsed = parse_references(text, PATH)
    (problem,) = parsed.problems
    assert problem.code == "cle-double"
    assert problem.location.line == 3
    assert "references.bib:1" in problem.message


def test_duplicate_field() -> None:
    parsed = parse_references("@book{a, title={Un}, title={Deux}}\n", PATH)
    assert parsed.problems[0].code == "champ-double"


def test_parser_warnings_never_reach_stderr(capsys) -> None:
    parse_references("@book{bad,\n title = {x\n", PATH)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
