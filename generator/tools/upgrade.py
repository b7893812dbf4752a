"""``explainer upgrade``: move a story's data from any earlier version of the format to the current.

The version is what ``story.yaml`` states, else what the data's shape shows
(:mod:`generator.read.dataformat`). The files are read as round-trip YAML (comments, key order and
quoting kept), each step from that version on changes them in memory
(:mod:`generator.read.upgrades`), and then, before anything is written:

- every file as it would be written is validated with the current schema, file by file; a
  problem is said at its place in the file as it was (a moved value, where it was before), and
  nothing is written;
- every value of the old data must be in the new, or be one a step says it turned into another
  (``approximate: true`` -> ``qualifier: about``): else nothing is written (a step that would lose
  a fact is a bug, said as such).

Then ``story.yaml`` states the current version, and the files a step changed are written (others
are left as they are, byte for byte). With ``check``, nothing is written: the report says what
would change, as a unified diff. Upgrading a current story changes nothing.

The story's JSON Schemas (``schema/``, for editors' YAML extensions) are written for the current
version. The story's own copy of the generator's theme, which ``explainer new`` used to write into
``theme/``, is removed where it is one the generator shipped (the generator supplies its theme
now: :mod:`generator.outputs.theme`), and ``custom_dir`` with it once the folder is empty; a file
an editor changed is kept as the story's own override, and said.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from generator.outputs.theme import THEME_DIR
from generator.read.dataformat import found_format
from generator.read.diagnostics import Diagnostic
from generator.read.loader import display_path, load_file, modeline
from generator.read.upgrades import STEPS
from generator.read.upgrades.documents import (
    Document,
    Documents,
    Moved,
    StepResult,
    document_from_text,
    leaves,
    read_document,
)
from generator.schema.formats import CURRENT, FORMAT_KEY
from generator.schema.jsonschema import schema_text
from generator.schema.kinds import FILE_MODELS, STORY_FILE

__all__ = ["Upgrade", "upgrade"]

THEME_HISTORY = Path(__file__).parent / "theme_history.json"
"""Every version of each theme file the generator ever shipped (what ``explainer new`` copied)."""


@dataclass
class Upgrade:
    """What one upgrade found, did or would do."""

    found: int
    """The version the data was in."""
    how: str
    """"stated in story.yaml" or "found by its shape (...)"."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Why nothing was written (file:line:col)."""
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Project-relative path -> (text before, text after), for every data file that changes."""
    removed: list[str] = field(default_factory=list)
    """Project-relative paths removed (the theme copies an older ``explainer new`` wrote)."""
    kept: list[str] = field(default_factory=list)
    """Theme files an editor changed: kept, and said."""
    theme_copy: Path | None = None
    """The story's copy of the generator's theme (its ``custom_dir``), if it has one."""
    notes: list[str] = field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.changed or self.removed)

    def diff(self) -> str:
        out: list[str] = []
        for path, (before, after) in self.changed.items():
            out += difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"{path} (format {self.found})",
                tofile=f"{path} (format {CURRENT})",
            )
        return "".join(out)


# --- the data ----------------------------------------------------------------------------------


def _place(loc: str) -> tuple[str | int, ...]:
    """``figures[0].reports[0].value`` -> ``("figures", 0, "reports", 0, "value")``."""
    place: list[str | int] = []
    for name, number in re.findall(r"([^.\[\]]+)|\[(\d+)\]", loc):
        place.append(int(number) if number else name)
    return tuple(place)


def _where_before(
    diagnostic: Diagnostic, kind: str, old: Document, moved: list[Moved]
) -> Diagnostic:
    """A problem of the upgraded file, said at its place in the file as the editor wrote it."""
    place = _place(diagnostic.loc)
    for move in sorted(moved, key=lambda m: -len(m.new)):
        if move.kind == kind and place[: len(move.new)] == move.new:
            place = (*move.old, *place[len(move.new) :])
            break
    line, col = old.at(place)
    return Diagnostic(old.display, line, col, diagnostic.loc, diagnostic.message)


def _steps_where_before(
    steps: StepResult, documents: Documents, originals: Documents
) -> list[Diagnostic]:
    """The steps' problems, each at its place in the file as the editor wrote it: a later step
    (format 4's limits) finds a value an earlier one moved (a first-format figure's value, now
    in its first report) where it is now."""
    kinds = {document.display: kind for kind, document in originals.items()}
    found: list[Diagnostic] = []
    for problem in steps.problems:
        kind = kinds.get(problem.file)
        if kind is not None and problem.loc and documents[kind].changed:
            problem = _where_before(problem, kind, originals[kind], steps.moved)
        found.append(problem)
    return found


def _validate(documents: Documents, originals: Documents, moved: list[Moved]) -> list[Diagnostic]:
    """Every problem of each file as it would be written (its own schema, not the cross-file
    rules, which are ``explainer check``'s), at its place in the file as it was."""
    problems: list[Diagnostic] = []
    with tempfile.TemporaryDirectory(prefix="explainer-upgrade-") as scratch:
        for kind, document in documents.items():
            path = Path(scratch) / f"{kind}.yaml"
            path.write_text(document.dump(), encoding="utf-8")
            _valid, found = load_file(path, kind, document.display)
            original = originals.get(kind)
            for diagnostic in found:
                if document.changed and original is not None:
                    diagnostic = _where_before(diagnostic, kind, original, moved)
                problems.append(diagnostic)
    return problems


def _lost(originals: Documents, documents: Documents, translated: dict[Any, Any]) -> list[str]:
    """Values of the old data that are nowhere in the new, nor turned into another by a step."""
    now: Counter[Any] = Counter()
    for kind, document in documents.items():
        now.update(repr(leaf.value) for leaf in leaves(kind, document.data))
    missing = []
    for kind, document in originals.items():
        for leaf in leaves(kind, document.data):
            if (kind, leaf.place) in translated:
                continue
            if now[repr(leaf.value)] > 0:
                now[repr(leaf.value)] -= 1
            else:
                missing.append(f"{document.display}: {leaf.place}: {leaf.value!r}")
    return missing


def _state_version(story: Document) -> None:
    """``format: <current>`` at the top of story.yaml (after its comments), or its new value."""
    data = story.data
    if not isinstance(data, CommentedMap):
        return
    if data.get(FORMAT_KEY) != CURRENT:
        if FORMAT_KEY in data:
            data[FORMAT_KEY] = CURRENT
        else:
            data.insert(0, FORMAT_KEY, CURRENT)
        story.changed = True


def _read(data_dir: Path, root: Path) -> tuple[Documents, list[Diagnostic]]:
    documents: Documents = {}
    problems: list[Diagnostic] = []
    for kind in FILE_MODELS:
        path = data_dir / f"{kind}.yaml"
        read = read_document(path, kind, display_path(path, root), within=data_dir.parent)
        if isinstance(read, Diagnostic):
            problems.append(read)
        elif read is not None:
            documents[kind] = read
    return documents, problems


def _upgrade_data(data_dir: Path, root: Path, result: Upgrade) -> None:
    documents, problems = _read(data_dir, root)
    if problems:
        result.problems += problems
        return
    originals = _read(data_dir, root)[0]  # as read, with positions, for messages and the check
    steps = StepResult()
    for version in sorted(v for v in STEPS if result.found <= v < CURRENT):
        step = STEPS[version]
        done = step.apply(documents)
        steps.problems += done.problems
        steps.moved += done.moved
        steps.translated.update(done.translated)
        for kind in done.created:
            path = data_dir / f"{kind}.yaml"
            text = f"{modeline(kind)}\n{kind}: []\n"
            created = document_from_text(kind, display_path(path, root), text)
            created.changed = True
            documents[kind] = created
            result.notes.append(f"{created.display}: created (format {step.version} needs it)")
    if steps.problems:
        result.problems += _steps_where_before(steps, documents, originals)
        return
    result.problems += _validate(documents, originals, steps.moved)
    if result.problems:
        return
    lost = _lost(originals, documents, steps.translated)
    if lost:
        named = "; ".join(lost[:5])
        result.problems.append(
            Diagnostic(
                display_path(data_dir, root),
                1,
                1,
                "",
                f"explainer upgrade would lose {len(lost)} values ({named}): nothing written; "
                "this is a bug of the upgrade, please report it",
            )
        )
        return
    if STORY_FILE in documents:
        _state_version(documents[STORY_FILE])
    for kind, document in documents.items():
        if document.changed:
            before = originals[kind].text if kind in originals else ""
            result.changed[document.display] = (before, document.dump())


# --- the theme copy ----------------------------------------------------------------------------


def _history() -> dict[str, set[str]]:
    data = json.loads(THEME_HISTORY.read_text(encoding="utf-8"))
    return {path: set(digests) for path, digests in data["files"].items()}


def _custom_dir(project: Path) -> tuple[Path | None, Document | None]:
    config = project / "mkdocs.yml"
    read = read_document(config, "mkdocs", display_path(config, Path.cwd()), within=project)
    if not isinstance(read, Document) or not isinstance(read.data, dict):
        return None, None
    theme = read.data.get("theme")
    if not isinstance(theme, dict) or not isinstance(theme.get("custom_dir"), str):
        return None, read
    return project / theme["custom_dir"], read


def _upgrade_theme(project: Path, root: Path, result: Upgrade) -> Document | None:
    """The theme copies to remove; the config without ``custom_dir`` if nothing is left."""
    folder, config = _custom_dir(project)
    if folder is None or config is None or not folder.is_dir():
        return None
    if folder.resolve() == THEME_DIR.resolve():
        return None  # the generator's own theme (a story inside the generator's checkout)
    if not folder.resolve().is_relative_to(project.resolve()):
        return None  # a theme outside the story: not ours to touch
    history = _history()
    result.theme_copy = folder
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    for path in files:
        rel = path.relative_to(folder).as_posix()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in history.get(rel, set()):
            result.removed.append(display_path(path, root))
        else:
            result.kept.append(display_path(path, root))
    if result.kept or not result.removed:
        return None
    theme = config.data["theme"]
    del theme["custom_dir"]
    config.changed = True
    result.changed[config.display] = (config.text, config.dump())
    return config


# --- the JSON Schemas for the editors' YAML extension ---------------------------------------


def _upgrade_schemas(project: Path, root: Path, result: Upgrade) -> None:
    """The story's ``schema/*.schema.json`` (written by ``explainer new`` and ``make schema``,
    named by each data file's first line) for the current format, so an editor's YAML extension
    completes the fields of the version the story is now in. A link (the Surfside example's
    points at the generator's own) is left alone."""
    folder = project / "schema"
    if not folder.is_dir() or folder.is_symlink():
        return
    for kind in FILE_MODELS:
        path = folder / f"{kind}.schema.json"
        if not path.is_file() or path.is_symlink():
            continue
        before, after = path.read_text(encoding="utf-8"), schema_text(kind)
        if before != after:
            result.changed[display_path(path, root)] = (before, after)


# --- the whole upgrade -------------------------------------------------------------------------


def upgrade(data_dir: Path, *, check: bool = False, root: Path | None = None) -> Upgrade:
    """Upgrade the story whose data is in ``data_dir`` (its project: the folder above); with
    ``check``, only say what would change."""
    root = root or Path.cwd()
    found = found_format(data_dir)
    how = "stated in story.yaml" if found.stated else f"found by its shape ({found.why})"
    result = Upgrade(found.version, how)
    if result.found > CURRENT:
        where = f"{display_path(data_dir, root)}/{STORY_FILE}.yaml"
        result.problems.append(
            Diagnostic(
                where,
                1,
                1,
                FORMAT_KEY,
                f"data format {found.shown or result.found} is newer than this generator knows "
                f"({CURRENT}): upgrade the generator",
            )
        )
        return result
    _upgrade_data(data_dir, root, result)
    if result.problems:
        return result
    _upgrade_theme(data_dir.resolve().parent, root, result)
    _upgrade_schemas(data_dir.resolve().parent, root, result)
    if check:
        return result
    for path, (_before, after) in result.changed.items():
        target = root / path
        temporary = target.with_name(f".{target.name}.upgrade")
        temporary.write_text(after, encoding="utf-8", newline="\n")
        os.replace(temporary, target)
    for path in result.removed:
        (root / path).unlink()
    folder = result.theme_copy
    if result.removed and not result.kept and folder is not None:  # every file a copy: all go
        for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
            if not any(sub.iterdir()):
                sub.rmdir()
        if not any(folder.iterdir()):
            folder.rmdir()
    return result
