"""A reported claim's life, step by step: reported, disputed, denied, confirmed, retracted,
contradicted by a later account, or disowned by whoever it is attributed to.

Events, positions, quotes and figure reports may carry ``status``, a list of these steps, oldest
first; the last one is what readers see first wherever the claim appears. Two steps say less
than they seem to and are worded for readers with care (:mod:`generator.pages.wording`):
*contradicted* is a later account that conflicts with the claim without denying it (the step
cites that account and says how it conflicts), and *attribution-denied* is the one the claim or
number is attributed to denying that it came from them ("the aid group denies having given the
number"), which is not a denial that it is true.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field

from generator.schema import meanings
from generator.schema.annotations import Happened
from generator.schema.basemodel import ActorRef, ExcerptRef, Record, Text
from generator.schema.datemodel import DateBasis

__all__ = ["CONTESTED", "ClaimStatus", "StatusStep", "contested", "status_field"]


class ClaimStatus(StrEnum):
    REPORTED = "reported"
    DISPUTED = "disputed"
    DENIED = "denied"
    CONFIRMED = "confirmed"
    RETRACTED = "retracted"
    CONTRADICTED = "contradicted"
    ATTRIBUTION_DENIED = "attribution-denied"


meanings.declare(
    ClaimStatus,
    {
        ClaimStatus.REPORTED: (
            "the claim is made",
            ("claimed", "alleged", "asserted", "said", "stated", "made", "new"),
        ),
        ClaimStatus.DISPUTED: (
            "someone questions it",
            ("contested", "questioned", "doubted", "challenged", "unverified", "unconfirmed"),
        ),
        ClaimStatus.DENIED: (
            "someone says it is false",
            ("deny", "denies", "rejected", "refuted", "false", "dismissed", "rebutted"),
        ),
        ClaimStatus.CONFIRMED: (
            "someone with the standing to know says it is true",
            ("confirm", "verified", "corroborated", "true", "established", "proven", "affirmed"),
        ),
        ClaimStatus.RETRACTED: (
            "whoever made it withdraws it",
            ("withdrawn", "withdrew", "recanted", "revoked", "rescinded", "walked-back"),
        ),
        ClaimStatus.CONTRADICTED: (
            "a later account conflicts with it without denying it",
            (
                "contradict",
                "contradicts",
                "contradiction",
                "conflicting",
                "conflicts",
                "inconsistent",
                "at-odds",
                "superseded",
            ),
        ),
        ClaimStatus.ATTRIBUTION_DENIED: (
            "whoever it is attributed to denies it came from them",
            (
                "misattributed",
                "disowned",
                "unattributed",
                "denied-attribution",
                "attribution-disputed",
                "source-denied",
                "not-given",
            ),
        ),
    },
)


CONTESTED = frozenset(
    {
        ClaimStatus.DISPUTED,
        ClaimStatus.DENIED,
        ClaimStatus.RETRACTED,
        ClaimStatus.CONTRADICTED,
        ClaimStatus.ATTRIBUTION_DENIED,
    }
)
"""Statuses under which a claim must never read as plain fact (one whose attribution is denied
no longer has a known source), nor a figure's report count as one that stands: it is left out
of headlines, spreads and "latest" lines."""


class StatusStep(Record):
    """One step in the life of a reported claim: who said what about it, when."""

    status: ClaimStatus = Field(
        strict=False,
        description=(
            f"{meanings.described(ClaimStatus)}. A contradicted step cites the account that "
            "conflicts and says how in its summary; attribution-denied is not a denial that the "
            "claim is true."
        ),
    )
    date: Annotated[dt.date, Happened()] = Field(
        description="When this step happened (YYYY-MM-DD)."
    )
    date_basis: DateBasis | None = Field(
        default=None,
        description=(
            "How the date was read from the step's first cited excerpt, as an event's "
            "date_basis (without it, the source states the date)."
        ),
    )
    by: list[ActorRef] = Field(
        default_factory=list,
        description=(
            "Ids of the actors who took this step (who disputes, denies, confirms, retracts; "
            "for attribution-denied, who denies being its source; for contradicted, whose "
            "account conflicts, if it is someone's)."
        ),
    )
    summary: Text | None = Field(
        default=None,
        description=(
            "What was said, in our own words (for contradicted: how the accounts conflict)."
        ),
    )
    cites: list[ExcerptRef] = Field(
        min_length=1,
        description=(
            "Ids of the source excerpts that report this step (for contradicted: the account "
            "that conflicts)."
        ),
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
    """Whether a record's current status (its last step) is one of :data:`CONTESTED`."""
    steps = getattr(record, "status", None) or []
    return bool(steps) and steps[-1].status in CONTESTED
