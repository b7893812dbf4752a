"""Pydantic's validation errors of one data file, said as located diagnostics in plain words.

Each error is placed at the deepest part of its location that exists in the data (via the
file's source map) and its message says what YAML read and what was expected, e.g. "YAML reads
no as the boolean false; put it in quotes: 'no'". Values are shown with
:func:`generator.read.diagnostics.show` (escaped, long ones cut).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.read.datehints import date_hint, is_offset, is_time, offset_hint, time_hint
from generator.read.diagnostics import (
    MAX_VALUE_CHARS,
    SHOWN_CHARS,
    Diagnostic,
    did_you_mean,
    format_loc,
    show,
)
from generator.read.sourcemap import Scalar, SourceMap
from generator.schema.annotations import nested_model
from generator.schema.datemodel import MONTH_PATTERN, OFFSET_PATTERN, TIME_PATTERN
from generator.schema.languages import LANGUAGE_PATTERN, tag_for
from generator.schema.meanings import suggest
from generator.schema.model import NUMBER_MAX, SLUG_PATTERN, TEXT_PATTERN, Record

__all__ = ["validation_diagnostics"]


def validation_diagnostics(
    error: ValidationError,
    kind: str,
    model_type: type[Record],
    data: Any,
    sourcemap: SourceMap,
    display: str,
) -> Iterator[tuple[tuple[str | int, ...], Diagnostic]]:
    """(the path in the data, the diagnostic) of each error, in pydantic's order, made one at a
    time (a caller that has enough stops early: a file can hold 100,000 errors)."""
    union_seen: set[tuple[str | int, ...]] = set()
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        path, rest = _split_loc(data, loc)
        kind_of_error = detail["type"]
        if kind_of_error == "missing":
            line, col = sourcemap.locate(path)
            message = f"missing required field '{rest[0]}'" if rest else "missing value"
            yield path, Diagnostic(display, line, col, format_loc(path), message)
            continue
        if rest:  # a branch of a union, e.g. int | float: one message per place
            if path in union_seen:
                continue
            union_seen.add(path)
        line, col = sourcemap.locate(path)
        scalar = sourcemap.scalars.get(path)
        message = _message(detail, kind, model_type, path, rest, scalar)
        yield path, Diagnostic(display, line, col, format_loc(path), message)


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


def _field_patterns(model_type: type[BaseModel], path: tuple[str | int, ...]) -> set[str]:
    """The patterns a field's text may match (a month's, a time's), seen through ``Annotated``,
    unions and lists; empty if the path names no field."""
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return set()
    current: type[BaseModel] | None = model_type
    for part in names[:-1]:
        info = current.model_fields.get(part) if current is not None else None
        current = nested_model(info.annotation) if info is not None else None
    last = current.model_fields.get(names[-1]) if current is not None else None
    if last is None:
        return set()
    found: set[str] = set()
    pending: list[Any] = [last.annotation, *last.metadata]
    while pending:
        item = pending.pop()
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            found.add(pattern)
        origin = typing.get_origin(item)
        if origin in (typing.Annotated, typing.Union, types.UnionType, list):
            pending.extend(typing.get_args(item))
    return found


def _as_written(scalar: Scalar | None, value: Any) -> str:
    """How a number or date was written, unquoted; a long one cut to its start."""
    text = scalar.text if scalar is not None else str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:SHOWN_CHARS] + "…"


def _describe(value: Any, scalar: Scalar | None) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "no value"
    if isinstance(value, int | float):
        return f"the number {_as_written(scalar, value)}"
    if isinstance(value, dt.datetime):
        return f"the date and time {_as_written(scalar, value.isoformat())}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return show(value)
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
        return f"YAML reads {scalar.text} as no value (null); put it in quotes: {show(scalar.text)}"
    if isinstance(value, bool):
        what = f"the boolean {str(value).lower()}"
    elif scalar.yaml_type == "number":
        what = "a number"
    elif scalar.yaml_type == "date":
        what = "a date"
    else:
        return None
    written = _as_written(scalar, value)
    return f"YAML reads {written} as {what}; put it in quotes: {show(scalar.text)}"


def _date_message(
    value: Any,
    got: str,
    model_type: type[Record],
    path: tuple[str | int, ...],
    patterns: set[str],
) -> str:
    field = str(path[-1]) if path and isinstance(path[-1], str) else "this field"
    return date_hint(
        value,
        got,
        accepts_month=MONTH_PATTERN in patterns,
        field=field,
        fields=_fields_at(model_type, path[:-1]),
    )


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
        return f"expected a finite number, got {_as_written(scalar, value)}"
    if (rest and set(rest) <= {"int", "float"}) or error_type in ("int_type", "float_type"):
        return f"expected a number, got {got}"
    if error_type == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        allowed = _fields_at(model_type, path[:-1])
        hint = did_you_mean(name, allowed) or f"; allowed: {', '.join(allowed)}"
        return f"unknown field '{name}'{hint}"
    patterns = _field_patterns(model_type, path)
    if error_type == "string_type":
        text = scalar.text if scalar is not None and scalar.yaml_type is not None else None
        if text is not None and TIME_PATTERN in patterns and not is_time(text):
            return time_hint(text, show(text))
        if text is not None and OFFSET_PATTERN in patterns and not is_offset(text):
            return offset_hint(text, show(text))
        return _unquoted_hint(value, scalar) or f"expected text, got {got}"
    if error_type == "string_pattern_mismatch":
        if ctx.get("pattern") == TIME_PATTERN:
            return time_hint(str(value), got)
        if ctx.get("pattern") == OFFSET_PATTERN:
            return offset_hint(str(value), got)
        if ctx.get("pattern") == MONTH_PATTERN:
            return _date_message(value, got, model_type, path, patterns)
        if ctx.get("pattern") == TEXT_PATTERN:
            return "must not be blank"
        if ctx.get("pattern") == LANGUAGE_PATTERN:
            meant = tag_for(value) if isinstance(value, str) else None
            hint = f" (did you mean '{meant}'?)" if meant else ""
            return (
                f"{got} is not a language tag{hint}: write a BCP 47 tag such as 'en', 'ar' or "
                "'pt-BR'"
            )
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"{got} is not a valid id: use lower-case letters, digits and hyphens"
        if str(ctx.get("pattern", "")).startswith("^https?://"):
            return f"{got} is not a web address: it must start with http:// or https://"
        return f"{got} does not match the pattern {ctx.get('pattern')}"
    if error_type == "string_too_short":
        return "must not be empty"
    if error_type == "string_too_long" and isinstance(value, str):
        return f"is {len(value):,} characters long; at most {ctx.get('max_length', 0):,}"
    if error_type == "number_range":
        return (
            f"the number {_as_written(scalar, value)} is out of range: at most "
            f"10^{len(str(NUMBER_MAX)) - 1} ({NUMBER_MAX:,}) either side of zero; give it in a "
            "larger unit"
        )
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
        return _date_message(value, got, model_type, path, patterns)
    if error_type in ("enum", "literal_error"):
        expected = str(ctx.get("expected", ""))
        if isinstance(value, str):
            hint = suggest(value, _choices(expected))  # by meaning first, then by spelling
            return f"{got} is not allowed; expected {expected}{hint}"
        plain = _unquoted_hint(value, scalar)
        if plain is not None and isinstance(value, bool):
            return f"YAML reads {_as_written(scalar, value)} as {got}; expected {expected}"
        return f"expected {expected}, got {got}"
    return str(detail["msg"])
