"""The annex a jury holds: A4, margins, page numbers, French hyphenation, French typography,
upright quotations, spaced paragraphs, and cross-references that keep the lexicon alphabetical.

Every file is written through the CLI, as a student writes it, then opened and checked.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossaire.export.runs import Run, plain
from glossaire.export.typography import NBSP, NNBSP, french_spacing, quoted, spaced_runs
from tests.conftest import Invoke

FORMATS = ("docx", "odt", "html", "md")
MARKS = (":", ";", "?", "!", "»")
# A breakable blank (anything but the two no-break spaces) before a mark, or after «.
BREAK_BEFORE_MARK = re.compile(r"[^\S\u00a0\u202f][:;?!»]")
BREAK_AFTER_OPENING = re.compile(r"«[^\S\u00a0\u202f]")

ODF = {
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

URL = "https://www.erudit.org/fr/revues/l'accompagnement?a=1&b=2;c:d!"
# A typology: Ocelot's children are printed under it. Caracal sorts before Guépard, far from
# its parent: it needs a referral at C. Serval (Caracal's child) sorts after Puma, at S.
# Ocelot nain sorts right after its own block: no referral.
CATS = f"""
- id: guepard
  terme: Guépard
  definitions:
    - texte: "Le félin le plus rapide: il l'est, vraiment ; voir {URL} ; pourquoi?"
      source: atelier2016
- id: ocelot
  terme: Ocelot
  definitions:
    - texte: "C'est « tacheté » : l'ocelot chasse la nuit !"
      source: atelier2016
      nature: citation
- id: caracal
  terme: Caracal
  parent: ocelot
- id: serval
  terme: Serval
  parent: caracal
- id: ocelot-nain
  terme: Ocelot nain
  parent: ocelot
- id: puma
  terme: Puma
  definitions:
    - texte: "Un grand félin d'Amérique."
      source: roux2020
"""
BOOK_URL = "https://www.cairn.info/l'x--y?a=1;b"
CAT_BOOKS = f"""
@book{{roux2020, author = {{Roux, Léa}}, title = {{Pourquoi des félins ? Une enquête ; suite}},
  publisher = {{Érès}}, address = {{Toulouse}}, year = {{2020}}, url = {{{BOOK_URL}}}}}
"""
CAT_IDS = ("guepard", "ocelot", "caracal", "serval", "ocelot-nain", "puma")
CAT_ORDER = [
    "Caracal → voir Ocelot",
    "Guépard",
    "Ocelot",
    "Caracal",
    "Serval",
    "Ocelot nain",
    "Puma",
    "Serval → voir Ocelot",
]


def _export(invoke: Invoke, tmp_path: Path, fmt: str, *args: str) -> Path:
    path = tmp_path / f"annexe.{fmt}"
    result = invoke("export", *args, "-f", fmt, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def _cats(invoke: Invoke, group, tmp_path: Path, fmt: str) -> Path:
    folder = group(concepts=CATS, references=CAT_BOOKS)
    return _export(invoke, tmp_path, fmt, "--data", str(folder), *CAT_IDS)


# -- Word -------------------------------------------------------------------------------------


def test_docx_page_is_a4_with_25mm_margins_and_a_page_number(
    invoke: Invoke, tmp_path: Path
) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document(str(_export(invoke, tmp_path, "docx", "réseau")))
    assert len(document.sections) == 1
    section = document.sections[0]
    # Word stores twentieths of a point: 21 cm is 11906 of them, 0.003 mm short of 21 cm.
    size = (section.page_width.cm, section.page_height.cm)
    assert size == pytest.approx((21, 29.7), abs=0.01)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [m.cm for m in margins] == pytest.approx([2.5] * 4, abs=0.01)
    footer = section.footer.paragraphs[0]
    assert footer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    xml = footer._p.xml
    instructions = [e.text for e in footer._p.iter(f"{W}instrText")]
    assert [i.strip() for i in instructions] == ["PAGE"]
    kinds = [e.get(f"{W}fldCharType") for e in footer._p.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"], xml


def test_docx_is_french_and_hyphenated(invoke: Invoke, tmp_path: Path) -> None:
    path = _export(invoke, tmp_path, "docx", "réseau")
    with zipfile.ZipFile(path) as archive:
        settings_xml = archive.read("word/settings.xml").decode("utf-8")
        styles_xml = archive.read("word/styles.xml").decode("utf-8")
    assert "<w:autoHyphenation/>" in settings_xml
    # The schema's order (Word is strict): right after the default tab stop.
    assert re.search(r"<w:defaultTabStop [^>]*/>\s*<w:autoHyphenation/>", settings_xml)
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles_xml, re.S)
    assert normal and '<w:lang w:val="fr-FR"/>' in normal.group()
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles_xml, re.S)
    assert (
        defaults
        and 'w:val="fr-FR"' in defaults.group()
        and "en-US" not in re.sub(r'w:(eastAsia|bidi)="[^"]*"', "", defaults.group())
    )


def test_docx_quotations_are_in_guillemets_and_upright(invoke: Invoke, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(_export(invoke, tmp_path, "docx", "partenariat", "réseau")))
    quote_style = document.styles["Quote"]
    assert quote_style.font.italic is False  # Word's template makes it italic
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quotes) >= 5
    for paragraph in quotes:
        assert paragraph.text.startswith("«" + NNBSP)
        assert not any(run.italic for run in paragraph.runs), paragraph.text


# -- LibreOffice ------------------------------------------------------------------------------


def _odt_xml(path: Path, name: str):
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def _odf(attribute: str) -> str:
    prefix, name = attribute.split(":")
    return f"{{{ODF[prefix]}}}{name}"


def test_odt_page_is_a4_with_25mm_margins_and_a_page_number(invoke: Invoke, tmp_path: Path) -> None:
    styles = _odt_xml(_export(invoke, tmp_path, "odt", "réseau"), "styles.xml")
    masters = styles.findall(".//style:master-page", ODF)
    assert [m.get(_odf("style:name")) for m in masters] == ["Standard"]  # every page's
    layout_name = masters[0].get(_odf("style:page-layout-name"))
    layout = styles.find(f".//style:page-layout[@style:name='{layout_name}']", ODF)
    properties = layout.find("style:page-layout-properties", ODF)
    assert properties.get(_odf("fo:page-width")) == "21cm"
    assert properties.get(_odf("fo:page-height")) == "29.7cm"
    for side in ("top", "bottom", "left", "right"):
        assert properties.get(_odf(f"fo:margin-{side}")) == "2.5cm", side
    footer = masters[0].find("style:footer", ODF)
    number = footer.find(".//text:page-number", ODF)
    assert number is not None and number.get(_odf("text:select-page")) == "current"
    paragraph_style = footer.find("text:p", ODF).get(_odf("text:style-name"))
    centred = styles.find(f".//style:style[@style:name='{paragraph_style}']", ODF)
    align = centred.find("style:paragraph-properties", ODF).get(_odf("fo:text-align"))
    assert align == "center"


def _odt_styles(path: Path) -> dict[str, dict[str, str]]:
    """Every paragraph style's properties, its parents' merged in (the child's win)."""
    styles = _odt_xml(path, "styles.xml")
    own: dict[str, dict[str, str]] = {}
    parents: dict[str, str | None] = {}
    for style in styles.iter(_odf("style:style")):
        name = style.get(_odf("style:name"))
        parents[name] = style.get(_odf("style:parent-style-name"))
        own[name] = {
            key.split("}")[1]: value for element in style for key, value in element.attrib.items()
        }

    def resolved(name: str) -> dict[str, str]:
        parent = parents.get(name)
        return {**(resolved(parent) if parent else {}), **own.get(name, {})}

    return {name: resolved(name) for name in own}


def _cm(length: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(cm|mm|in|pt)", length).groups()
    return float(number) * {"cm": 1, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72}[unit]


def test_odt_is_french_hyphenated_and_its_paragraphs_spaced(invoke: Invoke, tmp_path: Path) -> None:
    path = _export(invoke, tmp_path, "odt", "réseau", "partenariat")
    styles = _odt_xml(path, "styles.xml")
    default = styles.find(".//style:default-style[@style:family='paragraph']", ODF)
    text = default.find("style:text-properties", ODF)
    assert text.get(_odf("fo:language")) == "fr" and text.get(_odf("fo:country")) == "FR"
    assert text.get(_odf("fo:hyphenate")) == "true"
    resolved = _odt_styles(path)
    content = _odt_xml(path, "content.xml")
    paragraphs = content.findall(".//text:p", ODF)
    assert len(paragraphs) > 10
    for paragraph in paragraphs:  # every paragraph has a style with space after it
        style = resolved[paragraph.get(_odf("text:style-name"))]
        assert 0.2 <= _cm(style.get("margin-bottom", "0cm")) <= 0.35, style
    for heading in content.findall(".//text:h", ODF):
        style = resolved[heading.get(_odf("text:style-name"))]
        level = int(heading.get(_odf("text:outline-level")))
        if heading.getprevious() is not None:  # the title opens the page: no space before
            assert _cm(style.get("margin-top", "0cm")) >= 0.3, (level, style)
        assert style.get("keep-with-next") == "always"


def test_odt_quotations_are_in_guillemets_and_upright(invoke: Invoke, tmp_path: Path) -> None:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import P

    path = _export(invoke, tmp_path, "odt", "partenariat", "réseau")
    resolved = _odt_styles(path)
    assert resolved["Citation"].get("font-style") == "normal"
    italic_spans = {
        style.get(_odf("style:name"))
        for style in _odt_xml(path, "content.xml").iter(_odf("style:style"))
        if style.find("style:text-properties", ODF) is not None
        and style.find("style:text-properties", ODF).get(_odf("fo:font-style")) == "italic"
    }
    quotes = [p for p in load(str(path)).getElementsByType(P) if _style_of(p) == "Citation"]
    assert len(quotes) >= 5
    for paragraph in quotes:
        assert teletype.extractText(paragraph).startswith("«" + NNBSP)
        spans = [
            node for node in paragraph.childNodes if getattr(node, "qname", ("", ""))[1] == "span"
        ]
        assert not [s for s in spans if _style_of(s) in italic_spans]


def _style_of(element) -> str:
    return str(element.getAttribute("stylename"))


# -- French typography ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "typeset"),
    [
        ("Exemple : voir", f"Exemple{NBSP}: voir"),
        ("Exemple: voir", f"Exemple{NBSP}: voir"),
        ("commun ; c'est", f"commun{NNBSP}; c’est"),
        ("Pourquoi ? Parce que !", f"Pourquoi{NNBSP}? Parce que{NNBSP}!"),
        ("Quoi?!", f"Quoi{NNBSP}?!"),
        ("« réseau »", f"«{NNBSP}réseau{NNBSP}»"),
        ("«réseau»", f"«{NNBSP}réseau{NNBSP}»"),
        (f"«{NBSP}réseau{NBSP}»", f"«{NNBSP}réseau{NNBSP}»"),  # glossaire's older form
        ("la fin\n: suite", f"la fin{NBSP}: suite"),  # a newline would start a line with :
        ("l'échange, aujourd'hui, d'« un »", f"l’échange, aujourd’hui, d’«{NNBSP}un{NNBSP}»"),
        ("un 'mot' cité", "un 'mot' cité"),  # a pair of quotes stays a pair
        ("à 10:30, C:\\dossier, a?b, x;y", "à 10:30, C:\\dossier, a?b, x;y"),
        (f"voir {URL} : ici", f"voir {URL}{NBSP}: ici"),
        ("doi:10.4000/l'exemple?x", "doi:10.4000/l'exemple?x"),
        ("DOI 10.3917/a--b'c;d", "DOI 10.3917/a--b'c;d"),
        ("www.cairn.info/l'x?:;!", "www.cairn.info/l'x?:;!"),
    ],
)
def test_french_spacing(typed: str, typeset: str) -> None:
    assert french_spacing(typed) == typeset


def test_quoted_puts_narrow_no_break_spaces_inside_the_guillemets() -> None:
    assert (
        quoted("  L'importance du partenariat. ") == f"«{NNBSP}L’importance du partenariat.{NNBSP}»"
    )


# Characters that exercise every rule, and a few that do not.
PIECES = [*"ab1 é'’:;?!«».()/\n\t", NBSP, NNBSP, "\u2028", "http://", "10.1234/", "doi:"]
TYPOGRAPHIC = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
ANY_TEXT = st.one_of(TYPOGRAPHIC, st.text(max_size=40))


@settings(max_examples=400)
@given(ANY_TEXT)
def test_french_spacing_is_idempotent(text: str) -> None:
    once = french_spacing(text)
    assert french_spacing(once) == once


@settings(max_examples=400)
@given(ANY_TEXT)
def test_french_spacing_never_leaves_a_mark_to_start_a_line(text: str) -> None:
    typeset = _without_links(french_spacing(text))
    assert not BREAK_BEFORE_MARK.search(typeset)
    assert not BREAK_AFTER_OPENING.search(typeset)
    assert not any(line.startswith(MARKS) for line in typeset.splitlines()[1:])


def _without_links(text: str) -> str:
    """Links and DOIs are kept as they are, marks and all: the property is about the rest."""
    return re.sub(r"\S*(?:://|www\.|doi:|10\.\d{4,9}/)\S*", "LIEN", text, flags=re.IGNORECASE)


TOKEN_CHARS = st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")).filter(
    lambda c: not c.isspace()
)
LINKS = st.builds(
    lambda start, tail: start + tail,
    st.sampled_from(["https://", "http://www.", "ftp://", "www.", "doi:", "10.3917/", "DOI:"]),
    st.text(alphabet=st.one_of(TOKEN_CHARS, st.sampled_from(list("'’:;?!«»"))), min_size=1),
)


@settings(max_examples=400)
@given(TYPOGRAPHIC, st.sampled_from([" ", "\n", NBSP, "\t"]), LINKS, TYPOGRAPHIC)
def test_french_spacing_never_changes_a_url_or_a_doi(
    before: str, blank: str, link: str, after: str
) -> None:
    typeset = french_spacing(before + blank + link + blank + after)
    assert link in typeset


@settings(max_examples=300)
@given(st.lists(st.tuples(TYPOGRAPHIC, st.booleans()), max_size=5))
def test_a_paragraph_of_runs_is_typeset_as_one_text(parts: list[tuple[str, bool]]) -> None:
    runs = tuple(Run(text, italic) for text, italic in parts)
    typeset = spaced_runs(runs)
    assert plain(typeset) == french_spacing(plain(runs))
    assert [run.italic for run in typeset] == [run.italic for run in runs]


def test_a_space_across_two_runs_goes_with_its_mark() -> None:
    runs = (Run("Pourquoi", italic=True), Run(" ? Paris :"), Run("Minuit", italic=True))
    assert spaced_runs(runs) == (
        Run("Pourquoi", italic=True),
        Run(f"{NNBSP}? Paris{NBSP}:"),
        Run("Minuit", italic=True),
    )
    split_url = (Run("https://a.org/l'"), Run("x?y", italic=True), Run(" fin ;"))
    assert plain(spaced_runs(split_url)) == f"https://a.org/l'x?y fin{NNBSP};"


class _Text(HTMLParser):
    """The text a reader sees in the page: no style, no script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = False

    def handle_starttag(self, tag: str, attrs) -> None:
        self.skipping = tag in ("style", "script")
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skipping = False

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _visible_text(path: Path, fmt: str) -> str:
    if fmt == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if fmt == "odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.text import H, P

        document = load(str(path))
        elements = document.getElementsByType(H) + document.getElementsByType(P)
        return "\n".join(teletype.extractText(e) for e in elements)
    if fmt == "html":
        parser = _Text()
        parser.feed(path.read_text("utf-8"))
        return "".join(parser.parts)
    return path.read_text("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_line_of_the_annex_can_start_with_a_colon_or_a_guillemet(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    text = _visible_text(_export(invoke, tmp_path, fmt, "--tout", "--avec-exemples"), fmt)
    assert "Sources citées selon la norme" + NBSP + ":" in text  # the writers' own words too
    assert "'" not in text.replace("\\'", "")  # every apostrophe curly (no URL in this data)
    assert not BREAK_BEFORE_MARK.search(text), BREAK_BEFORE_MARK.search(text)
    assert not BREAK_AFTER_OPENING.search(text)
    assert f"À distinguer de Coopération{NBSP}:" in text.replace("*", "")


@pytest.mark.parametrize("fmt", FORMATS)
def test_urls_stay_verbatim_and_the_text_around_them_is_typeset(
    invoke: Invoke, group, tmp_path: Path, fmt: str
) -> None:
    text = _visible_text(_cats(invoke, group, tmp_path, fmt), fmt)
    if fmt == "md":
        text = text.replace("\\", "")
    assert f"Le félin le plus rapide{NBSP}: il l’est, vraiment{NNBSP}; voir {URL}{NNBSP};" in text
    assert f"pourquoi{NNBSP}?" in text
    # The bibliography too: the engine's runs typeset as one text, its URL verbatim.
    assert f"Pourquoi des félins{NNBSP}? Une enquête{NNBSP}; suite" in text
    assert BOOK_URL in text
    assert f"«{NNBSP}C’est «{NNBSP}tacheté{NNBSP}»{NBSP}: l’ocelot chasse la nuit{NNBSP}!" in text


# -- cross-references -------------------------------------------------------------------------


def _lexicon_order(path: Path, fmt: str) -> list[str]:
    """The entries' terms and the referral lines, in reading order."""
    if fmt == "docx":
        import docx

        return [
            p.text
            for p in docx.Document(str(path)).paragraphs
            if p.style.name in ("Renvoi", "Heading 2", "Heading 3", "Heading 4")
        ]
    if fmt == "odt":
        from odf import teletype
        from odf.opendocument import load

        body = load(str(path)).text
        order = []
        for element in body.childNodes:
            kind = element.qname[1]
            heading = kind == "h" and int(str(element.getAttribute("outlinelevel"))) >= 2
            if heading or (kind == "p" and _style_of(element) == "Renvoi"):
                order.append(teletype.extractText(element))
        return order
    if fmt == "html":
        page = path.read_text("utf-8")
        found = re.findall(r'<h[3-6]>(.*?)</h[3-6]>|<p class="renvoi">(.*?)</p>', page)
        return [re.sub(r"<[^>]+>", "", heading or referral) for heading, referral in found]
    lines = path.read_text("utf-8").splitlines()
    return [
        line.lstrip("#").strip().replace("*", "")
        for line in lines
        if line.startswith(("###", "**"))
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_typology_child_is_also_found_at_its_own_letter(
    invoke: Invoke, group, tmp_path: Path, fmt: str
) -> None:
    order = _lexicon_order(_cats(invoke, group, tmp_path, fmt), fmt)
    assert [line.replace(NBSP, " ") for line in order] == CAT_ORDER


def test_the_html_referral_links_to_the_entry(invoke: Invoke, group, tmp_path: Path) -> None:
    page = _cats(invoke, group, tmp_path, "html").read_text("utf-8")
    assert '<a href="#caracal">Ocelot</a>' in page and 'id="caracal"' in page
    assert ".concept, .renvoi" in page  # the search filters the referrals too


@pytest.mark.parametrize("fmt", FORMATS)
def test_collaboration_is_found_at_c_in_the_bundled_lexicon(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    order = [
        t.replace(NBSP, " ") for t in _lexicon_order(_export(invoke, tmp_path, fmt, "--tout"), fmt)
    ]
    referral = order.index("Collaboration → voir Mutualisation")
    assert order[referral - 1 : referral + 4] == [
        "Carnet d’adresses",
        "Collaboration → voir Mutualisation",
        "Complémentarité → voir Mutualisation",
        "Consortium → voir Mutualisation",
        "Convention de partenariat",
    ]
    assert order.index("Collaboration") > order.index("Mutualisation")  # still nested there
    assert "Réseau interne → voir Réseau" not in order  # it is right after its own block
