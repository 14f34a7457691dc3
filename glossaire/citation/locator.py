"""The page a candidate gives (``cite -p``), as the engine's locator wants it."""

from __future__ import annotations

import re


def plain_page(page: str | None) -> str | None:
    """« p. 111 », « pp. 12-15 », « page 3 » → « 111 », « 12-15 », « 3 »: the style writes the
    label itself (« p. 111 »), so one typed by the candidate would be printed twice."""
    if not page or not page.strip():
        return None
    return _LABEL.sub("", " ".join(page.split())) or None


_LABEL = re.compile(r"^(?:pages?|pp?)\b\.?\s*(?=\S)", re.IGNORECASE)
