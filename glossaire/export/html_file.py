"""The annex as one self-contained HTML page: readable, printable, searchable as you type.

No network: the CSS and the few lines of JavaScript are in the page. The search folds
accents and case the same way as glossaire's own lookup, so « reseau » finds « Réseau ».
Italics are real <i> elements, which Word keeps when a definition is pasted. Quotations are
in « » and upright (a blockquote is not italic, and the style says so for every browser); a
typology child printed under its parent is also named at its own letter, with a link to it.
"""

from __future__ import annotations

from html import escape

from glossaire.export import labels
from glossaire.export.clipboard import COPY_SCRIPT, COPY_STYLE, copiable
from glossaire.export.document import ExportDocument, ExportEntry, ExportReferral
from glossaire.export.runs import Run

_STYLE = """
body { font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #222; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
.concept { margin: 1.2rem 0; } .concept.depth-1 { margin-left: 1.5rem; }
.concept.depth-2 { margin-left: 3rem; } .concept.depth-3 { margin-left: 4.5rem; }
blockquote { margin: 0.4rem 0 0.4rem 1rem; padding-left: 0.8rem; border-left: 3px solid #bbb;
             font-style: normal; }
p, li, blockquote { hyphens: auto; } .renvoi { margin: 0.6rem 0; }
.source { color: #555; } .mine { background: #f6f3e8; padding: 0.3rem 0.6rem; }
#recherche { font: inherit; width: 100%; padding: 0.4rem; box-sizing: border-box; }
#aucun { color: #777; font-style: italic; } [hidden] { display: none !important; }
.bibliographie p { padding-left: 2rem; text-indent: -2rem; }
@media print { #filtre { display: none; } .concept { break-inside: avoid; } }
@page { size: A4; margin: 2.5cm; }
"""

_SCRIPT = """
(function () {
  function fold(text) {
    return text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").toLowerCase()
      .replace(/[\\u2010-\\u2014'’_\\/-]/g, " ").replace(/\\s+/g, " ").trim();
  }
  var box = document.getElementById("recherche");
  var concepts = Array.prototype.slice.call(document.querySelectorAll(".concept, .renvoi"));
  var none = document.getElementById("aucun");
  function words(c) {  // the entry's text, without its « Copier » buttons
    var copy = c.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("button"), function (b) { b.remove(); });
    return copy.textContent;
  }
  concepts.forEach(function (c) { c.dataset.texte = fold(words(c)); });
  function filter() {
    var words = fold(box.value).split(" ").filter(Boolean);
    var shown = 0;
    concepts.forEach(function (c) {
      var match = words.every(function (w) { return c.dataset.texte.indexOf(w) !== -1; });
      c.hidden = !match;
      if (match) { shown += 1; }
    });
    none.hidden = shown !== 0;
  }
  box.addEventListener("input", filter);
  filter();
})();
"""


def render(document: ExportDocument) -> str:
    body = [
        f"<h1>{escape(document.title)}</h1>",
        f'<p class="source">{escape(labels.style_note(document.style_name))}</p>',
        f'<div id="filtre"><label for="recherche">{escape(labels.SEARCH)}</label><br>'
        '<input id="recherche" type="search" autocomplete="off"></div>',
        f'<h2 id="lexique">{labels.LEXICON}</h2>',
        *(
            _referral(item) if isinstance(item, ExportReferral) else _entry(item)
            for item in document.lexicon
        ),
        f'<p id="aucun" hidden>{escape(labels.NO_MATCH)}</p>',
    ]
    if document.bibliography:
        body.append(f'<h2 id="bibliographie">{labels.BIBLIOGRAPHY}</h2>')
        body.append('<div class="bibliographie">')
        body += [f"<p>{copiable(_runs(paragraph))}</p>" for paragraph in document.bibliography]
        body.append("</div>")
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{_STYLE}{COPY_STYLE}</style>\n</head>\n"
        "<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SCRIPT}</script>\n<script>{COPY_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _entry(entry: ExportEntry) -> str:
    level = min(3 + entry.depth, 6)
    parts = [
        f'<section class="concept depth-{entry.depth}" id="{escape(entry.concept_id)}">',
        f"<h{level}>{escape(entry.term)}</h{level}>",
    ]
    for definition in entry.definitions:
        citation = (
            f' <span class="source">{escape(definition.citation)}</span>'
            if definition.citation
            else ""
        )
        quoted = copiable(f"{escape(definition.text)}{citation}", description="Copier la citation")
        if definition.quotation:
            parts.append(f"<blockquote>{quoted}</blockquote>")
        else:
            parts.append(f"<p>{quoted}</p>")
    if entry.my_definition:
        parts.append(
            f'<p class="mine"><i>{labels.MY_DEFINITION}</i> {escape(entry.my_definition)}</p>'
        )
    items = [
        f"<li><i>{labels.CONTRAST}</i> <b>{escape(other)}</b>"
        f"{labels.SEPARATOR}{escape(difference)}</li>"
        for other, difference in entry.contrasts
    ]
    items += [
        f"<li><i>{labels.EXAMPLE}</i> {escape(text)}"
        + (f' <span class="source">{escape(citation)}</span>' if citation else "")
        + "</li>"
        for text, citation in entry.examples
    ]
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _referral(referral: ExportReferral) -> str:
    """A link to the child's own section: one click from its letter to its entry."""
    return (
        f'<p class="renvoi"><b>{escape(referral.term)}</b>{labels.ARROW}<i>{labels.SEE}</i> '
        f'<a href="#{escape(referral.target_id)}">{escape(referral.target_term)}</a></p>'
    )


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if run.superscript:
            text = f"<sup>{text}</sup>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)
