"""Remove one of your own concepts or references (``retirer``): the edit of
``services.modifier`` with an empty text, so under the same lock and the same checks."""

from __future__ import annotations

from glossaire.services.modifier import EditResult, EditSession, apply_edit, prepare_edit


def retire(session: EditSession, data_option: str | None, *, dry_run: bool = False) -> EditResult:
    """Remove the entry ``prepare_edit`` found (the caller may first ask for confirmation)."""
    return apply_edit(session, data_option, "", dry_run=dry_run)


__all__ = ["prepare_edit", "retire"]
