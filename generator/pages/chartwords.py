"""A figure's chart in words: its title and the description a screen reader reads.

The description is derived from the same reports as the chart and the table below it, and only
the reports that stand count in its numbers: the first one and the latest one, with their days
("Rose from 223 on 20 September 2021 to 273 on 22 September 2021"), and the largest gap between
two reporters on one day ("sources differ by up to 5"). The reports drawn apart (disputed,
denied, retracted) are named apart, with their status; the ringed headline is named last, with
the rule that chose it when it is not the latest report. Plain text (escape it before it goes
into markup). Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import combinations

from generator.pages.figures import Dated, FigureView
from generator.pages.wording import (
    STATUS_WORDS,
    bare_number,
    format_number,
    long_date,
    names_text,
    number_text,
    qualified_date,
    reading_text,
    rule_words,
)
from generator.schema.datemodel import bounds
from generator.schema.model import DateQualifier, FigureReport, HeadlineRule, Qualifier

__all__ = [
    "BOUNDS",
    "CEILINGS",
    "FLOORS",
    "day_words",
    "description",
    "ends",
    "known_to_the_day",
    "largest_gap",
    "order_settled",
    "possible_days",
    "spans_days",
    "status_word",
    "trend_sentence",
]

FLOORS = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN})
"""Qualifiers that make a report a floor: the number is at least this."""
CEILINGS = frozenset({Qualifier.UP_TO, Qualifier.FEWER_THAN, Qualifier.NEARLY, Qualifier.ALMOST})
"""Qualifiers that make a report a ceiling: the number is at most this ("nearly 4,000" is
below 4,000)."""


def ends(report: FigureReport) -> tuple[float, float]:
    """(low, high) of a report: a single value is both ends."""
    if report.value is not None:
        return float(report.value), float(report.value)
    assert report.low is not None and report.high is not None  # checked at load time
    return float(report.low), float(report.high)


def day_words(dated: Dated, *, some_day: bool = True) -> str:
    """When a dated report's number held, as exactly as its ``as_of`` says: '3 May 2024',
    'about 3 May 2024', 'some day on or before 3 May 2024', 'some day between 1 and 3 May 2024'
    (without ``some_day``: 'on or before 3 May 2024', for a legend). A day taken from the
    source's publication is that exact day."""
    assert dated.day is not None
    if known_to_the_day(dated):
        return long_date(dated.day)
    qualifier = dated.report.as_of_qualifier
    text = qualified_date(dated.day, qualifier, dated.report.as_of_end)
    return f"some day {text}" if some_day and qualifier is not DateQualifier.ABOUT else text


def known_to_the_day(dated: Dated) -> bool:
    """Whether the report's number is known to the day (its day is no bound or estimate)."""
    return dated.inferred or dated.report.as_of_qualifier is DateQualifier.EXACT


BOUNDS = frozenset(
    {
        DateQualifier.BEFORE,
        DateQualifier.ON_OR_BEFORE,
        DateQualifier.AFTER,
        DateQualifier.ON_OR_AFTER,
        DateQualifier.BETWEEN,
    }
)
"""The as_of qualifiers that bound a day without naming it; the chart draws the days between."""


def spans_days(dated: Dated) -> bool:
    """Whether the chart draws the days a report's number may be from (a bounded as_of)."""
    report = dated.report
    if dated.inferred or report.as_of_qualifier not in BOUNDS:
        return False
    return report.as_of_qualifier is not DateQualifier.BETWEEN or report.as_of_end is not None


def possible_days(dated: Dated) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a report's number may be from (None: no bound on that side, or
    past the calendar's end); "about" counts as its day, which is the editor's best reading."""
    day = dated.day
    assert day is not None
    if not spans_days(dated):
        return day, day
    return bounds(day, dated.report.as_of_qualifier, dated.report.as_of_end)


def order_settled(first: Dated, last: Dated) -> bool:
    """Whether the dates say that ``first``'s number came before ``last``'s: every day the
    first may be from is before every day the last may be from, or both are known to the same
    day (the history's order within a day: times of day, else the file's)."""
    if known_to_the_day(first) and known_to_the_day(last) and first.day == last.day:
        return True
    latest_first, earliest_last = possible_days(first)[1], possible_days(last)[0]
    return latest_first is not None and earliest_last is not None and latest_first < earliest_last


def _on(dated: Dated) -> str:
    """'on 3 May 2024'; 'some day on or before 3 May 2024', 'about 3 May 2024'."""
    return f"on {day_words(dated)}" if known_to_the_day(dated) else day_words(dated)


def status_word(report: FigureReport) -> str:
    """A report's current status in one word, lower case ('denied'); '' without one."""
    return STATUS_WORDS[report.status[-1].status].lower() if report.status else ""


def largest_gap(history: list[Dated]) -> float:
    """The largest difference between two reporters' reports of the same day (each reporter's
    last report of that day), among the reports that stand; 0 when no two reporters spoke on
    one day or all agree. A range differs from a number by its farther end (15 against 14–18
    differs by up to 3)."""
    by_day: dict[dt.date, dict[str, FigureReport]] = {}
    for dated in history:
        if dated.day is not None and dated.standing:
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

    From the first dated report that stands to the latest (a range is compared by both its
    ends), which the sentence calls the latest when it is not the number shown above, or when
    others are set apart; the clause about sources only when two reporters gave different
    numbers that stand on the same day.
    """
    dated = [d for d in fv.history if d.day is not None and d.standing]
    if not dated:
        return "No report stands: each is disputed, denied or retracted."
    first, last = dated[0], dated[-1]
    assert first.day is not None and last.day is not None
    verb = _verb(first, last)
    then, now = reading_text(first.report), reading_text(last.report)
    if first is last:
        sentence = f"Stood at {now} {_on(last)}"
    elif not order_settled(first, last) and then == now:
        sentence = f"Stood at {now} {_on(first)} and {_on(last)}"
    elif not order_settled(first, last):
        sentence = f"{then} {_on(first)} and {now} {_on(last)}, in an order the dates do not settle"
    elif verb == "Stayed":
        sentence = f"Stayed at {now} from {day_words(first)} to {day_words(last)}"
    elif first.day == last.day and known_to_the_day(first) and known_to_the_day(last):
        sentence = f"{verb} from {then} to {now} on {long_date(last.day)}"
    else:
        sentence = f"{verb} from {then} {_on(first)} to {now} {_on(last)}"
    if first is not last and not order_settled(first, last):
        pass  # no report is the latest by the dates
    elif fv.set_apart:
        sentence += ", the latest report that stands"
    elif last is not fv.headline:
        sentence += ", the latest report"
    gap = largest_gap(fv.history)
    if gap > 0:
        sentence += f"; sources differ by up to {format_number(gap)}"
    return sentence + "."


def _apart_sentence(fv: FigureView, name_of: Callable[[str], str]) -> str:
    """The reports drawn apart, each with its status and who took it."""
    items = []
    for dated in fv.set_apart:
        if dated.day is None:
            continue
        step = dated.report.status[-1]
        who = names_text([name_of(actor) for actor in step.by])
        by = f" by {who}" if who else ""
        items.append(
            f"{reading_text(dated.report)} {'of' if known_to_the_day(dated) else 'as of'} "
            f"{day_words(dated)}, "
            f"{STATUS_WORDS[step.status].lower()}{by} on {long_date(step.date)}"
        )
    if not items:
        return ""
    return (
        "Drawn apart as a cross, on no line and counted in none of these numbers: "
        + "; ".join(items)
        + "."
    )


def _ring_sentence(fv: FigureView) -> str:
    headline = fv.headline
    number = bare_number(headline.report)
    if not headline.standing:
        return (
            f"The ringed point is the number shown above, {number}, "
            f"{status_word(headline.report)}: no report stands."
        )
    latest = [d for d in fv.history if d.day is not None and d.standing]
    if latest and latest[-1] is not headline and fv.figure.headline_rule is not HeadlineRule.LATEST:
        return f"The ringed point is the number shown above, {number}, the {rule_words(fv.figure)}."
    return f"The ringed point is the number shown above, {number}."


def description(
    fv: FigureView,
    names: list[str],
    name_of: Callable[[str], str],
    *,
    table_below: bool,
) -> str:
    """The chart's whole description (plain text). ``names``: the reporters of the reports that
    stand, in series order; ``name_of`` words one actor (or source) id."""
    dated = [d for d in fv.history if d.day is not None]
    on_lines = [d for d in dated if d.standing]
    words = [trend_sentence(fv)]
    if names:
        words.append(
            f"One reporter: {names[0]}."
            if len(names) == 1
            else f"{len(names)} reporters: {names_text(names)}."
        )
    if any(d.report.qualifier in FLOORS for d in on_lines):
        words.append("An upward caret marks a floor (“at least”, “more than”).")
    if any(d.report.qualifier in CEILINGS for d in on_lines):
        words.append(
            "A downward caret marks a ceiling (“up to”, “fewer than”, “nearly”, “almost”)."
        )
    if any(d.report.value is None for d in on_lines):
        words.append("A shaded band is a range.")
    spans = [d for d in dated if spans_days(d)]
    if spans:
        words.append(
            "A dotted line by a point spans the days its number may be from, for a date known "
            "only between bounds."
        )
    if any(None in possible_days(d) for d in spans):
        words.append("An arrowhead on one means the days run on past it.")
    apart = _apart_sentence(fv, name_of)
    if apart:
        words.append(apart)
    words.append(_ring_sentence(fv))
    if len(dated) < len(fv.history):
        words.append("Reports with no known date are in the table only.")
    words.append(
        "The table below holds every report."
        if table_below
        else "Every report is in a table on the figures page."
    )
    return " ".join(words)
