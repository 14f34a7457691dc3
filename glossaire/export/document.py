"""What the annex says: the chosen concepts in French dictionary order (typology children
under their parent), with sourced definitions, and the bibliography of exactly what is cited."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from glossaire.catalog.memory import Catalog
from glossaire.citation.styles import StyleChoice
from glossaire.errors import InvalidUsage
from glossaire.export.runs import Run, runs_from_html
from glossaire.model.concept import Concept
from glossaire.model.reference import Reference
from glossaire.services.citations import bibliography, in_text_citations
from glossaire.services.list import serves_chapter


@dataclass(frozen=True, slots=True)
class ExportDefinition:
    text: str
    quotation: bool  # verbatim: shown in « » and in the quotation style
    citation: str | None  # « (Dhume 2001, p. 111) »


@dataclass(frozen=True, slots=True)
class ExportEntry:
    concept_id: str
    term: str
    depth: int  # 0 for a top-level concept, 1 for a typology child shown under its parent…
    definitions: tuple[ExportDefinition, ...]
    my_definition: str | None
    contrasts: tuple[tuple[str, str], ...]  # (other term, difference)
    examples: tuple[tuple[str, str | None], ...]  # (text, citation)


@dataclass(frozen=True, slots=True)
class ExportDocument:
    title: str
    style_name: str
    entries: tuple[ExportEntry, ...]
    bibliography: tuple[tuple[Run, ...], ...]  # one paragraph of runs per reference


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
    """``progress(done, total)`` is called as entries are built (a bar for big libraries)."""
    chosen = _selected(catalog, selection)
    ordered = _tree_order(catalog, chosen)
    cites = [
        (item.source, getattr(item, "page", None))
        for concept, _depth in ordered
        for item in (*concept.definitions, *(concept.exemples if with_examples else ()))
        if item.source
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
        style_name=style.name,
        entries=tuple(entries),
        bibliography=tuple(runs_from_html(e.strip()) for e in rendered.entries) if rendered else (),
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
        chosen.update({c.id: c for c in catalog.concepts.values() if serves_chapter(c, chapter)})
    return list(chosen.values())


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
    ordered += [(c, 0) for c in catalog.sorted_concepts() if c.id in wanted - placed]
    return ordered


def _entry(
    catalog: Catalog,
    concept: Concept,
    depth: int,
    citations: dict[tuple[str, str | None], str],
    with_examples: bool,
    with_mine: bool,
) -> ExportEntry:
    def cited(source: str | None, page: str | None) -> str | None:
        return citations.get((source, page), f"({source})") if source else None

    mine = catalog.dataset.personal.get(concept.id) if with_mine else None
    return ExportEntry(
        concept_id=concept.id,
        term=concept.terme,
        depth=depth,
        definitions=tuple(
            ExportDefinition(d.texte.strip(), d.nature == "citation", cited(d.source, d.page))
            for d in concept.definitions
        ),
        my_definition=mine[-1].text if mine else None,
        contrasts=tuple((catalog.term_of(c.avec), c.difference) for c in concept.contrastes),
        examples=tuple((e.texte, cited(e.source, None)) for e in concept.exemples)
        if with_examples
        else (),
    )


def _cited_references(catalog: Catalog, cites: Iterable[tuple[str, str | None]]) -> list[Reference]:
    found: dict[str, Reference] = {}
    for key, _page in cites:
        reference = catalog.reference(key)
        if reference is not None:
            found.setdefault(reference.key, reference)
    return list(found.values())
