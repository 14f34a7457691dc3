"""What ``relire`` recognises in a draft's text: citations, note references, quotations,
bibliography entries and headings, as French candidates write them.

Each table row is one way of writing; the negative rows are the look-alikes a jury would
never take for a citation (dates, laws, measures, cross-references, acronyms).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossaire.draft.bibliography import (
    is_bibliography_heading,
    is_lexicon_heading,
    parse_entry,
)
from glossaire.draft.citations import find_citations, find_note_references
from glossaire.draft.quotations import find_quotations

NBSP, NNBSP = "\u00a0", "\u202f"

Row = tuple[str, tuple[str, ...], bool, str | None, str, str | None, bool]


def cite(
    extrait: str,
    names: tuple[str, ...],
    year: str | None,
    *,
    et_al: bool = False,
    suffix: str = "",
    pages: str | None = None,
    narrative: bool = False,
) -> Row:
    return (extrait, names, et_al, year, suffix, pages, narrative)


# each way of writing, and the citations it holds
CITATIONS: list[tuple[str, list[Row]]] = [
    ("le partenariat (Dhume 2001) suppose", [cite("Dhume 2001", ("Dhume",), "2001")]),
    ("(Dhume, 2001)", [cite("Dhume, 2001", ("Dhume",), "2001")]),
    ("(DHUME, 2001)", [cite("DHUME, 2001", ("DHUME",), "2001")]),
    ("(Dhume et al., 2001)", [cite("Dhume et al., 2001", ("Dhume",), "2001", et_al=True)]),
    ("(Dhume et al. 2001)", [cite("Dhume et al. 2001", ("Dhume",), "2001", et_al=True)]),
    ("(Haeuw et Garnier 2006)", [cite("Haeuw et Garnier 2006", ("Haeuw", "Garnier"), "2006")]),
    ("(Haeuw & Garnier, 2006)", [cite("Haeuw & Garnier, 2006", ("Haeuw", "Garnier"), "2006")]),
    ("(Haeuw, Garnier 2006)", [cite("Haeuw, Garnier 2006", ("Haeuw", "Garnier"), "2006")]),
    (
        "(Dumoulin, Dumont et Bross 2003)",
        [
            cite("Dumoulin, Dumont et Bross 2003", ("Dumoulin", "Dumont", "Bross"), "2003"),
        ],
    ),
    ("(de Gaulejac 2009)", [cite("de Gaulejac 2009", ("de Gaulejac",), "2009")]),
    ("(d’Iribarne 1989)", [cite("d’Iribarne 1989", ("d’Iribarne",), "1989")]),
    ("(Van der Maren 1996)", [cite("Van der Maren 1996", ("Van der Maren",), "1996")]),
    ("(Atelier VAE 2016)", [cite("Atelier VAE 2016", ("Atelier VAE",), "2016")]),
    ("(INSEE, 2020)", [cite("INSEE, 2020", ("INSEE",), "2020")]),
    (
        "(Stagiaire en formation de travailleur social s. d.)",
        [
            cite(
                "Stagiaire en formation de travailleur social s. d.",
                ("Stagiaire en formation de travailleur social",),
                None,
            ),
        ],
    ),
    (
        "(Stagiaire en formation de travailleur social [sans date])",
        [
            cite(
                "Stagiaire en formation de travailleur social [sans date]",
                ("Stagiaire en formation de travailleur social",),
                None,
            )
        ],
    ),
    (
        f"(Dhume 2001; Dumoulin et al.{NBSP}2003)",
        [
            cite("Dhume 2001", ("Dhume",), "2001"),
            cite(f"Dumoulin et al.{NBSP}2003", ("Dumoulin",), "2003", et_al=True),
        ],
    ),
    ("(Dhume s.d.)", [cite("Dhume s.d.", ("Dhume",), None)]),
    ("(Dhume, n.d.)", [cite("Dhume, n.d.", ("Dhume",), None)]),
    ("(Dhume, sans date)", [cite("Dhume, sans date", ("Dhume",), None)]),
    (
        "(Haeuw et Garnier 2006a)",
        [
            cite("Haeuw et Garnier 2006a", ("Haeuw", "Garnier"), "2006", suffix="a"),
        ],
    ),
    ("(Dhume 2001, p. 111)", [cite("Dhume 2001, p. 111", ("Dhume",), "2001", pages="111")]),
    ("(Dhume 2001, p.111)", [cite("Dhume 2001, p.111", ("Dhume",), "2001", pages="111")]),
    (
        f"(Dhume, 2001, p.{NBSP}111)",
        [
            cite(f"Dhume, 2001, p.{NBSP}111", ("Dhume",), "2001", pages="111"),
        ],
    ),
    (
        "(Dhume, 2001, pp. 12-15)",
        [
            cite("Dhume, 2001, pp. 12-15", ("Dhume",), "2001", pages="12-15"),
        ],
    ),
    ("(Dhume 2001, p. 12‑15)", [cite("Dhume 2001, p. 12‑15", ("Dhume",), "2001", pages="12-15")]),
    ("(Dhume 2001 p111)", [cite("Dhume 2001 p111", ("Dhume",), "2001", pages="111")]),
    ("(Dhume 2001 : 111)", [cite("Dhume 2001 : 111", ("Dhume",), "2001", pages="111")]),
    (
        "(Deleuze, Guattari 1980, p. 25)",
        [
            cite("Deleuze, Guattari 1980, p. 25", ("Deleuze", "Guattari"), "1980", pages="25"),
        ],
    ),
    (
        "(Haeuw et Garnier 2006 ; Dhume 2001)",
        [
            cite("Haeuw et Garnier 2006", ("Haeuw", "Garnier"), "2006"),
            cite("Dhume 2001", ("Dhume",), "2001"),
        ],
    ),
    (
        "(Dhume, 2001 ; 2004)",
        [
            cite("Dhume, 2001", ("Dhume",), "2001"),
            cite("2004", ("Dhume",), "2004"),
        ],
    ),
    ("(ASE ; Dhume 2001)", [cite("Dhume 2001", ("Dhume",), "2001")]),
    ("(voir Dhume, 2001)", [cite("Dhume, 2001", ("Dhume",), "2001")]),
    ("(cité par Haeuw, 2006)", [cite("Haeuw, 2006", ("Haeuw",), "2006")]),
    ("(F. Dhume, 2001)", [cite("F. Dhume, 2001", ("Dhume",), "2001")]),
    ("Dhume (2001) montre que", [cite("Dhume (2001)", ("Dhume",), "2001", narrative=True)]),
    (
        "Dhume (2001, p. 111)",
        [
            cite("Dhume (2001, p. 111)", ("Dhume",), "2001", pages="111", narrative=True),
        ],
    ),
    (
        "selon Deleuze et Guattari (1980), le rhizome",
        [
            cite("Deleuze et Guattari (1980)", ("Deleuze", "Guattari"), "1980", narrative=True),
        ],
    ),
    (
        "Selon Dhume (2001), le partenariat",
        [
            cite("Dhume (2001)", ("Dhume",), "2001", narrative=True),
        ],
    ),
    (
        "Selon de Gaulejac (2009)",
        [
            cite("de Gaulejac (2009)", ("de Gaulejac",), "2009", narrative=True),
        ],
    ),
    (
        "Dhume et al. (2001)",
        [
            cite("Dhume et al. (2001)", ("Dhume",), "2001", et_al=True, narrative=True),
        ],
    ),
    (
        "Haeuw & Garnier (2006)",
        [
            cite("Haeuw & Garnier (2006)", ("Haeuw", "Garnier"), "2006", narrative=True),
        ],
    ),
    (
        "Dumoulin, Dumont et Bross (2003)",
        [
            cite(
                "Dumoulin, Dumont et Bross (2003)",
                ("Dumoulin", "Dumont", "Bross"),
                "2003",
                narrative=True,
            ),
        ],
    ),
    (
        "Van der Maren (1996) propose",
        [
            cite("Van der Maren (1996)", ("Van der Maren",), "1996", narrative=True),
        ],
    ),
    (
        "Dhume (2001a ; 2004)",
        [
            cite("2001a", ("Dhume",), "2001", suffix="a", narrative=True),
            cite("2004", ("Dhume",), "2004", narrative=True),
        ],
    ),
    # a corporate author or a first name: candidates, which the service checks against the
    # library's authors (see find_citations' contract)
    ("l’atelier de l’IRTS (2016)", [cite("IRTS (2016)", ("IRTS",), "2016", narrative=True)]),
    ("Léa (2009) est arrivée au foyer", [cite("Léa (2009)", ("Léa",), "2009", narrative=True)]),
    # ISO 690's own narrative form joins two authors with a comma
    (
        "Haeuw, Garnier (2006, p. 3) parlent du maçon",
        [
            cite(
                "Haeuw, Garnier (2006, p. 3)",
                ("Haeuw", "Garnier"),
                "2006",
                pages="3",
                narrative=True,
            )
        ],
    ),
    (
        "Beaud, Pialoux (1999)",
        [cite("Beaud, Pialoux (1999)", ("Beaud", "Pialoux"), "1999", narrative=True)],
    ),
    (
        "Dumoulin, Dumont, Bross (2003) décrivent",
        [
            cite(
                "Dumoulin, Dumont, Bross (2003)",
                ("Dumoulin", "Dumont", "Bross"),
                "2003",
                narrative=True,
            ),
        ],
    ),
    # a capitalised word that opens the sentence, or a place after a preposition, is no author
    ("Ainsi, Castel (1995) montre", [cite("Castel (1995)", ("Castel",), "1995", narrative=True)]),
    (
        "Cependant, Haeuw, Garnier (2006) nuancent",
        [cite("Haeuw, Garnier (2006)", ("Haeuw", "Garnier"), "2006", narrative=True)],
    ),
    ("À Lille, Castel (1995) montre", [cite("Castel (1995)", ("Castel",), "1995", narrative=True)]),
    ("Pour Dhume, Castel (1995) dit", [cite("Castel (1995)", ("Castel",), "1995", narrative=True)]),
    (
        "En France, Haeuw et Garnier (2006) montrent",
        [cite("Haeuw et Garnier (2006)", ("Haeuw", "Garnier"), "2006", narrative=True)],
    ),
    # first names before the surname are left out of the names, not of the citation
    (
        "Comme le montre Fabrice Dhume (2001, p. 111), le partenariat",
        [
            cite("Fabrice Dhume (2001, p. 111)", ("Dhume",), "2001", pages="111", narrative=True),
        ],
    ),
    (
        "Gilles Deleuze et Félix Guattari (1980) opposent",
        [
            cite(
                "Gilles Deleuze et Félix Guattari (1980)",
                ("Deleuze", "Guattari"),
                "1980",
                narrative=True,
            ),
        ],
    ),
    ("Éric Hazan (2006)", [cite("Éric Hazan (2006)", ("Hazan",), "2006", narrative=True)]),
    (
        "Selon Vincent de Gaulejac (2009)",
        [cite("Vincent de Gaulejac (2009)", ("de Gaulejac",), "2009", narrative=True)],
    ),
    (
        "David Le Breton (2008)",
        [cite("David Le Breton (2008)", ("Le Breton",), "2008", narrative=True)],
    ),
    (
        "Philippe d’Iribarne (1989)",
        [cite("Philippe d’Iribarne (1989)", ("d’Iribarne",), "1989", narrative=True)],
    ),
    (
        "Jean-Marie Van der Maren (1996)",
        [cite("Jean-Marie Van der Maren (1996)", ("Van der Maren",), "1996", narrative=True)],
    ),
    (
        "Fabrice Dhume-Sonzogni (2016)",
        [cite("Fabrice Dhume-Sonzogni (2016)", ("Dhume-Sonzogni",), "2016", narrative=True)],
    ),
    ("Fabrice DHUME (2001)", [cite("Fabrice DHUME (2001)", ("DHUME",), "2001", narrative=True)]),
    # corporate authors stay whole
    (
        "Atelier VAE (2016) le dit",
        [cite("Atelier VAE (2016)", ("Atelier VAE",), "2016", narrative=True)],
    ),
    (
        "Haute Autorité de Santé (2008)",
        [
            cite(
                "Haute Autorité de Santé (2008)",
                ("Haute Autorité de Santé",),
                "2008",
                narrative=True,
            )
        ],
    ),
    (
        "INSEE Première (2016)",
        [cite("INSEE Première (2016)", ("INSEE Première",), "2016", narrative=True)],
    ),
    # « Le », « La », « De », « Du », « Van » before a capital belong to the name
    ("Le corps est social (Le Breton 2008).", [cite("Le Breton 2008", ("Le Breton",), "2008")]),
    ("(Le Goff, 1990, p. 3)", [cite("Le Goff, 1990, p. 3", ("Le Goff",), "1990", pages="3")]),
    (
        "(voir Le Breton 2008 ; La Boétie 1576)",
        [
            cite("Le Breton 2008", ("Le Breton",), "2008"),
            cite("La Boétie 1576", ("La Boétie",), "1576"),
        ],
    ),
    ("Le Goff (1990) montre", [cite("Le Goff (1990)", ("Le Goff",), "1990", narrative=True)]),
    ("selon La Boétie (1576)", [cite("La Boétie (1576)", ("La Boétie",), "1576", narrative=True)]),
    ("Du Bois (1903)", [cite("Du Bois (1903)", ("Du Bois",), "1903", narrative=True)]),
    ("De Gaulejac (2009)", [cite("De Gaulejac (2009)", ("De Gaulejac",), "2009", narrative=True)]),
    # a full reference in the informal way, written in the text
    (
        "une méthode (DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111).",
        [
            cite(
                "DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111",
                ("DHUME",),
                "2001",
                pages="111",
            ),
        ],
    ),
    (
        "(voir Dhume F., Du travail social, Paris, ASH, 2001, p. 12)",
        [
            cite(
                "Dhume F., Du travail social, Paris, ASH, 2001, p. 12",
                ("Dhume",),
                "2001",
                pages="12",
            ),
        ],
    ),
]

NOT_CITATIONS = [
    "en 2016, le service a ouvert",
    "la loi 2002-2 du 2 janvier 2002",
    "l’aide sociale à l’enfance (ASE)",
    "comme vu plus haut (voir 4.2)",
    "le contrat (cf. annexe 3)",
    "à quelques kilomètres (20 km)",
    "le 12 mai 2016",
    "le rapport (2016) le dit",
    "de 2016 à 2018 (2016-2018)",
    "deux ouvertures (1998 ; 2004)",
    "la réunion (12/05/2016)",
    "une hausse (45 %) nette",
    "l’échantillon (n = 12)",
    "le projet (en 2016)",
    "la réunion (mars 2016)",
    "la réunion (Mars 2016)",
    "(Loi 2002-2)",
    "la Loi (2002)",
    "Ainsi (2016), le service",
    "(de 2016 à 2018)",
    "(Voici ce que dit le texte de 2016)",
    "(loi du 2 janvier 2002)",
    "en mars (2016)",
    "la page (p. 12)",
    "(2016)",
    "(article L. 311-3, 2002)",
    "La Loi (2002)",
    "(La Loi 2002)",
    "Le Breton 2008 le dit",
    "(MECS, Maison d’enfants à caractère social, ouverte en 2016)",
    "(ASE, Aide sociale à l’enfance, 2016)",
    "(CHRS Les Oliviers, ouvert en 2016)",
    "Le 12 mai 2016, nous avons reçu Léa",
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS, ids=[row[0] for row in CITATIONS])
def test_citations_as_candidates_write_them(text: str, expected: list[Row]) -> None:
    found = find_citations(text)
    assert [
        (c.extrait, c.names, c.et_al, c.year, c.suffix, c.pages, c.narrative) for c in found
    ] == expected
    for citation in found:
        assert text[citation.start : citation.end] == citation.extrait
        assert text[citation.group_start : citation.group_end] == citation.group


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_what_is_not_a_citation(text: str) -> None:
    assert find_citations(text) == []


def test_the_group_is_the_whole_parenthesis_or_the_narrative_call() -> None:
    text = "Le réseau (Haeuw et Garnier 2006 ; Dhume 2001) et Dhume (2001) aussi."
    first, second, third = find_citations(text)
    assert first.group == second.group == "(Haeuw et Garnier 2006 ; Dhume 2001)"
    assert (first.group_start, first.group_end) == (10, 46)
    assert third.group == "Dhume (2001)" and third.narrative


def test_a_quotation_and_its_citation_in_a_real_paragraph() -> None:
    text = (
        f"Pour Dhume, c’est «{NBSP}une méthode d’action coopérative{NBSP}» "
        f"(Dhume, 2001, p.{NBSP}111). Haeuw et Garnier (2006) parlent de mutualisation."
    )
    found = find_citations(text)
    assert [(c.names, c.year, c.pages, c.narrative) for c in found] == [
        (("Dhume",), "2001", "111", False),
        (("Haeuw", "Garnier"), "2006", None, True),
    ]


# -- footnotes ---------------------------------------------------------------------------

# text, then for each reference: (names, title, year, pages)
NOTES: list[tuple[str, list[tuple[tuple[str, ...], str | None, str | None, str | None]]]] = [
    ("DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001, p111",
     [(("DHUME",), "Du travail social au travail ensemble", "2001", "111")]),
    ("Dhume F., Du travail social au travail ensemble, Paris, ASH, 2001.",
     [(("Dhume",), "Du travail social au travail ensemble", "2001", None)]),
    ("HAEUW F., GARNIER B., La mutualisation…, 2006",
     [(("HAEUW", "GARNIER"), "La mutualisation…", "2006", None)]),
    ("Deleuze G. et Guattari F., Mille plateaux, Minuit, 1980, p. 25",
     [(("Deleuze", "Guattari"), "Mille plateaux", "1980", "25")]),
    ("G. Deleuze et F. Guattari, Mille plateaux, Minuit, 1980.",
     [(("Deleuze", "Guattari"), "Mille plateaux", "1980", None)]),
    ("Dhume F. Du travail social au travail ensemble. Paris : ASH, 2001.",
     [(("Dhume",), "Du travail social au travail ensemble", "2001", None)]),
    ("Voir DHUME Fabrice, Du travail social, éd ASH, 2001 ; HAEUW F., GARNIER B., "
     "La mutualisation, 2006, p. 12.",
     [(("DHUME",), "Du travail social", "2001", None),
      (("HAEUW", "GARNIER"), "La mutualisation", "2006", "12")]),
    ("Sur ce point, voir DE GAULEJAC Vincent, Qui est « je » ?, Seuil, 2009, pp. 12-15.",
     [(("DE GAULEJAC",), "Qui est « je » ?", "2009", "12-15")]),
    ("DHUME Fabrice, « Le partenariat », in Revue X, n° 12, 2003, p. 4-9.",
     [(("DHUME",), "Le partenariat", "2003", "4-9")]),
    ("Dhume, 2001, p. 111.", [(("Dhume",), None, "2001", "111")]),
    ("Source : INSEE, 2020.", [(("INSEE",), None, "2020", None)]),
    # the journal of the workshop: the reference written right after the quotation
    ("« Le fonctionnement en réseau peut apparaître ». Dumoulin, Dumont, Bross, Masclet, "
     "Travailler en réseau : méthode et pratiques en intervention sociale, éd Dunod, 2006",
     [(("Dumoulin", "Dumont", "Bross", "Masclet"),
       "Travailler en réseau : méthode et pratiques en intervention sociale", "2006", None)]),
    # a short citation without parentheses, as the whole note or part
    ("Voir Jaeger 2003.", [(("Jaeger",), None, "2003", None)]),
    ("Dhume 2001, p. 111.", [(("Dhume",), None, "2001", "111")]),
    ("Cf. Haeuw et Garnier 2006, p. 4.", [(("Haeuw", "Garnier"), None, "2006", "4")]),
    ("Cf. Haeuw et Garnier, 2006, p. 4.", [(("Haeuw", "Garnier"), None, "2006", "4")]),
    ("Voir Le Breton 2008 ; Dhume 2001.",
     [(("Le Breton",), None, "2008", None), (("Dhume",), None, "2001", None)]),
    ("Dhume et al. 2001, p. 3.", [(("Dhume",), None, "2001", "3")]),
    ("Voir aussi Dhume s. d.", [(("Dhume",), None, None, None)]),
    # « Ibid. » and « op. cit. »: the service finds the work (see find_note_references)
    ("Ibid., p. 12.", [(("ibid",), None, None, "12")]),
    ("Ibid.", [(("ibid",), None, None, None)]),
    ("Ibidem, p. 4-5.", [(("ibid",), None, None, "4-5")]),
    ("Dhume, op. cit., p. 12.", [(("Dhume",), None, None, "12")]),
    ("Dhume F., op. cit.", [(("Dhume",), None, None, None)]),
    ("Propos recueillis auprès de Léa 2016.", []),
    ("Rapport 2016.", []),
    ("Mai 2016.", []),
    ("Loi 2002.", []),
    ("Aide sociale à l’enfance.", []),
    ("ASE, aide sociale à l’enfance.", []),
    ("Le CHRS accueille 40 personnes, en 2016.", []),
    ("Propos recueillis auprès de Léa, 2016.", []),
    ("La CAF, le département et l’ARS financent le dispositif.", []),
    ("Le CHRS, Les Oliviers.", []),
    ("DHUME Fabrice, Du travail social au travail ensemble, éd ASH.",
     [(("DHUME",), "Du travail social au travail ensemble", None, None)]),
    ("Entretien avec Mme DURAND, mai 2016.", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), NOTES, ids=[row[0][:40] for row in NOTES])
def test_references_written_in_footnotes(
    text: str, expected: list[tuple[tuple[str, ...], str | None, str | None, str | None]]
) -> None:
    found = find_note_references(text)
    assert [(r.names, r.title, r.year, r.pages) for r in found] == expected
    for reference in found:
        assert text[reference.start : reference.end] == reference.extrait
        assert reference.names[0].casefold() in reference.extrait[:40].casefold()


@pytest.mark.parametrize(
    ("text", "extrait"),
    [("Ibid., p. 111.", "Ibid., p. 111"), ("Ibid.", "Ibid."),
     ("Voir Dhume, op. cit.", "Dhume, op. cit."), ("Voir Jaeger 2003.", "Jaeger 2003")],
)  # fmt: skip
def test_a_short_reference_keeps_its_abbreviations_full_stop(text: str, extrait: str) -> None:
    (reference,) = find_note_references(text)
    assert reference.extrait == extrait


# -- quotations --------------------------------------------------------------------------


QUOTATIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("Il dit « une relation » (Dhume, 2001, p. 111). Puis autre chose.",
     [("« une relation »", "une relation", " (Dhume, 2001, p. 111)")]),
    (f"Il dit «{NBSP}une relation{NBSP}» selon lui.",
     [(f"«{NBSP}une relation{NBSP}»", "une relation", " selon lui")]),
    (f"Il dit «{NNBSP}réseau{NNBSP}».", [(f"«{NNBSP}réseau{NNBSP}»", "réseau", "")]),
    ("Le «réseau» est un mot.", [("«réseau»", "réseau", " est un mot")]),
    ("Elle dit : « on a « mutualisé » nos moyens » et après.",
     [("« on a « mutualisé » nos moyens »", "on a « mutualisé » nos moyens", " et après")]),
    ("Elle dit : « on a “mutualisé” nos moyens » et après.",
     [("« on a “mutualisé” nos moyens »", "on a “mutualisé” nos moyens", " et après")]),
    ("Un “mot” et un autre.", [("“mot”", "mot", " et un autre")]),
    ('Un "mot" tapé à la machine.', [('"mot"', "mot", " tapé à la machine")]),
    ("« Le réseau est X. » (Dhume, 2001) puis la suite.",
     [("« Le réseau est X. »", "Le réseau est X.", " (Dhume, 2001) puis la suite")]),
    ("« on a mutualisé », dit-elle ; « réseau » aussi.",
     [("« on a mutualisé »", "on a mutualisé", ", dit-elle ; "),
      ("« réseau »", "réseau", " aussi")]),
    ("« jamais fermée, la citation", []),
    ("aucune » citation", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), QUOTATIONS, ids=[r[0][:30] for r in QUOTATIONS])
def test_quotations(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_quotations(text)
    assert [(q.extrait, q.text, q.following) for q in found] == expected
    for quotation in found:
        assert text[quotation.start : quotation.end] == quotation.extrait


def test_what_follows_a_quotation_stops_at_80_characters_but_keeps_a_parenthesis() -> None:
    long = "« a » " + "mot " * 40
    assert len(find_quotations(long)[0].following) == 80
    cited = "« a »" + " x" * 38 + " (Dhume, 2001, p. 111) et la suite du texte."
    assert find_quotations(cited)[0].following.endswith("(Dhume, 2001, p. 111)")


# -- bibliography ------------------------------------------------------------------------

ENTRIES: list[tuple[str, tuple[str, ...], str | None, str, str | None]] = [
    ("DHUME, Fabrice, 2001. Du travail social au travail ensemble. Paris : ASH.",
     ("DHUME",), "2001", "", "Du travail social au travail ensemble"),
    ("HAEUW, Frédéric et GARNIER, Bénédicte, 2006. La mutualisation des ressources. Algora.",
     ("HAEUW", "GARNIER"), "2006", "", "La mutualisation des ressources"),
    ("DUMOULIN, Pierre, DUMONT, Régis et BROSS, Nicole, 2003. Travailler en réseau. Dunod.",
     ("DUMOULIN", "DUMONT", "BROSS"), "2003", "", "Travailler en réseau"),
    ("DHUME, Fabrice. Du travail social au travail ensemble. Paris : ASH, 2001. 207 p.",
     ("DHUME",), "2001", "", "Du travail social au travail ensemble"),
    ("DE GAULEJAC, Vincent, 2009a. Qui est « je » ? Paris : Seuil.",
     ("DE GAULEJAC",), "2009", "a", "Qui est « je » ?"),
    ("d’IRIBARNE, Philippe, 1989. La logique de l’honneur. Paris : Seuil.",
     ("d’IRIBARNE",), "1989", "", "La logique de l’honneur"),
    ("ATELIER VAE, 2016. Journal d’atelier…", ("ATELIER VAE",), "2016", "", "Journal d’atelier…"),
    ("INSEE, 2020. Tableaux de l’économie française. Paris : INSEE.",
     ("INSEE",), "2020", "", "Tableaux de l’économie française"),
    ("STAGIAIRE EN FORMATION DE TRAVAILLEUR SOCIAL, s. d. Notes de stage.",
     ("STAGIAIRE EN FORMATION DE TRAVAILLEUR SOCIAL",), None, "", "Notes de stage"),
    ("Dhume, F. (2001). Du travail social au travail ensemble. ASH.",
     ("Dhume",), "2001", "", "Du travail social au travail ensemble"),
    ("Haeuw, F. et Garnier, B. (2006, février). La mutualisation. Algora.",
     ("Haeuw", "Garnier"), "2006", "", "La mutualisation"),
    ("Dumoulin, P., Dumont, R., & Bross, N. (2003). Travailler en réseau. Dunod.",
     ("Dumoulin", "Dumont", "Bross"), "2003", "", "Travailler en réseau"),
    ("Van der Maren, J.-M. (1996). Méthodes de recherche pour l’éducation. PUF.",
     ("Van der Maren",), "1996", "", "Méthodes de recherche pour l’éducation"),
    ("DHUME Fabrice, Du travail social au travail ensemble, éd ASH, 2001",
     ("DHUME",), "2001", "", "Du travail social au travail ensemble"),
    ("DHUME Fabrice, 2001, Du travail social au travail ensemble, éd ASH",
     ("DHUME",), "2001", "", "Du travail social au travail ensemble"),
    ("- Deleuze G. et Guattari F., Mille plateaux, Minuit, 1980",
     ("Deleuze", "Guattari"), "1980", "", "Mille plateaux"),
    ("3. HAEUW F., GARNIER B., La mutualisation…, 2006",
     ("HAEUW", "GARNIER"), "2006", "", "La mutualisation…"),
    ("Dhume et al., 2001. Le partenariat.", ("Dhume",), "2001", "", "Le partenariat"),
    ("Stagiaire en formation de travailleur social. (s. d.). Notes de mémoire. Inédit.",
     ("Stagiaire en formation de travailleur social",), None, "", "Notes de mémoire"),
    ("STAGIAIRE EN FORMATION DE TRAVAILLEUR SOCIAL, [sans date]. Notes de mémoire.",
     ("STAGIAIRE EN FORMATION DE TRAVAILLEUR SOCIAL",), None, "", "Notes de mémoire"),
    ("Atelier VAE. (2016, 22 avril). Journal d’atelier : partenariats et réseaux.",
     ("Atelier VAE",), "2016", "", "Journal d’atelier : partenariats et réseaux"),
    ("Conseil départemental du Nord, 2019. Schéma départemental.",
     ("Conseil départemental du Nord",), "2019", "", "Schéma départemental"),
    ("un texte trouvé sur internet en 2004", (), "2004", "", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names", "year", "suffix", "title"), ENTRIES, ids=[e[0][:40] for e in ENTRIES]
)
def test_bibliography_entries_in_iso_apa_and_the_informal_way(
    text: str, names: tuple[str, ...], year: str | None, suffix: str, title: str | None
) -> None:
    entry = parse_entry(text)
    assert (entry.extrait, entry.names, entry.year, entry.suffix, entry.title) == (
        text,
        names,
        year,
        suffix,
        title,
    )


@pytest.mark.parametrize(
    "heading",
    ["Bibliographie", "BIBLIOGRAPHIE", "5. Références bibliographiques :", "Références",
     "Bibliographie indicative", "Sources", "IV - Bibliographie", "Sitographie",
     "Sources bibliographiques"],
)  # fmt: skip
def test_bibliography_headings(heading: str) -> None:
    assert is_bibliography_heading(heading)
    assert not is_lexicon_heading(heading)


@pytest.mark.parametrize(
    "heading", ["Lexique", "Glossaire", "Lexique des concepts", "Annexe 2 : Glossaire", "LEXIQUE"]
)
def test_lexicon_headings(heading: str) -> None:
    assert is_lexicon_heading(heading)
    assert not is_bibliography_heading(heading)


@pytest.mark.parametrize(
    "heading",
    ["Introduction", "Sources de financement", "Mes références professionnelles",
     "4.2 Le partenariat", "Annexe 1 : organigramme"],
)  # fmt: skip
def test_other_headings(heading: str) -> None:
    assert not is_bibliography_heading(heading)
    assert not is_lexicon_heading(heading)


# -- properties --------------------------------------------------------------------------

ANY_TEXT = st.lists(
    st.sampled_from(
        [
            *"abcdeéDHGLMQRSTVÉ ()(;,.:&-‑’'«»“”\"0123456789pn\u00a0\u202f",
            *["2001", "1980", "et al.", "s. d.", "p. ", "Dhume", " et ", "de ", "d’", "F."],
        ]
    ),
    max_size=60,
).map("".join)


SHAPES = st.sampled_from(
    ["", " Dhume (2001) ", " (Dhume, 2001, p. 111)", " Haeuw et Garnier (2006a ; 2008)",
     " (de Gaulejac 2009 ; Dhume s. d.)", "« on a mutualisé » (Atelier VAE 2016)",
     " DHUME Fabrice, Du travail social, éd ASH, 2001, p111"]
)  # fmt: skip


@given(ANY_TEXT, SHAPES, ANY_TEXT)
@settings(max_examples=400)
def test_offsets_always_slice_to_what_is_reported(before: str, shape: str, after: str) -> None:
    """Around a well-formed citation or none, in any noise: what is reported is where the
    offsets say, and a group is a parenthesis or « names (year) »."""
    text = before + shape + after
    for citation in find_citations(text):
        assert text[citation.start : citation.end] == citation.extrait
        assert text[citation.group_start : citation.group_end] == citation.group
        assert citation.group_start <= citation.start <= citation.end <= citation.group_end
        assert citation.names and all(citation.names)
        assert citation.group.endswith(")")
        if citation.narrative:  # « Dhume (2001) »: the group starts with the names
            assert citation.names[0] in " ".join(citation.group.split())
            assert citation.group[0].isalpha()
        else:
            assert citation.group.startswith("(")
    for reference in find_note_references(text):
        assert text[reference.start : reference.end] == reference.extrait
    for quotation in find_quotations(text):
        assert text[quotation.start : quotation.end] == quotation.extrait
        assert text[quotation.end :].startswith(quotation.following)
    parse_entry(text)


# Prose without a capitalised name before a year: lower-case words, years, dates, numbers,
# parentheses, cross-references, undated marks.
PROSE = st.lists(
    st.sampled_from(
        ["le", "service", "en", "2016", "(2016)", "(1998 ; 2004)", "(voir 4.2)", "(s. d.)",
         "(cf. annexe 3)", "(20 km)", "(n = 12)", "12/05/2016", "(2016-2018)", "p. 12",
         "loi", "2002-2", "du", "2 janvier", "rapport", "(en 2016)", "l’atelier", "d’accueil",
         ",", ".", ";", "(", ")", "et", "al.", "«", "»", "(45 %)", "(p. 111)", "mai"]
    ),
    max_size=40,
).map(" ".join)  # fmt: skip


@given(PROSE)
def test_prose_without_a_name_before_a_year_has_no_citation(text: str) -> None:
    assert find_citations(text) == []


@given(PROSE, PROSE)
def test_a_citation_among_such_prose_is_found_exactly_once(before: str, after: str) -> None:
    text = f"{before} (Dhume, 2001, p. 111) {after}"
    found = find_citations(text)
    assert [(c.names, c.year, c.pages) for c in found] == [(("Dhume",), "2001", "111")]
