"""Which citation style is in force, and why: chosen once, not typed on every command.

Order of precedence: ``--style``, then the group's ``glossaire.toml`` (a school's norm for
the whole group), then the user's own choice saved by ``glossaire style NAME``, then ISO 690.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from glossaire.citation.styles import DEFAULT_STYLE, StyleChoice, resolve_style
from glossaire.errors import DataError, WriteRefused
from glossaire.loading.textfile import read_text
from glossaire.paths import group_data_dir, user_config_dir
from glossaire.services.results import StyleReport
from glossaire.writing.append import utf8_or_refuse

CONFIG_FILE = "config.toml"
GROUP_CONFIG_FILE = "glossaire.toml"
_STYLE_LINE = re.compile(r"^[ \t]*style[ \t]*=[^\r\n]*", re.M)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)


def style_in_force(option: str | None, data_option: str | None) -> StyleReport:
    name, origin = _chosen_name(option, data_option)
    choice = resolve_style(name)
    return StyleReport(choice.name, str(choice.path), origin)


def chosen_style(option: str | None, data_option: str | None) -> StyleChoice:
    return resolve_style(_chosen_name(option, data_option)[0])


def save_user_style(name: str) -> StyleReport:
    """Validate, then store through the write pipeline (locked, atomic); the rest of the
    user's config file is kept as they wrote it."""
    from glossaire.services.writes import Plan, write_settings

    choice = resolve_style(name)
    _refuse_if_unusable(choice)
    stored = str(choice.path.resolve()) if name.strip().lower().endswith(".csl") else choice.name
    path = user_config_dir() / CONFIG_FILE

    def plan() -> Plan:
        raw = path.read_bytes() if path.is_file() else b""
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        text = utf8_or_refuse(path, raw[len(bom) :])  # its bytes, line ends included
        _read_style(path, text)  # refuse to touch a file we could not read back
        text = _with_style_line(text, f"style = {_toml_string(stored)}")
        if _read_style(path, text) != stored:  # e.g. a « style » the TOML syntax hides
            raise WriteRefused(
                f"{path} ne se relit pas avec la nouvelle norme.",
                "Ouvrez-le et écrivez vous-même en tête de fichier : "
                f"style = {_toml_string(stored)}. Rien n'a été écrit.",
            )
        return Plan(path, bom + text.encode("utf-8"), original=raw)

    write_settings(path.parent, plan)
    return StyleReport(choice.name, str(choice.path), f"votre choix, enregistré dans {path}")


def _refuse_if_unusable(choice: StyleChoice) -> None:
    """A style is saved only once the CSL engine has applied it to a sample book: a .csl
    file it cannot read must be refused now, not on every ``cite`` from then on."""
    from glossaire.citation.csl_json import csl_item
    from glossaire.citation.engine import Cite, render
    from glossaire.model.location import Location
    from glossaire.model.reference import Person, Reference

    sample = Reference(
        "essai2000",
        "book",
        Location(choice.path),
        {"title": "Essai", "year": "2000", "publisher": "Éditeur", "address": "Paris"},
        (Person("Dupont", "Jeanne"),),
    )
    item = csl_item(sample)
    render(choice, [item], [Cite(item["id"], "12")])  # StyleUnusable, in French, if not


def _with_style_line(text: str, line: str) -> str:
    """``text`` with its top-level ``style`` line replaced, or the line added before the first
    [table] (a key after it would belong to the table); the file's line ends are kept."""
    table = _TABLE_HEADER.search(text)
    top_end = table.start() if table else len(text)
    found = _STYLE_LINE.search(text, 0, top_end)
    if found:
        return text[: found.start()] + line + text[found.end() :]
    newline = "\r\n" if "\r\n" in text else "\n"
    head = text[:top_end]
    if head and not head.endswith("\n"):
        head += newline
    return head + line + newline + text[top_end:]


def _chosen_name(option: str | None, data_option: str | None) -> tuple[str, str]:
    if option:
        return option, "option --style"
    group = group_data_dir(data_option)
    if group is not None:
        path = group / GROUP_CONFIG_FILE
        style = _style_from(path)
        if style:
            if style.lower().endswith(".csl") and not Path(style).is_absolute():
                style = str(group / style)  # a .csl file kept beside the group's data
            return style, f"style du groupe, fixé dans {path}"
    path = user_config_dir() / CONFIG_FILE
    style = _style_from(path)
    if style:
        return style, f"votre choix, enregistré dans {path}"
    return DEFAULT_STYLE, "style par défaut (ISO 690, en français)"


def _style_from(path: Path) -> str | None:
    if not path.is_file():
        return None
    return _read_style(path, read_text(path).text)


def _read_style(path: Path, text: str) -> str | None:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise DataError(
            "ce fichier de réglages n'est pas un TOML valide.",
            path,
            int(found.group(1)) if found else None,
            'Il doit contenir une ligne de la forme : style = "apa".',
        ) from None
    style = data.get("style")
    if style is not None and not isinstance(style, str):
        raise DataError(
            "« style » doit être un texte entre guillemets.",
            path,
            None,
            'Écrivez par exemple : style = "apa".',
        )
    return style.strip() if style else None


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
