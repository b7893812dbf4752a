"""A toy record kind, declared here and nowhere else: places, referenced from events.

Importing this module registers the kind (and gives events a ``place`` field); the test runs
the real ``explainer`` and ``mkdocs`` commands through ``run_with_toy_kind.py``, which imports
it first.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from generator.schema import kinds
from generator.schema.annotations import Happened, RefTo
from generator.schema.model import Event, ExcerptRef, Record, Slug, Text


class Place(Record):
    """A place where something in the story happened."""

    id: Slug = Field(description="Id of the place, unique across all files.")
    name: Text = Field(description="The place's name.")
    country: Text | None = Field(default=None, description="The country it is in.")
    named_on: Annotated[dt.date, Happened()] | None = Field(
        default=None, description="When the story first named it: a development of the story."
    )
    cites: list[ExcerptRef] = Field(min_length=1, description="Ids of the excerpts it rests on.")


class PlacedEvent(Event):
    place: Annotated[Slug, RefTo("place")] | None = Field(
        default=None, description="Id of the place where it happened."
    )


kinds.register(
    kinds.Kind(
        "place",
        Place,
        "The places where things happened.",
        file="places",
        page="places.md",
        anchor="place",
        title="Places",
        label="name",
        fact=True,
    )
)
kinds.replace_kind("event", model=PlacedEvent)
