"""French for the words the CLI framework itself prints, through its own extension points.

typer routes its panel titles through gettext: we ship a French catalogue and select it. The
usage line and the ``--help`` description are set by our command classes (typer's ``cls=``),
and usage errors are re-worded by the error boundary (``errors.py``). No library is patched.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import Any

from typer.core import TyperCommand, TyperGroup

USAGE_PREFIX = "Utilisation : "
HELP_OPTION_HELP = "Affiche cette aide et quitte."
DOMAIN = "glossaire"


def install_french_catalogue() -> None:
    """Make gettext answer typer's strings from our French catalogue, whatever the locale.

    gettext picks the language from the environment only; glossaire speaks French to everyone,
    so LANGUAGE is set for this process (it only affects message catalogues).
    """
    os.environ["LANGUAGE"] = "fr"
    gettext.bindtextdomain(DOMAIN, str(Path(__file__).resolve().parent.parent / "locale"))
    gettext.textdomain(DOMAIN)


class _FrenchHelp:
    """Mixin: French usage prefix and ``--help`` description."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
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
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            from difflib import get_close_matches

            from glossaire.errors import InvalidUsage

            close = get_close_matches(args[0], list(self.commands), n=3, cutoff=0.5)
            raise InvalidUsage(
                f"Commande inconnue : « {args[0]} ».",
                f"Vouliez-vous dire : {', '.join(close)} ?"
                if close
                else "Tapez « glossaire --help » pour voir les commandes.",
            )
        return super().resolve_command(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        """Every run, console script or test runner alike, goes through our error boundary."""
        from glossaire.cli.errors import run_with_boundary

        standalone = extra.pop("standalone_mode", True)
        return run_with_boundary(
            lambda: super(FrenchGroup, self).main(
                args=args, prog_name=prog_name or "glossaire", standalone_mode=False, **extra
            ),
            standalone=standalone,
        )
