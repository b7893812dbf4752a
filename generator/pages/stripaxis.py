"""The overview strip's time axis: its pieces, its breaks and its tick labels.

An axis is a row of :class:`Segment` s, each a run of days drawn to its own proportional scale;
between two segments, a :class:`Break` stands for days the axis leaves out. :func:`axis_for`
breaks the axis only where a gap between the marks is far longer than the rest together (an
anniversary 32 years before a two-day story: without a break, the story would be squashed into
the last pixel); a segment's width follows the number of marks in it, at least
:data:`MIN_SEGMENT_SHARE`, so the outlier keeps room for its label and the story the rest.

:func:`axis_ticks` labels the axis: its ends, the start of each segment, then month (or year)
boundaries and, on a short segment, each day, as many as fit without touching at the narrowest
width (:data:`PLOT_MIN_REM`): a label is kept only if it clears every label kept before it, the
ends and round dates first. On an axis over more than one year, the start of each segment, each
1 January and the end (when its segment began in another year) say their year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.pages.wording import long_date

__all__ = [
    "BREAK_SHARE",
    "MIN_SEGMENT_SHARE",
    "PLOT_MIN_REM",
    "Axis",
    "Break",
    "Segment",
    "Tick",
    "axis_for",
    "axis_ticks",
    "percent",
]

PLOT_MIN_REM = 15.0
"""The least width of the strip's plot (300 px): narrower screens scroll it sideways."""

CHAR_SHARE = 100 * 0.36 / PLOT_MIN_REM
"""A tick label's average character in percent of the narrowest plot (0.65rem text)."""

LABEL_GAP = CHAR_SHARE / 2
"""The least room between two labels, in percent of the narrowest plot."""

DAY_TICKS_UP_TO = 14
"""A segment of up to this many days labels each day; a longer one, its ends and each month."""

YEAR_TICKS_FROM = 3 * 366
"""A segment of more days than this labels years, not months."""

BREAK_MIN_DAYS = 30
"""A gap shorter than this is never left out of the axis."""

BREAK_FACTOR = 4
"""A gap is left out when it is more than this many times the days the axis shows without the
gaps left out."""

MAX_BREAKS = 3
"""The most gaps one axis leaves out."""

BREAK_SHARE = 6.0
"""A break's width in percent of the axis."""

MIN_SEGMENT_SHARE = 20.0
"""A segment's least width in percent of the axis: room for its first label."""

_SHORT_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def percent(value: float) -> str:
    """16.6666 -> '16.667%' (three decimals at most, no trailing zeros)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text}%"


@dataclass(frozen=True)
class Segment:
    """A run of days on the axis, each an equal slice of ``width`` percent from ``left``."""

    first: dt.date
    last: dt.date
    left: float
    width: float

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Break:
    """Days the axis leaves out, ``first`` to ``last``, drawn as a marked gap."""

    first: dt.date
    last: dt.date
    left: float
    width: float

    @property
    def style(self) -> str:
        return f"left: {percent(self.left)}; width: {percent(self.width)}"

    @property
    def words(self) -> str:
        """'The axis leaves out 32 years with no events: 1 July 1991 to 8 September 2023'."""
        return (
            f"The axis leaves out {length_words(self.first, self.last)} with no events: "
            f"{long_date(self.first)} to {long_date(self.last)}"
        )


def length_words(first: dt.date, last: dt.date) -> str:
    """How long ``first`` to ``last`` (both included) is, roughly: '32 years', '5 months',
    '40 days'."""
    end = last + dt.timedelta(days=1)
    months = (end.year - first.year) * 12 + end.month - first.month - (end.day < first.day)
    if months >= 24:
        return f"{months // 12} years"
    if months >= 2:
        return f"{months} months"
    days = (end - first).days
    return f"{days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True)
class Tick:
    """A label on the time axis."""

    left: float
    label: str
    align: Literal["start", "middle", "end"]

    @property
    def style(self) -> str:
        return f"left: {percent(self.left)}"

    def extent(self) -> tuple[float, float]:
        """Where the label's text lies at the narrowest width, in percent."""
        width = len(self.label) * CHAR_SHARE
        if self.align == "start":
            return self.left, self.left + width
        if self.align == "end":
            return self.left - width, self.left
        return self.left - width / 2, self.left + width / 2


@dataclass(frozen=True)
class Axis:
    segments: tuple[Segment, ...]
    breaks: tuple[Break, ...]

    @property
    def first(self) -> dt.date:
        return self.segments[0].first

    @property
    def last(self) -> dt.date:
        return self.segments[-1].last

    def x(self, day: dt.date, fraction: float = 0.0) -> float:
        """Where ``day`` (plus ``fraction`` of it) is, in percent of the axis."""
        segment = next(
            (s for s in self.segments if day <= s.last),
            self.segments[-1],
        )
        offset = (day - segment.first).days + fraction
        return segment.left + segment.width * offset / segment.days


def _clusters(spans: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date, int]]:
    """The runs of days the spans cover with no day between them: (first, last, spans in it)."""
    out: list[tuple[dt.date, dt.date, int]] = []
    for first, last in sorted(spans):
        if out and (first - out[-1][1]).days <= 1:  # (no day after 31 December 9999)
            begin, end, count = out[-1]
            out[-1] = (begin, max(end, last), count + 1)
        else:
            out.append((first, last, 1))
    return out


def _broken(clusters: list[tuple[dt.date, dt.date, int]]) -> set[int]:
    """The gaps (by the index of the cluster after them) that the axis leaves out: the fewest
    longest gaps, at most :data:`MAX_BREAKS`, each at least :data:`BREAK_MIN_DAYS` and more than
    :data:`BREAK_FACTOR` times the days the axis shows without them, that leave one piece with
    most of the marks. Marks spread evenly leave no such piece: their axis stays whole."""
    gaps = sorted(
        ((clusters[i][0] - clusters[i - 1][1]).days - 1, i) for i in range(1, len(clusters))
    )[::-1]
    total = (clusters[-1][1] - clusters[0][0]).days + 1
    marks = sum(count for _first, _last, count in clusters)
    for k in range(1, min(MAX_BREAKS, len(gaps)) + 1):
        chosen = gaps[:k]
        shortest = chosen[-1][0]
        if shortest < BREAK_MIN_DAYS:
            break
        if shortest <= BREAK_FACTOR * (total - sum(gap for gap, _i in chosen)):
            continue
        cuts = sorted(i for _gap, i in chosen)
        pieces = [
            sum(c[2] for c in clusters[a:b])
            for a, b in zip([0, *cuts], [*cuts, len(clusters)], strict=True)
        ]
        if 2 * max(pieces) > marks:
            return set(cuts)
    return set()


def _shares(weights: list[int], room: float) -> list[float]:
    """``room`` shared in proportion to ``weights``, none below :data:`MIN_SEGMENT_SHARE`."""
    fixed: set[int] = set()
    while True:
        free = room - MIN_SEGMENT_SHARE * len(fixed)
        total = sum(w for i, w in enumerate(weights) if i not in fixed)
        shares = [
            MIN_SEGMENT_SHARE if i in fixed else free * w / total for i, w in enumerate(weights)
        ]
        small = {i for i, share in enumerate(shares) if share < MIN_SEGMENT_SHARE} - fixed
        if not small or len(fixed | small) == len(weights):
            return shares
        fixed |= small


def axis_for(spans: Sequence[tuple[dt.date, dt.date]]) -> Axis:
    """The axis for marks over ``spans`` (first and last day of each; at least one)."""
    clusters = _clusters(spans)
    broken = _broken(clusters)
    pieces: list[tuple[dt.date, dt.date, int]] = []
    for index, (first, last, count) in enumerate(clusters):
        if pieces and index not in broken:
            begin, _end, before = pieces[-1]
            pieces[-1] = (begin, last, before + count)
        else:
            pieces.append((first, last, count))
    if len(pieces) == 1:
        first, last, _count = pieces[0]
        return Axis((Segment(first, last, 0.0, 100.0),), ())
    room = 100.0 - BREAK_SHARE * (len(pieces) - 1)
    shares = _shares([count for _first, _last, count in pieces], room)
    segments: list[Segment] = []
    breaks: list[Break] = []
    left = 0.0
    for (first, last, _count), share in zip(pieces, shares, strict=True):
        if segments:
            gap_first = segments[-1].last + dt.timedelta(days=1)
            breaks.append(Break(gap_first, first - dt.timedelta(days=1), left, BREAK_SHARE))
            left += BREAK_SHARE
        segments.append(Segment(first, last, left, share))
        left += share
    return Axis(tuple(segments), tuple(breaks))


def _short(day: dt.date, year: bool = False) -> str:
    text = f"{day.day} {_SHORT_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _candidates(axis: Axis) -> list[tuple[int, Tick]]:
    """Every label the axis could show, with its rank (lower first)."""
    years = axis.first.year != axis.last.year
    out: list[tuple[int, Tick]] = []
    for number, segment in enumerate(axis.segments):
        first, days = segment.first, segment.days
        if days <= DAY_TICKS_UP_TO:
            for i in range(days):
                day = first + dt.timedelta(days=i)
                if i == 0 or day.day == 1:
                    label = _short(day, years and (i == 0 or day.month == 1))
                else:
                    label = str(day.day)
                out.append((0 if i == 0 else 6, Tick(axis.x(day, 0.5), label, "middle")))
            continue
        out.append((0, Tick(segment.left, _short(first, years), "start")))
        if number == len(axis.segments) - 1:  # its year, unless its segment's start said it
            end_year = years and segment.last.year != first.year
            out.append((0, Tick(100.0, _short(segment.last, end_year), "end")))
        if days > YEAR_TICKS_FROM:  # 1 January of each year, the roundest first
            for year in range(first.year + 1, segment.last.year + 1):
                out.append(
                    (_year_rank(year), Tick(axis.x(dt.date(year, 1, 1)), str(year), "middle"))
                )
            continue
        month = _next_month(first)
        while month is not None and month <= segment.last:
            rank = 1 if month.month == 1 else 2 if month.month in (4, 7, 10) else 3
            out.append(
                (rank, Tick(axis.x(month), _short(month, years and month.month == 1), "middle"))
            )
            month = _next_month(month)
    return out


def _next_month(day: dt.date) -> dt.date | None:
    """The 1st of the month after ``day``'s (None after December 9999, the last there is)."""
    if day.month == 12:
        return None if day.year == dt.MAXYEAR else dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


def _year_rank(year: int) -> int:
    """1 for a year ending in 000 (or year 1000, 2000 ...), 2 in 00, 3 in 0, 4 in 5, else 5: the
    roundest years are labelled first, spread along the axis, the others where room is left."""
    for rank, every in enumerate((1000, 100, 10, 5), start=1):
        if year % every == 0:
            return rank
    return 5


def axis_ticks(axis: Axis) -> list[Tick]:
    """The labels of ``axis`` that fit, in order along it (see the module's docstring)."""
    kept: list[Tick] = []
    taken: list[tuple[float, float]] = []
    ranked = sorted(enumerate(_candidates(axis)), key=lambda item: (item[1][0], item[0]))
    for _order, (_rank, tick) in ranked:
        begin, end = tick.extent()
        if all(end + LABEL_GAP <= a or begin - LABEL_GAP >= b for a, b in taken):
            kept.append(tick)
            taken.append((begin, end))
    return sorted(kept, key=lambda tick: tick.left)
