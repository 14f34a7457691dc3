"""Change or remove one of your own entries (``modifier``, ``retirer``), safely.

An entry is edited as its own text — the ``- id: …`` item or the ``@type{key, …}`` entry,
exactly as the user wrote it — and put back in its place; every other byte of the file
stays as it was. An entry of the bundled data is never changed: editing it makes *your*
version, added to your folder (or the group's), which replaces the bundled one there.

The new file is checked before it is written, with the same loader and the same rules as
``check``: the edit is refused if it brings an error that was not there before (a
concept that no longer exists but that others point to, a YAML mistake…). The write is
atomic, under the folder's lock, and refused if the file changed since it was read.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossaire.errors import GlossaireError, WriteRefused
from glossaire.model.dataset import CONCEPTS_FILE, REFERENCES_FILE
from glossaire.paths import bundled_data_dir
from glossaire.services.writes import others_count, target_folder
from glossaire.writing.atomic import FileState, read_for_update, write_atomic_bytes
from glossaire.writing.lock import folder_lock
from glossaire.writing.spans import Span, bibtex_entry_span, yaml_item_span

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.model.problem import Problem


class EditSession(NamedTuple):
    """One entry, ready to be edited: its text and where it goes back."""

    kind: str  # « concept » or « référence »
    name: str  # the concept's id or the reference's key
    title: str  # what to call it in a message: « « Réseau » (reseau) »
    text: str  # the entry as written (the whole text the user edits)
    path: Path  # the file the edited text goes into
    original: bytes  # that file's bytes when the session was prepared (b"": no file yet)
    state: FileState | None
    span: Span | None  # where the entry is in ``original``; None: appended (a new version)
    suffix: str  # ".yaml" or ".bib", for the editor's colouring
    bundled: bool  # True: a new version of a bundled entry, not an edit in place

    @property
    def label(self) -> str:
        """« le concept « Réseau » (reseau) », « la référence « dhume2001 » »."""
        return f"{'le concept' if self.kind == 'concept' else 'la référence'} {self.title}"

    @property
    def of_label(self) -> str:
        """« du concept « Réseau » (reseau) », « de la référence « dhume2001 » »."""
        return f"{'du concept' if self.kind == 'concept' else 'de la référence'} {self.title}"


class EditResult(NamedTuple):
    session: EditSession
    changed: bool  # False: the text came back as it was, nothing written
    removed: bool
    written: bool  # False with changed: a dry run


def prepare_edit(data_option: str | None, name: str) -> EditSession:
    """Find the concept or reference called ``name`` and take its text from its file."""
    from glossaire.catalog.opening import open_catalog

    catalog = open_catalog(data_option)
    concept = catalog.concepts.get(name) or catalog.concepts.get(name.strip().lower())
    if concept is not None:
        label = f"« {concept.terme} » ({concept.id})"
        location = concept.location
        return _session(data_option, "concept", concept.id, label, location.path, location.line)
    key = catalog.canonical_key(name)
    reference = catalog.reference(key) if key is not None else None
    if reference is not None:
        label = f"« {reference.key} »"
        location = reference.location
        return _session(data_option, "référence", reference.key, label, *location)
    raise GlossaireError(
        f"aucun concept ni aucune référence ne s'appelle « {name} ».",
        "Vérifiez l'identifiant avec « glossaire list » ou la clé avec « glossaire biblio ».",
    )


def _session(
    data_option: str | None, kind: str, name: str, label: str, path: Path, line: int | None
) -> EditSession:
    suffix = ".yaml" if kind == "concept" else ".bib"
    spanned = yaml_item_span if kind == "concept" else bibtex_entry_span
    data, state = read_for_update(path)
    span = spanned(data, line or 1)
    text = data[span.start : span.end].decode("utf-8", errors="replace").replace("\r\n", "\n")
    if not _is_bundled(path):
        return EditSession(kind, name, label, text, path, data, state, span, suffix, False)
    # A bundled entry: your version goes to the end of your folder's file.
    own = target_folder(data_option) / (CONCEPTS_FILE if kind == "concept" else REFERENCES_FILE)
    own_data, own_state = read_for_update(own)
    return EditSession(kind, name, label, text, own, own_data, own_state, None, suffix, True)


def _is_bundled(path: Path) -> bool:
    return path.resolve().parent == bundled_data_dir().resolve()


def apply_edit(
    session: EditSession, data_option: str | None, new_text: str, *, dry_run: bool = False
) -> EditResult:
    """Put ``new_text`` in place of the entry (an empty text removes it), if the data stay
    valid; under the folder's lock, atomically."""
    if new_text.strip() == session.text.strip() and not session.bundled:
        return EditResult(session, changed=False, removed=False, written=False)
    if session.bundled and not new_text.strip():
        raise WriteRefused(
            f"{session.label} fait partie des données intégrées, que glossaire ne retire pas.",
            "Vous pouvez en faire votre propre version avec « glossaire modifier "
            f"{session.name} ». Rien n'a été écrit.",
        )
    data, first_line = _new_bytes(session, new_text)
    with folder_lock(session.path.parent):
        current, _ = read_for_update(session.path)
        if current != session.original:
            raise WriteRefused(
                f"« {session.path} » a changé depuis que vous avez commencé à le modifier.",
                "Relancez la commande pour repartir du fichier tel qu'il est. "
                "Rien n'a été écrit.",
            )
        lines = range(first_line, first_line + len(new_text.strip("\n").splitlines()))
        _refuse_new_errors(session, data_option, data, lines)
        if not dry_run:
            write_atomic_bytes(session.path, data, session.original, session.state)
    return EditResult(session, changed=True, removed=not new_text.strip(), written=not dry_run)


def _new_bytes(session: EditSession, new_text: str) -> tuple[bytes, int]:
    """The file after the edit, and the line the entry's text starts on in it."""
    newline = b"\r\n" if b"\r\n" in session.original else b"\n"
    body = new_text.replace("\r\n", "\n").strip("\n")
    encoded = body.replace("\n", newline.decode()).encode("utf-8") + (newline if body else b"")
    if session.span is None:  # a new version, at the end of the user's file
        original = session.original
        if original and not original.endswith((b"\n", b"\r")):
            original += newline
        separator = newline if original.strip() else b""
        head = original + separator
        return head + encoded, head.count(newline) + 1
    from glossaire.writing.spans import replaced_span, without_span

    if not body:
        return without_span(session.original, session.span), session.span.first_line
    return replaced_span(session.original, session.span, encoded), session.span.first_line


def _refuse_new_errors(
    session: EditSession, data_option: str | None, data: bytes, lines: range
) -> None:
    """The edit's errors: those the whole check finds with the new bytes and not without."""
    from glossaire.loading.textfile import substituted

    before = _errors(_files_catalog(data_option))
    with substituted({session.path: data}):
        after = _errors(_files_catalog(data_option))
    seen = Counter(_comparable(problem) for problem in before)
    new = []
    for problem in after:
        if seen[_comparable(problem)] > 0:
            seen[_comparable(problem)] -= 1
        else:
            new.append(problem)
    if new:
        first = new[0]
        others = f" ({others_count(len(new) - 1)}.)" if len(new) > 1 else ""
        change = "cette modification" if lines else "retirer cette entrée"
        raise WriteRefused(
            f"{change} rendrait les données invalides : {_where(session, first, lines, data)}"
            f"{first.message}",
            (first.hint or "") + others + " Rien n'a été écrit.",
        )


def _files_catalog(data_option: str | None) -> Catalog:
    from glossaire.catalog.memory import MemoryCatalog
    from glossaire.loading.dataset import load_dataset

    return MemoryCatalog(load_dataset(data_option))


def _errors(catalog: Catalog) -> list[Problem]:
    from glossaire.services.check import check_dataset

    return [p for p in check_dataset(catalog).problems if p.severity == "erreur"]


def _comparable(problem: Problem) -> tuple[str, str, str]:
    """A problem without its line numbers, which an edit shifts."""
    message = re.sub(r":\d+\b", "", problem.message)
    return str(problem.location.path), problem.code, message


def _where(session: EditSession, problem: Problem, lines: range, data: bytes) -> str:
    """Where, for the user: a line of the text they edited, or the file and the line as it
    is in the file now (the edit is not written, so its shift of lines must not show)."""
    line = problem.location.line
    if problem.location.path != session.path or line is None:
        return f"{problem.location} : "
    if line in lines:
        return f"ligne {line - lines.start + 1} de votre texte : "
    if line >= lines.stop:
        line += session.original.count(b"\n") - data.count(b"\n")
    return f"{problem.location.path}:{line} : "
