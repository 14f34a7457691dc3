"""French typography shared by every renderer."""

from __future__ import annotations

NBSP = "\u00a0"  # Word's own non-breaking space, so pasted text keeps it

NATURE_LABELS = {"citation": "citation", "synthese": "synthèse", "atelier": "atelier"}


def guillemets(text: str) -> str:
    """« text », with the non-breaking spaces French typography requires."""
    return f"«{NBSP}{text.strip()}{NBSP}»"


def quoted_if_citation(text: str, nature: str | None) -> str:
    """A verbatim quotation is shown in guillemets; a synthesis is not."""
    return guillemets(text) if nature == "citation" else text.strip()


def joined(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items)
