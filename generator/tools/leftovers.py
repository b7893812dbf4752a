"""What ``explainer new`` put in a story for the editor to replace, found while it is still there.

Two markers, those of the scaffold's examples (:mod:`generator.pages.examples`):

- an **example record** has an id that starts with :data:`EXAMPLE_PREFIX` (``example-event``):
  valid, so the new story builds, and found wherever it is (nested records too);
- a **placeholder** is a text that starts with :data:`PLACEHOLDER` ("Replace with your
  headline"): a text value in ``site_data/``, a line of ``content/*.md``, ``site_name`` in
  ``mkdocs.yml``.

A ``[[kind:example-...]]`` reference in ``content/`` is found too. Each is a warning (not an
error: the story builds and serves with them), located as ``file:line:col``; ``explainer check
--strict`` and ``mkdocs build --strict`` fail on them, so an example cannot be published by
mistake. Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.pages.content import find_references
from generator.pages.examples import EXAMPLE_PREFIX, PLACEHOLDER
from generator.read.checks import ValidFile
from generator.read.diagnostics import WARNING, Diagnostic, format_loc, warning
from generator.read.loader import display_path, read_utf8
from generator.schema import kinds
from generator.schema.kinds import Kind

__all__ = ["WARNING", "leftover_warnings", "warning"]


_STR_TAG = "tag:yaml.org,2002:str"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKDOWN_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*")


def leftover_warnings(
    files: Mapping[str, ValidFile],
    content_dir: Path,
    config_file: Path | None,
    *,
    display_root: Path | None = None,
) -> list[Diagnostic]:
    """Every example record and placeholder still in place, sorted by file and line.

    ``files`` are the data files that validated (:func:`generator.read.loader.load`), so a record
    is looked at once it is valid; ``config_file`` is ``mkdocs.yml`` (None: not looked at).
    """
    found = [*_in_data(files)]
    if content_dir.is_dir():
        for path in sorted(content_dir.rglob("*.md")):
            found += _in_markdown(path, display_path(path, display_root))
    if config_file is not None:
        found += _in_config(config_file, display_path(config_file, display_root))
    return sorted(set(found))


def _short(text: str, limit: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return repr(line if len(line) <= limit else line[: limit - 3] + "...")


# --- site_data/ --------------------------------------------------------------------------------


def _in_data(files: Mapping[str, ValidFile]) -> Iterator[Diagnostic]:
    for kind in kinds.file_kinds():
        file = files.get(kind.file or "")
        if file is None:
            continue
        for number, record in enumerate(file.records()):
            yield from _examples(file, kind, record, (file.kind, number))
    for file in files.values():
        for path, scalar in file.sourcemap.scalars.items():
            if scalar.tag == _STR_TAG and scalar.text.startswith(PLACEHOLDER):
                line, col = file.sourcemap.locate(path)
                message = f"{format_loc(path)}: placeholder still in place: {_short(scalar.text)}"
                yield warning(file.display, line, col, message)


def _examples(
    file: ValidFile, kind: Kind[Any], record: Any, path: tuple[str | int, ...]
) -> Iterator[Diagnostic]:
    if record.id.startswith(EXAMPLE_PREFIX):
        at = file.at((*path, "id"), "")
        message = (
            f"{at.loc}: example {kind.name} '{record.id}' still in place; "
            "replace it with one of yours, or delete it"
        )
        yield warning(at.file, at.line, at.col, message)
    for child in kinds.children(kind):
        assert child.parent is not None
        field = child.parent[1]
        for number, nested in enumerate(getattr(record, field)):
            yield from _examples(file, child, nested, (*path, field, number))


# --- content/ and mkdocs.yml -------------------------------------------------------------------


def _in_markdown(path: Path, label: str) -> list[Diagnostic]:
    text, _unreadable = read_utf8(path, label)
    if text is None:
        return []  # the content check reports it
    found = [
        warning(label, ref.line, ref.col, f"{ref.text}: names an example record; name yours")
        for ref in find_references(text)
        if ref.id.startswith(EXAMPLE_PREFIX)
    ]
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening is not None:
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        lead = _MARKDOWN_LEAD.match(line)
        start = lead.end() if lead else 0
        if line.startswith(PLACEHOLDER, start):
            message = f"placeholder still in place: {_short(line[start:])}"
            found.append(warning(label, number, start + 1, message))
    return found


def _in_config(config_file: Path, label: str) -> list[Diagnostic]:
    """``site_name`` in mkdocs.yml. Composed, not loaded: MkDocs' own tags (``!ENV``,
    ``!!python/name``) need no constructor here; a file YAML cannot read is MkDocs' to report."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "site_name"
            and isinstance(value, yaml.ScalarNode)
            and value.value.startswith(PLACEHOLDER)
        ):
            line, col = value.start_mark.line + 1, value.start_mark.column + 1
            message = (
                f"site_name: placeholder still in place: {_short(value.value)}; "
                "write the site's name"
            )
            return [warning(label, line, col, message)]
    return []
