"""A story's sources as they really come: with or without a headline or a stated date,
published by an agency and found at another outlet, archived as plain text.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from generator.schema.basemodel import Record, Slug, Text, Title

__all__ = ["ARCHIVE_PATTERN", "Excerpt", "PublishedBasis", "Source"]


class Excerpt(Record):
    id: Slug = Field(description="Id of the excerpt, unique across all files; facts cite it.")
    text: Text = Field(
        description="A short passage copied verbatim from the source that supports facts."
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


class Source(Record):
    id: Slug = Field(description="Id of the source, unique across all files.")
    headline: Title | None = Field(
        default=None,
        description="The source's headline, as it gives it; left out when the copy has none.",
    )
    published: dt.date | None = Field(
        default=None,
        description="The date the source was published (YYYY-MM-DD), if known; never guessed.",
    )
    published_basis: PublishedBasis | None = Field(
        default=None, description="How the publication date is known (default: stated)."
    )
    publisher: Title | None = Field(
        default=None,
        description=(
            "Who published it (for agency copy, the agency), only if the source names it; "
            "never guessed."
        ),
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
    excerpts: list[Excerpt] = Field(
        min_length=1, description="The passages of the source that the facts cite."
    )
