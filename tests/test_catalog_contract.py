"""The catalog contract (``glossaire/catalog/contract.py``): the index and the files read into
memory give the same answer to every question a service may ask.

Each test runs on both implementations (``implementation``: « memory » is
``MemoryCatalog(load_dataset(...))``, « index » is ``open_indexed(...)``) and on three data
sets (``data_name``): the bundled data, a small group folder written by hand to hold every
variant (plurals, accents, parents, contrasts, ``ids`` aliases, overrides, a Windows-1252
file, « Ma définition »), and 1 000 generated concepts and references (``bench/generate.py``).
The expected answers come from what the files say (``load_dataset``), computed here with
plain Python, or, for matching, from the other implementation (``twin``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from glossaire.catalog.contract import (
    Catalog,
    ListedConcept,
    ListedConcepts,
    NewReference,
    StagedEntries,
)
from glossaire.catalog.index.build import open_indexed
from glossaire.catalog.matching import folded, search_needle, searchable_fields
from glossaire.catalog.memory import MemoryCatalog
from glossaire.errors import AmbiguousConcept, ConceptNotFound
from glossaire.loading.bibtex_refs import parse_references
from glossaire.loading.dataset import load_dataset
from glossaire.loading.yaml_concepts import parse_concepts
from glossaire.loading.yaml_personal import parse_personal
from glossaire.model.concept import Concept
from glossaire.model.dataset import DataSet
from glossaire.model.reference import work_identities
from glossaire.services.check import check_dataset
from glossaire.text import fold, french_sort_key
from tests.conftest import Invoke

IMPLEMENTATIONS = ("memory", "index")
DATA_SETS = ("bundled", "small", "bench")
REPO = Path(__file__).resolve().parent.parent

SMALL_CONCEPTS = """# Concepts du groupe : variantes, pluriels, parents, contrastes
- id: maillage
  terme: Maillage
  variantes: [maillages, "filet de partenaires"]
  definitions:
    - texte: "Un filet : « serré » # et solide"
      source: dumoulin2006
      page: "12"
      nature: citation
  chapitres: ["4.1", "4.10"]
  domaines: [DC4]
  voir_aussi: [reseau]
  notes: "Mot du groupe."

- id: maillage-territorial
  terme: Maillage territorial
  parent: maillage
  definitions:
    - texte: "Le maillage à l'échelle d'un territoire."
      source: roux2012
  contrastes:
    - avec: reseau
      difference: "Le maillage couvre un espace ; le réseau relie des personnes."

- id: maillage-associatif
  terme: Maillage associatif
  parent: maillage
  exemples:
    - texte: "Trois associations partagent une salle."
      source: simon2019

- id: journal-de-bord
  terme: Journal de bord
  variantes: [journal]

- id: cheval-de-trait
  terme: Cheval de trait
  variantes: [cheval]

- id: ecoute
  terme: Écoute
  variantes: ["écoute active"]
  remarque: "un champ inconnu : un problème que check signale"

- id: coop-locale
  terme: Coopérative
  variantes: [coop]

- id: coop-rurale
  terme: Coopérative
  variantes: [coop]

- id: reseau
  terme: Réseau (groupe)
  variantes: [réseaux]
  parent: maillage
"""

SMALL_REFERENCES = r"""@string{ash = {{\'E}ditions ASH}}

@book{roux2013,
  ids = {roux2012, roux-sd},
  author = {Roux, L{\'e}a},
  title = {Le maillage},
  publisher = ash,
  year = {2013},
}

@article{simon2019,
  author = {Simon, Th{\'e}o and others},
  title = {Coop{\'e}rer},
  journaltitle = {Vie sociale},
  year = {2019},
}

@book{dhume2001,
  author = {Dhume, Fabrice},
  title = {Autre {\'e}dition},
  publisher = {ASH},
  year = {2002},
}
"""

# A second .bib file, saved by an old Windows editor: read, with an « encodage » warning.
SMALL_ZOTERO_CP1252 = "@misc{latin2020, title = {Café}, year = 2020, note = {été}}\n".encode(
    "cp1252"
)

SMALL_PERSONAL = """- id: reseau
  texte: "Pour moi : un filet."
  date: "2026-01-02 10:00"
- id: maillage
  texte: "Ce qui tient."
  date: "2026-01-03 10:00"
- id: reseau
  texte: "Plutôt : des liens."
  date: "2026-01-04 10:00"
"""


@dataclass
class DataEnv:
    """One data set: its ``--data`` value and the environment a command would run in."""

    data_option: str | None
    env: dict[str, str]
    target: Path  # the folder a write goes to
    user_dir: Path
    _shared: dict[str, Any] = field(default_factory=dict)

    def open(self, implementation: str) -> Catalog:
        """A new catalog of this implementation (the index is built on first use)."""
        with pytest.MonkeyPatch.context() as patch:
            for name in ("GLOSSAIRE_DATA", "GLOSSAIRE_INDEX"):
                patch.delenv(name, raising=False)
            for name, value in self.env.items():
                patch.setenv(name, value)
            if implementation == "memory":
                return MemoryCatalog(load_dataset(self.data_option))
            return open_indexed(self.data_option)

    def shared(self, implementation: str) -> Catalog:
        """One catalog per module, for the tests that only read."""
        if implementation not in self._shared:
            self._shared[implementation] = self.open(implementation)
        return self._shared[implementation]

    def files(self) -> DataSet:
        """What the files say, read once, apart from both catalogs."""
        if "files" not in self._shared:
            with pytest.MonkeyPatch.context() as patch:
                for name, value in self.env.items():
                    patch.setenv(name, value)
                self._shared["files"] = load_dataset(self.data_option)
        return self._shared["files"]


def _environment(root: Path, user_dir: Path) -> dict[str, str]:
    return {
        "GLOSSAIRE_USER_DIR": str(user_dir),
        "GLOSSAIRE_CONFIG_DIR": str(root / "réglages"),
        "GLOSSAIRE_CACHE_DIR": str(root / "cache"),
    }


@pytest.fixture(scope="module")
def data_envs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DataEnv]:
    """The three data sets, written once per module."""
    root = tmp_path_factory.mktemp("contrat")
    envs = {}

    bundled_user = root / "bundled-user"  # absent: the user has written nothing yet
    envs["bundled"] = DataEnv(
        None, _environment(root / "bundled", bundled_user), bundled_user, bundled_user
    )

    small = root / "small"
    small.mkdir()
    (small / "concepts.yaml").write_text(SMALL_CONCEPTS, "utf-8")
    (small / "references.bib").write_text(SMALL_REFERENCES, "utf-8")
    (small / "zotero.bib").write_bytes(SMALL_ZOTERO_CP1252)
    shutil.copy(REPO / "data" / "referentiel.yaml", small / "referentiel.yaml")  # an override
    small_user = root / "small-user"
    small_user.mkdir()
    (small_user / "mes-definitions.yaml").write_text(SMALL_PERSONAL, "utf-8")
    envs["small"] = DataEnv(str(small), _environment(root / "small", small_user), small, small_user)

    bench = root / "bench"
    generate(bench, 1000)
    bench_user = root / "bench-user"
    envs["bench"] = DataEnv(str(bench), _environment(root / "bench", bench_user), bench, bench_user)
    return envs


@pytest.fixture(params=DATA_SETS)
def data_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=IMPLEMENTATIONS)
def implementation(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def data_env(data_envs: dict[str, DataEnv], data_name: str) -> DataEnv:
    return data_envs[data_name]


@pytest.fixture
def catalog(data_env: DataEnv, implementation: str) -> Catalog:
    """This implementation over this data set, shared by the reading tests of the module."""
    return data_env.shared(implementation)


@pytest.fixture
def twin(data_env: DataEnv, implementation: str) -> Catalog:
    """The other implementation over the same data set."""
    other = "index" if implementation == "memory" else "memory"
    return data_env.shared(other)


@pytest.fixture
def files(data_env: DataEnv) -> DataSet:
    return data_env.files()


# -- what the files say, in plain Python ----------------------------------------------------


def dictionary_order(concepts: Iterator[Concept] | list[Concept]) -> list[Concept]:
    return sorted(concepts, key=lambda c: french_sort_key(c.terme))


def sample(items: list[str], count: int = 60) -> list[str]:
    """Every item of a small list; an even spread over a large one, first and last included."""
    if len(items) <= count:
        return list(items)
    step = len(items) // count
    return [*items[::step], items[-1]]


def outcome(call: Callable[[], Any]) -> tuple[Any, ...]:
    """A call's answer, or the error it raised with what the user is told."""
    try:
        return ("réponse", call())
    except ConceptNotFound as error:
        return ("introuvable", error.query, error.suggestions)
    except AmbiguousConcept as error:
        return ("ambigu", error.query, error.candidates)


def queries_for(concept: Concept) -> list[str]:
    """What users type for a concept: id, term in other cases, without accents, variants,
    plurals, a typo."""
    term = concept.terme
    plural = term[:-2] + "aux" if term.endswith("al") else term + "s"
    return [
        concept.id,
        term,
        term.upper(),
        term.lower(),
        fold(term),
        term.replace(" ", "-"),
        plural,
        term[:-1] + "z",
        *concept.variantes,
        *(variant.upper() for variant in concept.variantes),
    ]


NEEDLES = (
    "maillage",
    "Réseau",
    "ÉCOUTE",
    "écoute",
    "filet",
    "« serré »",
    "l'échelle",
    "contre-don",
    "coop",
    "interconnaissance",
    "partenariat",
    "ma",  # fewer than 3 characters: no trigram
    "é",
    "x",
    "zzz-introuvable",
    '"guillemets"',
)


def expected_search(in_order: list[Concept], needle: str, limit: int | None) -> tuple[list, int]:
    """``search_candidates`` by its definition: concepts whose searchable fields hold the
    needle, those whose term holds it first, each group in dictionary order."""
    hits = [c for c in in_order if any(needle in folded(t) for _l, t in searchable_fields(c))]
    in_term = [c for c in hits if needle in folded(c.terme)]
    rest = [c for c in hits if needle not in folded(c.terme)]
    ordered = in_term + rest
    return (ordered if limit is None else ordered[:limit]), len(ordered)


def expected_aliases(files: DataSet) -> dict[str, str]:
    """Alias → key: an alias that is a key names that entry, never another."""
    return {
        alias: reference.key
        for reference in files.references.values()
        for alias in reference.aliases
        if alias not in files.references
    }


# -- concepts -------------------------------------------------------------------------------


def test_concepts_are_those_of_the_files(catalog: Catalog, files: DataSet) -> None:
    """Same ids, same count, same entries (sampled), same answers for unknown ids."""
    assert sorted(catalog.concepts) == sorted(files.concepts)
    assert len(catalog.concepts) == len(files.concepts)
    for concept_id in sample(list(files.concepts)):
        assert concept_id in catalog.concepts
        assert catalog.concepts[concept_id] == files.concepts[concept_id]
    assert "pas-un-concept" not in catalog.concepts
    assert catalog.concepts.get("pas-un-concept") is None
    with pytest.raises(KeyError):
        catalog.concepts["pas-un-concept"]


def test_sorted_and_listed_concepts_are_in_dictionary_order(
    catalog: Catalog, files: DataSet
) -> None:
    """Dictionary order of terms (é with e, ties kept in file order), for cards and listings."""
    ordered = dictionary_order(list(files.concepts.values()))
    assert catalog.sorted_concepts() == ordered
    assert list(catalog.listed_concepts()) == [
        ListedConcept(c.id, c.terme, c.chapitres, c.domaines) for c in ordered
    ]


def test_children_and_terms(catalog: Catalog, files: DataSet) -> None:
    """Typology children in file order (the author's); a term, or the id itself when unknown."""
    in_files = list(files.concepts.values())
    parents = {c.parent for c in in_files if c.parent}
    assert parents, "each data set has a typology"
    for concept_id in [*sample(sorted(parents)), *sample(list(files.concepts), 20)]:
        assert catalog.children_of(concept_id) == [c for c in in_files if c.parent == concept_id]
        assert catalog.term_of(concept_id) == files.concepts[concept_id].terme
    assert catalog.children_of("pas-un-concept") == []
    assert catalog.term_of("pas-un-concept") == "pas-un-concept"


def test_find_answers_like_the_other_catalog(
    catalog: Catalog, twin: Catalog, files: DataSet
) -> None:
    """Ids, terms, variants, plurals, case and accents, typos: same concept, or the same
    error with the same suggestions."""
    queries = [q for c in sample(list(files.concepts), 25) for q in queries_for(files.concepts[c])]
    queries += ["", "zzzz", "partenaria", "reseaux", "Réseaux", "x"]
    found = 0
    for query in queries:
        mine = outcome(lambda q=query: catalog.find(q))
        assert mine == outcome(lambda q=query: twin.find(q)), query
        found += mine[0] == "réponse"
        assert catalog.suggestions(query) == twin.suggestions(query), query
    assert found > len(queries) // 2  # the queries mostly name concepts


def test_find_on_the_small_set(data_envs: dict[str, DataEnv], implementation: str) -> None:
    """What each kind of query finds, told explicitly on the hand-written data."""
    catalog = data_envs["small"].shared(implementation)

    def found(query: str) -> str:
        return catalog.find(query).id

    assert found("maillage") == "maillage"  # id
    assert found("MAILLAGE TERRITORIAL") == "maillage-territorial"  # term, any case
    assert found("maillage-territorial") == "maillage-territorial"
    assert found("Filet de partenaires") == "maillage"  # variant
    assert found("ecoute") == "ecoute" and found("ÉCOUTE ACTIVE") == "ecoute"  # accents
    assert found("journaux") == "journal-de-bord"  # -aux → -al
    assert found("chevaux") == "cheval-de-trait"
    assert found("Maillages") == "maillage"
    assert found("réseaux") == "reseau"  # the group's concept overrides the bundled one
    assert catalog.find("réseau").terme == "Réseau (groupe)"
    assert found("partenariaux") == "partenariat"  # a bundled variant
    for ambiguous in ("coop", "Coopérative", "coopératives"):
        with pytest.raises(AmbiguousConcept) as raised:
            catalog.find(ambiguous)
        assert raised.value.candidates == ["Coopérative (coop-locale)", "Coopérative (coop-rurale)"]
    with pytest.raises(ConceptNotFound) as missing:
        catalog.find("maillagge")
    assert missing.value.suggestions[0].startswith("Maillage")
    with pytest.raises(ConceptNotFound) as nothing:
        catalog.find("zzzz")
    assert nothing.value.suggestions == []


# -- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [None, 0, 1, 5])
def test_search_candidates(catalog: Catalog, files: DataSet, limit: int | None) -> None:
    """The concepts holding the folded needle, term matches first, and how many in all;
    short needles (no trigram) and quotes included."""
    ordered = dictionary_order(list(files.concepts.values()))
    for query in NEEDLES:
        needle = search_needle(query)
        assert catalog.search_candidates(needle, limit) == expected_search(
            ordered, needle, limit
        ), query


def test_search_on_the_small_set(data_envs: dict[str, DataEnv], implementation: str) -> None:
    """Accents and case do not matter; terms holding the word come first; a limit keeps the
    first ones and still counts them all."""
    catalog = data_envs["small"].shared(implementation)
    shown, total = catalog.search_candidates(search_needle("MAILLAGE"), 2)
    assert [c.id for c in shown] == ["maillage", "maillage-associatif"] and total == 3
    # a definition (maillage) and a bundled variant (systeme-a-centre), in dictionary order
    hits, total = catalog.search_candidates(search_needle("filet"), None)
    assert [c.id for c in hits] == ["maillage", "systeme-a-centre"] and total == 2
    hits, _total = catalog.search_candidates(search_needle("l’ÉCHELLE"), None)
    assert [c.id for c in hits] == ["maillage-territorial"]


# -- references -----------------------------------------------------------------------------


def test_references_are_those_of_the_files(catalog: Catalog, files: DataSet) -> None:
    """Keys in file order (layers merged), sampled entries decoded the same way."""
    assert list(catalog.references) == list(files.references)
    assert len(catalog.references) == len(files.references)
    for key in sample(list(files.references), 40):
        assert key in catalog.references
        assert catalog.references[key] == files.references[key]
    assert "inconnu1999" not in catalog.references
    with pytest.raises(KeyError):
        catalog.references["inconnu1999"]


def test_keys_and_aliases(catalog: Catalog, files: DataSet) -> None:
    """A key names its entry; a biblatex ``ids`` alias names the entry listing it."""
    for key in sample(list(files.references), 40):
        assert catalog.canonical_key(key) == key
        assert catalog.has_reference(key)
    aliases = expected_aliases(files)
    for alias, key in aliases.items():
        assert catalog.canonical_key(alias) == key
        assert catalog.reference(alias) == files.references[key]
        assert catalog.has_reference(alias)
    for unknown in ("inconnu1999", ""):
        assert catalog.canonical_key(unknown) is None
        assert catalog.reference(unknown) is None
        assert not catalog.has_reference(unknown)
    for key in sample(list(files.references), 10):  # as BibTeX compares keys: case ignored
        same_but_case = [k for k in files.references if k.lower() == key.lower()]
        expected = key if len(same_but_case) == 1 else None
        assert catalog.canonical_key(key.upper()) in (key.upper(), expected)


def test_keys_and_aliases_on_the_small_set(
    data_envs: dict[str, DataEnv], implementation: str
) -> None:
    """The hand-written aliases, the bundled one, and the group's entry overriding a key."""
    catalog = data_envs["small"].shared(implementation)
    assert catalog.canonical_key("roux2012") == "roux2013"
    assert catalog.canonical_key("roux-sd") == "roux2013"
    assert catalog.canonical_key("dumoulin2006") == "dumoulin2003"
    reference = catalog.reference("roux2012")
    assert reference is not None and reference.fields["publisher"] == "Éditions ASH"
    overridden = catalog.reference("dhume2001")
    assert overridden is not None and overridden.title == "Autre édition"
    latin = catalog.reference("latin2020")
    assert latin is not None and latin.fields["note"] == "été"


def expected_works(files: DataSet) -> dict[tuple[str, ...], str]:
    """Each work identity of the files' references, held by the first entry having it."""
    found: dict[tuple[str, ...], str] = {}
    for reference in files.references.values():
        for identity in work_identities(reference):
            found.setdefault(identity, reference.key)
    return found


def test_works_holding_names_the_first_entry_of_each_work(catalog: Catalog, files: DataSet) -> None:
    """Every identity of every entry (DOI, ISBN, author + year + title) names the entry the
    files give it to first; identities nobody has are left out."""
    expected = expected_works(files)
    unknown = [("doi", "10.0/inconnu"), ("work", "book", "inconnu x", "1999", "rien")]
    assert catalog.works_holding([*expected, *unknown]) == expected
    assert catalog.works_holding([]) == {}
    for identity in sample(sorted(expected), 20):
        assert catalog.works_holding([identity]) == {identity: expected[identity]}


def test_works_holding_on_the_small_set(data_envs: dict[str, DataEnv], implementation: str) -> None:
    """Identities decoded from LaTeX and @string macros, and a group entry overriding a
    bundled key: its work is the group's, the bundled one is gone."""
    catalog = data_envs["small"].shared(implementation)
    roux = ("work", "book", "roux l", "2013", "le maillage")
    assert catalog.works_holding([roux]) == {roux: "roux2013"}
    assert catalog.works_holding([("work", "article", "simon t", "2019", "cooperer")])
    assert catalog.works_holding([("work", "book", "dhume f", "2002", "autre edition")]) == {
        ("work", "book", "dhume f", "2002", "autre edition"): "dhume2001"
    }
    bundled = ("work", "book", "dhume f", "2001", "du travail social au travail ensemble")
    assert catalog.works_holding([bundled]) == {}


# -- facts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["layers", "overrides", "problems", "warnings", "unreadable", "referential", "personal"],
)
def test_facts_are_those_of_the_files(catalog: Catalog, files: DataSet, name: str) -> None:
    """Layers, overrides, problems, warnings, the referential and « Ma définition »."""
    assert getattr(catalog.facts, name) == getattr(files.facts(), name)


def test_facts_on_the_small_set(data_envs: dict[str, DataEnv], implementation: str) -> None:
    """What the small set holds on purpose is there: so the comparisons above compare
    something."""
    facts = data_envs["small"].shared(implementation).facts
    assert [layer.name for layer in facts.layers] == ["intégrées", "groupe", "personnelles"]
    assert facts.layers[1].concept_count == 9 and facts.layers[1].reference_count == 4
    assert {(o.kind, o.key) for o in facts.overrides} == {
        ("concept", "reseau"),
        ("référence", "dhume2001"),
        ("référentiel", "DEES"),
    }
    assert [p.code for p in facts.problems] == ["champ-inconnu"]
    assert [(p.code, p.location.path.name) for p in facts.warnings] == [("encodage", "zotero.bib")]
    assert [v.text for v in facts.personal["reseau"]] == [
        "Pour moi : un filet.",
        "Plutôt : des liens.",
    ]
    latest = facts.personal_definition("reseau")
    assert latest is not None and latest.text == "Plutôt : des liens."
    assert facts.personal_definition("ecoute") is None


# -- rendered citations ---------------------------------------------------------------------


def test_remembered_citations_come_back(data_env: DataEnv, implementation: str) -> None:
    """What a command rendered is found again for the same style, output and cites only."""
    catalog = data_env.open(implementation)
    key = next(iter(data_env.files().references))
    cites = [(key, ""), (key, "12"), ("inconnu1999", "")]
    style = f"style-de-test-{implementation}"
    assert catalog.cached_citations(style, "text", cites) == {}
    first = {
        (key, ""): ("(Roux, 2013a)", "ROUX. Le maillage.", "roux2013b"),
        (key, "12"): ("(Roux, 2013, p. 12)", "", ""),
    }
    catalog.remember_citations(style, "text", first)
    assert catalog.cached_citations(style, "text", cites) == first
    assert catalog.cached_citations(style, "html", cites) == {}
    assert catalog.cached_citations("autre-style", "text", cites) == {}
    catalog.remember_citations(style, "text", {(key, ""): ("(Roux 2013)", "Roux.", "")})
    assert catalog.cached_citations(style, "text", [(key, "")]) == {
        (key, ""): ("(Roux 2013)", "Roux.", "")
    }


def test_namesakes_are_the_same_works_in_both_catalogs(catalog: Catalog, files: DataSet) -> None:
    """Same first author and year, read from LaTeX-encoded BibTeX (« Lef{\\`e}vre ») by the
    index and from decoded entries in memory: the same works, in file order."""
    from glossaire.model.reference import namesake_key

    by_key: dict[str, list[str]] = {}
    for reference in files.references.values():
        by_key.setdefault(namesake_key(reference), []).append(reference.key)
    groups = [keys for name, keys in by_key.items() if name and len(keys) > 1]
    for reference in sample(list(files.references.values()), 60):
        expected = [k for k in by_key.get(namesake_key(reference), []) if k != reference.key]
        found = [other.key for other in catalog.namesakes(reference)]
        assert found == (expected if namesake_key(reference) else []), reference.key
    for keys in groups[:20]:
        first = files.references[keys[0]]
        assert [other.key for other in catalog.namesakes(first)] == keys[1:]


# -- staging --------------------------------------------------------------------------------

NEW_CONCEPT = """- id: nouveau-maillon
  terme: Nouveau maillon
  variantes: ["maillons neufs"]
  parent: {parent}
  definitions:
    - texte: "Une zébrure dans le filet."
      source: neuf2023
  chapitres: ["9.9"]
  domaines: [DC2]
"""
NEW_REFERENCE = (
    "@book{neuf2024,\n  ids = {neuf2023},\n  author = {Neuf, Nina},\n"
    "  title = {Le maillon},\n  publisher = {P},\n  year = {2024},\n}"
)


@dataclass
class Staged:
    entries: StagedEntries
    concept: Concept
    parent: str
    personal_id: str


def staged_entries(data_env: DataEnv) -> Staged:
    """A concept, a reference and a « Ma définition », parsed as a write parses them back."""
    files = data_env.files()
    parent = sorted({c.parent for c in files.concepts.values() if c.parent})[0]
    concepts_path = data_env.target / "concepts.yaml"
    (concept,) = parse_concepts(NEW_CONCEPT.format(parent=parent), concepts_path).concepts
    (reference,) = parse_references(NEW_REFERENCE, data_env.target / "references.bib").references
    personal_id = sorted(files.concepts)[0]
    definitions, _problems, _unreadable = parse_personal(
        f'- id: {personal_id}\n  texte: "Version en attente."\n  date: "2026-05-01 09:00"\n',
        data_env.user_dir / "mes-definitions.yaml",
    )
    entries = StagedEntries(
        concepts=(concept,),
        references=(NewReference(reference, NEW_REFERENCE),),
        personal=tuple(definitions),
    )
    return Staged(entries, concept, parent, personal_id)


def answers(catalog: Catalog, staged: Staged) -> dict[str, Any]:
    """Every question of the contract, asked about the staged entries and their neighbours."""
    facts = catalog.facts
    return {
        "ids": sorted(catalog.concepts),
        "len": len(catalog.concepts),
        "new in concepts": "nouveau-maillon" in catalog.concepts,
        "new entry": catalog.concepts.get("nouveau-maillon"),
        "find variant": outcome(lambda: catalog.find("maillons neufs")),
        "find term": outcome(lambda: catalog.find("Nouveau maillon")),
        "suggestions": catalog.suggestions("nouveau maillom"),
        "sorted": catalog.sorted_concepts(),
        "listed": list(catalog.listed_concepts()),
        "children": catalog.children_of(staged.parent),
        "term": catalog.term_of("nouveau-maillon"),
        "search": catalog.search_candidates(search_needle("zébrure"), None),
        "search short": catalog.search_candidates("ze", 3),
        "references": list(catalog.references),
        "reference by alias": catalog.reference("neuf2023"),
        "has reference": catalog.has_reference("neuf2024"),
        "works": catalog.works_holding(work_identities(staged.entries.references[0].reference)),
        "personal": dict(facts.personal),
        "my definition": facts.personal_definition(staged.personal_id),
        "other facts": facts._replace(layers=(), personal={}),
    }


@pytest.fixture
def fresh(data_env: DataEnv, implementation: str) -> Catalog:
    """A catalog of its own: staging must not leak into the shared ones."""
    return data_env.open(implementation)


def test_staged_entries_are_seen_by_every_question(fresh: Catalog, data_env: DataEnv) -> None:
    """A write's checks run against the data set it would make: staged entries are found,
    listed, searched, children of their parent, and their reference answers to its alias."""
    staged = staged_entries(data_env)
    new = staged.concept
    before = sorted(fresh.concepts)
    fresh.stage(staged.entries)
    try:
        assert sorted(fresh.concepts) == sorted([*before, new.id])
        assert len(fresh.concepts) == len(before) + 1
        assert fresh.concepts["nouveau-maillon"] == new
        assert fresh.find("maillons neufs") == new and fresh.find("Nouveau Maillon") == new
        assert new in fresh.children_of(staged.parent)
        assert fresh.children_of(staged.parent)[-1] == new  # written last, listed last
        assert fresh.search_candidates(search_needle("zébrure"), None) == ([new], 1)
        listed = list(fresh.listed_concepts())
        assert ListedConcept(new.id, new.terme, ("9.9",), ("DC2",)) in listed
        assert [c.id for c in fresh.sorted_concepts()] == [c.id for c in listed]
        assert fresh.term_of("nouveau-maillon") == "Nouveau maillon"
        reference = fresh.reference("neuf2023")
        assert reference is not None and reference.key == "neuf2024"
        assert fresh.canonical_key("neuf2023") == "neuf2024" and fresh.has_reference("neuf2024")
        assert list(fresh.references)[-1] == "neuf2024"
        work = ("work", "book", "neuf n", "2024", "le maillon")
        assert fresh.works_holding([work]) == {work: "neuf2024"}
        mine = fresh.facts.personal_definition(staged.personal_id)
        assert mine is not None and mine.text == "Version en attente."
    finally:
        fresh.discard_staged()


def test_discarding_restores_every_answer(fresh: Catalog, data_env: DataEnv) -> None:
    """A refused write or a dry run leaves the catalog answering exactly as before, even
    after staging twice (a second ``stage`` replaces the first)."""
    staged = staged_entries(data_env)
    before = answers(fresh, staged)
    fresh.stage(staged.entries)
    assert answers(fresh, staged) != before
    fresh.stage(staged.entries._replace(personal=()))
    assert answers(fresh, staged)["my definition"] == before["my definition"]
    fresh.discard_staged()
    assert answers(fresh, staged) == before
    fresh.discard_staged()  # nothing staged: nothing happens
    assert answers(fresh, staged) == before
    assert fresh.facts == data_env.files().facts()


def test_staged_answers_are_the_same_in_both_catalogs(data_env: DataEnv) -> None:
    """With the same entries staged, the two implementations still agree on everything."""
    staged = staged_entries(data_env)
    memory, index = data_env.open("memory"), data_env.open("index")
    for catalog in (memory, index):
        catalog.stage(staged.entries)
    try:
        assert answers(memory, staged) == answers(index, staged)
    finally:
        for catalog in (memory, index):
            catalog.discard_staged()


def test_staged_layer_counts_are_the_same_in_both_catalogs(data_env: DataEnv) -> None:
    """``facts.layers`` is one of the questions staged entries must answer (contract.stage)."""
    staged = staged_entries(data_env)
    memory, index = data_env.open("memory"), data_env.open("index")
    for catalog in (memory, index):
        catalog.stage(staged.entries)
    try:
        assert memory.facts.layers == index.facts.layers
    finally:
        for catalog in (memory, index):
            catalog.discard_staged()


# -- check ----------------------------------------------------------------------------------

FAULTY_CONCEPTS = """- id: a
  terme: A
  parent: b
- id: b
  terme: B
  parent: c
- id: c
  terme: C
  parent: a
- id: orphelin
  terme: Orphelin
  parent: inconnu
  definitions:
    - texte: "Sans source connue."
      source: nulle2020
      nature: synthese
"""
FAULTY_REFERENCES = """@book{roux2013,
  ids = {simon2019},
  author = {Roux, L.},
  title = {Le maillage},
  publisher = {P},
  year = {2013},
}

@article{simon2019,
  author = {Simon, T. and others},
  title = {Coop},
  journaltitle = {Vie sociale},
  year = {2019},
  doi = {10.3917/vsoc.193.0033},
}

@article{simon2019a,
  author = {Simon, Théo},
  title = {Coop},
  journaltitle = {Vie sociale},
  year = {2019},
  doi = {https://doi.org/10.3917/VSOC.193.0033},
}
"""


def test_check_reports_what_the_rules_find_in_either_catalog(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """``check --format json`` lists the problems the registry of rules finds over either
    catalog: a dangling source and parent, a parent loop of three (once), an alias that is
    another entry's key, one work entered twice (the DOI written two ways)."""
    folder = group(concepts=FAULTY_CONCEPTS, references=FAULTY_REFERENCES)
    result = invoke("--data", str(folder), "check", "--format", "json")
    assert result.exit_code == 1, result.stderr
    reported = json.loads(result.stdout)
    for catalog in (MemoryCatalog(load_dataset(str(folder))), open_indexed(str(folder))):
        report = check_dataset(catalog)
        assert reported["problemes"] == [p.to_dict() for p in report.problems]
        assert (reported["concepts"], reported["references"]) == (
            report.concept_count,
            report.reference_count,
        )
    codes = [p["code"] for p in reported["problemes"]]
    assert sorted(codes) == [
        "cle-double",
        "concept-inconnu",
        "oeuvre-en-double",
        "parent-cycle",
        "source-inconnue",
    ]
    (twin,) = [p for p in reported["problemes"] if p["code"] == "oeuvre-en-double"]
    assert "« simon2019a » est la même œuvre que « simon2019 »" in twin["message"]
    assert "references.bib:9)" in twin["message"] and twin["ligne"] == 17
    (loop,) = [p for p in reported["problemes"] if p["code"] == "parent-cycle"]
    assert "a → b → c → a" in loop["message"] and loop["ligne"] == 3


# -- divergences this test found, now fixed -------------------------------------------


def test_an_entry_with_an_unsplittable_name_is_a_problem_in_both_catalogs(
    group: Callable[..., Path],
) -> None:
    """The files report the entry as a problem and leave it out; the index must agree."""
    folder = group(
        references="@book{dupont2000, author = {Dupont, Jean,}, title = {T}, "
        "publisher = {P}, year = {2000}}\n"
    )
    memory, index = MemoryCatalog(load_dataset(str(folder))), open_indexed(str(folder))
    assert [p.code for p in memory.facts.problems] == ["latex-invalide"]
    assert index.facts.problems == memory.facts.problems
    assert index.has_reference("dupont2000") == memory.has_reference("dupont2000")
    assert list(index.references) == list(memory.references)


def test_an_alias_shared_by_two_entries_names_the_same_entry_in_both_catalogs(
    group: Callable[..., Path],
) -> None:
    """A group entry reusing a bundled alias (later layer), or two entries of one file."""
    folder = group(
        references="@book{a2000, ids = {commun2000}, title = {A}, year = 2000}\n"
        "@book{b2001, ids = {commun2000}, title = {B}, year = 2001}\n"
        "@book{c2002, ids = {dumoulin2006}, title = {C}, year = 2002}\n"
    )
    memory, index = MemoryCatalog(load_dataset(str(folder))), open_indexed(str(folder))
    for alias in ("commun2000", "dumoulin2006"):
        assert index.canonical_key(alias) == memory.canonical_key(alias), alias


def test_aliases_written_with_latex_or_a_macro_are_the_same_in_both_catalogs(
    group: Callable[..., Path],
) -> None:
    """An ``ids`` alias holding a LaTeX accent or an @string macro answers the same way."""
    folder = group(
        references="@string{autre = {m2000}}\n"
        "@book{x2000, ids = {s{\\'e}bastien2000}, title = {T}, year = 2000}\n"
        "@book{y2000, ids = autre, title = {U}, year = 2000}\n"
    )
    memory, index = MemoryCatalog(load_dataset(str(folder))), open_indexed(str(folder))
    for alias in ("sébastien2000", "m2000"):
        assert memory.canonical_key(alias) is not None
        assert index.canonical_key(alias) == memory.canonical_key(alias), alias


def _info(invoke: Invoke, folder: str, index: bool) -> object:
    result = invoke(
        "--data", folder, "info", "--format", "json", env={"GLOSSAIRE_INDEX": str(int(index))}
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_citing_an_undecodable_entry_fails_the_same_way_with_the_index(
    invoke: Invoke, group: Callable[..., Path]
) -> None:
    """``cite`` of an entry the files report as unreadable: the same French error either way."""
    folder = group(
        references="@book{dupont2000, author = {Dupont, Jean,}, title = {T}, "
        "publisher = {P}, year = {2000}}\n"
    )
    files = invoke("--data", str(folder), "cite", "dupont2000", env={"GLOSSAIRE_INDEX": "0"})
    index = invoke("--data", str(folder), "cite", "dupont2000", env={"GLOSSAIRE_INDEX": "1"})
    assert files.exit_code == 1 and "aucune référence" in files.stderr
    assert (index.exit_code, index.stderr) == (files.exit_code, files.stderr)


@pytest.mark.parametrize(
    ("existing", "command", "stdin"),
    [
        (
            {"concepts.yaml": "- id: a\n  terme: A\n", "referentiel.yaml": None},
            ("add-ref",),
            "@book{roux2013, author = {Roux, L.}, title = {T}, publisher = {P}, year = 2013}",
        ),
        (
            {"references.bib": "% vide\n"},
            ("add", "b", "--terme", "B", "--definition", "D", "--source", "atelier2016"),
            None,
        ),
    ],
    ids=["add-ref next to referentiel.yaml", "add next to references.bib"],
)
def test_info_after_a_write_creating_a_file_is_the_same_with_the_index(
    invoke: Invoke,
    tmp_path: Path,
    existing: dict[str, str | None],
    command: tuple[str, ...],
    stdin: str | None,
) -> None:
    """The warm index after the write lists the layer's files as a fresh load does."""
    folder = tmp_path / "groupe"
    folder.mkdir()
    for name, text in existing.items():
        if text is None:
            shutil.copy(REPO / "data" / name, folder / name)
        else:
            (folder / name).write_text(text, "utf-8")
    _info(invoke, str(folder), index=True)  # a warm index, kept up to date by the write
    written = invoke("--data", str(folder), *command, input=stdin, env={"GLOSSAIRE_INDEX": "1"})
    assert written.exit_code == 0, written.stderr
    assert _info(invoke, str(folder), index=True) == _info(invoke, str(folder), index=False)


REFERENCES_FOR_PATHS = (
    "@book{roux2013, author = {Roux, L.}, title = {Le maillage}, publisher = {P}, year = 2013}\n"
)


def test_the_index_shows_the_paths_of_the_command_that_reads_it(
    invoke: Invoke, group: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One index serves ``--data groupe`` and ``--data /chemin/absolu/groupe``: the paths
    it shows must be right for both."""
    folder = group(concepts="- id: a\n  terme: A\n", references=REFERENCES_FOR_PATHS)
    monkeypatch.chdir(folder.parent)
    _info(invoke, folder.name, index=True)  # built from the relative path
    monkeypatch.chdir(folder)
    assert _info(invoke, str(folder), index=True) == _info(invoke, str(folder), index=False)


def test_listed_concepts_are_columns_that_read_as_rows() -> None:
    rows = [
        ListedConcept("a", "A", ("4.1",), ("DC1",)),
        ListedConcept("b", "B", (), ("DC2",)),
        ListedConcept("c", "C", ("4.2",), ()),
    ]
    listed = ListedConcepts.of(rows)
    assert list(listed) == rows and listed == rows and len(listed) == 3
    assert listed[1] == rows[1] and listed[-1] == rows[-1]
    assert list(listed[1:]) == rows[1:] and isinstance(listed[1:], ListedConcepts)
    assert list(listed.keep([True, False, True])) == [rows[0], rows[2]]
    assert listed.keep([False] * 3) == [] and ListedConcepts.of([]) == ListedConcepts()
    assert listed != ListedConcepts.of(rows[:2])
    with pytest.raises(ValueError):
        ListedConcepts(("a",), (), (), ())
