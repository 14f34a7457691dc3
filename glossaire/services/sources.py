"""The source label printed beside a definition on a card.

Until the CSL engine (citeproc-py) is wired in, this is an author–date label built from the
decoded BibTeX names; it is deliberately minimal and is the one place to replace.
"""

from __future__ import annotations

from glossaire.model.reference import Reference


def in_text_citation(reference: Reference | None, key: str, page: str | None = None) -> str:
    """« Dhume, 2001, p. 111 »; the bare key when the reference is unknown."""
    parts = [key] if reference is None else [_authors(reference), reference.year or "s. d."]
    if page:
        parts.append(f"p. {page}")
    return ", ".join(part for part in parts if part)


def _authors(reference: Reference) -> str:
    people = reference.authors or reference.editors
    names = [person.last for person in people if person.last != "others"]
    if not names:
        return reference.title
    if len(names) > 2 or len(people) > len(names):
        return f"{names[0]} et al."
    return " et ".join(names)
