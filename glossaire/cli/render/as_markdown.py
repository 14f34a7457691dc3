"""Markdown output, to paste into tools that read it. Data text is escaped, never interpreted."""

from __future__ import annotations

from collections.abc import Iterator
from functools import singledispatch
from typing import Any

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
from glossaire.text import counted
from glossaire.text import markdown_escape as escape


def render(result: Any) -> str:
    return "\n".join(_render(result)).rstrip() + "\n"


@singledispatch
def _render(result: Any) -> Iterator[str]:
    raise TypeError(f"no Markdown form for {type(result).__name__}")


@_render.register
def _card(card: ConceptCard) -> Iterator[str]:
    yield from _card_lines(card, level=1)


def _card_lines(card: ConceptCard, level: int) -> Iterator[str]:
    concept = card.concept
    heading = "#" * level
    yield f"{heading} {escape(concept.terme)}"
    yield ""
    if concept.variantes:
        yield f"*Variantes :* {escape(joined(concept.variantes))}  "
    if card.parent_term:
        yield f"*Relève de :* {escape(card.parent_term)}  "
    if card.definitions:
        yield from ("", f"{heading}# Définitions", "")
        for number, sourced in enumerate(card.definitions, 1):
            definition = sourced.definition
            text = escape(quoted_if_citation(definition.texte, definition.nature))
            source = f" {escape(sourced.citation)}" if sourced.citation else ""
            nature = (
                f" *[{NATURE_LABELS.get(definition.nature, definition.nature)}]*"
                if definition.nature
                else ""
            )
            yield f"{number}. {text}{source}{nature}"
    if card.my_definition:
        yield from ("", f"{heading}# Ma définition", "")
        yield escape(card.my_definition.text)
    if card.contrasts:
        yield from ("", f"{heading}# Contrastes", "")
        for named in card.contrasts:
            yield f"- avec **{escape(named.other_term)}** : {escape(named.contrast.difference)}"
    if card.examples:
        yield from ("", f"{heading}# Exemples", "")
        for sourced_example in card.examples:
            citation = sourced_example.citation
            source = f" {escape(citation)}" if citation else ""
            example = sourced_example.example
            yield f"- {escape(quoted_if_citation(example.texte, example.nature))}{source}"
    if card.typology:
        yield from ("", f"{heading}# Typologie", "")
        yield from _tree(card.typology, depth=0)
    if concept.chapitres or concept.domaines or card.see_also or concept.notes:
        yield ""
    if concept.chapitres:
        chapters = chapters_with_source(concept.chapitres, card.chapters_source)
        yield f"*Chapitres du livret 2 :* {escape(chapters)}  "
    if concept.domaines:
        domains = domains_with_attachment(concept.domaines, card.domains_attachment)
        yield f"*Domaines de compétences :* {escape(domains)}  "
    if card.see_also:
        yield f"*Voir aussi :* {escape(joined([term for _id, term in card.see_also]))}  "
    if concept.notes:
        yield f"*Notes :* {escape(concept.notes)}"


def _tree(nodes: tuple[TypologyNode, ...], depth: int) -> Iterator[str]:
    for node in nodes:
        yield f"{'  ' * depth}- {escape(node.term)}"
        yield from _tree(node.children, depth + 1)


@_render.register
def _listing(listing: ConceptListing) -> Iterator[str]:
    if not listing.concepts:
        yield f"*Aucun concept{listing_scope(listing)}.*"
    for concept in listing.concepts:
        chapters = f" — chap. {escape(joined(concept.chapitres))}" if concept.chapitres else ""
        yield f"- **{escape(concept.terme)}** (`{concept.id}`){chapters}"


@_render.register
def _search(result: SearchResult) -> Iterator[str]:
    yield f"# Recherche : {escape(result.query)}"
    yield ""
    if not result.hits:
        yield "*Aucun résultat.*"
    if result.concept_count > result.shown_count:
        yield (
            f"*{result.shown_count} premiers des {result.concept_count} concepts trouvés ; "
            "ajoutez --tout pour tout voir.*"
        )
        yield ""
    for term, hits in hits_by_concept(result).items():
        fields = ", ".join(dict.fromkeys(hit.field for hit in hits))
        yield f"- **{escape(term)}** ({fields})"
        for hit in shown_passages(hits):
            before, match, after = (
                hit.text[: hit.start],
                hit.text[hit.start : hit.end],
                hit.text[hit.end :],
            )
            yield f"  - {escape(before)}**{escape(match)}**{escape(after)}"


@_render.register
def _comparison(comparison: Comparison) -> Iterator[str]:
    yield from _card_lines(comparison.first, level=2)
    yield ""
    yield from _card_lines(comparison.second, level=2)
    yield from ("", "## Contrastes entre les deux", "")
    if not comparison.contrasts:
        yield "*Aucun contraste n'est indiqué entre ces deux concepts.*"
    for named in comparison.contrasts:
        yield f"- {escape(named.contrast.difference)}"


@_render.register
def _check(report: CheckReport) -> Iterator[str]:
    yield "# Vérification des données"
    yield ""
    for problem in report.problems:
        hint = f" — {escape(problem.hint)}" if problem.hint else ""
        yield f"- `{problem.location}` : {problem.severity} : {escape(problem.message)}{hint}"
    yield ""
    yield (
        f"{counted(report.concept_count, 'concept')}, "
        f"{counted(report.reference_count, 'référence')}, "
        f"{counted(len(report.errors), 'erreur')}."
    )


@_render.register
def _info(report: InfoReport) -> Iterator[str]:
    yield f"# glossaire {report.version}"
    yield ""
    for layer in report.layers:
        yield (
            f"- {layer_label(layer.name)} : `{layer.folder}` "
            f"({counted(layer.concept_count, 'concept')}, "
            f"{counted(layer.reference_count, 'référence')})"
        )


@_render.register
def _livret(livret: LivretMap) -> Iterator[str]:
    yield f"# Livret 2 du {escape(livret.diploma)} : référentiel de {escape(livret.version)}"
    yield ""
    yield f"{escape(LIVRET_2_NAME)}  "
    for label, value in livret_facts(livret):
        yield f"*{label} :* {escape(value)}  "
    for domain in livret.domains:
        yield from (
            "",
            f"## {escape(domain.code)} {escape(domain.title or '(intitulé non donné)')}",
            "",
        )
        for note in domain_notes(domain):
            yield f"*{escape(note)}*  "
        for chapter in domain.chapters:
            yield from ("", f"### Chapitre {escape(chapter.number)}", "")
            if chapter.description:
                yield f"{escape(chapter.description)}  "
            if chapter.source:
                yield f"*D’après {escape(chapter.source)}.*  "
            yield f"*Concepts :* {_terms(chapter.concepts)}"
        if domain.unfiled or not domain.chapters:
            label = "Autres concepts du domaine" if domain.chapters else "Concepts"
            yield from ("", f"*{label} :* {_terms(domain.unfiled)}")
    if livret.source:
        yield from ("", f"*Sources :* {escape(livret.source)}")


def _terms(pairs: tuple[tuple[str, str], ...]) -> str:
    return escape(joined([term for _id, term in pairs])) or "aucun"


@_render.register
def _citation(result: CitationResult) -> Iterator[str]:
    # The engine already wrote Markdown (data escaped, titles in *italics*).
    yield f"*Dans le texte :* {result.in_text.strip()}  "
    yield f"*Référence :* {result.full.strip()}"
    if result.depends_on:
        yield ""
        yield escape(depends_note(result))


@_render.register
def _bibliography(result: BibliographyResult) -> Iterator[str]:
    if not result.entries:
        yield "*Aucune source à citer.*"
    for entry in result.entries:
        yield entry.strip()
        yield ""


@_render.register
def _style(report: StyleReport) -> Iterator[str]:
    yield f"*Style de citation :* {escape(report.name)}  "
    yield f"*Pourquoi :* {escape(report.origin)}  "
    yield f"*Fichier :* {escape(report.path)}"


@_render.register
def _history(history: DefinitionHistory) -> Iterator[str]:
    yield f"# Vos définitions de « {escape(history.term)} »"
    for number, version in enumerate(history.versions):
        label = "actuelle" if number == 0 else "remplacée"
        yield from (
            "",
            f"*{escape(french_datetime(version.date) if version.date else 'sans date')} "
            f"({label})*",
            "",
            escape(version.text),
        )
