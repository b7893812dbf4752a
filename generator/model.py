"""The one schema of a story's facts.

Validation, the JSON Schema that editors' tools read, and the data reference page all come from
these models, so every field carries a description. Each file under ``site_data/`` holds one
record kind under one top-level key (``quotes.yaml`` holds ``quotes: [...]``), which makes a
pydantic error location such as ``("quotes", 2, "speaker")`` read as ``quotes[2].speaker``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from generator.newsmeta import Author, Moment, Publisher, WikidataId, same_day_as_date

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="An id: lower-case letters, digits and hyphens; never a path."),
]
TEXT_PATTERN = r"\S"
"""Text needs one character that is not a space: a blank name would be an empty link."""

Text = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN, strip_whitespace=False)]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, types are strict (no YAML coercion)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- dates -------------------------------------------------------------------------------------


class DateRule(StrEnum):
    """How a date was obtained from the source."""

    STATED = "stated"
    DAY_MONTH = "day-month"
    WEEKDAY = "weekday"
    CAPTION = "caption"
    PUBLICATION = "publication"


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class DateBasis(Record):
    """The rule by which a record's date was read or derived from its source."""

    rule: DateRule = Field(
        strict=False,  # strict enums accept only Enum instances, never the YAML string
        description=(
            "stated: the source gives the full date in its text; day-month: it gives day and "
            "month, the year is the publication's; weekday: it gives only a weekday, resolved "
            "against the source's publication date; caption: a photo caption gives the date; "
            "publication: the event is the source's own publication."
        ),
    )
    words: Text = Field(
        description="The source's own words that give the date, e.g. 'on Thursday' or 'Nov. 13'."
    )
    weekday: Weekday | None = Field(
        default=None,
        strict=False,
        description="For rule weekday: the weekday the source names.",
    )
    direction: Literal["previous", "same", "next"] | None = Field(
        default=None,
        description=(
            "For rule weekday: whether the named weekday is the closest one before the "
            "publication date, the publication date itself, or the closest one after it."
        ),
    )


# --- sources -----------------------------------------------------------------------------------


class Excerpt(Record):
    id: Slug = Field(description="Id of the excerpt, unique across all files; facts cite it.")
    text: Text = Field(
        description="A short passage copied verbatim from the source that supports facts."
    )


class Source(Record):
    id: Slug = Field(description="Id of the source, unique across all files.")
    headline: Text = Field(description="The source's headline, as it gives it.")
    published: dt.date = Field(description="The date the source was published (YYYY-MM-DD).")
    publisher: Text | None = Field(
        default=None, description="The publisher, only if the source names it; never guessed."
    )
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")] | None = Field(
        default=None, description="The source's http(s) address, only if known; never invented."
    )
    excerpts: list[Excerpt] = Field(
        min_length=1, description="The passages of the source that the facts cite."
    )


# --- the story ---------------------------------------------------------------------------------


class Story(Record):
    headline: Text = Field(description="The explainer's headline.")
    standfirst: Text = Field(description="One or two sentences under the headline.")
    published: dt.date = Field(description="When the explainer was first published (YYYY-MM-DD).")
    updated: dt.date = Field(description="When the explainer was last updated (YYYY-MM-DD).")
    published_at: Moment | None = Field(
        default=None,
        description=(
            "Optional: the moment of first publication with its UTC offset, on the day of "
            "published (2026-11-27T09:30:00+01:00); the structured data then gives the time."
        ),
    )
    updated_at: Moment | None = Field(
        default=None, description="Optional: the moment of the last update, on the day of updated."
    )
    authors: list[Author] = Field(
        default_factory=list,
        description="Who wrote the explainer, as its byline credits them; never guessed.",
    )
    publisher: Publisher | None = Field(
        default=None, description="The organisation that publishes the explainer, if it is named."
    )

    _moments_on_their_days = field_validator("published_at", "updated_at")(same_day_as_date)


# --- actors ------------------------------------------------------------------------------------


class ActorKind(StrEnum):
    PERSON = "person"
    COUNTRY = "country"
    ORGANISATION = "organisation"
    GROUP = "group"
    ANONYMOUS = "anonymous"


class Actor(Record):
    id: Slug = Field(description="Id of the player, unique across all files.")
    name: Text = Field(description="Name as readers should see it, with its proper accents.")
    kind: ActorKind = Field(
        strict=False,
        description="person, country, organisation, group, or anonymous (an unnamed speaker).",
    )
    role: Text = Field(description="Who they are in this story, in our own words.")
    aliases: list[Text] = Field(
        default_factory=list,
        description="Other spellings readers may type, e.g. the name without accents.",
    )
    affiliation: Slug | None = Field(
        default=None, description="Id of the actor this one speaks for or belongs to."
    )
    wikidata: WikidataId | None = Field(
        default=None,
        description="The Wikidata item of this player (Q and digits, e.g. Q1234), if known.",
    )
    cites: list[Slug] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


# --- facts -------------------------------------------------------------------------------------


class Event(Record):
    id: Slug = Field(description="Id of the event, unique across all files.")
    date: dt.date = Field(description="When it happened (YYYY-MM-DD).")
    date_basis: DateBasis = Field(description="How the date was read or derived from the source.")
    title: Text = Field(description="A short headline for the event, in our own words.")
    summary: Text = Field(description="What happened, in one or two sentences of our own words.")
    actors: list[Slug] = Field(default_factory=list, description="Ids of the players involved.")
    claimed_by: Slug | None = Field(
        default=None,
        description="If this is a reported claim rather than an established fact: who claims it.",
    )
    cites: list[Slug] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


class Figure(Record):
    id: Slug = Field(description="Id of the figure, unique across all files.")
    value: int | float = Field(
        allow_inf_nan=False,  # YAML's .nan and .inf would read "nan people"
        description="The number, as the source gives it.",
    )
    unit: Text = Field(description="What the number is measured in, e.g. 'people' or 'years'.")
    counts: Text = Field(description="What the number counts, in our own words.")
    approximate: bool = Field(
        default=False, description="True if the source gives the number as approximate."
    )
    cites: list[Slug] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


class Quote(Record):
    id: Slug = Field(description="Id of the quote, unique across all files.")
    text: Text = Field(description="The words quoted, verbatim from the source.")
    speaker: Slug = Field(description="Id of the actor who said it, as the source attributes it.")
    extent: Literal["whole", "partial"] = Field(
        description="whole: a full quoted sentence or passage; partial: a fragment of one."
    )
    said_on: dt.date | None = Field(default=None, description="When it was said, if known.")
    said_on_basis: DateBasis | None = Field(
        default=None, description="How said_on was read or derived from the source."
    )
    said_where: Text | None = Field(
        default=None, description="Where or to whom it was said, if the source says."
    )
    context: Text | None = Field(
        default=None, description="What the quote is about, in our own words."
    )
    cites: list[Slug] = Field(
        min_length=1, description="Ids of the source excerpts that contain the quote verbatim."
    )


class Question(Record):
    id: Slug = Field(description="Id of the open question, unique across all files.")
    question: Text = Field(description="The open question, phrased as a question.")
    short: Text = Field(description="A column heading of two or three words for the matrix.")
    summary: Text = Field(description="Why it matters, in our own words.")


class Stance(StrEnum):
    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"
    UNCLEAR = "unclear"


class Position(Record):
    id: Slug = Field(description="Id of the position, unique across all files.")
    actor: Slug = Field(description="Id of the player whose position this is.")
    question: Slug = Field(description="Id of the open question it answers.")
    stance: Stance = Field(strict=False, description="supports, opposes, conditional or unclear.")
    summary: Text = Field(description="The position in one sentence of our own words.")
    claimed_by: Slug | None = Field(
        default=None,
        description="If the position is only reported by someone else: who reports it.",
    )
    cites: list[Slug] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


# --- updates and corrections -------------------------------------------------------------------


class UpdateKind(StrEnum):
    UPDATE = "update"
    CORRECTION = "correction"


class Update(Record):
    id: Slug = Field(description="Id of the update, unique across all files.")
    date: dt.date = Field(description="When the explainer changed (YYYY-MM-DD).")
    kind: UpdateKind = Field(
        strict=False,
        description=(
            "update: the explainer changed or grew; correction: something it said was wrong "
            "and was put right (corrected facts show a marker that links here)."
        ),
    )
    summary: Text = Field(description="What changed, in our own words.")
    facts: list[Slug] = Field(
        default_factory=list,
        description=(
            "Ids of the facts it touched (players, events, figures, quotes, positions); "
            "empty when no fact changed."
        ),
    )


# --- files -------------------------------------------------------------------------------------


class StoryFile(Record):
    """site_data/story.yaml"""

    story: Story = Field(description="The explainer's own metadata.")


class SourcesFile(Record):
    """site_data/sources.yaml"""

    sources: list[Source] = Field(min_length=1, description="The sources the facts rest on.")


class ActorsFile(Record):
    """site_data/actors.yaml"""

    actors: list[Actor] = Field(description="The players: people, countries, groups, speakers.")


class EventsFile(Record):
    """site_data/events.yaml"""

    events: list[Event] = Field(description="What happened, with dates.")


class FiguresFile(Record):
    """site_data/figures.yaml"""

    figures: list[Figure] = Field(description="The key numbers.")


class QuotesFile(Record):
    """site_data/quotes.yaml"""

    quotes: list[Quote] = Field(description="Verbatim quotes with their attribution.")


class QuestionsFile(Record):
    """site_data/questions.yaml"""

    questions: list[Question] = Field(description="The open questions of the story.")


class PositionsFile(Record):
    """site_data/positions.yaml"""

    positions: list[Position] = Field(description="Where each player stands on each question.")


class UpdatesFile(Record):
    """site_data/updates.yaml"""

    updates: list[Update] = Field(
        description="The log of updates and corrections to the explainer, oldest first."
    )


FILE_MODELS: dict[str, type[Record]] = {
    "story": StoryFile,
    "sources": SourcesFile,
    "actors": ActorsFile,
    "events": EventsFile,
    "figures": FiguresFile,
    "quotes": QuotesFile,
    "questions": QuestionsFile,
    "positions": PositionsFile,
    "updates": UpdatesFile,
}
"""File kind (the file's stem and its one top-level key) -> the model of that file."""


class StoryData(BaseModel):
    """Every record of one story, after each file validated on its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    story: Story = Field(description="The explainer's own metadata.")
    sources: list[Source] = Field(description="The sources the facts rest on.")
    actors: list[Actor] = Field(description="The players: people, countries, groups, speakers.")
    events: list[Event] = Field(description="What happened, with dates.")
    figures: list[Figure] = Field(description="The key numbers.")
    quotes: list[Quote] = Field(description="Verbatim quotes with their attribution.")
    questions: list[Question] = Field(description="The open questions of the story.")
    positions: list[Position] = Field(description="Where each player stands on each question.")
    updates: list[Update] = Field(description="The log of updates and corrections, oldest first.")
