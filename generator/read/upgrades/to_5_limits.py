"""From format 4 to format 5: texts and numbers within bounds.

Format 5 limits what a value may be, so that the work of reading and drawing a story stays
bounded whatever it holds: a title or a name (a headline, an event's title, a player's name, a
unit ...) has at most :data:`~generator.schema.basemodel.TITLE_MAX` characters, any other text
(a summary, an excerpt, a report's ``scope``, ``count_other`` and ``derived.how`` ...) at most
:data:`~generator.schema.basemodel.TEXT_MAX`, and a figure's numbers (a report's ``value``,
``low`` and ``high``) lie within :data:`~generator.schema.figuremodel.NUMBER_MAX` of zero. Which
field has which limit is read from the JSON Schema (its ``maxLength``, ``minimum`` and
``maximum``), so the step and ``explainer check`` never disagree.

A story within the limits changes in nothing but its version. A value beyond its limit is never
cut or rounded: each is reported at its place (``file:line:col: field: ...``, saying how long it
is and what to shorten it to, or which number to give in a larger unit), and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.read.upgrades.documents import Document, Documents, Place, Step, StepResult
from generator.schema.jsonschema import schema_dict

__all__ = ["TO_5", "over_limits"]

Schema = dict[str, Any]


def _resolve(schema: Schema, root: Schema) -> Schema:
    """``schema`` with its ``$ref`` (``#/$defs/Name``) followed: the definition, with the
    schema's own keys beside the reference."""
    for _ in range(32):  # a reference to a reference ...; the models make none deeper
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            break
        rest = {key: value for key, value in schema.items() if key != "$ref"}
        target = root.get("$defs", {}).get(ref.rsplit("/", 1)[-1])
        schema = rest if target is None else {**target, **rest}
    return schema


def _branches(schema: Schema, root: Schema) -> Iterator[Schema]:
    """The schemas a value may be held to: ``schema`` itself and each of its ``anyOf``,
    ``oneOf`` and ``allOf`` branches (followed through ``$ref``)."""
    schema = _resolve(schema, root)
    yield schema
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(key, ()):
            yield from _branches(branch, root)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_as_written(value: int | float) -> str:
    """1.7e+308 as Python writes it; a whole number with its thousands, or as 1.2e+40 when it
    has more than 30 digits (YAML reads 2**1023 written out in full as an int)."""
    if isinstance(value, float):
        return repr(value)
    digits = str(abs(value))
    if len(digits) <= 30:
        return f"{value:,}"
    sign = "-" if value < 0 else ""
    return f"{sign}{digits[0]}.{digits[1:3]}e+{len(digits) - 1}"


def _text_problem(value: str, branches: list[Schema]) -> str | None:
    limits = [b["maxLength"] for b in branches if b.get("type") == "string" and "maxLength" in b]
    if not limits or len(value) <= min(limits):
        return None
    limit = min(limits)
    return (
        f"is {len(value):,} characters long; format 5 allows at most {limit:,}: shorten it by "
        f"{len(value) - limit:,} characters (explainer upgrade cuts no text), then upgrade again"
    )


def _number_problem(value: int | float, branches: list[Schema]) -> str | None:
    """For a number held within a bound either side of zero (a figure's: ``minimum`` -10^15,
    ``maximum`` 10^15), what to do when it is beyond it. Other ranges (story.yaml's format) are
    the reader's to say."""
    for branch in branches:
        high, low = branch.get("maximum"), branch.get("minimum")
        if branch.get("type") != "number" or high is None or low != -high:
            continue
        if -high <= value <= high:
            return None
        exponent = len(str(int(high))) - 1
        return (
            f"the number {_number_as_written(value)} is beyond 10^{exponent} ({int(high):,}) "
            "either side of zero, which format 5 allows: give it in a larger unit (explainer "
            "upgrade changes no number), then upgrade again"
        )
    return None


def over_limits(
    data: Any, schema: Schema, root: Schema, place: Place = ()
) -> Iterator[tuple[Place, str]]:
    """(place, message) of every text of ``data`` longer than its ``maxLength`` in ``schema``
    and every number beyond its ``minimum`` or ``maximum``, in the order of the data."""
    branches = list(_branches(schema, root))
    if isinstance(data, dict):
        for key, value in data.items():
            inner = [b["properties"][key] for b in branches if key in b.get("properties", {})]
            if inner:  # a key no schema knows is validation's to say
                yield from over_limits(value, inner[0], root, (*place, str(key)))
    elif isinstance(data, list):
        items = [b["items"] for b in branches if isinstance(b.get("items"), dict)]
        if items:
            for number, value in enumerate(data):
                yield from over_limits(value, items[0], root, (*place, number))
    elif isinstance(data, str):
        message = _text_problem(data, branches)
        if message is not None:
            yield place, message
    elif _is_number(data):
        message = _number_problem(data, branches)
        if message is not None:
            yield place, message


def _check(document: Document, result: StepResult) -> None:
    schema = schema_dict(document.kind)
    for place, message in over_limits(document.data, schema, schema):
        result.problems.append(document.problem(place, message))


def _apply(documents: Documents) -> StepResult:
    result = StepResult()
    for document in documents.values():
        _check(document, result)
    return result


TO_5 = Step(
    5,
    "nothing changes but the version; a text longer than format 5 allows or a number beyond "
    "10^15 is reported at its place, to shorten or give in a larger unit (nothing is cut)",
    _apply,
)
