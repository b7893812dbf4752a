"""The timeline's overview strip: one mark per event on a proportional time axis.

:func:`strip_layout` turns the events (in time order) into a :class:`Strip` that the template
``_timeline_strip.md`` writes as HTML: links positioned in a box by percentages (no script, no
SVG; see that template for why). The axis (:mod:`generator.pages.stripaxis`) runs from the
first day any event may mean to the last one, each day an equal slice of its piece of it; a gap
far longer than the rest (an anniversary decades before the story) is left out, a marked break:

- an event of one day is a point at the middle of its day;
- an event over several days (``date_end``) or given only to the month (``2017-09``: any day of
  it) is a bar over those days, so a month never reads as its first day;
- marks that would touch are put on separate rows (events of the same day stack), on the
  assumption that the strip is at least :data:`PLOT_MIN_REM` wide (the stylesheet keeps it so,
  scrolling sideways below that) and a mark :data:`ROW_REM` wide;
- a claim and a contested fact (:func:`generator.pages.wording.claim_state`, the same rule as "What
  we know") get their own class: the stylesheet draws them with another shape, not only another
  colour.

Plain text only (``name``, tick labels): the template's escaping makes it inert. Nothing here
imports mkdocs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.pages.escape import Trusted
from generator.pages.stripaxis import (
    PLOT_MIN_REM,
    Axis,
    Break,
    Tick,
    axis_for,
    axis_ticks,
    percent,
)
from generator.pages.wording import (
    DATE_QUALIFIER_WORDS,
    STATUS_WORDS,
    ClaimState,
    claim_state,
    long_date,
    month_text,
    overnight,
    span_first,
)
from generator.schema.datemodel import DateQualifier, start
from generator.schema.model import Event

__all__ = [
    "PLOT_MIN_REM",
    "ROW_REM",
    "Break",
    "Mark",
    "Strip",
    "Tick",
    "date_words",
    "last_day",
    "percent",
    "period_layout",
    "player_ids",
    "strip_layout",
]

ROW_REM = 1.2
"""A mark's height and least width, and a row's height (24 px at Material's 20 px root: a target
a finger finds, WCAG 2.5.8)."""

MARK_SHARE = 100 * ROW_REM / PLOT_MIN_REM
"""A mark's width in percent of the narrowest plot: marks closer than that take another row."""


@dataclass(frozen=True)
class Mark:
    """One event on the strip."""

    event_id: str
    left: float
    """Percent of the axis: a point's centre, or where a bar begins."""
    width: float | None
    """A bar's width in percent; None for a point (an event of one day)."""
    row: int
    """0 is the top row."""
    state: ClaimState | None
    name: str
    """The link's accessible name: '24 November 2015: Turkey shoots down a Russian jet'."""
    actors: tuple[str, ...]
    """Ids of the players involved or claiming it, for the filter."""
    page: str = ""
    """A period's mark (:func:`period_layout`): the docs-relative page it links to ('' for an
    event's, which links to its entry on the same page)."""

    @property
    def classes(self) -> Trusted:
        shape = "bar" if self.width is not None else "point"
        out = f"timeline-strip__mark timeline-strip__mark--{shape}"
        if self.state is not None:
            out += f" timeline-strip__mark--{self.state}"
        if self.left > 50:  # its name shows to the left of it, within the strip
            out += " timeline-strip__mark--late"
        return Trusted(out)  # our own class names

    @property
    def style(self) -> Trusted:
        out = f"left: {percent(self.left)}; top: {_rem(self.row * ROW_REM)}"
        if self.width is not None:
            out += f"; width: {percent(self.width)}"
        return Trusted(out)  # numbers of ours


@dataclass(frozen=True)
class Strip:
    marks: list[Mark]
    ticks: list[Tick]
    first: dt.date
    last: dt.date
    rows: int
    states: frozenset[ClaimState | None]
    """Which kinds of mark the legend must explain (None: an established fact)."""
    has_bars: bool
    breaks: tuple[Break, ...] = ()
    has_between: bool = False
    """Some bar is an event of one unknown day between two (date_qualifier between)."""
    """Where the axis leaves out a long gap with no marks (:mod:`stripaxis`)."""
    events: int = 0
    periods: int = 0
    """A strip of periods (:func:`period_layout`): how many events and periods it stands for
    (0 for a strip of events)."""

    @property
    def height(self) -> str:
        return f"height: {_rem(self.rows * ROW_REM)}"


def _rem(value: float) -> str:
    return f"{round(value, 3):g}rem"


def player_ids(event: Event) -> list[str]:
    """The players an event involves, then who claims it (once each): the timeline filter's."""
    return [a for a in dict.fromkeys([*event.actors, event.claimed_by]) if a]


def last_day(event: Event) -> dt.date:
    if event.date_end is not None:
        return event.date_end
    if isinstance(event.date, str):  # a month: its last day
        first = start(event.date)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return event.date


def date_words(event: Event) -> str:
    """An event's date as plain words: 'about May 2024', '24 to 25 June 2021', 'overnight, 24 to
    25 June 2021' (:func:`~generator.pages.wording.overnight`)."""
    text = month_text(event.date)
    if event.date_end is not None:
        first = span_first(event.date, event.date_end) if isinstance(event.date, dt.date) else text
        link = "and" if event.date_qualifier is DateQualifier.BETWEEN else "to"
        text = f"{first} {link} {long_date(event.date_end)}"
    words = DATE_QUALIFIER_WORDS[event.date_qualifier]
    if words:
        text = f"{words} {text}"
    return f"overnight, {text}" if overnight(event) else text


def _name(event: Event, state: ClaimState | None) -> str:
    name = f"{date_words(event)}: {event.title}"
    if state == "claim":
        return f"{name} (claim)"
    if state == "contested":
        return f"{name} ({STATUS_WORDS[event.status[-1].status].lower()})"
    return name


def _row(taken: list[list[tuple[float, float]]], span: tuple[float, float]) -> int:
    """The first row where ``span`` (from, to, in percent) touches no mark; taken."""
    row = next(
        (n for n, spans in enumerate(taken) if all(b <= span[0] or a >= span[1] for a, b in spans)),
        len(taken),
    )
    if row == len(taken):
        taken.append([])
    taken[row].append(span)
    return row


def _place(
    taken: list[list[tuple[float, float]]], axis: Axis, first: dt.date, last: dt.date
) -> tuple[float, float | None, int]:
    """(left, width or None for a point, row) of a mark over the days ``first`` to ``last``."""
    if first == last:
        left = axis.x(first, 0.5)
        return left, None, _row(taken, (left - MARK_SHARE / 2, left + MARK_SHARE / 2))
    left = axis.x(first)
    width = axis.x(last, 1.0) - left
    return left, width, _row(taken, (left, left + max(width, MARK_SHARE)))


def strip_layout(events: Sequence[Event]) -> Strip | None:
    """The strip of ``events`` (already in time order), or None without events."""
    if not events:
        return None
    axis = axis_for([(start(event.date), last_day(event)) for event in events])
    taken: list[list[tuple[float, float]]] = []  # per row: the (from, to) spans of its marks
    marks: list[Mark] = []
    for event in events:
        state = claim_state(event)
        left, width, row = _place(taken, axis, start(event.date), last_day(event))
        actors = tuple(player_ids(event))
        marks.append(Mark(event.id, left, width, row, state, _name(event, state), actors))
    between = any(e.date_qualifier is DateQualifier.BETWEEN for e in events)
    return _strip(marks, axis, len(taken), has_between=between)


def _strip(
    marks: list[Mark], axis: Axis, rows: int, *, has_between: bool = False, **counts: int
) -> Strip:
    return Strip(
        marks=marks,
        ticks=axis_ticks(axis),
        first=axis.first,
        last=axis.last,
        rows=rows,
        states=frozenset(mark.state for mark in marks),
        has_bars=any(mark.width is not None for mark in marks),
        breaks=axis.breaks,
        has_between=has_between,
        **counts,
    )


def period_layout(periods: Sequence[tuple[dt.date, dt.date, str, str, int]]) -> Strip:
    """The strip of a timeline in periods: a mark per period over the days from its first event
    to its last, linking to its page. ``periods``: (first day, last day, name, page, number of
    events) of each, in time order."""
    axis = axis_for([(period[0], period[1]) for period in periods])
    taken: list[list[tuple[float, float]]] = []
    marks = []
    for begin, end, name, page, _count in periods:
        left, width, row = _place(taken, axis, begin, end)
        marks.append(Mark("", left, width, row, None, name, (), page))
    events = sum(period[4] for period in periods)
    return _strip(marks, axis, len(taken), events=events, periods=len(periods))
