"""What to write instead, for a date, a month, a time of day or a UTC offset the data cannot read.

Each function takes the value as YAML read it (and the text as written, where YAML made a number
of it) and returns the message's text after the field: what was written, the form the data
wants, and either the same value in that form, when it can be told without a guess
(``'21/09/2023': write the date as YYYY-MM-DD: 2023-09-21``), or an example
(``'soon': write the time as HH:MM on a 24-hour clock, e.g. '18:00'``). A day and a month that
could be either way round (``03/04/2020``) get both readings; a zone's name (``EDT``) gets no
offset, since one name stands for several.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from generator.read.diagnostics import show
from generator.schema.datemodel import OFFSET_PATTERN, TIME_PATTERN

__all__ = ["date_hint", "impossible_date", "is_offset", "is_time", "offset_hint", "time_hint"]

DATE_EXAMPLE = "2023-09-21"
MONTH_EXAMPLE = "2023-09"
TIME_EXAMPLE = "'18:00'"
OFFSET_EXAMPLE = "'-04:00'"
DAY_FORM = "write the date as YYYY-MM-DD"
MONTH_FORM = "write the month as YYYY-MM"
TIME_FORM = "write the time as HH:MM on a 24-hour clock"
OFFSET_FORM = "write the offset from UTC as +HH:MM or -HH:MM"

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_WORD = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = [name.lower() for name in calendar.day_name]
_WEEKDAY_WORD = (
    "(?:" + "|".join([*_WEEKDAYS, *(name.lower() for name in calendar.day_abbr)]) + r")\.?"
)
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"

_YMD = re.compile(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_MONTH_YEAR = re.compile(rf"{_ORDINAL}(?: of)? {_MONTH_WORD},? (\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH_WORD} {_ORDINAL},? (\d{{4}})")
_YM = re.compile(r"(\d{4})[-/. ](\d{1,2})")
_MY = re.compile(r"(\d{1,2})[-/.](\d{4})")
_MONTH_YEAR = re.compile(rf"{_MONTH_WORD},? (\d{{4}})")
_DATE_AND_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ tT]+(\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?.*")
_WEEKDAY_PREFIX = re.compile(rf"{_WEEKDAY_WORD},? ")

_TWELVE_HOUR = re.compile(r"(\d{1,2})(?:[:.](\d{2}))? ?([ap])\.? ?m\.?")
_TWENTY_FOUR_HOUR = re.compile(r"(\d{1,2})(?:[:.h](\d{2})|(\d{2}))(?: ?h(?:rs|ours)?)?")
_NAMED_TIMES = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_OFFSET = re.compile(r"(?:utc|gmt)? ?([+-]) ?(\d{1,2})(?::?(\d{2}))?")
_ZONE_NAME = re.compile(r"[a-z]{2,5}|[a-z]+(?:/[a-z_+-]+)+")


def _plain(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _day(year: int, month: int, day: int) -> dt.date | str:
    """The day, or why it is none: 'there is no month 13', 'February 2023 has 28 days'."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return dt.date(year, month, day)


def _day_message(got: str, year: int, month: int, day: int) -> str:
    found = _day(year, month, day)
    if isinstance(found, str):
        return f"{got} is not a day of the calendar: {found}"
    return f"{got}: {DAY_FORM}: {found.isoformat()}"


def _month_message(got: str, year: int, month: int, accepts_month: bool, field: str) -> str:
    if not 1 <= month <= 12:
        return f"{got} is not a month: there is no month {month}"
    month_text = f"{year:04d}-{month:02d}"
    if accepts_month:
        return f"{got}: {MONTH_FORM}: {month_text}"
    return f"{got} is a month, but {field} needs a day: {DAY_FORM}, e.g. {month_text}-21"


def date_hint(value: Any, got: str, *, accepts_month: bool, field: str, fields: list[str]) -> str:
    """The message for a value that is not a date (nor a month, if ``accepts_month``).

    ``got`` is how the message shows the value; ``field`` the field's name and ``fields`` those
    of its record (a time written with the date goes to ``time`` if the record has one)."""
    if isinstance(value, dt.datetime) or (
        isinstance(value, str) and _DATE_AND_TIME.fullmatch(value.strip())
    ):
        if isinstance(value, dt.datetime):
            day, time = value.date().isoformat(), value.strftime("%H:%M")
        else:
            matched = _DATE_AND_TIME.fullmatch(value.strip())
            assert matched is not None
            day, time = matched.group(1), matched.group(2).zfill(5)
        where = f", and the time in time: '{time}'" if "time" in fields else ""
        offset = value.strftime("%z") if isinstance(value, dt.datetime) else ""
        if offset and where and "utc_offset" in fields:
            where += f" and its offset in utc_offset: '{offset[:3]}:{offset[3:]}'"
        return f"{got} has a time: write the date alone, as YYYY-MM-DD: {day}{where}"
    if isinstance(value, str):
        message = _date_text_hint(value, got, accepts_month, field, fields)
        if message is not None:
            return message
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        return f"{got} is a year: {_wanted(accepts_month)}"
    return f"{got} is not a date: {_wanted(accepts_month)}"


def _wanted(accepts_month: bool) -> str:
    either = f", or the month as YYYY-MM, e.g. {MONTH_EXAMPLE}" if accepts_month else ""
    return f"{DAY_FORM}, e.g. {DATE_EXAMPLE}{either}"


def _date_text_hint(
    value: str, got: str, accepts_month: bool, field: str, fields: list[str]
) -> str | None:
    text = _WEEKDAY_PREFIX.sub("", _plain(value), count=1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and isinstance(_day(*_ints(text)), dt.date):
        return f"write the date without quotes: {text}"
    if matched := _YMD.fullmatch(text):
        return _day_message(got, *_ints(*matched.groups()))
    if matched := _NUMERIC_DMY.fullmatch(text):
        first, second, year = _ints(*matched.groups())
        if first > 12 or first == second:
            return _day_message(got, year, second, first)
        if second > 12:
            return _day_message(got, year, first, second)
        day_first, month_first = _day(year, second, first), _day(year, first, second)
        if isinstance(day_first, dt.date) and isinstance(month_first, dt.date):
            return (
                f"{got}: {DAY_FORM}: {day_first.isoformat()} if the day comes first, "
                f"{month_first.isoformat()} if the month does"
            )
        return None
    if matched := _DAY_MONTH_YEAR.fullmatch(text):
        day_text, month_word, year_text = matched.groups()
        return _day_message(got, int(year_text), _MONTHS[month_word], int(day_text))
    if matched := _MONTH_DAY_YEAR.fullmatch(text):
        month_word, day_text, year_text = matched.groups()
        return _day_message(got, int(year_text), _MONTHS[month_word], int(day_text))
    if matched := _YM.fullmatch(text):
        year, month = _ints(*matched.groups())
        return _month_message(got, year, month, accepts_month, field)
    if matched := _MY.fullmatch(text):
        month, year = _ints(*matched.groups())
        return _month_message(got, year, month, accepts_month, field)
    if matched := _MONTH_YEAR.fullmatch(text):
        month_word, year_text = matched.groups()
        return _month_message(got, int(year_text), _MONTHS[month_word], accepts_month, field)
    if text.rstrip(".") in _WEEKDAYS or _WEEKDAY_PREFIX.fullmatch(text + " "):
        basis = ", and the source's words in date_basis" if "date_basis" in fields else ""
        return (
            f"{got} is a weekday: write the date it falls on as YYYY-MM-DD, "
            f"e.g. {DATE_EXAMPLE}{basis}"
        )
    return None


def _ints(*parts: str) -> tuple[int, ...]:
    if len(parts) == 1:
        parts = tuple(parts[0].split("-"))
    return tuple(int(part) for part in parts)


def impossible_date(text: str) -> str:
    """The message for a YAML date that names no day, e.g. ``2023-02-30``."""
    matched = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if matched is not None:
        found = _day(*_ints(*matched.groups()))
        if isinstance(found, str):
            return f"impossible date {show(text)}: {found}"
        return f"impossible date {show(text)}: its time or offset from UTC is out of range"
    return f"impossible date {show(text)}: write the date as YYYY-MM-DD, e.g. {DATE_EXAMPLE}"


def time_hint(text: str, got: str) -> str:
    """The message for a time of day that is not HH:MM on a 24-hour clock."""
    plain = _plain(text)
    if plain in ("24:00", "24.00", "2400"):
        return f"{got} is the end of a day: write '00:00' and the next day's date"
    if plain in _NAMED_TIMES:
        return f"{got}: {TIME_FORM}: '{_NAMED_TIMES[plain]}'"
    for pattern, twelve in ((_TWELVE_HOUR, True), (_TWENTY_FOUR_HOUR, False)):
        matched = pattern.match(plain)
        if matched is None:
            continue
        hour, minute = int(matched.group(1)), int(matched.group(2) or "0")
        if not twelve and matched.group(3):
            minute = int(matched.group(3))
        if twelve:
            if not 1 <= hour <= 12:
                break
            hour = hour % 12 + (12 if matched.group(3) == "p" else 0)
        if hour > 23 or minute > 59:
            break
        fixed = f"'{hour:02d}:{minute:02d}'"
        rest = plain[matched.end() :].strip(" ,()")
        if not rest:
            return f"{got}: {TIME_FORM}: {fixed}"
        if re.fullmatch(r"(local|local time)", rest):
            return f"{got}: {TIME_FORM}: {fixed}, and time_zone: local"
        return f"{got}: {TIME_FORM}: {fixed}, and the zone in utc_offset or time_zone"
    return f"{got}: {TIME_FORM}, e.g. {TIME_EXAMPLE}"


def offset_hint(text: str, got: str) -> str:
    """The message for a UTC offset that is not +HH:MM or -HH:MM."""
    plain = _plain(text)
    if plain in ("z", "utc", "gmt"):
        return f"{got}: {OFFSET_FORM}: '+00:00'"
    matched = _OFFSET.fullmatch(plain)
    if matched is not None:
        sign, hours, minutes = matched.group(1), int(matched.group(2)), matched.group(3)
        fixed = f"{sign}{hours:02d}:{minutes or '00'}"
        if re.fullmatch(OFFSET_PATTERN, fixed):
            return f"{got}: {OFFSET_FORM}: '{fixed}'"
    if plain in ("local", "local time"):
        return f"{got}: write time_zone: local instead of utc_offset"
    if matched is None and "/" in plain and _ZONE_NAME.fullmatch(plain):
        return f"{got} is the name of a zone: write it in time_zone instead of utc_offset"
    if matched is None and _ZONE_NAME.fullmatch(plain):
        return (
            f"{got} is an abbreviation that stands for several zones: write the offset from UTC "
            f"on that day, as +HH:MM or -HH:MM (e.g. {OFFSET_EXAMPLE}), or the name of the zone "
            "in time_zone (e.g. America/New_York)"
        )
    return f"{got}: {OFFSET_FORM}, e.g. {OFFSET_EXAMPLE}"


def is_time(text: str) -> bool:
    return re.fullmatch(TIME_PATTERN, text) is not None


def is_offset(text: str) -> bool:
    return re.fullmatch(OFFSET_PATTERN, text) is not None
