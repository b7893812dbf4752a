"""The building blocks every record model shares: ids, text, references, the strict base.

A field that names another record is typed as a reference (``speaker: ActorRef``): the checker
finds every such field (nested records and lists included) and checks it; nothing else needs to
know which field refers to what.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from generator.schema.annotations import RefTo

__all__ = [
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "ActorRef",
    "ExcerptRef",
    "FactRef",
    "QuestionRef",
    "Record",
    "Slug",
    "Text",
]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="An id: lower-case letters, digits and hyphens; never a path."),
]
TEXT_PATTERN = r"\S"
"""Text needs one character that is not a space: a blank name would be an empty link."""

Text = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN, strip_whitespace=False)]

ActorRef = Annotated[Slug, RefTo("actor")]
QuestionRef = Annotated[Slug, RefTo("question")]
ExcerptRef = Annotated[Slug, RefTo("excerpt")]
FactRef = Annotated[Slug, RefTo("fact")]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, types are strict (no YAML coercion)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
