"""Validate one data file with its model, record by record, and say every problem readably.

:func:`validate_file` validates the file's data with its file model. Every pydantic error is
mapped back to ``file:line:col`` with a readable location and message. A record that fails
leaves the others standing: the file is still handed to the cross-file rules
(:mod:`generator.checks`) with its valid records, each at its own place in the file, so one
broken record hides neither the other records' problems nor their cross-file problems.
:func:`check_valid_records` runs those rules and drops the "unknown ..." that a left-out
record's id would cause (the record's own problem says it already). Nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from generator import kinds
from generator.annotations import nested_model
from generator.checks import ValidFile, check_story
from generator.diagnostics import Diagnostic, did_you_mean, format_loc
from generator.kinds import FILE_MODELS, Kind
from generator.model import SLUG_PATTERN, TEXT_PATTERN, Record, Slug
from generator.sourcemap import Path, Scalar, SourceMap

__all__ = ["PartFile", "check_valid_records", "validate_file"]


# --- record by record --------------------------------------------------------------------------


@dataclass(frozen=True)
class PartFile(ValidFile):
    """A list file some of whose records failed validation: it holds the valid ones.

    The rules of :mod:`generator.checks` number records as they find them; ``kept`` maps that
    number back to the record's place in the file, so every message names the right record
    and line. ``hidden`` holds the ids (and kinds) of the records left out.
    """

    kept: tuple[int, ...] = ()
    hidden: tuple[tuple[str, str], ...] = ()
    """(id, record kind) of each left-out record, nested records included ('' for an id that
    is missing or not a valid id)."""

    def _in_file(self, path: Path) -> Path:
        if len(path) > 1 and path[0] == self.kind and isinstance(path[1], int):
            return (self.kind, self.kept[path[1]], *path[2:])
        return path

    def at(self, path: Path, message: str) -> Diagnostic:
        return super().at(self._in_file(path), message)

    def where(self, path: Path) -> str:
        return super().where(self._in_file(path))


def validate_file(
    kind: str,
    display: str,
    data: Any,
    sourcemap: SourceMap,
    found: Sequence[Diagnostic],
    built: Sequence[Path],
) -> tuple[ValidFile | None, list[Diagnostic]]:
    """The file (None if no record of it can be used) and every problem of it.

    ``found`` are the problems the reading found already (``built``: the paths of those found
    while building values, whose values are None now: their own message says it better than a
    type error would). A problem outside any record (the top-level key, the list itself)
    leaves nothing to use; a problem inside a record leaves that record out.
    """
    model_type = FILE_MODELS[kind]
    diagnostics = list(found)
    broken = list(built)
    model: Record | None = None
    try:
        model = model_type.model_validate(data)
    except ValidationError as error:
        for path, diagnostic in _validation_diagnostics(
            error, kind, model_type, data, sourcemap, display
        ):
            if not any(path[: len(done)] == done for done in built):
                diagnostics.append(diagnostic)
                broken.append(path)
    if model is not None and not broken:
        return ValidFile(kind, display, model, sourcemap), diagnostics
    records = data.get(kind) if isinstance(data, dict) and kind != kinds.STORY_FILE else None
    bad = {p[1] for p in broken if len(p) > 1 and p[0] == kind and isinstance(p[1], int)}
    if not isinstance(records, list) or any(
        len(p) < 2 or p[0] != kind or not isinstance(p[1], int) for p in broken
    ):
        return None, diagnostics
    record_kind = kinds.by_file(kind)
    kept: list[int] = []
    valid: list[Record] = []
    for number, record in enumerate(records):
        if number in bad:
            continue
        try:
            valid.append(record_kind.model.model_validate(record))
        except ValidationError:  # valid in its file, so valid alone; never left silently
            bad.add(number)
            continue
        kept.append(number)
    hidden = tuple(_ids(record_kind, [records[n] for n in sorted(bad)]))
    values: dict[str, Any] = {kind: valid}
    part = model_type.model_construct(None, **values)
    return PartFile(kind, display, part, sourcemap, tuple(kept), hidden), diagnostics


def _ids(kind: Kind[Any], records: Iterable[Any]) -> Iterable[tuple[str, str]]:
    """(id, kind) of each record and of the records nested in it; ``("", kind)`` for one
    without a readable id (a reference to any id of that kind may mean it)."""
    for record in records:
        if not isinstance(record, dict):
            yield "", kind.name
            continue
        yield (record["id"] if _readable_id(record.get("id")) else ""), kind.name
        for child in kinds.children(kind):
            assert child.parent is not None
            nested = record.get(child.parent[1])
            yield from _ids(child, nested if isinstance(nested, list) else [])


_SLUG: TypeAdapter[str] = TypeAdapter(Slug)


def _readable_id(value: Any) -> bool:
    try:
        _SLUG.validate_python(value, strict=True)
    except ValidationError:
        return False
    return True


_UNKNOWN = re.compile(r"unknown (?P<ref>[a-z-]+) '(?P<id>[^']*)'")
_ALSO = re.compile(r"\(also (?P<kind>[a-z_]+)\[(?P<number>\d+)\]\S* at (?P<file>.+):\d+:\d+\)$")


def check_valid_records(files: Mapping[str, ValidFile]) -> list[Diagnostic]:
    """The cross-file problems among ``files``, except an "unknown <kind> '<id>'" where the id
    is that of a record left out for its own problem (fix it, and the reference resolves), or
    any id of a kind one of whose left-out records has no readable id."""
    hidden: dict[str, set[str]] = {}
    for file in files.values():
        for record_id, name in file.hidden if isinstance(file, PartFile) else ():
            hidden.setdefault(record_id, set()).add(name)
    facts = {kind.name for kind in kinds.fact_kinds()}

    def follow_on(diagnostic: Diagnostic) -> bool:
        match = _UNKNOWN.match(diagnostic.message)
        if match is None:
            return False
        names = hidden.get(match["id"], set()) | hidden.get("", set())
        return match["ref"] in names or (match["ref"] == kinds.FACT and bool(names & facts))

    parts = {(f.display, f.kind): f for f in files.values() if isinstance(f, PartFile)}

    def numbered_in_file(diagnostic: Diagnostic) -> Diagnostic:
        # "duplicate id 'x' (also actors[1].id at file:9:5)": the rules number the first place
        # as they found it; say its number in the file, as PartFile.at does for the others.
        match = _ALSO.search(diagnostic.message)
        part = parts.get((match["file"], match["kind"])) if match else None
        if match is None or part is None:
            return diagnostic
        number = part.kept[int(match["number"])]
        message = diagnostic.message[: match.start("number")] + str(number)
        return replace(diagnostic, message=message + diagnostic.message[match.end("number") :])

    return [numbered_in_file(d) for d in check_story(files) if not follow_on(d)]


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


def _fields_at(model_type: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    current: type[BaseModel] | None = model_type
    for part in path:
        if current is None:
            return []
        if isinstance(part, str):
            info = current.model_fields.get(part)
            current = nested_model(info.annotation) if info is not None else None
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
