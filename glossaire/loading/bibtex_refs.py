"""references.bib → ``Reference`` objects, plus located problems. The only bibtexparser user.

bibtexparser v2 does the real work: splitting, ``@string`` macros, LaTeX decoding, name
splitting. Decoding keeps braced groups so that ``{Atelier VAE}`` stays one corporate name
through name splitting; we then drop the grouping braces, which carry no meaning for display.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from bibtexparser import model as bib
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    RemoveEnclosingMiddleware,
    SeparateCoAuthors,
    SplitNameParts,
)
from bibtexparser.middlewares.middleware import BlockMiddleware, LibraryMiddleware
from bibtexparser.middlewares.names import NameParts, split_multiple_persons_names

from glossaire.loading import latex
from glossaire.model.location import Location
from glossaire.model.problem import Problem, duplicate_key
from glossaire.model.reference import Person, Reference, namesake, work_identities

_PERSON_FIELDS = ("author", "editor", "translator")
_ABORT = re.compile(r"aborted on line (\d+) due to syntactical error in bibtex:\s*(.*)", re.S)

# (fragment of bibtexparser's reason, French explanation)
_REASONS = (
    ("Was still looking for closing bracket", "l'entrée n'est pas refermée par « } »."),
    ("field-value closing", "une valeur n'est pas refermée (accolade ou guillemet manquant)."),
    ("Expected comma after entry key", "il manque la virgule après la clé de l'entrée."),
    ("Expected a `=`", "un champ n'a pas de signe « = »."),
    ("Expected equals sign", "un champ n'a pas de signe « = »."),
    ("after a closed entry field value", "il manque une virgule entre deux champs."),
    ("end of file", "le fichier se termine au milieu d'une entrée."),
)


@dataclass
class ReferenceFile:
    path: Path
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_references(text: str, path: Path) -> ReferenceFile:
    """Parse BibTeX text; never raises for bad content, returns problems instead."""
    result = ReferenceFile(path)
    with _CapturedParserWarnings() as warnings:
        library = parse_string(
            text,
            append_middleware=[
                _DecodingAllButVerbatim(),
                SeparateCoAuthors(),
                SplitNameParts(),
            ],
        )
    for entry in library.entries:
        result.references.append(_reference(entry, path))
    abort_reasons = dict(warnings.reasons)
    for block in library.failed_blocks:
        result.problems.append(_failed_block_problem(block, path, abort_reasons))
    return result


# biblatex reads these fields verbatim, never as LaTeX: « -- » in a Cairn URL is two hyphens,
# « % » or « ~ » are part of the address. Decoding them would print a broken link.
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "urlraw"})


# What LaTeX makes something else of; text without any of these decodes to itself (pylatexenc
# reads it character by character: a 1 MB abstract took seconds for nothing). Defined, and
# checked exactly against the decoder, in ``loading.latex``.
_LATEX_AT_WORK = latex.LATEX_AT_WORK


def _decoded_value(value: str) -> tuple[str, str]:
    """(text, error) of one value, escaped braces kept as braces (see ``_OPENING``)."""
    if "\\" in value:
        value = value.replace("\\{", _OPENING).replace("\\}", _CLOSING)
    return latex.decode(value)


class _DecodingAllButVerbatim(LatexDecodingMiddleware):
    """LaTeX decoding of every field but the verbatim ones, which keep their exact text. The
    decoding itself is ``loading.latex``'s: the middleware's, memoised for the process."""

    def __init__(self) -> None:
        # Given the process's decoder, the middleware builds no context of its own.
        super().__init__(decoder=latex.text_decoder())

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        return _decoded_value(python_string)

    def transform_entry(self, entry: bib.Entry, library: Library) -> bib.Block:
        verbatim = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS]
        entry.fields = [f for f in entry.fields if f.key.lower() not in VERBATIM_FIELDS]
        try:
            return super().transform_entry(entry, library)
        finally:
            entry.fields = [*entry.fields, *verbatim]


class RawEntry(NamedTuple):
    """An entry as written, not yet decoded: LaTeX decoding costs about 1 ms per entry, so a
    large library is decoded only entry by entry, when a command needs one."""

    key: str
    location: Location
    raw: str
    aliases: tuple[str, ...]
    namesake: str = ""  # ``namesake_key`` of its first author and year, read undecoded
    # ``work_identities`` of the entry once decoded (only the fields they read are), sorted:
    # what ``add-ref`` looks an incoming work up by, without decoding the library
    works: tuple[tuple[str, ...], ...] = ()


@dataclass
class RawReferenceFile:
    path: Path
    entries: list[RawEntry] = field(default_factory=list)
    strings: list[str] = field(default_factory=list)  # the file's @string blocks, as written
    last_string_line: int = 0  # where the last @string block starts (0: none)
    problems: list[Problem] = field(default_factory=list)
    # Said when the file was read (e.g. not UTF-8): kept with the parse, which the index
    # reuses while the file is unchanged.
    warnings: list[Problem] = field(default_factory=list)


def parse_raw_entries(text: str, path: Path, works: bool = False) -> RawReferenceFile:
    """Split BibTeX text into entries without LaTeX-decoding them (a millisecond an entry):
    macros are resolved and names split, so an entry ``parse_references`` would refuse (a
    name it cannot split) is refused here too, with the same problem. With ``works`` (the
    index build), each entry also carries its ``work_identities``: only the few fields they
    read are decoded, in one batch; a write re-reading its file needs none of them."""
    result = RawReferenceFile(path)
    copies = _WorkFields()
    names = [SeparateCoAuthors(), SplitNameParts()]
    with _CapturedParserWarnings() as warnings:
        library = parse_string(text, append_middleware=[copies, *names] if works else names)
        identities = copies.identities(path)
    for entry in library.entries:
        ids = next((f.value for f in entry.fields if f.key.lower() == "ids"), "")
        aliases = _aliases(ids if isinstance(ids, str) else "")
        location = Location(path, (entry.start_line or 0) + 1)
        namesake = _raw_namesake(entry)
        raw = RawEntry(
            entry.key, location, entry.raw or "", aliases, namesake, identities.get(entry.key, ())
        )
        result.entries.append(raw)
    result.strings = [string.raw or "" for string in library.strings]
    result.last_string_line = max(((s.start_line or 0) + 1 for s in library.strings), default=0)
    abort_reasons = dict(warnings.reasons)
    for block in library.failed_blocks:
        result.problems.append(_failed_block_problem(block, path, abort_reasons))
    return result


# The fields ``work_identities`` reads (person fields for the first name only).
_WORK_FIELDS = frozenset({"title", "year", "date", "doi", "isbn", "author", "editor"})


class _WorkFields(BlockMiddleware):
    """Keeps a copy of the fields ``work_identities`` reads of each entry, macros resolved
    and names not yet split: what ``decode_entry`` would decode of them. Decoded afterwards
    by ``decode_entry``'s own middlewares, so an entry's identities are exactly those of its
    decoded ``Reference`` (a field is decoded alone, whatever the others hold)."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)
        self.copies: dict[str, bib.Entry] = {}

    def transform_entry(self, entry: bib.Entry, library: Library) -> bib.Block:
        kept = [
            bib.Field(f.key, _first_person(f.value) if f.key in _PERSON_FIELDS else f.value)
            for f in entry.fields
            if f.key.lower() in _WORK_FIELDS
        ]
        self.copies[entry.key] = bib.Entry(entry.entry_type, entry.key, kept)
        return entry

    def identities(self, path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Each copied entry's identities; none for one these fields make undecodable."""
        if not self.copies:
            return {}
        library = Library(list(self.copies.values()), fail_on_duplicate_key=False)
        for middleware in (_DecodingAllButVerbatim(), SeparateCoAuthors(), SplitNameParts()):
            library = middleware.transform(library)
        return {
            entry.key: tuple(sorted(work_identities(_reference(entry, path))))
            for entry in library.entries
        }


def _first_person(value: object) -> object:
    """The first name of a list, when decoding it alone gives what decoding the whole list
    gives of it (at 10 000 entries, decoding whole author lists tripled the build): names
    are split on « and » outside braces, and decoding is local unless a comment (%), math
    ($), a tie (~, which splitting after decoding would read as a space) or a macro name
    ending the first name (``\\ss and``: LaTeX eats the space) reaches across the
    separator. Otherwise the whole list, decoded as ``decode_entry`` does."""
    if not isinstance(value, str) or _SPANNING.search(value):
        return value
    names = split_multiple_persons_names(value)
    if len(names) < 2 or _MACRO_AT_END.search(names[0]):
        return value
    return names[0]


_SPANNING = re.compile(r"[%$~]")
_MACRO_AT_END = re.compile(r"\\(?:[a-zA-Z]+|.)?$")


def _raw_namesake(entry: bib.Entry) -> str:
    fields = {f.key.lower(): f.value for f in entry.fields}
    people = fields.get("author") or fields.get("editor")
    family = " ".join(people[0].last) if isinstance(people, list) and people else ""
    year = str(fields.get("year", "") or str(fields.get("date", ""))[:4])
    return namesake(family, year)


def _aliases(ids: str) -> tuple[str, ...]:
    """biblatex ``ids``, as ``Reference.aliases`` reads them once the entry is decoded: by the
    same decoding (an error leaves the value as written, as the entry then reports it)."""
    decoded, _error = _decoded_value(ids)
    return tuple(alias.strip() for alias in _ungroup(decoded).split(",") if alias.strip())


def decode_entry(entry: RawEntry, strings: list[str]) -> Reference | None:
    """One raw entry, decoded as ``parse_references`` decodes a whole file: the same parse
    stack, with the file's ``@string`` macros read once per file (``_macros``) rather than
    parsed and decoded again in front of every entry (their decoded values were never used:
    an entry takes a macro's text as written, then decodes it as its own)."""
    stack = [
        _KnownMacros(_macros(tuple(strings))),
        RemoveEnclosingMiddleware(),
        _DecodingAllButVerbatim(),
        SeparateCoAuthors(),
        SplitNameParts(),
    ]
    with _CapturedParserWarnings():
        library = parse_string(entry.raw, parse_stack=stack)
    if not library.entries:
        return None
    reference = _reference(library.entries[-1], entry.location.path)
    return reference._replace(location=entry.location)


@lru_cache(maxsize=16)
def _macros(strings: tuple[str, ...]) -> dict[str, str]:
    """The ``@string`` blocks of a file, by lower-cased name, their values as written (braces or
    quotes included): what bibtexparser's ``ResolveStringReferencesMiddleware`` looks names up
    in, a later definition of the same name in another case winning, a duplicate ignored.
    Shared by every entry of the file: read, never changed."""
    with _CapturedParserWarnings():
        library = parse_string("\n".join(strings), parse_stack=[])
    return {key.lower(): string.value for key, string in library.strings_dict.items()}


class _KnownMacros(LibraryMiddleware):
    """``ResolveStringReferencesMiddleware`` with the macros given rather than read from the
    library: an entry decoded alone takes its file's macros. The same rule: a whole value
    that is not braced or quoted and names a macro is replaced by the macro's value."""

    def __init__(self, macros: dict[str, str]) -> None:
        super().__init__(allow_inplace_modification=True)
        self._macros = macros

    def transform(self, library: Library) -> Library:
        for entry in library.entries:
            for bib_field in entry.fields:
                value = bib_field.value
                if not isinstance(value, str) or _enclosed(value):
                    continue
                macro = self._macros.get(value.lower())
                if macro is not None:
                    bib_field.value = macro
        return library


def _enclosed(value: str) -> bool:
    """Quoted or braced at both ends: a value, never a macro's name (bibtexparser's test)."""
    quoted = value.startswith('"') and value.endswith('"')
    return quoted or (value.startswith("{") and value.endswith("}"))


def _reference(entry: bib.Entry, path: Path) -> Reference:
    fields: dict[str, str] = {}
    people: dict[str, tuple[Person, ...]] = dict.fromkeys(_PERSON_FIELDS, ())
    for bib_field in entry.fields:
        name = bib_field.key.lower()
        if name in _PERSON_FIELDS and isinstance(bib_field.value, list):
            people[name] = tuple(_person(parts) for parts in bib_field.value)
            fields[name] = "; ".join(p.display for p in people[name])
        else:
            fields[name] = _ungroup(str(bib_field.value))
    return Reference(
        key=entry.key,
        entry_type=entry.entry_type.lower(),
        location=Location(path, (entry.start_line or 0) + 1),
        fields=fields,
        authors=people["author"],
        editors=people["editor"],
        translators=people["translator"],
    )


def _person(parts: NameParts) -> Person:
    last = " ".join(parts.last)
    return Person(
        last=_ungroup(last),
        first=_ungroup(" ".join(parts.first)),
        von=_ungroup(" ".join(parts.von)),
        jr=_ungroup(" ".join(parts.jr)),
        corporate=not parts.first and _is_one_group(last),
    )


def _is_one_group(value: str) -> bool:
    """``{Atelier VAE}``: the braces BibTeX users put around an institution's name."""
    if not (value.startswith("{") and value.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(value) - 1:
            return False
    return True


def _ungroup(value: str) -> str:
    """Drop BibTeX grouping braces (``{UNESCO}``) and squeeze white space; escaped braces
    (``\\{sic\\}``, as Zotero writes a brace of the title) stay, as braces."""
    text = " ".join(value.replace("{", "").replace("}", "").split())
    return text.replace(_OPENING, "{").replace(_CLOSING, "}")


# Escaped braces while the LaTeX decoder and ``_ungroup`` run, which would take them for
# grouping: two private-use characters, which no bibliography has reason to hold.
_OPENING, _CLOSING = "\ue000", "\ue001"


def _failed_block_problem(
    block: bib.ParsingFailedBlock, path: Path, abort_reasons: dict[int, str]
) -> Problem:
    line = (block.start_line or 0) + 1
    location = Location(path, line)
    if isinstance(block, bib.DuplicateBlockKeyBlock):
        previous = Location(path, (block.previous_block.start_line or 0) + 1)
        return duplicate_key(location, block.key, previous)
    if isinstance(block, bib.DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        return Problem(
            location,
            "champ-double",
            f"le champ « {names} » apparaît deux fois dans la même entrée.",
            "Gardez une seule fois ce champ.",
        )
    if isinstance(block, bib.MiddlewareErrorBlock):
        return Problem(
            location,
            "latex-invalide",
            "une commande LaTeX de cette entrée ne peut pas être décodée.",
            "Remplacez les commandes LaTeX par les caractères accentués eux-mêmes (é, ç, …).",
        )
    reason = abort_reasons.get(line - 1, "")
    explanation = next((fr for en, fr in _REASONS if en in reason), "entrée mal formée.")
    return Problem(
        location,
        "bibtex-invalide",
        f"entrée BibTeX illisible : {explanation}",
        "Corrigez-la dans un éditeur ou exportez-la de nouveau depuis Zotero ou JabRef.",
    )


class _CapturedParserWarnings(logging.Handler):
    """Collects bibtexparser's English warnings (so they never reach the user's terminal)
    and keeps their reasons, keyed by the 0-based start line of the aborted block."""

    _logger = logging.getLogger("bibtexparser")

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.reasons: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        start = re.search(r"\(line (\d+)\)", message)
        abort = _ABORT.search(message)
        if start and abort:
            self.reasons.append((int(start.group(1)), abort.group(2)))

    def __enter__(self) -> _CapturedParserWarnings:
        self._previous = self._logger.propagate
        self._logger.addHandler(self)
        self._logger.propagate = False
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._previous
