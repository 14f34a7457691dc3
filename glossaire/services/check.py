"""``check``: every problem in the data set, each with its file and line.

Problems found while loading (syntax, fields, types, duplicates) come from the loaders; the
checks here need the whole data set (links between concepts and to references). Each check is
a small function ``Catalog -> Iterator[Problem]``, registered in ``CHECKS`` (papis doctor).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from glossaire.model.concept import Concept
from glossaire.model.location import Location
from glossaire.model.problem import Problem
from glossaire.services.results import CheckReport

if TYPE_CHECKING:
    from glossaire.catalog.memory import Catalog

Check = Callable[["Catalog"], Iterator[Problem]]


def check_dataset(catalog: Catalog) -> CheckReport:
    dataset = catalog.dataset
    problems = [*dataset.unreadable, *dataset.problems, *dataset.warnings]
    for check in CHECKS:
        problems.extend(check(catalog))
    problems.sort(key=lambda p: (str(p.location.path), p.location.line or 0))
    return CheckReport(
        tuple(problems), tuple(dataset.overrides), len(dataset.concepts), len(dataset.references)
    )


def dangling_sources(catalog: Catalog) -> Iterator[Problem]:
    for concept in catalog.concepts.values():
        yield from dangling_sources_of(catalog, concept)


def dangling_sources_of(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    items = [*concept.definitions, *concept.exemples]
    for item in items:
        if item.source and not catalog.has_reference(item.source):
            yield _problem(
                concept,
                item.line,
                "source-inconnue",
                f"la source « {item.source} » n'existe dans aucun fichier .bib.",
                _suggest(
                    item.source,
                    catalog.references,
                    "Ajoutez la référence au fichier references.bib, ou corrigez la clé.",
                ),
            )


def alias_clashes(catalog: Catalog) -> Iterator[Problem]:
    for reference in catalog.references.values():
        for alias in reference.aliases:
            if alias in catalog.references:
                yield Problem(
                    reference.location,
                    "cle-double",
                    f"l'alias « {alias} » (champ ids de « {reference.key} ») est aussi la clé "
                    f"d'une autre entrée ({catalog.references[alias].location}).",
                    "Retirez cet alias du champ ids, ou renommez l'autre entrée.",
                )


def truncated_author_lists(catalog: Catalog) -> Iterator[Problem]:
    """« and others »: CSL styles have no way to print it, so the list would silently shrink."""
    for reference in catalog.references.values():
        if any(p.last == "others" for p in (*reference.authors, *reference.editors)):
            yield Problem(
                reference.location,
                "auteurs-incomplets",
                f"« and others » dans « {reference.key} » : la liste des auteurs est incomplète, "
                "et les normes de citation ne savent pas l'écrire « et al. » à votre place.",
                "Écrivez tous les auteurs : la norme décide elle-même quand abréger en « et al. ».",
                "avertissement",
            )


def dangling_links(catalog: Catalog) -> Iterator[Problem]:
    for concept in catalog.concepts.values():
        yield from dangling_links_of(catalog, concept)


def dangling_links_of(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    if concept.parent and concept.parent not in catalog.concepts:
        yield _unknown_concept(
            catalog, concept, concept.line_of("parent"), "parent", concept.parent
        )
    for contrast in concept.contrastes:
        if contrast.avec not in catalog.concepts:
            yield _unknown_concept(catalog, concept, contrast.line, "avec", contrast.avec)
        elif contrast.avec == concept.id:
            yield _problem(
                concept,
                contrast.line,
                "contraste-soi",
                f"le concept « {concept.id} » est contrasté avec lui-même.",
                "Indiquez dans « avec » l'identifiant d'un autre concept.",
            )
    for other in concept.voir_aussi:
        if other not in catalog.concepts:
            yield _unknown_concept(
                catalog, concept, concept.line_of("voir_aussi"), "voir_aussi", other
            )


def parent_cycles(catalog: Catalog) -> Iterator[Problem]:
    reported: set[str] = set()
    for concept in catalog.concepts.values():
        chain = [concept.id]
        current = concept.parent
        while current and current in catalog.concepts and current not in chain:
            chain.append(current)
            current = catalog.concepts[current].parent
        if current == concept.id and concept.id not in reported:
            reported.update(chain)
            yield _problem(
                concept,
                concept.line_of("parent"),
                "parent-cycle",
                f"les parents forment une boucle : {' → '.join([*chain, concept.id])}.",
                "Un concept ne peut pas être son propre ancêtre : corrigez l'un des « parent ».",
            )


def unsourced_definitions(catalog: Catalog) -> Iterator[Problem]:
    for concept in catalog.concepts.values():
        yield from unsourced_definitions_of(catalog, concept)


def unsourced_definitions_of(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    for definition in concept.definitions:
        if definition.nature == "citation" and not definition.source:
            yield _problem(
                concept,
                definition.line,
                "citation-sans-source",
                "une citation n'a pas de source.",
                "Ajoutez « source: <clé BibTeX> » : une citation sans auteur ne peut "
                "pas figurer dans le livret.",
            )


def unknown_domains(catalog: Catalog) -> Iterator[Problem]:
    for concept in catalog.concepts.values():
        yield from unknown_domains_of(catalog, concept)


def unknown_domains_of(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    referential = catalog.dataset.referential
    if referential is None:
        return
    known = referential.domain_codes
    for code in concept.domaines:
        if code not in known:
            yield _problem(
                concept,
                concept.line_of("domaines"),
                "domaine-inconnu",
                f"le domaine « {code} » n'existe pas dans le référentiel "
                f"({referential.location.path.name}).",
                f"Domaines connus : {', '.join(known)}.",
            )


CHECKS: tuple[Check, ...] = (
    dangling_sources,
    alias_clashes,
    truncated_author_lists,
    dangling_links,
    parent_cycles,
    unsourced_definitions,
    unknown_domains,
)


def concept_problems(catalog: Catalog, concept: Concept) -> list[Problem]:
    """What ``check`` would say about one new concept joining the data set: its own links,
    sources and domains, and a parent chain that would loop back to it."""
    problems = [
        *dangling_sources_of(catalog, concept),
        *dangling_links_of(catalog, concept),
        *unsourced_definitions_of(catalog, concept),
        *unknown_domains_of(catalog, concept),
    ]
    seen, current = {concept.id}, concept.parent
    while current and current in catalog.concepts and current not in seen:
        seen.add(current)
        current = catalog.concepts[current].parent
    if current == concept.id:
        problems.append(
            _problem(
                concept,
                concept.line_of("parent"),
                "parent-cycle",
                "les parents formeraient une boucle.",
                "Un concept ne peut pas être son propre ancêtre.",
            )
        )
    return [p for p in problems if p.severity == "erreur"]


def _unknown_concept(
    catalog: Catalog, concept: Concept, line: int | None, field: str, target: str
) -> Problem:
    return _problem(
        concept,
        line,
        "concept-inconnu",
        f"« {field}: {target} » désigne un concept qui n'existe pas.",
        _suggest(target, catalog.concepts, "Corrigez l'identifiant ou ajoutez ce concept."),
    )


def _suggest(wrong: str, known: dict[str, object], fallback: str) -> str:
    import difflib

    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"Vouliez-vous dire « {close[0]} » ?" if close else fallback


def _problem(concept: Concept, line: int | None, code: str, message: str, hint: str) -> Problem:
    return Problem(
        Location(concept.location.path, line or concept.location.line), code, message, hint
    )
