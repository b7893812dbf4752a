"""The one schema of a story's facts.

Validation, the JSON Schema that editors' tools read, and the data reference page all come from
these models, so every field carries a description. A field that names another record is typed
as a reference (``speaker: ActorRef``), which is all the reference checker needs. Which kinds of
record there are, and the file each lives in, is declared once in :mod:`generator.kinds`, which
also makes the file models and ``StoryData`` from these record models.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from generator.annotations import RefTo

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="An id: lower-case letters, digits and hyphens; never a path."),
]
TEXT_PATTERN = r"\S"
"""Text needs one character that is not a space: a blank name would be an empty link."""

Text = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN, strip_whitespace=False)]

# References: an id that must name a record of another kind. The checker finds every field
# typed with one of these (nested records and lists included) and checks it; nothing else
# needs to know which field refers to what.
ActorRef = Annotated[Slug, RefTo("actor")]
QuestionRef = Annotated[Slug, RefTo("question")]
ExcerptRef = Annotated[Slug, RefTo("excerpt")]
FactRef = Annotated[Slug, RefTo("fact")]


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
    affiliation: ActorRef | None = Field(
        default=None, description="Id of the actor this one speaks for or belongs to."
    )
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


# --- facts -------------------------------------------------------------------------------------


class Event(Record):
    id: Slug = Field(description="Id of the event, unique across all files.")
    date: dt.date = Field(description="When it happened (YYYY-MM-DD).")
    date_basis: DateBasis = Field(description="How the date was read or derived from the source.")
    title: Text = Field(description="A short headline for the event, in our own words.")
    summary: Text = Field(description="What happened, in one or two sentences of our own words.")
    actors: list[ActorRef] = Field(default_factory=list, description="Ids of the players involved.")
    claimed_by: ActorRef | None = Field(
        default=None,
        description="If this is a reported claim rather than an established fact: who claims it.",
    )
    cites: list[ExcerptRef] = Field(
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
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


class Quote(Record):
    id: Slug = Field(description="Id of the quote, unique across all files.")
    text: Text = Field(description="The words quoted, verbatim from the source.")
    speaker: ActorRef = Field(
        description="Id of the actor who said it, as the source attributes it."
    )
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
    cites: list[ExcerptRef] = Field(
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
    actor: ActorRef = Field(description="Id of the player whose position this is.")
    question: QuestionRef = Field(description="Id of the open question it answers.")
    stance: Stance = Field(strict=False, description="supports, opposes, conditional or unclear.")
    summary: Text = Field(description="The position in one sentence of our own words.")
    claimed_by: ActorRef | None = Field(
        default=None,
        description="If the position is only reported by someone else: who reports it.",
    )
    cites: list[ExcerptRef] = Field(
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
    facts: list[FactRef] = Field(
        default_factory=list,
        description=(
            "Ids of the facts it touched (players, events, figures, quotes, positions); "
            "empty when no fact changed."
        ),
    )
