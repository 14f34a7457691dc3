"""Renderers: turn a service result into text (rich), Markdown or JSON. Formatting only."""

from __future__ import annotations

import sys
from typing import Any

from glossaire.cli.console import output_console


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
        from glossaire.cli.render import as_text

        console = output_console()
        for renderable in as_text.render(result):
            console.print(renderable)


def _write(text: str) -> None:
    output_console()  # makes stdout encoding-safe
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
