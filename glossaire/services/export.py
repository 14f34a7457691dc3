"""``export``: build the annex, lay it out in the chosen format, write it atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossaire.citation.styles import StyleChoice
from glossaire.errors import GlossaireError
from glossaire.export.document import Selection, build_document
from glossaire.writing.atomic import write_atomic_bytes

if TYPE_CHECKING:
    from glossaire.catalog.memory import Catalog

EXPORT_FORMATS = ("docx", "odt", "html", "md")
DEFAULT_NAME = "lexique"


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    concept_count: int
    reference_count: int


class OutputExists(GlossaireError):
    """The target file exists and ``--force`` was not given."""


def default_path(output_format: str) -> Path:
    return Path(f"{DEFAULT_NAME}.{output_format}")


def export_annex(
    catalog: Catalog,
    selection: Selection,
    style: StyleChoice,
    output_format: str,
    path: Path,
    *,
    force: bool = False,
    with_examples: bool = False,
    with_mine: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Exported:
    if path.exists() and not force:
        raise OutputExists(
            f"le fichier « {path} » existe déjà.",
            "Choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer.",
        )
    if path.exists() and path.is_dir():
        raise OutputExists(f"« {path} » est un dossier.", "Donnez un nom de fichier avec -o.")
    document = build_document(catalog, selection, style, with_examples, with_mine, progress)
    write_atomic_bytes(path, _laid_out(document, output_format))
    return Exported(path, len(document.entries), len(document.bibliography))


def _laid_out(document: object, output_format: str) -> bytes:
    if output_format == "docx":
        from glossaire.export import docx_file

        return docx_file.render(document)  # type: ignore[arg-type]
    if output_format == "odt":
        from glossaire.export import odt_file

        return odt_file.render(document)  # type: ignore[arg-type]
    if output_format == "html":
        from glossaire.export import html_file

        return html_file.render(document).encode("utf-8")  # type: ignore[arg-type]
    from glossaire.export import markdown_file

    return markdown_file.render(document).encode("utf-8")  # type: ignore[arg-type]
