"""``relire``: what a jury would fault in how the draft cites theory.

The draft is read by pandoc (body, headings, footnotes), its citations recognised
(``glossaire.draft``), each resolved to a work of the library (``relire_works``), then
checked against the norm: the expected forms come from the same CSL engine as ``cite``,
rendered in one run with exactly the cited works, as one document (this is where 1980a and
1980b are decided). Quotations in « » are compared with the verbatim quotations the
library stores (``relire_quotes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.draft.model import Draft, WrittenCitation
from glossaire.errors import GlossaireError
from glossaire.services.relire_model import (
    Cited,
    Finding,
    Found,
    ProofReport,
    Sections,
    identity,
    where,
)
from glossaire.services.relire_norm import (
    bibliography_section,
    cached_rendering,
    engine_rendering,
    entries_by_key,
    forms,
    plan_rendering,
    remember_rendering,
)
from glossaire.services.relire_quotes import quotation_problems
from glossaire.services.relire_works import Resolution, Works, author_year
from glossaire.text import counted

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice

__all__ = ["Finding", "ProofReport", "check_draft", "proofread"]


def proofread(
    open_library: Callable[[], Catalog], path: Path, style: Callable[[], StyleChoice]
) -> ProofReport:
    """Read the draft and check it. Pandoc reads the draft in a thread while the library
    is opened: the two waits overlap (a 30-page draft takes pandoc a tenth of a second)."""
    from concurrent.futures import ThreadPoolExecutor

    from glossaire.citation.engine import pandoc_path
    from glossaire.draft.reader import read_draft

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = pool.submit(read_draft, path, pandoc_path())
        catalog = open_library()
        chosen = style()
        if chosen.in_notes:
            raise GlossaireError(
                f"la norme « {chosen.title} » place les références en notes de bas de page : "
                "relire vérifie les citations auteur-date, dans le texte.",
                "Choisissez une norme auteur-date, par exemple --style iso690 ou --style apa.",
            )
        draft = reading.result()
    return check_draft(catalog, draft, chosen)


def check_draft(catalog: Catalog, draft: Draft, style: StyleChoice) -> ProofReport:
    """Every check, in the order of the issue's list. The CSL engine (a pandoc process)
    renders the cited works in a thread while the quotations and concepts are checked."""
    from concurrent.futures import ThreadPoolExecutor

    works = Works(catalog.references.values())
    sections = Sections.of(draft)
    found = list(_citations(draft, sections, works))
    resolved = [f for f in found if f.resolution.key]
    cited = {f.resolution.key for f in resolved if f.resolution.key}
    references = [r for key in sorted(cited) if (r := catalog.reference(key)) is not None]
    plan = plan_rendering(style, references, resolved)
    cached = cached_rendering(catalog, plan) if references else None
    with ThreadPoolExecutor(max_workers=1) as pool:
        job = None if cached else pool.submit(engine_rendering, style, references, plan)
        quoted = list(quotation_problems(catalog, draft, sections, found, works))
        suggestions = tuple(_undefined_concepts(catalog, draft, sections))
        if job is not None:
            rendering, in_html = job.result()
            if references:
                remember_rendering(catalog, plan, rendering, in_html)
        else:
            assert cached is not None  # for the type checker: no job means a cache hit
            rendering, in_html = cached
    problems = [*_unresolved(found), *_ambiguous(found)]
    problems += forms(resolved, rendering.citations, style)
    entries = entries_by_key(references, rendering)
    problems += bibliography_section(draft, sections, works, found, entries, style)
    problems += quoted
    if found and not sections.has_bibliography:
        suggestions = (_no_bibliography(draft), *suggestions)
    return ProofReport(
        path=draft.path,
        style=style.title,
        problems=tuple(problems),
        suggestions=suggestions,
        citations=tuple(
            Cited(
                f.written.extrait, f.resolution.key, f.block.section, f.block.number, f.block.note
            )
            for f in found
        ),
        bibliography=rendering.bibliography,
        bibliography_html=in_html.bibliography,
    )


def _citations(draft: Draft, sections: Sections, works: Works) -> Iterator[Found]:
    from glossaire.draft.citations import find_citations, find_note_references

    listed = _listed_identities(draft, sections)
    previous_note: Found | None = None  # what « Ibid. » and « op. cit. » refer to
    for index, block in enumerate(draft.blocks):
        if block.kind == "heading" or index in sections.bibliography:
            continue
        for written in find_citations(block.text):
            resolution = works.resolve(written.names, written.year, written.suffix)
            if (
                resolution.reason == "inconnu"
                and _maybe_not_a_citation(written)
                and identity(written.names, written.year) not in listed
            ):
                continue  # « Léa (2009) »: a first name and a year, not a work
            yield Found(block, written, resolution)
        if block.kind != "note":
            continue
        for note_reference in find_note_references(block.text):
            as_citation = WrittenCitation(
                extrait=note_reference.extrait,
                start=note_reference.start,
                end=note_reference.end,
                names=note_reference.names,
                et_al=False,
                year=note_reference.year,
                suffix="",
                pages=note_reference.pages,
                narrative=False,
                group=note_reference.extrait,  # a whole reference is its own group
                group_start=note_reference.start,
                group_end=note_reference.end,
            )
            resolution = _note_resolution(
                works, note_reference.names, note_reference.year, previous_note
            )
            current = Found(block, as_citation, resolution, full_reference=True)
            previous_note = current if resolution.key else previous_note
            yield current


def _note_resolution(
    works: Works,
    names: tuple[str, ...],
    year: str | None,
    previous: Found | None,
) -> Resolution:
    """« Ibid. » is the previous note's work; « Dhume, op. cit. » the last work of Dhume's
    cited in a note (here, the previous one when it is Dhume's)."""
    from glossaire.services.relire_works import name_keys

    if names and names[0].casefold().strip(".") in {"ibid", "ibidem", "id"}:
        return previous.resolution if previous else Resolution(None, "inconnu")
    if year is None and previous is not None and names and previous.resolution.candidates:
        from glossaire.services.relire_works import person_keys

        authors = previous.resolution.candidates[0].authors
        if authors and person_keys(authors[0]) & name_keys(names[0]):
            return previous.resolution  # « Dhume, op. cit. », even after an « Ibid. »
    return works.resolve(names, year)


def _no_bibliography(draft: Draft) -> Finding:
    last = next((b for b in reversed(draft.blocks) if b.kind != "note"), None)
    return Finding(
        "bibliographie-absente",
        "",
        "votre dossier cite des œuvres mais n'a pas (encore) de section « Bibliographie » : "
        "ajoutez-la à la fin, avec ce titre ; celle des œuvres citées, dans la norme, est "
        "donnée à la fin de ce rapport.",
        last.section if last else "",
        last.number if last else 0,
    )


def _maybe_not_a_citation(written: WrittenCitation) -> bool:
    """A narrative « Name (year) » with one name, no page and no « et al. » may be anything
    (a child's first name and birth year): reported only if the library knows the name, or
    the draft's bibliography lists the work."""
    return (
        written.narrative and len(written.names) == 1 and not written.pages and not written.et_al
    )


def _listed_identities(draft: Draft, sections: Sections) -> set[tuple[str, str]]:
    """The works of the draft's own bibliography, by first author and year: a narrative
    « Castel (1995) » that the bibliography lists is a citation, not a first name."""
    from glossaire.draft.bibliography import parse_entry

    entries = (parse_entry(draft.blocks[index].text) for index in sections.bibliography)
    return {identity(entry.names, entry.year) for entry in entries if entry.names}


# -- problems 1 to 3: unknown works, wrong years, ambiguity -------------------------------


def _unresolved(found: list[Found]) -> Iterator[Finding]:
    for f in found:
        written, resolution = f.written, f.resolution
        if resolution.reason == "inconnu":
            yield Finding(
                "reference-inconnue",
                written.extrait,
                f"« {_names(written)} {written.year or 's. d.'} » n'est pas dans votre "
                "bibliothèque : ajoutez la référence avec « glossaire add-ref » (un export "
                "Zotero ou le texte BibTeX), ou corrigez le nom.",
                **where(f.block),
            )
        elif resolution.reason == "annee":
            known = ", ".join(author_year(r) for r in resolution.candidates)
            yield Finding(
                "annee-erronee",
                written.extrait,
                f"la bibliothèque connaît {known}, pas {written.year or 's. d.'} : "
                "vérifiez l'année de l'édition que vous citez.",
                cle=resolution.candidates[0].key if len(resolution.candidates) == 1 else None,
                **where(f.block),
            )


def _ambiguous(found: list[Found]) -> Iterator[Finding]:
    """Two works that the draft's citations cannot tell apart."""
    told: set[str] = set()
    for f in found:
        if f.resolution.reason != "ambigu" or f.written.extrait in told:
            continue
        told.add(f.written.extrait)
        works = ", ".join(f"{r.title} ({r.key})" for r in f.resolution.candidates)
        yield Finding(
            "citation-ambigue",
            f.written.extrait,
            f"plusieurs œuvres de votre bibliothèque répondent à « {f.written.extrait} » "
            f"({works}) : la norme les distingue par une lettre après l'année (2001a, "
            "2001b) ou par l'initiale du prénom ; écrivez-la.",
            **where(f.block),
        )


def _names(written: WrittenCitation) -> str:
    names = " et ".join(written.names)
    return f"{names} et al." if written.et_al else names


# -- suggestions: concepts used and not defined --------------------------------------------


def _undefined_concepts(catalog: Catalog, draft: Draft, sections: Sections) -> Iterator[Finding]:
    from glossaire.text import fold

    lexicon = " ".join(fold(draft.blocks[i].text) for i in sections.lexicon)
    body_blocks = [
        (block, fold(block.text))
        for i, block in enumerate(draft.blocks)
        if block.kind != "heading" and i not in sections.lexicon and i not in sections.bibliography
    ]
    body = "\n".join(folded for _, folded in body_blocks)
    personal = catalog.facts.personal
    for concept in catalog.sorted_concepts():
        names = [fold(name) for name in (concept.terme, *concept.variantes) if name.strip()]
        if not names or not any(name in body for name in names):
            continue  # most concepts: not in the draft at all, no pattern to build
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
        uses = pattern.findall(body)
        if len(uses) < 2 or pattern.search(lexicon):
            continue
        first = next(block for block, folded in body_blocks if pattern.search(folded))
        serves = ", ".join(concept.chapitres) if concept.chapitres else ""
        mine = (
            " Vous en avez écrit votre définition (glossaire define)."
            if concept.id in personal
            else ""
        )
        chapters = f" Il sert aux chapitres {serves} du livret 2." if serves else ""
        yield Finding(
            "concept-non-defini",
            concept.terme,
            f"« {concept.terme} » revient {counted(len(uses), 'fois', 'fois')} dans le "
            f"dossier sans être défini dans le Lexique.{chapters}{mine} Ses définitions "
            f"sourcées : glossaire show {concept.id}.",
            cle=concept.id,
            **where(first),
        )
