"""``explainer new DIR``: scaffold a new story project.

The project's files come from ``generator/scaffold/`` (package data): ``mkdocs.yml``, a
``Makefile`` with the same two commands as this repository (``make serve``, ``make test``),
``content/index.md``, and ``site_data/`` with one valid, nearly empty file per record kind, each
starting with its schema line. The model needs at least one source with one excerpt, so
``sources.yaml`` holds an obvious placeholder ("Replace with your source"). ``schema/`` is
written from the model (:func:`generator.schema.write_schemas`), and ``theme/`` (the Material
overrides and assets the generated pages rely on: ``embed.html``, the CSS, ``share.js``) is copied
from the generator's source checkout.

The Makefile installs the generator from that same checkout, recorded at scaffold time
(``pip install -e <checkout>`` with its ``requirements.lock``): the generator is not published
on PyPI, and an editable install from the checkout is what works on this machine; the variable
``GENERATOR`` points it elsewhere. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from generator.schema import write_schemas

__all__ = ["ScaffoldError", "generator_source", "scaffold"]

_RENAMES = {"gitignore": ".gitignore"}  # dotfiles are stored without their dot


class ScaffoldError(Exception):
    """A user problem: the message says what to do."""


def generator_source() -> Path | None:
    """The source checkout this package runs from (with pyproject.toml and theme/), if any."""
    root = Path(__file__).resolve().parents[1]
    if (root / "pyproject.toml").is_file() and (root / "theme").is_dir():
        return root
    return None


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        rel = f"{prefix}{item.name}"
        if item.is_dir():
            found += _files(item, rel + "/")
        else:
            found.append((rel, item))
    return found


def scaffold(
    target: Path, *, source: Path | None = None, today: dt.date | None = None
) -> list[Path]:
    """Create a new story project in ``target`` (missing or empty); return the files written."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target}: exists and is not a folder; choose a new folder")
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(
            f"{target}: the folder is not empty; choose a new or empty folder "
            "(explainer new never overwrites files)"
        )
    source = source if source is not None else generator_source()
    if source is None or not (source / "theme").is_dir():
        raise ScaffoldError(
            "cannot find the generator's source checkout (its theme/ folder); "
            "run explainer new from an editable install (pip install -e <checkout>)"
        )
    day = (today or dt.date.today()).isoformat()
    values = {"@GENERATOR_SOURCE@": str(source), "@TODAY@": day}

    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for rel, item in _files(resources.files("generator") / "scaffold"):
        parts = rel.split("/")
        parts[-1] = _RENAMES.get(parts[-1], parts[-1])
        path = target.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = item.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    for path in sorted((source / "theme").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            copy = target / "theme" / path.relative_to(source / "theme")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
            written.append(copy)
    written += write_schemas(target / "schema")
    return written
