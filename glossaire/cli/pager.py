"""Long text on a terminal goes through a pager, as ``git`` and ``man`` do.

A card with four definitions, contrasts and examples is taller than a laptop's terminal:
without a pager its start scrolls out of sight. Only when a person reads it (stdin and
stdout are terminals) and it does not fit the window; never when piped or redirected, where
the text must reach Word or a file as it is. The pager is ``$PAGER`` (or ``$MANPAGER``),
else ``less`` on macOS and Linux (told to keep colours, to quit at once if the text fits
after all, and to leave the text on screen), ``more`` on Windows, through :mod:`pydoc`.
``GLOSSAIRE_PAGER=0`` turns it off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

PAGER_ENV = "GLOSSAIRE_PAGER"
_LESS_OPTIONS = "-R -F -X -K"  # colours, quit if one screen, keep on screen, Ctrl+C quits


def wants_pager(height: int, text: str) -> bool:
    """Whether ``text`` (as printed, one ``\\n`` per line) should be paged in a window of
    ``height`` lines."""
    if os.environ.get(PAGER_ENV, "1") == "0":
        return False
    if not (_is_tty(sys.stdin) and _is_tty(sys.stdout)):
        return False
    return text.count("\n") >= max(height - 1, 1)


def page(text: str) -> None:
    import pydoc

    if "LESS" not in os.environ:
        os.environ["LESS"] = _LESS_OPTIONS  # for the pager process only; ours ends next
    pydoc.pager(text)


def _is_tty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def print_paged(console: Console, draw: Callable[[], None]) -> None:
    """What ``draw`` prints on ``console``, through the pager when it is too long for the
    window, else as it is (the one place both rules meet, for every text output)."""
    with console.capture() as captured:
        draw()
    shown = captured.get()
    if wants_pager(console.size.height, shown):
        page(shown)
    else:
        sys.stdout.write(shown)
