"""The ``glossaire`` command: global options, the commands, and the entry point."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from glossaire.cli.french import FrenchCommand, FrenchGroup, install_french_catalogue

install_french_catalogue()  # before typer renders any help panel

from glossaire.cli import (  # noqa: E402
    add,
    add_ref,
    biblio,
    check,
    cite,
    compare,
    define,
    export,
    info,
    livret,
    search,
    show,
    style,
)
from glossaire.cli import list as list_module  # noqa: E402
from glossaire.cli.overview import print_overview  # noqa: E402

app = typer.Typer(
    cls=FrenchGroup,
    name="glossaire",
    help="Les concepts du travail social pour le livret 2 de la VAE, avec leurs sources.",
    add_completion=False,
    pretty_exceptions_enable=False,
    suggest_commands=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPTIONS]",
)


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DOSSIER",
            show_default=False,
            help="Dossier de données d'un groupe, lu à la place du dossier personnel "
            "(ou variable GLOSSAIRE_DATA).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="Affiche la version et quitte.", is_eager=True, metavar=""),
    ] = False,
) -> None:
    """Les concepts du travail social pour le livret 2 de la VAE, avec leurs sources."""
    if version:
        from glossaire import __version__

        typer.echo(f"glossaire {__version__}")
        raise typer.Exit()
    ctx.obj = {"data": data}
    if ctx.invoked_subcommand is None:
        print_overview(data)


def _command(name: str, function: object) -> None:
    app.command(name, cls=FrenchCommand, options_metavar="[OPTIONS]")(function)  # type: ignore[arg-type]


_command("show", show.show)
_command("list", list_module.list_command)
_command("search", search.search_command)
_command("cite", cite.cite_command)
_command("biblio", biblio.biblio_command)
_command("style", style.style_command)
_command("add", add.add_command)
_command("add-ref", add_ref.add_ref_command)
_command("define", define.define_command)
_command("export", export.export_command)
_command("compare", compare.compare)
_command("check", check.check)
_command("livret", livret.livret)
_command("info", info.info)


def main() -> int:
    """Console-script entry point; the error boundary lives in ``FrenchGroup.main``.

    typer builds every registered command (signatures, parameters) before running one. A
    candidate runs ``show`` dozens of times an evening, so when the command line names a
    known command, only that one is built; help, typos and suggestions still see them all.
    """
    invoked = invoked_command(sys.argv[1:])
    if invoked is not None:
        app.registered_commands = [c for c in app.registered_commands if c.name == invoked]
    return app()


_GLOBAL_OPTIONS_WITH_VALUE = ("--data",)


def invoked_command(arguments: list[str]) -> str | None:
    """The command named on the command line, if it is one of ours and nothing unusual
    precedes it (a global option we do not know, help or version requests)."""
    known = {command.name for command in app.registered_commands}
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in _GLOBAL_OPTIONS_WITH_VALUE:
            position += 2
        elif any(argument.startswith(f"{option}=") for option in _GLOBAL_OPTIONS_WITH_VALUE):
            position += 1
        elif argument.startswith("-"):
            return None  # --help, --version, or a typo: let the full group handle it
        else:
            return argument if argument in known else None
    return None
