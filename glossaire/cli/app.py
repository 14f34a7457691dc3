"""The ``glossaire`` command: global options, the table of commands, and the entry point."""

from __future__ import annotations

import gc
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

import typer

from glossaire.cli.french import FrenchCommand, FrenchGroup
from glossaire.cli.overview import print_overview

if TYPE_CHECKING:
    from typer._click import Command

# Every command, in the order ``glossaire --help`` lists them: name -> "module:function".
COMMANDS: dict[str, str] = {
    "show": "glossaire.cli.show:show",
    "list": "glossaire.cli.list:list_command",
    "search": "glossaire.cli.search:search_command",
    "cite": "glossaire.cli.cite:cite_command",
    "biblio": "glossaire.cli.biblio:biblio_command",
    "style": "glossaire.cli.style:style_command",
    "add": "glossaire.cli.add:add_command",
    "add-ref": "glossaire.cli.add_ref:add_ref_command",
    "define": "glossaire.cli.define:define_command",
    "modifier": "glossaire.cli.modifier:modifier_command",
    "retirer": "glossaire.cli.retirer:retirer_command",
    "export": "glossaire.cli.export:export_command",
    "ouvrir": "glossaire.cli.ouvrir:ouvrir_command",
    "relire": "glossaire.cli.relire:relire_command",
    "compare": "glossaire.cli.compare:compare",
    "check": "glossaire.cli.check:check",
    "livret": "glossaire.cli.livret:livret",
    "info": "glossaire.cli.info:info",
}


def build_command(name: str) -> Command:
    """Import the module of one command and build its click command (typer's public path:
    a one-command ``Typer`` turned into a command by ``typer.main.get_command``)."""
    module_name, _, function_name = COMMANDS[name].partition(":")
    function = getattr(import_module(module_name), function_name)
    single = typer.Typer(add_completion=False)  # no completion options on the command
    single.command(name, cls=FrenchCommand, options_metavar="[OPTIONS]")(function)
    return typer.main.get_command(single)


class GlossaireGroup(FrenchGroup):
    """Commands loaded lazily, through click's documented hooks ``list_commands`` and
    ``get_command``: a candidate runs ``show`` dozens of times an evening, so a run imports
    and builds only the command it names; help and suggestions list them all from the table.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, Command] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self._built:
            self._built[cmd_name] = build_command(cmd_name)
        return self._built[cmd_name]


app = typer.Typer(
    cls=GlossaireGroup,
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
            help="Dossier de données d'un groupe, lu avant votre dossier personnel "
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


def main() -> int:
    """Console-script entry point; the error boundary lives in ``FrenchGroup.main``.

    A command is one short process that allocates in proportion to the data (a row, a
    tuple per concept or entry) and frees nothing until it ends: with the default
    threshold, Python's collector walks every live object dozens of times for no garbage
    (3 to 4 ms of ``list`` at 10 000 concepts). A higher first threshold keeps cycles
    collected, only less often."""
    gc.set_threshold(100_000, 20, 20)
    return int(app())
