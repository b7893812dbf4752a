"""Read ``site_data/``, validate it, and report every problem of the run at once.

Per file: read bytes, decode UTF-8, refuse an empty file and tabs in indentation, compose with
libyaml keeping node marks, build values with a source map (:mod:`generator.sourcemap`: duplicate
keys, impossible dates and runaway aliases are caught there), then validate with the file's model.
Every pydantic error is mapped back to ``file:line:col`` with a readable location and message.
The cross-file rules of :mod:`generator.checks` then run on the files that validated.

:func:`load_story` raises :class:`~generator.diagnostics.DataError` carrying every diagnostic;
:func:`load_story_or_diagnostics` returns them instead (for ``mkdocs serve``); :func:`load` also
returns each file's source map, for callers that want to point at a record's line.
Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.checks import ValidFile, check_story
from generator.diagnostics import DataError, Diagnostic, did_you_mean, format_loc
from generator.model import FILE_MODELS, SLUG_PATTERN, TEXT_PATTERN, Record, StoryData
from generator.sourcemap import Scalar, SourceMap, build

__all__ = [
    "FileCache",
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
    """Kind -> the file, for each file that validated on its own (with its source map)."""


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


FileCache = dict[str, tuple[bytes, "tuple[ValidFile | None, list[Diagnostic]]"]]
"""Path -> (digest of the bytes read, that file's own result): see :func:`load`'s ``cache``."""


def load(
    data_dir: Path, *, display_root: Path | None = None, cache: FileCache | None = None
) -> LoadResult:
    """Load and check every file of ``data_dir``; never raises for bad data.

    With a ``cache`` (a dict kept by the caller across loads), a file whose bytes are the same as
    at the last load is not parsed and validated again; the cross-file checks always run.
    """
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
            valid, problems = _load_file_cached(path, kind, display, cache)
            diagnostics.extend(problems)
            if valid is not None:
                files[kind] = valid
        diagnostics.extend(check_story(files))
    diagnostics = sorted(set(diagnostics))
    if diagnostics or len(files) != len(FILE_MODELS):
        return LoadResult(None, diagnostics, files)
    return LoadResult(_story_data(files), diagnostics, files)


def load_story_or_diagnostics(
    data_dir: Path, *, display_root: Path | None = None, cache: FileCache | None = None
) -> tuple[StoryData | None, list[Diagnostic]]:
    """The story, or None with every diagnostic (sorted by file and line)."""
    result = load(data_dir, display_root=display_root, cache=cache)
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


def _load_file_cached(
    path: Path, kind: str, display: str, cache: FileCache | None
) -> tuple[ValidFile | None, list[Diagnostic]]:
    """:func:`_load_file`, reused while the file's bytes are the same (hashed before and after)."""
    if cache is None:
        return _load_file(path, kind, display)
    digest = _digest(path)
    key, hit = f"{display}\0{path}", cache.get(f"{display}\0{path}")
    if digest is not None and hit is not None and hit[0] == digest:
        return hit[1]
    result = _load_file(path, kind, display)
    if digest is not None and _digest(path) == digest:  # unchanged while it was read
        cache[key] = (digest, result)
    return result


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


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

    model_type = FILE_MODELS[kind]
    try:
        model = model_type.model_validate(data)
    except ValidationError as error:
        # A value that could not be built is None now: its own problem says it better.
        said = [p.path for p in built]
        return None, diagnostics + [
            diagnostic
            for path, diagnostic in _validation_diagnostics(
                error, kind, model_type, data, sourcemap, display
            )
            if not any(path[: len(done)] == done for done in said)
        ]
    if diagnostics:
        return None, diagnostics
    return ValidFile(kind, display, model, sourcemap), []


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


# --- pydantic errors -> diagnostics -----------------------------------------------------------


def _validation_diagnostics(
    error: ValidationError,
    kind: str,
    model_type: type[Record],
    data: Any,
    sourcemap: SourceMap,
    display: str,
) -> list[tuple[tuple[str | int, ...], Diagnostic]]:
    out: list[tuple[tuple[str | int, ...], Diagnostic]] = []
    union_seen: set[tuple[str | int, ...]] = set()
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        path, rest = _split_loc(data, loc)
        kind_of_error = detail["type"]
        if kind_of_error == "missing":
            line, col = sourcemap.locate(path)
            message = f"missing required field '{rest[0]}'" if rest else "missing value"
            out.append((path, Diagnostic(display, line, col, format_loc(path), message)))
            continue
        if rest:  # a branch of a union, e.g. int | float: one message per place
            if path in union_seen:
                continue
            union_seen.add(path)
        line, col = sourcemap.locate(path)
        scalar = sourcemap.scalars.get(path)
        message = _message(detail, kind, model_type, path, rest, scalar)
        out.append((path, Diagnostic(display, line, col, format_loc(path), message)))
    return out


def _split_loc(
    data: Any, loc: tuple[str | int, ...]
) -> tuple[tuple[str | int, ...], tuple[str | int, ...]]:
    """Split a pydantic location into the part that exists in the data and the rest."""
    current = data
    depth = 0
    for part in loc:
        in_dict = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if not (in_dict or in_list):
            break
        current = current[part]
        depth += 1
    return loc[:depth], loc[depth:]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _fields_at(model_type: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    current: type[BaseModel] | None = model_type
    for part in path:
        if current is None:
            return []
        if isinstance(part, str):
            info = current.model_fields.get(part)
            current = _inner_model(info.annotation) if info is not None else None
    return list(current.model_fields) if current is not None else []


def _quote(text: str) -> str:
    """``text`` as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(value: Any, scalar: Scalar | None) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "no value"
    if isinstance(value, int | float):
        return f"the number {scalar.text if scalar else value}"
    if isinstance(value, dt.datetime):
        return f"the date and time {scalar.text if scalar else value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return _quote(_short(value))
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unquoted_hint(value: Any, scalar: Scalar | None) -> str | None:
    """'YAML reads no as the boolean false; put it in quotes: 'no'' for a plain scalar."""
    if scalar is None or scalar.yaml_type is None:
        return None
    if value is None:
        if scalar.text in ("", "~"):
            return "no value given; write the text after the colon"
        return (
            f"YAML reads {scalar.text} as no value (null); put it in quotes: {_quote(scalar.text)}"
        )
    if isinstance(value, bool):
        what = f"the boolean {str(value).lower()}"
    elif scalar.yaml_type == "number":
        what = "a number"
    elif scalar.yaml_type == "date":
        what = "a date"
    else:
        return None
    return f"YAML reads {scalar.text} as {what}; put it in quotes: {_quote(scalar.text)}"


def _choices(expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", expected)


def _message(
    detail: ErrorDetails,
    kind: str,
    model_type: type[Record],
    path: tuple[str | int, ...],
    rest: tuple[str | int, ...],
    scalar: Scalar | None,
) -> str:
    error_type = detail["type"]
    value = detail.get("input")
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    got = _describe(value, scalar)

    if error_type == "finite_number":
        return f"expected a finite number, got {scalar.text if scalar else value}"
    if (rest and set(rest) <= {"int", "float"}) or error_type in ("int_type", "float_type"):
        return f"expected a number, got {got}"
    if error_type == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        allowed = _fields_at(model_type, path[:-1])
        hint = did_you_mean(name, allowed) or f"; allowed: {', '.join(allowed)}"
        return f"unknown field '{name}'{hint}"
    if error_type == "string_type":
        return _unquoted_hint(value, scalar) or f"expected text, got {got}"
    if error_type == "string_pattern_mismatch":
        if ctx.get("pattern") == TEXT_PATTERN:
            return "must not be blank"
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"{got} is not a valid id: use lower-case letters, digits and hyphens"
        if str(ctx.get("pattern", "")).startswith("^https?://"):
            return f"{got} is not a web address: it must start with http:// or https://"
        return f"{got} does not match the pattern {ctx.get('pattern')}"
    if error_type == "string_too_short":
        return "must not be empty"
    if error_type == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    if error_type == "too_short":
        count = ctx.get("min_length", 1)
        return f"needs at least {count} item{'s' if count != 1 else ''}"
    if error_type == "list_type":
        return f"expected a list (one '- ' line per item), got {got}"
    if error_type in ("model_type", "dict_type", "model_attributes_type"):
        if not path:
            return f"expected a mapping with the key '{kind}', got {got}"
        return f"expected a mapping (key: value lines), got {got}"
    if error_type == "bool_type":
        return f"expected true or false, got {got}"
    if error_type in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return f"write the date without quotes: {value.strip()}"
        if isinstance(value, dt.datetime):
            return f"expected a date (YYYY-MM-DD) without a time, got {got}"
        return f"expected a date written as YYYY-MM-DD, got {got}"
    if error_type in ("enum", "literal_error"):
        expected = str(ctx.get("expected", ""))
        if isinstance(value, str):
            hint = did_you_mean(value, _choices(expected))
            return f"{got} is not allowed; expected {expected}{hint}"
        plain = _unquoted_hint(value, scalar)
        if plain is not None and isinstance(value, bool):
            return f"YAML reads {scalar.text if scalar else value} as {got}; expected {expected}"
        return f"expected {expected}, got {got}"
    return str(detail["msg"])
