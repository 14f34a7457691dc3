"""Where data lives: the bundled set, the user's folder, or a group's folder.

Resolved in one place so that tests, ``info`` and every command agree. ``GLOSSAIRE_USER_DIR``
exists for tests and for users who keep their files elsewhere (a synced folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from glossaire.errors import DataFolderNotFound

DATA_ENV = "GLOSSAIRE_DATA"
USER_DIR_ENV = "GLOSSAIRE_USER_DIR"
CONFIG_DIR_ENV = "GLOSSAIRE_CONFIG_DIR"


def bundled_data_dir() -> Path:
    """The shipped data: ``glossaire/data`` in a wheel, ``data/`` in a source checkout.

    pip always unpacks the package, so the folder is found beside this module
    (``importlib.resources`` would cost every command 10 ms for the zip case we never meet).
    """
    package = Path(__file__).resolve().parent
    installed = package / "data"
    if installed.is_dir():
        return installed
    return package.parent / "data"


def user_data_dir() -> Path:
    """The user's own folder; it need not exist until the first write."""
    override = os.environ.get(USER_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("glossaire", appauthor=False)


def user_config_dir() -> Path:
    """Where the user's preferences live (platformdirs), apart from their data."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("glossaire", appauthor=False)


def group_data_dir(option_value: str | None) -> Path | None:
    """The folder named by ``--data`` or ``GLOSSAIRE_DATA``, which must exist.

    A typo here must not silently show other data, hence the error rather than a fallback.
    """
    chosen = option_value or os.environ.get(DATA_ENV) or None
    if chosen is None:
        return None
    folder = Path(chosen).expanduser()
    origin = "--data" if option_value else DATA_ENV
    if not folder.exists():
        raise DataFolderNotFound(
            f"Le dossier de données « {folder} » (donné par {origin}) n'existe pas.",
            "Vérifiez le chemin, ou créez le dossier s'il s'agit d'un nouveau groupe.",
        )
    if not folder.is_dir():
        raise DataFolderNotFound(
            f"« {folder} » (donné par {origin}) est un fichier, pas un dossier.",
            "Indiquez le dossier qui contient concepts.yaml et references.bib.",
        )
    return folder.absolute()  # locations kept in the index must not depend on where one stands


BUNDLED = "intégrées"  # the layers' names, as ``info`` shows them
GROUP = "groupe"
PERSONAL = "personnelles"


def data_layers(data_option: str | None) -> list[tuple[str, Path]]:
    """The folders to read, in increasing priority.

    The user's own folder is always read, last, group or not: a candidate who works with
    the group's folder keeps the references and concepts they added for themselves (as they
    keep « Ma définition »), and what they wrote for themselves wins for them. Here, not in
    the loader: the index checks these folders on every command without loading YAML."""
    group = group_data_dir(data_option)
    layers = [(BUNDLED, bundled_data_dir())]
    if group is not None:
        layers.append((GROUP, group))
    personal = user_data_dir()
    if group is None or personal.absolute() != group:  # the same folder is read once
        layers.append((PERSONAL, personal))
    return layers
