"""The annex as one self-contained HTML page: readable, printable, searchable as you type.

No network: the CSS and the few lines of JavaScript are in the page. The search folds
accents and case the same way as glossaire's own lookup, so « reseau » finds « Réseau ».
Italics are real <i> elements, which Word keeps when a definition is pasted.
"""

from __future__ import annotations

from html import escape

from glossaire.export.document import ExportDocument, ExportEntry
from glossaire.export.runs import Run
from glossaire.text import guillemets

_STYLE = """
body { font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #222; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
.concept { margin: 1.2rem 0; } .concept.depth-1 { margin-left: 1.5rem; }
.concept.depth-2 { margin-left: 3rem; } .concept.depth-3 { margin-left: 4.5rem; }
blockquote { margin: 0.4rem 0 0.4rem 1rem; padding-left: 0.8rem; border-left: 3px solid #bbb; }
.source { color: #555; } .mine { background: #f6f3e8; padding: 0.3rem 0.6rem; }
#recherche { font: inherit; width: 100%; padding: 0.4rem; box-sizing: border-box; }
#aucun { color: #777; font-style: italic; } [hidden] { display: none !important; }
.bibliographie p { padding-left: 2rem; text-indent: -2rem; }
@media print { #filtre { display: none; } .concept { break-inside: avoid; } }
"""

_SCRIPT = """
(function () {
  function fold(text) {
    return text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae").toLowerCase()
      .replace(/[\\u2010-\\u2014'’_\\/-]/g, " ").replace(/\\s+/g, " ").trim();
  }
  var box = document.getElementById("recherche");
  var concepts = Array.prototype.slice.call(document.querySelectorAll(".concept"));
  var none = document.getElementById("aucun");
  concepts.forEach(function (c) { c.dataset.texte = fold(c.textContent); });
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
        f'<p class="source">Sources citées selon la norme : {escape(document.style_name)}.</p>',
        '<div id="filtre"><label for="recherche">Rechercher un concept (les accents ne comptent '
        'pas) :</label><br><input id="recherche" type="search" autocomplete="off"></div>',
        '<h2 id="lexique">Lexique</h2>',
        *(_entry(entry) for entry in document.entries),
        '<p id="aucun" hidden>Aucun concept ne correspond à la recherche.</p>',
    ]
    if document.bibliography:
        body.append('<h2 id="bibliographie">Bibliographie</h2>')
        body.append('<div class="bibliographie">')
        body += [f"<p>{_runs(paragraph)}</p>" for paragraph in document.bibliography]
        body.append("</div>")
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
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
        if definition.quotation:
            parts.append(
                f"<blockquote>{escape(guillemets(definition.text))}{citation}</blockquote>"
            )
        else:
            parts.append(f"<p>{escape(definition.text)}{citation}</p>")
    if entry.my_definition:
        parts.append(f'<p class="mine"><i>Ma définition :</i> {escape(entry.my_definition)}</p>')
    items = [
        f"<li><i>À distinguer de</i> <b>{escape(other)}</b> : {escape(difference)}</li>"
        for other, difference in entry.contrasts
    ]
    items += [
        f"<li><i>Exemple :</i> {escape(text)}"
        + (f' <span class="source">{escape(citation)}</span>' if citation else "")
        + "</li>"
        for text, citation in entry.examples
    ]
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


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
