"""A decoded BibTeX/biblatex entry → a CSL-JSON item, the input of every CSL engine.

We convert ourselves rather than use an engine's BibTeX reader (pandoc's reads biblatex its
own way, with no line numbers and none of the French choices below). The text is also put in
French typographic form here (’, « », non-breaking spaces), once, in the data: the CSL
engines then print it verbatim, so pandoc's citeproc and citeproc-js (Zotero) agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from glossaire.model.reference import Person, Reference

NBSP = "\u00a0"
NON_BREAKING_HYPHEN = "\u2011"

# BibTeX/biblatex entry type → CSL type
CSL_TYPES = {
    "book": "book",
    "mvbook": "book",
    "booklet": "pamphlet",
    "collection": "book",
    "proceedings": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "article": "article-journal",
    "periodical": "article-journal",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "unpublished": "manuscript",
    "manual": "book",
    "legislation": "legislation",
    "legal": "legislation",
    "jurisdiction": "legal_case",
}
# What a thesis is, when the entry type says it and the `type` field does not.
THESIS_GENRES = {"phdthesis": "Thèse de doctorat", "mastersthesis": "Mémoire de master"}
NO_DATE = {"sd", "nd", "sansdate"}

_TEXT_FIELDS = {
    "publisher": ("publisher", "organization"),
    "publisher-place": ("location", "address"),
    "collection-title": ("series",),
    "volume": ("volume",),
    "issue": ("issue",),
    "page": ("pages",),
    "number-of-pages": ("pagetotal",),
    "ISBN": ("isbn",),
    "ISSN": ("issn",),
    "DOI": ("doi",),
    "URL": ("url",),
}

Escape = Callable[[str], str]


def csl_item(reference: Reference, escape: Escape | None = None) -> dict[str, Any]:
    """The CSL-JSON item of ``reference``; ``escape`` makes data literal in HTML or Markdown."""
    fields = reference.fields
    csl_type = _csl_type(reference)
    item: dict[str, Any] = {"id": reference.key.lower(), "type": csl_type}
    _put_names(item, "author", reference.authors)
    _put_names(item, "editor", reference.editors)
    _put_names(item, "translator", reference.translators)
    item["title"] = _title(fields.get("title", ""), fields.get("subtitle", ""))
    if fields.get("maintitle"):
        # « Mille plateaux. Capitalisme et schizophrénie 2 »: how French catalogues and
        # readers name one volume of a work in several volumes.
        main = " ".join(part for part in (fields["maintitle"], fields.get("volume", "")) if part)
        item["title"] = f"{item['title']}. {french_text(main)}"
    container = fields.get("journaltitle") or fields.get("journal") or fields.get("booktitle")
    if container:
        item["container-title"] = _title(container, fields.get("booksubtitle", ""))
    for csl_name, bib_names in _TEXT_FIELDS.items():
        value = next((fields[name] for name in bib_names if fields.get(name)), None)
        if value and not (csl_name == "volume" and fields.get("maintitle")):
            item[csl_name] = value if csl_name in {"URL", "DOI"} else french_text(value)
    _put_thesis_and_report(item, reference, csl_type)
    if fields.get("howpublished") and not item.get("publisher"):
        # How a text was published (« Bulletin officiel … »): the publisher's place, as
        # Zotero imports it; the CSL ``medium`` would be printed in brackets, which in
        # ISO 690 means a medium (« [en ligne] »).
        item["publisher"] = french_text(fields["howpublished"])
    if fields.get("number") and csl_type in {"book", "chapter"}:
        item["collection-number"] = fields["number"]
    elif fields.get("number") and csl_type != "thesis":
        item.setdefault("issue" if csl_type == "article-journal" else "number", fields["number"])
    if "number" in item:
        item["number"] = item["number"].replace("-", NON_BREAKING_HYPHEN)
    if fields.get("edition"):
        item["edition"] = _edition(fields["edition"])
    issued = date_parts(fields.get("date") or fields.get("year", ""), fields.get("month", ""))
    if issued:
        item["issued"] = {"date-parts": [issued]}
    original = date_parts(fields.get("origdate", ""))
    if original:
        item["original-date"] = {"date-parts": [original]}
    accessed = date_parts(fields.get("urldate", ""))
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}
    return _escaped(item, escape) if escape else item


def french_text(text: str) -> str:
    """French typography in data: ’ for ', « » for "…", non-breaking space before : ; ? !"""
    text = text.replace("'", "’")
    text = re.sub(r'"([^"]*)"', lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
    text = re.sub(r"«\s*", f"«{NBSP}", text)
    text = re.sub(r"\s*»", f"{NBSP}»", text)
    return re.sub(r"\s+([:;?!])", rf"{NBSP}\1", text)


def date_parts(value: str, month: str = "") -> list[int] | None:
    """« 2006-02 » → [2006, 2]; « s. d. », « n.d. » or nothing → None (the style's « s. d. »)."""
    compact = re.sub(r"[^a-z]", "", value.lower())
    if not value.strip() or compact in NO_DATE:
        return None
    match = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    if not match:
        return None
    parts = [int(group) for group in match.groups() if group]
    if len(parts) == 1 and month.strip().isdigit():
        parts.append(int(month))
    return parts


def _csl_type(reference: Reference) -> str:
    if reference.entry_type == "misc":
        return "webpage" if reference.fields.get("url") else "document"
    return CSL_TYPES.get(reference.entry_type, "document")


def _title(title: str, subtitle: str) -> str:
    if not subtitle:
        return french_text(title)
    return french_text(f"{title} : {subtitle}")


def _put_names(item: dict[str, Any], role: str, people: tuple[Person, ...]) -> None:
    """BibTeX's ``and others`` closes a list that goes on: the literal name « others »,
    which pandoc's citeproc prints as the locale's « et al. »."""
    names = [_csl_name(person) for person in people if person.last != "others"]
    if names and people[-1].last == "others" and not people[-1].first:
        names.append({"literal": "others"})
    if names:
        item[role] = names


def _csl_name(person: Person) -> dict[str, str]:
    if person.corporate or (not person.first and not person.von):
        return {"literal": french_text(person.last)}
    family = french_text(person.last)
    if person.von:
        # Joined as citeproc-js joins French particles, so both engines print « de Gaulle »
        # with a non-breaking space; an elided particle (d’, l’) takes no space at all.
        von = french_text(person.von)
        family = f"{von}{family}" if von.endswith("’") else f"{von}{NBSP}{family}"
    name = {"family": family, "given": french_text(person.first)}
    if person.jr:
        name["suffix"] = person.jr
    return name


def _put_thesis_and_report(item: dict[str, Any], reference: Reference, csl_type: str) -> None:
    fields = reference.fields
    if csl_type in {"thesis", "report"}:
        publisher = fields.get("school") or fields.get("institution") or fields.get("publisher")
        if publisher:
            item["publisher"] = french_text(publisher)
    genre = fields.get("type") or THESIS_GENRES.get(reference.entry_type)
    if genre:
        item["genre"] = french_text(genre)


def _edition(edition: str) -> str:
    """« 2 » → « 2e éd. »: an engine may write the English « 2nd », and ISO 690 prints the
    field as it is; the non-numeric form reads right in both presets."""
    return f"{edition}e éd." if edition.isdigit() else french_text(edition)


def _escaped(value: Any, escape: Escape) -> Any:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [_escaped(item, escape) for item in value]
    if isinstance(value, dict):
        return {
            key: v if key in {"id", "type"} else _escaped(v, escape) for key, v in value.items()
        }
    return value
