"""``explainer new DIR``: scaffold a new story project that teaches its editor.

Written from ``generator/tools/scaffold/`` (package data): ``mkdocs.yml`` (its ``site_name`` from
``--title``, else a placeholder), a ``Makefile`` with the same commands as this repository
(``make serve [PORT=...]``, ``make test``, ``make check``, ``make build``), ``requirements.txt``
and ``content/index.md``, a skeleton that uses ``[[kind:id]]``. From the registry and the model:
``site_data/<file>.yaml`` for every file kind (:func:`generator.pages.examples.data_file_text`: one
commented, valid example record each; ``story.yaml`` with placeholders), ``schema/``
(:func:`generator.schema.jsonschema.write_schemas`) and ``EDITORS.md``
(:mod:`generator.pages.guide`); ``constraints.txt``, the versions the generator runs with (the
checkout's ``requirements.lock``, else the installed environment's). No theme: the generator
supplies its own (:mod:`generator.outputs.theme`), so upgrading it upgrades the story's look.

Examples and placeholders carry the markers of :mod:`generator.pages.examples`, so ``explainer
check`` and ``mkdocs build --strict`` say what is still to replace. The generator is installed
by ``requirements.txt``, an ordinary pip requirement the editor can point elsewhere (a folder, a
built wheel, a git URL); by default the checkout ``explainer new`` ran from, or the wheel or
release it was installed from.
Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

from generator.pages.examples import PLACEHOLDER, data_file_text
from generator.pages.guide import guide_markdown
from generator.schema import kinds
from generator.schema.jsonschema import write_schemas

__all__ = ["ScaffoldError", "generator_source", "scaffold"]

DISTRIBUTION = "explainer"
"""The generator's name as pip knows it."""

_RENAMES = {"gitignore": ".gitignore"}  # dotfiles are stored without their dot


class ScaffoldError(Exception):
    """A user problem: the message says what to do."""


def generator_source() -> Path | None:
    """The source checkout this package runs from (with pyproject.toml and theme/), if any (none
    when it is installed from a wheel)."""
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
    write("constraints.txt", _constraints(source))
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


def _constraints(source: Path | None) -> str:
    """The checkout's lock file; installed from a wheel, the versions installed beside it."""
    lock = source / "requirements.lock" if source is not None else None
    if lock is not None and lock.is_file():
        return lock.read_text(encoding="utf-8")
    pins = sorted(
        {
            f"{dist.metadata['Name']}=={dist.version}"
            for dist in metadata.distributions()
            if dist.metadata["Name"] and dist.metadata["Name"].lower() != DISTRIBUTION
        },
        key=str.lower,
    )
    head = "# The versions installed beside the generator when explainer new ran (no lock file)."
    return "\n".join([head, *pins]) + "\n"


def _installed_from() -> str:
    """Where this installed generator came from, as a pip requirement: the wheel or folder pip
    recorded (PEP 610 ``direct_url.json``), else the release from the index."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return f"{DISTRIBUTION}[mkdocs]"
    recorded = dist.read_text("direct_url.json")
    url = json.loads(recorded).get("url") if recorded else None
    if isinstance(url, str) and url:
        return f"{DISTRIBUTION}[mkdocs] @ {url}"
    return f"{DISTRIBUTION}[mkdocs]=={dist.version}"


def _requirement(generator: str | None, source: Path | None) -> str:
    if generator is None:
        if source is None:
            return _installed_from()
        return f"{DISTRIBUTION}[mkdocs] @ {source.resolve().as_uri()}"
    requirement = generator.strip()
    if not requirement or "\n" in requirement:
        raise ScaffoldError(f"--generator {generator!r}: give one pip requirement on one line")
    return requirement
