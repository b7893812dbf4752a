"""A figure of the story as a series of reports, each said the way its source said it.

A :class:`Figure` is one quantity ("people killed"), with a short ``label`` for links and lists
and ``counts``, its explanation. Each :class:`FigureReport` is what one source said the number
was, and when: its value or range and qualifier ("nearly 4,000" is not "about 4,000"), who gave
it (one reporter or several at once) and who passed it on (``via``, each link with its own
citation), what kind of count it is (registered, recovered, identified, an estimate, ...), the
area it covers, and, for a number the source implies without stating it, how we worked it out
(``derived``: always shown to readers as our reading). The cross-file rules these fields obey
are :mod:`generator.read.developing`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.schema.annotations import Happened, RefTo
from generator.schema.basemodel import ActorRef, ExcerptRef, Record, Slug, Text, Title
from generator.schema.claimmodel import StatusStep, status_field
from generator.schema.datemodel import (
    DateBasis,
    DateQualifier,
    TimeOfDay,
    TimeZone,
    UtcOffset,
    time_zone_field,
)

__all__ = [
    "LABEL_MAX",
    "NUMBER_MAX",
    "CountType",
    "Derivation",
    "Figure",
    "FigureReport",
    "HeadlineRule",
    "Qualifier",
    "Relay",
]

NUMBER_MAX = 10**15
"""A figure's numbers lie within this of zero: every whole number up to it is exact as a
floating-point number (JavaScript, JSON readers, the charts), and a larger quantity reads better
in a larger unit (1.3 with unit 'quadrillion yen'). Beyond about 10^308 the charts' arithmetic
overflowed."""


def _in_range(value: int | float) -> int | float:
    if not -NUMBER_MAX <= value <= NUMBER_MAX:
        raise PydanticCustomError("number_range", "out of range", {"limit": NUMBER_MAX})
    return value


Number = Annotated[
    int | float,
    Field(allow_inf_nan=False),  # .nan would read "nan people"
    AfterValidator(_in_range),
    # JSON's "number" holds integers too: one type with its range, for editors' tools
    WithJsonSchema({"type": "number", "minimum": -NUMBER_MAX, "maximum": NUMBER_MAX}),
]
ReportRef = Annotated[Slug, RefTo("report")]

LABEL_MAX = 80
"""A figure's label is link text: a few words, never a paragraph (shorter than any other title,
whose limit is :data:`~generator.schema.basemodel.TITLE_MAX`)."""


class Qualifier(StrEnum):
    """How a source gives a number."""

    EXACT = "exact"
    AT_LEAST = "at-least"
    MORE_THAN = "more-than"
    ABOUT = "about"
    UP_TO = "up-to"
    FEWER_THAN = "fewer-than"
    NEARLY = "nearly"
    ALMOST = "almost"


class CountType(StrEnum):
    """What kind of count a number is: the same toll means different things as each."""

    CONFIRMED = "confirmed"
    REGISTERED = "registered"
    RECOVERED = "recovered"
    IDENTIFIED = "identified"
    ESTIMATE = "estimate"
    PROJECTION = "projection"
    OTHER = "other"


class Relay(Record):
    """One link of a relayed number: who passed it on, and the passage that shows it."""

    by: ActorRef = Field(description="Id of the actor who passed the number on.")
    cites: list[ExcerptRef] = Field(
        min_length=1,
        description="Ids of the source excerpts that show this actor passing the number on.",
    )


class Derivation(Record):
    """How we worked out a number the source implies but does not state."""

    how: Text = Field(
        description=(
            "How the number follows from the source, in our own words ('all but four of the 25 "
            "on board'); always shown to readers as our reading."
        )
    )
    reports: list[ReportRef] = Field(
        default_factory=list,
        description=(
            "Ids of the reports of the same figure it is worked out from ('a reduction of two' "
            "from an earlier 225), if any."
        ),
    )


class FigureReport(Record):
    """One report of a figure: what one source said the number was, and when."""

    id: Slug = Field(description="Id of the report, unique across all files.")
    value: Number | None = Field(default=None, description="The number, as the source gives it.")
    low: Number | None = Field(default=None, description="For a range: its low end.")
    high: Number | None = Field(default=None, description="For a range: its high end.")
    qualifier: Qualifier = Field(
        default=Qualifier.EXACT,
        strict=False,
        description=(
            "exact, at-least, more-than, about, up-to, fewer-than, nearly or almost, as the "
            "source says ('nearly 4,000' is below 4,000; 'about 4,000' may be either side)."
        ),
    )
    as_of: Annotated[dt.date, Happened(else_first_source=True)] | None = Field(
        default=None,
        description="The day the number held (default: the publication of its first source).",
    )
    as_of_qualifier: DateQualifier = Field(
        default=DateQualifier.EXACT,
        strict=False,
        description=(
            "How exact as_of is, as the source says: exact; about; on-or-before or on-or-after "
            "(that day included), before or after; between, some day from as_of to as_of_end."
        ),
    )
    as_of_end: dt.date | None = Field(
        default=None,
        description="With as_of_qualifier between: the last day the number may have held.",
    )
    as_of_basis: DateBasis | None = Field(
        default=None,
        description=(
            "How as_of was read from the report's first cited excerpt, as an event's "
            "date_basis (without it, the source states the date)."
        ),
    )
    time: TimeOfDay | None = Field(
        default=None,
        description="The time of day it was given, if known (needs utc_offset or time_zone).",
    )
    utc_offset: UtcOffset | None = Field(
        default=None, description="The offset from UTC of the local time given in time."
    )
    time_zone: TimeZone | None = time_zone_field()
    reported_by: list[ActorRef] = Field(
        default_factory=list,
        description=(
            "Ids of the actors who gave the number, as the source attributes it: one, or "
            "several who gave it together ('the fire chief and the president's office')."
        ),
    )
    via: list[Relay] = Field(
        default_factory=list,
        description=(
            "Who passed the number on, from the first to the last before our source (an aid "
            "group's number published by a UN office): each with by and cites."
        ),
    )
    count_type: CountType | None = Field(
        default=None,
        strict=False,
        description=(
            "What kind of count it is, as the source says: confirmed, registered (recorded by "
            "a ministry or hospitals), recovered (bodies recovered), identified (the identified "
            "dead only), estimate, projection, or other (say which in count_other)."
        ),
    )
    count_other: Text | None = Field(
        default=None,
        description="For count_type other: what kind of count it is, in a few words.",
    )
    scope: Text | None = Field(
        default=None,
        description=(
            "The area or group the number covers, as the source says ('Derna', 'the whole of "
            "eastern Libya'), when it is not the whole story's."
        ),
    )
    derived: Derivation | None = Field(
        default=None,
        description=(
            "For a number the source implies but does not state: how we worked it out, and "
            "from which reports. Readers always see it marked as our reading."
        ),
    )
    status: list[StatusStep] = status_field()
    cites: list[ExcerptRef] = Field(
        min_length=1, description="Ids of the source excerpts that give the number."
    )


class HeadlineRule(StrEnum):
    LATEST = "latest"
    MOST_CONSERVATIVE = "most-conservative"
    EDITOR = "editor"


class Figure(Record):
    """A quantity of the story ("people killed"), as a series of reports."""

    id: Slug = Field(description="Id of the figure, unique across all files.")
    label: Annotated[Title, StringConstraints(max_length=LABEL_MAX)] = Field(
        description=(
            "A few words that name the number, shown where it is linked or listed ('Deaths', "
            f"'People missing'); at most {LABEL_MAX} characters. The explanation goes in counts."
        )
    )
    unit: Title = Field(description="What the number is measured in, e.g. 'people' or 'years'.")
    unit_one: Title | None = Field(
        default=None,
        description="The unit for exactly one, e.g. 'person' or 'year' (default: unit).",
    )
    counts: Text = Field(
        description=(
            "What the number counts, in our own words: the explanation shown under the number "
            "on the figures page."
        )
    )
    headline_rule: HeadlineRule = Field(
        default=HeadlineRule.LATEST,
        strict=False,
        description=(
            "How the number shown first is chosen among the reports that stand (not disputed, "
            "denied or retracted): latest (the most recent), most-conservative (the lowest of "
            "the latest day's reports, one per reporter, as ACLED does), or editor "
            "(headline_report, with headline_reason)."
        ),
    )
    headline_report: ReportRef | None = Field(
        default=None, description="For headline_rule editor: the id of the report shown first."
    )
    headline_reason: Text | None = Field(
        default=None, description="For headline_rule editor: why that report, shown to readers."
    )
    reports: list[FigureReport] = Field(
        min_length=1, description="Every report of the number, in any order."
    )

    @property
    def cites(self) -> list[str]:
        """The excerpts its reports cite (and the links of their relays), in order, each once."""
        return list(
            dict.fromkeys(
                cite
                for report in self.reports
                for cite in (*report.cites, *(c for link in report.via for c in link.cites))
            )
        )
