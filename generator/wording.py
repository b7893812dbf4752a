"""How records read as text: dates, numbers, figures, quotes, excerpts, stances.

Plain text (escape it before it goes into Markdown): the pages, the links between facts, the
feed and the structured data all word a record the same way.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Excerpt, Figure, Quote

__all__ = [
    "NO_POSITION",
    "STANCE_WORDS",
    "excerpt_text",
    "figure_text",
    "format_number",
    "long_date",
    "quote_text",
]

STANCE_WORDS = {
    "supports": "Supports",
    "opposes": "Opposes",
    "conditional": "Conditional",
    "unclear": "Unclear",
}
NO_POSITION = "No stated position"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: dt.date) -> str:
    """2015-11-26 -> '26 November 2015' (the same in every locale)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_number(value: int | float) -> str:
    """1200 -> '1,200'; 2.5 -> '2.5'."""
    if isinstance(value, bool):
        raise TypeError("a figure's value is a number, not a bool")
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def figure_text(figure: Figure) -> str:
    """'about 1,200 people' (plain text; escape it before use)."""
    about = "about " if figure.approximate else ""
    return f"{about}{format_number(figure.value)} {figure.unit}"


def quote_text(quote: Quote) -> str:
    """The quote in quotation marks; a partial quote with ellipses on both sides (plain text)."""
    if quote.extent == "partial":
        return f"“…{quote.text.strip()}…”"
    return f"“{quote.text.strip()}”"


_OPENING_MARKS = ('"', "“", "„", "«")


def excerpt_text(excerpt: Excerpt) -> str:
    """An excerpt quoted inside running text (plain text).

    A quote's text never includes its own marks, but an excerpt is a verbatim passage of the
    source and may open with one (``"We voted," the council said.``): such an excerpt is shown
    as it is, without marks of ours around its own.
    """
    text = excerpt.text.strip()
    if text.startswith(_OPENING_MARKS):
        return text
    return f"“{text}”"
