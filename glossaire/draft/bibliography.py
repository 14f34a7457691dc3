"""How a reference is written in a draft: its authors, year, title and pages, read from text.

Candidates write references in three shapes, and a draft often mixes them:

* ISO 690 (the norm most French schools of social work teach): « DHUME, Fabrice, 2001.
  Du travail social au travail ensemble. Paris : ASH. », or with the year at the end
  (« DHUME, Fabrice. Du travail social… Paris : ASH, 2001. »);
* APA: « Dhume, F. (2001). Du travail social au travail ensemble. ASH. »;
* the informal way of footnotes and of many bibliographies: « DHUME Fabrice, Du travail
  social au travail ensemble, éd ASH, 2001, p111 ».

All three start with the authors, so one reader serves a bibliography's paragraphs
(``parse_entry``) and the full references written in footnotes
(``citations.find_note_references``). The patterns for names, years and pages live here
too, since an in-text citation names its work the same way. Everything is read as written:
names keep their case (the service folds them) and nothing is looked up.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from glossaire.draft.model import BibliographyEntry
from glossaire.text import fold

# Latin letters only: Python's re has no \p{Lu}, and a name in a French draft is Latin.
_UPPER_CHARS = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
UP = f"[{re.escape(_UPPER_CHARS)}]"
LETTER = r"[^\W\d_]"
APOS = "['’ʼ]"
HYPHEN = "[-‑]"
CAPWORD = rf"{UP}{LETTER}*(?:{HYPHEN}{LETTER}+|{APOS}{LETTER}+)*"
NAMEWORD = rf"{UP}{LETTER}+(?:{HYPHEN}{LETTER}+|{APOS}{LETTER}+)*"  # « F » alone is an initial
# Lower-case particles belong to the name (« de Gaulejac », « d’Iribarne », « Van der Maren »).
PARTICLE = rf"(?:d{APOS}|(?:de\s+la|de|du|des|van\s+der|van\s+den|van|von|der|den|di|da|del|della|dos|das|ten|ter|zu|vom)\s+)"  # noqa: E501
INITIALS = rf"{UP}{LETTER}?\.(?:\s?{HYPHEN}?\s?{UP}{LETTER}?\.)*"
YEAR = r"(?<![\d/.,‑-])(?:1[5-9]\d\d|20\d\d)(?![\d/‑-]|[.,]\d)"
NO_DATE = r"(?<!\w)\[?(?:[sn]\.\s?d\.?|sans\s+date)\]?(?!\w)"  # ISO 690: « [sans date] »
SUFFIX = r"[a-h](?!\w)"
DASH = "[-‑–—]"
PAGES = (
    rf"(?<!\w)(?:[pP]ages?\s*|[pP]{{1,2}}\.?\s*)(?P<pages>\d+(?:\s*{DASH}\s*\d+)?"
    rf"|[ivxlcdmIVXLCDM]+(?!\w)(?:\s*{DASH}\s*[ivxlcdmIVXLCDM]+)?)"
    r"(?:\s*(?:et\s+s(?:uiv)?\.|sqq?\.|et\s+suivantes))?"
)
MAX_AUTHORS = 20  # more is no list of authors; the bound keeps every reading linear
ET_AL = r"(?:et|&)\s+al(?:ii|\.)?(?!\w)|et\s+coll(?:\.|aborateurs)?(?!\w)"


def words(text: str) -> frozenset[str]:
    """A set of folded words (no accent, no capital: compared with folded text), written
    as one string to keep word lists readable."""
    return frozenset(fold(word) for word in text.split())


MONTHS = words(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    " printemps été automne hiver"
)

# Words that no author's name holds: in a parenthesis, they mean a sentence, not a name.
PROSE_WORDS = words(
    "le la les l un une que qu qui quoi dont ce cet cette ces c est sont était a à ont avait"
    " été dans pour par sur avec sans sous entre vers il elle ils elles on nous vous je j se"
    " s sa son ses leur leurs mon ma mes notre nos votre vos depuis pendant après avant lors"
    " quand où ou mais donc car ni pas ne n plus très fait voir cf au aux ici selon soit"
)
# A first word that makes a legal text, a part of the draft or a date, not an author.
NOT_AN_AUTHOR = MONTHS | words(
    "loi lois décret arrêté circulaire article art ordonnance code annexe annexes chapitre"
    " partie tableau figure schéma page pages rapport bilan projet"
)
# Capitalised words that open a sentence before a narrative citation: « Selon Dhume (2001) ».
SENTENCE_WORDS = PROSE_WORDS | words(
    "selon pour chez comme ainsi or et puis enfin aussi alors cependant toutefois néanmoins"
    " pourtant lorsque si des du en d’après contrairement après avant parmi tandis bien même"
    " tout tous toute toutes également notamment citons ensuite voici voilà puisque madame"
    " monsieur mme"
)
# what « À Lille, », « En France, », « Pour Dhume, » open: a place or a complement
PREPOSITIONS = words(
    "à a au aux en dans chez sur sous vers depuis pour par avec sans entre contre de d du"
    " des le la l les un une après avant jusqu’à"
)

# Particles of a name, whatever their case: « de Gaulejac », « Le Breton », « Van der Maren ».
NAME_PARTICLES = words("de du des la le van von der den di da del della dos das ten ter zu vom")
# The first words of corporate authors written in full, kept whole (« Atelier VAE »).
_CORPORATE_WORDS = words(
    "académie agence assemblée association atelier caisse centre collectif comité commission"
    " conseil cour défenseur délégation direction département école éducation fédération"
    " fondation groupe haut haute inspection institut ministère mission observatoire office"
    " organisation réseau secrétariat sénat service syndicat union université"
)
_ACRONYM = re.compile(rf"{UP}{{2,}}\Z")


def surname_of(name: str) -> str:
    """A person's name as a sentence writes it, to the surname a citation uses: « Fabrice
    Dhume » → « Dhume », « Vincent de Gaulejac » → « de Gaulejac », « David Le Breton » →
    « Le Breton », « Philippe d’Iribarne » → « d’Iribarne »; a corporate author (« Atelier
    VAE », « Haute Autorité de Santé », « INSEE Première ») stays whole."""
    written = name.split()
    if len(written) == 1 or fold(written[0]) in _CORPORATE_WORDS or _ACRONYM.match(written[0]):
        return name
    for index, word in enumerate(written[:-1]):
        if fold(word) in NAME_PARTICLES:
            return " ".join(written[index:])
    return written[-1]


_INITIALS_ONLY = re.compile(rf"{INITIALS}\Z")
_TOKEN = re.compile(
    rf"(?P<tok>{INITIALS}(?!\w)|{PARTICLE}{{0,3}}{NAMEWORD}(?:\s+{PARTICLE}{{0,3}}{NAMEWORD}){{0,6}}"
    rf"(?:\s+{INITIALS})?)"
    # a name ends at a separator, a parenthesis, a full stop, or the end
    rf"(?:(?<=\.)|(?=\s*(?:[,;&(]|et\s|and\s|\.(?:\s|$)|$)))"
)
_SURNAME_RUN = re.compile(rf"(?:{NAMEWORD}\s*,\s*){{2,{MAX_AUTHORS}}}{NAMEWORD}\s*,")
_SEP = re.compile(r"\s*(?:,\s*)?(?:&|et\s+(?!al\b)|and\s+)\s*|\s*[,;]\s*")
_ETAL = re.compile(rf"\s*,?\s*(?:{ET_AL})")
_ALLCAPS = re.compile(rf"(?:{UP}{{2,}}(?:{HYPHEN}|{APOS})?)+\Z")
_YEAR_AT = re.compile(rf"(?P<year>{YEAR}|{NO_DATE})(?P<suffix>{SUFFIX})?")
_APA_YEAR = re.compile(
    rf"\s*\.?\s*\(\s*(?P<year>{YEAR}|{NO_DATE})(?P<suffix>{SUFFIX})?[^)]*\)\s*\.?"
)
_ISO_YEAR = re.compile(rf"\s*[,.]?\s*(?P<year>{YEAR}|{NO_DATE})(?P<suffix>{SUFFIX})?\s*(?:[.,]|$)")
_PAGES = re.compile(PAGES, re.IGNORECASE)
# A corporate author written with lower-case words, right before its date: « Stagiaire en
# formation de travailleur social. (s. d.) », « Conseil départemental du Nord, 2019. »
_CORPORATE = re.compile(
    rf"(?P<name>{UP}[^.,;:()\d]{{1,100}}?)\s*[.,]?\s*(?=\(\s*(?:{YEAR}|{NO_DATE})|(?:{YEAR}|{NO_DATE}))"
)
_QUOTED_TITLE = re.compile(r"\s*[«“\"]\s*(?P<title>[^«»“”\"]+?)\s*[»”\"]")
_SENTENCE_END = re.compile(r"(?<!\b\w)\.(?=\s|$)|(?<=[?!])(?=\s)")
_PUBLISHING = re.compile(  # what follows a title: a year, a publisher, pages, a link
    rf"{YEAR}|{NO_DATE}|^(?:[ée]d(?:\.|s\.|\b)|[ée]ditions?\b|presses\b|puf\b|coll\.|collection\b"
    r"|in\b|dans\b|p\.|pp\.|p\d|pages?\b|n°|no\.|vol\.|t\.|tome\b|chap|url\b|https?:|www\."
    r"|disponible\b|consult|isbn|doi|op\.\s*cit|ibid|id\.)",
    re.IGNORECASE,
)
_PLACE_OR_PUBLISHER = re.compile(  # « Paris », « Paris : ASH », « Minuit », « La Découverte »
    rf"(?:{CAPWORD}(?:\s*{HYPHEN}\s*{CAPWORD})?(?:\s*:\s*\S.*)?|(?:{CAPWORD}\s*){{2,3}})\Z"
)
# Where a full reference can begin in a note: « DHUME Fabrice », « HAEUW F. », « Dhume F. »,
# « INSEE, », « Dhume, F. ».
REFERENCE_START = re.compile(
    rf"(?<![\w’']){PARTICLE}{{0,3}}{UP}{{2,}}[{UP[1:-1]}’'‑-]*(?=\s*,|\s+{UP})"
    rf"|(?<![\w’']){PARTICLE}{{0,3}}{NAMEWORD}"
    rf"(?=,?\s+{INITIALS}|(?:\s*,\s*{NAMEWORD}){{2,{MAX_AUTHORS}}}\s*,)"
)
# A full reference written in a parenthesis starts the way a footnote's does, with a given
# name or initials: « (DHUME Fabrice, Du travail social…, éd ASH, 2001, p111) ».
FULL_REFERENCE_START = re.compile(
    rf"{PARTICLE}{{0,3}}{UP}{{2,}}[{UP[1:-1]}’'‑-]*\s+{NAMEWORD}\s*,"
    rf"|{PARTICLE}{{0,3}}{NAMEWORD},?\s+{INITIALS}"
)
_LIST_MARK = re.compile(r"^\s*(?:[-–—•*▪◦·]|\d{1,3}[.)]|\[\d{1,3}\])\s+")


class ReferenceParts(NamedTuple):
    """What ``read_reference`` found; ``start`` is where the authors begin in the text."""

    names: tuple[str, ...]
    et_al: bool
    year: str | None
    suffix: str
    title: str | None
    pages: str | None
    start: int
    dated: bool  # the year follows the authors (ISO 690, APA), not the title (informal)


def normalise_pages(pages: str | None) -> str | None:
    """« 12 ‑ 15 » → « 12-15 »: one spelling for comparison (the extract keeps the writing)."""
    if pages is None:
        return None
    return re.sub(DASH, "-", re.sub(r"\s+", "", pages))


def year_of(written: str) -> str | None:
    """A written year, or None for « s. d. », « n.d. », « sans date »."""
    return written if written.isdigit() else None


def read_reference(text: str, start: int = 0, *, corporate: bool = False) -> ReferenceParts | None:
    """The parts of a full reference that begins at ``start`` with its authors, or None when
    no author can be read there. Title, year and pages are None when not written.

    ``corporate``: also take any capitalised text right before the date for a corporate
    author; right in a bibliography, where every paragraph is a reference, too loose for a
    footnote (« Propos recueillis auprès de Léa, 2016 »)."""
    authors = _read_authors(text, start)
    if authors is None and corporate and (body := _CORPORATE.match(text, start)):
        authors = ((body["name"],), False, body.end("name"))
    if authors is None:
        return None
    names, et_al, end = authors
    year: str | None = None
    suffix = ""
    dated = False
    title_end = end
    if found := (_APA_YEAR.match(text, end) or _ISO_YEAR.match(text, end)):
        year, suffix, dated = year_of(found["year"]), found["suffix"] or "", True
        if found.group().rstrip().endswith(","):  # « DHUME Fabrice, 2001, Titre, éd ASH »
            title, title_end = _segment_title(text, found.end())
        else:
            title, title_end = _sentence_title(text, found.end())
    elif re.match(r"\s*\.\s", text[end:]):  # old ISO: « DHUME, Fabrice. Titre. Lieu, 2001. »
        title, title_end = _sentence_title(text, text.index(".", end) + 1)
    else:
        title, title_end = _segment_title(text, end)
    if not dated and (found := _YEAR_AT.search(text, title_end)):
        year, suffix = year_of(found["year"]), found["suffix"] or ""
    pages = _PAGES.search(text, title_end)
    return ReferenceParts(
        names,
        et_al,
        year,
        suffix,
        title,
        normalise_pages(pages["pages"]) if pages else None,
        start,
        dated,
    )


def _read_authors(text: str, pos: int) -> tuple[tuple[str, ...], bool, int] | None:
    """The surnames of the author list at ``pos``, whether « et al. » follows, and where the
    list ends. A given name (« Fabrice », « F. ») is read and left out."""
    names: list[str] = []
    # « Dumoulin, Dumont, Bross, Masclet, Travailler en réseau » : three or more single
    # names in a row are surnames; two (« Dhume, Fabrice ») are a surname and a given name.
    run = _SURNAME_RUN.match(text, pos)
    surnames_only = run is not None and not _ALLCAPS.match(run.group().split(",")[0].strip())
    awaiting_given = alternating = False
    upper_style = False
    end = pos
    separator = ""
    while len(names) < MAX_AUTHORS and (token := _TOKEN.match(text, pos)):
        words = token["tok"].split()
        initials = bool(_INITIALS_ONLY.match(words[-1]))
        caps = [i for i, word in enumerate(words) if _ALLCAPS.match(word)]
        if initials and len(words) == 1 and not awaiting_given:
            before_surname = re.compile(rf"\s+(?={UP})").match(text, token.end())
            if before_surname:  # « G. Deleuze et F. Guattari »: the initial, then the name
                pos = before_surname.end()
                continue
        if (initials and len(words) == 1) or (awaiting_given and not caps):
            if not names:
                return None
            alternating = alternating or (len(names) == 1 and awaiting_given)
            awaiting_given = False
        else:
            listed = alternating or surnames_only
            if names and not _next_author(words, caps, initials, separator, upper_style,
                                          listed, text, token.end()):  # fmt: skip
                break
            if caps and caps[0] == 0:  # « DHUME Fabrice », « DE GAULEJAC », « ATELIER VAE »
                surname = words[: caps[-1] + 1]
            elif initials:  # « Dhume F. »
                surname = words[:-1]
            else:
                surname = words
            upper_style = upper_style or (bool(caps) and not names)
            awaiting_given = surname == words and not surnames_only
            names.append(" ".join(surname))
        end = token.end()
        if etal := _ETAL.match(text, end):
            return tuple(names), True, etal.end()
        sep = _SEP.match(text, end)
        if not sep:
            break
        separator, pos = sep.group().replace(",", "").strip() or ",", sep.end()
        awaiting_given = awaiting_given and separator == ","  # no given name after « et »
    return (tuple(names), False, end) if names else None


def _next_author(
    words: list[str],
    caps: list[int],
    initials: bool,
    separator: str,
    upper_style: bool,
    alternating: bool,
    text: str,
    after: int,
) -> bool:
    """Whether a name-like token after the first author is an author or already the title
    (« DHUME Fabrice, Territoires, éd ASH » has one author and a one-word title)."""
    if (caps and caps[0] == 0) or initials:
        return True
    if upper_style:
        return False  # the first author's surname was in capitals: so are the others'
    if separator in {"et", "&", "and"} or alternating:
        return True
    follows = re.match(rf"\s*,\s*{INITIALS}", text[after:])
    return follows is not None and len(words) <= 3


def _sentence_title(text: str, start: int) -> tuple[str | None, int]:
    """ISO and APA: the title is the sentence after the year (or after the authors)."""
    if quoted := _QUOTED_TITLE.match(text, start):
        return quoted["title"], quoted.end()
    end = _SENTENCE_END.search(text, start)
    stop = end.start() if end else len(text)
    return _clean_title(text[start:stop]), stop


def _segment_title(text: str, start: int) -> tuple[str | None, int]:
    """Informal: the comma-separated segments after the authors, up to the first one that
    is a place, a publisher, a year or pages (« Mille plateaux, Minuit, 1980 »)."""
    match = re.match(r"\s*[,.:]?\s*", text[start:])
    pos = start + (match.end() if match else 0)
    if quoted := _QUOTED_TITLE.match(text, pos):
        return quoted["title"], quoted.end()
    parts: list[str] = []
    for segment in re.finditer(r"(?:[^,.]|(?<=\b\w)\.|\.(?!\s))+", text[pos:]):
        piece = segment.group().strip()
        if _not_title(piece, first=not parts):
            return _clean_title(", ".join(parts)), pos + segment.start()
        parts.append(piece)
    return _clean_title(", ".join(parts)), len(text)


def _not_title(piece: str, *, first: bool) -> bool:
    """A segment that ends the title; the first segment is the title unless it is plainly
    not one (« Dhume, 2001, p. 111 » has none)."""
    if _PUBLISHING.search(piece):
        return True
    return not first and bool(_PLACE_OR_PUBLISHER.match(piece))


def _clean_title(title: str) -> str | None:
    cleaned = title.strip(" \u00a0\u202f.,;:")
    return cleaned if re.search(LETTER, cleaned) and not _PAGES.fullmatch(cleaned) else None


def parse_entry(text: str) -> BibliographyEntry:
    """One paragraph of the draft's own bibliography, in ISO 690, APA or the informal way.

    An entry whose authors cannot be read keeps its year when it has one, so that the
    service can still say which entry it could not match.
    """
    marker = _LIST_MARK.match(text)
    start = marker.end() if marker else 0
    parts = read_reference(text, start, corporate=True)
    if parts is None:
        found = _YEAR_AT.search(text, start)
        year = year_of(found["year"]) if found else None
        return BibliographyEntry(text, (), year, (found and found["suffix"]) or "", None)
    return BibliographyEntry(text, parts.names, parts.year, parts.suffix, parts.title)


_NUMBERING = re.compile(
    r"^(?:(?:annexe|partie|chapitre)(?: (?:\d+|[ivxlc]+|[a-z]))?|[ivxlc]+|\d+(?: \d+)*)(?: |$)"
)


def _heading_words(text: str) -> str:
    """« 5. Références bibliographiques : » → « references bibliographiques »."""
    folded = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())
    return _NUMBERING.sub("", folded, count=1).strip()


def is_bibliography_heading(text: str) -> bool:
    """Whether a heading opens the draft's bibliography, whatever its case, accents,
    numbering or qualifier (« Bibliographie indicative », « Références bibliographiques »)."""
    words = _heading_words(text)
    return bool(
        re.fullmatch(
            r"(?:bibliographie|sitographie|webographie)\b.*"
            r"|(?:sources|references)(?: (?:bibliographiques|documentaires|citees|utilisees))?"
            r"(?: et \w+)?",
            words,
        )
    )


def is_lexicon_heading(text: str) -> bool:
    """Whether a heading opens the draft's lexicon (« Lexique », « Glossaire »,
    « Lexique des concepts »), which the jury reads as definitions, not citations."""
    return bool(re.fullmatch(r"(?:lexique|glossaire)\b.*", _heading_words(text)))
