"""A figure's reports over time as inline SVG, made at build time (no JavaScript, no other host).

:func:`figure_chart` draws one :class:`~generator.pages.figures.FigureView`: a step line per
reporter (a report holds until that reporter's next one, and the last one to the end of its day, so
a toll from the first morning is not drawn beside the last evening's), a range as a band, a floor
("at least", "more than") as an upward caret and a ceiling ("up to", "fewer than") as a
downward one, the headline report ringed. The time axis is proportional: one band per day, a
report at its local time of day when it has one, else at noon. Reporters differ by colour, by
dash pattern and by marker shape, and the legend names each.

The plot is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` in words
(:mod:`generator.pages.chartwords`); the timeline's events of the same days are a second SVG below
it, on the same time axis, each event a numbered link to its entry on the timeline page (links
inside ``role="img"`` would be hidden from screen readers), with the numbers' key in a list.
Every piece of text from YAML is escaped with :func:`~generator.pages.escape.escape_text`. Colours
are CSS classes (``theme/assets/charts.css``). The block is kept out of the search index
(``data-search-exclude``): axis numbers and legend names are noise there, and the table below
the chart holds the same reports as text.
The time axis and the event marks are :mod:`generator.pages.timeaxis`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.pages.chartwords import CEILINGS, FLOORS, ends, trend_sentence
from generator.pages.escape import escape_text
from generator.pages.figures import Dated, FigureView
from generator.pages.timeaxis import (
    AXIS,
    CHAR,
    FONT,
    LEFT,
    RIGHT,
    WIDTH,
    Scale,
    day_axis,
    event_strip,
    minutes_of,
    n,
)
from generator.pages.wording import bare_number, format_number, long_date
from generator.schema.model import Event

__all__ = ["figure_chart"]

ROW = 18
SHAPES = ("circle", "square", "diamond", "triangle", "cross", "bar")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 3")


@dataclass(frozen=True)
class _Point:
    dated: Dated
    series: int
    x: float


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
    """A value axis number, short enough for the margin: 500, 25,000, 150k, 1.5m."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}m"
    if value >= 100_000:
        return f"{value / 1_000:g}k"
    return format_number(value)


def _marker(shape: str, x: float, y: float, css: str) -> str:
    s = 4.5
    if shape == "circle":
        return f'<circle class="{css}" cx="{n(x)}" cy="{n(y)}" r="{s}"/>'
    if shape == "square":
        return f'<rect class="{css}" x="{n(x - 4)}" y="{n(y - 4)}" width="8" height="8"/>'
    points = {
        "diamond": [(0, -s - 1), (s + 1, 0), (0, s + 1), (-s - 1, 0)],
        "triangle": [(-s, -s + 1), (s, -s + 1), (0, s + 1)],
        "cross": [(-s, -1.5), (-1.5, -1.5), (-1.5, -s), (1.5, -s), (1.5, -1.5), (s, -1.5),
                  (s, 1.5), (1.5, 1.5), (1.5, s), (-1.5, s), (-1.5, 1.5), (-s, 1.5)],
        "bar": [(-s - 1, -2.5), (s + 1, -2.5), (s + 1, 2.5), (-s - 1, 2.5)],
    }[shape]  # fmt: skip
    coords = " ".join(f"{n(x + dx)},{n(y + dy)}" for dx, dy in points)
    return f'<polygon class="{css}" points="{coords}"/>'


def _place(points: list[_Point], scale: Scale) -> list[_Point]:
    """Each report at its day and time; an untimed report no later than the same reporter's
    next report of that day, so a reporter's line never runs back in time."""
    placed: list[_Point] = []
    following: dict[int, _Point] = {}
    for point in reversed(points):
        report = point.dated.report
        minutes = minutes_of(report.time)
        assert point.dated.day is not None
        x = scale.x(point.dated.day, 0.5 if minutes is None else minutes / 1440)
        after = following.get(point.series)
        if minutes is None and after is not None and after.dated.day == point.dated.day:
            x = min(x, after.x)
        placed.append(_Point(point.dated, point.series, x))
        following[point.series] = placed[-1]
    return placed[::-1]


class _Labels:
    """Value labels placed where they overlap no other label and no marker (else left out:
    the table has them)."""

    def __init__(self, points: list[_Point], scale: Scale) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []
        for point in points:  # each marker with its caret or ring
            low, high = ends(point.dated.report)
            reach = 9 if point.dated.report.qualifier in FLOORS | CEILINGS else 6
            self.boxes.append(
                (point.x - 8, scale.y(high) - reach, point.x + 8, scale.y(low) + reach)
            )

    def fit(self, x: float, y: float, text: str, side: int = 0) -> tuple[float, float] | None:
        """``text`` centred at ``x`` (``side`` -1 or 1: its right or left end there)."""
        half = len(text) * CHAR / 2
        x += side * half
        x = min(max(x, LEFT + half), WIDTH - RIGHT - half + 4)
        box = (x - half - 1, y - FONT + 2, x + half + 1, y + 2)
        if (
            box[1] < 0
            or box[3] > AXIS
            or any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                for b in self.boxes
            )
        ):
            return None
        self.boxes.append(box)
        return x, y


def _wrap(text: str, chars: int) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


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
    reporters = list(dict.fromkeys(d.reporter for d in dated))
    days = [d.day for d in dated if d.day is not None]
    top, step = _nice_top(max(ends(d.report)[1] for d in dated))
    scale = Scale(min(days), max(days), top)
    points = _place([_Point(d, reporters.index(d.reporter), 0.0) for d in dated], scale)
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
    body.extend(_series(points, scale, len(reporters)))
    body.extend(_point_marks(points, scale, fv.headline))
    legend, height = _legend([name_of(r) for r in reporters], points, fv.headline)
    body.extend(legend)
    title_id, desc_id = f"chart-{figure_id}-title", f"chart-{figure_id}-desc"
    title = escape_text(f"{fv.figure.counts.rstrip('. ')}: every report over time")
    words = [trend_sentence(fv), _reported_by([name_of(r) for r in reporters])]
    if any(d.report.qualifier in FLOORS for d in dated):
        words.append("An upward caret marks a floor (“at least”, “more than”).")
    if any(d.report.qualifier in CEILINGS for d in dated):
        words.append("A downward caret marks a ceiling (“up to”, “fewer than”).")
    if any(d.report.value is None for d in dated):
        words.append("A shaded band is a range.")
    words.append(f"The ringed point is the number shown above, {bare_number(fv.headline.report)}.")
    if len(dated) < len(fv.history):
        words.append("Reports with no known date are in the table only.")
    words.append(
        "The table below holds every report."
        if table_below
        else "Every report is in a table on the figures page."
    )
    svg = [
        '<div class="figure-chart" data-search-exclude="chart">',
        f'<svg class="figure-chart__plot" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" data-figure="{figure_id}">',
        f'<title id="{title_id}">{title}</title>',
        f'<desc id="{desc_id}">{escape_text(" ".join(words))}</desc>',
        *body,
        "</svg>",
        *event_strip(figure_id, scale, events, event_href),
        "</div>",
    ]
    return "\n".join(svg)


def _reported_by(names: list[str]) -> str:
    if len(names) == 1:
        return f"One reporter: {names[0]}."
    return f"{len(names)} reporters: {', '.join(names[:-1])} and {names[-1]}."


def _series(points: list[_Point], scale: Scale, count: int) -> list[str]:
    out: list[str] = []
    for series in range(count):
        mine = [p for p in points if p.series == series]
        css = f"chart-series chart-series--{series % len(DASHES) + 1}"
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
        dash = DASHES[series % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path class="chart-line {css}" d="{"".join(path)}"{dash_attr}/>')
    return out


def _point_marks(points: list[_Point], scale: Scale, headline: Dated) -> list[str]:
    out: list[str] = []
    labels = _Labels(points, scale)
    order = sorted(points, key=lambda p: (p.dated is not headline, -p.x))
    texts: dict[str, str] = {}
    for point in order:  # the headline's label first, then the latest ones
        report = point.dated.report
        low, high = ends(report)
        text = bare_number(report)
        above = scale.y(high) - 9 - (7 if report.qualifier in FLOORS else 0)
        below = scale.y(low) + 9 + FONT + (7 if report.qualifier in CEILINGS else 0)
        middle = scale.y((low + high) / 2) + 4
        spot = (
            labels.fit(point.x, above, text)
            or labels.fit(point.x, below, text)
            or labels.fit(point.x - 10, middle, text, side=-1)
            or labels.fit(point.x + 10, middle, text, side=1)
        )
        if spot is not None:
            bold = " chart-label--headline" if point.dated is headline else ""
            texts[report.id] = (
                f'<text class="chart-label{bold}" x="{n(spot[0])}" y="{n(spot[1])}" '
                f'text-anchor="middle">{text}</text>'
            )
    for point in points:  # in history order
        report = point.dated.report
        low, high = ends(report)
        y = scale.y((low + high) / 2)
        css = f"chart-series--{point.series % len(DASHES) + 1}"
        attrs = (
            f'class="chart-point {css}" data-report="{report.id}" '
            f'data-reporter="{point.dated.reporter}" data-day="{point.dated.day}" '
            f'data-low="{format_number(low)}" data-high="{format_number(high)}" '
            f'data-qualifier="{report.qualifier.value}"'
        )
        if point.dated is headline:
            attrs += ' data-headline="true"'
        out.append(f"<g {attrs}>")
        if point.dated is headline:
            out.append(f'<circle class="chart-ring" cx="{n(point.x)}" cy="{n(y)}" r="9"/>')
        out.append(_marker(SHAPES[point.series % len(SHAPES)], point.x, y, "chart-marker"))
        if report.qualifier in FLOORS:
            top = scale.y(high) - 7
            out.append(f'<path class="chart-floor" d="M{n(point.x - 5)} {n(top)}l5 -6l5 6"/>')
        if report.qualifier in CEILINGS:
            bottom = scale.y(low) + 7
            out.append(f'<path class="chart-floor" d="M{n(point.x - 5)} {n(bottom)}l5 6l5 -6"/>')
        if report.id in texts:
            out.append(texts[report.id])
        out.append("</g>")
    return out


def _legend(names: list[str], points: list[_Point], headline: Dated) -> tuple[list[str], int]:
    """The legend under the day axis, one reporter a row; (its markup, the SVG's height)."""
    out: list[str] = []
    y = AXIS + 38
    chars = int((WIDTH - LEFT - 30) / CHAR)
    for series, name in enumerate(names):
        css = f"chart-series--{series % len(DASHES) + 1}"
        dash = DASHES[series % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="chart-key {css}">')
        out.append(
            f'<path class="chart-line chart-series {css}" d="M{LEFT - 28} {y - 4}h24"{dash_attr}/>'
        )
        out.append(_marker(SHAPES[series % len(SHAPES)], LEFT - 16, y - 4, "chart-marker"))
        for line in _wrap(name, chars):
            out.append(
                f'<text class="chart-name" x="{LEFT + 2}" y="{y}">{escape_text(line)}</text>'
            )
            y += ROW
        out.append("</g>")
    reports = [p.dated.report for p in points]
    extras = []
    if any(r.qualifier in FLOORS for r in reports):
        extras.append(("floor", "at least / more than"))
    if any(r.qualifier in CEILINGS for r in reports):
        extras.append(("ceiling", "up to / fewer than"))
    if any(r.value is None for r in reports):
        extras.append(("band", "a range"))
    when = f" ({long_date(headline.day)})" if headline.day else ""
    extras.append(("ring", f"shown above: {bare_number(headline.report)}{when}"))
    for sign, text in extras:
        x0 = LEFT - 16
        if sign == "floor":
            out.append(f'<path class="chart-floor" d="M{x0 - 5} {y - 1}l5 -6l5 6"/>')
        elif sign == "ceiling":
            out.append(f'<path class="chart-floor" d="M{x0 - 5} {y - 8}l5 6l5 -6"/>')
        elif sign == "band":
            out.append(f'<rect class="chart-band chart-series--0" x="{x0 - 8}" y="{y - 11}" '
                       'width="16" height="10"/>')  # fmt: skip
        else:
            out.append(f'<circle class="chart-ring" cx="{x0}" cy="{y - 4}" r="7"/>')
        out.append(f'<text class="chart-name" x="{LEFT + 2}" y="{y}">{text}</text>')
        y += ROW
    return out, y - ROW + 8
