"""New YAML entries as text, appended after what the user wrote, which is never re-emitted.

Only the new entry is produced here; the rest of the file keeps its bytes (comments,
quoting, key order, blank lines). Every text value is written double-quoted by PyYAML's own
emitter, so quotes, colons, « # », leading dashes and line breaks come back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

Value = str | list[str] | list[dict[str, str]] | None


def quoted(text: str) -> str:
    """One double-quoted YAML scalar on one line, whatever the text holds."""
    dumped = yaml.dump(
        text, default_style='"', allow_unicode=True, width=1_000_000, explicit_end=False
    )
    return dumped.rstrip("\n").removesuffix("\n...").rstrip("\n")


def entry_text(fields: Iterable[tuple[str, Value]], indent: int = 0) -> str:
    """A sequence item ``- key: value`` block; lists of texts in flow style, lists of
    mappings as nested items (definitions, contrasts), empty values left out."""
    pad = " " * indent
    lines: list[str] = []
    for name, value in fields:
        if value is None or value == [] or value == "":
            continue
        prefix = f"{pad}- " if not lines else f"{pad}  "
        if isinstance(value, str):
            lines.append(f"{prefix}{name}: {quoted(value)}")
        elif texts := [item for item in value if isinstance(item, str)]:
            lines.append(f"{prefix}{name}: [{', '.join(quoted(item) for item in texts)}]")
        else:
            lines.append(f"{prefix}{name}:")
            for mapping in value:
                assert isinstance(mapping, dict)
                lines.extend(_mapping_item(mapping, f"{pad}    "))
    return "\n".join(lines) + "\n"


def _mapping_item(mapping: dict[str, str], pad: str) -> list[str]:
    lines = []
    for position, (key, text) in enumerate((k, v) for k, v in mapping.items() if v):
        prefix = f"{pad}- " if position == 0 else f"{pad}  "
        lines.append(f"{prefix}{key}: {quoted(text)}")
    return lines


def item_indent(old_text: str) -> int:
    """The column of the file's top-level « - » items, so the new one lines up with them."""
    match = re.search(r"^( *)- ", old_text, re.M)
    return len(match.group(1)) if match else 0
