"""A figure's reports over time as inline SVG, made at build time (no JavaScript, no other host).

:func:`figure_chart` draws one :class:`~generator.pages.figures.FigureView`: a step line per
reporter through the reports that stand (a report holds until that reporter's next one, and the
last one to the end of its day, so a toll from the first morning is not drawn beside the last
evening's), a range as a band, a floor ("at least", "more than") as an upward caret and a
ceiling ("up to", "fewer than", "nearly", "almost") as a downward one, the headline report
ringed. A report that is disputed, denied or retracted is drawn apart: a cross at its value,
joined to no line, labelled with its number and its status, in the legend and the description,
and counted in none of the chart's numbers. The time axis is proportional: one band per day; a
report at its local time of day when it has one, the day's others spread between them in the
history's order (one alone at noon), so a fall and a rise within one day read as such.
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
The time axis and the event marks are :mod:`generator.pages.timeaxis`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from generator.pages.chartstyle import NAMED, Key, apart_mark, legend, marker, style_of
from generator.pages.chartwords import CEILINGS, FLOORS, description, ends, status_word
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
    day_fractions,
    event_strip,
    n,
)
from generator.pages.wording import bare_number, format_number, long_date, number_text
from generator.schema.model import Event

__all__ = ["figure_chart"]


OFF_ROW = 16
"""The height of a row over the plot for a report drawn apart whose number is above the value
axis: the axis follows the reports that stand (a withdrawn toll five times the others would
squash them flat against zero), and each such report gets a row of its own over the plot, its
cross at its time and its label beside it."""


@dataclass(frozen=True)
class _Point:
    dated: Dated
    series: int
    """The reporter's series; -1 for a report drawn apart."""
    x: float
    off_row: int | None = None
    """For a report drawn apart above the value axis: its row over the plot (0 the lowest)."""

    @property
    def apart(self) -> bool:
        return self.series < 0


def _y(point: _Point, scale: Scale) -> float:
    """The middle of a point's number on the value axis; its row over the plot (at negative y:
    the SVG's view box then starts above 0) for a report drawn apart above the axis."""
    if point.off_row is not None:
        return -OFF_ROW / 2 - point.off_row * OFF_ROW
    low, high = ends(point.dated.report)
    return scale.y((low + high) / 2)


def _off_scale(points: list[_Point], top: float) -> list[_Point]:
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


def _place(dated: list[Dated], series: dict[str, int], scale: Scale) -> list[_Point]:
    """Each report at its day and its place in the day
    (:func:`~generator.pages.timeaxis.day_fractions`)."""
    days: dict[object, list[Dated]] = {}
    for each in dated:
        days.setdefault(each.day, []).append(each)
    points: list[_Point] = []
    for day, todays in days.items():
        assert day is not None
        times = [each.report.time for each in todays]
        for each, fraction in zip(todays, day_fractions(times), strict=True):
            number = series[each.reporter] if each.standing else -1
            points.append(_Point(each, number, scale.x(each.day or scale.first, fraction)))
    return points


class _Labels:
    """Value labels placed where they overlap no other label and no marker (else left out:
    the table has them)."""

    def __init__(self, points: list[_Point], scale: Scale) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []
        for point in points:  # each marker with its caret or ring
            low, high = ends(point.dated.report)
            if point.apart:  # (one over the plot is in no one's way)
                y = _y(point, scale)
                self.boxes.append((point.x - 6, y - 6, point.x + 6, y + 6))
                continue
            reach = 9 if point.dated.report.qualifier in FLOORS | CEILINGS else 6
            self.boxes.append(
                (point.x - 8, scale.y(high) - reach, point.x + 8, scale.y(low) + reach)
            )

    def fit(
        self, x: float, y: float, text: str, side: int = 0, force: bool = False
    ) -> tuple[float, float] | None:
        """``text`` centred at ``x`` (``side`` -1 or 1: its right or left end there);
        ``force``: placed even where it overlaps (a label that must be there)."""
        half = len(text) * CHAR / 2
        x += side * half
        x = min(max(x, LEFT + half), WIDTH - RIGHT - half + 4)
        box = (x - half - 1, y - FONT + 2, x + half + 1, y + 2)
        if not force and (
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
    days = [d.day for d in dated if d.day is not None]
    scaled = [d for d in dated if d.standing] or dated  # the axis follows what stands
    top, step = _nice_top(max(ends(d.report)[1] for d in scaled))
    scale = Scale(min(days), max(days), top)
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
    body.extend(_point_marks(points, scale, fv.headline, count))

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


def _keys(points: list[_Point], headline: Dated) -> list[Key]:
    reports = [p.dated.report for p in points if not p.apart]
    keys = []
    if any(r.qualifier in FLOORS for r in reports):
        keys.append(Key("floor", "at least / more than"))
    if any(r.qualifier in CEILINGS for r in reports):
        keys.append(Key("ceiling", "up to / fewer than / nearly / almost"))
    if any(r.value is None for r in reports):
        keys.append(Key("band", "a range"))
    if any(p.apart for p in points):
        keys.append(Key("apart", "disputed, denied or retracted: not counted, on no line"))
    when = f" ({long_date(headline.day)})" if headline.day else ""
    keys.append(Key("ring", f"shown above: {bare_number(headline.report)}{when}"))
    return keys


def _series(points: list[_Point], scale: Scale, count: int) -> list[str]:
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


def _label_text(point: _Point, scale: Scale) -> str:
    """A point's label: its number (its qualifier is a caret); a report drawn apart says its
    qualifier and its status, and an arrow when it is above the axis ('↑ 11,300 retracted')."""
    if not point.apart:
        return bare_number(point.dated.report)
    arrow = "↑ " if point.off_row is not None else ""
    return f"{arrow}{number_text(point.dated.report)} {status_word(point.dated.report)}"


def _point_marks(points: list[_Point], scale: Scale, headline: Dated, count: int) -> list[str]:
    out: list[str] = []
    labels = _Labels(points, scale)
    # reports drawn apart are labelled first (their label says what they are), then the
    # headline, then the latest ones
    order = sorted(points, key=lambda p: (not p.apart, p.dated is not headline, -p.x))
    texts: dict[str, str] = {}
    for point in order:
        report = point.dated.report
        low, high = ends(report)
        text = _label_text(point, scale)
        anchor = "middle"
        spot: tuple[float, float] | None
        if point.off_row is not None:  # alone in its row: beside its cross, towards the room
            y = _y(point, scale) + 4
            wide = len(text) * CHAR
            side = 1 if point.x + 10 + wide <= WIDTH - RIGHT + 4 else -1
            spot = (point.x + side * 10, y)
            anchor = "start" if side == 1 else "end"
        elif point.apart:  # beside its cross, else in a row below; always there
            y = _y(point, scale) + 4
            side, spot = next(
                (
                    (side, found)
                    for row in (0, FONT + 1, -(FONT + 1), 2 * (FONT + 1))
                    for side in (1, -1)
                    if (found := labels.fit(point.x + side * 8, y + row, text, side=side))
                ),
                (1, labels.fit(point.x + 8, y, text, side=1, force=True)),
            )
            if spot is not None:  # anchored at the end nearer its cross: its font's width
                half = len(text) * CHAR / 2  # is not the estimate's
                anchor = "start" if side == 1 else "end"
                spot = (spot[0] - side * half, spot[1])
        else:
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
            css = " chart-label--headline" if point.dated is headline else ""
            css += " chart-label--apart" if point.apart else ""
            texts[report.id] = (
                f'<text class="chart-label{css}" x="{n(spot[0])}" y="{n(spot[1])}" '
                f'text-anchor="{anchor}">{escape_text(text)}</text>'
            )
    for point in points:  # in history order
        out.extend(_point(point, scale, headline, count, texts.get(point.dated.report.id)))
    return out


def _point(
    point: _Point, scale: Scale, headline: Dated, count: int, label: str | None
) -> list[str]:
    report = point.dated.report
    low, high = ends(report)
    y = _y(point, scale)
    css = "chart-apart-point" if point.apart else style_of(point.series, count).css
    attrs = (
        f'class="chart-point {css}" data-report="{report.id}" '
        f'data-reporter="{point.dated.reporter}" data-day="{point.dated.day}" '
        f'data-low="{format_number(low)}" data-high="{format_number(high)}" '
        f'data-qualifier="{report.qualifier.value}"'
    )
    if point.apart:
        attrs += f' data-status="{report.status[-1].status.value}"'
        if point.off_row is not None:
            attrs += ' data-off-scale="true"'
    if point.dated is headline:
        attrs += ' data-headline="true"'
    out = [f"<g {attrs}>"]
    if point.dated is headline:
        out.append(f'<circle class="chart-ring" cx="{n(point.x)}" cy="{n(y)}" r="9"/>')
    if point.apart:  # a cross, no caret nor band: its label says the qualifier
        out.append(apart_mark(point.x, y))
    else:
        out.append(marker(style_of(point.series, count), point.x, y))
        if report.qualifier in FLOORS:
            top = scale.y(high) - 7
            out.append(f'<path class="chart-floor" d="M{n(point.x - 5)} {n(top)}l5 -6l5 6"/>')
        if report.qualifier in CEILINGS:
            bottom = scale.y(low) + 7
            out.append(f'<path class="chart-floor" d="M{n(point.x - 5)} {n(bottom)}l5 6l5 -6"/>')
    if label is not None:
        out.append(label)
    out.append("</g>")
    return out
