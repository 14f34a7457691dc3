"""``add``: a facilitator appends a concept; refused, with nothing written, when it is wrong."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossaire.catalog.contract import StagedEntries
from glossaire.citation.locator import plain_page
from glossaire.loading.yaml_concepts import ConceptFile, parse_concepts, shift_lines
from glossaire.model.concept import Concept, canonical_nature
from glossaire.model.location import Location
from glossaire.services.writes import Plan, WriteRefused, target_folder, write_planned
from glossaire.writing.append import PlannedEnd, planned_append_end
from glossaire.writing.yaml_text import Value, entry_text, item_indent

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.model.problem import Problem


class NewConcept(NamedTuple):
    id: str
    terme: str
    definition: str
    source: str
    page: str | None = None
    nature: str = "synthese"
    variantes: tuple[str, ...] = ()
    chapitres: tuple[str, ...] = ()
    parent: str | None = None
    contrastes: tuple[tuple[str, str], ...] = ()  # (other id, difference)
    domaines: tuple[str, ...] = ()
    voir_aussi: tuple[str, ...] = ()


class Added(NamedTuple):
    concept_id: str
    terme: str
    path: Path
    warnings: tuple[str, ...] = ()  # what the rules warn about, in French (written anyway)


def add_concept(request: NewConcept, data_option: str | None, dry_run: bool = False) -> Added:
    """Through the write pipeline (``services.writes``): the new entry is appended after the
    user's bytes, read back from them, and checked by the one registry of rules."""
    request = _normalised(request)
    folder = target_folder(data_option)
    path = _concepts_path(folder)

    def plan(catalog: Catalog) -> Plan:
        entry = entry_text(_fields(request), indent=item_indent(_head(path)))
        planned = _planned_end(catalog.vouches_utf8(path), path, entry)
        read = _read_back(path, planned, entry, request)
        entries = StagedEntries(concepts=(read.concept,))
        return Plan(
            path,
            planned.data,
            entries,
            read.problems,
            read.first_new_line,
            planned.original,
            planned.state,
        )

    done = write_planned(folder, data_option, plan, dry_run=dry_run)
    warnings = tuple(f"{p.message} {p.hint}".strip() for p in done.warnings)
    return Added(request.id, request.terme, path, warnings)


def _planned_end(known_utf8: bool, path: Path, entry: str) -> PlannedEnd:
    """The append seen from the end of the file, from far enough back to hold the last item
    (a huge last item: the whole file)."""
    planned = planned_append_end(path, entry, known_utf8)
    if planned.lines_before and _last_items_start(planned.end, at_file_start=False) is None:
        planned = planned_append_end(path, entry, known_utf8, window=len(planned.data))
    return planned


class ReadBack(NamedTuple):
    concept: Concept
    problems: tuple[Problem, ...]  # the new entry's own, as the loader says them
    first_new_line: int


def _read_back(path: Path, planned: PlannedEnd, entry: str, request: NewConcept) -> ReadBack:
    """Parse only the last existing item and the new one: YAML block items are independent,
    so this reads the new entry exactly as a full parse would, at a fraction of the cost.
    When the end of the file does not stand alone (an alias ``*x`` of an anchor defined
    earlier, a document marker), the whole file is parsed, as ``check`` would."""
    text = planned.end
    first_new_line = planned.lines_before + text.count("\n", 0, len(text) - len(entry)) + 1
    tail_start = _last_items_start(text, at_file_start=planned.lines_before == 0)
    if tail_start is not None and not _DOCUMENT_MARKER.search(text, tail_start):
        offset = planned.lines_before + text.count("\n", 0, tail_start)
        parsed = parse_concepts(text[tail_start:], path)
        _refuse_if_previous_changed(path, planned, text[tail_start:], len(entry), parsed)
        found = _new_entry(parsed, path, request, offset, first_new_line)
        if found is not None:
            return found
    whole = planned.data.decode("utf-8-sig").replace("\r\n", "\n")
    found = _new_entry(parse_concepts(whole, path), path, request, 0, first_new_line)
    if found is None:
        raise _unexpected(path)
    return found


def _refuse_if_previous_changed(
    path: Path, planned: PlannedEnd, tail: str, entry_length: int, parsed: ConceptFile
) -> None:
    """The item before the new one must read as it did: a block scalar (``|``, ``|+``)
    ending the file can take in the line break or blank line written before the new entry."""
    separator = 1 if planned.original.endswith(b"\n") else 2
    old_tail = tail[: len(tail) - entry_length - separator] if planned.original.strip() else ""
    if not old_tail.strip():
        return
    before = parse_concepts(old_tail, path).concepts
    after = parsed.concepts[:-1]
    if before and after and before[-1] != after[-1]:
        raise WriteRefused(
            f"ajouter à {path} changerait le texte de l'entrée « {before[-1].id} » : elle "
            "se termine par un bloc « | » que la ligne ajoutée allongerait.",
            "Terminez ce bloc par un retour à la ligne (ou écrivez son texte entre "
            "guillemets), puis relancez ; rien n'a été écrit.",
        )


def _new_entry(
    parsed: ConceptFile, path: Path, request: NewConcept, offset: int, first_new_line: int
) -> ReadBack | None:
    """The new entry as ``parsed`` (from line ``offset + 1`` of the file) reads it, with its
    own problems (the item before it is ``check``'s business); None if it is not there."""
    problems = tuple(
        p._replace(location=Location(path, (p.location.line or 0) + offset))
        for p in parsed.problems
        if (p.location.line or 0) + offset >= first_new_line
    )
    new = parsed.concepts[-1] if parsed.concepts else None
    if problems and not parsed.unreadable and (new is None or new.id != request.id):
        return ReadBack(_placeholder(path, request), problems, first_new_line)
    if parsed.unreadable or new is None or new.id != request.id or not _same(new, request):
        return None
    return ReadBack(shift_lines(new, offset), problems, first_new_line)


def _placeholder(path: Path, request: NewConcept) -> Concept:
    """A concept the file would not yield: only carried to the refusal of its problems."""
    return Concept(request.id, request.terme, Location(path))


def _head(path: Path, size: int = 65536) -> str:
    """The start of the file: enough to see how its items are indented."""
    if not path.exists():
        return ""
    with path.open("rb") as handle:
        return handle.read(size).decode("utf-8-sig", errors="replace")


def _last_items_start(text: str, at_file_start: bool = True) -> int | None:
    """Where the item before the new one begins (0 if none): searched from the end, since
    the new entry is the last one; a 10 MB file is not scanned. ``text`` is the end of the
    file: when it does not start the file, the previous item must begin inside it."""
    new_start = text.rfind("- id: ")
    while new_start >= 0:
        line_start = text.rfind("\n", 0, new_start) + 1
        indent = text[line_start:new_start]
        if not indent.strip(" "):
            break
        new_start = text.rfind("- id: ", 0, new_start)
    if new_start < 0:
        return None
    previous = text.rfind(f"\n{indent}- ", 0, line_start - 1) if line_start else -1
    if previous < 0 and text.startswith(f"{indent}- ") and line_start:
        return 0
    if previous < 0 and not at_file_start:
        return None  # an item longer than the window: refused rather than half read
    return previous + 1 if previous >= 0 else 0


def _same(new: Concept | None, request: NewConcept) -> bool:
    return (
        new is not None
        and new.terme == request.terme
        and [d.texte for d in new.definitions] == [request.definition]
    )


def _unexpected(path: Path) -> WriteRefused:
    return WriteRefused(
        f"{path} ne se relit pas comme prévu après l'ajout : la fin du fichier "
        "n'est sans doute pas une liste « - id: … » ordinaire.",
        "Vérifiez-le avec « glossaire check » ; rien n'a été écrit.",
    )


_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.M)


def missing_fields(values: dict[str, str | None]) -> list[str]:
    """The required options still empty, in the order the command asks for them."""
    return [name for name in ("id", "terme", "definition", "source") if not values.get(name)]


def _normalised(request: NewConcept) -> NewConcept:
    """NFC and LF, as the loader will read them back, so the text round-trips exactly."""

    def clean(text: str) -> str:
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))

    return NewConcept(
        id=request.id.strip(),
        terme=clean(request.terme).strip(),
        definition=clean(request.definition).strip(),
        source=request.source.strip(),
        page=plain_page(request.page),  # « p. 111 » typed: the style writes « p. » itself
        nature=canonical_nature(request.nature) or request.nature.strip(),
        variantes=tuple(clean(v).strip() for v in request.variantes if v.strip()),
        chapitres=tuple(c.strip() for c in request.chapitres if c.strip()),
        parent=request.parent.strip() if request.parent else None,
        contrastes=tuple((a.strip(), clean(t).strip()) for a, t in request.contrastes),
        domaines=tuple(d.strip() for d in request.domaines if d.strip()),
        voir_aussi=tuple(v.strip() for v in request.voir_aussi if v.strip()),
    )


def _fields(request: NewConcept) -> list[tuple[str, Value]]:
    definition = {
        "texte": request.definition,
        "source": request.source,
        "page": request.page or "",
        "nature": request.nature,
    }
    return [
        ("id", request.id),
        ("terme", request.terme),
        ("variantes", list(request.variantes)),
        ("parent", request.parent),
        ("definitions", [definition]),
        ("contrastes", [{"avec": a, "difference": t} for a, t in request.contrastes]),
        ("chapitres", list(request.chapitres)),
        ("domaines", list(request.domaines)),
        ("voir_aussi", list(request.voir_aussi)),
    ]


def _concepts_path(folder: Path) -> Path:
    existing = folder / "concepts.yml"
    return (
        existing
        if existing.exists() and not (folder / "concepts.yaml").exists()
        else folder / "concepts.yaml"
    )
