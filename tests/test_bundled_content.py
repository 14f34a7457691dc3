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

# Only the tests that read the journal need it; the others check the bundled data alone and
# run on any clone.
needs_the_journal = pytest.mark.skipif(
    not SEED_JOURNAL.is_file(),
    reason="the workshop journal (../shared/seed) is not beside the repo",
)


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


# The journal's Deleuze and Guattari passages are a participant's transcription, not the book:
# a quotation of Mille plateaux is allowed only if its text and page were checked in a stored
# copy of the book, named here (an OCR of the 1980 Minuit edition; « sytèmes » on p. 25 is an
# OCR slip for « systèmes »).
MILLE_PLATEAUX_COPY = (
    "github.com/simonkral1/deleuze-graphrag, deleuze_corpus/clean_text/mille-plateaux.txt, "
    "commit d3e2c483df4ea54af17620de4666a99f105dfd89"
)
VERIFIED_IN_THE_BOOK = {
    (
        "A ces systèmes centrés, les auteurs opposent des systèmes acentrés, réseaux d'automates "
        "finis, où la communication se fait d'un voisin à un voisin quelconque, où les tiges ou "
        "canaux ne préexistent pas, où les individus sont tous interchangeables"
    ): "26",
    (
        "Les systèmes arborescents sont des systèmes hiérarchiques qui comportent des centres de "
        "signifiance et de subjectivation, des automates centraux comme des mémoires organisées."
    ): "25",
    "C'est curieux, comme l'arbre a dominé la réalité occidentale et toute la pensée occidentale": (
        "27"
    ),
    (
        "à la différence des arbres ou de leurs racines, le rhizome connecte un point quelconque "
        "avec un autre point quelconque"
    ): "31",
    (
        "Il n'est pas fait d'unités, mais de dimensions, ou plutôt de directions mouvantes. Il n'a "
        "pas de commencement ni de fin, mais toujours un milieu, par lequel il pousse et déborde."
    ): "31",
    (
        "le rhizome est un système acentré, non hiérarchique et non signifiant, sans Général, sans "
        "mémoire organisatrice ou automate central, uniquement défini par une circulation d'états"
    ): "32",
}


def _quotations() -> list[tuple[str, str | None, str | None, str]]:
    """(concept, source, page, text) of every definition and example given as a quotation."""
    found = []
    for concept in load_dataset().concepts.values():
        for d in concept.definitions:
            if d.nature == "citation":
                found.append((concept.id, d.source, d.page, d.texte))
        for e in concept.exemples:
            if e.nature == "citation":
                found.append((concept.id, e.source, None, e.texte))
    return found


@needs_the_journal
def test_every_quotation_is_verbatim_in_the_journal() -> None:
    """Except the Mille plateaux quotations checked in the book, each quotation is the
    journal's exact text, whoever the journal quotes."""
    journal = _flat(SEED_JOURNAL.read_text(encoding="utf-8"))
    quotations = [q for q in _quotations() if q[1] != "deleuze1980"]
    assert len(quotations) >= 10
    for concept_id, _source, _page, quotation in quotations:
        assert _flat(quotation) in journal, f"{concept_id}: not verbatim in the journal"


@needs_the_journal
def test_no_mille_plateaux_quotation_without_the_book_checked() -> None:
    """A quotation of Deleuze and Guattari is one checked in the book, with its page; the
    journal's transcriptions are the workshop's reading (nature « lecture »)."""
    quoted = [q for q in _quotations() if q[1] == "deleuze1980"]
    assert quoted
    for concept_id, _source, page, text in quoted:
        assert text in VERIFIED_IN_THE_BOOK, f"{concept_id}: not checked in {MILLE_PLATEAUX_COPY}"
        assert page == VERIFIED_IN_THE_BOOK[text], concept_id
    journal = _flat(SEED_JOURNAL.read_text(encoding="utf-8"))
    for text in VERIFIED_IN_THE_BOOK:
        assert _flat(text) not in journal  # the book's words, not the journal's


def test_the_journal_transcriptions_of_mille_plateaux_are_not_quotations() -> None:
    for concept in load_dataset().concepts.values():
        for d in concept.definitions:
            if d.nature == "citation":
                assert "voisin actif" not in d.texte and "à dominer" not in d.texte, concept.id


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


@needs_the_journal
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


@needs_the_journal
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


def test_quotation_pages_are_kept() -> None:
    """Dhume's page as the journal gives it; Deleuze and Guattari's as the book has them."""
    pages = {(source, page) for _, source, page, _ in _quotations() if page}
    expected = {("dhume2001", "111"), *(("deleuze1980", p) for p in ("25", "26", "27", "31", "32"))}
    assert pages == expected


def test_every_quotation_is_shown_in_guillemets_with_source_and_page(invoke: Invoke) -> None:
    """On the card, each quotation is in « » (no-break spaces), with its source's in-text
    citation, page included, as ``cite`` gives it."""
    for concept_id, source, page, text in _quotations():
        card = invoke("show", concept_id).stdout
        assert f"«\u00a0{text.strip()}\u00a0»" in card, concept_id
        args = ["cite", str(source), "-f", "json", *(["-p", page] if page else [])]
        cited = json.loads(invoke(*args).stdout)["dans_le_texte"]
        assert cited in card, (concept_id, cited)


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
    """« sd » (sans date) stands for the year of an undated source."""
    for reference in load_dataset().references.values():
        author = reference.authors[0].last
        year = reference.year if reference.year.isdigit() else "sd"
        expected = re.sub(r"[^a-z]", "", fold(author.split()[0])) + year
        assert reference.key == expected


def test_the_journal_year_key_leads_to_the_catalogue_entry(invoke: Invoke) -> None:
    """The journal dates Dumoulin et al. 2006; the entry follows the 2003 first edition."""
    result = invoke("show", "réseau")
    assert "(Dumoulin et al. 2003)" in result.stdout
    dataset = load_dataset()
    assert "dumoulin2006" in dataset.references["dumoulin2003"].aliases


def test_the_typology_keeps_the_articles_order(invoke: Invoke) -> None:
    """Haeuw and Garnier number their types 1 Échange, 2 Coopération, 3 Collaboration."""
    typology = invoke("show", "mutualisation").stdout.split("Typologie", 1)[1]
    types = ("Échange", "Coopération", "Collaboration")
    positions = [typology.index(f"── {term}\n") for term in types]
    assert positions == sorted(positions)
