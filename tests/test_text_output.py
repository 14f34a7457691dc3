"""The two printers of text output agree: plain (piped) and rich (terminal, here without colour)."""

from __future__ import annotations

import io
import sys

from rich.console import Console

from glossaire.catalog.opening import open_catalog
from glossaire.cli.render import as_text
from glossaire.cli.render.styled import Line, line, print_rich, write_plain
from glossaire.services.show import concept_card
from glossaire.services.style import chosen_style


def _both(lines: list[Line]) -> tuple[str, str]:
    plain = io.StringIO()
    write_plain(lines, plain)
    styled = io.StringIO()
    console = Console(file=styled, width=10_000, soft_wrap=True, color_system=None)
    print_rich(lines, console)
    return plain.getvalue(), styled.getvalue()


def test_every_bundled_card_prints_the_same_plain_and_through_rich() -> None:
    catalog = open_catalog(None)
    style = chosen_style(None, None)
    compared = 0
    for concept in catalog.concepts:
        printed = as_text.render(concept_card(catalog, concept, style))
        assert all(isinstance(item, Line) for item in printed)
        plain, styled = _both(printed)
        assert plain == styled, concept.id
        compared += 1
    assert compared >= 29


def test_indented_multiline_text_gets_no_trailing_spaces_when_plain() -> None:
    plain, styled = _both([line("premier\n\ntroisième").indented(4)])
    assert plain == "    premier\n\n    troisième\n"
    assert styled.splitlines()[1].strip() == ""  # rich pads it: only the plain printer is exact


def test_styles_never_reach_plain_output() -> None:
    plain, _ = _both([line(("gras", "bold"), " et ", ("[red]pas du markup[/]", "dim"))])
    assert plain == "gras et [red]pas du markup[/]\n"
    assert "\x1b" not in plain


def test_piped_show_does_not_import_rich_console() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from glossaire.cli.app import main\n"
        "sys.argv = ['glossaire', 'show', 'partenariat']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('rich.console' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8"
    )
    assert "Partenariat" in done.stdout
    assert done.stderr.strip().endswith("False")


def test_control_characters_and_tabs_print_the_same_plain_and_through_rich() -> None:
    """Whatever span data comes in (a code from referentiel.yaml, a file name), nothing can
    retitle or ring the terminal, and a tab is the same spaces both ways."""
    lines = [line(("DC\x074\x1b]0;titre\x07", "bold"), "\tcode\r ", ("\x08fin", "")).indented(2)]
    plain, styled = _both(lines)
    assert plain == styled
    assert not any(char in plain for char in "\x07\x1b\r\x08\t")
    assert plain.startswith("  DC4") and "code" in plain and plain.endswith("fin\n")
