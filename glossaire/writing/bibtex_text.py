"""BibTeX text for entries we compose ourselves (from RIS), and key renaming in raw entries."""

from __future__ import annotations

import re

from glossaire.loading.bibtex_refs import VERBATIM_FIELDS

_KEY = re.compile(r"^(\s*@\s*\w+\s*[{(]\s*)([^,\s]*)(\s*,)")


def bibtex_entry(entry_type: str, key: str, fields: list[tuple[str, str]]) -> str:
    width = max((len(name) for name, _ in fields), default=0)
    lines = [f"@{entry_type}{{{key},"]
    body = [
        f"  {name:<{width}} = {{{_field_text(name, value)}}}" for name, value in fields if value
    ]
    lines.append(",\n".join(body))
    lines.append("}")
    return "\n".join(lines) + "\n"


def with_key(raw_entry: str, key: str) -> str:
    """The user's entry text, byte for byte, but for its key."""
    return _KEY.sub(lambda m: m.group(1) + key + m.group(3), raw_entry, count=1)


def _field_text(name: str, value: str) -> str:
    """Plain text (a RIS record's) as BibTeX says it: LaTeX's special characters escaped
    the way Zotero exports them, so that « 100 % » is not cut at a LaTeX comment and
    « {sic} » keeps its braces. URLs and DOIs are read verbatim, so they are written so."""
    if name in VERBATIM_FIELDS:
        return _braced(value)
    return " ".join(_LATEX_SPECIAL.sub(lambda m: _LATEX_ESCAPES[m.group()], value).split())


_LATEX_ESCAPES = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "%": "\\%",
    "&": "\\&",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
}  # ``^`` is left as it is: the decoder reads it as itself, and ``\\textasciicircum`` as « ˆ »
_LATEX_SPECIAL = re.compile("|".join(map(re.escape, _LATEX_ESCAPES)))


def _braced(value: str) -> str:
    """Keep braces balanced whatever the text: unbalanced ones are escaped."""
    depth = 0
    out = []
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                out.append("\\}")
                continue
            depth -= 1
        out.append(char)
    text = "".join(out)
    if depth:  # unclosed opening braces: escape them all
        text = value.replace("{", "\\{").replace("}", "\\}")
    return " ".join(text.split())
