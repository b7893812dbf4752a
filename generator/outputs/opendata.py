"""The story as open data: one JSON file with its JSON Schema, and one CSV file per record kind.

``data/story.json`` holds every record of the story (the model dumped as JSON; it validates
against ``data/story.schema.json``, which is generated from
:class:`~generator.schema.model.StoryData`, and reads back into the model with
``StoryData.model_validate_json``). ``data/<kind>.csv`` holds one row per record of one kind, for
spreadsheets:

- nested records are flattened into prefixed columns (``date_basis.rule``, ``date_basis.words``);
  the excerpts of each source get their own file, ``excerpts.csv``, with a ``source`` column,
  and ``sources.csv`` lists their ids;
- list fields are joined with ``;`` (ids cannot hold one; an actor's aliases could, which is why
  the JSON file is the one to read by program); a report's relay (``via``) as who passed it on,
  in order (each link's citations are in the JSON file), its status history as its steps
  (``statuses.csv`` has every step), an event's other sources' dates as those dates (their
  bases and citations are in the JSON file);
- empty cells are fields left out; true/false are written as ``true``/``false``;
- **formula injection**: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return gets a leading ``'``, so a spreadsheet shows it as text instead of running it as
  a formula (OWASP's advice for CSV export). Numbers and dates are written by this module, never
  start with one of those characters except a negative number, and are left as they are;
- UTF-8 with a byte-order mark, CRLF line ends (RFC 4180): Excel reads accents right only with
  the mark; Python reads it with ``encoding="utf-8-sig"``.

Nothing here imports mkdocs; the plugin serves these files and ``write_pages`` writes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from enum import Enum
from typing import Any

from pydantic import BaseModel

from generator.read.developing import walk_models
from generator.schema import kinds
from generator.schema.annotations import unwrap
from generator.schema.jsonschema import JSON_SCHEMA_DIALECT
from generator.schema.kinds import STATUS_CSV, StoryData
from generator.schema.model import OtherDate, Relay, StatusStep

__all__ = [
    "DATA_DIR",
    "csv_files",
    "csv_text",
    "data_files",
    "safe_cell",
    "story_json",
    "story_schema_json",
]

DATA_DIR = "data"
"""Docs-relative folder of the open-data files."""


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A text cell that no spreadsheet runs as a formula: a risky first character gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def story_json(data: StoryData) -> str:
    """``data/story.json``: every record, two-space indent, final newline."""
    return data.model_dump_json(indent=2) + "\n"


def story_schema() -> dict[str, Any]:
    """The JSON Schema of ``data/story.json``, from the model."""
    schema = kinds.StoryData.model_json_schema(mode="validation")
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["title"] = "data/story.json"
    schema["description"] = (
        "Every record of one explainer story: its metadata, sources with their excerpts, "
        "players, events, figures, quotes, questions, positions, and updates."
    )
    return schema


@functools.cache  # made from the model alone, the same for every story and build
def story_schema_json() -> str:
    """``data/story.schema.json``: sorted keys, two-space indent, final newline."""
    return json.dumps(story_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- CSV ---------------------------------------------------------------------------------------


def _columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    columns: list[str] = []
    for name, info in model.model_fields.items():
        field = unwrap(info.annotation)
        nested = field.model
        if nested is not None and not field.is_list:  # a list of records: their ids
            columns += _columns(nested, f"{prefix}{name}.")
        else:
            columns.append(prefix + name)
    return columns


def _cell(value: Any) -> str:
    """A value as one CSV cell: text (a list's items joined by ';') guarded once, as a whole."""
    if value is None or isinstance(value, bool | int | float | dt.date):
        return _cell_text(value)
    return safe_cell(_cell_text(value))


def _cell_text(value: Any) -> str:
    """A value as cell text, before the formula guard (an item's own apostrophe is kept)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, StatusStep):  # a claim's status history in a cell: its steps
        return str(value.status.value)
    if isinstance(value, Relay):  # a relay in a cell: who passed the number on, in order
        return value.by
    if isinstance(value, OtherDate):  # another source's date: the date (its basis in JSON)
        return _cell_text(value.date)
    if isinstance(value, BaseModel):  # a list of records in a cell: their ids
        return str(getattr(value, "id", ""))
    if isinstance(value, list):
        return ";".join(_cell_text(item) for item in value)
    if isinstance(value, str):
        return value
    raise TypeError(f"no CSV cell for {type(value).__name__}")


def _row(record: BaseModel, columns: list[str]) -> list[str]:
    row = []
    for parts in _split(tuple(columns)):
        value: Any = record
        for part in parts:
            value = None if value is None else getattr(value, part)
        row.append(_cell(value))
    return row


@functools.lru_cache(maxsize=64)
def _split(columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each column's attribute path (``date_basis.rule`` -> ``date_basis``, ``rule``), worked out
    once per header, not once per row."""
    return tuple(tuple(column.split(".")) for column in columns)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A CSV file's text: UTF-8 with a byte-order mark, CRLF line ends, a header row first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def csv_files(data: StoryData) -> dict[str, str]:
    """Kind -> the text of ``data/<kind>.csv`` (one row per record, a header row first)."""
    out: dict[str, str] = {}
    for kind in kinds.KINDS:
        owner = kind if kind.parent is None else kinds.by_name(kind.parent[0])
        records = tuple(data.records(owner))
        made = _CSV_MADE.get(kind.csv_name)
        if made is not None and made[0] is kind.model and _same(made[1], records):
            out[kind.csv_name] = made[2]
            continue
        header = _columns(kind.model)
        if kind.parent is None:
            rows = [_row(record, header) for record in records]
        else:  # a nested kind: each row names the record it is nested in
            parent, field = kind.parent
            header = [parent, *header]
            rows = [
                [_cell(record.id), *_row(child, header[1:])]
                for record in records
                for child in getattr(record, field)
            ]
        out[kind.csv_name] = csv_text(header, rows)
        _CSV_MADE[kind.csv_name] = (kind.model, records, out[kind.csv_name])
    out[STATUS_CSV] = _status_csv(data)
    return out


_CSV_MADE: dict[str, tuple[type[BaseModel], tuple[Any, ...], str]] = {}
"""Each kind's last CSV with the records it was made from (kept alive, so compared by identity).

Records are frozen models, and the loader hands back the very same objects for a file whose bytes
did not change: an edit to events.yaml under ``explainer serve`` or ``mkdocs serve`` makes the
events' CSV again, not the players' (a tenth of a re-render at k=100)."""


def _same(before: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))


def _status_csv(data: StoryData) -> str:
    step_columns = _columns(StatusStep)
    header = ["kind", "record", "step", *step_columns]
    rows = []
    for kind in kinds.file_kinds():
        for record in data.records(kind):
            for _path, model in walk_models(record, ()):
                steps = getattr(model, "status", None)
                if not isinstance(steps, list) or not steps:
                    continue
                owner = next(k.name for k in kinds.KINDS if isinstance(model, k.model))
                record_id = _cell(getattr(model, "id", ""))
                for number, step in enumerate(steps, start=1):
                    rows.append([owner, record_id, str(number), *_row(step, step_columns)])
    return csv_text(header, rows)


def data_files(data: StoryData) -> dict[str, str]:
    """Docs-relative path -> text of every open-data file (``data/story.json`` first)."""
    files = {
        f"{DATA_DIR}/story.json": story_json(data),
        f"{DATA_DIR}/story.schema.json": story_schema_json(),
    }
    for kind, text in csv_files(data).items():
        files[f"{DATA_DIR}/{kind}.csv"] = text
    return files
