"""The story's developments as open data: ``data/developments.json`` (with its JSON Schema) and
``data/developments.csv``, one entry per development, newest first.

The developments are :func:`generator.read.history.developments` (every record dated by a field
the schema marks as the day it happened). Each entry says when (the day, or month; its time of
day and UTC offset when known; whether the day is only its source's publication day), what it
is (the record kind, or ``status`` for a step of a claim), the record it happened to, the facts
it is about, a title in words and its site-relative address (directory URLs, as the feed). The
"Since your last visit" script (``theme/assets/since-last-visit.js``) reads the JSON file; the
Atom feed of developments (:mod:`generator.outputs.feed`) is made from the same entries.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from generator.outputs.opendata import DATA_DIR, csv_text, safe_cell
from generator.outputs.sharemeta import page_url
from generator.pages.storyindex import Index
from generator.pages.wording import STATUS_WORDS, figure_text, quote_text
from generator.read.history import Development, developments
from generator.schema import kinds
from generator.schema.jsonschema import JSON_SCHEMA_DIALECT

__all__ = [
    "DEVELOPMENTS_JSON",
    "DevelopmentEntry",
    "Entry",
    "developments_files",
    "entries",
]

DEVELOPMENTS_JSON = f"{DATA_DIR}/developments.json"
"""Docs-relative path of the developments' JSON file (the script reads it)."""


class About(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="The fact's record kind: actor, event, figure, quote, position.")
    id: str = Field(description="The fact's id (in data/story.json).")


class DevelopmentEntry(BaseModel):
    """One development of the story: something that happened on a day, to a record."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        description=(
            "The development's own record id, or for a record without one (a status step) its "
            "claim's id, the list and its number (jet-downing-status-2)."
        )
    )
    date: str = Field(description="The day it happened, YYYY-MM-DD, or the month, YYYY-MM.")
    time: str | None = Field(description="The time of day (HH:MM), if known.")
    utc_offset: str | None = Field(description="The UTC offset of that time, if known.")
    date_inferred: bool = Field(
        description="True when the day is only the publication day of the source it cites first."
    )
    what: str = Field(
        description=(
            "What it is: the record kind (event, report, quote, update) or status (a step in the "
            "life of a claim: reported, disputed, denied, confirmed, retracted)."
        )
    )
    record: str = Field(
        description="The id of the record it happened to (a status step: its claim's)."
    )
    about: list[About] = Field(description="The facts it is about (an update: those it names).")
    title: str = Field(description="What happened, in words, as the site says it.")
    url: str = Field(description="Its address on the site, relative to the site's root.")


class DevelopmentsFile(BaseModel):
    """``data/developments.json``."""

    model_config = ConfigDict(extra="forbid")

    developments: list[DevelopmentEntry] = Field(
        description="Every development of the story, newest first."
    )


def _first_sentence(text: str) -> str:
    sentence = " ".join(text.split()).split(". ")[0]
    return sentence.removesuffix(".")


def _name(index: Index, actor_id: str) -> str:
    return str(index.actor(actor_id).name)


def _label(index: Index, kind: str, record: Any) -> str:
    """A record in words, as the site's links word it (plain text)."""
    if kind == "report":
        figure = index.parent[record.id]
        return f"{_first_sentence(figure.counts)}: {figure_text(record, figure)}"
    if kind == "figure":
        view = index.figures[record.id]
        return f"{_first_sentence(record.counts)}: {figure_text(view.headline.report, record)}"
    if kind == "quote":
        return f"{_name(index, record.speaker)}: {quote_text(record)}"
    if kind == "position":
        return f"{_name(index, record.actor)}: {record.summary}"
    return str(getattr(record, kinds.by_name(kind).label))


def title(index: Index, development: Development) -> str:
    """What happened, in words: an event by its title, a report by what it counts and its
    number, a status step by who did what to which claim, an update as the feed says it."""
    kind, owner = development.owner
    record = development.record
    if development.what == "update":
        return f"{record.kind.value.capitalize()}: {record.summary}"
    if development.what == "status":
        who = ", ".join(_name(index, actor_id) for actor_id in record.by)
        step = STATUS_WORDS[record.status] + (f" by {who}" if who else "")
        return f"{step}: {_label(index, kind, owner)}"
    return _label(index, development.what, record)


def url(development: Development) -> str:
    """The development's place on the site: its own record's block, or its claim's."""
    name, owner = development.owner
    kind = kinds.by_name(name)
    if kind.page is None:
        return ""
    return f"{page_url(kind.page)}#{kind.anchor_of(owner.id)}"


Entry = dict[str, Any]
"""A development as :class:`DevelopmentEntry` describes it, as plain data: thousands of them in
a large story, made and written on every build (pydantic models of them cost a build 0.3 s at
the benchmark's k=100)."""


def entries(index: Index) -> list[Entry]:
    """Every development of the story as an entry (see :class:`DevelopmentEntry`), newest
    first."""
    out = []
    for development in developments(index.data):
        day = development.day
        out.append(
            {
                "id": development.id,
                "date": day if isinstance(day, str) else day.isoformat(),
                "time": development.time,
                "utc_offset": development.utc_offset,
                "date_inferred": development.inferred,
                "what": development.what,
                "record": development.owner[1].id,
                "about": [{"kind": kind, "id": fact} for kind, fact in development.about],
                "title": title(index, development),
                "url": url(development),
            }
        )
    return out


@functools.cache  # made from the model alone
def _schema_json() -> str:
    schema = DevelopmentsFile.model_json_schema(mode="validation")
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["title"] = DEVELOPMENTS_JSON
    schema["description"] = (
        "Every development of one explainer story, newest first: each event, figure report, "
        "step of a claim's status, quote said on a known day and update, with its date and the "
        "facts it is about."
    )
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_COLUMNS = [
    "id",
    "date",
    "time",
    "utc_offset",
    "date_inferred",
    "what",
    "record",
    "about",
    "title",
    "url",
]


def _csv(made: list[Entry]) -> str:
    rows = []
    for entry in made:
        cells = dict(entry)
        cells["about"] = ";".join(f"{about['kind']}:{about['id']}" for about in entry["about"])
        cells["date_inferred"] = "true" if entry["date_inferred"] else "false"
        rows.append([safe_cell(cells[name] or "") for name in _COLUMNS])
    return csv_text(_COLUMNS, rows)


def developments_files(index: Index, made: list[Entry] | None = None) -> dict[str, str]:
    """Docs-relative path -> text of the developments' JSON file, its schema and its CSV."""
    made = entries(index) if made is None else made
    text = json.dumps({"developments": made}, indent=2, ensure_ascii=False) + "\n"
    return {
        DEVELOPMENTS_JSON: text,
        f"{DATA_DIR}/developments.schema.json": _schema_json(),
        f"{DATA_DIR}/developments.csv": _csv(made),
    }
