"""The HTML page's « Copier » buttons, clicked in a real headless Chromium, clipboard read back.

The page is opened as a file:// page, as a student opens the exported annex. Playwright drives
Debian's Chromium (never a downloaded browser); the clipboard permissions are granted so that
the test can read back what a click wrote: both flavours, text/html and text/plain.
Without Chromium these tests are skipped, unless GLOSSAIRE_REQUIRE_BROWSER=1 (set by .ci/run).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossaire.export.clipboard import COPIED, COPY_SCRIPT, COPY_STYLE, FAILED, copiable

MILLE = "<i>Mille plateaux</i>. Paris\u00a0: Minuit, 1980."
MILLE_TEXT = "Mille plateaux. Paris\u00a0: Minuit, 1980."
# Blanks around and inside the fragment, as a template may leave them.
DHUME = "\n   <i>Du travail social au travail ensemble</i>,\n   2001.  "
DHUME_TEXT = "Du travail social au travail ensemble, 2001."

READ_CLIPBOARD = """async () => {
  const out = {};
  for (const item of await navigator.clipboard.read()) {
    for (const type of item.types) { out[type] = await (await item.getType(type)).text(); }
  }
  return out;
}"""

# Counts the fallback's execCommand("copy") calls, passing them on to the real one.
SPY_EXEC_COMMAND = """() => {
  window.copies = 0;
  const real = document.execCommand.bind(document);
  document.execCommand = (...args) => {
    if (args[0] === "copy") { window.copies += 1; }
    return real(...args);
  };
}"""

REFUSE_ASYNC_WRITE = """() => {
  Clipboard.prototype.write = () =>
    Promise.reject(new DOMException("Refusé par le test", "NotAllowedError"));
}"""


def _page_html() -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Copier</title>\n<style>{COPY_STYLE}</style>\n</head>\n<body>\n"
        '<h2>Bibliographie</h2>\n<div class="bibliographie">\n'
        f'<p id="mille">Deleuze, G., Guattari, F. {copiable(MILLE)}</p>\n'
        f'<p id="dhume">Dhume, F. {copiable(DHUME, description="Copier la citation")}</p>\n'
        f"</div>\n<script>{COPY_SCRIPT}</script>\n</body>\n</html>\n"
    )


# --- The markup, without a browser ----------------------------------------------------------


def test_copiable_wraps_the_fragment_as_is_and_puts_the_button_outside_it() -> None:
    markup = copiable(MILLE)
    assert markup.startswith(f'<span class="a-copier">{MILLE}</span> <button type="button"')
    assert 'class="copier"' in markup and 'aria-label="Copier la référence"' in markup
    assert markup.endswith(">Copier</button>")


def test_copiable_escapes_the_label_and_the_description() -> None:
    markup = copiable("x", label='<Copier "ça">', description="Copier l’entrée « A & B »")
    assert "&lt;Copier &quot;ça&quot;&gt;</button>" in markup
    assert 'aria-label="Copier l’entrée « A &amp; B »"' in markup


def test_messages_are_french_with_a_no_break_space_before_the_colon() -> None:
    assert COPIED == "Copié"
    assert "Copie impossible\u00a0: " in FAILED and " :" not in FAILED
    assert "@media print" in COPY_STYLE
    assert "http" not in COPY_SCRIPT  # no network: everything is in the page


# --- In Chromium ------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """The test page, opened from a file; console errors fail the test."""
    path = tmp_path / "annexe.html"
    path.write_text(_page_html(), encoding="utf-8")
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.goto(path.as_uri())
    opened.evaluate("() => navigator.clipboard.writeText('presse-papiers vide')")
    opened.evaluate(SPY_EXEC_COMMAND)
    yield opened
    context.close()
    assert errors == []


def _click_and_read(page: Any, entry: str) -> dict[str, str]:
    page.click(f"#{entry} button.copier")
    page.wait_for_function(
        "([sel, copied, failed]) => [copied, failed].includes("
        "document.querySelector(sel).textContent)",
        arg=[f"#{entry} button.copier", COPIED, FAILED],
        timeout=5000,
    )
    result: dict[str, str] = page.evaluate(READ_CLIPBOARD)
    return result


def _assert_mille(clipboard: dict[str, str]) -> None:
    assert "<i>Mille plateaux</i>" in clipboard["text/html"]
    assert "Copi" not in clipboard["text/html"] and "<button" not in clipboard["text/html"]
    assert clipboard["text/plain"] == MILLE_TEXT


def test_click_puts_html_with_italics_and_plain_text_on_the_clipboard(page: Any) -> None:
    clipboard = _click_and_read(page, "mille")
    _assert_mille(clipboard)
    assert page.evaluate("window.copies") == 0  # the asynchronous API did it
    button = page.locator("#mille button.copier")
    assert button.text_content() == COPIED
    # Back to « Copier » after about 1.5 s.
    page.wait_for_function(
        "document.querySelector('#mille button.copier').textContent === 'Copier'", timeout=4000
    )


def test_only_the_clicked_entry_is_copied_without_its_blanks(page: Any) -> None:
    clipboard = _click_and_read(page, "dhume")
    assert clipboard["text/plain"] == DHUME_TEXT
    html = clipboard["text/html"]
    assert "<i>Du travail social au travail ensemble</i>" in html
    assert "Mille" not in html and html == html.strip()


def test_without_the_asynchronous_api_the_fallback_copies_both_flavours(page: Any) -> None:
    page.evaluate("() => { delete Clipboard.prototype.write; }")
    clipboard = _click_and_read(page, "mille")
    _assert_mille(clipboard)
    assert page.evaluate("window.copies") == 1
    assert page.evaluate("String(window.getSelection())") == ""  # selection put back


def test_when_the_asynchronous_api_refuses_the_fallback_copies_both_flavours(page: Any) -> None:
    page.evaluate(REFUSE_ASYNC_WRITE)
    clipboard = _click_and_read(page, "mille")
    _assert_mille(clipboard)
    assert page.evaluate("window.copies") == 1
    assert page.locator("#mille button.copier").text_content() == COPIED


def test_when_nothing_can_copy_the_reader_is_told_and_the_text_is_selected(page: Any) -> None:
    page.evaluate(REFUSE_ASYNC_WRITE)
    page.evaluate("() => { document.execCommand = () => false; }")
    clipboard = _click_and_read(page, "mille")
    assert clipboard == {"text/plain": "presse-papiers vide"}
    assert page.locator("#mille button.copier").text_content() == FAILED
    assert page.locator(".copie-annonce").text_content() == FAILED  # read out by screen readers
    assert page.evaluate("String(window.getSelection())") == MILLE_TEXT


def test_the_buttons_are_hidden_in_print(page: Any) -> None:
    assert page.locator("#mille button.copier").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#mille button.copier").is_visible()


def test_without_javascript_there_is_no_dead_button(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "annexe.html"
    path.write_text(_page_html(), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert page.locator("#mille .a-copier").is_visible()
    assert not page.locator("#mille button.copier").is_visible()
    context.close()


# --- The real page: glossaire ouvrir ---------------------------------------------------------


def test_the_page_of_glossaire_ouvrir_copies_a_reference_and_a_citation(
    browser: Any, invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``glossaire ouvrir`` makes the whole lexicon's page and hands it to the browser; in it,
    « Copier » beside Deleuze's entry puts the entry with its italic title, and beside a
    quotation the quotation with its citation; the search does not match the buttons."""
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    result = invoke("ouvrir")
    assert result.exit_code == 0, result.stderr
    assert "s'ouvre dans votre navigateur" in result.stdout and len(opened) == 1
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(opened[0])
    entry = page.locator(".bibliographie p", has_text="Mille plateaux")
    entry.locator("button.copier").click()
    page.wait_for_function("() => document.querySelector('button.copier.fait') !== null")
    clipboard = page.evaluate(READ_CLIPBOARD)
    assert "<i>Mille plateaux. Capitalisme et schizophrénie 2</i>" in clipboard["text/html"]
    assert (
        clipboard["text/plain"].startswith("DELEUZE, Gilles")
        and "Copier" not in clipboard["text/plain"]
    )
    quotation = page.locator("#partenariat blockquote").first
    quotation.locator("button.copier").click()
    page.wait_for_timeout(200)
    copied = page.evaluate(READ_CLIPBOARD)["text/plain"]
    assert copied.startswith("«\u202fMéthode d’action") and copied.endswith(
        "\u202f» (Dhume 2001, p.\u00a0111)"
    )
    page.fill("#recherche", "copier")
    assert page.locator(".concept:not([hidden])").count() == 0
    context.close()
    assert errors == []
