"""``relire``, problems 4 to 6: the draft's forms against the norm's.

The expected forms come from the CSL engine, run once on exactly the cited works as one
document (this is where 1980a and 1980b are decided), in text and html. The rendering is
kept in the catalog's cache of citations, keyed by the style and the set of cited works:
checking the same draft again, or a draft citing the same works, needs no engine run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from glossaire.citation.locator import plain_page
from glossaire.services.relire_model import Finding, Found, Sections, identity, where
from glossaire.services.relire_works import Works

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog
    from glossaire.citation.engine import Cite, Rendering
    from glossaire.citation.styles import StyleChoice
    from glossaire.draft.model import Draft
    from glossaire.model.reference import Reference


# -- problem 4: in-text forms ------------------------------------------------------------


class RenderPlan(NamedTuple):
    """What to render for one draft, and where the catalog's cache keeps it."""

    slot: str  # the cache's key for this set of cited works in this style
    asked: list[Cite]
    cited: list[tuple[str, str]]  # each citation's cache key (key, page[#récit])
    entries: list[tuple[str, str]]  # each cited work's entry's cache key


def plan_rendering(
    style: StyleChoice, references: list[Reference], cites: list[Found]
) -> RenderPlan:
    from glossaire.citation.engine import Cite

    asked = [
        Cite(f.resolution.key.lower(), plain_page(f.written.pages), f.written.narrative)
        for f in cites
        if f.resolution.key
    ]
    cited = [(c.key, f"{c.page or ''}{_NARRATIVE if c.narrative else ''}") for c in asked]
    entries = [(reference.key.lower(), _ENTRY) for reference in references]
    return RenderPlan(_slot(style, references), asked, cited, entries)


def cached_rendering(catalog: Catalog, plan: RenderPlan) -> tuple[Rendering, Rendering] | None:
    """The citations and the bibliography of exactly the cited works, in text and html,
    if this set of works was rendered before with these citations (checking the same draft
    again, or one citing the same works the same way, needs no engine run)."""
    text = catalog.cached_citations(
        plan.slot, "text", list(dict.fromkeys(plan.cited + plan.entries))
    )
    html = catalog.cached_citations(plan.slot, "html", plan.entries)
    if not all(token in text for token in plan.cited + plan.entries):
        return None
    if len(html) != len(plan.entries):
        return None
    return (
        _from_cache([text[token][0] for token in plan.cited], text, plan.entries),
        _from_cache([], html, plan.entries),
    )


def engine_rendering(
    style: StyleChoice, references: list[Reference], plan: RenderPlan
) -> tuple[Rendering, Rendering]:
    """One engine run, the works as one document (where 1980a and 1980b are decided), in
    text and html. No catalog here: it runs beside the other checks, in a thread."""
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import Rendering, render_in

    if not references:
        return Rendering((), (), ()), Rendering((), (), ())
    both = render_in(style, [csl_item(r) for r in references], plan.asked, ("text", "html"))
    return both["text"], both["html"]


def remember_rendering(
    catalog: Catalog, plan: RenderPlan, text: Rendering, html: Rendering
) -> None:
    for output, rendering in (("text", text), ("html", html)):
        kept = {
            (item_id, _ENTRY): (entry, str(position), "")
            for position, (item_id, entry) in enumerate(
                zip(rendering.bibliography_ids, rendering.bibliography, strict=True)
            )
        }
        if output == "text":
            forms = zip(plan.cited, rendering.citations, strict=True)
            kept |= {token: (form, "", "") for token, form in forms}
        catalog.remember_citations(plan.slot, output, kept)


_ENTRY = "#entrée"  # the cache's « page » of a bibliography entry
_NARRATIVE = "#récit"  # appended to the page of a narrative citation


def _slot(style: StyleChoice, references: list[Reference]) -> str:
    """The cache's key for one set of cited works in one style (disambiguation depends on
    the whole set)."""
    import hashlib

    from glossaire.services.citations import style_id

    keys = "\n".join(sorted(reference.key for reference in references))
    return f"{style_id(style)}|relire|{hashlib.sha1(keys.encode()).hexdigest()}"


def _from_cache(
    citations: list[str], cached: dict[tuple[str, str], tuple[str, str, str]], entries: list[Any]
) -> Rendering:
    from glossaire.citation.engine import Rendering

    ordered = sorted(entries, key=lambda token: int(cached[token][1]))
    return Rendering(
        tuple(citations),
        tuple(cached[token][0] for token in ordered),
        tuple(token[0] for token in ordered),
    )


def forms(
    resolved: list[Found], expected: tuple[str, ...], style: StyleChoice
) -> Iterator[Finding]:
    for f, form in zip(resolved, expected, strict=True):
        if f.full_reference:
            continue  # a whole reference in a footnote: the journal's way, not an in-text form
        if f.written.narrative and ";" in f.written.group:
            continue  # « Castel (1995 ; 2003) »: two works, one parenthesis, as norms allow
        missing = _coauthors_missing(f)
        if missing:
            message = f"ne nomme pas tous les auteurs de cette œuvre : écrivez « {missing} »."
        else:
            written = f.written.group if f.written.narrative else f.written.extrait
            wanted = _narrative_part(form) if f.written.narrative else form.strip("()")
            mine = _narrative_part(written) if f.written.narrative else written
            if _same(mine, wanted):
                continue
            shown = form if not f.written.narrative else f"… {wanted}"
            message = f"n'est pas la forme de la norme {style.title} : écrivez « {shown} »."
        yield Finding(
            "forme-citation",
            f.written.extrait,
            f"« {f.written.extrait} » {message}",
            cle=f.resolution.key,
            attendu=form,
            **where(f.block),
        )


def _coauthors_missing(f: Found) -> str:
    """In a narrative citation the names are the candidate's sentence, but they must be
    all the authors (two), or the first and « et al. » (three or more): « Deleuze (1980) »
    for Deleuze and Guattari is a fault. The names as they should read, or ""."""
    people = f.resolution.candidates[0].authors if f.resolution.candidates else ()
    if not f.written.narrative or f.written.et_al or len(people) < 2:
        return ""
    if len(f.written.names) >= min(len(people), 2):
        return ""
    names = [f"{p.von} {p.last}".strip() for p in people]
    shown = f"{names[0]} et {names[1]}" if len(names) == 2 else f"{names[0]} et al."
    return f"{shown} {_narrative_part(f.written.group)}"


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


def entries_by_key(references: list[Reference], rendering: Any) -> dict[str, str]:
    by_id = {r.key.lower(): r.key for r in references}
    return {
        by_id[item_id]: entry
        for item_id, entry in zip(rendering.bibliography_ids, rendering.bibliography, strict=True)
        if item_id in by_id
    }


def bibliography_section(
    draft: Draft,
    sections: Sections,
    works: Works,
    found: list[Found],
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
    # works cited that the library lacks, or cited with a year it does not know: their
    # entries are the citation's, reported once, with the citation
    unknown_cited = {
        identity(f.written.names, f.written.year) for f in found if not f.resolution.key
    }
    listed: set[str] = set()
    for index in sorted(sections.bibliography):
        block = draft.blocks[index]
        entry = parse_entry(block.text)
        resolution = works.resolve(entry.names, entry.year, entry.suffix)
        key = resolution.key
        if key is None:
            if identity(entry.names, entry.year) in unknown_cited:
                continue  # cited, and reported as a work to add to the library
            yield Finding(
                "non-citee",
                block.text,
                "cette entrée de votre bibliographie ne correspond à aucune œuvre citée dans "
                "le texte : citez-la, ou retirez-la.",
                **where(block),
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
                **where(block),
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
                **where(block),
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
                **where(f.block),
            )


def _entry_names(entry: Any) -> str:
    return f"« {' et '.join(entry.names)} {entry.year or 's. d.'} »"


def _same_entry(mine: str, expected: str) -> bool:
    """An entry as the norm writes it; the ISBN, which some schools leave out, is optional."""

    def without_isbn(text: str) -> str:
        return re.sub(r"\s*ISBN[\s:]*[\dXx\u2010-\u2015-]+\.?", "", comparable(text))

    return without_isbn(mine).rstrip(". ") == without_isbn(expected).rstrip(". ")
