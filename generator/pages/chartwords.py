"""A figure's chart in words: its title and the description a screen reader reads.

The description is derived from the same reports as the chart and the table below it: the first
report and the headline, with their days ("Rose from 223 on 20 September 2021 to 273 on
22 September 2021"), and the largest gap between two reporters on one day ("sources differ by
up to 5"). Plain text (escape it before it goes into markup). Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from generator.pages.figures import Dated, FigureView
from generator.pages.wording import format_number, long_date, number_text
from generator.schema.model import FigureReport, Qualifier

__all__ = ["CEILINGS", "FLOORS", "ends", "largest_gap", "trend_sentence"]

FLOORS = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN})
"""Qualifiers that make a report a floor: the number is at least this."""
CEILINGS = frozenset({Qualifier.UP_TO, Qualifier.FEWER_THAN})
"""Qualifiers that make a report a ceiling: the number is at most this."""


def ends(report: FigureReport) -> tuple[float, float]:
    """(low, high) of a report: a single value is both ends."""
    if report.value is not None:
        return float(report.value), float(report.value)
    assert report.low is not None and report.high is not None  # checked at load time
    return float(report.low), float(report.high)


def largest_gap(history: list[Dated]) -> float:
    """The largest difference between two reporters' reports of the same day (each reporter's
    last report of that day); 0 when no two reporters spoke on one day or all agree. A range
    differs from a number by its farther end (15 against 14–18 differs by up to 3)."""
    by_day: dict[dt.date, dict[str, FigureReport]] = {}
    for dated in history:
        if dated.day is not None:
            by_day.setdefault(dated.day, {})[dated.reporter] = dated.report
    gap = 0.0
    for reports in by_day.values():
        for a, b in combinations(reports.values(), 2):
            (a_low, a_high), (b_low, b_high) = ends(a), ends(b)
            if (a_low, a_high) != (b_low, b_high):
                gap = max(gap, a_high - b_low, b_high - a_low)
    return gap


def _verb(first: Dated, last: Dated) -> str:
    """'Rose' when neither end went down and one went up, 'Fell' the other way, 'Went' when
    a range widened across the number (15 to 14–18) or only the qualifier changed."""
    (low0, high0), (low1, high1) = ends(first.report), ends(last.report)
    if (low0, high0) == (low1, high1):
        return "Went" if number_text(first.report) != number_text(last.report) else "Stayed"
    if low1 >= low0 and high1 >= high0:
        return "Rose"
    if low1 <= low0 and high1 <= high0:
        return "Fell"
    return "Went"


def trend_sentence(fv: FigureView) -> str:
    """'Rose from at least 12 on 2 May 2024 to 15 on 3 May 2024; sources differ by up to 3.'

    From the first dated report to the headline (a range is compared by both its ends); the
    clause about sources only when two reporters gave different numbers on the same day.
    """
    dated = [d for d in fv.history if d.day is not None]
    first, last = dated[0], fv.headline
    assert first.day is not None
    verb = _verb(first, last)
    then, now = number_text(first.report), number_text(last.report)
    if last.day is None or first is last:
        sentence = f"Stood at {now} on {long_date(first.day)}"
    elif verb == "Stayed":
        sentence = f"Stayed at {now} from {long_date(first.day)} to {long_date(last.day)}"
    elif first.day == last.day:
        sentence = f"{verb} from {then} to {now} on {long_date(last.day)}"
    else:
        sentence = f"{verb} from {then} on {long_date(first.day)} to {now} on {long_date(last.day)}"
    gap = largest_gap(fv.history)
    if gap > 0:
        sentence += f"; sources differ by up to {format_number(gap)}"
    return sentence + "."
