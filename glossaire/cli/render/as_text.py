"""Human-readable output: styled lines (see ``styled``), printed plain when piped and with rich
on a terminal. Data is always a span of its own (never parsed as markup) and cleaned of control
characters, so a definition can neither style nor hijack the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from glossaire.cli.render.styled import Line, line
from glossaire.cli.render.typography import (
    LIVRET_2_NAME,
    NATURE_LABELS,
    chapters_with_source,
    depends_note,
    domain_notes,
    domains_with_attachment,
    french_datetime,
    hits_by_concept,
    joined,
    layer_label,
    listing_scope,
    livret_facts,
    override_sentence,
    quoted_if_citation,
    shown_passages,
)
from glossaire.services.results import (
    BibliographyResult,
    CheckReport,
    CitationResult,
    Comparison,
    ConceptCard,
    ConceptListing,
    DefinitionHistory,
    InfoReport,
    LivretMap,
    SearchResult,
    StyleReport,
    TypologyNode,
)
from glossaire.text import counted, safe_for_terminal

if TYPE_CHECKING:
    from rich.text import Text

HEADING = "bold"
LABEL = "bold cyan"
DIM = "dim"
COMPARE_WIDTH = 100  # side by side needs a width, even when piped
NARROW = 90  # below this, two columns would cut the definitions: one above the other


def render(result: Any) -> list[Any]:
    """``Line``s, and rich renderables where only rich will do (the side-by-side table)."""
    return list(_render(result))


def _t(text: str, style: str = "") -> Line:
    return Line(((safe_for_terminal(text), style),))


def _indent(item: Line, columns: int) -> Line:
    return item.indented(columns)


def _labelled(label: str, value: str) -> Line:
    return line((f"{label} : ", LABEL), _t(value))


@singledispatch
def _render(result: Any) -> Iterator[Any]:
    raise TypeError(f"no text form for {type(result).__name__}")


@_render.register
def _card(card: ConceptCard) -> Iterator[Line]:
    yield from _card_lines(card)


def _card_lines(card: ConceptCard) -> Iterator[Line]:
    concept = card.concept
    yield line(_t(concept.terme, "bold underline"), _t(f"  ({concept.id})", DIM))
    if concept.variantes:
        yield _labelled("Variantes", joined(concept.variantes))
    if card.parent_term:
        yield _labelled("Relève de", card.parent_term)
    if card.definitions:
        yield _section("Définitions")
        for number, sourced in enumerate(card.definitions, 1):
            definition = sourced.definition
            body = _t(f"{number}. {quoted_if_citation(definition.texte, definition.nature)}")
            yield _indent(body, 2)
            yield _indent(_source_line(sourced.citation, definition.nature), 5)
    if card.my_definition:
        yield _section("Ma définition")
        yield _indent(_t(card.my_definition.text), 2)
        if card.my_definition.date:
            yield _indent(_t(f"— écrite le {french_datetime(card.my_definition.date)}", DIM), 5)
    if card.contrasts:
        yield _section("Contrastes")
        for named in card.contrasts:
            contrast = line(
                ("• avec ", ""),
                (safe_for_terminal(named.other_term), "bold"),
                " : ",
                _t(named.contrast.difference),
            )
            yield _indent(contrast, 2)
    if card.examples:
        yield _section("Exemples")
        for sourced_example in card.examples:
            shown = quoted_if_citation(
                sourced_example.example.texte, sourced_example.example.nature
            )
            example = line("• ", _t(shown))
            if sourced_example.citation:
                example = line(example, _t(f" {sourced_example.citation}", DIM))
            yield _indent(example, 2)
    if card.typology:
        yield _section("Typologie")
        for branch in _tree(concept.terme, card.typology):
            yield _indent(branch, 2)
    if concept.chapitres or concept.domaines or card.see_also or concept.notes:
        yield Line()
    if concept.chapitres:
        yield _labelled(
            "Chapitres du livret 2", chapters_with_source(concept.chapitres, card.chapters_source)
        )
    if concept.domaines:
        domains = domains_with_attachment(concept.domaines, card.domains_attachment)
        yield _labelled("Domaines de compétences", domains)
    if card.see_also:
        yield _labelled("Voir aussi", joined([term for _id, term in card.see_also]))
    if concept.notes:
        yield _labelled("Notes", concept.notes)


def _section(title: str) -> Line:
    return line("\n", (title, HEADING))


def _source_line(citation: str | None, nature: str | None) -> Line:
    parts = []
    if citation:
        parts.append(citation)
    if nature:
        parts.append(f"[{NATURE_LABELS.get(nature, nature)}]")
    return _t("— " + " ".join(parts) if parts else "— (sans source)", DIM)


def _tree(root_term: str, nodes: tuple[TypologyNode, ...]) -> Iterator[Line]:
    """The typology as guide lines, one line each: rich's Tree (and any multi-line block)
    pads lines to a common width, and those spaces would end up in the user's document."""
    yield _t(root_term, "bold")
    yield from _branches(nodes, prefix="")


def _branches(nodes: tuple[TypologyNode, ...], prefix: str) -> Iterator[Line]:
    for position, node in enumerate(nodes, 1):
        last = position == len(nodes)
        yield line((prefix + ("└── " if last else "├── "), DIM), _t(node.term))
        yield from _branches(node.children, prefix + ("    " if last else "│   "))


@_render.register
def _listing(listing: ConceptListing) -> Iterator[Line]:
    if not listing.concepts:
        yield _t(f"Aucun concept{listing_scope(listing)}.")
        return
    for concept in listing.concepts:
        entry = line(_t(concept.terme, "bold"), _t(f"  ({concept.id})", DIM))
        if concept.chapitres:
            entry = line(entry, _t(f"  chap. {joined(concept.chapitres)}", DIM))
        yield entry


@_render.register
def _search(result: SearchResult) -> Iterator[Line]:
    """Each concept once, with where the words were found and its passages under it."""
    if not result.hits:
        yield _t(f"Aucun résultat pour « {result.query} ».")
        return
    by_concept = hits_by_concept(result)
    yield _t(f"{counted(len(by_concept), 'concept')} pour « {result.query} » :", DIM)
    if result.concept_count > result.shown_count:
        yield _t(
            f"(dans les {result.shown_count} premiers des {result.concept_count} concepts "
            "trouvés ; précisez la recherche ou ajoutez --tout)",
            DIM,
        )
    for term, hits in by_concept.items():
        fields = ", ".join(dict.fromkeys(hit.field for hit in hits))
        yield line("\n", _t(term, "bold"), _t(f" ({fields})", DIM))
        for hit in shown_passages(hits):
            excerpt = line(
                _t(hit.text[: hit.start]),
                _t(hit.text[hit.start : hit.end], "bold reverse"),
                _t(hit.text[hit.end :]),
            )
            yield _indent(excerpt, 2)


@_render.register
def _comparison(comparison: Comparison) -> Iterator[Any]:
    """Side by side when the terminal is wide enough (or the output is piped), one concept
    under the other on a narrow terminal: both always shown in full, never cut."""
    import shutil

    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    width = shutil.get_terminal_size((COMPARE_WIDTH, 24)).columns
    if width < NARROW:
        for card in (comparison.first, comparison.second):
            yield _section(safe_for_terminal(card.concept.terme))
            yield Padding(_definitions_text(card), (0, 0, 0, 2))
    else:
        table = Table(
            show_header=True,
            header_style=HEADING,
            show_lines=False,
            width=min(COMPARE_WIDTH, width),
        )
        # Text, not str: a header string would be read as rich markup (« [link=…] »).
        table.add_column(Text(safe_for_terminal(comparison.first.concept.terme)), ratio=1)
        table.add_column(Text(safe_for_terminal(comparison.second.concept.terme)), ratio=1)
        table.add_row(_definitions_text(comparison.first), _definitions_text(comparison.second))
        yield table
    yield _section("Contrastes")
    if not comparison.contrasts:
        yield _indent(_t("Aucun contraste n'est indiqué entre ces deux concepts."), 2)
    for named in comparison.contrasts:
        yield _indent(_t(f"• {named.contrast.difference}"), 2)


def _definitions_text(card: ConceptCard) -> Text:
    from rich.text import Text

    text = Text()
    for sourced in card.definitions:
        definition = sourced.definition
        text.append(safe_for_terminal(quoted_if_citation(definition.texte, definition.nature)))
        if sourced.citation:
            text.append(safe_for_terminal(f" {sourced.citation}"), DIM)  # already in ( )
        text.append("\n\n")
    if not card.definitions:
        text.append("(aucune définition)", DIM)
    text.rstrip()
    return text


@_render.register
def _check(report: CheckReport) -> Iterator[Line]:
    for problem in report.problems:
        yield line(
            (str(problem.location), "bold"),
            " : ",
            (problem.severity, "red" if problem.severity == "erreur" else "yellow"),
            " : ",
            _t(problem.message),
        )
        if problem.hint:
            yield _indent(_t(problem.hint, DIM), 2)
    for override in report.overrides:
        yield _t(override_sentence(override), DIM)
    errors = len(report.errors)
    summary = (
        f"{counted(report.concept_count, 'concept')}, "
        f"{counted(report.reference_count, 'référence')} : "
    )
    if errors:
        yield _t(summary + f"{errors} erreur{'s' if errors > 1 else ''}.", "bold red")
    else:
        yield _t(summary + "aucune erreur.", "bold green")


@_render.register
def _info(report: InfoReport) -> Iterator[Line]:
    yield _labelled("glossaire", f"version {report.version}")
    for layer in report.layers:
        state = (
            f"{counted(layer.concept_count, 'concept')}, "
            f"{counted(layer.reference_count, 'référence')}"
            if layer.exists
            else "dossier pas encore créé"
        )
        yield _labelled(layer_label(layer.name), f"{layer.folder} ({state})")
    yield _labelled(
        "Total",
        f"{counted(report.concept_count, 'concept')}, "
        f"{counted(report.reference_count, 'référence')}",
    )
    for override in report.overrides:
        yield _t(override_sentence(override))


@_render.register
def _livret(livret: LivretMap) -> Iterator[Line]:
    yield _t(f"Livret 2 du {livret.diploma} : référentiel de {livret.version}", "bold underline")
    yield _t(LIVRET_2_NAME, DIM)
    for label, value in livret_facts(livret):
        yield _labelled(label, value)
    for domain in livret.domains:
        yield line(
            "\n", (domain.code, HEADING), " ", _t(domain.title or "(intitulé non donné)", HEADING)
        )
        for note in domain_notes(domain):
            yield _indent(_t(note, DIM), 2)
        for chapter in domain.chapters:
            yield _indent(
                line(
                    ("Chapitre ", ""),
                    (chapter.number, "bold"),
                    _t(f" — {chapter.description}" if chapter.description else "", DIM),
                    _t(f" (d’après {chapter.source})" if chapter.source else "", DIM),
                ),
                2,
            )
            yield _indent(_labelled("Concepts", _terms(chapter.concepts) or "aucun"), 4)
        label = "Autres concepts du domaine" if domain.chapters else "Concepts"
        if domain.unfiled or not domain.chapters:
            yield _indent(_labelled(label, _terms(domain.unfiled) or "aucun"), 2)
    if livret.source:
        yield Line()
        yield _t(f"Sources : {livret.source}", DIM)
    if livret.other_versions:
        others = joined(livret.other_versions)
        example = f"glossaire livret --referentiel {livret.other_versions[0]}"
        label = "Autre version" if len(livret.other_versions) == 1 else "Autres versions"
        yield _t(f"{label} : {others} ({example})", DIM)


def _terms(pairs: tuple[tuple[str, str], ...]) -> str:
    return joined([term for _id, term in pairs])


@_render.register
def _citation(result: CitationResult) -> Iterator[Line]:
    yield _labelled("Dans le texte", result.in_text.strip())
    yield _labelled("Référence", result.full.strip())
    if result.depends_on:
        yield _t(depends_note(result), DIM)


@_render.register
def _bibliography(result: BibliographyResult) -> Iterator[Line]:
    if not result.entries:
        yield _t("Aucune source à citer.")
    for key, entry in zip(result.keys, result.entries, strict=True):
        yield line(_t(f"[{key}] ", DIM), _t(entry.strip()))  # the key, to cite it with « cite »


@_render.register
def _style(report: StyleReport) -> Iterator[Line]:
    yield _labelled("Style de citation", report.name)
    yield _labelled("Pourquoi", report.origin)
    yield _labelled("Fichier", report.path)


@_render.register
def _history(history: DefinitionHistory) -> Iterator[Line]:
    yield _t(f"Vos définitions de « {history.term} »", "bold underline")
    if not history.versions:
        yield _t("Aucune pour l'instant : glossaire define " + history.concept_id + ' "…"')
    for number, version in enumerate(history.versions):
        label = "actuelle" if number == 0 else "remplacée"
        when = french_datetime(version.date) if version.date else "sans date"
        yield line("\n", (f"{when} ({label})", DIM))
        yield _indent(_t(version.text), 2)
