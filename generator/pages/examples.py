"""The example record of each file kind, written out as commented YAML.

The examples live in ``generator/schema/examples/<file>.yaml`` (see the README there): the
record itself, and example values of the optional fields it leaves out. :func:`data_file_text`
is a whole ``site_data/<file>.yaml`` of a new story: its schema line, what the file holds, and
the example with each field's description (from the model) above it, the optional fields it
leaves out as commented-out lines. The editors' guide (:mod:`generator.pages.guide`) shows the same
blocks, so the two cannot say different things. The files, their order and the descriptions
come from the registry (:mod:`generator.schema.kinds`) and the model; a kind without an example file
gets an empty list.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.pages.datareference import describe_type
from generator.pages.wording import long_date
from generator.read.loader import modeline
from generator.schema import kinds
from generator.schema.annotations import unwrap
from generator.schema.formats import CURRENT, FORMAT_KEY

__all__ = [
    "EXAMPLES_DIR",
    "EXAMPLE_PREFIX",
    "PLACEHOLDER",
    "Example",
    "data_file_text",
    "example",
    "example_block",
    "record_model",
]

EXAMPLE_PREFIX = "example-"
"""The id of every example record starts with this (how :mod:`generator.tools.leftovers` finds
one)."""

PLACEHOLDER = "Replace with"
"""Every placeholder text of a new story starts with this."""

EXAMPLES_DIR = Path(__file__).parents[1] / "schema" / "examples"

WIDTH = 100


@dataclass(frozen=True)
class Example:
    record: dict[str, Any]
    more: dict[str, Any]
    """Example values of optional fields the record leaves out (nested as the record is)."""


def example(file: str, today: dt.date) -> Example | None:
    """The example of ``site_data/<file>.yaml``, its dates ``today`` (None: the kind has none)."""
    source = EXAMPLES_DIR / f"{file}.yaml"
    if not source.is_file():
        return None
    text = source.read_text(encoding="utf-8")
    text = text.replace("@TODAY_WORDS@", long_date(today)).replace("@TODAY@", today.isoformat())
    raw = yaml.load(text, Loader=yaml.CSafeLoader)
    return Example(dict(raw["record"]), dict(raw.get("more") or {}))


def record_model(file: str) -> type[BaseModel]:
    """The model of one record of the file (the story file holds one record, not a list)."""
    if file == kinds.STORY_FILE:
        model: type[BaseModel] = kinds.FILE_MODELS[file].model_fields[file].annotation  # type: ignore[assignment]
        return model
    return kinds.by_file(file).model


def data_file_text(file: str, today: dt.date) -> str:
    """The whole ``site_data/<file>.yaml`` of a new story."""
    info = kinds.FILE_MODELS[file].model_fields[file]
    found = example(file, today)
    lines = [modeline(file), *_comment(f"site_data/{file}.yaml: {info.description}", 0)]
    if found is not None and str(found.record.get("id", "")).startswith(EXAMPLE_PREFIX):
        lines += _comment(
            f'The record below is an example: its id starts with "{EXAMPLE_PREFIX}", so '
            "`explainer check` warns until you replace it with one of yours (or delete it). "
            "Above each field: whether it is required, its type, what it holds. A field "
            'written as a comment is optional: remove the "# " to use it. More in EDITORS.md.',
            0,
        )
    elif found is not None:
        lines += _comment(
            'Replace each text that starts with "Replace with". More in EDITORS.md.', 0
        )
    if file == kinds.STORY_FILE:  # the version of the data format, above the story
        about = kinds.FILE_MODELS[file].model_fields[FORMAT_KEY].description or ""
        lines += [*_comment(about, 0), f"{FORMAT_KEY}: {CURRENT}"]
    if found is None:
        lines.append(f"{file}: []")
    else:
        lines += [f"{file}:", *example_block(file, found)]
    return "\n".join(lines) + "\n"


def example_block(file: str, found: Example, *, described: bool = True) -> list[str]:
    """The example as the lines under the file's top-level key; ``described``: each field's
    description above it (the guide has them in a table instead)."""
    model = record_model(file)
    if file == kinds.STORY_FILE:
        return _mapping(model, found.record, found.more, 2, item=False, described=described)
    return _mapping(model, found.record, found.more, 4, item=True, described=described)


# --- YAML with comments ------------------------------------------------------------------------


def _comment(text: str, indent: int, reserve: int = 0) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - indent - 2 - reserve)]


def _about(info: FieldInfo) -> str:
    kind = describe_type(info.annotation, list(info.metadata), [])
    required = "required" if info.is_required() else "optional"
    return f"{required}, {kind} — {info.description}"


def _mapping(
    model: type[BaseModel],
    record: dict[str, Any],
    more: dict[str, Any],
    indent: int,
    *,
    item: bool,
    reserve: int = 0,
    described: bool = True,
) -> list[str]:
    """The fields of one record; ``reserve``: columns a commented-out block will take."""
    out: list[str] = []
    for number, (name, info) in enumerate(model.model_fields.items()):
        if described:
            out += _comment(_about(info), indent, reserve)
        if name in record:
            entry = _entry(name, record[name], info, indent, reserve, described, more.get(name))
        else:
            lines = _entry(name, more.get(name), info, indent, reserve + 2, described)
            entry = [_commented(line, indent) for line in lines]
        if item and number == 0:
            if name not in record:
                raise ValueError(f"an example record starts with its {name}")
            entry[0] = " " * (indent - 2) + "- " + entry[0][indent:]
        out += entry
    return out


def _commented(line: str, indent: int) -> str:
    return line[:indent] + "# " + line[indent:]


def _entry(
    name: str,
    value: Any,
    info: FieldInfo,
    indent: int,
    reserve: int,
    described: bool,
    more: Any = None,
) -> list[str]:
    pad = " " * indent
    field = unwrap(info.annotation, info.metadata)
    if value is None:
        return [f"{pad}{name}:"]
    if field.model is not None and field.is_list:
        lines = [f"{pad}{name}:"]
        nested = more if isinstance(more, dict) else {}
        for each in value:
            lines += _mapping(
                field.model,
                each,
                nested,
                indent + 4,
                item=True,
                reserve=reserve,
                described=described,
            )
        return lines
    if field.model is not None:
        nested = more if isinstance(more, dict) else {}
        block = _mapping(
            field.model, value, nested, indent + 2, item=False, reserve=reserve, described=described
        )
        return [f"{pad}{name}:", *block]
    return _scalar_lines(name, value, indent, reserve)


def _scalar_lines(name: str, value: Any, indent: int, reserve: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, list):
        text = "[" + ", ".join(_plain(item) for item in value) + "]"
    else:
        text = _plain(value)
    if (
        isinstance(value, str)
        and reserve + len(pad) + len(name) + 2 + len(text) > WIDTH
        and value == " ".join(value.split())
    ):
        folded = textwrap.wrap(value, WIDTH - reserve - indent - 2, break_long_words=False)
        lines = [f"{pad}{name}: >-", *(f"{pad}  {line}" for line in folded)]
        if _reads_as("\n".join(line[indent:] for line in lines), {name: value}):
            return lines
    line = f"{pad}{name}: {text}"
    if not _reads_as(line[indent:], {name: value}):  # a flow list item that needs quotes
        items = value if isinstance(value, list) else [value]
        quoted = ", ".join(json.dumps(item, ensure_ascii=False) for item in items)
        line = f"{pad}{name}: " + (f"[{quoted}]" if isinstance(value, list) else quoted)
    return [line]


def _plain(value: Any) -> str:
    """A scalar as YAML reads it back: plain where that is the same value, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "\n" not in text and "#" not in text and _reads_as(f"k: {text}", {"k": text}):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_as(text: str, expected: Any) -> bool:
    try:
        # libyaml, as the loader reads the editors' files (and ten times faster than PyYAML's own)
        return bool(yaml.load(text, Loader=yaml.CSafeLoader) == expected)
    except yaml.YAMLError:
        return False
