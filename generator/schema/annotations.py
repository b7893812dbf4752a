"""One walker over the type annotations of the models.

The loader (which fields a nested record has), the reference checker (which fields refer to
another record), open data (which fields are nested records to flatten) and the data reference
(how to describe a type to an editor) all need to look through ``Annotated[...]``,
``X | None`` and ``list[X]`` to what a field holds. :func:`unwrap` does that once.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

__all__ = [
    "FieldType",
    "Happened",
    "RefTo",
    "field_types",
    "happened_field",
    "nested_model",
    "references_in",
    "unwrap",
]


@dataclass(frozen=True)
class RefTo:
    """Marks an id field as a reference to a record of another kind: ``Annotated[Slug,
    RefTo("actor")]``. ``kind`` is a record kind's singular name, or ``"fact"`` for any kind
    that is a fact (see :mod:`generator.schema.kinds`)."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        # Editors' tools show what an id must name: "Id of an actor.", and x-refers-to for
        # programs. A field's own description, where it has one, replaces this one.
        schema = handler(core_schema)
        article = "an" if self.kind[0] in "aeiou" else "a"
        schema["description"] = f"Id of {article} {self.kind}."
        schema["x-refers-to"] = self.kind
        return schema


@dataclass(frozen=True)
class Happened:
    """Marks a date field as the day its record happened: ``Annotated[dt.date, Happened()]``.

    A record with such a field (an event, a figure's report, a step of a claim's status, a quote
    said on a known day, an update of ours) is a *development* of the story, dated by it: the
    list of developments (open data, the feed of developments, "Since your last visit") and the
    explainer as it stood on a day (:mod:`generator.read.history`) are made from these marks, not
    from a list of kinds. ``else_first_source``: when the field is left out, the record happened
    on the publication day of the source its first cited excerpt belongs to (a report's
    ``as_of``). Adds nothing to the JSON Schema."""

    else_first_source: bool = False


@dataclass(frozen=True)
class FieldType:
    """What a field's annotation says, once ``Annotated``, ``| None`` and ``list`` are seen
    through."""

    base: Any
    """The innermost type (``str``, ``dt.date``, a model, an enum, a ``Literal[...]``), or a
    union of several such types (``int | float``)."""
    metadata: tuple[Any, ...]
    """Every ``Annotated`` metadata item met on the way (constraints, ``RefTo``)."""
    is_list: bool
    optional: bool

    # Worked out once per field (a FieldType is made once per model class, by field_types):
    # the walkers below ask for them once per record and field, some 75,000 times a load of a
    # story with 600 events.

    @functools.cached_property
    def model(self) -> type[BaseModel] | None:
        base = self.base
        return base if isinstance(base, type) and issubclass(base, BaseModel) else None

    @functools.cached_property
    def ref(self) -> RefTo | None:
        return next((item for item in self.metadata if isinstance(item, RefTo)), None)

    @functools.cached_property
    def happened(self) -> Happened | None:
        return next((item for item in self.metadata if isinstance(item, Happened)), None)


def unwrap(annotation: Any, metadata: typing.Iterable[Any] = ()) -> FieldType:
    """See through ``Annotated``, ``X | None`` and ``list[X]`` (in any nesting) to ``X``."""
    meta = list(metadata)
    is_list = optional = False
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation, meta = args[0], [*meta, *args[1:]]
        elif origin in (typing.Union, types.UnionType) and type(None) in args:
            optional = True
            rest = [a for a in args if a is not type(None)]
            annotation = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        elif origin is list:
            is_list, annotation = True, args[0]
        else:
            return FieldType(annotation, tuple(meta), is_list, optional)


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The record model a field holds (``Model``, ``Model | None``, ``list[Model]``), if any."""
    return unwrap(annotation).model


@functools.cache
def field_types(model: type[BaseModel]) -> tuple[tuple[str, FieldType], ...]:
    """(name, :func:`unwrap` of its annotation) of every field of ``model``, in order.

    A model class's fields do not change once it is made, and the walkers below ask for them
    once per record (tens of thousands of times for a large story): worked out once per class.
    """
    return tuple(
        (name, unwrap(info.annotation, info.metadata)) for name, info in model.model_fields.items()
    )


@functools.cache
def happened_field(model: type[BaseModel]) -> tuple[str, Happened] | None:
    """The field of ``model`` marked :class:`Happened` and its mark, if it has one."""
    return next(
        ((name, field.happened) for name, field in field_types(model) if field.happened), None
    )


@functools.cache
def _linking_fields(model: type[BaseModel]) -> tuple[tuple[str, FieldType], ...]:
    """The fields of ``model`` that are references or hold nested records."""
    return tuple(
        (name, field)
        for name, field in field_types(model)
        if field.ref is not None or field.model is not None
    )


def references_in(
    value: BaseModel, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every reference under a record: (its path, the id it names, the ``RefTo`` kind)."""
    for name, field in _linking_fields(type(value)):
        item = getattr(value, name)
        if item is None:
            continue
        items = list(enumerate(item)) if field.is_list else [(None, item)]
        for number, each in items:
            at = (*path, name) if number is None else (*path, name, number)
            if field.ref is not None:
                yield at, each, field.ref.kind
            else:
                yield from references_in(each, at)
