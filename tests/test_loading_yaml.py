"""concepts.yaml validation: every problem located, explained, with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossaire.loading.yaml_concepts import parse_concepts

PATH = Path("concepts.yaml")


def problems(text: str) -> list[tuple[int | None, str, str]]:
    parsed = parse_concepts(text, PATH)
    return [(p.location.line, p.code, p.message + " " + (p.hint or "")) for p in parsed.problems]


def test_valid_entry_keeps_every_field_and_line() -> None:
    text = (
        "# commentaire\n"
        "- id: partenariat\n"
        "  terme: Partenariat\n"
        "  variantes: [partenariats]\n"
        "  parent: mutualisation\n"
        "  definitions:\n"
        '    - texte: "Méthode : d\'action"\n'
        "      source: dhume2001\n"
        "      page: 111\n"
        "      nature: citation\n"
        "  contrastes:\n"
        "    - avec: reseau\n"
        "      difference: Le contrat\n"
        "  exemples:\n"
        "    - texte: Un stage\n"
        "      source: atelier2016\n"
        "  chapitres: [4.1, 4.10]\n"
        "  voir_aussi: [territoire]\n"
        "  notes: Remarque\n"
    )
    parsed = parse_concepts(text, PATH)
    assert parsed.problems == []
    concept = parsed.concepts[0]
    assert concept.location.line == 2
    assert concept.definitions[0].texte == "Méthode : d'action"
    assert concept.definitions[0].page == "111"
    assert concept.definitions[0].line == 7
    assert concept.chapitres == ("4.1", "4.10")  # kept as written, not floats
    assert concept.line_of("parent") == 5
    assert concept.contrastes[0].avec == "reseau"
    assert concept.exemples[0].source == "atelier2016"


def test_empty_file_is_an_empty_glossary() -> None:
    assert parse_concepts("", PATH).concepts == []
    assert parse_concepts("# rien\n", PATH).problems == []


@pytest.mark.parametrize(
    ("text", "line", "code", "fragment"),
    [
        ("- id: a\n  terme: A\n  definitons: []\n", 3, "champ-inconnu", "« definitions »"),
        ("- id: a\n  terme: A\n  voir-aussi: [b]\n", 3, "champ-inconnu", "« voir_aussi »"),
        ("- id: a\n  terme: A\n  défînitions: []\n", 3, "champ-inconnu", "« definitions »"),
        ("- id: a\n  variantes: []\n", 1, "champ-manquant", "« terme »"),
        ("- terme: A\n", 1, "champ-manquant", "« id »"),
        ('- id: a\n  terme: ""\n', 2, "champ-vide", "« terme »"),
        ("- id: Réseau Social\n  terme: A\n", 1, "id-invalide", "« reseau-social »"),
        ("- id: a\n  terme: A\n  variantes: b\n", 3, "type", "doit être une liste"),
        ("- id: a\n  terme: [A, B]\n", 2, "type", "doit être un texte"),
        (
            "- id: a\n  terme: A\n  definitions:\n    - texte: x\n      nature: synthse\n",
            5,
            "nature-inconnue",
            "« synthese »",
        ),
        (
            "- id: a\n  terme: A\n  definitions:\n    - source: x\n",
            4,
            "champ-manquant",
            "« texte »",
        ),
        ("- id: a\n  terme: A\n  definitions: texte\n", 3, "type", "liste d'entrées"),
        (
            "- id: a\n  terme: A\n  contrastes:\n    - avec: b\n",
            4,
            "champ-manquant",
            "« difference »",
        ),
        ("- id: a\n  terme: A\n  terme: B\n", 3, "champ-double", "ligne 2"),
        ("- id: a\n  terme: A\n- juste un texte\n", 3, "type", "« nom: valeur »"),
        ("id: a\nterme: A\n", 1, "structure", "liste de concepts"),
    ],
)
def test_each_problem_is_located_and_explained(
    text: str, line: int, code: str, fragment: str
) -> None:
    found = problems(text)
    assert any(n == line and c == code and fragment in m for n, c, m in found), found


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- id: a\n  terme: A\n  notes: Texte : avec deux-points\n", 3, "deux-points"),
        ("- id: a\n\tterme: A\n", 2, "tabulation"),
        ('- id: a\n  terme: "A\n', 3, "jamais fermé"),
        ("- id: a\n  terme: A\n  variantes: [a, b\n", 4, "crochet"),
        ("- id: a\n   terme: A\n  notes: x\n", 2, "indentation"),
        ("- id: a\n  terme: A\n notes: x\n", 3, "indentation"),
    ],
)
def test_syntax_errors_are_french_with_line(text: str, line: int, fragment: str) -> None:
    parsed = parse_concepts(text, PATH)
    assert parsed.unreadable
    (problem,) = parsed.problems
    assert problem.location.line == line
    assert problem.message.startswith("syntaxe YAML invalide")
    assert fragment in problem.message + (problem.hint or "")


def test_python_tags_are_never_executed() -> None:
    text = "- id: a\n  terme: !!python/object/apply:os.system ['echo pwned']\n"
    parsed = parse_concepts(text, PATH)
    # Composed as a node, never constructed: the tag is inert and the value stays data.
    assert all("pwned" not in c.terme or c.terme.startswith("[") for c in parsed.concepts)


def test_a_large_file_parsed_in_chunks_gives_exactly_the_whole_file_result() -> None:
    from glossaire.loading.yaml_concepts import _parse_whole

    items = []
    for n in range(3000):
        items.append(
            f'- id: c{n}\n  terme: "Concept n° {n} : « essai »"\n  definitions:\n'
            f'    - texte: "{"Texte long, avec des accents éèà. " * 10}{n}"\n'
            f"      source: atelier2016\n      nature: {'citation' if n % 2 else 'inconnue'}\n"
            + ("  champ_en_trop: x\n" if n % 997 == 0 else "")
        )
    text = "# Un grand fichier\n\n" + "\n".join(items)
    assert len(text) > 1_000_000
    path = Path("concepts.yaml")
    chunked = parse_concepts(text, path)
    whole = _parse_whole(text, path)
    assert chunked.concepts == whole.concepts
    assert [c.line_of("definitions") for c in chunked.concepts] == [
        c.line_of("definitions") for c in whole.concepts
    ]
    assert chunked.problems == whole.problems and len(chunked.problems) > 1500
