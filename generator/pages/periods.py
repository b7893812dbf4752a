"""The timeline by period, once it outgrows one page (:mod:`generator.pages.splits` says when).

Calendar periods, as long-running timelines are split: a year, then a month, a quarter of a
month (1-7, 8-14, 15-21, 22 to its end), a day. Each period past the limit is cut into the
next, so a period's page keeps its address while the story grows elsewhere. A day past the
limit is cut into numbered parts; events dated only to a month are a period of their own once
their month is cut finer (there is no day to place them on). Nothing here imports mkdocs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from generator.pages.parts import Part, numbered
from generator.pages.strip import last_day
from generator.pages.wording import long_date, month_text
from generator.schema.datemodel import start
from generator.schema.model import Event

__all__ = ["periods"]

_LEVELS = ("year", "month", "quarter", "day")
"""Each period past the limit is cut into the next: a year into months, a month into its
quarters (1-7, 8-14, 15-21, 22 to its end), a quarter into days."""


def _quarter(day: int) -> int:
    return min((day - 1) // 7, 3) + 1


def _key(event: Event, level: str) -> tuple[int, ...]:
    first = start(event.date)
    year_month = (first.year, first.month)
    if level == "year":
        return (first.year,)
    if level == "month":
        return year_month
    if not isinstance(event.date, dt.date):
        return (*year_month, 0)  # a month without a day: a period of its own within the month
    return (*year_month, _quarter(first.day) if level == "quarter" else first.day)


def _period_name(key: tuple[int, ...], level: str) -> tuple[str, str]:
    """(id, title) of the period ``key`` at ``level``."""
    if level == "year":
        return f"{key[0]:04d}", str(key[0])
    month = dt.date(key[0], key[1], 1)
    if level == "month":
        return f"{key[0]:04d}-{key[1]:02d}", month_text(f"{key[0]:04d}-{key[1]:02d}")
    base = f"{key[0]:04d}-{key[1]:02d}"
    if key[2] == 0:
        return f"{base}-month", f"{month_text(base)}, day not given"
    if level == "day":
        day = month.replace(day=key[2])
        return day.isoformat(), long_date(day)
    first = 1 + 7 * (key[2] - 1)
    last = first + 6 if key[2] < 4 else calendar.monthrange(key[0], key[1])[1]
    return f"{base}-{first:02d}-to-{last:02d}", f"{first} to {long_date(month.replace(day=last))}"


def _event_part(id_: str, title: str, events: Sequence[Event]) -> Part:
    return Part(
        id_,
        title,
        tuple(events),
        tuple(("event", event.id) for event in events),
        min(start(event.date) for event in events),
        max(last_day(event) for event in events),
    )


def _periods(events: list[Event], level: int, limit: int) -> list[Part]:
    groups: dict[tuple[int, ...], list[Event]] = {}
    for event in events:
        groups.setdefault(_key(event, _LEVELS[level]), []).append(event)
    out: list[Part] = []
    for key in sorted(groups):
        id_, title = _period_name(key, _LEVELS[level])
        group = groups[key]
        if len(group) <= limit:
            out.append(_event_part(id_, title, group))
        elif level + 1 < len(_LEVELS) and key[-1] != 0:
            out += _periods(group, level + 1, limit)
        else:  # a day (or a month's undated events) past the limit: in numbered parts
            out += numbered(group, limit, _event_part, id_, title)
    return out


def periods(events: Sequence[Event], limit: int) -> list[Part]:
    """The timeline's periods (``events`` in time order), none while it fits one page."""
    if len(events) <= limit:
        return []
    return _periods(list(events), 0, limit)
