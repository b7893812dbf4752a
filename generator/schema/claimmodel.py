"""A reported claim's life: reported, disputed, denied, confirmed, retracted, step by step.

Events, positions, quotes and figure reports may carry ``status``, a list of these steps, oldest
first; the last one is what readers see first wherever the claim appears.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field

from generator.schema.annotations import Happened
from generator.schema.basemodel import ActorRef, ExcerptRef, Record, Text

__all__ = ["CONTESTED", "ClaimStatus", "StatusStep", "contested", "status_field"]


class ClaimStatus(StrEnum):
    REPORTED = "reported"
    DISPUTED = "disputed"
    DENIED = "denied"
    CONFIRMED = "confirmed"
    RETRACTED = "retracted"


CONTESTED = frozenset({ClaimStatus.DISPUTED, ClaimStatus.DENIED, ClaimStatus.RETRACTED})
"""Statuses under which a claim must never read as plain fact (nor a figure's report count as
one that stands: it is left out of headlines, spreads and "latest" lines)."""


class StatusStep(Record):
    """One step in the life of a reported claim: who said what about it, when."""

    status: ClaimStatus = Field(
        strict=False,
        description=(
            "reported: the claim is made; disputed: someone questions it; denied: someone says "
            "it is false; confirmed: someone with the standing to know says it is true; "
            "retracted: whoever made it withdraws it."
        ),
    )
    date: Annotated[dt.date, Happened()] = Field(
        description="When this step happened (YYYY-MM-DD)."
    )
    by: list[ActorRef] = Field(
        default_factory=list,
        description="Ids of the actors who took this step (who disputes, denies, confirms).",
    )
    summary: Text | None = Field(default=None, description="What was said, in our own words.")
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that report this step."
    )


def status_field() -> Any:
    """The ``status`` field of every record that can be a reported claim."""
    return Field(
        default_factory=list,
        description=(
            "For a reported claim: the history of its status, oldest first. Its last step is "
            "what readers see first wherever the claim appears."
        ),
    )


def contested(record: object) -> bool:
    """Whether a record's current status (its last step) is disputed, denied or retracted."""
    steps = getattr(record, "status", None) or []
    return bool(steps) and steps[-1].status in CONTESTED
