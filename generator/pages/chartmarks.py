"""The marks of each report on a figure's chart (:mod:`generator.pages.charts`): its marker in
its reporter's style, a caret for a floor or a ceiling, a ring for the number shown above, a
cross for a report drawn apart, the dotted line of the days a bounded date may be from, and its
value label where it overlaps nothing. Every text from YAML is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages.chartstyle import apart_mark, marker, style_of
from generator.pages.chartwords import CEILINGS, FLOORS, ends, spans_days, status_word
from generator.pages.escape import escape_text
from generator.pages.figures import Dated
from generator.pages.timeaxis import AXIS, CHAR, FONT, LEFT, RIGHT, WIDTH, Scale, n
from generator.pages.wording import bare_number, format_number, number_text
from generator.schema.model import DateQualifier

__all__ = ["OFF_ROW", "Point", "point_marks"]


OFF_ROW = 16
"""The height of a row over the plot for a report drawn apart whose number is above the value
axis: the axis follows the reports that stand (a withdrawn toll five times the others would
squash them flat against zero), and each such report gets a row of its own over the plot, its
cross at its time and its label beside it."""


@dataclass(frozen=True)
class Point:
    """One report's place on the chart."""

    dated: Dated
    series: int
    """The reporter's series; -1 for a report drawn apart."""
    x: float
    off_row: int | None = None
    """For a report drawn apart above the value axis: its row over the plot (0 the lowest)."""

    @property
    def apart(self) -> bool:
        return self.series < 0


def _y(point: Point, scale: Scale) -> float:
    """The middle of a point's number on the value axis; its row over the plot (at negative y:
    the SVG's view box then starts above 0) for a report drawn apart above the axis."""
    if point.off_row is not None:
        return -OFF_ROW / 2 - point.off_row * OFF_ROW
    low, high = ends(point.dated.report)
    return scale.y((low + high) / 2)


def _date_span(point: Point, scale: Scale) -> tuple[float, float, str, str] | None:
    """For a report whose number is known only between bounds ("on or before 5 July", "between
    3 and 5 July"): (from x, to x, its left end, its right end), each end "tick" at a bound or
    "arrow" where the days run on ("on or before": earlier, by how much no one says; drawn
    :data:`OPEN_REACH` past the point, not to the plot's edge, where it would read as a
    number's line). It holds the point. None for a day known to the day, "about" (its day is
    the editor's best reading, which the words say), or a report drawn in a row over the plot
    (its row has no room; the table says its date)."""
    report, day = point.dated.report, point.dated.day
    if not spans_days(point.dated) or day is None or point.off_row is not None:
        return None
    start, end = float(LEFT), scale.x(scale.first, scale.days)  # the plot's edges
    match report.as_of_qualifier:
        case DateQualifier.BEFORE | DateQualifier.ON_OR_BEFORE as qualifier:
            right = scale.x(day, 1.0 if qualifier is DateQualifier.ON_OR_BEFORE else 0.0)
            return max(start, min(point.x, right) - OPEN_REACH), right, "arrow", "tick"
        case DateQualifier.AFTER | DateQualifier.ON_OR_AFTER as qualifier:
            left = scale.x(day, 0.0 if qualifier is DateQualifier.ON_OR_AFTER else 1.0)
            return left, min(end, max(point.x, left) + OPEN_REACH), "tick", "arrow"
    assert report.as_of_end is not None  # spans_days: a "between" has its last day
    # the axis runs to its last day (generator.pages.charts._axis_days)
    return scale.x(day, 0.0), scale.x(report.as_of_end, 1.0), "tick", "tick"


def _span_y(point: Point, scale: Scale) -> float:
    """Where a point's date span is drawn: under its marker, clear of its ring (9 units), its
    ceiling caret or its band; over it when that would reach the day axis."""
    report = point.dated.report
    if point.apart:
        return _y(point, scale) + 10
    low, high = ends(report)
    below = scale.y(low) + (16 if report.qualifier in CEILINGS else 12)
    if below <= AXIS - 4:
        return below
    return scale.y(high) - (16 if report.qualifier in FLOORS else 12)


OPEN_REACH = 28.0
"""How long the open side of a bounded date is drawn ("on or before": an arrow 28 units long)."""


def _span_path(left: float, right: float, ends: tuple[str, str], y: float) -> str:
    """The dotted line from ``left`` to ``right`` at ``y``, a tick or an arrowhead at each end."""
    path = f"M{n(left)} {n(y)}H{n(max(right, left + 2))}"
    for x, end, towards in ((left, ends[0], 1), (right, ends[1], -1)):
        if end == "tick":
            path += f"M{n(x)} {n(y - 3)}v6"
        else:  # an arrowhead pointing out, the way the days run on
            path += f"M{n(x)} {n(y)}l{4 * towards} -3M{n(x)} {n(y)}l{4 * towards} 3"
    return path


class _Labels:
    """Value labels placed where they overlap no other label and no marker (else left out:
    the table has them)."""

    def __init__(self, points: list[Point], scale: Scale) -> None:
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
        for point in points:  # and a date span under it
            span = _date_span(point, scale)
            if span is not None:
                y = _span_y(point, scale)
                self.boxes.append((span[0], y - 4, span[1], y + 4))

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


def _label_text(point: Point, scale: Scale) -> str:
    """A point's label: its number (its qualifier is a caret); a report drawn apart says its
    qualifier and its status, and an arrow when it is above the axis ('↑ 11,300 retracted')."""
    if not point.apart:
        return bare_number(point.dated.report)
    arrow = "↑ " if point.off_row is not None else ""
    return f"{arrow}{number_text(point.dated.report)} {status_word(point.dated.report)}"


def point_marks(points: list[Point], scale: Scale, headline: Dated, count: int) -> list[str]:
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


def _point(point: Point, scale: Scale, headline: Dated, count: int, label: str | None) -> list[str]:
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
    span = _date_span(point, scale)
    if span is not None:
        attrs += ' data-day-span="true"'
    out = [f"<g {attrs}>"]
    if span is not None:
        path = _span_path(span[0], span[1], (span[2], span[3]), _span_y(point, scale))
        out.append(f'<path class="chart-day-span" d="{path}"/>')
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
