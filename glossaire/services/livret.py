"""``livret``: the map from the diploma's domains to livret 2 chapters to concepts.

It answers the candidate's question « which notions serve this part of my dossier? » with
the reference frame the facilitator keeps in referentiel.yaml.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from glossaire.errors import GlossaireError, InvalidUsage
from glossaire.model.concept import Concept
from glossaire.model.referential import LivretChapter, Reform
from glossaire.services.results import ChapterMap, DomainMap, LivretMap

if TYPE_CHECKING:
    from glossaire.catalog.contract import Catalog


def livret_map(catalog: Catalog, version: str | None = None, today: str = "") -> LivretMap:
    """``today`` (« 2026-11-29 »; the system's date by default) picks, when no version is
    asked for and the file forces none, the reform a candidate starting today comes under."""
    referential = catalog.facts.referential
    if referential is None:
        raise GlossaireError(
            "aucun référentiel de diplôme n'est chargé.",
            "Ajoutez un fichier referentiel.yaml (voir docs/format.md), ou retirez celui du "
            "dossier du groupe s'il est illisible (« glossaire check » le dit).",
        )
    today = today or date.today().isoformat()
    reform = referential.reform(version, today)
    if reform is None:
        known = ", ".join(r.version for r in referential.reforms)
        raise InvalidUsage(
            f"le référentiel « {version} » n'existe pas.", f"Versions connues : {known}."
        )
    concepts = catalog.sorted_concepts()
    return LivretMap(
        diploma=referential.diploma,
        version=reform.version,
        legal_text=reform.legal_text,
        source=reform.source,
        note=reform.note,
        domains=tuple(_domain_map(reform, code, concepts) for code in _codes(reform)),
        other_versions=tuple(r.version for r in referential.reforms if r is not reform),
        in_force=reform.in_force,
        transition=reform.transition,
        chosen_by_date=not version and not referential.default_version,
    )


def _codes(reform: Reform) -> list[str]:
    return [domain.code for domain in reform.domains]


def _domain_map(reform: Reform, code: str, concepts: list[Concept]) -> DomainMap:
    """The domain's concepts, chapter by chapter first (what helps choose), then those in
    none of its chapters. A domain that takes over a former code gathers its concepts."""
    domain = reform.domain(code)
    former = domain.takes_over if domain else None
    chapters = tuple(
        _chapter_map(chapter, concepts) for chapter in reform.chapters if chapter.domain == code
    )
    tagged = tuple(
        (c.id, c.terme) for c in concepts if code in c.domaines or (former and former in c.domaines)
    )
    filed = {concept for chapter in chapters for concept in chapter.concepts}
    unfiled = tuple(pair for pair in tagged if pair not in filed)
    title = domain.title if domain else None
    attachment = domain.attachment if domain else None
    return DomainMap(code, title, tagged, chapters, unfiled, former, attachment)


def _chapter_map(chapter: LivretChapter, concepts: list[Concept]) -> ChapterMap:
    filed = tuple((c.id, c.terme) for c in concepts if chapter.number in c.chapitres)
    return ChapterMap(chapter.number, chapter.description, filed, chapter.source)
