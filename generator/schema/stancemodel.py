"""Open questions and where each player stands on them, over time.

A question is a question of policy (what should be done: a position is a stance, supports,
opposes, conditional or unclear) or of fact (what is so: a position is an answer, worded "says
yes", "says no" or "unclear"); one that no player has answered can say so, with what shows it.
A position may carry the date the player took it (a day or a month, with its basis, as an
event's date): of a player's positions on one question, the latest is the one shown first.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from generator.schema import meanings
from generator.schema.basemodel import (
    ActorRef,
    ExcerptRef,
    QuestionRef,
    Record,
    Slug,
    Text,
    Title,
)
from generator.schema.claimmodel import StatusStep, status_field
from generator.schema.datemodel import DateBasis, Month

__all__ = ["Position", "Question", "QuestionKind", "Stance", "Unanswered"]


class QuestionKind(StrEnum):
    POLICY = "policy"
    FACTUAL = "factual"


meanings.declare(
    QuestionKind,
    {
        QuestionKind.POLICY: (
            "what should be done; positions read as stances (supports, opposes, conditional, "
            "unclear)",
            ("should", "stance", "stances", "opinion", "normative", "policy-question"),
        ),
        QuestionKind.FACTUAL: (
            "what is so; positions read as answers (supports: says yes, opposes: says no, unclear)",
            ("fact", "facts", "yes-no", "yes/no", "empirical", "factual-question", "question"),
        ),
    },
)


class Unanswered(Record):
    """An open question that no player has answered yet, and what shows it."""

    as_of: dt.date = Field(
        description=(
            "The day up to which no answer is known (YYYY-MM-DD): the publication of the "
            "latest source read."
        )
    )
    summary: Text = Field(
        description="What the sources say instead of an answer, in our own words."
    )
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that show it unanswered."
    )


class Question(Record):
    id: Slug = Field(description="Id of the open question, unique across all files.")
    question: Title = Field(description="The open question, phrased as a question.")
    short: Title = Field(description="A column heading of two or three words for the matrix.")
    summary: Text = Field(description="Why it matters, in our own words.")
    kind: QuestionKind = Field(
        default=QuestionKind.POLICY,
        strict=False,
        description=f"{meanings.described(QuestionKind)} (default: policy).",
    )
    unanswered: Unanswered | None = Field(
        default=None,
        description=(
            "For a question no player has answered: since when, what the sources say instead, "
            "and the excerpts that show it. It then has no column of 'no stated position' in "
            "the matrix, and no position may answer it."
        ),
    )


class Stance(StrEnum):
    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"
    UNCLEAR = "unclear"


meanings.declare(
    Stance,
    {
        Stance.SUPPORTS: (
            "for it (on a factual question: says yes)",
            ("yes", "for", "agrees", "agree", "backs", "favours", "favors", "in-favour", "pro"),
        ),
        Stance.OPPOSES: (
            "against it (on a factual question: says no)",
            ("no", "against", "rejects", "disagrees", "disagree", "anti", "oppose", "opposed"),
        ),
        Stance.CONDITIONAL: (
            "for it on conditions (a policy question only)",
            ("depends", "conditions", "if", "qualified", "partly", "partial"),
        ),
        Stance.UNCLEAR: (
            "no clear stance or answer",
            ("unknown", "unsure", "maybe", "undecided", "ambiguous", "neutral", "unstated"),
        ),
    },
)


class Position(Record):
    id: Slug = Field(description="Id of the position, unique across all files.")
    actor: ActorRef = Field(description="Id of the player whose position this is.")
    question: QuestionRef = Field(description="Id of the open question it answers.")
    stance: Stance = Field(strict=False, description=f"{meanings.described(Stance)}.")
    summary: Text = Field(description="The position in one sentence of our own words.")
    date: dt.date | Month | None = Field(
        default=None,
        description=(
            "When the player took this position: YYYY-MM-DD, or YYYY-MM when the source gives "
            "the month (needs date_basis). Of a player's positions on one question, the latest "
            "is shown first and the earlier ones below it, each with its date."
        ),
    )
    date_basis: DateBasis | None = Field(
        default=None, description="How the date was read or derived from the source."
    )
    claimed_by: ActorRef | None = Field(
        default=None,
        description="If the position is only reported by someone else: who reports it.",
    )
    status: list[StatusStep] = status_field()
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that support this record."
    )
