"""The time axis of a figure's chart (:mod:`generator.pages.charts`) and the timeline's events on
it.

:class:`Scale` places a day and a time of day on the proportional axis (one band per day) and a
value on the value axis; :func:`day_fractions` spreads one day's reports within its band.
:func:`day_axis` draws the days under the plot. :func:`event_strip` draws the timeline's events
of the chart's days as numbered marks on the same axis, each a link to its entry on the timeline
page (written as a link to the ``.md`` file, as Markdown links are), with the numbers' key
below. Zensical resolves every relative link of a page's HTML from
the page's source file; MkDocs leaves raw HTML alone, so its plugin passes each page through
:func:`resolve_links`. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
from collections.abc import Callable, Sequence

from generator.pages.calendarticks import MONTH_STEPS, YEAR_STEPS, boundaries
from generator.pages.escape import escape_text
from generator.pages.wording import long_date
from generator.schema.model import Event

__all__ = [
    "AXIS",
    "CHAR",
    "FONT",
    "LEFT",
    "PLOT_HEIGHT",
    "RIGHT",
    "WIDTH",
    "Scale",
    "calendar_axis",
    "day_axis",
    "day_fractions",
    "event_strip",
    "minutes_of",
    "n",
    "resolve_links",
]

WIDTH = 360
"""The viewBox width: the SVG is drawn at 100% of its box (at most 24rem, see charts.css), so
at a phone's 390 px the 12-unit text is about 11 px and on a desktop about 16 px."""
LEFT, RIGHT, TOP, PLOT_HEIGHT = 36, 12, 20, 140
AXIS = TOP + PLOT_HEIGHT
FONT = 13
CHAR = 0.56 * FONT  # the width of an average character, for placing labels apart
MARK = 11  # an event mark's radius: with STEP, a 24 px target at a phone's width
STEP = 2 * MARK + 5  # between the centres of two event marks
DAY_TICKS_UP_TO = 92
"""An axis of up to this many days (three months) has a tick between every two days, at least
3.4 units apart; a longer one is marked at calendar boundaries (:func:`calendar_axis`)."""
_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def n(value: float) -> str:
    """A coordinate, rounded to a tenth."""
    return f"{round(value, 1):g}"


def minutes_of(time: str | None) -> int | None:
    if time is None:
        return None
    hours, minutes = (int(part) for part in time.split(":"))
    return hours * 60 + minutes


class Scale:
    def __init__(self, first: dt.date, last: dt.date, top: float) -> None:
        self.first = first
        self.days = (last - first).days + 1
        self.day_width = (WIDTH - LEFT - RIGHT) / self.days
        self.top = top

    def x(self, day: dt.date, fraction: float) -> float:
        return LEFT + ((day - self.first).days + fraction) * self.day_width

    def y(self, value: float) -> float:
        return AXIS - value / self.top * PLOT_HEIGHT


def day_fractions(times: Sequence[str | None]) -> list[float]:
    """Where in its day's band each of one day's reports goes (0 to 1), given their times of day
    in the history's order: a report with a time at that time, never before the one above it;
    the others spread evenly between their neighbours (one alone at noon), so a fall and a rise
    within one day read as such."""
    known: list[float | None] = []
    floor = 0.0
    for time in times:
        minutes = minutes_of(time)
        if minutes is None:
            known.append(None)
        else:
            floor = max(floor, minutes / 1440)
            known.append(floor)
    out: list[float] = []
    index = 0
    while index < len(known):
        at = known[index]
        if at is not None:
            out.append(at)
            index += 1
            continue
        end = index
        while end < len(known) and known[end] is None:
            end += 1
        left = out[-1] if out else 0.0
        right = known[end] if end < len(known) else None
        right = 1.0 if right is None else right
        count = end - index
        out += [left + (i + 1) * (right - left) / (count + 1) for i in range(count)]
        index = end
    return out


def day_axis(scale: Scale) -> list[str]:
    """Up to :data:`DAY_TICKS_UP_TO` days: a tick between days and each day's short name in its
    band's middle; where the names would touch, every second (third, ...) day is named, and the
    first and last always when there is room. A longer axis: :func:`calendar_axis`."""
    if scale.days > DAY_TICKS_UP_TO:
        return calendar_axis(scale)
    out: list[str] = []
    for index in range(scale.days + 1):
        x = n(LEFT + index * scale.day_width)
        out.append(f'<line class="chart-axis" x1="{x}" x2="{x}" y1="{AXIS}" y2="{AXIS + 4}"/>')
    last = scale.first + dt.timedelta(days=scale.days - 1)
    years = last.year != scale.first.year  # then each name says its year: "1 Jan ’24"
    widest = CHAR * (9 if years else 6) + 6  # "30 Sep" and a gap
    every = max(1, math.ceil(widest / scale.day_width))
    shown = list(range(0, scale.days, every))
    if shown[-1] != scale.days - 1 and (scale.days - 1 - shown[-1]) * scale.day_width >= widest:
        shown.append(scale.days - 1)
    for index in shown:
        day = scale.first + dt.timedelta(days=index)
        middle = LEFT + (index + 0.5) * scale.day_width
        out.append(_day_name(middle, day, _day_text(day, years)))
    return out


def calendar_axis(scale: Scale) -> list[str]:
    """A tick and a name at calendar boundaries (:mod:`generator.pages.calendarticks`): the 1st
    of every month, second, third or sixth month ("1 Mar", "1 Mar ’24" when the axis spans
    years), else 1 January of every 1, 2, 5, 10, ... years ("1920"), as many as the names have
    room for side by side: never more than a dozen, whatever the span."""
    last = scale.first + dt.timedelta(days=scale.days - 1)
    years = last.year != scale.first.year
    plot = WIDTH - LEFT - RIGHT

    def room(chars: int) -> int:  # boundaries a name of ``chars`` has room for, with a spare
        return int(plot // (CHAR * chars + 6)) - 1

    marks = boundaries(scale.first, last, room(9 if years else 6), MONTH_STEPS) or boundaries(
        scale.first, last, room(4), YEAR_STEPS
    )
    assert marks is not None  # the longest year step fits any span of dates
    out: list[str] = []
    for day in marks.days:
        x = scale.x(day, 0)
        text = str(day.year) if marks.yearly else _day_text(day, years)
        half = len(text) * CHAR / 2
        out.append(
            f'<line class="chart-axis" x1="{n(x)}" x2="{n(x)}" y1="{AXIS}" y2="{AXIS + 4}"/>'
        )
        out.append(_day_name(min(max(x, LEFT + half), WIDTH - RIGHT - half), day, text))
    return out


def _day_text(day: dt.date, years: bool) -> str:
    year = f" ’{day.year % 100:02d}" if years else ""
    return f"{day.day} {_ABBR[day.month - 1]}{year}"


def _day_name(x: float, day: dt.date, text: str) -> str:
    return (
        f'<text class="chart-day" x="{n(x)}" y="{AXIS + 16}" text-anchor="middle" '
        f'data-day="{day.isoformat()}">{text}</text>'
    )


def _free_spot(rows: list[list[float]], x: float, first_row: int) -> tuple[float, int]:
    """Where an event's mark at ``x`` goes: the first row from ``first_row`` on where it
    overlaps no other mark."""
    row = first_row
    while row < len(rows) and any(abs(x - other) < STEP for other in rows[row]):
        row += 1
    while len(rows) <= row:
        rows.append([])
    rows[row].append(x)
    return x, row


def event_strip(
    figure_id: str, scale: Scale, events: Sequence[Event], event_href: Callable[[str], str]
) -> list[str]:
    """The timeline's events of the chart's days, numbered marks on the same time axis, each a
    link to its entry; then the numbers' key."""
    last = scale.first + dt.timedelta(days=scale.days - 1)
    shown = [e for e in events if isinstance(e.date, dt.date) and scale.first <= e.date <= last]
    if not shown:
        return []
    by_day: dict[dt.date, list[Event]] = {}
    for event in shown:
        assert isinstance(event.date, dt.date)
        by_day.setdefault(event.date, []).append(event)
    rows: list[list[float]] = []  # the centres of the marks in each row
    marks: list[str] = []
    key: list[str] = []
    number = 0
    for day, todays in by_day.items():
        columns = min(len(todays), 3)
        # a small grid around the day's middle, moved in whole to fit between the edges
        left = scale.x(day, 0.5) - (columns - 1) / 2 * STEP
        left = min(max(left, LEFT - 8 + MARK), WIDTH - MARK - (columns - 1) * STEP)
        for place, event in enumerate(todays):
            number += 1
            x, row = _free_spot(rows, left + place % columns * STEP, place // columns)
            y = MARK + 2 + row * STEP
            name = escape_text(f"{number}: {event.title}, {long_date(day)}")
            marks.append(
                f'<a class="chart-event" href="{event_href(event.id)}" aria-label="{name}" '
                f'data-event="{event.id}"><title>{name}</title>'
                f'<circle cx="{n(x)}" cy="{y}" r="{MARK}"/>'
                f'<text x="{n(x)}" y="{y + 4.5}" text-anchor="middle">{number}</text></a>'
            )
            key.append(
                f'<li value="{number}">{escape_text(event.title)} '
                f'<span class="figure-chart__when">({long_date(day)})</span></li>'
            )
    height = len(rows) * STEP + 2
    return [
        f'<svg class="figure-chart__events" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-label="Events of the timeline in these days" data-figure="{figure_id}">',
        *marks,
        "</svg>",
        '<details class="figure-chart__key">',
        f"<summary>The {number} numbered events</summary>",
        '<ol class="figure-chart__events-key">',
        *key,
        "</ol>",
        "</details>",
    ]


_EVENT_LINK = re.compile(
    r'(<a class="(?:chart-event|timeline-strip__mark[^"]*)" href=")([^"#:]*\.md)((?:#[^"]*)?")'
)
"""The links to other pages that our raw HTML holds: a chart's events, a period strip's marks."""


def resolve_links(html: str, page_path: str, *, directory_urls: bool = True) -> str:
    """The chart's event links (and a period strip's marks) of a page's HTML, from ``.md`` files
    (relative to the page's docs-relative ``page_path``) to the built pages' addresses relative
    to its own address:
    ``timeline.md#event-x`` on ``figures.md`` becomes ``../timeline/#event-x`` (with
    ``directory_urls=False``, ``timeline.html#event-x``)."""

    def address(path: str) -> str:  # a page's site-relative address
        stem = path.removesuffix(".md")
        if not directory_urls:
            return stem + ".html"
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    here = address(page_path)
    start = [
        part
        for part in (here.rstrip("/") if directory_urls else posixpath.dirname(here)).split("/")
        if part
    ]

    def resolve(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), match[2]))
        there = address(target)
        parts = [part for part in there.split("/") if part]
        common = 0
        while common < min(len(start), len(parts)) and start[common] == parts[common]:
            common += 1
        relative = "/".join([".."] * (len(start) - common) + parts[common:])
        if relative and (there.endswith("/") or not there):
            relative += "/"
        return f"{match[1]}{relative or './'}{match[3]}"

    return _EVENT_LINK.sub(resolve, html)
