"""What ``glossaire`` alone prints: what it is, the useful commands, where data is read from."""

from __future__ import annotations

from glossaire.cli.console import output_console

COMMANDS = (
    ("show TERME", "fiche d'un concept", "glossaire show partenariat"),
    ("list", "tous les concepts (ou ceux d'un chapitre)", "glossaire list --chapitre 4.2"),
    ("livret", "domaines, chapitres et concepts utiles", "glossaire livret"),
    ("search TEXTE", "recherche dans tout le glossaire", "glossaire search contre-don"),
    ("cite CLÉ", "citation d'une source, dans votre norme", "glossaire cite dhume2001 -p 111"),
    ("export", "annexe du livret 2 (Word, HTML…)", "glossaire export --chapitre 4.2"),
    ("ouvrir", "le lexique dans le navigateur, à copier", "glossaire ouvrir"),
    ("relire", "vos citations relues comme par un jury", "glossaire relire livret2.docx"),
    ("define", "votre propre définition", 'glossaire define réseau "…"'),
    ("add, add-ref", "ajouter un concept, des références", "glossaire add-ref export.ris"),
    ("modifier ID", "changer ou retirer une de vos entrées", "glossaire modifier reseau-x"),
    ("compare A B", "deux concepts côte à côte", "glossaire compare réseau partenariat"),
    ("check", "vérifie les données", "glossaire check"),
    ("info", "dossiers lus et nombre d'entrées", "glossaire info"),
)


def print_overview(data_option: str | None) -> None:
    from rich.text import Text

    from glossaire.paths import data_layers
    from glossaire.text import safe_for_terminal

    console = output_console()
    console.print(
        Text("glossaire", style="bold"),
        Text("— les concepts du travail social pour le livret 2 de la VAE, avec leurs sources."),
    )
    console.print()
    console.print(Text("Commandes utiles :", style="bold"))
    for usage, purpose, example in COMMANDS:
        console.print(
            Text.assemble("  ", (f"{usage:<14}", "cyan"), f"{purpose}  ", (f"ex. {example}", "dim"))
        )
    console.print()
    console.print(Text("Données lues :", style="bold"))
    for name, folder in data_layers(data_option):
        state = "" if folder.is_dir() else " (pas encore créé)"
        console.print(Text(safe_for_terminal(f"  {name} : {folder}{state}")))
    console.print()
    console.print(Text("Aide d'une commande : glossaire COMMANDE --help", style="dim"))
