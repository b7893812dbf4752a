"""The generator's own theme: the Material overrides and assets every story's pages rely on.

The templates (``main.html``, ``embed.html``, ``partials/``) and the stylesheets and scripts
(``assets/``) that the generated pages need come with the generator, not with each story: a story
made by ``explainer new`` holds only its own files, so upgrading the generator upgrades the theme
of every story. The MkDocs plugin puts this folder under the story's own ``custom_dir`` (if it has
one), and the Zensical build and ``explainer serve`` give it to Zensical.

In a source checkout the folder is the top-level ``theme/``; an installed package carries it as
``generator/theme`` (``pyproject.toml`` maps one to the other).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["THEME_DIR", "theme_files"]

_PACKAGE = Path(__file__).resolve().parents[1]

THEME_DIR = _PACKAGE / "theme" if (_PACKAGE / "theme").is_dir() else _PACKAGE.parent / "theme"
"""The generator's theme folder (the package's copy, else the checkout's ``theme/``)."""


def theme_files() -> list[str]:
    """The theme's files, relative to :data:`THEME_DIR` (POSIX paths, sorted)."""
    return sorted(
        path.relative_to(THEME_DIR).as_posix()
        for path in THEME_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
