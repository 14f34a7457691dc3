"""``export``: build the annex, lay it out in the chosen format, write it atomically."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.citation.styles import StyleChoice
from glossaire.errors import GlossaireError, InvalidUsage, os_reason
from glossaire.export.document import (
    ExportDefinition,
    ExportDocument,
    ExportEntry,
    ExportReferral,
    LexiconItem,
)
from glossaire.export.runs import runs_from_html
from glossaire.export.typography import french_spacing, quoted, spaced_runs
from glossaire.loading.yaml_personal import PERSONAL_FILE
from glossaire.model.concept import Concept
from glossaire.model.reference import Reference
from glossaire.paths import user_data_dir
from glossaire.services.citations import bibliography, in_text_citations
from glossaire.services.list import serves_chapter
from glossaire.text import french_sort_key, printable
from glossaire.writing.atomic import write_atomic_bytes

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog

EXPORT_FORMATS = ("docx", "odt", "html", "md")
DEFAULT_NAME = "lexique"


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    concept_count: int
    reference_count: int


class OutputExists(GlossaireError):
    """The target file exists and ``--force`` was not given."""


def default_path(output_format: str) -> Path:
    return Path(f"{DEFAULT_NAME}.{output_format}")


def export_annex(
    catalog: Catalog,
    selection: Selection,
    style: StyleChoice,
    output_format: str,
    path: Path,
    *,
    force: bool = False,
    with_examples: bool = False,
    with_mine: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Exported:
    _refuse_target(catalog, path, force)
    document = build_document(catalog, selection, style, with_examples, with_mine, progress)
    write_atomic_bytes(path, _laid_out(document, output_format))
    return Exported(path, len(document.entries), len(document.bibliography))


def _refuse_target(catalog: Catalog, path: Path, force: bool) -> None:
    """Never over the user's data, a folder or a device, even with ``--force``."""
    try:
        _refuse_existing(catalog, path, force)
    except OSError as error:  # a name too long, a file where a folder should be…
        raise OutputExists(
            f"« {path} » ne peut pas être écrit : {os_reason(error)}.",
            "Donnez un autre nom de fichier avec -o, par exemple -o annexe.docx.",
        ) from None


def _refuse_existing(catalog: Catalog, path: Path, force: bool) -> None:
    if path.is_dir():
        raise OutputExists(f"« {path} » est un dossier.", "Donnez un nom de fichier avec -o.")
    if path.exists() and not path.is_file():
        raise OutputExists(
            f"« {path} » n'est pas un fichier ordinaire (un périphérique, un tube ?).",
            "Donnez le nom d'un fichier à créer avec -o, par exemple -o annexe.docx.",
        )
    data_files = {file.resolve() for layer in catalog.facts.layers for file in layer.files}
    data_files.add((user_data_dir() / PERSONAL_FILE).resolve())
    if path.resolve() in data_files:
        raise OutputExists(
            f"« {path} » est un fichier de données que glossaire lit : l'annexe ne le "
            "remplacera pas, même avec --force.",
            "Choisissez un autre nom avec -o, par exemple -o annexe.docx.",
        )
    if path.exists() and not force:
        raise OutputExists(
            f"le fichier « {path} » existe déjà.",
            "Choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer.",
        )


def _laid_out(document: ExportDocument, output_format: str) -> bytes:
    if output_format == "docx":
        from glossaire.export import docx_file

        return docx_file.render(document)
    if output_format == "odt":
        from glossaire.export import odt_file

        return odt_file.render(document)
    if output_format == "html":
        from glossaire.export import html_file

        return html_file.render(document).encode("utf-8")
    from glossaire.export import markdown_file

    return markdown_file.render(document).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Selection:
    queries: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    everything: bool = False


def build_document(
    catalog: Catalog,
    selection: Selection,
    style: StyleChoice,
    with_examples: bool = False,
    with_mine: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ExportDocument:
    """``progress(done, total)`` is called as entries are built (a bar for big libraries).

    Every text is typeset here, once (``french_spacing``), for all four formats."""
    chosen = _selected(catalog, selection)
    ordered = _tree_order(catalog, chosen)
    cites = [
        (cited.source, cited.page)
        for concept, _depth in ordered
        for cited in concept.cited(with_examples)
    ]
    citations = in_text_citations(catalog, cites, style)
    entries = []
    for done, (concept, depth) in enumerate(ordered, 1):
        entries.append(_entry(catalog, concept, depth, citations, with_examples, with_mine))
        if progress:
            progress(done, len(ordered))
    cited = _cited_references(catalog, cites)
    rendered = bibliography(catalog, cited, style, "html") if cited else None
    return ExportDocument(
        title="Lexique et bibliographie",
        style_name=french_spacing(style.title),
        lexicon=_with_referrals(ordered, entries),
        bibliography=tuple(
            spaced_runs(runs_from_html(printable(e.strip()))) for e in rendered.entries
        )
        if rendered
        else (),
    )


def _selected(catalog: Catalog, selection: Selection) -> list[Concept]:
    if selection.everything:
        return list(catalog.concepts.values())
    if not selection.queries and not selection.chapters:
        raise InvalidUsage(
            "rien à exporter.",
            "Donnez des concepts (glossaire export réseau partenariat), un chapitre "
            "(--chapitre 4.2) ou --tout.",
        )
    chosen = {c.id: c for c in (catalog.find(query) for query in selection.queries)}
    for chapter in selection.chapters:
        serving = {
            c.id: c for c in catalog.concepts.values() if serves_chapter(c.chapitres, chapter)
        }
        if not serving:
            raise InvalidUsage(
                f"aucun concept ne sert le chapitre « {chapter} » : l'annexe serait vide.",
                f"Chapitres des concepts : {', '.join(_known_chapters(catalog)) or 'aucun'}.",
            )
        chosen.update(serving)
    return list(chosen.values())


def _known_chapters(catalog: Catalog) -> list[str]:
    numbers = {number for c in catalog.concepts.values() for number in c.chapitres}
    return sorted(numbers, key=lambda n: [int(p) if p.isdigit() else 0 for p in n.split(".")])


# The extensions of the files ``export`` writes, and the format each one means.
EXTENSIONS = {".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html", ".md": "md"}


def output_format_for(path: Path | None, asked: str | None) -> str:
    """The format follows the file's extension when ``--format`` is not given; a format
    and an extension that disagree, or an extension glossaire does not write, are refused:
    never a Word file named « .pdf »."""
    if path is None or not path.suffix:
        return asked or "docx"
    implied = EXTENSIONS.get(path.suffix.lower())
    if implied is None:
        pdf = path.suffix.lower() == ".pdf"
        raise InvalidUsage(
            f"glossaire n'écrit pas de fichier « {path.suffix} » ({path.name}).",
            "Pour un PDF, écrivez l'annexe en .docx ou .odt, puis enregistrez-la en PDF "
            "depuis Word ou LibreOffice."
            if pdf
            else "Terminez le nom par .docx, .odt, .html ou .md.",
        )
    if asked is not None and asked != implied:
        raise InvalidUsage(
            f"--format {asked} ne correspond pas au nom « {path.name} » ({implied}).",
            f"Retirez --format, ou nommez le fichier en .{asked}.",
        )
    return implied


def _tree_order(catalog: Catalog, chosen: list[Concept]) -> list[tuple[Concept, int]]:
    """Dictionary order, each typology child right under its parent when both are exported."""
    wanted = {c.id for c in chosen}
    ordered: list[tuple[Concept, int]] = []

    def visit(concept: Concept, depth: int, seen: frozenset[str]) -> None:
        ordered.append((concept, depth))
        for child in catalog.children_of(concept.id):
            if child.id in wanted and child.id not in seen:
                visit(child, depth + 1, seen | {child.id})

    top = [c for c in catalog.sorted_concepts() if c.id in wanted and c.parent not in wanted]
    for concept in top:
        visit(concept, 0, frozenset({concept.id}))
    placed = {c.id for c, _ in ordered}  # a parent cycle leaves some out: show them anyway
    missing = wanted - placed  # once: inside the comprehension it was a set per concept
    ordered += [(c, 0) for c in catalog.sorted_concepts() if c.id in missing]
    return ordered


def _entry(
    catalog: Catalog,
    concept: Concept,
    depth: int,
    citations: dict[tuple[str, str | None], str],
    with_examples: bool,
    with_mine: bool,
) -> ExportEntry:
    """Every text made ``printable``: a control character pasted from Word (which ``check``
    reports) must not stop the annex from being written."""

    def cited(source: str | None, page: str | None) -> str | None:
        return _typeset(citations.get((source, page), f"({source})")) if source else None

    mine = catalog.facts.personal_definition(concept.id) if with_mine else None
    return ExportEntry(
        concept_id=concept.id,
        term=_typeset(concept.terme),
        depth=depth,
        definitions=tuple(
            ExportDefinition(
                _typeset(d.texte, d.nature == "citation"),
                d.nature == "citation",
                cited(d.source, d.page),
            )
            for d in concept.definitions
        ),
        my_definition=_typeset(mine.text) if mine else None,
        contrasts=tuple(
            (_typeset(catalog.term_of(c.avec)), _typeset(c.difference)) for c in concept.contrastes
        ),
        examples=tuple(
            (_typeset(e.texte, e.nature == "citation"), cited(e.source, None))
            for e in concept.exemples
        )
        if with_examples
        else (),
    )


def _typeset(text: str, quotation: bool = False) -> str:
    """Printable (``_entry`` says why), in French typography, a quotation in « »."""
    clean = printable(text.strip())
    return quoted(clean) if quotation else french_spacing(clean)


def _with_referrals(
    ordered: list[tuple[Concept, int]], entries: list[ExportEntry]
) -> tuple[LexiconItem, ...]:
    """The entries, and « Échange → voir Mutualisation » at the letter of each typology child
    printed under a parent, so that the lexicon reads in alphabetical order for whoever looks
    up « Échange » at E.

    A child whose place is right after its own block gets none (« Réseau interne » after
    « Réseau »): whoever looks there is already reading that block.
    """
    blocks: list[list[tuple[Concept, ExportEntry]]] = []
    for (concept, depth), entry in zip(ordered, entries, strict=True):
        if depth == 0 or not blocks:
            blocks.append([(concept, entry)])
        else:
            blocks[-1].append((concept, entry))
    # In dictionary order, as ``_tree_order`` puts the blocks (but for the rare parent cycle,
    # shown at the end: its referrals may then land a little off their letter).
    keys = [french_sort_key(block[0][0].terme) for block in blocks]
    # gaps[i]: the referrals that go before block i (the last one: after every block)
    gaps: list[list[tuple[tuple[str, str, str], ExportReferral]]] = [
        [] for _ in range(len(blocks) + 1)
    ]
    for index, block in enumerate(blocks):
        top = block[0][1]
        for concept, entry in block[1:]:
            key = french_sort_key(concept.terme)
            gap = bisect.bisect_right(keys, key)
            if gap != index + 1:
                gaps[gap].append((key, ExportReferral(entry.term, top.term, entry.concept_id)))
    lexicon: list[LexiconItem] = []
    for waiting, block in zip(gaps, [*blocks, []], strict=True):
        lexicon += [referral for _key, referral in sorted(waiting, key=lambda pair: pair[0])]
        lexicon += [entry for _concept, entry in block]
    return tuple(lexicon)


def _cited_references(catalog: Catalog, cites: Iterable[tuple[str, str | None]]) -> list[Reference]:
    found: dict[str, Reference] = {}
    for key, _page in cites:
        reference = catalog.reference(key)
        if reference is not None:
            found.setdefault(reference.key, reference)
    return list(found.values())
