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
    "TEXT_MAX",
    "TEXT_PATTERN",
    "TITLE_MAX",
    "ActorRef",
    "ExcerptRef",
    "FactRef",
    "QuestionRef",
    "Record",
    "Slug",
    "Text",
    "Title",
]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="An id: lower-case letters, digits and hyphens; never a path."),
]
TEXT_PATTERN = r"\S"
"""Text needs one character that is not a space: a blank name would be an empty link."""

TEXT_MAX = 4_000
"""The most characters of a text (a summary, an excerpt, a quote): ten times the longest of the
two real stories (418). The pages' Markdown does work that grows with the square of a
paragraph's length when it is full of escaped characters (150,000 of them in one title held a
build for minutes); at this length it is a few hundredths of a second."""
TITLE_MAX = 300
"""The most characters of a title or a name (a headline, an event's title, a player's name, a
unit): shown in headings, links, labels and share images; the longest real one has 93."""

Text = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=TEXT_MAX, pattern=TEXT_PATTERN, strip_whitespace=False
    ),
]
Title = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=TITLE_MAX, pattern=TEXT_PATTERN, strip_whitespace=False
    ),
]
"""A text that names or heads something: at most :data:`TITLE_MAX` characters."""

ActorRef = Annotated[Slug, RefTo("actor")]
QuestionRef = Annotated[Slug, RefTo("question")]
ExcerptRef = Annotated[Slug, RefTo("excerpt")]
FactRef = Annotated[Slug, RefTo("fact")]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, types are strict (no YAML coercion)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
