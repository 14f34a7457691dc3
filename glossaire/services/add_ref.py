"""``add-ref``: BibTeX or RIS, as copied from Zotero, a library catalogue or Cairn, checked
entry by entry, then appended to references.bib in one safe write (all entries or none)."""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bibtexparser.entrypoint import parse_string

from glossaire.catalog.contract import NewReference, StagedEntries
from glossaire.loading.bibtex_refs import (
    RawEntry,
    RawReferenceFile,
    decode_entry,
    parse_raw_entries,
    parse_references,
)
from glossaire.model.dataset import REFERENCES_FILE
from glossaire.model.reference import Reference, work_identities
from glossaire.services.writes import Plan, WriteRefused, target_folder, write_planned
from glossaire.text import counted, fold
from glossaire.writing.append import current_text, planned_append
from glossaire.writing.bibtex_text import bibtex_entry, with_key

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9-]*\d{4}[a-z]?$")
_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ", re.M)
_NO_KEY = "sanscle"

# For each type: groups of fields, one of each group being required.
REQUIRED = {
    "book": (("author", "editor"), ("title",), ("year", "date"), ("publisher",)),
    "article": (("author",), ("title",), ("journaltitle", "journal"), ("year", "date")),
    "incollection": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "inbook": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "phdthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "thesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "techreport": (("author",), ("title",), ("institution",), ("year", "date")),
    "report": (("author",), ("title",), ("institution",), ("year", "date")),
    "online": (("title",), ("url",)),
    "unpublished": (("author",), ("title",)),
}
FIELD_LABELS = {
    "author": "auteur",
    "editor": "directeur de publication",
    "title": "titre",
    "year": "année",
    "date": "date",
    "publisher": "éditeur",
    "journaltitle": "revue",
    "journal": "revue",
    "booktitle": "titre de l'ouvrage",
    "school": "université",
    "institution": "institution",
    "url": "adresse web",
}
RIS_TYPES = {
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "JOUR": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "NEWS": "article",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "THES": "phdthesis",
    "RPRT": "techreport",
    "ELEC": "online",
    "WEB": "online",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "UNPB": "unpublished",
}


@dataclass(frozen=True, slots=True)
class Incoming:
    key: str  # the key that will be written
    original_key: str | None  # the key as given, when we propose another one
    reference: Reference
    text: str  # the entry's BibTeX text (the user's own when they gave BibTeX)


@dataclass(frozen=True, slots=True)
class AlreadyThere:
    label: str  # the incoming entry's key, or its title when it had no key (RIS)
    key: str  # the key the library already has it under
    where: str  # file:line of that entry


@dataclass(frozen=True, slots=True)
class ImportResult:
    entries: tuple[Incoming, ...]
    path: Path
    written: bool
    file_format: str  # « BibTeX » or « RIS »
    already: tuple[AlreadyThere, ...] = ()  # works the library has, left out


class _NothingNew(Exception):
    """Every incoming work is already in the library: nothing to write."""


def add_references(text: str, data_option: str | None, dry_run: bool = False) -> ImportResult:
    """Through the write pipeline (``services.writes``): all the entries or none, checked
    by the one registry once parsed back from the bytes to be written, dry run included."""
    folder = target_folder(data_option)
    path = folder / REFERENCES_FILE
    file_format = "RIS" if _RIS_LINE.search(text) else "BibTeX"
    strings, parsed = _parse_ris(text) if file_format == "RIS" else _parse_bibtex(text)
    accepted: list[Incoming] = []
    already: list[AlreadyThere] = []

    def plan(catalog: Catalog) -> Plan:
        entries, present = _checked(catalog, parsed)
        accepted[:], already[:] = entries, present
        if not entries:
            raise _NothingNew
        old = parse_raw_entries(current_text(path), path)
        added_strings = _missing_strings(old, strings)
        block = "\n\n".join([*added_strings, *(entry.text.strip() for entry in entries)]) + "\n"
        data, new_text, original, state = planned_append(path, block)
        new = parse_raw_entries(new_text, path)
        old_keys = [entry.key for entry in old.entries]
        if [entry.key for entry in new.entries] != [*old_keys, *(e.key for e in entries)] or len(
            new.problems
        ) != len(old.problems):
            raise WriteRefused(
                f"{path} ne se relit pas comme prévu après l'ajout.",
                "Vérifiez-le avec « glossaire check » ; rien n'a été écrit.",
            )
        added = new.entries[len(old.entries) :]
        references = tuple(NewReference(_decoded(raw, new.strings), raw.raw) for raw in added)
        entries_added = StagedEntries(references=references, strings=added_strings)
        first_new_line = added[0].location.line or 0 if added else 0
        return Plan(
            path,
            data,
            entries_added,
            first_new_line=first_new_line,
            original=original,
            original_state=state,
        )

    try:
        write_planned(folder, data_option, plan, dry_run=dry_run)
    except _NothingNew:
        return ImportResult((), path, False, file_format, tuple(already))
    return ImportResult(tuple(accepted), path, not dry_run, file_format, tuple(already))


def _missing_strings(old: RawReferenceFile, strings: list[str]) -> tuple[str, ...]:
    """The input's @string macros the file lacks."""
    defined = {_string_key(raw) for raw in old.strings}
    return tuple(raw for raw in strings if _string_key(raw) not in defined)


def _string_key(raw: str) -> str:
    return str(parse_string(raw, parse_stack=[]).strings[0].key)


def _decoded(entry: RawEntry, strings: list[str]) -> Reference:
    reference = decode_entry(entry, strings)
    if reference is None:  # parse_references already accepted this very text
        raise WriteRefused(
            f"{entry.location} : l'entrée « {entry.key} » ne se décode pas.",
            "Vérifiez-la avec « glossaire check » ; rien n'a été écrit.",
        )
    return reference


def _parse_bibtex(text: str) -> tuple[list[str], list[tuple[Reference, str]]]:
    decoded = parse_references(text, Path("entrée"))
    if decoded.problems:
        problem = decoded.problems[0]
        raise WriteRefused(
            f"le texte BibTeX donné est invalide (ligne {problem.location.line}) : "
            f"{problem.message}",
            (problem.hint or "") + " Rien n'a été ajouté.",
        )
    library = parse_string(text)
    raws = [entry.raw or "" for entry in library.entries]
    if not raws:
        raise WriteRefused(
            "aucune entrée BibTeX ni RIS n'a été trouvée dans le texte donné.",
            "Collez l'export de Zotero, d'un catalogue ou de Cairn "
            "(BibTeX « @book{… » ou RIS « TY  - … »).",
        )
    strings = [string.raw or "" for string in library.strings]
    return strings, list(zip(decoded.references, raws, strict=True))


def _parse_ris(text: str) -> tuple[list[str], list[tuple[Reference, str]]]:
    import rispy

    try:
        records = rispy.loads(text)
    except Exception as error:  # rispy's own exceptions are not a stable API
        raise WriteRefused(
            f"le texte RIS donné est invalide ({error}).",
            "Chaque notice commence par « TY  - » et finit par « ER  - ». Rien n'a été ajouté.",
        ) from None
    composed = [_bibtex_from_ris(record, n) for n, record in enumerate(records, 1)]
    return _parse_bibtex("\n".join(composed))


def _bibtex_from_ris(record: dict[str, object], number: int) -> str:
    def first(*names: str) -> str:
        for name in names:
            value = record.get(name)
            if isinstance(value, list):
                value = value[0] if value else ""
            if value:
                return str(value).strip()
        return ""

    def people(*names: str) -> str:
        found: list[str] = []
        for name in names:
            value = record.get(name)
            if isinstance(value, list):
                found.extend(str(v).strip() for v in value if str(v).strip())
        return " and ".join(found)

    entry_type = RIS_TYPES.get(str(record.get("type_of_reference", "")).upper(), "misc")
    container = first("secondary_title", "journal_name", "alternate_title1", "alternate_title3")
    start, end = first("start_page"), first("end_page")
    pages = f"{start}--{end}" if start and end else start
    year = first("year", "publication_year")[:4]
    isbn_or_issn = first("issn")
    fields = [
        ("author", people("authors", "first_authors")),
        ("editor", people("secondary_authors", "editors") if entry_type != "article" else ""),
        ("title", first("title", "primary_title")),
        (
            "journaltitle" if entry_type == "article" else "booktitle",
            container if entry_type != "book" else "",
        ),
        ("series", container if entry_type == "book" else ""),  # a Cairn collection (T2)
        ("year", year),
        ("publisher", first("publisher")),
        ("address", first("place_published")),
        ("volume", first("volume")),
        ("number", first("number")),
        ("pages", pages),
        ("isbn" if entry_type in {"book", "incollection"} else "issn", isbn_or_issn),
        ("doi", first("doi")),
        ("url", first("url", "urls")),
    ]
    if entry_type == "phdthesis":
        fields.append(("school", first("publisher")))
    return bibtex_entry(entry_type, f"{_NO_KEY}{number}", fields)  # RIS has no keys


def _checked(
    catalog: Catalog, parsed: list[tuple[Reference, str]]
) -> tuple[list[Incoming], list[AlreadyThere]]:
    """The entries to add, and the works the library already has (a grown Zotero export
    imported again adds only what is new). A problem in an entry refuses them all."""
    problems: list[str] = []
    entries: list[Incoming] = []
    already: list[AlreadyThere] = []
    proposed: set[str] = set()

    def taken(key: str) -> bool:
        return key in proposed or catalog.canonical_key(key) is not None

    # Only the library's entries sharing a work with an incoming one are decoded (the index
    # stores every entry's identities): 10 000 entries are not decoded for one new work.
    incoming = {identity for reference, _ in parsed for identity in work_identities(reference)}
    works = {
        identity: catalog.references[key]
        for identity, key in catalog.works_holding(incoming).items()
    }
    for reference, raw in parsed:
        label = reference.title if reference.key.startswith(_NO_KEY) else reference.key
        same_work = next((works[i] for i in work_identities(reference) if i in works), None)
        if same_work is not None:
            already.append(AlreadyThere(label, same_work.key, str(same_work.location)))
            continue
        problems += [f"« {label} » : {p}" for p in _missing(reference)]
        key = reference.key  # a key already taken is refused by the pipeline (taken_names)
        if not taken(key) and not KEY_PATTERN.match(key):
            key = _proposed_key(reference, taken)
        proposed.add(key)
        works.update(dict.fromkeys(work_identities(reference), reference))
        text = raw if key == reference.key else with_key(raw, key)
        entries.append(
            Incoming(key, reference.key if key != reference.key else None, reference, text)
        )
    if problems:
        shown = " ; ".join(problems[:5]) + (" ; …" if len(problems) > 5 else "")
        raise WriteRefused(
            f"{counted(len(problems), 'problème')}, rien n'a été ajouté : {shown}",
            "Complétez ou corrigez ces entrées (dans Zotero ou dans le texte), puis recommencez.",
        )
    return entries, already


def _missing(reference: Reference) -> list[str]:
    found = []
    for group in REQUIRED.get(reference.entry_type, (("title",),)):
        if not any(reference.fields.get(name) for name in group):
            found.append(f"il manque le champ {' ou '.join(FIELD_LABELS.get(n, n) for n in group)}")
    year = reference.fields.get("year", "")
    if year and not re.fullmatch(r"\d{4}|s\.?\s?d\.?|n\.?\s?d\.?", year.strip().lower()):
        found.append(f"l'année « {year} » n'est pas une année (4 chiffres, ou s.d.)")
    return found


def _proposed_key(reference: Reference, taken: Callable[[str], bool]) -> str:
    people = reference.authors or reference.editors
    name = people[0].last if people else (reference.title.split() or ["ref"])[0]
    stem = re.sub(r"[^a-z]", "", fold(name.split()[0] if name.split() else name)) or "ref"
    base = stem + (reference.year if re.fullmatch(r"\d{4}", reference.year or "") else "sd")
    return next(key for key in _with_suffixes(base) if not taken(key))


def _with_suffixes(base: str) -> Iterator[str]:
    """dhume2001, dhume2001a … dhume2001z, dhume2001aa …: letters only, as BibTeX keys go."""
    yield base
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield base + "".join(letters)
