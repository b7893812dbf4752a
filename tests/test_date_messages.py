"""Every format error of a date or a time says what to write, with an example (issue 29, item 9).

Each case edits one line of a copy of the minimal story (tests/fixtures/minimal) and expects
exactly one located line: the value as written, the form the data wants, and the same value in
that form when it can be told without a guess, or else an example.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import problems

Edit = Callable[[str, str, str], None]

EVENT_DATE = "date: 2020-03-04"  # events[0], line 4; events accept a day or a month
PUBLISHED = "published: 2020-03-06"  # sources[0], line 5; a day only
TIMED = "date: 2020-03-04\n    time: {time}\n    utc_offset: {offset}"

CASES = [
    # dates: other orders and spellings, said back as YYYY-MM-DD
    (
        "sources",
        PUBLISHED,
        "published: 21/09/2023",
        "sources.yaml:5:5: sources[0].published: '21/09/2023': write the date as YYYY-MM-DD: "
        "2023-09-21",
    ),
    (
        "sources",
        PUBLISHED,
        "published: 09/21/2023",
        "sources.yaml:5:5: sources[0].published: '09/21/2023': write the date as YYYY-MM-DD: "
        "2023-09-21",
    ),
    (  # either way round: both readings, no guess
        "events",
        EVENT_DATE,
        "date: 03/04/2020",
        "events.yaml:4:5: events[0].date: '03/04/2020': write the date as YYYY-MM-DD: 2020-04-03 "
        "if the day comes first, 2020-03-04 if the month does",
    ),
    (
        "sources",
        PUBLISHED,
        "published: September 21, 2023",
        "sources.yaml:5:5: sources[0].published: 'September 21, 2023': write the date as "
        "YYYY-MM-DD: 2023-09-21",
    ),
    (
        "events",
        EVENT_DATE,
        "date: Thu 21 Sept. 2023",
        "events.yaml:4:5: events[0].date: 'Thu 21 Sept. 2023': write the date as YYYY-MM-DD: "
        "2023-09-21",
    ),
    (
        "events",
        EVENT_DATE,
        "date: 2020-3-4",
        "events.yaml:4:5: events[0].date: '2020-3-4': write the date as YYYY-MM-DD: 2020-03-04",
    ),
    (
        "events",
        EVENT_DATE,
        "date: '2020-03-04'",
        "events.yaml:4:5: events[0].date: write the date without quotes: 2020-03-04",
    ),
    # months: where a month is accepted, and where a day is needed
    (
        "events",
        EVENT_DATE,
        "date: 2023/09",
        "events.yaml:4:5: events[0].date: '2023/09': write the month as YYYY-MM: 2023-09",
    ),
    (
        "events",
        EVENT_DATE,
        "date: September 2023",
        "events.yaml:4:5: events[0].date: 'September 2023': write the month as YYYY-MM: 2023-09",
    ),
    (  # a quote is said on a day (a publication may be a month: test_publication_bounds.py)
        "quotes",
        "said_on: 2020-03-04",
        "said_on: 2020-03",
        "quotes.yaml:7:5: quotes[0].said_on: '2020-03' is a month, but said_on needs a day: "
        "write the date as YYYY-MM-DD, e.g. 2020-03-21",
    ),
    (
        "events",
        EVENT_DATE,
        "date: 2023-13",
        "events.yaml:4:5: events[0].date: '2023-13' is not a month: there is no month 13",
    ),
    # days that are not in the calendar, and things that are not dates
    (
        "events",
        EVENT_DATE,
        "date: 2023-02-29",
        "events.yaml:4:11: events[0].date: impossible date '2023-02-29': February 2023 has 28 days",
    ),
    (
        "sources",
        PUBLISHED,
        "published: 31.04.2023",
        "sources.yaml:5:5: sources[0].published: '31.04.2023' is not a day of the calendar: "
        "April 2023 has 30 days",
    ),
    (
        "events",
        EVENT_DATE,
        "date: Thursday",
        "events.yaml:4:5: events[0].date: 'Thursday' is a weekday: write the date it falls on as "
        "YYYY-MM-DD, e.g. 2023-09-21, and the source's words in date_basis",
    ),
    (
        "sources",
        PUBLISHED,
        "published: 2023",
        "sources.yaml:5:5: sources[0].published: the number 2023 is a year: write the date as "
        "YYYY-MM-DD, e.g. 2023-09-21, or the month as YYYY-MM, e.g. 2023-09",
    ),
    (
        "events",
        EVENT_DATE,
        "date: soon",
        "events.yaml:4:5: events[0].date: 'soon' is not a date: write the date as YYYY-MM-DD, "
        "e.g. 2023-09-21, or the month as YYYY-MM, e.g. 2023-09",
    ),
    # a time written with the date goes to the record's time and utc_offset
    (
        "events",
        EVENT_DATE,
        "date: 2020-03-04 15:20",
        "events.yaml:4:5: events[0].date: '2020-03-04 15:20' has a time: write the date alone, "
        "as YYYY-MM-DD: 2020-03-04, and the time in time: '15:20'",
    ),
    (
        "events",
        EVENT_DATE,
        "date: 2020-03-04T15:20:00-04:00",
        "events.yaml:4:5: events[0].date: the date and time 2020-03-04T15:20:00-04:00 has a "
        "time: write the date alone, as YYYY-MM-DD: 2020-03-04, and the time in time: '15:20' "
        "and its offset in utc_offset: '-04:00'",
    ),
    (  # a source's publication has no time field
        "sources",
        PUBLISHED,
        "published: 2020-03-06T09:30:00Z",
        "sources.yaml:5:5: sources[0].published: the date and time 2020-03-06T09:30:00Z has a "
        "time: write the date alone, as YYYY-MM-DD: 2020-03-06",
    ),
    # times of day
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="6 p.m.", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '6 p.m.': write the time as HH:MM on a 24-hour clock: "
        "'18:00'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="3:20 p.m.", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '3:20 p.m.': write the time as HH:MM on a 24-hour "
        "clock: '15:20'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="12 a.m.", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '12 a.m.': write the time as HH:MM on a 24-hour clock: "
        "'00:00'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="noon", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: 'noon': write the time as HH:MM on a 24-hour clock: "
        "'12:00'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="9.30", offset="'+01:00'"),
        "events.yaml:5:5: events[0].time: '9.30': write the time as HH:MM on a 24-hour clock: "
        "'09:30'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'15:20 EDT'", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '15:20 EDT': write the time as HH:MM on a 24-hour "
        "clock: '15:20', and the zone in utc_offset or time_zone",
    ),
    (  # YAML reads 18:00 as the number 1080: quoting is the whole fix
        "events",
        EVENT_DATE,
        TIMED.format(time="18:00", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: YAML reads 18:00 as a number; put it in quotes: '18:00'",
    ),
    (  # a number that quoting would not make a time
        "events",
        EVENT_DATE,
        TIMED.format(time="6", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '6': write the time as HH:MM on a 24-hour clock, "
        "e.g. '18:00'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'24:00'", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '24:00' is the end of a day: write '00:00' and the next "
        "day's date",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'25:10'", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '25:10': write the time as HH:MM on a 24-hour clock, "
        "e.g. '18:00'",
    ),
    # offsets from UTC
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="-4"),
        "events.yaml:6:5: events[0].utc_offset: '-4': write the offset from UTC as +HH:MM or "
        "-HH:MM: '-04:00'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="UTC+5:30"),
        "events.yaml:6:5: events[0].utc_offset: 'UTC+5:30': write the offset from UTC as +HH:MM "
        "or -HH:MM: '+05:30'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="'-0400'"),
        "events.yaml:6:5: events[0].utc_offset: '-0400': write the offset from UTC as +HH:MM or "
        "-HH:MM: '-04:00'",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="Z"),
        "events.yaml:6:5: events[0].utc_offset: 'Z': write the offset from UTC as +HH:MM or "
        "-HH:MM: '+00:00'",
    ),
    (  # a zone's abbreviation stands for several zones: no guess
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="EDT"),
        "events.yaml:6:5: events[0].utc_offset: 'EDT' is an abbreviation that stands for "
        "several zones: write the offset from UTC on that day, as +HH:MM or -HH:MM (e.g. "
        "'-04:00'), or the name of the zone in time_zone (e.g. America/New_York)",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="Asia/Kolkata"),
        "events.yaml:6:5: events[0].utc_offset: 'Asia/Kolkata' is the name of a zone: write it "
        "in time_zone instead of utc_offset",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="local"),
        "events.yaml:6:5: events[0].utc_offset: 'local': write time_zone: local instead of "
        "utc_offset",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00 local time'", offset="'-04:00'"),
        "events.yaml:5:5: events[0].time: '18:00 local time': write the time as HH:MM on a "
        "24-hour clock: '18:00', and time_zone: local",
    ),
    (
        "events",
        EVENT_DATE,
        TIMED.format(time="'18:00'", offset="'+15:00'"),
        "events.yaml:6:5: events[0].utc_offset: '+15:00': write the offset from UTC as +HH:MM "
        "or -HH:MM, e.g. '-04:00'",
    ),
    # a time and its zone (format 6): an offset, a zone's name, or local
    (
        "events",
        EVENT_DATE,
        "date: 2020-03-04\n    time: '15:20'",
        "events.yaml:5:5: events[0].time: time needs its zone: utc_offset, the offset from UTC "
        "on that day (e.g. '-04:00'), or time_zone, the zone's name (e.g. America/New_York), or "
        "time_zone: local when the source does not give the zone",
    ),
    (
        "events",
        EVENT_DATE,
        "date: 2020-03-04\n    time: '15:20'\n    time_zone: Mars/Olympus_Mons",
        "events.yaml:6:5: events[0].time_zone: 'Mars/Olympus_Mons' is not a time zone: write a "
        "zone's name as the tz database spells it (e.g. America/New_York, Europe/Kyiv), or local "
        "when the source does not give the zone",
    ),
    (
        "events",
        EVENT_DATE,
        "date: 2020-03-04\n    time: '15:20'\n    utc_offset: '-04:00'\n"
        "    time_zone: America/New_York",
        "events.yaml:7:5: events[0].time_zone: give utc_offset or time_zone, not both",
    ),
    (
        "events",
        EVENT_DATE,
        "date: 2020-03-04\n    time_zone: local",
        "events.yaml:5:5: events[0].time_zone: time_zone is given but time is not",
    ),
    # the moment of our own publication
    (
        "story",
        "updated: 2020-03-08",
        "updated: 2020-03-08\n  updated_at: 2020-03-08 09:30",
        "story.yaml:8:3: story.updated_at: expected a date, a time and a UTC offset such as "
        "2026-11-27T09:30:00+01:00, got the text '2020-03-08 09:30' (write it with its UTC "
        "offset and without quotes, e.g. 2026-11-27T09:30:00+01:00)",
    ),
    (
        "story",
        "updated: 2020-03-08",
        "updated: 2020-03-08\n  updated_at: 2020-03-08 09:30+01:00",
        "story.yaml:8:3: story.updated_at: expected a date, a time and a UTC offset such as "
        "2026-11-27T09:30:00+01:00, got the text '2020-03-08 09:30+01:00' (write it without "
        "quotes, as 2020-03-08T09:30:00+01:00)",
    ),
    # other records' dates: a quote's day, an update's day
    (
        "quotes",
        "said_on: 2020-03-04",
        "said_on: 4 March 2020",
        "quotes.yaml:7:5: quotes[0].said_on: '4 March 2020': write the date as YYYY-MM-DD: "
        "2020-03-04",
    ),
    (
        "updates",
        "date: 2020-03-08",
        "date: March 2020",
        "updates.yaml:8:5: updates[1].date: 'March 2020' is a month, but date needs a day: "
        "write the date as YYYY-MM-DD, e.g. 2020-03-21",
    ),
]


@pytest.mark.parametrize(("kind", "old", "new", "expected"), CASES)
def test_date_or_time_message(
    story_copy: Path, edit: Edit, kind: str, old: str, new: str, expected: str
) -> None:
    edit(kind, old, new)
    assert problems(story_copy) == [f"site_data/{expected}"]
