"""A figure's reports in time: when each held, which ones stand, which one is the headline, who
says what now.

A figure is a series of reports (:class:`~generator.schema.model.FigureReport`). A report
*stands* unless its current status is contested (disputed, denied, retracted, contradicted, or
its attribution denied: :data:`~generator.schema.claimmodel.CONTESTED`); one that does not stand is
*set apart*: it stays in the history (and on the chart, as a mark of its own) but never becomes
the headline, is never one of the "latest from each" and never counts in a spread. The headline
number is chosen among the reports that stand by the figure's declared rule: the latest report;
the most conservative (lowest) of the latest reports (each reporter's last on the latest day), as
ACLED does when sources differ; or the editor's pick. (A figure none of whose reports stands has
its latest report as its headline: every page shows that report's status first.)

A report's day is its ``as_of``, or else the publication day of the source it cites first (for
a passage of a later version of that source's page, the day that version was seen).
Reports of one day go in the order of the file, but those with a time of day in the order of
their times: the file's order holds among reports without a time, and each report with a time
takes, in time order, a place one of them had in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.pages.wording import publication_words
from generator.schema.claimmodel import contested
from generator.schema.datemodel import day_minutes, exact_day
from generator.schema.model import Figure, FigureReport, HeadlineRule, Source

__all__ = ["Dated", "FigureView", "view"]

SourceOf = Callable[[str], Source]
"""Excerpt id -> the source it belongs to."""
SeenOf = Callable[[str], "dt.date | None"]
"""Excerpt id -> the day the version of its source's page it comes from was seen (None: it
comes from the source as published)."""


@dataclass(frozen=True)
class Dated:
    report: FigureReport
    day: dt.date | None
    """The day the number held (None: neither as_of nor a dated source)."""
    inferred: bool
    """True when the day is the source's publication day, not an as_of the editor gave."""
    reporters: tuple[str, ...]
    """Who gives it: the reporters' actor ids, else the id of the source it cites first."""
    standing: bool = field(default=True)
    """False when its current status is disputed, denied or retracted."""
    published: str = ""
    """With no day: when its source was published, as far as that is known ('September 2023',
    'on or after 21 September 2023'), or ''."""

    @property
    def reporter(self) -> str:
        """The reporters as one key: a report two reporters gave together is theirs, jointly."""
        return "+".join(self.reporters)

    @property
    def low(self) -> float:
        """The number for comparing reports: a range by its low end."""
        value = self.report.value if self.report.value is not None else self.report.low
        assert value is not None  # checked at load time
        return float(value)


@dataclass(frozen=True)
class FigureView:
    """What the figures page shows of one figure."""

    figure: Figure
    history: list[Dated]
    """Every report, oldest first (see the module's docstring for the order within a day)."""
    headline: Dated
    latest_by_reporter: list[Dated]
    """The latest reports that stand: each reporter's latest report among those of the latest
    day with a report that stands, in the order reporters first appear in the history. (A
    reporter who has not spoken since an earlier day is not "the latest": a toll of 1 from the
    first morning does not stand beside the 22 of the last evening.)"""

    @property
    def standing(self) -> list[Dated]:
        """The reports that stand, oldest first."""
        return [d for d in self.history if d.standing]

    @property
    def set_apart(self) -> list[Dated]:
        """The reports disputed, denied or retracted now, oldest first."""
        return [d for d in self.history if not d.standing]

    @property
    def differs(self) -> bool:
        """Whether reporters' latest figures that stand disagree."""
        values = {(d.report.value, d.report.low, d.report.high) for d in self.latest_by_reporter}
        return len(values) > 1


def _dated(report: FigureReport, source_of: SourceOf, seen_of: SeenOf) -> Dated:
    source = source_of(report.cites[0])
    reporters = tuple(report.reported_by) or (source.id,)
    standing = not contested(report)
    if report.as_of is not None:
        return Dated(report, report.as_of, False, reporters, standing)
    day = seen_of(report.cites[0]) or exact_day(source.published, source.published_qualifier)
    if day is None and source.published is not None:  # a month, or a bound: no day of its own
        words = publication_words(source, preposition=True)
        return Dated(report, None, True, reporters, standing, words)
    return Dated(report, day, True, reporters, standing)


def _in_order(reports: list[Dated]) -> list[Dated]:
    """Oldest day first (reports with no day before all); within a day, the file's order, the
    reports with a time of day taking the places of the day's timed reports in time order."""
    days: dict[dt.date, list[Dated]] = {}
    for dated in reports:
        days.setdefault(dated.day or dt.date.min, []).append(dated)
    out: list[Dated] = []
    for day in sorted(days):
        todays = days[day]
        timed = sorted(
            (d for d in todays if _minutes(d) is not None),
            key=lambda d: _minutes(d) or 0,
        )
        next_timed = iter(timed)
        out += [next(next_timed) if _minutes(d) is not None else d for d in todays]
    return out


def _minutes(dated: Dated) -> int | None:
    return day_minutes(dated.report, dated.day)


def view(figure: Figure, source_of: SourceOf, seen_of: SeenOf = lambda _: None) -> FigureView:
    history = _in_order([_dated(r, source_of, seen_of) for r in figure.reports])
    standing = [d for d in history if d.standing] or history
    last_day = standing[-1].day
    latest: dict[str, Dated] = {}
    for dated in standing:  # oldest first: the last one seen for a reporter is its latest
        if dated.day == last_day and dated.standing:
            latest[dated.reporter] = dated
    order = [r for r in dict.fromkeys(d.reporter for d in history) if r in latest]
    latest_by_reporter = [latest[reporter] for reporter in order]
    if figure.headline_rule is HeadlineRule.EDITOR and figure.headline_report is not None:
        headline = next(d for d in history if d.report.id == figure.headline_report)
    elif figure.headline_rule is HeadlineRule.MOST_CONSERVATIVE and latest_by_reporter:
        headline = min(latest_by_reporter, key=lambda d: d.low)  # first reporter on a tie
    else:
        headline = standing[-1]
    return FigureView(figure, history, headline, latest_by_reporter)
