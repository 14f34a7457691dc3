"""``info``: which folders are read, what each holds, and what overrides what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossaire import __version__
from glossaire.services.results import InfoReport

if TYPE_CHECKING:
    from glossaire.catalog.memory import Catalog


def data_info(catalog: Catalog) -> InfoReport:
    dataset = catalog.dataset
    return InfoReport(
        version=__version__,
        layers=tuple(dataset.layers),
        overrides=tuple(dataset.overrides),
        concept_count=len(dataset.concepts),
        reference_count=len(dataset.references),
    )
