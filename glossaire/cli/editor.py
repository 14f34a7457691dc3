"""Open a text in the user's editor and read it back (for ``modifier``).

The editor is the one the user chose (``VISUAL``, then ``EDITOR``), else the system's
plain one: Notepad on Windows, TextEdit on macOS (``open -W`` waits until it is closed),
and on Linux ``sensible-editor``, ``nano`` or ``vi``. The text goes, alone, in a temporary
file: a line number in a message is a line of what the user sees in the editor.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from glossaire.errors import InvalidUsage

HOW_TO = (
    "Modifiez le texte dans l'éditeur qui s'ouvre, enregistrez, puis fermez-le "
    "(videz le texte pour retirer l'entrée)."
)


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value, posix=os.name != "nt")
    if sys.platform == "win32":
        return ["notepad"]
    if sys.platform == "darwin":
        return ["open", "-W", "-n", "-t"]
    for name in ("sensible-editor", "nano", "vi"):
        if shutil.which(name):
            return [name]
    raise InvalidUsage(
        "aucun éditeur de texte n'a été trouvé sur cet ordinateur.",
        "Indiquez le vôtre, par exemple : EDITOR=nano glossaire modifier …",
    )


def edit_in_editor(text: str, suffix: str) -> tuple[str, Path]:
    """The text as the user saved it, and the file it was edited in, which the caller
    removes once the text is safely written (or shows if it is not)."""
    handle, name = tempfile.mkstemp(prefix="glossaire-", suffix=suffix)
    path = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    command = editor_command()
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except OSError:
        raise InvalidUsage(
            f"l'éditeur « {command[0]} » ne peut pas être lancé.",
            "Indiquez-en un autre, par exemple : EDITOR=nano glossaire modifier …",
        ) from None
    if finished.returncode != 0:
        raise InvalidUsage(
            f"l'éditeur « {command[0]} » s'est arrêté sur une erreur : rien n'a été écrit.",
            f"Votre texte est resté dans « {path} ».",
        )
    return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n"), path
