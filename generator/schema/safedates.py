"""Date arithmetic that cannot overflow: a derived date outside 0001-01-01 .. 9999-12-31 is None.

``date - timedelta`` raises ``OverflowError`` past either end of the calendar Python can hold;
a source published on 0001-01-02 with a rule "the Monday before" would stop a run with a
traceback. Callers turn None into a located diagnostic (naming :data:`DATE_RANGE`).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["DATE_RANGE", "add_days"]

DATE_RANGE = f"{dt.date.min.isoformat()} to {dt.date.max.isoformat()}"
"""The dates a derived date must fall between, for messages."""


def add_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days`` (negative: earlier), or None if that leaves the calendar."""
    ordinal = day.toordinal() + days
    if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)
