"""``add``: a facilitator appends a concept; refused, with nothing written, when it is wrong."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossaire.catalog.memory import Catalog
from glossaire.loading.yaml_concepts import ID_PATTERN, parse_concepts, shift_lines
from glossaire.model.concept import NATURES, Concept
from glossaire.services.check import concept_problems
from glossaire.services.writes import (
    WriteRefused,
    append_checked,
    open_index_or_none,
    target_folder,
)
from glossaire.text import slugify
from glossaire.writing.append import PlannedEnd, current_text, planned_append_end
from glossaire.writing.atomic import write_atomic_bytes
from glossaire.writing.lock import folder_lock
from glossaire.writing.yaml_text import entry_text, item_indent

if TYPE_CHECKING:
    from glossaire.catalog.index.indexed import IndexedCatalog


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


def add_concept(request: NewConcept, data_option: str | None) -> Added:
    """Locked, checked, appended. With the index, the new entry is checked against it and
    added to it in the same locked operation (a large library is never re-read); without it,
    the whole data set is re-read and re-checked with the future file text."""
    request = _normalised(request)
    folder = target_folder(data_option)
    path = _concepts_path(folder)
    with folder_lock(folder):
        indexed = open_index_or_none(data_option)
        if indexed is None:
            from glossaire.loading.dataset import load_dataset

            catalog = Catalog(load_dataset(data_option))
        else:
            catalog = indexed
        _refuse_if_invalid(catalog, request)  # type: ignore[arg-type]
        old_text = current_text(path) if indexed is None else _head(path)
        entry = entry_text(_fields(request), indent=item_indent(old_text))
        if indexed is not None:
            planned = _planned_end(indexed, path, entry)
            concept = _checked_tail(indexed, path, planned, request)
            write_atomic_bytes(path, planned.data)
            _update_index(indexed, path, concept, planned.data)
        else:
            old_ids = [c.id for c in parse_concepts(old_text, path).concepts]

            def parsed_back(text: str) -> None:
                parsed = parse_concepts(text, path)
                new = next((c for c in parsed.concepts if c.id == request.id), None)
                ids = [c.id for c in parsed.concepts]
                if parsed.unreadable or ids != [*old_ids, request.id] or not _same(new, request):
                    raise _unexpected(path)

            append_checked(catalog, data_option, path, entry, parsed_back)
    return Added(request.id, request.terme, path)


def _planned_end(catalog: IndexedCatalog, path: Path, entry: str) -> PlannedEnd:
    """The append seen from the end of the file, from far enough back to hold the last item
    (a huge last item: the whole file)."""
    known_utf8 = catalog.read_as_utf8(path)
    planned = planned_append_end(path, entry, known_utf8)
    if planned.lines_before and _last_items_start(planned.end, at_file_start=False) is None:
        planned = planned_append_end(path, entry, known_utf8, window=len(planned.data))
    return planned


def _checked_tail(
    catalog: IndexedCatalog, path: Path, planned: PlannedEnd, request: NewConcept
) -> Concept:
    """Parse only the last existing item and the new one: YAML block items are independent,
    so this reads the new entry exactly as a full parse would, at a fraction of the cost."""
    text = planned.end
    tail_start = _last_items_start(text, at_file_start=planned.lines_before == 0)
    if tail_start is None:
        raise _unexpected(path)
    if _DOCUMENT_MARKER.search(text, tail_start):
        raise _unexpected(path)
    parsed = parse_concepts(text[tail_start:], path)
    offset = planned.lines_before + text.count("\n", 0, tail_start)
    new = parsed.concepts[-1] if parsed.concepts else None
    if parsed.unreadable or new is None or new.id != request.id or not _same(new, request):
        raise _unexpected(path)
    concept = shift_lines(new, offset)
    problems = concept_problems(catalog, concept)  # type: ignore[arg-type]
    if problems:
        first = problems[0]
        raise WriteRefused(
            f"cet ajout rendrait les données invalides : {first.message}",
            (first.hint or "") + " Rien n'a été écrit.",
        )
    return concept


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


def _update_index(catalog: IndexedCatalog, path: Path, concept: Concept, data: bytes) -> None:
    from glossaire.catalog.index.update import concept_added

    concept_added(catalog, path, concept, data)


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
        page=request.page.strip() if request.page else None,
        nature=request.nature.strip(),
        variantes=tuple(clean(v).strip() for v in request.variantes if v.strip()),
        chapitres=tuple(c.strip() for c in request.chapitres if c.strip()),
        parent=request.parent.strip() if request.parent else None,
        contrastes=tuple((a.strip(), clean(t).strip()) for a, t in request.contrastes),
        domaines=tuple(d.strip() for d in request.domaines if d.strip()),
        voir_aussi=tuple(v.strip() for v in request.voir_aussi if v.strip()),
    )


def _refuse_if_invalid(catalog: Catalog, request: NewConcept) -> None:
    if not ID_PATTERN.match(request.id):
        raise WriteRefused(
            f"l'identifiant « {request.id} » n'est pas valide.",
            f"Utilisez des minuscules sans accent, des chiffres et des tirets, par exemple "
            f"« {slugify(request.id) or slugify(request.terme) or 'mon-concept'} ».",
        )
    if request.id in catalog.concepts:
        raise WriteRefused(
            f"le concept « {request.id} » existe déjà ({catalog.concepts[request.id].location}).",
            "Choisissez un autre identifiant, ou modifiez l'entrée existante dans son fichier.",
        )
    for name, text in (("terme", request.terme), ("définition", request.definition)):
        if not text:
            raise WriteRefused(f"le champ « {name} » est vide.", "Donnez-lui un texte.")
    if request.nature not in NATURES:
        raise WriteRefused(
            f"la nature « {request.nature} » n'existe pas.", f"Choisissez : {', '.join(NATURES)}."
        )
    if not catalog.has_reference(request.source):
        raise WriteRefused(
            f"la source « {request.source} » n'existe dans aucun fichier .bib.",
            _suggest(
                request.source, list(catalog.references), "Ajoutez-la avec « glossaire add-ref »."
            ),
        )
    targets = [("parent", request.parent)] if request.parent else []
    targets += [("contraste", other) for other, _ in request.contrastes]
    targets += [("voir aussi", other) for other in request.voir_aussi]
    for role, other in targets:
        if other not in catalog.concepts:
            raise WriteRefused(
                f"le concept « {other} » ({role}) n'existe pas.",
                _suggest(
                    other, list(catalog.concepts), "Donnez l'identifiant d'un concept existant."
                ),
            )


def _fields(request: NewConcept) -> list[tuple[str, object]]:
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


def _suggest(wrong: str, known: list[str], fallback: str) -> str:
    import difflib  # only to suggest a correction

    close = difflib.get_close_matches(wrong, known, n=3, cutoff=0.6)
    return f"Vouliez-vous dire : {', '.join(close)} ?" if close else fallback
