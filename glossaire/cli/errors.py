"""The one error boundary: French on stderr, a meaningful exit code, never a traceback.

Usage errors raised by the framework carry English text; we re-word them from their type and
attributes. ``GLOSSAIRE_DEBUG=1`` shows the traceback of an unexpected error, for developers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

# typer >= 0.26 vendors click and keeps its usage errors private; pinned in pyproject.
from typer._click import exceptions as click_errors

from glossaire.errors import ExitCode, GlossaireError, did_you_mean

DEBUG_ENV = "GLOSSAIRE_DEBUG"


def run_with_boundary(run: Callable[[], Any], *, standalone: bool) -> Any:
    from glossaire.writing.written import WRITTEN

    written_before = len(WRITTEN)
    try:
        result = run()
        code = result if isinstance(result, int) else ExitCode.OK
    except GlossaireError as error:
        code = _report(error.message, error.hint, error.exit_code)
    except click_errors.UsageError as error:
        code = _report(*_french_or_generic(error), ExitCode.USAGE_ERROR)
    except (typer.Abort, KeyboardInterrupt):
        code = _abandoned(WRITTEN[written_before:])
    except BrokenPipeError:
        code = ExitCode.OK  # the reader (e.g. `head`) has seen enough
        _silence_broken_pipe()
    except Exception:
        if os.environ.get(DEBUG_ENV):
            raise
        code = _report(
            "problème interne inattendu. Ce n'est pas de votre faute.",
            f"Relancez avec {DEBUG_ENV}=1 et transmettez le message à l'équipe glossaire.",
            ExitCode.INTERNAL_ERROR,
        )
    if standalone:
        sys.exit(code)
    return code


def _french_or_generic(error: click_errors.UsageError) -> tuple[str, str | None]:
    try:
        return usage_error_in_french(error)
    except Exception:  # a framework change must never turn a typo into a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        return "La ligne de commande est incorrecte.", "Tapez « glossaire --help » pour l'aide."


def usage_error_in_french(error: click_errors.UsageError) -> tuple[str, str | None]:
    help_hint = _help_hint(error)
    if isinstance(error, click_errors.MissingParameter):
        kind = (
            "l'option"
            if error.param is not None and error.param.param_type_name == "option"
            else "l'argument"
        )
        return f"Il manque {kind} {_plain(_param_hint(error))}.", help_hint
    if isinstance(error, click_errors.NoSuchOption):
        message = f"Option inconnue : {error.option_name}."
        if error.possibilities:
            return message, did_you_mean(sorted(error.possibilities))
        return message, help_hint
    if isinstance(error, click_errors.BadOptionUsage):
        if "does not take a value" in error.message:
            return f"L'option {error.option_name} ne prend pas de valeur.", help_hint
        return f"L'option {error.option_name} attend une valeur.", help_hint
    if isinstance(error, click_errors.BadParameter):
        return f"Valeur invalide pour {_plain(_param_hint(error))} : {error.message}", help_hint
    if error.message.startswith("Got unexpected extra argument"):
        extra = error.message[error.message.rfind(" (") + 2 :].rstrip(")")
        return f"Argument en trop : {extra}.", help_hint
    return error.message, help_hint


def _param_hint(error: click_errors.UsageError) -> str:
    """click's ``get_error_hint`` takes the context (typer < 0.29 vendors that signature)."""
    param = getattr(error, "param", None)
    if param is None:
        return ""
    try:
        return str(param.get_error_hint(error.ctx))
    except TypeError:
        return str(param.get_error_hint())


def _help_hint(error: click_errors.UsageError) -> str | None:
    if error.ctx is None:
        return None
    return f"Tapez « {error.ctx.command_path} --help » pour l'aide."


def _plain(hint: str) -> str:
    return hint.replace("'", "")


def _report(message: str, hint: str | None, code: int) -> int:
    from glossaire.cli.console import error_console
    from glossaire.text import safe_for_terminal

    console = error_console()  # messages quote what the user typed and their data: cleaned
    console.print(f"Erreur : {safe_for_terminal(message)}", markup=False, highlight=False)
    if hint:
        console.print(safe_for_terminal(hint), markup=False, highlight=False)
    return int(code)


def _abandoned(written_files: list[Path]) -> int:
    """Ctrl+C (or Ctrl+D in a prompt): not an error of the user's. 130, as shells expect.
    « Rien n'a été écrit » only when this command wrote nothing before it was stopped."""
    from glossaire.cli.console import error_console
    from glossaire.text import safe_for_terminal

    written = safe_for_terminal(str(written_files[-1])) if written_files else ""
    said = f"« {written} » était déjà enregistré." if written else "rien n'a été écrit."
    error_console().print(f"Abandon : {said}", markup=False, highlight=False)
    return 130


def _silence_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
