"""Share images: one 1200×630 PNG per page kind, drawn with Pillow at build time.

A :class:`Card` says what one image shows (the story's headline, the page's title, and on the
figures page a chart of the figures that changed, or their headline numbers); :func:`draw`
turns it into PNG bytes and :func:`images` draws a set of cards, reusing the PNG of a card drawn
before from a cache folder (keyed by a hash of everything drawn: same input, same bytes, no
timestamp in the file). Nothing here reads the network or downloads a font: the text is set in
a font file Debian ships (DejaVu Sans, which fontconfig and so chromium depend on, else
Liberation Sans); without either, Pillow's own font, which has no accented letters, with the
text folded to ASCII ("Francois"), so no glyph is drawn as an empty box. The fonts and the
fitting of text to a width, wrapped and cut, are :mod:`generator.outputs.sharetext`. Nothing
here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import __version__ as PILLOW_VERSION  # PIL's own package: no drawing code loaded

from generator.outputs import sharetext
from generator.outputs.sharetext import drawable, fit, font_at, font_file

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

__all__ = ["HEIGHT", "WIDTH", "Card", "Number", "Point", "Series", "draw", "images"]

WIDTH, HEIGHT = 1200, 630
"""The size Open Graph and Twitter's large card show without cropping."""

DRAWING_VERSION = hashlib.sha256(
    Path(__file__).read_bytes() + Path(sharetext.__file__).read_bytes()
).hexdigest()
"""Part of each cached image's key: the source of this module and of the text's, so a change to
the drawing is never hidden by an image the cache kept from before."""

# The site's colours (Material's indigo palette, mkdocs.yml's primary), as RGB.
INDIGO = (63, 81, 181)  # #3f51b5: white text on it has a contrast of 6.9:1
INDIGO_DARK = (40, 53, 147)  # #283593
INK = (26, 29, 51)  # body text on white: 16:1
MUTED = (78, 84, 107)  # secondary text on white: 7.4:1
PALE = (197, 202, 233)  # #c5cae9, indigo 100: text on INDIGO_DARK, 6.3:1
GRID = (224, 226, 236)
WHITE = (255, 255, 255)
SERIES_COLOURS = (
    (63, 81, 181),  # indigo
    (216, 67, 21),  # deep orange 800
    (0, 121, 107),  # teal 700
    (173, 20, 87),  # pink 800
    (121, 85, 72),  # brown 500
    (69, 90, 100),  # blue grey 700
)
"""One per reporter, each at least 4.5:1 on white."""


@dataclass(frozen=True)
class Point:
    day: dt.date
    low: float
    high: float
    """Equal to ``low`` for a single value; a range is drawn as a bar."""


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Chart:
    """One figure over time: a line per reporter."""

    title: str
    headline: str
    """The headline number in words ("22 people")."""
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Number:
    value: str
    label: str


@dataclass(frozen=True)
class Card:
    """What one share image shows."""

    name: str
    """The image's file stem (the page kind)."""
    kicker: str
    """The small line at the top: the story's headline (on the home card: the site's own)."""
    title: str
    text: str = ""
    """A paragraph under the title (the home card's standfirst)."""
    charts: tuple[Chart, ...] = ()
    numbers: tuple[Number, ...] = ()
    home: bool = False


def _lines(
    d: ImageDraw.ImageDraw,
    xy: tuple[int, int],
    fitted: tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, list[str]],
    fill: tuple[int, int, int],
    leading: float = 1.2,
) -> int:
    """Draw the lines from ``xy`` down; returns the y under the last one."""
    font, lines = fitted
    size = getattr(font, "size", 20)
    x, y = xy
    for line in lines:
        d.text((x, y), line, font=font, fill=fill)
        y += round(size * leading)
    return y


# --- drawing -----------------------------------------------------------------------------------

MARGIN = 64
LEGEND_ROWS = 3


def _chart(d: ImageDraw.ImageDraw, chart: Chart, box: tuple[int, int, int, int]) -> None:
    left, top, right, bottom = box
    title_font, title_lines = fit(drawable(chart.title), right - left, 1, (24, 20))
    d.text((left, top), title_lines[0], font=title_font, fill=MUTED)
    headline_font, headline = fit(drawable(chart.headline), right - left, 1, (34,), bold=True)
    d.text((left, top + 28), headline[0], font=headline_font, fill=INK)
    rows = min(LEGEND_ROWS, -(-len(chart.series) // 2)) if len(chart.series) > 1 else 1
    legend_top = bottom - 26 * rows
    plot = (left + 56, top + 86, right - 8, legend_top - 34)
    points = [p for s in chart.series for p in s.points]
    first = min(p.day for p in points)
    last = max(p.day for p in points)
    ceiling = max(p.high for p in points) * 1.1 or 1.0
    span = (last - first).days or 1

    def x_of(day: dt.date) -> float:
        if first == last:
            return (plot[0] + plot[2]) / 2
        inset = 14  # the first and last marks clear of the axis labels
        return plot[0] + inset + (plot[2] - plot[0] - 2 * inset) * (day - first).days / span

    def y_of(value: float) -> float:
        return plot[3] - (plot[3] - plot[1]) * value / ceiling

    small = font_at(18)
    for value in (0.0, ceiling / 1.1):
        y = y_of(value)
        d.line([(plot[0], y), (plot[2], y)], fill=GRID, width=2)
        label = f"{value:,.0f}"
        d.text((plot[0] - 10, y), label, font=small, fill=MUTED, anchor="rm")
    d.text((plot[0], plot[3] + 8), drawable(_day(first)), font=small, fill=MUTED, anchor="la")
    if last != first:
        d.text((plot[2], plot[3] + 8), drawable(_day(last)), font=small, fill=MUTED, anchor="ra")
    for number, series in enumerate(chart.series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        xy = [(x_of(p.day), y_of(p.low)) for p in series.points]
        if len(xy) > 1:
            d.line(xy, fill=colour, width=4, joint="curve")
        # Each later reporter's marks a little smaller, drawn on top: two reports of the same
        # number on the same day show as rings, not as one mark hiding the other.
        radius = max(4, 12 - 2 * number)
        for point, (x, y) in zip(series.points, xy, strict=True):
            if point.high > point.low:
                d.line([(x, y), (x, y_of(point.high))], fill=colour, width=8)
            d.ellipse([(x - radius, y - radius), (x + radius, y + radius)], fill=colour)
    # The legend: two columns when there are several reporters, the last entry saying how
    # many more there are when even those do not hold them all.
    columns = 1 if len(chart.series) == 1 else 2
    column = (right - left) // columns
    room = rows * columns
    for number, series in enumerate(chart.series[:room]):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        x = left + column * (number // rows)
        y = legend_top + 26 * (number % rows)
        d.rectangle([(x, y + 4), (x + 16, y + 20)], fill=colour)
        more = len(chart.series) - room
        label = series.label if number < room - 1 or more <= 0 else f"{more + 1} more"
        font, lines = fit(drawable(label), column - 34, 1, (19,))  # one size for every entry
        d.text((x + 26, y), lines[0], font=font, fill=INK)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(day: dt.date) -> str:
    """'24 Jun 2021', in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _numbers(d: ImageDraw.ImageDraw, numbers: tuple[Number, ...], top: int) -> None:
    shown = numbers[:3]
    column = (WIDTH - 2 * MARGIN) // max(1, len(shown))
    # One size for every number (the largest at which each fits its column), so none looks
    # bigger than another for the length of its words.
    size = next(
        (
            s
            for s in (96, 80, 64, 56, 48)
            if all(font_at(s, True).getlength(drawable(n.value)) <= column - 32 for n in shown)
        ),
        40,
    )
    for number, item in enumerate(shown):
        x = MARGIN + column * number
        _, lines = fit(drawable(item.value), column - 32, 1, (size,), bold=True)
        d.text((x, top), lines[0], font=font_at(size, True), fill=INDIGO)
        label = fit(drawable(item.label), column - 32, 3, (24,))
        _lines(d, (x, top + round(size * 1.3)), label, MUTED)


def draw(card: Card) -> bytes:
    """The card as PNG bytes (no metadata: the same card gives the same bytes)."""
    # Pillow's drawing modules load only when an image is drawn: a build whose images are all
    # in the cache does not pay their import (~40 ms, a part of the cold build's overhead).
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    d = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    if card.home:
        d.rectangle([(0, 0), (WIDTH, HEIGHT)], fill=INDIGO_DARK)
        y = _lines(d, (MARGIN, 56), fit(drawable(card.kicker), width, 1, (28, 24)), PALE)
        title = fit(drawable(card.title), width, 4, (64, 58, 52, 46, 40), bold=True)
        y = _lines(d, (MARGIN, y + 28), title, WHITE, leading=1.18)
        if card.text:
            _lines(d, (MARGIN, y + 24), fit(drawable(card.text), width, 3, (28, 26, 24)), PALE)
        d.rectangle([(0, HEIGHT - 16), (WIDTH, HEIGHT)], fill=INDIGO)
    else:
        d.rectangle([(0, 0), (WIDTH, 150)], fill=INDIGO_DARK)
        kicker = fit(drawable(card.kicker), width, 2, (34, 30, 26), bold=True)
        _lines(d, (MARGIN, 75 - len(kicker[1]) * 20), kicker, WHITE)
        big = 56 if card.charts or card.numbers else 88
        sizes = tuple(s for s in (88, 76, 64, 56, 48, 40) if s <= big)
        title = fit(drawable(card.title), width, 1 if card.charts else 2, sizes, bold=True)
        y = _lines(d, (MARGIN, 188), title, INK, leading=1.15)
        if card.text and not (card.charts or card.numbers):
            _lines(d, (MARGIN, y + 24), fit(drawable(card.text), width, 3, (34, 30, 26)), MUTED)
        if card.charts:
            shown = card.charts[:2]
            gap = 48
            panel = (width - gap * (len(shown) - 1)) // len(shown)
            for number, chart in enumerate(shown):
                x = MARGIN + (panel + gap) * number
                _chart(d, chart, (x, y + 12, x + panel, HEIGHT - 40))
        elif card.numbers:
            _numbers(d, card.numbers, y + 24)
        d.rectangle([(0, HEIGHT - 16), (WIDTH, HEIGHT)], fill=INDIGO)
    out = io.BytesIO()
    # 128 colours hold the flat colours and the text's anti-aliasing (no visible difference
    # here); the PNG is a third of the size and is encoded in about half the time.
    paletted = image.quantize(128, method=Image.Quantize.FASTOCTREE)
    paletted.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _key(card: Card) -> str:
    fonts = (str(font_file(False)), str(font_file(True)))
    return hashlib.sha256(
        repr((DRAWING_VERSION, PILLOW_VERSION, fonts, card)).encode("utf-8")
    ).hexdigest()


def images(cards: list[Card], cache_dir: Path | None = None) -> dict[str, bytes]:
    """Card name -> PNG bytes; with ``cache_dir``, a card drawn before is read from there
    (named by a hash of what it shows), and a new one is stored there (never fatal)."""
    out: dict[str, bytes] = {}
    for card in cards:
        cached = cache_dir / f"{_key(card)}.png" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            out[card.name] = cached.read_bytes()
            continue
        out[card.name] = png = draw(card)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                temporary = cached.with_suffix(".tmp")
                temporary.write_bytes(png)
                temporary.replace(cached)
            except OSError:
                pass  # a read-only project still builds; the image is only drawn again
    return out
