"""``info``: which folders are read, what each holds, and what overrides what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossaire import __version__
from glossaire.services.results import InfoReport

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog


def data_info(catalog: Catalog) -> InfoReport:
    facts = catalog.facts
    return InfoReport(
        version=__version__,
        layers=facts.layers,
        overrides=facts.overrides,
        concept_count=len(catalog.concepts),
        reference_count=len(catalog.references),
    )
