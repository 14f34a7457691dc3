"""The bundled glossary is faithful to the workshop journal and keeps its participants private."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from glossaire.loading.dataset import load_dataset
from glossaire.text import fold
from tests.conftest import REPO, SEED_JOURNAL, Invoke

pytestmark = pytest.mark.skipif(
    not SEED_JOURNAL.is_file(),
    reason="the workshop journal (../shared/seed) is not beside the repo",
)


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def test_every_quotation_is_verbatim_in_the_journal() -> None:
    journal = _flat(SEED_JOURNAL.read_text(encoding="utf-8"))
    dataset = load_dataset()
    quotations = [
        (concept.id, definition.texte)
        for concept in dataset.concepts.values()
        for definition in concept.definitions
        if definition.nature == "citation"
    ]
    assert len(quotations) >= 4
    for concept_id, quotation in quotations:
        assert _flat(quotation) in journal, f"{concept_id}: not verbatim in the journal"


def test_every_concept_has_a_sourced_definition() -> None:
    dataset = load_dataset()
    for concept in dataset.concepts.values():
        assert any(d.source in dataset.references for d in concept.definitions), concept.id


def _participant_names() -> set[str]:
    """Speakers of the journal (« Prénom : … » at least twice), read from the journal itself
    so that no name has to be written in this repository."""
    speakers = Counter(
        match.group(1)
        for line in SEED_JOURNAL.read_text(encoding="utf-8").splitlines()
        if (match := re.match(r"\s*([A-Z][a-zé]+(?:-[A-Z][a-zé]+)?)(?: [A-Z]{2,})? ?:", line))
    )
    return {name for name, count in speakers.items() if count >= 2}


def test_no_participant_name_appears_in_the_product() -> None:
    names = _participant_names()
    assert len(names) >= 4  # the extraction works, so the check below can fail
    files = [
        path
        for folder in ("data", "docs", "glossaire", "tests")
        for path in (REPO / folder).rglob("*")
        if path.is_file() and path.suffix in {".yaml", ".bib", ".md", ".py", ".txt", ".json", ".po"}
    ] + [REPO / "README.md"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert not re.search(rf"\b{re.escape(name)}\b", text), f"{name} in {path.name}"


# Names of the workshop's structures and employers, and participants' family names, as
# truncated SHA-256 of their folded form: the test can look for them without this repository
# ever containing them. (First names are read from the journal above.)
_PRIVATE_DIGESTS = frozenset(
    {
        "82fd3121da441ee9",
        "9723afc18c498689",
        "b2dfbc41bd952753",
        "725e6137db1d2436",
        "38489596484a3ca8",
        "fd3d00e28a50a56b",
        "81f5c5cc7961139d",
        "8a1c78dac728edd0",
        "7c744f139a68e6cf",
        "9c553c0dd384e102",
        "31c6d386dc105338",
        "4e1cdcb1b176f18c",
        "bf048e4a5e10eb99",
        "2441278012d12153",
        "a9a86e84fcb5542f",
        "c73142c2219fd59c",
        "9543393f2de0ac1f",
        "30a768aae9e83382",
    }
)


def _private_words_in(text: str) -> set[str]:
    words = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    found = set()
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            gram = " ".join(words[start : start + size])
            if hashlib.sha256(gram.encode()).hexdigest()[:16] in _PRIVATE_DIGESTS:
                found.add(gram)
    return found


def _product_files() -> list[Path]:
    return [
        path
        for folder in ("data", "docs", "glossaire", "tests", "tools", "bench")
        if (REPO / folder).is_dir()
        for path in (REPO / folder).rglob("*")
        if path.is_file()
        and "node_modules" not in path.parts
        and path.suffix in {".yaml", ".bib", ".md", ".py", ".txt", ".json", ".po", ".js", ".html"}
    ] + [REPO / "README.md"]


def test_no_structure_or_employer_name_appears_in_the_product() -> None:
    # The digests do match the journal, so this check can fail.
    assert len(_private_words_in(SEED_JOURNAL.read_text(encoding="utf-8"))) >= 10
    for path in _product_files():
        found = _private_words_in(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(REPO)} names a structure or a person"


# Every notion issue 4 names, as a candidate would type it.
NATURAL_NAMES = {
    "réseau": "reseau",
    "partenariat": "partenariat",
    "partenaire": "partenaire",
    "coéquipier": "partenaire",
    "partenariat institutionnel": "partenariat-institutionnel",
    "travail inter-institutions": "travail-inter-institutions",
    "travail inter-services": "travail-inter-services",
    "territoire": "territoire",
    "territoire d'action": "territoire-d-action",
    "territoire administratif": "territoire-administratif",
    "territoire géographique": "territoire-geographique",
    "mutualisation": "mutualisation",
    "échange": "echange",
    "coopération": "cooperation",
    "collaboration": "collaboration",
    "échange réciproque de ressources": "echange-reciproque-de-ressources",
    "échange de bonnes pratiques": "echange-de-bonnes-pratiques",
    "ressources immatérielles": "echange-de-bonnes-pratiques",
    "coopérative d'achat": "cooperative-d-achat",
    "complémentarité": "complementarite",
    "consortium": "consortium",
    "carnet d'adresses": "carnet-d-adresses",
    "donneur d'ordre": "donneur-d-ordre",
    "don et contre-don": "don-et-contre-don",
    "réseau interne": "reseau-interne",
    "réseau externe": "reseau-externe",
    "système a-centré": "systeme-a-centre",
    "toile": "systeme-a-centre",
    "filet": "systeme-a-centre",
    "arborescence": "arborescence",
    "rhizome": "rhizome",
    "institutionnalisation": "institutionnalisation",
    "capitalisation et transmission de connaissances": (
        "capitalisation-et-transmission-de-connaissances"
    ),
}


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@pytest.mark.parametrize("name", sorted(NATURAL_NAMES))
def test_every_named_concept_resolves_with_and_without_accents(invoke: Invoke, name: str) -> None:
    for typed in {name, _without_accents(name), name.upper()}:
        result = invoke("show", typed, "--format", "json")
        assert result.exit_code == 0, (typed, result.stderr)
        assert json.loads(result.stdout)["id"] == NATURAL_NAMES[name], typed


def test_the_glossary_is_complete_and_clean(invoke: Invoke) -> None:
    dataset = load_dataset()
    assert len(dataset.concepts) >= 25
    result = invoke("check")
    assert result.exit_code == 0, result.stdout
    assert "aucune erreur" in result.stdout


def test_every_contrast_is_drawn_from_both_sides() -> None:
    concepts = load_dataset().concepts
    pairs = {(c.id, k.avec) for c in concepts.values() for k in c.contrastes}
    assert len(pairs) >= 20
    assert {(b, a) for a, b in pairs} == pairs
    for a, b in (
        ("reseau", "partenariat"),
        ("partenaire", "donneur-d-ordre"),
        ("reseau", "carnet-d-adresses"),
        ("territoire-d-action", "territoire-administratif"),
        ("arborescence", "rhizome"),
        ("arborescence", "systeme-a-centre"),
        ("rhizome", "systeme-a-centre"),
        ("echange", "cooperation"),
        ("echange", "collaboration"),
        ("cooperation", "collaboration"),
    ):
        assert (a, b) in pairs


def test_the_typology_is_a_tree_under_mutualisation(invoke: Invoke) -> None:
    concepts = load_dataset().concepts
    assert {c.id for c in concepts.values() if c.parent == "mutualisation"} == {
        "echange",
        "cooperation",
        "collaboration",
    }
    assert concepts["consortium"].parent == "collaboration"
    typology = invoke("show", "mutualisation").stdout.split("Typologie", 1)[1]
    for term in ("Échange réciproque de ressources", "Coopérative d'achat", "Consortium"):
        assert term in typology


def test_pages_the_journal_gives_are_kept() -> None:
    concepts = load_dataset().concepts
    pages = {
        (d.source, d.page)
        for c in concepts.values()
        for d in c.definitions
        if d.nature == "citation" and d.page
    }
    expected = {("dhume2001", "111"), *(("deleuze1980", p) for p in ("21", "25", "27"))}
    assert expected <= pages


@pytest.mark.parametrize(
    ("concept_id", "words"),
    [
        ("partenariat", ("ARS", "DRAC", "enveloppe unique")),
        ("reseau", ("réduction des risques",)),
        ("capitalisation-et-transmission-de-connaissances", ("gardiens d'immeuble",)),
        ("travail-inter-institutions", ("stagiaire", "IRTS")),
        ("territoire-administratif", ("jeunes femmes", "découpage administratif")),
        ("partenariat", ("haies", "paysage")),
        ("echange-reciproque-de-ressources", ("briques",)),
        ("cooperative-d-achat", ("bétonnière",)),
        ("consortium", ("église",)),
    ],
)
def test_the_journal_examples_are_there(concept_id: str, words: tuple[str, ...]) -> None:
    examples = " ".join(e.texte for e in load_dataset().concepts[concept_id].exemples)
    for word in words:
        assert word in examples


def test_reference_keys_are_first_author_and_year() -> None:
    for reference in load_dataset().references.values():
        author = reference.authors[0].last
        expected = re.sub(r"[^a-z]", "", fold(author.split()[0])) + reference.year
        assert reference.key == expected


def test_the_journal_year_key_leads_to_the_catalogue_entry(invoke: Invoke) -> None:
    """The journal dates Dumoulin et al. 2006; the entry follows the 2003 first edition."""
    result = invoke("show", "réseau")
    assert "(Dumoulin et al. 2003)" in result.stdout
    dataset = load_dataset()
    assert "dumoulin2006" in dataset.references["dumoulin2003"].aliases
