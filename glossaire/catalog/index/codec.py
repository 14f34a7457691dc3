"""How the index stores entries: plain data that cannot run anything when it is read.

pickle would rebuild any object a file names, so a cache file someone else could write
(a synced or shared folder) could run code. Here a stored value is ``marshal`` data (strings,
numbers, tuples, lists, dicts: marshal itself builds nothing else), and the only objects
rebuilt from it are the model's own value types, from a fixed list. Anything else, or a
damaged row, is ``IndexUnavailable``: the command then reads the files.
"""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from glossaire.model.concept import Concept, Contrast, Definition, Example
from glossaire.model.dataset import DataFacts, Layer, Override
from glossaire.model.location import Location
from glossaire.model.personal import PersonalDefinition
from glossaire.model.problem import Problem
from glossaire.model.reference import Person, Reference
from glossaire.model.referential import Domain, LivretChapter, Referential, Reform


class Undecodable(Exception):
    """A stored value that is not what this codec writes."""


_RECORDS: dict[str, Callable[..., Any]] = {
    cls.__name__: cls
    for cls in (
        Concept,
        Contrast,
        Definition,
        Example,
        DataFacts,
        Layer,
        Override,
        Location,
        PersonalDefinition,
        Problem,
        Person,
        Reference,
        Domain,
        LivretChapter,
        Reform,
        Referential,
    )
}
_PARSES = ("RawEntry", "RawReferenceFile")  # a .bib file's parse, kept for the next build
_SCALARS = (str, int, float, bool, bytes, type(None))


def dumps(value: object) -> bytes:
    return marshal.dumps(_plain(value))


def loads(blob: bytes) -> object:
    try:
        return _rebuilt(marshal.loads(blob))
    except Exception as error:  # whatever a damaged or foreign row makes of it
        if isinstance(error, Undecodable):
            raise
        raise Undecodable(f"stored value does not load: {error!r}") from error


def _plain(value: Any) -> Any:
    """Every container is a tuple tagged by its first item; scalars are themselves."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple) and type(value).__name__ in (*_RECORDS, *_PARSES):
        return ("r", type(value).__name__, tuple(_plain(item) for item in value))
    if dataclasses.is_dataclass(value) and type(value).__name__ in _PARSES:
        fields = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return ("c", type(value).__name__, fields)
    if isinstance(value, Path):
        return ("p", str(value))
    if isinstance(value, MappingProxyType):
        return ("m", {key: _plain(item) for key, item in value.items()})
    if isinstance(value, dict):
        return ("d", {key: _plain(item) for key, item in value.items()})
    if isinstance(value, tuple):
        return ("t", tuple(_plain(item) for item in value))
    if isinstance(value, list):
        return ("l", [_plain(item) for item in value])
    raise TypeError(f"the index does not store {type(value).__name__}")


def _record(name: str) -> Callable[..., Any]:
    """The type named, from the fixed list only. The parse types load the BibTeX reader,
    which a ``show`` never needs: imported only when a build reuses a parse."""
    if name in _PARSES:
        from glossaire.loading import bibtex_refs

        return getattr(bibtex_refs, name)  # type: ignore[no-any-return]  # one of _PARSES
    return _RECORDS[name]


def _rebuilt(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if not isinstance(value, tuple) or not value:
        raise Undecodable(type(value).__name__)
    tag = value[0]
    if tag == "r":
        return _record(value[1])(*(_rebuilt(item) for item in value[2]))
    if tag == "c":
        return _record(value[1])(**{k: _rebuilt(v) for k, v in value[2].items()})
    if tag == "p":
        return Path(value[1])
    if tag == "m":
        return MappingProxyType({k: _rebuilt(v) for k, v in value[1].items()})
    if tag == "d":
        return {k: _rebuilt(v) for k, v in value[1].items()}
    if tag == "t":
        return tuple(_rebuilt(item) for item in value[1])
    if tag == "l":
        return [_rebuilt(item) for item in value[1]]
    raise Undecodable(str(tag))
