"""The files this process has written, in order: an interrupted command (Ctrl+C) says
« rien n'a été écrit » only when it is true. Kept apart so that every command can look at
it without importing the writing machinery."""

from __future__ import annotations

from pathlib import Path

WRITTEN: list[Path] = []
