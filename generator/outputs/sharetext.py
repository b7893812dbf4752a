"""The share images' text: the font files, and text fitted to a width in a number of lines.

:func:`fit` wraps a text between words, breaks a word too wide for a line where it reaches the
edge, and cuts what does not fit with an ellipsis. Its work is bounded by the lines it draws,
not by the text's length: a line is found by bisection (about a dozen measures of at most a
line's worth of characters), and wrapping stops once the lines are more than it may draw. Cutting
a line one character at a time, as before, took 68 s for a word of 10,000 characters, and
measuring a word of 300,000 drew it whole (Pillow's DecompressionBombError). Nothing here imports
mkdocs, or Pillow's drawing modules before a font is needed.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

__all__ = ["FONT_DIRS", "FONT_FILES", "drawable", "fit", "font_at", "font_file"]

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = {
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}


@functools.cache
def font_file(bold: bool) -> Path | None:
    for folder in FONT_DIRS:
        for name in FONT_FILES[bold]:
            if (folder / name).is_file():
                return folder / name
    return None


@functools.cache
def font_at(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's font module loads only when an image is drawn: a build whose images are all in
    # the cache does not pay its import (see draw in generator.outputs.shareimage).
    from PIL import ImageFont

    path = font_file(bold) or font_file(False)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(path), size=size)


_ASCII = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def drawable(text: str) -> str:
    """The text as the font can draw it: folded to ASCII when no font file with accents exists."""
    text = " ".join(text.split())
    if font_file(False) is not None:
        return text
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in folded if c.isascii())


def _too_wide(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> bool:
    # More characters than pixels never fits (a glyph is at least a pixel wide, but for the
    # combining marks, which only cut a line early): a huge word is never measured whole.
    return len(text) > width or font.getlength(text) > width


def _longest_fit(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, tail: str = ""
) -> int:
    """How many characters of ``text`` (followed by ``tail``) fit ``width``: by bisection, so
    about a dozen measures of at most a line each, however long the text."""
    low, high = 0, min(len(text), width)
    while low < high:
        middle = (low + high + 1) // 2
        if _too_wide(text[:middle] + tail, font, width):
            high = middle - 1
        else:
            low = middle
    return low


def _wrap(
    text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, most: int
) -> list[str]:
    """``text`` in lines that fit ``width``, broken between words; a word too wide for a line
    of its own is broken where it reaches the edge. Stops after ``most + 1`` lines: the caller
    needs no more to know that the text does not fit in ``most``."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if not _too_wide(candidate, font, width):
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        while _too_wide(word, font, width) and len(lines) <= most:
            cut = max(1, _longest_fit(word, font, width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
        if len(lines) > most:
            return lines
    return [*lines, line] if line else lines


def fit(
    text: str, width: int, max_lines: int, sizes: tuple[int, ...], bold: bool = False
) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, list[str]]:
    """The largest of ``sizes`` at which ``text`` wraps into ``max_lines`` lines of ``width``;
    at the smallest, the lines it has room for, the last one cut at a word (at a character
    when one word fills it) and ended with an ellipsis."""
    for size in sizes:
        font = font_at(size, bold)
        lines = _wrap(text, font, width, max_lines)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    ellipsis = "..." if font_file(False) is None else "…"
    last = lines[-1]
    kept = last[: _longest_fit(last, font, width, ellipsis)]
    if kept != last and " " in kept.strip():  # end at a word when the line has several
        kept = kept.rstrip().rsplit(" ", 1)[0]
    lines[-1] = kept.rstrip(" ,;:") + ellipsis
    return font, lines
