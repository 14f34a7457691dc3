"""Compile a gettext .po catalogue into the .mo file Python's gettext reads.

A few dozen lines instead of a build dependency (Babel) for one small catalogue. Handles the
subset of the .po format we write: msgid/msgstr with continuation lines, no plurals.
Run: python tools/compile_catalog.py glossaire/locale/fr/LC_MESSAGES/glossaire.po
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path


def parse_po(text: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    key: str | None = None
    current: list[str] = []
    target = ""

    def flush() -> None:
        if key is not None:
            messages[key] = "".join(current)

    msgid_parts: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            key = None
            target = "id"
            msgid_parts = [ast.literal_eval(line[6:])]
        elif line.startswith("msgstr "):
            key = "".join(msgid_parts)
            target = "str"
            current = [ast.literal_eval(line[7:])]
        elif line.startswith('"'):
            (msgid_parts if target == "id" else current).append(ast.literal_eval(line))
    flush()
    return messages


def build_mo(messages: dict[str, str]) -> bytes:
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_start = header_size + 2 * table_size
    strs_start = ids_start + len(ids)
    id_table, str_table = [], []
    id_offset = str_offset = 0
    for k in keys:
        encoded_id, encoded_str = k.encode(), messages[k].encode()
        id_table += [len(encoded_id), ids_start + id_offset]
        str_table += [len(encoded_str), strs_start + str_offset]
        id_offset += len(encoded_id) + 1
        str_offset += len(encoded_str) + 1
    header = struct.pack(
        "Iiiiiii", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0
    )
    tables = struct.pack(f"{len(id_table)}i", *id_table) + struct.pack(
        f"{len(str_table)}i", *str_table
    )
    return header + tables + ids + strs


def main(po_path: str) -> None:
    po = Path(po_path)
    po.with_suffix(".mo").write_bytes(build_mo(parse_po(po.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main(sys.argv[1])
