"""Turn PyYAML's English syntax errors into a French sentence a non-programmer can act on."""

from __future__ import annotations

from pathlib import Path

import yaml

from glossaire.model.location import Location
from glossaire.model.problem import Problem

# (fragment of PyYAML's message, French explanation, what to do)
_KNOWN_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "tab character",
        "tabulation interdite : YAML s'indente avec des espaces.",
        "Remplacez les tabulations de cette ligne par des espaces.",
    ),
    (
        "'\\t'",
        "tabulation interdite : YAML s'indente avec des espaces.",
        "Remplacez les tabulations de cette ligne par des espaces.",
    ),
    (
        "mapping values are not allowed",
        "deux-points « : » inattendu (texte sans guillemets, ou indentation décalée).",
        'Mettez le texte entre guillemets, par exemple « texte: "Réseau : ensemble de liens" », '
        "et alignez les champs d'un même concept.",
    ),
    (
        "cannot start any token",
        "caractère interdit en début de valeur (souvent une tabulation ou « @ », « ` »).",
        "Indentez avec des espaces et mettez le texte entre guillemets.",
    ),
    (
        "found unexpected end of stream",
        "guillemet ou crochet ouvert mais jamais fermé.",
        "Vérifiez que chaque guillemet et chaque crochet ouvert est refermé.",
    ),
    (
        "found unknown escape character",
        "barre oblique inverse « \\ » non reconnue entre guillemets doubles.",
        "Doublez-la (« \\\\ ») ou utilisez des guillemets simples.",
    ),
    (
        "expected ',' or ']'",
        "liste entre crochets mal fermée.",
        "Séparez les éléments par des virgules et fermez la liste par « ] ».",
    ),
    (
        "expected ',' or '}'",
        "accolade mal fermée.",
        "Fermez l'accolade par « } » ou mettez le texte entre guillemets.",
    ),
    (
        "could not find expected ':'",
        "il manque le deux-points « : » après un nom de champ.",
        "Écrivez chaque champ sous la forme « nom: valeur ».",
    ),
    (
        "found undefined alias",
        "référence « * » à une ancre qui n'existe pas.",
        "Mettez le texte entre guillemets s'il commence par « * ».",
    ),
    (
        "found duplicate anchor",
        "ancre « & » définie deux fois.",
        "Mettez le texte entre guillemets s'il commence par « & ».",
    ),
)
_INDENTATION = (
    "indentation incohérente.",
    "Alignez les champs d'un même concept sur la même colonne, avec des espaces.",
)


def syntax_problem(error: yaml.YAMLError, path: Path) -> Problem:
    """A located French problem for a YAML syntax error."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    english = " ".join(
        str(part) for part in (getattr(error, "context", ""), getattr(error, "problem", "")) if part
    )
    message, hint = _explain(english)
    return Problem(Location(path, line), "yaml-syntaxe", f"syntaxe YAML invalide : {message}", hint)


def _explain(english: str) -> tuple[str, str]:
    for fragment, message, hint in _KNOWN_PROBLEMS:
        if fragment in english:
            return message, hint
    return _INDENTATION
