"""Allows ``python -m glossaire`` where the console script is not on PATH (common on Windows)."""

from glossaire.cli.app import main

if __name__ == "__main__":
    raise SystemExit(main())
