"""Questions to a person at a terminal, in French: « Question : », « [o/N] ».

click's own ``confirm`` answers to « y » and shows « [y/N] »; a French user types « o » or
« oui ». The prompts end with a no-break space before the colon, as French requires.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from glossaire.cli.console import error_console

Check = Callable[[str], "str | None"]  # an answer → what is wrong with it (None: fine)
SUFFIX = "\u00a0: "
_YES = {"o", "oui", "y", "yes"}
_NO = {"n", "non", "no"}


def ask(question: str, check: Check | None = None, default: str | None = None) -> str:
    """Ask until the answer passes ``check``; a wrong answer is said, then asked again."""
    while True:
        answer = str(
            typer.prompt(
                question, default=default, show_default=bool(default), prompt_suffix=SUFFIX
            )
        ).strip()
        problem = check(answer) if check is not None else None
        if problem is None:
            return answer
        error_console().print(problem, markup=False, highlight=False)


def ask_yes_no(question: str, default: bool = False) -> bool:
    """« Question ? [o/N] » : o, oui, n, non (Entrée: the default)."""
    choices = "[O/n]" if default else "[o/N]"
    while True:
        answer = (
            str(
                typer.prompt(
                    f"{question} {choices}", default="", show_default=False, prompt_suffix=" "
                )
            )
            .strip()
            .lower()
        )
        if not answer:
            return default
        if answer in _YES:
            return True
        if answer in _NO:
            return False
        error_console().print("Répondez « o » (oui) ou « n » (non).", markup=False)
