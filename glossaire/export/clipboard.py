"""A « Copier » button for the HTML annex: one click puts a citation on the clipboard, italics kept.

Copying from a terminal cannot carry italics. The page's button therefore puts two flavours on
the clipboard at once: ``text/html`` (the fragment's own HTML, ``<i>`` included), which Word and
LibreOffice paste with the italics, and ``text/plain`` (the same text, nothing else), which a
plain text field, a mail or a search box pastes. Only the fragment is copied: never the button,
never « Copié », never the spaces around it.

The page needs three things, all without network and working when opened as a ``file://`` page
(Chrome/Edge, Firefox, Safari):

- ``COPY_STYLE`` inside its ``<style>``;
- ``COPY_SCRIPT`` inside a ``<script>`` (anywhere: clicks are caught on the document);
- ``copiable(fragment)`` wherever a citation or a bibliography entry is written.

The script prefers ``navigator.clipboard.write`` with a ``ClipboardItem``; where that API is
missing or refused, it falls back to ``document.execCommand("copy")`` with the element selected,
setting both flavours itself in the ``copy`` event. If both fail, the button asks the reader to
copy by hand and leaves the text selected for Ctrl+C. Without JavaScript the buttons stay hidden.
"""

from __future__ import annotations

import json
from html import escape

COPY_CLASS = "a-copier"
"""Class of the element whose content is copied: the button's previous sibling."""

BUTTON_CLASS = "copier"
"""Class of the button."""

COPIED = "Copié"
FAILED = "Copie impossible\u00a0: le texte est sélectionné, faites Ctrl+C (Cmd+C sur Mac)"

COPY_STYLE = """
button.copier { display: none; margin-left: 0.3em; padding: 0 0.45em; vertical-align: 0.1em;
  font: 0.72rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #666;
  background: #fafafa; border: 1px solid #d4d4d4; border-radius: 3px; cursor: pointer;
  text-indent: 0; user-select: none; -webkit-user-select: none; }
.copie-active button.copier { display: inline-block; }
button.copier:hover, button.copier:focus-visible { color: #222; border-color: #888; }
button.copier.fait { color: #2d6a2d; border-color: #8fbf8f; }
button.copier.echec { color: #8a2b2b; border-color: #d19a9a; }
.copie-annonce { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print { button.copier { display: none !important; } }
"""

_SCRIPT = """
(function () {
  var COPIED = @COPIED@, FAILED = @FAILED@;
  document.documentElement.classList.add("copie-active");
  var status = document.createElement("span");
  status.className = "copie-annonce";
  status.setAttribute("role", "status");
  function add() { if (!status.parentNode) { document.body.appendChild(status); } }
  function flavours(el) {
    // The fragment alone, as written: no button, no surrounding blanks (no-break spaces kept).
    return {
      html: el.innerHTML.replace(/^[ \\t\\n\\r\\f]+|[ \\t\\n\\r\\f]+$/g, ""),
      text: el.textContent.replace(/[ \\t\\n\\r\\f]+/g, " ").replace(/^ | $/g, "")
    };
  }
  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    return sel;
  }
  function legacy(el, data) {
    // execCommand needs a selection in some browsers; the copy event sets both flavours.
    function onCopy(event) {
      event.clipboardData.setData("text/html", data.html);
      event.clipboardData.setData("text/plain", data.text);
      event.preventDefault();
    }
    var sel = select(el), ok = false;
    document.addEventListener("copy", onCopy, true);
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.removeEventListener("copy", onCopy, true);
    if (ok) { sel.removeAllRanges(); }  // else left selected, for the reader to copy
    return ok;
  }
  function tell(button, text, css, ms) {
    var label = button.dataset.libelle || button.textContent;
    button.dataset.libelle = label;
    clearTimeout(button._copie);
    button.textContent = text;
    button.classList.remove("fait", "echec");
    button.classList.add(css);
    add();
    status.textContent = text;
    button._copie = setTimeout(function () {
      button.textContent = label;
      button.classList.remove(css);
      status.textContent = "";
    }, ms);
  }
  function copy(button) {
    var el = button.previousElementSibling;
    if (!el || !el.classList.contains("@COPY_CLASS@")) { return; }
    var data = flavours(el);
    function fallback() {
      if (legacy(el, data)) { tell(button, COPIED, "fait", 1500); }
      else { tell(button, FAILED, "echec", 6000); }  // the text stays selected for Ctrl+C
    }
    var clip = navigator.clipboard;
    if (clip && clip.write && window.ClipboardItem) {
      var item;
      try {
        item = new ClipboardItem({
          "text/html": new Blob([data.html], { type: "text/html" }),
          "text/plain": new Blob([data.text], { type: "text/plain" })
        });
      } catch (e) { fallback(); return; }
      clip.write([item]).then(function () { tell(button, COPIED, "fait", 1500); }, fallback);
    } else {
      fallback();
    }
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button.@BUTTON_CLASS@") : null;
    if (button) { copy(button); }
  });
})();
"""
COPY_SCRIPT = (
    _SCRIPT.replace("@COPIED@", json.dumps(COPIED))  # JSON: a valid JavaScript string literal
    .replace("@FAILED@", json.dumps(FAILED))
    .replace("@COPY_CLASS@", COPY_CLASS)
    .replace("@BUTTON_CLASS@", BUTTON_CLASS)
)


def copiable(
    inner_html: str, label: str = "Copier", description: str = "Copier la référence"
) -> str:
    """Wrap an already-escaped HTML fragment so that its « Copier » button copies it.

    ``inner_html`` is put in as is (escape the text and keep its ``<i>``); ``label`` is the
    button's visible text, ``description`` what a screen reader says and the tooltip shows.
    """
    return (
        f'<span class="{COPY_CLASS}">{inner_html}</span> '
        f'<button type="button" class="{BUTTON_CLASS}" aria-label="{escape(description)}" '
        f'title="{escape(description)}">{escape(label)}</button>'
    )
