"""How a figure's chart tells its reporters apart, and its legend.

Each reporter is a *series* with a style of its own: a marker shape (filled or hollow), a dash
pattern and a colour (a CSS class, ``theme/assets/charts.css``), all three different from every
other series' up to :data:`NAMED` reporters, so no two are alike in colour, in shape or in dash,
in print and for a reader who does not tell the colours apart. With more reporters than that,
the first ``NAMED - 1`` keep their own styles and the rest share one, "others", named in the
legend by their number (the table under the chart names each). A report that is disputed,
denied or retracted is no series' point: it is drawn as a cross of its own
(:func:`apart_mark`), and the legend says what the cross means.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages.escape import escape_text
from generator.pages.timeaxis import AXIS, CHAR, LEFT, WIDTH, n

__all__ = [
    "NAMED",
    "OTHERS",
    "ROW",
    "STYLES",
    "Style",
    "apart_mark",
    "legend",
    "marker",
    "style_of",
    "wrap",
]

ROW = 18


@dataclass(frozen=True)
class Style:
    css: str
    """The series' class (its colour, in charts.css)."""
    shape: str
    hollow: bool
    dash: str
    """An SVG stroke-dasharray ('' for a solid line)."""

    def dash_attr(self) -> str:
        return f' stroke-dasharray="{self.dash}"' if self.dash else ""


STYLES = tuple(
    Style(f"chart-series--{number}", shape, hollow, dash)
    for number, (shape, hollow, dash) in enumerate(
        (
            ("circle", False, ""),
            ("square", False, "6 3"),
            ("diamond", False, "2 3"),
            ("triangle", False, "8 3 2 3"),
            ("cross", False, "4 4"),
            ("bar", False, "1 3"),
            ("circle", True, "10 4"),
            ("square", True, "8 3 2 3 2 3"),
            ("diamond", True, "3 6"),
            ("triangle", True, "12 3 3 3"),
            ("cross", True, "2 6"),
            ("bar", True, "6 2 2 2 2 2"),
        ),
        start=1,
    )
)
"""One per reporter, each unlike every other in shape (or fill), dash and colour."""
NAMED = len(STYLES)
OTHERS = Style("chart-series--others", "dot", False, "1 2")
"""The style the reporters beyond the first ``NAMED - 1`` share, when there are more than
``NAMED``."""


def style_of(series: int, count: int) -> Style:
    """The style of series number ``series`` (0-based) of ``count``."""
    if count > NAMED and series >= NAMED - 1:
        return OTHERS
    return STYLES[series]


def marker(style: Style, x: float, y: float) -> str:
    """The series' marker centred at (x, y)."""
    css = "chart-marker chart-marker--hollow" if style.hollow else "chart-marker"
    s = 4.5
    if style.shape == "dot":
        return f'<circle class="{css}" cx="{n(x)}" cy="{n(y)}" r="2.5"/>'
    if style.shape == "circle":
        return f'<circle class="{css}" cx="{n(x)}" cy="{n(y)}" r="{s}"/>'
    if style.shape == "square":
        return f'<rect class="{css}" x="{n(x - 4)}" y="{n(y - 4)}" width="8" height="8"/>'
    points = {
        "diamond": [(0, -s - 1), (s + 1, 0), (0, s + 1), (-s - 1, 0)],
        "triangle": [(-s, -s + 1), (s, -s + 1), (0, s + 1)],
        "cross": [(-s, -1.5), (-1.5, -1.5), (-1.5, -s), (1.5, -s), (1.5, -1.5), (s, -1.5),
                  (s, 1.5), (1.5, 1.5), (1.5, s), (-1.5, s), (-1.5, 1.5), (-s, 1.5)],
        "bar": [(-s - 1, -2.5), (s + 1, -2.5), (s + 1, 2.5), (-s - 1, 2.5)],
    }[style.shape]  # fmt: skip
    coords = " ".join(f"{n(x + dx)},{n(y + dy)}" for dx, dy in points)
    return f'<polygon class="{css}" points="{coords}"/>'


def apart_mark(x: float, y: float) -> str:
    """A report that does not stand: a cross (×), joined to no line, in no series' colour."""
    return (
        f'<path class="chart-apart" d="M{n(x - 5)} {n(y - 5)}l10 10M{n(x - 5)} {n(y + 5)}l10 -10"/>'
    )


def wrap(text: str, chars: int) -> list[str]:
    """``text`` in lines of at most ``chars`` characters, at spaces; a longer word is cut."""
    lines: list[str] = []
    for whole in text.split(" "):
        pieces = [whole[i : i + chars] for i in range(0, len(whole), chars)] or [""]
        for word in pieces:
            if lines and len(lines[-1]) + 1 + len(word) <= chars:
                lines[-1] += " " + word
            else:
                lines.append(word)
    return lines


@dataclass(frozen=True)
class Key:
    """One entry of the legend that is not a reporter: a sign and what it means."""

    sign: str
    """floor, ceiling, band, span, apart or ring."""
    text: str


def legend(names: list[str], keys: list[Key], count: int) -> tuple[list[str], int]:
    """The legend under the day axis, one reporter a row, then the other signs; (its markup,
    the SVG's height). ``names``: the series' names, in series order, of ``count`` reporters
    (with more than :data:`NAMED`, the last name is the others')."""
    out: list[str] = []
    y = AXIS + 38
    chars = int((WIDTH - LEFT - 30) / CHAR)
    for series, name in enumerate(names):
        style = style_of(series, count)
        out.append(f'<g class="chart-key {style.css}">')
        out.append(
            f'<path class="chart-line chart-series {style.css}" d="M{LEFT - 28} {y - 4}h24"'
            f"{style.dash_attr()}/>"
        )
        out.append(marker(style, LEFT - 16, y - 4))
        for line in wrap(name, chars):
            out.append(
                f'<text class="chart-name" x="{LEFT + 2}" y="{y}">{escape_text(line)}</text>'
            )
            y += ROW
        out.append("</g>")
    for key in keys:
        x0 = LEFT - 16
        if key.sign == "floor":
            out.append(f'<path class="chart-floor" d="M{x0 - 5} {y - 1}l5 -6l5 6"/>')
        elif key.sign == "ceiling":
            out.append(f'<path class="chart-floor" d="M{x0 - 5} {y - 8}l5 6l5 -6"/>')
        elif key.sign == "band":
            out.append(f'<rect class="chart-band chart-series--0" x="{x0 - 8}" y="{y - 11}" '
                       'width="16" height="10"/>')  # fmt: skip
        elif key.sign == "span":
            out.append(f'<path class="chart-day-span" d="M{x0 - 10} {y - 4}h20'
                       f'M{x0 - 10} {y - 7}v6M{x0 + 10} {y - 7}v6"/>')  # fmt: skip
        elif key.sign == "apart":
            out.append(apart_mark(x0, y - 4))
        else:
            out.append(f'<circle class="chart-ring" cx="{x0}" cy="{y - 4}" r="7"/>')
        for line in wrap(key.text, chars):
            out.append(
                f'<text class="chart-name" x="{LEFT + 2}" y="{y}">{escape_text(line)}</text>'
            )
            y += ROW
    return out, y - ROW + 8
