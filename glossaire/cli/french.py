"""French for the words the CLI framework itself prints, through its own extension points.

typer's own words (help panel titles, « [required] »…) go through gettext, in the language of
the environment. We change no environment variable: our French catalogue is opened explicitly
(``languages=["fr"]``) and, when help is rendered, its words are bound to the names typer reads
them from. The usage line and the ``--help`` description are set by our command classes
(typer's ``cls=``), and usage errors are re-worded by the error boundary (``errors.py``).
"""

from __future__ import annotations

import gettext
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from typer._click import types as click_types
from typer.core import TyperCommand, TyperGroup

USAGE_PREFIX = "Utilisation : "
HELP_OPTION_HELP = "Affiche cette aide et quitte."
DOMAIN = "glossaire"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

# typer.rich_utils translates these module-level strings once, when it is first imported.
RICH_UTILS_WORDS = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


@cache
def french_catalogue() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])


def use_french_words() -> None:
    """Give typer its words in French, whatever the locale: the rich help's strings, and the
    ``_`` typer.core calls for the plain help (``TYPER_USE_RICH=0``) and dynamic defaults.

    Called when help is rendered, the only time typer prints its own words here (errors go
    through our boundary), so a plain run never imports typer's rich help.
    """
    from typer import core, rich_utils

    catalogue = french_catalogue()
    for name, english in RICH_UTILS_WORDS.items():
        setattr(rich_utils, name, catalogue.gettext(english))
    core._ = catalogue.gettext  # type: ignore[attr-defined]  # typer.core's private gettext alias


STRING = click_types.StringParamType  # click's type of a plain text parameter


class UntypedText(STRING):
    """A text argument whose help names no type: typer's rich help prints a type it cannot
    name as « <str> », which means nothing to our users. Converts as any text does."""

    def get_metavar(self, *_args: Any, **_kwargs: Any) -> str:
        return ""  # not None: nothing is shown


class _FrenchHelp:
    """Mixin: French usage prefix, ``--help`` description and typer's own words."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        use_french_words()
        for param in self.params:  # type: ignore[attr-defined]  # from click's Command
            if param.param_type_name == "argument" and type(param.type) is STRING:
                param.type = UntypedText()
        super().format_help(ctx, formatter)  # type: ignore[misc]  # a mixin: click's Command follows

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]  # from click's Command
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]  # a mixin: click's Command follows
        if option is not None:
            option.help = HELP_OPTION_HELP
            option.metavar = ""  # a flag takes no value: no « <bool> » in the help
        return option


class FrenchCommand(_FrenchHelp, TyperCommand):
    pass


class FrenchGroup(_FrenchHelp, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDE [ARGUMENTS]..."

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command is answered in French, with the closest commands offered."""
        known = self.list_commands(ctx)
        if args and args[0] not in known and not args[0].startswith("-"):
            from difflib import get_close_matches

            from glossaire.errors import InvalidUsage, did_you_mean

            close = get_close_matches(args[0], known, n=3, cutoff=0.5)
            raise InvalidUsage(
                f"Commande inconnue : « {args[0]} ».",
                did_you_mean(close)
                if close
                else "Tapez « glossaire --help » pour voir les commandes.",
            )
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]  # standalone_mode is read from ``extra``
        self, args: Any = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        """Every run, console script or test runner alike, goes through our error boundary."""
        from glossaire.cli.errors import run_with_boundary

        standalone = extra.pop("standalone_mode", True)
        given = sys.argv[1:] if args is None else list(args)
        arguments: list[str] | None = [as_text(a) for a in given]
        if args is None and arguments == given:
            arguments = None  # click's own reading of sys.argv (it expands globs on Windows)
        return run_with_boundary(
            lambda: super(FrenchGroup, self).main(
                args=arguments, prog_name=prog_name or "glossaire", standalone_mode=False, **extra
            ),
            standalone=standalone,
        )


def as_text(argument: str) -> str:
    """Bytes of the command line that are not UTF-8 (Python keeps them as lone surrogates)
    become « � » in words (a term, a key): nothing matches them, and they would break every
    layer below. A path that exists, or whose folder does, is kept as the system gave it."""
    if not _has_surrogates(argument):
        return argument
    folder = os.path.dirname(argument)
    if os.path.lexists(argument) or (os.sep in argument and os.path.isdir(folder or ".")):
        return argument
    return argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)
