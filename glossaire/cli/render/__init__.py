"""Renderers: turn a service result into text, Markdown or JSON. Formatting only."""

from __future__ import annotations

import sys
from typing import Any

from glossaire.cli.console import make_encoding_safe, wants_styles


def render(result: Any, output_format: str) -> None:
    """Print ``result`` on stdout in the requested format."""
    if output_format == "json":
        from glossaire.cli.render import as_json

        _write(as_json.render(result))
    elif output_format == "html":
        from glossaire.cli.render import as_html

        _write(as_html.render(result))
    elif output_format == "markdown":
        from glossaire.cli.render import as_markdown

        _write(as_markdown.render(result))
    else:
        _print_text(result)


def _print_text(result: Any) -> None:
    from glossaire.cli.render import as_text
    from glossaire.cli.render.styled import Line, print_rich, write_plain

    printed = as_text.render(result)
    make_encoding_safe(sys.stdout)
    if wants_styles(sys.stdout) or not all(isinstance(item, Line) for item in printed):
        from glossaire.cli.console import output_console
        from glossaire.cli.pager import print_paged

        console = output_console()
        print_paged(console, lambda: print_rich(printed, console))
        sys.stdout.flush()
    else:
        write_plain(printed, sys.stdout)


def _write(text: str) -> None:
    make_encoding_safe(sys.stdout)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
