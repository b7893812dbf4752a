"""A figure's reports in time: when each held, which one is the headline, who says what now.

A figure is a series of reports (:class:`~generator.schema.model.FigureReport`). Its headline number
is chosen by the figure's declared rule: the latest report; the most conservative (lowest) of
the latest reports (each reporter's last on the latest day), as ACLED does when sources differ;
or the editor's pick. A
report's day is its ``as_of``, or else the publication day of the source it cites first (for
a passage of a later version of that source's page, the day that version was seen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.schema.datemodel import utc_minutes
from generator.schema.model import Figure, FigureReport, HeadlineRule, Source

__all__ = ["FigureView", "view"]

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
    reporter: str
    """Who gives it: the reporter's actor id, else the id of the source it cites first."""

    @property
    def key(self) -> tuple[dt.date, int]:
        minutes = utc_minutes(self.report.time, self.report.utc_offset)
        return (self.day or dt.date.min, minutes if minutes is not None else -10_000)

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
    """Every report, oldest first (stable: file order on one day)."""
    headline: Dated
    latest_by_reporter: list[Dated]
    """The latest reports: each reporter's latest report among those of the latest day, in the
    order reporters first appear in the history. (A reporter who has not spoken since an
    earlier day is not "the latest": a toll of 1 from the first morning does not stand beside
    the 22 of the last evening.)"""

    @property
    def differs(self) -> bool:
        """Whether reporters' latest figures disagree."""
        values = {(d.report.value, d.report.low, d.report.high) for d in self.latest_by_reporter}
        return len(values) > 1


def _dated(report: FigureReport, source_of: SourceOf, seen_of: SeenOf) -> Dated:
    source = source_of(report.cites[0])
    reporter = report.reported_by or source.id
    if report.as_of is not None:
        return Dated(report, report.as_of, False, reporter)
    return Dated(report, seen_of(report.cites[0]) or source.published, True, reporter)


def view(figure: Figure, source_of: SourceOf, seen_of: SeenOf = lambda _: None) -> FigureView:
    history = sorted((_dated(r, source_of, seen_of) for r in figure.reports), key=lambda d: d.key)
    last_day = history[-1].day
    latest: dict[str, Dated] = {}
    for dated in history:  # oldest first: the last one seen for a reporter is its latest
        if dated.day == last_day:
            latest[dated.reporter] = dated
    order = [r for r in dict.fromkeys(d.reporter for d in history) if r in latest]
    latest_by_reporter = [latest[reporter] for reporter in order]
    if figure.headline_rule is HeadlineRule.EDITOR and figure.headline_report is not None:
        headline = next(d for d in history if d.report.id == figure.headline_report)
    elif figure.headline_rule is HeadlineRule.MOST_CONSERVATIVE:
        headline = min(latest_by_reporter, key=lambda d: d.low)  # first reporter on a tie
    else:
        headline = history[-1]
    return FigureView(figure, history, headline, latest_by_reporter)
