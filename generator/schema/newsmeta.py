"""The story's optional news metadata: its byline, its publisher, its moments, Wikidata ids.

Search engines and news aggregators read these in the structured data
(:mod:`generator.outputs.jsonld`): a ``NewsArticle``'s ``author`` and ``publisher``,
``datePublished`` with a time and offset, an actor's ``sameAs``. Every one is optional and is only
what the editor writes: nothing here is guessed, and a story without them still builds (``explainer
check`` warns about a missing byline or publisher). The types live here rather than in
:mod:`generator.schema.model`, which uses them, so that module stays one screenful per record kind;
they follow its rules (unknown fields are errors, types are strict) with the same configuration as
``model.Record``, repeated because importing it would make a cycle.

Messages for a bad value are written for editors (the loader prints them after
``file:line:col: field:``), not pydantic's defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from generator.schema.basemodel import Title

__all__ = [
    "WIKIDATA_PATTERN",
    "Author",
    "Moment",
    "Publisher",
    "WikidataId",
    "same_day_as_date",
    "wikidata_url",
]

WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
"""A Wikidata item id: ``Q`` and the item's number (``Q42``), as in its address."""

_WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")]


class _NewsRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Author(_NewsRecord):
    name: Title = Field(description="The author's name, as the byline gives it.")
    kind: Literal["person", "organisation"] = Field(
        default="person",
        description=(
            "person (a reporter), or organisation (a newsroom or desk the byline credits); "
            "person if left out."
        ),
    )
    url: _WebAddress | None = Field(
        default=None, description="The author's own page (http or https), only if there is one."
    )


class Publisher(_NewsRecord):
    name: Title = Field(description="The organisation that publishes the explainer.")
    url: _WebAddress | None = Field(
        default=None, description="The publisher's home page (http or https), only if known."
    )


def _moment(value: Any) -> Any:
    """A YAML timestamp with a time and a UTC offset; anything else gets an editor's message."""
    example = "2026-11-27T09:30:00+01:00"
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            raise PydanticCustomError(
                "moment_offset",
                "the time needs its UTC offset, e.g. {example} (or Z for UTC)",
                {"example": example},
            )
        return value
    if isinstance(value, dt.date):
        got = f"the date {value.isoformat()}"
    elif isinstance(value, str):
        got = f"the text '{value}' ({_moment_text_hint(value, example)})"
    else:
        got = type(value).__name__
    raise PydanticCustomError(
        "moment_type",
        "expected a date, a time and a UTC offset such as {example}, got {got}",
        {"example": example, "got": got},
    )


def _moment_text_hint(value: str, example: str) -> str:
    """What to write for a moment given as text: YAML reads a moment only as
    YYYY-MM-DDTHH:MM:SS with its offset, unquoted (``2026-11-27 09:30`` stays text)."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return f"write it as {example}, without quotes"
    if moment.utcoffset() is None:
        return f"write it with its UTC offset and without quotes, e.g. {example}"
    return f"write it without quotes, as {moment.isoformat(timespec='seconds')}"


Moment = Annotated[dt.datetime, BeforeValidator(_moment)]
"""A moment with its UTC offset, e.g. ``2026-11-27T09:30:00+01:00``."""


def _wikidata(value: str) -> str:
    if not re.fullmatch(WIKIDATA_PATTERN, value):
        raise PydanticCustomError(
            "wikidata_id",
            "'{value}' is not a Wikidata id: write Q and the item's number, as in its address "
            "(https://www.wikidata.org/wiki/Q…)",
            {"value": value},
        )
    return value


WikidataId = Annotated[
    str, AfterValidator(_wikidata), Field(json_schema_extra={"pattern": WIKIDATA_PATTERN})
]


def wikidata_url(item: str) -> str:
    """The address of a Wikidata item, as schema.org's ``sameAs`` wants it."""
    return f"https://www.wikidata.org/wiki/{item}"


def same_day_as_date(value: dt.datetime | None, info: ValidationInfo) -> dt.datetime | None:
    """A field validator for ``published_at``/``updated_at``: the moment falls on the day that
    ``published``/``updated`` gives (in its own offset), so the page and its data never disagree;
    ``updated_at`` is not before ``published_at``."""
    if value is None or info.field_name is None:
        return value
    date_field = info.field_name.removesuffix("_at")
    day = info.data.get(date_field)
    if isinstance(day, dt.date) and value.date() != day:
        raise PydanticCustomError(
            "moment_day",
            "{moment} is not on {field} ({day}); give the same day in both",
            {"moment": value.isoformat(), "field": date_field, "day": day.isoformat()},
        )
    first = info.data.get("published_at")
    if info.field_name == "updated_at" and isinstance(first, dt.datetime) and value < first:
        raise PydanticCustomError(
            "moment_order",
            "{moment} is before published_at ({first})",
            {"moment": value.isoformat(), "first": first.isoformat()},
        )
    return value
