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
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from glossaire.citation.locator import plain_page
from glossaire.draft.model import Block, Draft, WrittenCitation
from glossaire.services.relire_quotes import match_quotation, stored_quotations
from glossaire.services.relire_works import Resolution, Works, author_year
from glossaire.text import counted

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.styles import StyleChoice
    from glossaire.model.reference import Reference


class Finding(NamedTuple):
    type: str  # « reference-inconnue », « annee-erronee »… (the JSON contract)
    extrait: str  # the draft's exact text at fault
    message: str  # what is wrong and the right form, in one or two French sentences
    section: str
    paragraphe: int
    note: int | None = None  # the footnote's number, when it is in a footnote
    cle: str | None = None
    attendu: str | None = None  # the right form, when there is one

    @property
    def sentence(self) -> str:
        """The message as a sentence of its own (it is written to follow « Erreur : »)."""
        return self.message[:1].upper() + self.message[1:]

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict() | {"message": self.sentence}
        return {key: value for key, value in data.items() if value is not None}


class Cited(NamedTuple):
    extrait: str
    cle: str | None
    section: str
    paragraphe: int
    note: int | None = None


class ProofReport(NamedTuple):
    path: Path
    style: str  # the norm's name, for people
    problems: tuple[Finding, ...]
    suggestions: tuple[Finding, ...]
    citations: tuple[Cited, ...]
    bibliography: tuple[str, ...]  # the cited works, in the norm, as text
    bibliography_html: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "fichier": str(self.path),
            "norme": self.style,
            "problemes": [finding.to_dict() for finding in self.problems],
            "suggestions": [finding.to_dict() for finding in self.suggestions],
            "citations": [
                {
                    "extrait": c.extrait,
                    "cle": c.cle,
                    "section": c.section,
                    "paragraphe": c.paragraphe,
                }
                for c in self.citations
            ],
            "bibliographie": list(self.bibliography),
            "bibliographie_html": list(self.bibliography_html),
        }


class _Found(NamedTuple):
    """A citation of the draft with where it is and what it resolved to."""

    block: Block
    written: WrittenCitation
    resolution: Resolution
    full_reference: bool = False  # a whole reference written in a footnote


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
        draft = reading.result()
    return check_draft(catalog, draft, chosen)


def check_draft(catalog: Catalog, draft: Draft, style: StyleChoice) -> ProofReport:
    """Every check, in the order of the issue's list. The CSL engine (a pandoc process)
    renders the cited works in a thread while the quotations and concepts are checked."""
    from concurrent.futures import ThreadPoolExecutor

    works = Works(catalog.references.values())
    sections = _Sections.of(draft)
    found = list(_citations(draft, sections, works))
    resolved = [f for f in found if f.resolution.key]
    cited = {f.resolution.key for f in resolved if f.resolution.key}
    references = [r for key in sorted(cited) if (r := catalog.reference(key)) is not None]
    with ThreadPoolExecutor(max_workers=1) as pool:
        rendering_job = pool.submit(_rendered, style, references, resolved)
        quotation_problems = list(_quotations(catalog, draft, sections, found, works))
        suggestions = tuple(_undefined_concepts(catalog, draft, sections))
        rendering, in_html = rendering_job.result()
    problems = [*_unresolved(found), *_ambiguous(found)]
    problems += _forms(resolved, rendering.citations, style)
    entries = _entries_by_key(references, rendering)
    problems += _bibliography_section(draft, sections, works, found, entries, style)
    problems += quotation_problems
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


# -- the draft's sections ------------------------------------------------------------------


class _Sections(NamedTuple):
    bibliography: frozenset[int]  # indexes of the blocks in the draft's bibliography section
    lexicon: frozenset[int]
    has_bibliography: bool

    @classmethod
    def of(cls, draft: Draft) -> _Sections:
        from glossaire.draft.bibliography import is_bibliography_heading, is_lexicon_heading

        bibliography: set[int] = set()
        lexicon: set[int] = set()
        current: set[int] | None = None
        level = 0
        heading_seen = False
        for index, block in enumerate(draft.blocks):
            if block.kind == "heading":
                if current is not None and block.level <= level:
                    current = None
                if is_bibliography_heading(block.text):
                    current, level, heading_seen = bibliography, block.level, True
                elif is_lexicon_heading(block.text):
                    current, level = lexicon, block.level
                continue
            if current is not None and block.kind == "paragraph":
                current.add(index)
        return cls(frozenset(bibliography), frozenset(lexicon), heading_seen)


def _citations(draft: Draft, sections: _Sections, works: Works) -> Iterator[_Found]:
    from glossaire.draft.citations import find_citations, find_note_references

    for index, block in enumerate(draft.blocks):
        if block.kind == "heading" or index in sections.bibliography:
            continue
        for written in find_citations(block.text):
            resolution = works.resolve(written.names, written.year, written.suffix)
            if resolution.reason == "inconnu" and _maybe_not_a_citation(written):
                continue  # « Léa (2009) »: a first name and a year, not a work
            yield _Found(block, written, resolution)
        if block.kind == "note":
            for note_reference in find_note_references(block.text):
                resolution = works.resolve(note_reference.names, note_reference.year)
                as_citation = WrittenCitation(
                    note_reference.extrait,
                    note_reference.start,
                    note_reference.end,
                    note_reference.names,
                    False,
                    note_reference.year,
                    "",
                    note_reference.pages,
                    False,
                    note_reference.extrait,
                    note_reference.start,
                    note_reference.end,
                )
                yield _Found(block, as_citation, resolution, full_reference=True)


def _maybe_not_a_citation(written: WrittenCitation) -> bool:
    """A narrative « Name (year) » with one name, no page and no « et al. » may be anything
    (a child's first name and birth year): reported only if the library knows the name."""
    return (
        written.narrative and len(written.names) == 1 and not written.pages and not (written.et_al)
    )


# -- problems 1 to 3: unknown works, wrong years, ambiguity -------------------------------


def _where(block: Block) -> dict[str, Any]:
    return {"section": block.section, "paragraphe": block.number, "note": block.note}


def _unresolved(found: list[_Found]) -> Iterator[Finding]:
    for f in found:
        written, resolution = f.written, f.resolution
        if resolution.reason == "inconnu":
            yield Finding(
                "reference-inconnue",
                written.extrait,
                f"« {_names(written)} {written.year or 's. d.'} » n'est pas dans votre "
                "bibliothèque : ajoutez la référence avec « glossaire add-ref » (un export "
                "Zotero ou le texte BibTeX), ou corrigez le nom.",
                **_where(f.block),
            )
        elif resolution.reason == "annee":
            known = ", ".join(author_year(r) for r in resolution.candidates)
            yield Finding(
                "annee-erronee",
                written.extrait,
                f"la bibliothèque connaît {known}, pas {written.year or 's. d.'} : "
                "vérifiez l'année de l'édition que vous citez.",
                cle=resolution.candidates[0].key if len(resolution.candidates) == 1 else None,
                **_where(f.block),
            )


def _ambiguous(found: list[_Found]) -> Iterator[Finding]:
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
            **_where(f.block),
        )


def _names(written: WrittenCitation) -> str:
    names = " et ".join(written.names)
    return f"{names} et al." if written.et_al else names


# -- problem 4: in-text forms ------------------------------------------------------------


def _rendered(
    style: StyleChoice, references: list[Reference], cites: list[_Found]
) -> tuple[Any, Any]:
    """The citations and the bibliography of exactly the cited works, as one document, in
    text and in html, from one engine run."""
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import Cite, Rendering, render_in

    if not references:
        return Rendering((), (), ()), Rendering((), (), ())
    asked = [
        Cite(f.resolution.key.lower(), plain_page(f.written.pages), f.written.narrative)
        for f in cites
        if f.resolution.key
    ]
    both = render_in(style, [csl_item(r) for r in references], asked, ("text", "html"))
    return both["text"], both["html"]


def _forms(
    resolved: list[_Found], expected: tuple[str, ...], style: StyleChoice
) -> Iterator[Finding]:
    for f, form in zip(resolved, expected, strict=True):
        if f.full_reference:
            continue  # a whole reference in a footnote: the journal's way, not an in-text form
        written = f.written.group if f.written.narrative else f.written.extrait
        wanted = _narrative_part(form) if f.written.narrative else form.strip("()")
        mine = _narrative_part(written) if f.written.narrative else written
        if _same(mine, wanted):
            continue
        shown = form if not f.written.narrative else f"… {wanted}"
        yield Finding(
            "forme-citation",
            f.written.extrait,
            f"« {f.written.extrait} » n'est pas la forme de la norme {style.title} : "
            f"écrivez « {shown} ».",
            cle=f.resolution.key,
            attendu=form,
            **_where(f.block),
        )


def _narrative_part(text: str) -> str:
    """« Haeuw, Garnier (2006, p. 3) » → « (2006, p. 3) »: in a narrative citation the names
    are part of the sentence; the norm governs what is in the parenthesis."""
    found = re.search(r"\([^()]*\)\s*$", text)
    return found.group() if found else text


def comparable(text: str) -> str:
    """Spaces of every kind and dashes set aside, to compare a form with the norm's."""
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def _same(mine: str, wanted: str) -> bool:
    return comparable(mine) == comparable(wanted)


# -- problems 5 and 6: the draft's bibliography -------------------------------------------


def _entries_by_key(references: list[Reference], rendering: Any) -> dict[str, str]:
    by_id = {r.key.lower(): r.key for r in references}
    return {
        by_id[item_id]: entry
        for item_id, entry in zip(rendering.bibliography_ids, rendering.bibliography, strict=True)
        if item_id in by_id
    }


def _bibliography_section(
    draft: Draft,
    sections: _Sections,
    works: Works,
    found: list[_Found],
    entries: dict[str, str],
    style: StyleChoice,
) -> Iterator[Finding]:
    from glossaire.draft.bibliography import parse_entry

    cited_keys = {f.resolution.key for f in found if f.resolution.key}
    # a work cited with a wrong year is still cited: its entry is not « never cited »
    cited_keys |= {
        f.resolution.candidates[0].key
        for f in found
        if f.resolution.reason == "annee" and len(f.resolution.candidates) == 1
    }
    unknown_cited = {
        _identity(f.written.names, f.written.year)
        for f in found
        if f.resolution.reason == "inconnu"
    }
    listed: set[str] = set()
    for index in sorted(sections.bibliography):
        block = draft.blocks[index]
        entry = parse_entry(block.text)
        resolution = works.resolve(entry.names, entry.year, entry.suffix)
        key = resolution.key
        if key is None:
            if _identity(entry.names, entry.year) in unknown_cited:
                continue  # cited, and reported as a work to add to the library
            yield Finding(
                "non-citee",
                block.text,
                "cette entrée de votre bibliographie ne correspond à aucune œuvre citée dans "
                "le texte : citez-la, ou retirez-la.",
                **_where(block),
            )
            continue
        listed.add(key)
        if key not in cited_keys:
            yield Finding(
                "non-citee",
                block.text,
                f"{_entry_names(entry)} figure dans votre bibliographie mais n'est "
                "cité nulle part dans le texte : citez-le, ou retirez l'entrée.",
                cle=key,
                **_where(block),
            )
        expected = entries.get(key)
        if expected and not _same_entry(block.text, expected):
            yield Finding(
                "forme-bibliographie",
                block.text,
                f"cette entrée n'est pas dans la forme de la norme {style.title} ; "
                f"forme attendue : « {expected} ».",
                cle=key,
                attendu=expected,
                **_where(block),
            )
    if not sections.has_bibliography:
        return
    told: set[str] = set()
    for f in found:
        key = f.resolution.key
        if key and key not in listed and key not in told:
            told.add(key)
            yield Finding(
                "absente-bibliographie",
                f.written.extrait,
                f"« {f.written.extrait} » est cité dans le texte mais absent de votre "
                "bibliographie : ajoutez-y l'entrée (glossaire biblio la donne dans votre "
                "norme).",
                cle=key,
                attendu=entries.get(key),
                **_where(f.block),
            )


def _identity(names: tuple[str, ...], year: str | None) -> tuple[str, str]:
    """A work by its first author and year, for works the library does not know."""
    from glossaire.services.relire_works import name_keys

    first = min(name_keys(names[0]), key=len) if names else ""
    return first, year or ""


def _entry_names(entry: Any) -> str:
    return f"« {' et '.join(entry.names)} {entry.year or 's. d.'} »"


def _same_entry(mine: str, expected: str) -> bool:
    """An entry as the norm writes it; the ISBN, which some schools leave out, is optional."""

    def without_isbn(text: str) -> str:
        return re.sub(r"\s*ISBN[\s:]*[\dXx\u2010-\u2015-]+\.?", "", comparable(text))

    return without_isbn(mine).rstrip(". ") == without_isbn(expected).rstrip(". ")


# -- problems 7 and 8: quotations ----------------------------------------------------------


def _quotations(
    catalog: Catalog, draft: Draft, sections: _Sections, found: list[_Found], works: Works
) -> Iterator[Finding]:
    from glossaire.draft.quotations import find_quotations

    stored = stored_quotations(catalog)
    if not stored:
        return
    by_block: dict[int, list[_Found]] = {}
    in_notes: dict[tuple[str, int], list[_Found]] = {}
    for f in found:
        by_block.setdefault(id(f.block), []).append(f)
        if f.block.kind == "note":
            in_notes.setdefault((f.block.section, f.block.number), []).append(f)
    for index, block in enumerate(draft.blocks):
        if block.kind == "heading" or index in sections.bibliography:
            continue
        for quotation in find_quotations(block.text):
            match = match_quotation(quotation.text, stored)
            if match is None:
                continue
            source = _source_of(quotation, by_block.get(id(block), []))
            if source is None and block.kind == "paragraph":
                source = next(iter(in_notes.get((block.section, block.number), [])), None)
            yield from _quotation_problems(catalog, block, quotation, match, source)


def _source_of(quotation: Any, here: list[_Found]) -> _Found | None:
    """The citation right after the quotation, or just before it naming the author."""
    after = [f for f in here if 0 <= f.written.group_start - quotation.end <= 4]
    if after:
        return after[0]
    before = [
        f for f in here if f.written.narrative and 0 <= quotation.start - f.written.group_end <= 60
    ]
    return before[-1] if before else None


def _quotation_problems(
    catalog: Catalog, block: Block, quotation: Any, match: Any, source: _Found | None
) -> Iterator[Finding]:
    stored = match.stored
    reference = catalog.reference(stored.key) if stored.key else None
    who = author_year(reference) if reference else "la source"
    place = f"{who}, p. {stored.page}" if stored.page else who
    if not match.exact:
        yield Finding(
            "citation-inexacte",
            " … ".join(match.written_words) or quotation.extrait,
            f"cette citation de {place} n'est pas exacte : l'auteur écrit "
            f"« {' … '.join(match.stored_words)} ». Recopiez-la telle quelle (glossaire "
            f"show {stored.concept_id}).",
            cle=stored.key,
            attendu=stored.text,
            **_where(block),
        )
    if source is None:
        yield Finding(
            "citation-sans-source",
            quotation.extrait,
            f"cette citation de {place} n'est suivie d'aucune source : ajoutez la "
            "référence juste après le guillemet fermant.",
            cle=stored.key,
            **_where(block),
        )
        return
    key = source.resolution.key
    if key and stored.key and key != stored.key:
        yield Finding(
            "auteur-errone",
            source.written.extrait,
            f"cette citation est de {place}, pas de « {source.written.extrait} ».",
            cle=stored.key,
            **_where(block),
        )
    elif key and stored.page and plain_page(source.written.pages) not in (None, stored.page):
        yield Finding(
            "page-erronee",
            source.written.extrait,
            f"cette citation est à la page {stored.page} de {who}, pas à la page "
            f"{plain_page(source.written.pages)}.",
            cle=stored.key,
            **_where(block),
        )


# -- suggestions: concepts used and not defined --------------------------------------------


def _undefined_concepts(catalog: Catalog, draft: Draft, sections: _Sections) -> Iterator[Finding]:
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
        where = f" Il sert aux chapitres {serves} du livret 2." if serves else ""
        yield Finding(
            "concept-non-defini",
            concept.terme,
            f"« {concept.terme} » revient {counted(len(uses), 'fois', 'fois')} dans le "
            f"dossier sans être défini dans le Lexique.{where}{mine} Ses définitions "
            f"sourcées : glossaire show {concept.id}.",
            cle=concept.id,
            **_where(first),
        )
