"""Read ``site_data/``, validate it, and report every problem of the run at once.

Per file: read the bytes of a regular file of bounded size (:mod:`generator.read.datafile`), decode
UTF-8, refuse an empty file and tabs in indentation, compose with libyaml keeping node marks,
build values with a source map (:mod:`generator.read.sourcemap`: duplicate keys, tags, impossible
dates, runaway aliases and unwanted characters are caught there), then validate with the file's
model; :mod:`generator.read.validation` maps every pydantic error back to ``file:line:col`` with a
readable location and message.
The cross-file rules of :mod:`generator.read.checks` then run on the files that validated.

:func:`load_story` raises :class:`~generator.read.diagnostics.DataError` carrying every diagnostic;
:func:`load_story_or_diagnostics` returns them instead (for ``mkdocs serve``); :func:`load` also
returns each file's source map, for callers that want to point at a record's line.
Nothing here imports mkdocs.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.read.checks import ValidFile
from generator.read.datafile import Missing, Unreadable, leaves_project, outside, read_bounded
from generator.read.dataformat import format_problem, found_format, stated_format
from generator.read.diagnostics import (
    MAX_PROBLEMS_PER_FILE,
    DataError,
    Diagnostic,
    cap_per_file,
)
from generator.read.recordwise import check_valid_records, validate_file
from generator.read.sourcemap import MAX_NODES, build, too_many_nodes
from generator.schema.kinds import FILE_MODELS, STORY_FILE, StoryData

__all__ = [
    "FileCache",
    "LoadResult",
    "cyclic_gc_paused",
    "display_path",
    "load",
    "load_file",
    "load_story",
    "load_story_or_diagnostics",
    "modeline",
    "read_utf8",
]


def modeline(kind: str) -> str:
    """The first line of every data file: tells YAML editors which schema to validate against."""
    return f"# yaml-language-server: $schema=../schema/{kind}.schema.json"


@dataclass(frozen=True)
class LoadResult:
    """Everything one load produced: the story (if no problem at all), problems, valid files."""

    data: StoryData | None
    diagnostics: list[Diagnostic]
    files: dict[str, ValidFile] = field(default_factory=dict)
    """Kind -> the file, for each file that validated on its own (with its source map)."""


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) when under it.

    The file keeps its own name (a symbolic link is named, not its target); only the folders
    above it are resolved, so a link loop or a dangling link is named as it was given.
    """
    try:
        base = (root if root is not None else Path.cwd()).resolve()
        return (path.parent.resolve() / path.name).relative_to(base).as_posix()
    except (ValueError, OSError, RuntimeError):  # not under root; a loop in a parent folder
        return path.as_posix()


def _folder_problem(data_dir: Path, project: Path) -> str | None:
    """Why ``data_dir`` is not a folder we can read, or None."""
    try:
        if stat.S_ISDIR(os.stat(data_dir).st_mode):
            return None if outside(data_dir, project) is None else leaves_project(data_dir)
        problem = "not a folder"
    except FileNotFoundError:
        problem = "missing folder"
    except OSError as error:
        loop = error.errno == errno.ELOOP
        problem = "a symbolic link loop" if loop else f"cannot read: {error.strerror or error}"
    names = ", ".join(f"{kind}.yaml" for kind in FILE_MODELS)
    return f"{problem}; expected a folder with {names}"


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the files are turned into objects.

    Loading allocates many small objects (YAML nodes, source-map entries, models) that are not
    cyclic garbage; each automatic collection scans the whole growing heap, which made loading a
    large story grow faster than the story (measured by ``make bench``: about 2x at k=100).
    The pipeline keeps it paused through the render too (:class:`generator.pipeline.StoryBuild`).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


FileCache = dict[str, tuple[bytes, "tuple[ValidFile | None, list[Diagnostic]]"]]
"""Path -> (digest of the bytes read, that file's own result): see :func:`load`'s ``cache``."""


def load(
    data_dir: Path,
    *,
    display_root: Path | None = None,
    cache: FileCache | None = None,
    project: Path | None = None,
) -> LoadResult:
    """Load and check every file of ``data_dir``; never raises for bad data.

    With a ``cache`` (a dict kept by the caller across loads), a file whose bytes are the same as
    at the last load is not parsed and validated again; the cross-file checks always run.
    ``project``: the folder no file may lead out of (default: the data folder's parent, where
    ``mkdocs.yml`` is); a data file linked outside it is refused unread.
    """
    project = data_dir.parent if project is None else project
    folder_problem = _folder_problem(data_dir, project)
    if folder_problem is not None:
        where = display_path(data_dir, display_root)
        return LoadResult(None, [Diagnostic(where, 1, 1, "", folder_problem)])

    # Data of another version of the format: one line that says so and how to move it, not a
    # list of field errors (generator.read.dataformat).
    folder = display_path(data_dir, display_root)
    stated = stated_format(data_dir, project)
    other = format_problem(stated, data_dir, folder)
    if other is not None:
        return LoadResult(None, [other])

    diagnostics: list[Diagnostic] = []
    files: dict[str, ValidFile] = {}
    with cyclic_gc_paused():
        for kind in FILE_MODELS:
            path = data_dir / f"{kind}.yaml"
            display = display_path(path, display_root)
            valid, problems = _load_file_cached(path, kind, display, cache, project)
            diagnostics.extend(problems)
            if valid is not None:
                files[kind] = valid
        diagnostics.extend(check_valid_records(files))
    diagnostics = cap_per_file(diagnostics)
    if diagnostics and stated is None:  # a story from before versions: its shape tells
        found = found_format(data_dir, project)
        # With no first-format figure the shape says only "no version stated": believed when
        # story.yaml was read and says none, not when it could not be read (it may state the
        # current version: its own problems are the ones to show).
        guessed = found.file == f"{STORY_FILE}.yaml" and not found.stated
        first = format_problem(found, data_dir, folder)
        if first is not None and not (guessed and STORY_FILE not in files):
            return LoadResult(None, [first])
    if diagnostics or len(files) != len(FILE_MODELS):
        return LoadResult(None, diagnostics, files)
    return LoadResult(_story_data(files), diagnostics, files)


def load_story_or_diagnostics(
    data_dir: Path, *, display_root: Path | None = None, cache: FileCache | None = None
) -> tuple[StoryData | None, list[Diagnostic]]:
    """The story, or None with every diagnostic (sorted by file and line)."""
    result = load(data_dir, display_root=display_root, cache=cache)
    return result.data, result.diagnostics


def load_story(
    data_dir: Path, *, display_root: Path | None = None, project: Path | None = None
) -> StoryData:
    """The story; raises :class:`DataError` carrying every diagnostic of every file."""
    result = load(data_dir, display_root=display_root, project=project)
    if result.data is None:
        raise DataError(result.diagnostics)
    return result.data


def _story_data(files: Mapping[str, ValidFile]) -> StoryData:
    parts: dict[str, Any] = {kind: getattr(files[kind].model, kind) for kind in FILE_MODELS}
    return StoryData(**parts)


# --- one file ----------------------------------------------------------------------------------


def _load_file_cached(
    path: Path, kind: str, display: str, cache: FileCache | None, project: Path
) -> tuple[ValidFile | None, list[Diagnostic]]:
    """:func:`load_file`, reused while the file's bytes are the same (hashed before and after)."""
    if cache is None:
        return load_file(path, kind, display, project)
    digest = _digest(path, project)
    key, hit = f"{display}\0{path}", cache.get(f"{display}\0{path}")
    if digest is not None and hit is not None and hit[0] == digest:
        return hit[1]
    result = load_file(path, kind, display, project)
    if digest is not None and _digest(path, project) == digest:  # unchanged while it was read
        cache[key] = (digest, result)
    return result


def _digest(path: Path, project: Path) -> bytes | None:
    """A digest of the file's bytes, read as the loader reads them (never a FIFO or a device)."""
    try:
        return hashlib.blake2b(read_bounded(path, within=project), digest_size=16).digest()
    except (Missing, Unreadable):
        return None


def load_file(
    path: Path, kind: str, display: str, project: Path | None = None
) -> tuple[ValidFile | None, list[Diagnostic]]:
    """One data file read, parsed and validated with its own model (no cross-file rule).
    ``project``: the folder the file may not lead out of (default: the data folder's parent)."""
    project = path.parent.parent if project is None else project

    def problem(line: int, col: int, message: str, loc: str = "") -> list[Diagnostic]:
        return [Diagnostic(display, line, col, loc, message)]

    text, unreadable = read_utf8(path, display, within=project)
    if text is None:
        return None, unreadable

    empty = f"file is empty; expected a mapping with the key '{kind}'"
    if not text.strip():
        return None, problem(1, 1, empty)

    tabs = [
        Diagnostic(display, number, col, "", "tab character in indentation; indent with spaces")
        for number, col in _indentation_tabs(text)
    ]
    if tabs:
        return None, tabs

    diagnostics: list[Diagnostic] = []
    if text.splitlines()[0].rstrip() != modeline(kind):
        diagnostics += problem(1, 1, f"the first line must be the schema line '{modeline(kind)}'")

    crowded = too_many_nodes(text)
    if crowded is not None:
        message = f"more than {MAX_NODES:,} values in one file; split the file"
        return None, [*diagnostics, *problem(*crowded, message)]
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as error:
        line, col = _mark_position(error.problem_mark)
        return None, [*diagnostics, *problem(line, col, _syntax_message(error))]
    except yaml.YAMLError as error:  # reader errors: characters YAML does not allow
        position = getattr(error, "position", 0)
        line, col = _text_position(text, position if isinstance(position, int) else 0)
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        return None, [*diagnostics, *problem(line, col, f"syntax error: {reason}")]
    except RecursionError:
        return None, [*diagnostics, *problem(1, 1, "syntax error: nested too deeply")]
    if node is None:
        return None, [*diagnostics, *problem(1, 1, empty)]

    data, sourcemap, built = build(node, text)
    first_built = sorted(built, key=lambda p: (p.line, p.col))[: MAX_PROBLEMS_PER_FILE + 1]
    diagnostics += [Diagnostic(display, p.line, p.col, p.loc, p.message) for p in first_built]
    if data is None and built:
        return None, cap_per_file(diagnostics)  # refused outright (aliases): nothing to validate

    # Record by record: a broken record is left out alone (generator.read.recordwise).
    first = [p.path for p in first_built]
    valid, problems = validate_file(kind, display, data, sourcemap, diagnostics, first)
    return valid, cap_per_file(problems)


def read_utf8(
    path: Path, display: str, *, within: Path | None = None
) -> tuple[str | None, list[Diagnostic]]:
    """The text of a UTF-8 file (without a byte-order mark), or None and why it cannot be read.

    A byte that is not UTF-8 is reported at its line and column, so an editor can find it; the
    content pages (:func:`generator.pages.content.check_content`) are read the same way.
    ``within``: the project folder, which the file must not lead out of
    (:func:`generator.read.datafile.read_bounded`).
    """

    def problem(line: int, col: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display, line, col, "", message)]

    try:
        raw = read_bounded(path, within=within)
    except Missing:
        return problem(1, 1, f"missing file; expected {display}")
    except Unreadable as error:
        return problem(1, 1, error.message)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _byte_position(raw, error.start)
        byte = raw[error.start]
        return problem(line, col, f"invalid UTF-8 byte 0x{byte:02x}; save the file as UTF-8")
    return text.removeprefix("\ufeff"), []


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _indentation_tabs(text: str) -> list[tuple[int, int]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t-"))]
        if "\t" in indent:
            found.append((number, indent.index("\t") + 1))
    return found


def _mark_position(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "invalid YAML"
    if error.context == "expected a single document in the stream":
        return "syntax error: a second document ('---'); a data file holds one document"
    if error.context and error.context_mark is not None:
        return f"syntax error: {problem} ({error.context} at line {error.context_mark.line + 1})"
    if error.context:
        return f"syntax error: {problem} ({error.context})"
    return f"syntax error: {problem}"
