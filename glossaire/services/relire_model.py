"""What ``relire`` reports, and what its checks share: the findings (the JSON contract), and
a citation of the draft with where it is and the work it resolved to."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from glossaire.draft.model import Block, Draft, WrittenCitation
from glossaire.services.relire_works import Resolution


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
        from glossaire.text import sentence_case

        return sentence_case(self.message)

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


class Found(NamedTuple):
    """A citation of the draft with where it is and what it resolved to."""

    block: Block
    written: WrittenCitation
    resolution: Resolution
    full_reference: bool = False  # a whole reference written in a footnote


def where(block: Block) -> dict[str, Any]:
    return {"section": block.section, "paragraphe": block.number, "note": block.note}


class Sections(NamedTuple):
    bibliography: frozenset[int]  # indexes of the blocks in the draft's bibliography section
    lexicon: frozenset[int]
    has_bibliography: bool

    @classmethod
    def of(cls, draft: Draft) -> Sections:
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


def identity(names: tuple[str, ...], year: str | None) -> tuple[str, str]:
    """A work by its first author and year, for works the library does not know."""
    from glossaire.services.relire_works import name_keys

    first = min(name_keys(names[0]), key=len) if names else ""
    return first, year or ""
