"""referentiel.yaml → ``Referential``: domains of competence per reform, livret 2 chapters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node

from glossaire.loading.yaml_nodes import Fields, NodeReader, compose_root
from glossaire.model.location import Location
from glossaire.model.problem import Problem
from glossaire.model.referential import Domain, LivretChapter, Referential, Reform

TOP_FIELDS = ("diplome", "referentiel_par_defaut", "referentiels")
REFORM_FIELDS = (
    "version",
    "texte",
    "source",
    "note",
    "en_vigueur",
    "transition",
    "domaines",
    "chapitres",
)
DOMAIN_FIELDS = ("code", "intitule", "reprend", "rattachement")
CHAPTER_FIELDS = ("numero", "description", "domaine", "source")


@dataclass
class ReferentialFile:
    path: Path
    referential: Referential | None = None
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False


def parse_referential(text: str, path: Path) -> ReferentialFile:
    """Parse referentiel.yaml; never raises for bad content, returns located problems."""
    result = ReferentialFile(path)
    root, result.unreadable = compose_root(
        text,
        path,
        MappingNode,
        "le fichier du référentiel doit être une suite de champs « nom: valeur ».",
        "Commencez par « diplome: DEES » puis « referentiels: ».",
        result.problems,
    )
    if root is None:
        return result
    result.referential = _ReferentialReader(path, result.problems).referential(root)
    return result


class _ReferentialReader(NodeReader):
    def referential(self, root: Node) -> Referential | None:
        fields = self.mapping(root, TOP_FIELDS, "le référentiel")
        if fields is None:
            return None
        diploma = self.required_text(root, fields, "diplome")
        reforms = self.items(fields, "referentiels", self._reform)
        if diploma is None:
            return None
        if not reforms:
            self.add(
                root,
                "champ-manquant",
                "le référentiel ne décrit aucune version (champ « referentiels »).",
                "Ajoutez au moins une version avec ses domaines de compétences.",
            )
            return None
        default = self.optional_text(fields, "referentiel_par_defaut")
        if default is not None and all(r.version != default for r in reforms):
            self.add(
                fields["referentiel_par_defaut"][1],
                "version-inconnue",
                f"la version par défaut « {default} » n'est décrite nulle part dans le fichier.",
                f"Versions décrites : {', '.join(r.version for r in reforms)}.",
            )
            default = None
        return Referential(diploma, Location(self.path, root.start_mark.line + 1), default, reforms)

    def _reform(self, node: Node) -> Reform | None:
        fields = self.mapping(node, REFORM_FIELDS, "une version du référentiel")
        if fields is None:
            return None
        version = self.required_text(node, fields, "version")
        if version is None:
            return None
        domains = self.items(fields, "domaines", self._domain)
        chapters = self.items(fields, "chapitres", self._chapter)
        codes = [d.code for d in domains]
        for chapter in chapters:
            if chapter.domain is not None and chapter.domain not in codes:
                self.problems.append(
                    Problem(
                        Location(self.path, chapter.line),
                        "domaine-inconnu",
                        f"le chapitre {chapter.number} renvoie au domaine « {chapter.domain} », "
                        f"absent de la version {version}.",
                        f"Domaines de cette version : {', '.join(codes) or 'aucun'}.",
                    )
                )
        return Reform(
            version=version,
            legal_text=self.optional_text(fields, "texte"),
            source=self.optional_text(fields, "source"),
            note=self.optional_text(fields, "note"),
            domains=domains,
            chapters=chapters,
            line=node.start_mark.line + 1,
            in_force=self._date(fields, "en_vigueur"),
            transition=self.optional_text(fields, "transition"),
        )

    def _date(self, fields: Fields, name: str) -> str | None:
        """An ISO date (« 2026-09-01 »), compared as text with today's."""
        value = self.optional_text(fields, name)
        if value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value
        self.add(
            fields[name][1],
            "date-invalide",
            f"« {value} » n'est pas une date au format AAAA-MM-JJ.",
            "Écrivez par exemple « 2026-09-01 » pour le 1er septembre 2026.",
        )
        return None

    def _domain(self, node: Node) -> Domain | None:
        fields = self.mapping(node, DOMAIN_FIELDS, "un domaine de compétences")
        if fields is None:
            return None
        code = self.required_text(node, fields, "code")
        if code is None:
            return None
        return Domain(
            code,
            self.optional_text(fields, "intitule"),
            node.start_mark.line + 1,
            self.optional_text(fields, "reprend"),
            self.optional_text(fields, "rattachement"),
        )

    def _chapter(self, node: Node) -> LivretChapter | None:
        fields = self.mapping(node, CHAPTER_FIELDS, "un chapitre du livret 2")
        if fields is None:
            return None
        number = self.required_text(node, fields, "numero")
        if number is None:
            return None
        return LivretChapter(
            number,
            self.optional_text(fields, "description"),
            self.optional_text(fields, "domaine"),
            node.start_mark.line + 1,
            self.optional_text(fields, "source"),
        )
