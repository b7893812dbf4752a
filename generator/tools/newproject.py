"""``explainer new DIR``: scaffold a new story project that teaches its editor.

Written from ``generator/tools/scaffold/`` (package data): ``mkdocs.yml`` (its ``site_name`` from
``--title``, else a placeholder), a ``Makefile`` with the same commands as this repository
(``make serve [PORT=...]``, ``make test``, ``make check``, ``make build``), ``requirements.txt``
and ``content/index.md``, a skeleton that uses ``[[kind:id]]``. From the registry and the model:
``site_data/<file>.yaml`` for every file kind (:func:`generator.pages.examples.data_file_text`: one
commented, valid example record each; ``story.yaml`` with placeholders), ``schema/``
(:func:`generator.schema.jsonschema.write_schemas`) and ``EDITORS.md``
(:mod:`generator.pages.guide`). Copied from the generator's source checkout: ``theme/`` (the
Material overrides and assets the generated pages rely on) and its ``requirements.lock`` as
``constraints.txt``.

Examples and placeholders carry the markers of :mod:`generator.pages.examples`, so ``explainer
check`` and ``mkdocs build --strict`` say what is still to replace. The generator is installed
by ``requirements.txt``, an ordinary pip requirement the editor can point elsewhere (a folder, a
built wheel, a git URL); by default the checkout ``explainer new`` ran from.
Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from generator.pages.examples import PLACEHOLDER, data_file_text
from generator.pages.guide import guide_markdown
from generator.schema import kinds
from generator.schema.jsonschema import write_schemas

__all__ = ["ScaffoldError", "generator_source", "scaffold"]

_RENAMES = {"gitignore": ".gitignore"}  # dotfiles are stored without their dot


class ScaffoldError(Exception):
    """A user problem: the message says what to do."""


def generator_source() -> Path | None:
    """The source checkout this package runs from (with pyproject.toml and theme/), if any."""
    root = Path(__file__).resolve().parents[2]
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
    target: Path,
    *,
    source: Path | None = None,
    today: dt.date | None = None,
    title: str | None = None,
    generator: str | None = None,
) -> list[Path]:
    """Create a new story project in ``target`` (missing or empty); return the files written.

    ``title`` is the site's name (else a placeholder); ``generator`` the pip requirement that
    installs the generator (else this checkout, as a ``file://`` address).
    """
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
    day = today or dt.date.today()
    values = {
        "@GENERATOR_REQUIREMENT@": _requirement(generator, source),
        "@SITE_NAME@": _site_name(title),
        "@TODAY@": day.isoformat(),
    }

    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)

    for rel, item in _files(resources.files("generator.tools") / "scaffold"):
        if rel.startswith(_NOT_COPIED):
            continue
        parts = rel.split("/")
        parts[-1] = _RENAMES.get(parts[-1], parts[-1])
        text = item.read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        write("/".join(parts), text)
    for kind in kinds.FILE_MODELS:
        write(f"site_data/{kind}.yaml", data_file_text(kind, day))
    write("EDITORS.md", guide_markdown())
    lock = source / "requirements.lock"
    write(
        "constraints.txt",
        lock.read_text(encoding="utf-8")
        if lock.is_file()
        else "# No requirements.lock was found beside the generator: no versions pinned.\n",
    )
    for path in sorted((source / "theme").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            copy = target / "theme" / path.relative_to(source / "theme")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
            written.append(copy)
    written += write_schemas(target / "schema")
    return written


_NOT_COPIED = ("examples/",)
"""Scaffold package data that is not a project file (the examples are written out above)."""


def _site_name(title: str | None) -> str:
    """``site_name``'s value in mkdocs.yml: the title as a YAML (JSON) string, else the
    placeholder that ``explainer check`` flags."""
    if title is None:
        return json.dumps(f"{PLACEHOLDER} your site's name")
    name = title.strip()
    if not name or any(ch < " " or ch == "\x7f" for ch in name):
        raise ScaffoldError(
            f"--title {title!r}: give the site's name on one line, e.g. --title 'The bridge vote'"
        )
    return json.dumps(name, ensure_ascii=False)


def _requirement(generator: str | None, source: Path) -> str:
    if generator is None:
        return f"explainer[mkdocs] @ {source.resolve().as_uri()}"
    requirement = generator.strip()
    if not requirement or "\n" in requirement:
        raise ScaffoldError(f"--generator {generator!r}: give one pip requirement on one line")
    return requirement
