"""The data reference page's content, made from the model beside the JSON Schema.

Every file kind with the record models it holds (nested models included), each field with its
type in editors' words, whether it is required, and its description. A field without a
description is an error here, so the page editors read can never fall behind the model.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from generator.pages.escape import Trusted, escape_text
from generator.schema import kinds
from generator.schema.annotations import unwrap
from generator.schema.basemodel import TITLE_MAX
from generator.schema.datemodel import MONTH_PATTERN, OFFSET_PATTERN, TIME_PATTERN
from generator.schema.model import ARCHIVE_PATTERN, SLUG_PATTERN, TEXT_PATTERN

__all__ = ["FieldDoc", "FileDoc", "ModelDoc", "describe_type", "reference_sections"]


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: Trusted
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    anchor: str
    doc: str
    fields: list[FieldDoc]


@dataclass(frozen=True)
class FileDoc:
    kind: str
    path: str
    key: str
    description: str
    models: list[ModelDoc]
    also: list[FieldDoc]
    """The file's other top-level keys (story.yaml's ``format``)."""


_PATTERNS = {
    SLUG_PATTERN: "id",
    MONTH_PATTERN: "month (YYYY-MM)",
    TIME_PATTERN: "time of day (HH:MM)",
    OFFSET_PATTERN: "UTC offset (+HH:MM or -HH:MM)",
    ARCHIVE_PATTERN: "path relative to the project",
}

_NAMES = {
    str: "text",
    bool: "true or false",
    int: "integer",
    float: "number",
    dt.date: "date (YYYY-MM-DD)",
    dt.datetime: "date, time and UTC offset (YYYY-MM-DDThh:mm:ss+hh:mm)",
}


def describe_type(annotation: Any, metadata: list[Any], nested: list[type[BaseModel]]) -> str:
    """A type for editors: 'text', 'id', 'list of id', 'one of: a, b', a model name.

    Models met on the way are appended to ``nested`` (each once), so the page can describe them.
    """
    field = unwrap(annotation, metadata)
    single = _describe(field.base, field.metadata, nested)
    return f"list of {single}" if field.is_list else single


def _describe(base: Any, metadata: tuple[Any, ...], nested: list[type[BaseModel]]) -> str:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if pattern is not None and pattern != TEXT_PATTERN:  # Text's is "not blank"
            return _PATTERNS.get(pattern, "http(s) address")
    # the strictest limit: a figure's label is a title (300) held to 80
    limits = [m.max_length for m in metadata if getattr(m, "max_length", None)]
    longest = min(limits) if limits else None
    if base is str and longest is not None:  # a title or a text, with its limit
        short = "short " if longest <= TITLE_MAX else ""
        return f"{short}text (at most {longest:,} characters)"
    origin = typing.get_origin(base)
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(base))
    if origin is not None:  # a union of several types: int | float
        return " or ".join(describe_type(a, [], nested) for a in typing.get_args(base))
    if isinstance(base, type):
        if issubclass(base, Enum):
            return "one of: " + ", ".join(str(m.value) for m in base)
        if issubclass(base, BaseModel):
            if base not in nested:
                nested.append(base)
            return base.__name__
        if base in _NAMES:
            return _NAMES[base]
    raise TypeError(f"data reference: no description for type {base!r}")


def _model_doc(model: type[BaseModel], nested: list[type[BaseModel]]) -> ModelDoc:
    fields = []
    for name, info in model.model_fields.items():
        if not info.description:
            raise TypeError(f"{model.__name__}.{name} has no description")
        type_text = describe_type(info.annotation, list(info.metadata), nested)
        fields.append(
            FieldDoc(name, Trusted(escape_text(type_text)), info.is_required(), info.description)
        )
    doc = (model.__doc__ or "").strip()
    return ModelDoc(model.__name__, f"model-{model.__name__.lower()}", doc, fields)


@functools.cache  # made from the model alone, the same for every story and build
def reference_sections() -> tuple[FileDoc, ...]:
    """Every file kind with the record models it holds, nested models included (shared: the
    result is cached, so read it, never change it)."""
    files = []
    for kind, file_model in kinds.FILE_MODELS.items():
        info = file_model.model_fields[kind]
        also = [
            FieldDoc(
                name,
                Trusted(escape_text(describe_type(other.annotation, list(other.metadata), []))),
                other.is_required(),
                other.description or "",
            )
            for name, other in file_model.model_fields.items()
            if name != kind
        ]
        nested: list[type[BaseModel]] = []
        describe_type(info.annotation, list(info.metadata), nested)
        models: list[ModelDoc] = []
        done: set[type[BaseModel]] = set()
        while len(done) < len(nested):
            model = next(m for m in nested if m not in done)
            done.add(model)
            models.append(_model_doc(model, nested))
        files.append(
            FileDoc(kind, f"site_data/{kind}.yaml", kind, info.description or "", models, also)
        )
    return tuple(files)
