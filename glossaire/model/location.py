"""Where a piece of data was read from, so every problem can name its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Location(NamedTuple):
    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)
