"""Deterministic synthetic data sets for the benchmark: ``concepts.yaml`` + ``references.bib``.

``generate(folder, n)`` writes N concepts and N BibTeX entries in glossaire's formats
(docs/format.md) and returns what the benchmark needs to query them. The data is meant to
be valid (``glossaire --data <folder> check`` exits 0) and to look like what users write:
French text with accents, « » quotes, colons and ``#`` inside quoted strings, LaTeX accents
and ``@string`` macros in the BibTeX file.

Usable on its own: ``python bench/generate.py OUT_DIR [--sizes 100 1000]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

SEED = 20160422

# --- Vocabulary -------------------------------------------------------------------------------

HEADS = (  # (term, feminine?)
    ("Travail en réseau", False),
    ("Partenariat", False),
    ("Coopération", True),
    ("Coordination", True),
    ("Médiation", True),
    ("Accompagnement", False),
    ("Évaluation", True),
    ("Délégation", True),
    ("Mutualisation", True),
    ("Concertation", True),
    ("Projet", False),
    ("Dispositif", False),
    ("Intervention", True),
    ("Action", True),
    ("Démarche", True),
    ("Écoute", True),
    ("Référence", True),
    ("Prise en charge", True),
    ("Veille", True),
    ("Animation", True),
    ("Orientation", True),
    ("Participation", True),
    ("Insertion", True),
    ("Prévention", True),
    ("Contractualisation", True),
    ("Négociation", True),
    ("Œuvre commune", True),
    ("Maîtrise d'ouvrage", True),
    ("Instance", True),
    ("Commission", True),
)
QUALIFIERS = (  # (feminine, masculine)
    ("territoriale", "territorial"),
    ("institutionnelle", "institutionnel"),
    ("éducative", "éducatif"),
    ("sociale", "social"),
    ("collective", "collectif"),
    ("partagée", "partagé"),
    ("informelle", "informel"),
    ("contractuelle", "contractuel"),
    ("interservices", "interservices"),
    ("de proximité", "de proximité"),
    ("à distance", "à distance"),
    ("de première ligne", "de première ligne"),
    ("d'urgence", "d'urgence"),
    ("préventive", "préventif"),
    ("pluridisciplinaire", "pluridisciplinaire"),
    ("réciproque", "réciproque"),
    ("associative", "associatif"),
    ("médico-sociale", "médico-social"),
    ("intercommunale", "intercommunal"),
    ("départementale", "départemental"),
)
COMPLEMENTS = (
    "",
    "des familles",
    "en protection de l'enfance",
    "auprès des jeunes",
    "en milieu rural",
    "dans le quartier",
    "avec les bénévoles",
    "en foyer",
    "des personnes âgées",
    "en santé mentale",
    "par l'habitat",
    "en établissement",
    "hors les murs",
    "avec l'école",
    "du handicap",
    "de l'aide à domicile",
    "des mineurs non accompagnés",
    "en lien avec la justice",
    "à l'hôpital",
    "au sein du CCAS",
    "en chantier d'insertion",
)

SENTENCES = (
    "Le professionnel s'appuie sur des acteurs différents mais égaux",
    "La démarche suppose un engagement libre, mutuel et contractuel",
    "L'action se construit à partir d'objectifs et de projets communs",
    "Les institutions mettent en œuvre une coopération pour l'action et les financements",
    "Le groupe s'interroge : qui décide, qui apporte quoi, et à quel moment ?",
    "Il s'agit d'agir ensemble à partir d'un cadre élaboré en commun",
    "Cette forme de travail dépasse la simple mise en relation des personnes",
    "L'éducateur reçoit l'usager, écoute sa demande et l'oriente vers la bonne structure",
    "Le territoire délimite l'espace où s'exerce la compétence de chaque service",
    "La réciprocité des échanges fonde la confiance entre les partenaires",
    "On y voit une réponse à la décentralisation et à la territorialisation des politiques",
    "Le cadre d'intervention est rappelé en début de réunion : durée, rôle, confidentialité",
    "L'usager reste au centre : c'est sa situation qui justifie la coordination",
    "Chacun garde sa mission propre, mais accepte de perdre un peu d'autonomie",
    "La formalisation passe par une convention écrite, signée par les directions",
    "Le don et le contre-don entretiennent des liens que le contrat ne dit pas",
    "La mutualisation des moyens n'est pas une fin en soi, mais un outil au service du projet",
    "Le réseau détient une part de contacts propres au professionnel",
    "L'évaluation porte sur le processus autant que sur les résultats",
    "Les financeurs exigent désormais un appel à projets commun",
)
QUOTES = (
    "« agir ensemble » ne se décrète pas",
    "« faire avec » plutôt que « faire pour »",
    "« la personne au centre »",
    "« travailler ensemble, ce n'est pas travailler pareil »",
    "« un acteur collectif »",
)
TAGS = ("#partenariat", "#réseau", "#DC4", "#atelier", "#territoire")

# Word used by the benchmark's ``search`` on generated data: rare enough to be selective.
SEARCH_WORD = "interconnaissance"
SEARCH_SENTENCE = "L'interconnaissance entre les équipes précède toute coopération durable"

EXAMPLES = (
    "Trois associations d'un même quartier partagent un poste de secrétariat et une salle.",
    "L'ARS et la DRAC lancent un seul appel à projets : il faut y montrer un travail en réseau.",
    "Une éducatrice de prévention appelle la conseillère d'insertion qu'elle connaît bien.",
    "Le CCAS réunit chaque mois l'assistante sociale, le bailleur et l'association d'aide.",
    "Un stagiaire est accueilli : convention, objectifs de formation, points d'étape.",
    "La mission locale et le foyer de jeunes travailleurs co-animent un atelier « budget ».",
)
CHAPTERS = ("4.1", "4.1.2", "4.1.3", "4.2", "4.3", "4.10", "3.2", "2.1.4")
DOMAINS = ("DC1", "DC2", "DC3", "DC4")
NATURES = ("citation", "synthese", "atelier")

# (display family name with LaTeX accents where relevant, ascii key stem)
FAMILIES = (
    ("Dupont", "dupont"),
    ("Lef{\\`e}vre", "lefevre"),
    ("M{\\'e}nard", "menard"),
    ("Fran{\\c{c}}ois", "francois"),
    ("C{\\oe}ur", "coeur"),
    ("Br{\\'e}mond", "bremond"),
    ("Gar{\\c{c}}on", "garcon"),
    ("Delacroix", "delacroix"),
    ("Moreau", "moreau"),
    ("Fontaine", "fontaine"),
    ("Rousseau", "rousseau"),
    ("Lamarque", "lamarque"),
    ("H{\\'e}bert", "hebert"),
    ("Chevalier", "chevalier"),
    ("Bonnet", "bonnet"),
    ("Mercier", "mercier"),
    ("Faure", "faure"),
    ("Gauthier", "gauthier"),
    ("P{\\'e}rez", "perez"),
    ("Le Goff", "legoff"),
    ("Bouvier", "bouvier"),
    ("Ch{\\^a}telain", "chatelain"),
    ('No{\\"e}l', "noel"),
    ("Vasseur", "vasseur"),
)
GIVENS = (
    "Fabrice",
    "Claire",
    "H{\\'e}l{\\`e}ne",
    "Jos{\\'e}",
    "Fran{\\c{c}}oise",
    'Ga{\\"e}lle',
    "Marc",
    "Sophie",
    "J{\\'e}r{\\^o}me",
    "Anne-Laure",
    "R{\\'e}gis",
    "Nicole",
    "Thierry",
    "C{\\'e}line",
)
TITLES = (
    "Du travail social au travail ensemble",
    "Travailler en r{\\'e}seau",
    "Le partenariat {\\`a} l'{\\'e}preuve du terrain",
    "L'intervention sociale d'int{\\'e}r{\\^e}t collectif",
    "Territoires et action sociale",
    "Les mots du travail social",
    "Coop{\\'e}rer sans se confondre",
    "La coordination en protection de l'enfance",
    "Pratiques de m{\\'e}diation et fran{\\c{c}}ais de l'administration",
    "{\\OE}uvrer ensemble : l'exemple des CCAS",
    "Don, contre-don et solidarit{\\'e}s locales",
    "L'{\\'e}valuation des dispositifs d'insertion",
)
SUBTITLES = (
    "enjeux et méthodes",
    "une approche par les pratiques",
    "regards croisés",
    "du projet à l'action",
    "",
)
JOURNALS = (
    "Revue française des affaires sociales",
    "Vie sociale",
    "Informations sociales",
    "Empan",
    "Le Sociographe",
    "Pensée plurielle",
)
CITIES = ("Paris", "Lyon", "Rennes", "Toulouse", "Lille", "Marseille", "Nancy")
# @string macros: (name, value). Used unbraced as publisher values.
MACROS = (
    ("dunod", "Dunod"),
    ("ash", "{\\'E}ditions ASH"),
    ("ehesp", "Presses de l'EHESP"),
    ("eres", "{\\'E}r{\\`e}s"),
    ("decouverte", "La D{\\'e}couverte"),
    ("puf", "Presses universitaires de France"),
)
PUBLISHERS = ("Fayard", "Raisons d'agir", "{\\'E}ditions de Minuit", "L'Harmattan")
SCHOOLS = (
    "Universit{\\'e} Rennes 2",
    "Universit{\\'e} Lumi{\\`e}re Lyon 2",
    "{\\'E}cole des hautes {\\'e}tudes en sciences sociales",
)
INSTITUTIONS = (
    "Observatoire national de l'action sociale",
    "Direction de la recherche, des {\\'e}tudes, de l'{\\'e}valuation et des statistiques",
    "Inspection g{\\'e}n{\\'e}rale des affaires sociales",
)
ENTRY_TYPES = ("book", "article", "incollection", "phdthesis", "online", "techreport")


@dataclass(frozen=True)
class Generated:
    """Where a data set was written and what the benchmark queries in it."""

    folder: Path
    n: int
    first_term: str
    first_key: str
    search_word: str


# --- Helpers ----------------------------------------------------------------------------------


def ascii_slug(text: str) -> str:
    """« Maîtrise d'ouvrage » → maitrise-d-ouvrage (same rule as glossaire's ids)."""
    text = text.replace("œ", "oe").replace("Œ", "oe")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isascii() and c.isalnum() else "-" for c in decomposed if c.isascii())
    return "-".join(part for part in plain.split("-") if part)


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar (escapes backslashes and double quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_wrapped(text: str, indent: int, width: int = 92) -> str:
    """A long double-quoted scalar folded over several lines, as docs/format.md allows."""
    words = yaml_quoted(text).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return ("\n" + " " * indent).join(lines)


def key_suffix(number: int) -> str:
    """0 → a, 25 → z, 26 → aa, … (bundled keys never end with a letter after the year)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


# --- Concepts ---------------------------------------------------------------------------------


def make_terms(rng: random.Random, n: int) -> list[str]:
    """N distinct French terms: head, agreeing qualifier, complement."""
    combos = list(itertools.product(HEADS, QUALIFIERS, COMPLEMENTS))
    if n > len(combos):
        raise ValueError(f"at most {len(combos)} distinct terms")
    rng.shuffle(combos)
    terms = []
    for (head, feminine), (fem, masc), complement in combos[:n]:
        parts = (head, fem if feminine else masc, complement)
        terms.append(" ".join(part for part in parts if part))
    return terms


def plural(term: str) -> str:
    """A rough plural of the first word, as users list in ``variantes``."""
    head, _, rest = term.partition(" ")
    if head.endswith(("al", "ail")):
        head = head[: -len("al") if head.endswith("al") else -len("ail")] + "aux"
    else:
        head += "s"
    return f"{head} {rest}".strip().lower()


def definition_text(rng: random.Random, nature: str) -> str:
    count = rng.choice((1, 1, 2, 3, 5))
    sentences = rng.sample(SENTENCES, count)
    if rng.random() < 0.08:
        sentences.append(SEARCH_SENTENCE)
    text = " ".join(s if s.endswith("?") else s + "." for s in sentences)
    if nature == "citation" and rng.random() < 0.5:
        text = f"Selon l'auteur : {rng.choice(QUOTES)} ; {text[0].lower()}{text[1:]}"
    if rng.random() < 0.1:
        text += f" Voir le mot-clé {rng.choice(TAGS)} du groupe."
    return text


def definition_lines(rng: random.Random, keys: list[str]) -> list[str]:
    nature = rng.choice(NATURES)
    text = definition_text(rng, nature)
    texte = yaml_wrapped(text, 8) if len(text) > 300 and rng.random() < 0.5 else yaml_quoted(text)
    lines = [f"    - texte: {texte}"]
    if nature != "atelier" or rng.random() < 0.3:
        lines.append(f"      source: {rng.choice(keys)}")
        if rng.random() < 0.8:
            start = rng.randint(1, 400)
            page = str(start) if rng.random() < 0.6 else f"{start}-{start + rng.randint(1, 5)}"
            lines.append(f'      page: "{page}"')
    elif nature == "citation":
        lines.append(f"      source: {rng.choice(keys)}")
    lines.append(f"      nature: {nature}")
    return lines


def parent_of(rng: random.Random, index: int, depth: list[int]) -> int | None:
    """An earlier concept of depth < 2, so trees stay shallow and acyclic."""
    if index == 0 or rng.random() > 0.3:
        return None
    candidate = rng.randrange(max(0, index - 50), index)
    return candidate if depth[candidate] < 2 else None


def concept_block(
    rng: random.Random,
    index: int,
    ids: list[str],
    terms: list[str],
    keys: list[str],
    parent: int | None,
) -> list[str]:
    term = terms[index]
    lines = [f"- id: {ids[index]}", f"  terme: {yaml_quoted(term)}"]
    variants = [plural(term)]
    unaccented = term.lower().replace("é", "e")
    if unaccented != term.lower() and rng.random() < 0.3:
        variants.append(unaccented)
    lines.append("  variantes: [" + ", ".join(yaml_quoted(v) for v in variants) + "]")
    if parent is not None:
        lines.append(f"  parent: {ids[parent]}")
    lines.append("  definitions:")
    for _ in range(rng.randint(1, 3)):
        lines.extend(definition_lines(rng, keys))
    if len(ids) > 1 and rng.random() < 0.3:
        other = rng.choice([i for i in rng.sample(range(len(ids)), 2) if i != index])
        lines += [
            "  contrastes:",
            f"    - avec: {ids[other]}",
            "      difference: "
            + yaml_quoted(
                f"Là où « {term} » engage un cadre commun, « {terms[other]} » "
                "relève d'abord de la relation : pas d'obligation de s'engager."
            ),
        ]
    if rng.random() < 0.4:
        lines += ["  exemples:", f"    - texte: {yaml_quoted(rng.choice(EXAMPLES))}"]
        if rng.random() < 0.5:
            lines.append(f"      source: {rng.choice(keys)}")
    if rng.random() < 0.6:
        chapters = sorted(rng.sample(CHAPTERS, rng.randint(1, 3)))
        lines.append("  chapitres: [" + ", ".join(f'"{c}"' for c in chapters) + "]")
    if rng.random() < 0.3:
        lines.append(f"  domaines: [{rng.choice(DOMAINS)}]")
    if len(ids) > 2 and rng.random() < 0.2:
        others = sorted({ids[i] for i in rng.sample(range(len(ids)), 2)} - {ids[index]})
        if others:
            lines.append(f"  voir_aussi: [{', '.join(others)}]")
    if rng.random() < 0.1:
        lines.append('  notes: "Texte relevé en atelier # à vérifier avec la formatrice."')
    return lines


def concepts_yaml(rng: random.Random, n: int, keys: list[str]) -> tuple[str, str]:
    """The text of concepts.yaml and the terme of its first concept."""
    terms = make_terms(rng, n)
    ids = [f"{ascii_slug(term)}-{i + 1}" for i, term in enumerate(terms)]
    depth = [0] * n
    out = [
        f"# Données de banc d'essai : {n} concepts générés (graine {SEED}).",
        "# Format décrit dans docs/format.md.",
        "",
    ]
    for index in range(n):
        if index % 100 == 0:
            out += [f"# --- Concepts {index + 1} à {min(n, index + 100)} ---", ""]
        parent = parent_of(rng, index, depth)
        if parent is not None:
            depth[index] = depth[parent] + 1
        out += [*concept_block(rng, index, ids, terms, keys, parent), ""]
    return "\n".join(out), terms[0]


# --- References -------------------------------------------------------------------------------


def authors(rng: random.Random) -> tuple[str, str]:
    """The author field (1–5 people) and the ascii key stem of the first one."""
    count = rng.choice((1, 1, 1, 2, 2, 3, 4, 5))
    people = rng.sample(FAMILIES, count)
    return " and ".join(f"{family}, {rng.choice(GIVENS)}" for family, _ in people), people[0][1]


def publisher(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"  publisher = {rng.choice(MACROS)[0]},"
    return f"  publisher = {{{rng.choice(PUBLISHERS)}}},"


def title_fields(rng: random.Random) -> list[str]:
    lines = [f"  title     = {{{rng.choice(TITLES)}}},"]
    subtitle = rng.choice(SUBTITLES)
    if subtitle:
        lines.append(f"  subtitle  = {{{subtitle}}},")
    return lines


def type_fields(rng: random.Random, entry_type: str, year: int) -> list[str]:
    if entry_type == "book":
        return [publisher(rng), f"  address   = {{{rng.choice(CITIES)}}},"]
    if entry_type == "article":
        start = rng.randint(5, 180)
        return [
            f"  journaltitle = {{{rng.choice(JOURNALS)}}},",
            f"  volume    = {{{rng.randint(1, 60)}}},",
            f"  number    = {{{rng.randint(1, 4)}}},",
            f"  pages     = {{{start}--{start + rng.randint(5, 25)}}},",
        ]
    if entry_type == "incollection":
        editor, _ = authors(rng)
        start = rng.randint(5, 300)
        return [
            f"  editor    = {{{editor}}},",
            f"  booktitle = {{{rng.choice(TITLES)}}},",
            publisher(rng),
            f"  pages     = {{{start}--{start + rng.randint(5, 30)}}},",
        ]
    if entry_type == "phdthesis":
        return [f"  school    = {{{rng.choice(SCHOOLS)}}},"]
    if entry_type == "online":
        page = rng.randint(1, 99999)
        return [
            f"  url       = {{https://www.example.org/travail-social/{year}/{page}}},",
            f"  urldate   = {{2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}}},",
        ]
    return [
        f"  institution = {{{rng.choice(INSTITUTIONS)}}},",
        f"  number    = {{{rng.randint(100, 999)}}},",
    ]


def bib_entry(rng: random.Random, entry_type: str, key: str, author_field: str, year: int) -> str:
    lines = [f"@{entry_type}{{{key},", f"  author    = {{{author_field}}},", *title_fields(rng)]
    lines += type_fields(rng, entry_type, year)
    if rng.random() < 0.1:
        lines.append("  note      = {Cité dans le journal d'atelier : « à relire »},")
    lines.append(f"  year      = {{{year}}}")
    return "\n".join(lines) + "\n}\n"


def references_bib(rng: random.Random, n: int) -> tuple[str, list[str]]:
    """The text of references.bib and its keys, in file order."""
    out = [
        f"% Données de banc d'essai : {n} références générées (graine {SEED}).",
        "",
        *(f'@string{{{name} = "{value}"}}' for name, value in MACROS),
        "",
    ]
    keys: list[str] = []
    used: dict[str, int] = {}
    for index in range(n):
        author_field, stem = authors(rng)
        year = rng.randint(1965, 2023)
        base = f"{stem}{year}"
        key = base + key_suffix(used.get(base, 0))
        used[base] = used.get(base, 0) + 1
        keys.append(key)
        entry_type = ENTRY_TYPES[index % len(ENTRY_TYPES)]
        out.append(bib_entry(rng, entry_type, key, author_field, year))
    return "\n".join(out), keys


# --- Entry points -----------------------------------------------------------------------------


def generate(folder: Path, n: int, seed: int = SEED) -> Generated:
    """Write ``folder/concepts.yaml`` and ``folder/references.bib`` with N of each."""
    rng = random.Random(seed + n)
    folder.mkdir(parents=True, exist_ok=True)
    bib_text, keys = references_bib(rng, n)
    yaml_text, first_term = concepts_yaml(rng, n, keys)
    (folder / "references.bib").write_text(bib_text, encoding="utf-8")
    (folder / "concepts.yaml").write_text(yaml_text, encoding="utf-8")
    return Generated(folder, n, first_term, keys[0], SEARCH_WORD)


def generate_all(root: Path, sizes: tuple[int, ...]) -> dict[int, Generated]:
    """One ``root/n<N>/`` folder per size."""
    return {n: generate(root / f"n{n}", n) for n in sizes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder that receives n<N>/ subfolders")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--json", action="store_true", help="print what was written as JSON")
    args = parser.parse_args()
    sets = generate_all(args.out, tuple(args.sizes))
    if args.json:
        print(json.dumps([{**asdict(g), "folder": str(g.folder)} for g in sets.values()]))
        return
    for n, data in sets.items():
        print(f"n={n}: {data.folder}  (show {data.first_term!r}, cite {data.first_key})")


if __name__ == "__main__":
    main()
