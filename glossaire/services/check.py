"""``check``, and the one registry of rules every write obeys.

Problems found while reading (syntax, fields, types, the same id twice in one file) come
from the loaders. The rules here need the catalog (links between concepts, to references,
to the referential). Each is a small function about one entry, ``(Catalog, entry) ->
Iterator[Problem]`` (papis doctor), registered in ``CONCEPT_CHECKS`` or ``REFERENCE_CHECKS``:

- ``check`` runs every rule over every entry (``check_dataset``);
- a write runs every rule over the entries it adds, against the catalog with those entries
  staged (``new_entry_problems``), whether the catalog is the index or the files.

So a rule added here applies to both at once. A problem reached from two entries (a parent
loop, an alias clash) is built identically from each and reported once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from glossaire.errors import did_you_mean
from glossaire.model.concept import Concept
from glossaire.model.location import Location
from glossaire.model.problem import Problem, duplicate_id, duplicate_key
from glossaire.model.reference import Reference, work_identities
from glossaire.services.results import CheckReport
from glossaire.text import INVISIBLE, safe_for_terminal

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog, StagedEntries

ConceptCheck = Callable[["Catalog", Concept], Iterator[Problem]]
ReferenceCheck = Callable[["Catalog", Reference], Iterator[Problem]]
LibraryCheck = Callable[["Catalog"], Iterator[Problem]]


def check_dataset(catalog: Catalog) -> CheckReport:
    facts = catalog.facts
    problems = [*facts.unreadable, *facts.problems, *facts.warnings]
    problems += entry_problems(catalog, catalog.concepts.values(), catalog.references.values())
    for library_check in LIBRARY_CHECKS:
        problems += library_check(catalog)
    problems.sort(key=lambda p: (str(p.location.path), p.location.line or 0))
    return CheckReport(
        tuple(problems), facts.overrides, len(catalog.concepts), len(catalog.references)
    )


def entry_problems(
    catalog: Catalog, concepts: Iterable[Concept], references: Iterable[Reference]
) -> list[Problem]:
    """Every registered rule over these entries, each problem once, in order found."""
    found: dict[Problem, None] = {}
    for concept in concepts:
        for concept_check in CONCEPT_CHECKS:
            found.update(dict.fromkeys(concept_check(catalog, concept)))
    for reference in references:
        for reference_check in REFERENCE_CHECKS:
            found.update(dict.fromkeys(reference_check(catalog, reference)))
    return list(found)


def taken_names(catalog: Catalog, entries: StagedEntries) -> list[Problem]:
    """A write's new ids and keys against the catalog *before* they are staged: the loader's
    « déjà utilisé » rule, for entries it will only read once they are written."""
    problems = []
    for concept in entries.concepts:
        if concept.id in catalog.concepts:
            held = catalog.concepts[concept.id].location
            taken = duplicate_id(concept.location, concept.id, held)
            problems.append(_taken(taken, concept.id, "concept", held))
    for new in entries.references:
        reference = new.reference
        holder = catalog.canonical_key(reference.key)
        if holder is not None:
            where = _where(catalog, holder)
            taken = duplicate_key(reference.location, reference.key, where)
            problems.append(_taken(taken, holder, "référence", where))
        for alias in reference.aliases:
            holder = catalog.canonical_key(alias)
            if holder is not None:
                where = _where(catalog, holder)
                problems.append(
                    Problem(
                        reference.location,
                        "cle-double",
                        f"l'alias « {alias} » (champ ids de « {reference.key} ») est déjà "
                        f"une clé ou un alias de l'entrée « {holder} » ({where}).",
                        "Retirez cet alias du champ ids, ou choisissez-en un autre.",
                    )
                )
    return problems


def _taken(problem: Problem, name: str, kind: str, held: Location | str) -> Problem:
    """A new entry's name that an existing entry holds: the way to edit that one instead,
    and, for the bundled data, no path inside the installed program (nobody edits there)."""
    from glossaire.paths import bundled_data_dir

    article = "un concept" if kind == "concept" else "une référence"
    edit = f"« glossaire modifier {name} »"
    bundled = bundled_data_dir().resolve()
    if isinstance(held, Location) and held.path.resolve().parent == bundled:
        return problem._replace(
            message=f"« {name} » est déjà {article} des données intégrées de glossaire.",
            hint=f"Pour en faire votre version (qui remplacera la leur), tapez {edit} ; "
            f"pour {article} distinct{'e' if kind != 'concept' else ''}, choisissez un autre "
            "nom.",
        )
    return problem._replace(
        hint=f"Pour changer celui qui existe, tapez {edit} ; sinon choisissez un autre nom."
        if kind == "concept"
        else f"Pour changer celle qui existe, tapez {edit} ; sinon choisissez une autre clé."
    )


def _where(catalog: Catalog, key: str) -> Location | str:
    reference = catalog.reference(key)
    return reference.location if reference is not None else key


def new_entry_problems(catalog: Catalog, entries: StagedEntries) -> list[Problem]:
    """What every rule finds in the entries a write would add, errors and warnings: call
    with ``entries`` staged in ``catalog``. The write pipeline refuses on the errors and
    reports the warnings."""
    return entry_problems(catalog, entries.concepts, (r.reference for r in entries.references))


# -- rules about a concept ---------------------------------------------------------------


def dangling_sources(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    for cited in concept.cited():
        if not catalog.has_reference(cited.source):
            yield _problem(
                concept,
                cited.line,
                "source-inconnue",
                f"la source « {cited.source} » n'existe dans aucun fichier .bib.",
                _suggest(
                    cited.source,
                    catalog.references,
                    "Ajoutez la référence avec « glossaire add-ref », ou corrigez la clé.",
                ),
            )


def dangling_links(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
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


def parent_cycles(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    """A parent chain that comes back to ``concept``. Every member of the loop yields the
    same problem (told from the loop's smallest id), so ``check`` reports each loop once."""
    chain = [concept.id]
    current = concept.parent
    while current and current in catalog.concepts and current not in chain:
        chain.append(current)
        current = catalog.concepts[current].parent
    if current != concept.id:
        return
    start = chain.index(min(chain))
    loop = chain[start:] + chain[:start]
    first = catalog.concepts[loop[0]]
    yield _problem(
        first,
        first.line_of("parent"),
        "parent-cycle",
        f"les parents forment une boucle : {' → '.join([*loop, loop[0]])}.",
        "Un concept ne peut pas être son propre ancêtre : corrigez l'un des « parent ».",
    )


def unsourced_definitions(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
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


def invisible_characters(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    """A control character (often pasted from Word) that Word and LibreOffice cannot show."""
    texts = [(concept.line_of("terme"), concept.terme)]
    texts += [(concept.line_of("variantes"), v) for v in concept.variantes]
    texts += [(d.line, d.texte) for d in concept.definitions]
    texts += [(c.line, c.difference) for c in concept.contrastes]
    texts += [(e.line, e.texte) for e in concept.exemples]
    texts += [(concept.line_of("notes"), concept.notes or "")]
    for line, text in texts:
        found = INVISIBLE.search(text)
        if found:
            yield _problem(
                concept,
                line,
                "caractere-invisible",
                f"un caractère invisible (U+{ord(found.group()):04X}) se trouve dans "
                f"« {safe_for_terminal(text[:40]).strip()}… » : Word ne sait pas l'écrire.",
                "Supprimez-le (il vient souvent d'un copier-coller) ; un saut de ligne "
                "s'écrit en passant simplement à la ligne.",
            )


def unknown_chapters(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    """A chapter no reform of the référentiel names (« 12.7 »): a warning, since a livret
    may have chapters the référentiel does not list, but often a typo."""
    referential = catalog.facts.referential
    known = {c.number for r in referential.reforms for c in r.chapters} if referential else set()
    if not known:
        return
    for number in concept.chapitres:
        if number not in known:
            yield Problem(
                Location(concept.location.path, concept.line_of("chapitres")),
                "chapitre-inconnu",
                f"le chapitre « {number} » de « {concept.id} » n'est nommé par aucun "
                f"référentiel ({referential.location.path.name if referential else ''}).",
                f"Chapitres connus : {', '.join(sorted(known))}. Corrigez le numéro, ou "
                "ajoutez le chapitre au référentiel s'il existe bien dans votre livret 2.",
                "avertissement",
            )


def unknown_domains(catalog: Catalog, concept: Concept) -> Iterator[Problem]:
    referential = catalog.facts.referential
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


# -- rules about a reference -------------------------------------------------------------


def alias_clashes(catalog: Catalog, reference: Reference) -> Iterator[Problem]:
    for alias in reference.aliases:
        if alias != reference.key and alias in catalog.references:
            yield Problem(
                reference.location,
                "cle-double",
                f"l'alias « {alias} » (champ ids de « {reference.key} ») est aussi la clé "
                f"d'une autre entrée ({catalog.references[alias].location}).",
                "Retirez cet alias du champ ids, ou renommez l'autre entrée.",
            )


# -- rules about the whole library --------------------------------------------------------


def duplicate_works(catalog: Catalog) -> Iterator[Problem]:
    """One work entered twice (a Zotero export and a Cairn RIS of the same article): the
    same DOI, ISBN (10 or 13 digits) or first author + year + title, whatever the keys.
    Both lines are named; the later entry carries the warning. A whole-library rule: it
    compares every entry with all the others at once, in one pass."""
    first_seen: dict[tuple[str, ...], Reference] = {}
    for reference in catalog.references.values():
        twins = {
            seen.key: seen
            for identity in sorted(work_identities(reference))
            if (seen := first_seen.setdefault(identity, reference)) is not reference
        }
        for twin in twins.values():
            yield Problem(
                reference.location,
                "oeuvre-en-double",
                f"« {reference.key} » est la même œuvre que « {twin.key} » ({twin.location}).",
                "Gardez une seule des deux entrées, et citez-la partout sous sa clé.",
                "avertissement",
            )


CONCEPT_CHECKS: tuple[ConceptCheck, ...] = (
    dangling_sources,
    dangling_links,
    parent_cycles,
    unsourced_definitions,
    unknown_domains,
    unknown_chapters,
    invisible_characters,
)
REFERENCE_CHECKS: tuple[ReferenceCheck, ...] = (alias_clashes,)
LIBRARY_CHECKS: tuple[LibraryCheck, ...] = (duplicate_works,)


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


def _suggest(wrong: str, known: Iterable[str], fallback: str) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=3, cutoff=0.6)
    return did_you_mean(close) if close else fallback


def _problem(concept: Concept, line: int | None, code: str, message: str, hint: str) -> Problem:
    return Problem(
        Location(concept.location.path, line or concept.location.line), code, message, hint
    )
