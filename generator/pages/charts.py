"""A figure's reports over time as inline SVG, made at build time (no JavaScript, no other host).

:func:`figure_chart` draws one :class:`~generator.pages.figures.FigureView`: a step line per
reporter through the reports that stand (a report holds until that reporter's next one, and the
last one to the end of its day, so a toll from the first morning is not drawn beside the last
evening's), a range as a band, a floor ("at least", "more than") as an upward caret and a ceiling
("up to", "fewer than", "nearly", "almost") as a downward one, the headline report ringed. A report
whose day is known only between bounds ("on or before 5 July", "between 3 and 5 July") stands on
the day its as_of names ("before 5 July" at the start of 5 July, "after" at its end), with a dotted
line by it across the days it may be from, and the axis runs to the last of them
(:mod:`generator.pages.chartmarks`). A report that is disputed, denied or retracted is drawn apart:
a cross at its value, joined to no line, labelled with its number and its status, in the legend and
the description, and counted in none of the chart's numbers. The time axis is proportional: one
band per day; a report at its local time of day when it has one, the day's others spread between
them in the history's order (one alone at noon), so a fall and a rise within one day read as such.
Reporters differ by colour, dash pattern and marker shape together
(:mod:`generator.pages.chartstyle`), and the legend names each.

The plot is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` in words
(:mod:`generator.pages.chartwords`); the timeline's events of the same days are a second SVG below
it, on the same time axis, each event a numbered link to its entry on the timeline page (links
inside ``role="img"`` would be hidden from screen readers), with the numbers' key in a list.
Every piece of text from YAML is escaped with :func:`~generator.pages.escape.escape_text`. Colours
are CSS classes (``theme/assets/charts.css``). The block is kept out of the search index
(``data-search-exclude``): axis numbers and legend names are noise there, and the table below
the chart holds the same reports as text.
The time axis and the event marks are :mod:`generator.pages.timeaxis`; each report's marks
:mod:`generator.pages.chartmarks`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from generator.pages.chartmarks import OFF_ROW, Point, point_marks
from generator.pages.chartstyle import NAMED, Key, legend, style_of
from generator.pages.chartwords import (
    CEILINGS,
    FLOORS,
    day_words,
    description,
    ends,
    possible_days,
    spans_days,
)
from generator.pages.escape import escape_text
from generator.pages.figures import Dated, FigureView
from generator.pages.timeaxis import (
    AXIS,
    LEFT,
    RIGHT,
    WIDTH,
    Scale,
    day_axis,
    day_fractions,
    event_strip,
    n,
)
from generator.pages.wording import bare_number, format_number
from generator.schema.model import DateQualifier, Event
from generator.schema.safedates import add_days

__all__ = ["figure_chart"]


def _off_scale(points: list[Point], top: float) -> list[Point]:
    """The points with the rows over the plot of the reports drawn apart above the axis, the
    earliest lowest."""
    above = sorted(
        (p for p in points if p.apart and ends(p.dated.report)[1] > top), key=lambda p: p.x
    )
    rows = {id(p): row for row, p in enumerate(above)}
    return [replace(p, off_row=rows[id(p)]) if id(p) in rows else p for p in points]


def _nice_top(high: float) -> tuple[float, float]:
    """(top of the value axis, tick step): about four steps of 1, 2, 2.5 or 5 times a power of
    ten."""
    if high <= 0:
        return 1.0, 1.0
    raw = high / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0
    return math.ceil(high / step) * step, step


def _tick_text(value: float) -> str:
    """A value axis number, short enough for the margin (four characters at most): 500, 2.5k,
    25k, 150k, 1.5m."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}m"
    if value >= 1_000:
        return f"{value / 1_000:g}k"
    return format_number(value)


_AT_BOUND = {DateQualifier.BEFORE: 0.0, DateQualifier.AFTER: 1.0}
"""Where in its day a report "before" or "after" that day stands: at the bound."""


def _place(dated: list[Dated], series: dict[str, int], scale: Scale) -> list[Point]:
    """Each report at its day and its place in the day
    (:func:`~generator.pages.timeaxis.day_fractions`)."""
    days: dict[object, list[Dated]] = {}
    for each in dated:
        days.setdefault(each.day, []).append(each)
    points: list[Point] = []
    for day, todays in days.items():
        assert day is not None
        times = [each.report.time for each in todays]
        for each, fraction in zip(todays, day_fractions(times), strict=True):
            number = series[each.reporter] if each.standing else -1
            if spans_days(each):  # "before 3 May" at the last moment it may be from, "after"
                fraction = _AT_BOUND.get(each.report.as_of_qualifier, fraction)  # at the first
            points.append(Point(each, number, scale.x(each.day or scale.first, fraction)))
    return points


def _axis_days(dated: list[Dated]) -> tuple[dt.date, dt.date]:
    """The first and last day of the time axis: every report's day, the last day a report
    known between two days may be from, and a day more on the side where a bound open on that
    side stands at the axis's end ("on or before" its first day), so its days show running on."""
    days = [d.day for d in dated if d.day is not None]
    reach = [possible_days(d) for d in dated if d.day is not None]
    first, last = min(days), max(days + [end for _, end in reach if end is not None])
    if any(d.day == first and possible_days(d)[0] is None for d in dated if spans_days(d)):
        first = add_days(first, -1) or first  # (not before the calendar's first day)
    if any(d.day == last and possible_days(d)[1] is None for d in dated if spans_days(d)):
        last = add_days(last, 1) or last
    return first, last


def figure_chart(
    fv: FigureView,
    events: Sequence[Event],
    *,
    name_of: Callable[[str], str],
    event_href: Callable[[str], str],
    table_below: bool = True,
) -> str:
    """The chart of one figure's reports, as an HTML block (``''`` with fewer than two dated
    reports). ``name_of`` words a reporter id; ``event_href`` links an event id from the page;
    ``table_below``: whether the page shows the reports' table below (the embed does not)."""
    dated = [d for d in fv.history if d.day is not None]
    if len(dated) < 2:
        return ""
    figure_id = fv.figure.id
    reporters = list(dict.fromkeys(d.reporter for d in dated if d.standing))
    count = len(reporters)
    series = {reporter: number for number, reporter in enumerate(reporters)}
    scaled = [d for d in dated if d.standing] or dated  # the axis follows what stands
    top, step = _nice_top(max(ends(d.report)[1] for d in scaled))
    scale = Scale(*_axis_days(dated), top)
    points = _off_scale(_place(dated, series, scale), top)
    above = OFF_ROW * sum(1 for p in points if p.off_row is not None)
    body: list[str] = []
    # the value axis: gridlines and numbers
    tick = 0.0
    while tick <= top + 1e-9:
        y = n(scale.y(tick))
        body.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>'
        )
        body.append(
            f'<text class="chart-tick" x="{LEFT - 5}" y="{n(scale.y(tick) + 4)}" '
            f'text-anchor="end">{_tick_text(tick)}</text>'
        )
        tick += step
    body.append(
        f'<line class="chart-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{AXIS}" y2="{AXIS}"/>'
    )
    body.extend(day_axis(scale))
    body.extend(_series(points, scale, count))
    body.extend(point_marks(points, scale, fv.headline, count))

    def names(reporter: str) -> str:  # reporters who gave a number together: "A with B"
        return " with ".join(name_of(r) for r in reporter.split("+"))

    shown = [names(r) for r in reporters]
    if count > NAMED:
        others = count - NAMED + 1
        shown = [*shown[: NAMED - 1], f"Others: {others} more reporters (the table names each)"]
    legend_marks, height = legend(shown, _keys(points, fv.headline), count)
    body.extend(legend_marks)
    title_id, desc_id = f"chart-{figure_id}-title", f"chart-{figure_id}-desc"
    title = escape_text(f"{fv.figure.label.rstrip('. ')}: every report over time")
    words = description(fv, [names(r) for r in reporters], name_of, table_below=table_below)
    svg = [
        '<div class="figure-chart" data-search-exclude="chart">',
        f'<svg class="figure-chart__plot" viewBox="0 {-above} {WIDTH} {height + above}" '
        'role="img" '
        f'aria-labelledby="{title_id} {desc_id}" data-figure="{figure_id}">',
        f'<title id="{title_id}">{title}</title>',
        f'<desc id="{desc_id}">{escape_text(words)}</desc>',
        *body,
        "</svg>",
        *event_strip(figure_id, scale, events, event_href),
        "</div>",
    ]
    return "\n".join(svg)


def _keys(points: list[Point], headline: Dated) -> list[Key]:
    reports = [p.dated.report for p in points if not p.apart]
    keys = []
    if any(r.qualifier in FLOORS for r in reports):
        keys.append(Key("floor", "at least / more than"))
    if any(r.qualifier in CEILINGS for r in reports):
        keys.append(Key("ceiling", "up to / fewer than / nearly / almost"))
    if any(r.value is None for r in reports):
        keys.append(Key("band", "a range"))
    if any(spans_days(p.dated) for p in points):
        keys.append(Key("span", "the days its date may fall on"))
    if any(p.apart for p in points):
        keys.append(Key("apart", "disputed, denied or retracted: not counted, on no line"))
    when = f" ({day_words(headline, some_day=False)})" if headline.day else ""
    keys.append(Key("ring", f"shown above: {bare_number(headline.report)}{when}"))
    return keys


def _series(points: list[Point], scale: Scale, count: int) -> list[str]:
    out: list[str] = []
    for series in range(count):
        mine = [p for p in points if p.series == series]
        style = style_of(series, count)
        css = f"chart-series {style.css}"
        path: list[str] = []
        for i, point in enumerate(mine):
            low, high = ends(point.dated.report)
            y = scale.y((low + high) / 2)
            assert point.dated.day is not None
            day_end = scale.x(point.dated.day, 1.0)
            end = mine[i + 1].x if i + 1 < len(mine) else day_end
            if low != high:
                out.append(
                    f'<rect class="chart-band {css}" x="{n(point.x)}" '
                    f'y="{n(scale.y(high))}" width="{n(max(end - point.x, 2))}" '
                    f'height="{n(scale.y(low) - scale.y(high))}"/>'
                )
            path.append(f"{'M' if i == 0 else 'V'}{n(point.x) + ' ' if i == 0 else ''}{n(y)}")
            path.append(f"H{n(end)}")
        out.append(f'<path class="chart-line {css}" d="{"".join(path)}"{style.dash_attr()}/>')
    return out
