"""Where a long time axis is marked: at calendar boundaries chosen by its span, a fixed number
at most, whatever the span.

A chart's day axis (:mod:`generator.pages.timeaxis`) and the timeline's strip
(:mod:`generator.pages.strip`) mark each day when the span is short. Over a longer span they mark
the first day of every month, of every second, third or sixth month, then 1 January of every 1,
2, 5, 10, 20, 50, ... years: the finest step that gives no more boundaries than the axis has room
for. The boundaries are counted and listed by arithmetic on month numbers, never by walking the
days: two dates 10,000 years apart cost as little as two dates a week apart (walking the days
made 95,993 ticks and 8.7 MB on a timeline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["MONTH_STEPS", "YEAR_STEPS", "Boundaries", "boundaries"]

MONTH_STEPS = (1, 2, 3, 6)
"""Steps in months: a boundary is the 1st of a month whose number in the year, counted from 0,
is a multiple of the step (every third month: January, April, July, October)."""

YEAR_STEPS = tuple(12 * years for years in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000))
"""Steps in months of whole years: 1 January of each year that is a multiple of the step in
years (every 20 years: 1920, 1940, ...). The last gives at most one boundary between year 1 and
9999, so some step always fits."""


@dataclass(frozen=True)
class Boundaries:
    step: int
    """Months between two boundaries."""
    days: list[dt.date]
    """The boundaries, each the 1st of a month, in order."""

    @property
    def yearly(self) -> bool:
        return self.step >= 12


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def boundaries(
    first: dt.date, last: dt.date, most: int, steps: tuple[int, ...]
) -> Boundaries | None:
    """The boundaries between ``first`` and ``last`` (both included) at the first of ``steps``
    (in months, finest first) that gives at most ``most`` of them; None if none does."""
    low = _month_number(first) + (first.day != 1)  # the first month that starts in the span
    high = _month_number(last)
    for step in steps:
        count = high // step - (low - 1) // step if high >= low else 0
        if count <= most:
            start = -(-low // step) * step  # the first multiple of the step from low on
            months = range(start, high + 1, step)
            return Boundaries(step, [dt.date(m // 12, m % 12 + 1, 1) for m in months])
    return None
