"""Load every layer of data and merge them into one ``DataSet``.

A layer is a folder holding ``concepts.yaml``, one or more ``.bib`` files and optionally a
``referentiel.yaml`` (which replaces the lower layers' one as a whole). A later layer
overrides an earlier one entry by entry (a group's Zotero export often holds the same key as
the bundled file); the same id or key twice in one layer is an error naming both places.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from glossaire.errors import DataError
from glossaire.loading.bibtex_refs import (
    RawReferenceFile,
    parse_raw_entries,
    parse_references,
)
from glossaire.loading.textfile import read_text
from glossaire.loading.yaml_concepts import parse_concepts
from glossaire.loading.yaml_personal import PERSONAL_FILE, parse_personal
from glossaire.loading.yaml_referential import parse_referential
from glossaire.model.concept import Concept
from glossaire.model.dataset import (
    CONCEPTS_FILE,
    REFERENCES_FILE,
    REFERENTIAL_FILE,
    DataSet,
    Layer,
    Override,
)
from glossaire.model.location import Location
from glossaire.model.problem import Problem, duplicate_id, duplicate_key
from glossaire.model.reference import Reference
from glossaire.paths import data_layers, user_data_dir


def load_dataset(
    data_option: str | None = None,
    raw_references: bool = False,
    unchanged_bib: Mapping[Path, RawReferenceFile] | None = None,
) -> DataSet:
    """Every layer, merged. ``raw_references`` leaves BibTeX entries undecoded
    (``DataSet.raw_references``), for the index, which decodes them one by one when a command
    needs them; ``unchanged_bib`` is what the index's last build parsed of .bib files that
    have not changed since."""
    dataset = DataSet()
    # None: decode references; a mapping (maybe empty): keep them raw, reusing these parses
    raw = (unchanged_bib or {}) if raw_references else None
    for name, folder in data_layers(data_option):
        _merge_layer(dataset, name, folder, raw)
    _read_personal(dataset, user_data_dir() / PERSONAL_FILE)
    return dataset


def _merge_layer(
    dataset: DataSet,
    name: str,
    folder: Path,
    raw: Mapping[Path, RawReferenceFile] | None = None,
) -> None:
    if not folder.is_dir():
        dataset.layers.append(Layer(name, folder, exists=False))
        return
    dataset.unreadable.extend(_not_files(folder))
    concepts: dict[str, Concept] = {}
    references: dict[str, Any] = {}  # Reference, or RawEntry when ``raw``
    files: list[Path] = []
    for path in _concept_files(folder):
        files.append(path)
        _read_concepts(dataset, path, concepts)
    for path in _bib_files(folder):
        files.append(path)
        if raw is not None:
            _read_raw_references(dataset, path, references, raw.get(path.resolve()))
        else:
            _read_references(dataset, path, references)
    if (folder / REFERENTIAL_FILE).is_file():
        files.append(folder / REFERENTIAL_FILE)
        _read_referential(dataset, folder / REFERENTIAL_FILE)
    for concept_id, concept in concepts.items():
        if concept_id in dataset.concepts:
            dataset.overrides.append(
                Override(
                    "concept", concept_id, concept.location, dataset.concepts[concept_id].location
                )
            )
        dataset.concepts[concept_id] = concept
    merged: dict[str, Any] = dataset.raw_references if raw is not None else dataset.references
    for key, reference in references.items():
        if key in merged:
            dataset.overrides.append(
                Override("référence", key, reference.location, merged[key].location)
            )
        merged[key] = reference
    dataset.layers.append(Layer(name, folder, True, len(concepts), len(references), tuple(files)))


def _concept_files(folder: Path) -> list[Path]:
    return [folder / name for name in (CONCEPTS_FILE, "concepts.yml") if (folder / name).is_file()]


def _not_files(folder: Path) -> list[Problem]:
    """The layer's data file names given to something that is not a file. Said, not
    skipped: the user's entries must not silently vanish."""
    names = [CONCEPTS_FILE, "concepts.yml", REFERENTIAL_FILE, REFERENCES_FILE]
    candidates = [folder / name for name in names] + sorted(folder.glob("*.bib"))
    return [problem for path in dict.fromkeys(candidates) if (problem := _not_a_file(path))]


def _not_a_file(path: Path) -> Problem | None:
    """A folder, a pipe, or a link that leads nowhere (its target moved, or two links
    pointing at each other) where a data file is expected; None for a file or nothing."""
    if path.is_file() or not (path.exists() or path.is_symlink()):
        return None
    if path.is_dir():
        what = "un dossier"
    elif path.exists():
        what = "autre chose qu'un fichier ordinaire (un tube, un périphérique ?)"
    else:
        what = "un lien qui ne mène à aucun fichier"
    return Problem(
        Location(path),
        "illisible",
        f"« {path.name} » est {what}, pas un fichier de données.",
        "Remplacez-le par le fichier lui-même, ou refaites le lien vers le bon fichier.",
    )


def _bib_files(folder: Path) -> list[Path]:
    """references.bib first, then any other export the group dropped in (sorted, stable)."""
    found = {p for p in folder.glob("*.bib") if p.is_file()}
    main = folder / REFERENCES_FILE
    return ([main] if main in found else []) + sorted(found - {main})


def _decoded(dataset: DataSet, path: Path, warnings: list[Problem] | None = None) -> str | None:
    """The file's text; a file that cannot be read is recorded as unreadable, and a decoding
    warning goes to ``warnings`` (default: the data set's)."""
    try:
        decoded = read_text(path)
    except DataError as error:
        dataset.unreadable.append(
            Problem(Location(path, error.line), "illisible", error.reason, error.hint)
        )
        return None
    if decoded.warning:
        (dataset.warnings if warnings is None else warnings).append(
            Problem(
                Location(path),
                "encodage",
                decoded.warning,
                "Réenregistrez le fichier en UTF-8.",
                "avertissement",
            )
        )
    return decoded.text


def _read_concepts(dataset: DataSet, path: Path, concepts: dict[str, Concept]) -> None:
    text = _decoded(dataset, path)
    if text is None:
        return
    parsed = parse_concepts(text, path)
    (dataset.unreadable if parsed.unreadable else dataset.problems).extend(parsed.problems)
    for concept in parsed.concepts:
        first = concepts.get(concept.id)
        if first is not None:
            dataset.problems.append(duplicate_id(concept.location, concept.id, first.location))
            continue
        concepts[concept.id] = concept


def _read_references(dataset: DataSet, path: Path, references: dict[str, Reference]) -> None:
    text = _decoded(dataset, path)
    if text is None:
        return
    parsed = parse_references(text, path)
    dataset.problems.extend(parsed.problems)
    for reference in parsed.references:
        first = references.get(reference.key)
        if first is not None:
            dataset.problems.append(
                duplicate_key(reference.location, reference.key, first.location)
            )
            continue
        references[reference.key] = reference


def _read_raw_references(
    dataset: DataSet,
    path: Path,
    references: dict[str, Any],
    unchanged: RawReferenceFile | None = None,
) -> None:
    parsed = unchanged or _parsed_raw(dataset, path)
    if parsed is None:
        return
    dataset.raw_files[path] = parsed
    dataset.warnings.extend(parsed.warnings)
    dataset.problems.extend(parsed.problems)
    for entry in parsed.entries:
        if entry.key in references:
            dataset.problems.append(
                duplicate_key(entry.location, entry.key, references[entry.key].location)
            )
            continue
        references[entry.key] = entry


def _parsed_raw(dataset: DataSet, path: Path) -> RawReferenceFile | None:
    warnings: list[Problem] = []
    text = _decoded(dataset, path, warnings)
    if text is None:
        return None
    parsed = parse_raw_entries(text, path, works=True)  # the index stores them
    parsed.warnings.extend(warnings)
    return parsed


def _read_referential(dataset: DataSet, path: Path) -> None:
    text = _decoded(dataset, path)
    if text is None:
        return
    parsed = parse_referential(text, path)
    (dataset.unreadable if parsed.unreadable else dataset.problems).extend(parsed.problems)
    if parsed.referential is None:
        return
    if dataset.referential is not None:
        dataset.overrides.append(
            Override(
                "référentiel",
                parsed.referential.diploma,
                parsed.referential.location,
                dataset.referential.location,
            )
        )
    dataset.referential = parsed.referential


def _read_personal(dataset: DataSet, path: Path) -> None:
    """« Ma définition » is personal: read from the user's folder whatever the group."""
    broken = _not_a_file(path)
    if broken is not None:
        dataset.unreadable.append(broken)
    if not path.is_file():
        return
    text = _decoded(dataset, path)
    if text is None:
        return
    definitions, problems, unreadable = parse_personal(text, path)
    (dataset.unreadable if unreadable else dataset.problems).extend(problems)
    for definition in definitions:
        dataset.personal.setdefault(definition.concept_id, []).append(definition)
