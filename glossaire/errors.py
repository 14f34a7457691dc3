"""The one family of errors a user may see.

Every failure the user can fix is a ``GlossaireError`` carrying a French message, an optional
hint (what to do next) and an exit code. The CLI boundary prints these and nothing else; any
other exception is a bug and is reported as such (traceback only with ``GLOSSAIRE_DEBUG=1``).
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes, named in one place so tests and scripts agree on them."""

    OK = 0
    DATA_OR_USER_ERROR = 1
    USAGE_ERROR = 2
    INTERNAL_ERROR = 3


class GlossaireError(Exception):
    """An error the user can act upon; ``message`` and ``hint`` are French sentences."""

    exit_code: ExitCode = ExitCode.DATA_OR_USER_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def did_you_mean(candidates: list[str] | tuple[str, ...]) -> str:
    """The one wording of a suggestion, whatever is suggested (a concept, a key, a field)."""
    return f"Voulez-vous dire : {', '.join(candidates)} ?"


def where(path: Path | str, line: int | None = None) -> str:
    """Format a location the way editors accept it (``file:line``), for messages."""
    return f"{path}:{line}" if line else str(path)


class DataError(GlossaireError):
    """A data file cannot be read at all (encoding, syntax): no command can trust it."""

    def __init__(
        self, message: str, path: Path, line: int | None = None, hint: str | None = None
    ) -> None:
        super().__init__(f"{where(path, line)} : {message}", hint)
        self.reason = message  # without the place: a Problem carries its own location
        self.path = path
        self.line = line


class DataFolderNotFound(GlossaireError):
    """The folder given by ``--data`` or ``GLOSSAIRE_DATA`` does not exist (often a typo)."""


class ConceptNotFound(GlossaireError):
    """No concept matches what the user typed; carries suggestions for the message."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        message = f"Aucun concept ne correspond à « {query} »."
        hint = (
            did_you_mean(suggestions)
            if suggestions
            else "Lancez « glossaire list » pour voir les concepts disponibles."
        )
        super().__init__(message, hint)
        self.query = query
        self.suggestions = suggestions


class AmbiguousConcept(GlossaireError):
    """Several concepts match equally well; the user must choose."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        super().__init__(
            f"« {query} » désigne plusieurs concepts : {', '.join(candidates)}.",
            "Précisez en donnant l'identifiant exact de l'un d'eux.",
        )
        self.query = query
        self.candidates = candidates


class WriteRefused(GlossaireError):
    """The write would lose or damage data, or make the data set invalid: nothing written."""


class InvalidUsage(GlossaireError):
    """The command line itself is wrong (unknown command, missing argument, bad option)."""

    exit_code = ExitCode.USAGE_ERROR


def os_reason(error: OSError) -> str:
    """An operating-system error in French: its English text means nothing to our users."""
    import errno

    reasons = {
        errno.ENOSPC: "le disque est plein",
        errno.EDQUOT: "votre quota de disque est atteint",
        errno.EACCES: "accès refusé",
        errno.EPERM: "opération non permise",
        errno.EROFS: "le disque est en lecture seule",
        errno.ENOENT: "le fichier ou le dossier n'existe pas",
        errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
        errno.EEXIST: "un fichier porte déjà le nom d'un des dossiers du chemin",
        errno.EINVAL: "ce disque refuse l'opération (un dossier partagé ou réseau ?)",
        errno.EXDEV: "le fichier et son dossier temporaire sont sur deux disques différents",
        errno.EISDIR: "c'est un dossier",
        errno.ENAMETOOLONG: "le nom est trop long",
        errno.ELOOP: "trop de liens les uns vers les autres",
        errno.EBUSY: "le fichier est occupé",
        errno.EIO: "erreur de lecture ou d'écriture du disque",
    }
    return reasons.get(error.errno or 0, f"erreur système {error.errno}")
