"""Dates as a developing story gives them: a day or a month, exact or approximate, before or
after, a range, a time of day with its UTC offset, its zone's name or as local time, and the
basis on which each was read.

The models here are fields of the records in :mod:`generator.schema.model`; :func:`start` and
:func:`sort_key` order records by them, and :mod:`generator.pages.wording` words them for readers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.schema.annotations import RefTo
from generator.schema.basemodel import Record, Slug, Text
from generator.schema.safedates import add_days

__all__ = [
    "LOCAL",
    "DateBasis",
    "DateQualifier",
    "DateRule",
    "Month",
    "TimeOfDay",
    "TimeZone",
    "UtcOffset",
    "Weekday",
    "bounds",
    "day_minutes",
    "exact_day",
    "offset_of",
    "start",
    "time_zone_field",
    "utc_minutes",
]

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
Month = Annotated[
    str,
    StringConstraints(pattern=MONTH_PATTERN),
    Field(description="A month, YYYY-MM, for a date the source gives only to the month."),
]
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
TimeOfDay = Annotated[
    str,
    StringConstraints(pattern=TIME_PATTERN),
    Field(description="A time of day, HH:MM on a 24-hour clock, local to the place."),
]
OFFSET_PATTERN = r"^[+-](0\d|1[0-4]):[0-5]\d$"
UtcOffset = Annotated[
    str,
    StringConstraints(pattern=OFFSET_PATTERN),
    Field(description="The local time's offset from UTC, +HH:MM or -HH:MM (e.g. -04:00)."),
]

LOCAL = "local"
"""A time zone that the source does not give: the time is shown as local time, ordered within
its day as it reads, and never converted."""
ZONE_PATTERN = r"^(local|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*)$"


def _zone(value: str) -> str:
    if value == LOCAL:
        return value
    if re.fullmatch(ZONE_PATTERN, value) and value.lower() != "localtime":
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return value
    raise PydanticCustomError(
        "time_zone",
        "'{value}' is not a time zone: write a zone's name as the tz database spells it (e.g. "
        "America/New_York, Europe/Kyiv), or local when the source does not give the zone",
        {"value": value},
    )


TimeZone = Annotated[
    str,
    AfterValidator(_zone),
    Field(
        json_schema_extra={"pattern": ZONE_PATTERN},
        description=(
            "The zone of the time: a zone's name as the tz database spells it (e.g. "
            "America/New_York; its offset on that day is worked out), or local when the source "
            "gives no zone (shown as local time, never converted)."
        ),
    ),
]


def time_zone_field() -> Any:
    """The ``time_zone`` field beside a ``time`` and its ``utc_offset`` (events, figure reports,
    updates)."""
    return Field(
        default=None,
        description=(
            "Instead of utc_offset: the zone of the local time given in time, by its name "
            "(America/New_York: the offset on that day is worked out), or local when the source "
            "does not give the zone (shown as local time, ordered within its day, never "
            "converted)."
        ),
    )


class DateRule(StrEnum):
    """How a date was obtained from the source."""

    STATED = "stated"
    DAY_MONTH = "day-month"
    WEEKDAY = "weekday"
    CAPTION = "caption"
    PUBLICATION = "publication"
    RELATIVE = "relative"
    FROM_EVENT = "from-event"
    INFERRED = "inferred"


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class DateQualifier(StrEnum):
    """How exact a date is: 'before' and 'after' leave the day out, 'on or before' and 'on or
    after' take it in; 'between' runs to the record's last possible day (``date_end``)."""

    EXACT = "exact"
    ABOUT = "about"
    BEFORE = "before"
    AFTER = "after"
    ON_OR_BEFORE = "on-or-before"
    ON_OR_AFTER = "on-or-after"
    BETWEEN = "between"


class DateBasis(Record):
    """The rule by which a record's date was read or derived from its source."""

    rule: DateRule = Field(
        strict=False,  # strict enums accept only Enum instances, never the YAML string
        description=(
            "stated: the source gives the full date in its text; day-month: it gives day and "
            "month, the year is the publication's; weekday: it gives only a weekday, resolved "
            "against the source's publication date; caption: a photo caption gives the date; "
            "publication: the event is the source's own publication; relative: the source "
            "counts from its own date ('the day before', 'a week ago'), see days; from-event: "
            "it counts from another event ('72 hours before the flooding'), see event and "
            "days; inferred: the editor worked it out, see reason (always shown to readers as "
            "inferred)."
        ),
    )
    words: Text = Field(
        description=(
            "The source's own words that give the date, e.g. 'on Thursday' or 'Nov. 13'. An "
            "event from one day to the next (date_end) whose words say 'overnight' or 'night' "
            "reads 'overnight, 10 to 11 September 2023'."
        )
    )
    weekday: Weekday | None = Field(
        default=None,
        strict=False,
        description="For rule weekday: the weekday the source names.",
    )
    direction: Literal["previous", "same", "next"] | None = Field(
        default=None,
        description=(
            "For rule weekday: whether the named weekday is the closest one before the "
            "publication date, the publication date itself, or the closest one after it."
        ),
    )
    days: int | None = Field(
        default=None,
        description=(
            "For rule relative: days from the source's publication date to the date "
            "(-1 for 'the day before', -7 for 'a week ago'); for rule from-event: days from "
            "that event's date (-3 for '72 hours before')."
        ),
    )
    event: Annotated[Slug, RefTo("event")] | None = Field(
        default=None,
        description="For rule from-event: the id of the event the source counts from.",
    )
    reason: Text | None = Field(
        default=None,
        description="For rule inferred: how the editor worked the date out, in our own words.",
    )


def bounds(
    value: dt.date | str | None,
    qualifier: DateQualifier = DateQualifier.EXACT,
    end: dt.date | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    """The first and the last day a date may mean (None: no bound on that side): a day, a
    month (YYYY-MM: its first and last day), a bound (on or after: from the day on; before: up
    to the day before) or between (``value`` to ``end``); about bounds nothing."""
    if value is None or qualifier is DateQualifier.ABOUT:
        return None, None
    first = start(value)
    if isinstance(value, dt.date):
        last = value
    else:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return {
        DateQualifier.EXACT: (first, last),
        DateQualifier.BEFORE: (None, add_days(first, -1)),
        DateQualifier.ON_OR_BEFORE: (None, last),
        DateQualifier.AFTER: (add_days(last, 1), None),
        DateQualifier.ON_OR_AFTER: (first, None),
        DateQualifier.BETWEEN: (first, end if end is not None else last),
    }[qualifier]


def exact_day(value: dt.date | str | None, qualifier: DateQualifier) -> dt.date | None:
    """The day a date names, if it names one exactly (not a month, not a bound)."""
    if isinstance(value, dt.date) and qualifier is DateQualifier.EXACT:
        return value
    return None


def start(value: dt.date | str) -> dt.date:
    """The first day a date may mean: the day itself, or the 1st of a month (YYYY-MM)."""
    if isinstance(value, dt.date):
        return value
    year, month = value.split("-")
    return dt.date(int(year), int(month), 1)


def sort_key(record: object) -> tuple[dt.date, int]:
    """Time order of a record with a ``date`` (a day or a month) and maybe a ``time`` with its
    zone: by day, then a day's untimed records first, then by :func:`day_minutes`."""
    day = start(getattr(record, "date"))  # noqa: B009
    minutes = day_minutes(record, day)
    return day, (-10_000 if minutes is None else minutes)


def offset_of(record: object, day: dt.date | str | None = None) -> str | None:
    """The UTC offset of a record's ``time``: its ``utc_offset``, or that of its ``time_zone``
    (a zone's name) on ``day`` (default: the record's ``date``); None for a local time, or
    without a time."""
    time = getattr(record, "time", None)
    offset: str | None = getattr(record, "utc_offset", None)
    if time is None or offset is not None:
        return offset
    zone = getattr(record, "time_zone", None)
    when = day if day is not None else getattr(record, "date", None)
    if zone is None or zone == LOCAL or when is None:
        return None
    hours, minutes = (int(part) for part in time.split(":"))
    moment = dt.datetime.combine(start(when), dt.time(hours, minutes))
    delta = zoneinfo.ZoneInfo(zone).utcoffset(moment)
    if delta is None:
        return None
    total = int(delta.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def day_minutes(record: object, day: dt.date | str | None = None) -> int | None:
    """Where a record's time falls in the order of its day: minutes after midnight UTC when its
    zone is known (:func:`offset_of`), its own minutes for a local time, None without a time."""
    time: str | None = getattr(record, "time", None)
    if time is None:
        return None
    minutes = utc_minutes(time, offset_of(record, day))
    if minutes is not None:
        return minutes
    hours, mins = (int(part) for part in time.split(":"))
    return hours * 60 + mins


def utc_minutes(time: str | None, offset: str | None) -> int | None:
    """Minutes after midnight UTC (may be negative or past 1440), or None without both parts."""
    if time is None or offset is None:
        return None
    hours, minutes = (int(part) for part in time.split(":"))
    sign = -1 if offset.startswith("-") else 1
    off_h, off_m = (int(part) for part in offset[1:].split(":"))
    return hours * 60 + minutes - sign * (off_h * 60 + off_m)
