"""The one schema of a story's facts.

Validation, the JSON Schema that editors' tools read, and the data reference page all come from
these models, so every field carries a description. A field that names another record is typed
as a reference (``speaker: ActorRef``), which is all the reference checker needs. Which kinds of
record there are, and the file each lives in, is declared once in :mod:`generator.schema.kinds`,
which also makes the file models and ``StoryData`` from these record models.

A developing story is modelled as data, never as prose: a figure is a series of reports (each
with its value or range, qualifier, date, reporters, relays and sources:
:mod:`generator.schema.figuremodel`), a reported claim carries the
history of its status (reported, disputed, denied, confirmed, retracted), and dates carry their
precision (:mod:`generator.schema.datemodel`). Questions and positions are in
:mod:`generator.schema.stancemodel`, sources in :mod:`generator.schema.sourcemodel`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator

from generator.schema.annotations import Happened, RefTo
from generator.schema.basemodel import (
    SLUG_PATTERN,
    TEXT_PATTERN,
    ActorRef,
    ExcerptRef,
    FactRef,
    QuestionRef,
    Record,
    Slug,
    Text,
    Title,
)
from generator.schema.claimmodel import ClaimStatus, StatusStep, status_field
from generator.schema.datemodel import (
    DateBasis,
    DateQualifier,
    DateRule,
    Month,
    TimeOfDay,
    TimeZone,
    UtcOffset,
    time_zone_field,
)
from generator.schema.figuremodel import (
    NUMBER_MAX,
    CountType,
    Derivation,
    Figure,
    FigureReport,
    HeadlineRule,
    Qualifier,
    Relay,
)
from generator.schema.languages import LanguageTag
from generator.schema.newsmeta import Author, Moment, Publisher, WikidataId, same_day_as_date
from generator.schema.sourcemodel import (
    ARCHIVE_PATTERN,
    Excerpt,
    PublishedBasis,
    PublisherBasis,
    PublisherRule,
    Source,
    SourceVersion,
)
from generator.schema.stancemodel import Position, Question, QuestionKind, Stance, Unanswered

__all__ = [
    "ARCHIVE_PATTERN",
    "NUMBER_MAX",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "Actor",
    "ActorKind",
    "ActorRef",
    "ClaimStatus",
    "CountType",
    "DateBasis",
    "DateQualifier",
    "DateRule",
    "Derivation",
    "Event",
    "Excerpt",
    "ExcerptRef",
    "FactRef",
    "Figure",
    "FigureReport",
    "HeadlineRule",
    "OtherDate",
    "Position",
    "PublishedBasis",
    "PublisherBasis",
    "PublisherRule",
    "Qualifier",
    "Question",
    "QuestionKind",
    "QuestionRef",
    "Quote",
    "Record",
    "Relay",
    "Slug",
    "Source",
    "SourceVersion",
    "Stance",
    "StatusStep",
    "Story",
    "Text",
    "Unanswered",
    "Update",
    "UpdateKind",
]

# --- the story ---------------------------------------------------------------------------------


class Story(Record):
    headline: Title = Field(description="The explainer's headline.")
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
    language: LanguageTag = Field(
        default="en",
        description=(
            "The language the explainer is written in, as a BCP 47 tag (default: en); a source "
            "or an excerpt in another says so, and may carry our translation."
        ),
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
    name: Title = Field(description="Name as readers should see it, with its proper accents.")
    kind: ActorKind = Field(
        strict=False,
        description="person, country, organisation, group, or anonymous (an unnamed speaker).",
    )
    role: Text = Field(description="Who they are in this story, in our own words.")
    aliases: list[Title] = Field(
        default_factory=list,
        description="Other spellings readers may type, e.g. the name without accents.",
    )
    affiliation: ActorRef | None = Field(
        default=None, description="Id of the actor this one speaks for or belongs to."
    )
    wikidata: WikidataId | None = Field(
        default=None,
        description="The Wikidata item of this player (Q and digits, e.g. Q1234), if known.",
    )
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


# --- facts -------------------------------------------------------------------------------------


class OtherDate(Record):
    """Another source's date for an event, where sources differ on it."""

    date: dt.date | Month = Field(
        description="The date this source gives: YYYY-MM-DD, or YYYY-MM for a month."
    )
    date_basis: DateBasis = Field(description="How it was read from this source, as an event's.")
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the excerpts that give this date."
    )


class Event(Record):
    id: Slug = Field(description="Id of the event, unique across all files.")
    date: Annotated[dt.date | Month, Happened()] = Field(
        description="When it happened: YYYY-MM-DD, or YYYY-MM when the source gives the month."
    )
    date_end: dt.date | None = Field(
        default=None,
        description=(
            "For an event over several days: its last day (YYYY-MM-DD); with date_qualifier "
            "between, the last day it may have happened."
        ),
    )
    date_qualifier: DateQualifier = Field(
        default=DateQualifier.EXACT,
        strict=False,
        description=(
            "How exact the date is, as the source says: exact; about; before or after (not on "
            "that day); on-or-before or on-or-after (that day or earlier, or later: a copy "
            "dated only by its publication); between (some day from date to date_end, both "
            "given)."
        ),
    )
    time: TimeOfDay | None = Field(
        default=None,
        description="The time of day, if the source gives it (needs utc_offset or time_zone).",
    )
    utc_offset: UtcOffset | None = Field(
        default=None, description="The offset from UTC of the local time given in time."
    )
    time_zone: TimeZone | None = time_zone_field()
    date_basis: DateBasis = Field(description="How the date was read or derived from the source.")
    other_dates: list[OtherDate] = Field(
        default_factory=list,
        description=(
            "Where sources differ on the date: each other source's date, with its basis and "
            "cites ('Friday' in one copy, 'Saturday' in another). date stays the one the "
            "editor chose; the page shows all, that one first, as 'Sources differ on the date'."
        ),
    )
    title: Title = Field(description="A short headline for the event, in our own words.")
    summary: Text = Field(description="What happened, in one or two sentences of our own words.")
    actors: list[ActorRef] = Field(default_factory=list, description="Ids of the players involved.")
    claimed_by: ActorRef | None = Field(
        default=None,
        description="If this is a reported claim rather than an established fact: who claims it.",
    )
    status: list[StatusStep] = status_field()
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )


class Quote(Record):
    id: Slug = Field(description="Id of the quote, unique across all files.")
    text: Text = Field(
        description=(
            "The words quoted, verbatim from the source. Words of ours inside it go in square "
            "brackets ('it was 30 [yards] long'): they are left out when the quote is checked "
            "against its excerpt, and shown as ours; '[…]' marks words left out."
        )
    )
    speaker: ActorRef = Field(
        description="Id of the actor who said it, as the source attributes it."
    )
    extent: Literal["whole", "partial"] = Field(
        description="whole: a full quoted sentence or passage; partial: a fragment of one."
    )
    said_on: Annotated[dt.date, Happened()] | None = Field(
        default=None, description="When it was said, if known."
    )
    said_on_basis: DateBasis | None = Field(
        default=None, description="How said_on was read or derived from the source."
    )
    said_where: Text | None = Field(
        default=None, description="Where or to whom it was said, if the source says."
    )
    context: Text | None = Field(
        default=None, description="What the quote is about, in our own words."
    )
    translation: Text | None = Field(
        default=None,
        description=(
            "For a quote in another language than the story's: our own translation, shown as "
            "ours under it and never checked against the source."
        ),
    )
    version_of: Annotated[Slug, RefTo("quote")] | None = Field(
        default=None,
        description=(
            "Id of another quote of the same statement as another source words it (two "
            "agencies' translations of one speech); the quotes page links the versions."
        ),
    )
    status: list[StatusStep] = status_field()
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that contain the quote verbatim."
    )


# --- updates and corrections -------------------------------------------------------------------


class UpdateKind(StrEnum):
    UPDATE = "update"
    DEVELOPMENT = "development"
    CORRECTION = "correction"


class Update(Record):
    id: Slug = Field(description="Id of the update, unique across all files.")
    date: Annotated[dt.date, Happened()] = Field(
        description="When the explainer changed (YYYY-MM-DD)."
    )
    time: TimeOfDay | None = Field(
        default=None,
        description="The time of day it changed, if given (needs utc_offset or time_zone).",
    )
    utc_offset: UtcOffset | None = Field(
        default=None, description="The offset from UTC of the local time given in time."
    )
    time_zone: TimeZone | None = time_zone_field()
    kind: UpdateKind = Field(
        strict=False,
        description=(
            "update: the explainer changed or grew; development: the story moved (a new "
            "figure, a claim disputed or denied) and the explainer follows it; correction: "
            "something the explainer said was wrong and was put right (corrected facts show a "
            "marker that links here)."
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
    removed: list[Slug] = Field(
        default_factory=list,
        description=(
            "Ids of the facts it took out of the explainer (they name no record any more); "
            "a published fact removed without an update naming it is a warning."
        ),
    )
