"""A story's sources as they really come: with or without a headline or a stated date,
published by an agency and found at another outlet (its copy counted once for independence),
a publisher known from the copy, from its address or by inference, a page that changed under one
address (its versions, each with what it showed and when), archived as plain text.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.schema import meanings
from generator.schema.annotations import RefTo
from generator.schema.basemodel import Record, Slug, Text, Title
from generator.schema.datemodel import DateQualifier, Month
from generator.schema.languages import LanguageTag

__all__ = [
    "ARCHIVE_PATTERN",
    "Excerpt",
    "PublishedBasis",
    "PublisherBasis",
    "PublisherRule",
    "Source",
    "SourceVersion",
]


class Excerpt(Record):
    id: Slug = Field(description="Id of the excerpt, unique across all files; facts cite it.")
    text: Text = Field(
        description="A short passage copied verbatim from the source that supports facts."
    )
    language: LanguageTag | None = Field(
        default=None,
        description=(
            "The language of the passage as a BCP 47 tag ('ar', 'pt-BR'), if not its "
            "source's; the pages mark it, and lay it out right to left where it is written so."
        ),
    )
    translation: Text | None = Field(
        default=None,
        description=(
            "For a passage in another language than the story's: our own translation into the "
            "story's language, shown as ours under it and never checked against the source."
        ),
    )
    version: Annotated[Slug, RefTo("version")] | None = Field(
        default=None,
        description=(
            "Id of the version of its source the passage comes from, for a page that changed "
            "(default: the source as archived in its own archive)."
        ),
    )


_SEGMENT = r"[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*"
ARCHIVE_PATTERN = rf"^{_SEGMENT}(/{_SEGMENT})*$"
ArchivePath = Annotated[str, StringConstraints(pattern=ARCHIVE_PATTERN)]
"""A relative path that cannot climb out of the project: no '..', no leading '/'."""


class PublishedBasis(Record):
    """How the source's publication date is known."""

    rule: Literal["stated", "inferred"] = Field(
        description="stated: the copy gives its date; inferred: the editor worked it out."
    )
    reason: Text | None = Field(
        default=None, description="For inferred: how, in our own words (shown to readers)."
    )


class PublisherRule(StrEnum):
    STATED = "stated"
    ADDRESS = "address"
    INFERRED = "inferred"


meanings.declare(
    PublisherRule,
    {
        PublisherRule.STATED: (
            "the copy names it (a byline, a credit, a dateline)",
            ("named", "credited", "byline", "dateline", "given"),
        ),
        PublisherRule.ADDRESS: (
            "read from the source's address (its url)",
            ("url", "domain", "host", "website", "site", "link"),
        ),
        PublisherRule.INFERRED: (
            "the editor worked it out, see reason (shown to readers)",
            ("guessed", "deduced", "assumed", "reasoned", "editor"),
        ),
    },
)


class PublisherBasis(Record):
    """How the source's publisher is known."""

    rule: PublisherRule = Field(strict=False, description=f"{meanings.described(PublisherRule)}.")
    reason: Text | None = Field(
        default=None,
        description=(
            "For inferred: how, in our own words (shown to readers), e.g. 'word for word the "
            "AP's story that ksltv.com credits to it'."
        ),
    )


class SourceVersion(Record):
    """One version of a source whose page changed under one address: what it showed, and when."""

    id: Slug = Field(description="Id of the version, unique across all files; excerpts name it.")
    date: dt.date = Field(
        description=(
            "When this version was seen (YYYY-MM-DD): the day it was retrieved, or the date or "
            "time stamp it bears."
        )
    )
    showed: Text = Field(
        description=(
            "What this version showed, in our own words, e.g. 'the headline still gives 149 "
            "dead; the text gives 248'."
        )
    )
    headline: Title | None = Field(
        default=None,
        description="The headline this version showed, as it gave it, if it had one.",
    )
    archive: ArchivePath | None = Field(
        default=None,
        description=(
            "Path of this version's archived plain-text copy, relative to the project "
            "(default for explainer verify --all: archive/<version id>.txt)."
        ),
    )


class Source(Record):
    id: Slug = Field(description="Id of the source, unique across all files.")
    headline: Title | None = Field(
        default=None,
        description="The source's headline, as it gives it; left out when the copy has none.",
    )
    language: LanguageTag | None = Field(
        default=None,
        description=(
            "The language the source is written in, as a BCP 47 tag ('ar', 'pt-BR'), if not "
            "the story's; its excerpts are in it unless they say otherwise."
        ),
    )
    published: dt.date | Month | None = Field(
        default=None,
        description=(
            "The date the source was published (YYYY-MM-DD), or its month (YYYY-MM) when "
            "that is all the copy gives (an address with 2023/09), if known; never guessed."
        ),
    )
    published_qualifier: DateQualifier = Field(
        default=DateQualifier.EXACT,
        strict=False,
        description=(
            "How exact published is: exact; on-or-after or on-or-before for an undated copy "
            "first seen, or last seen undated, on that day (also before, after, about); "
            "between, some day from published to published_end. A date derived from a "
            "publication that is not one exact day says so, or cannot be derived."
        ),
    )
    published_end: dt.date | None = Field(
        default=None,
        description="With published_qualifier between: the last day it may have been published.",
    )
    published_basis: PublishedBasis | None = Field(
        default=None, description="How the publication date is known (default: stated)."
    )
    publisher: Title | None = Field(
        default=None,
        description=(
            "Who published it (for agency copy, the agency: shown as 'AP copy, at ...' with "
            "found_at, and copies from one publisher count once for independence); never "
            "guessed: publisher_basis says how it is known."
        ),
    )
    publisher_basis: PublisherBasis | None = Field(
        default=None,
        description="How the publisher is known (default: stated, the copy names it).",
    )
    found_at: Title | None = Field(
        default=None,
        description="The outlet where this copy was found, when someone else published it.",
    )
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")] | None = Field(
        default=None, description="The source's http(s) address, only if known; never invented."
    )
    retrieved: dt.date | None = Field(
        default=None, description="When our copy was retrieved (YYYY-MM-DD)."
    )
    archive: ArchivePath | None = Field(
        default=None,
        description=(
            "Path of the archived plain-text copy, relative to the project "
            "(default for explainer verify --all: archive/<id>.txt)."
        ),
    )
    versions: list[SourceVersion] = Field(
        default_factory=list,
        description=(
            "For a page that changed under one address: its other versions, oldest first, "
            "each with what it showed and when (an excerpt names the version it comes from)."
        ),
    )
    excerpts: list[Excerpt] = Field(
        min_length=1, description="The passages of the source that the facts cite."
    )
