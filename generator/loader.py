"""Read ``site_data/``, validate it, and report every problem of the run at once.

Per file: read bytes, decode UTF-8, refuse an empty file and tabs in indentation, compose with
libyaml keeping node marks, build values with a source map (:mod:`generator.sourcemap`: duplicate
keys, impossible dates and runaway aliases are caught there), then validate with the file's model
(:mod:`generator.validation`: record by record, every pydantic error mapped back to
``file:line:col`` with a readable location and message). The cross-file rules of
:mod:`generator.checks` then run on the records that validated.

:func:`load_story` raises :class:`~generator.diagnostics.DataError` carrying every diagnostic;
:func:`load_story_or_diagnostics` returns them instead (for ``mkdocs serve``); :func:`load` also
returns each file's source map, for callers that want to point at a record's line.
Nothing here imports mkdocs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.checks import ValidFile
from generator.diagnostics import DataError, Diagnostic
from generator.kinds import FILE_MODELS, StoryData
from generator.sourcemap import build
from generator.validation import check_valid_records, validate_file

__all__ = [
    "LoadResult",
    "display_path",
    "load",
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
    """Kind -> the file, for each file that validated on its own (with its source map); a file
    some of whose records failed holds the others (:class:`generator.validation.PartFile`)."""


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) when under it."""
    base = (root if root is not None else Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the files are turned into objects.

    Loading allocates many small objects (YAML nodes, source-map entries, models) that are not
    cyclic garbage; each automatic collection scans the whole growing heap, which made loading a
    large story grow faster than the story (measured by ``make bench``: about 2x at k=100).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(data_dir: Path, *, display_root: Path | None = None) -> LoadResult:
    """Load and check every file of ``data_dir``; never raises for bad data."""
    if not data_dir.is_dir():
        where = display_path(data_dir, display_root)
        names = ", ".join(f"{kind}.yaml" for kind in FILE_MODELS)
        problem = "not a folder" if data_dir.exists() else "missing folder"
        message = f"{problem}; expected a folder with {names}"
        return LoadResult(None, [Diagnostic(where, 1, 1, "", message)])

    diagnostics: list[Diagnostic] = []
    files: dict[str, ValidFile] = {}
    with _cyclic_gc_paused():
        for kind in FILE_MODELS:
            path = data_dir / f"{kind}.yaml"
            display = display_path(path, display_root)
            valid, problems = _load_file(path, kind, display)
            diagnostics.extend(problems)
            if valid is not None:
                files[kind] = valid
        diagnostics.extend(check_valid_records(files))
    diagnostics = sorted(set(diagnostics))
    if diagnostics or len(files) != len(FILE_MODELS):
        return LoadResult(None, diagnostics, files)
    return LoadResult(_story_data(files), diagnostics, files)


def load_story_or_diagnostics(
    data_dir: Path, *, display_root: Path | None = None
) -> tuple[StoryData | None, list[Diagnostic]]:
    """The story, or None with every diagnostic (sorted by file and line)."""
    result = load(data_dir, display_root=display_root)
    return result.data, result.diagnostics


def load_story(data_dir: Path, *, display_root: Path | None = None) -> StoryData:
    """The story; raises :class:`DataError` carrying every diagnostic of every file."""
    data, diagnostics = load_story_or_diagnostics(data_dir, display_root=display_root)
    if data is None:
        raise DataError(diagnostics)
    return data


def _story_data(files: Mapping[str, ValidFile]) -> StoryData:
    parts: dict[str, Any] = {kind: getattr(files[kind].model, kind) for kind in FILE_MODELS}
    return StoryData(**parts)


# --- one file ----------------------------------------------------------------------------------


def _load_file(path: Path, kind: str, display: str) -> tuple[ValidFile | None, list[Diagnostic]]:
    def problem(line: int, col: int, message: str, loc: str = "") -> list[Diagnostic]:
        return [Diagnostic(display, line, col, loc, message)]

    text, unreadable = read_utf8(path, display)
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

    data, sourcemap, built = build(node)
    diagnostics += [Diagnostic(display, p.line, p.col, p.loc, p.message) for p in built]
    if data is None and built:
        return None, diagnostics  # refused outright (aliases): nothing to validate

    return validate_file(kind, display, data, sourcemap, diagnostics, [p.path for p in built])


def read_utf8(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a UTF-8 file (without a byte-order mark), or None and why it cannot be read.

    A byte that is not UTF-8 is reported at its line and column, so an editor can find it; the
    content pages (:func:`generator.references.check_content`) are read the same way.
    """

    def problem(line: int, col: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display, line, col, "", message)]

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return problem(1, 1, f"missing file; expected {display}")
    except OSError as error:
        return problem(1, 1, f"cannot read the file: {error.strerror or error}")
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
