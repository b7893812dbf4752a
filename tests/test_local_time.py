"""A time and its zone (issue 29, item 1; data format 6): an offset, a zone's name, or local.

"3:20 p.m. (all times local)": the source gives no zone, so the time is local, shown as such,
ordered within its day as it reads and never converted. A zone's name (America/New_York) has its
offset on that day worked out, summer or winter. Every expected string is written by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from support import event, problems, rendered

from generator.pages.templating import when
from generator.schema.datemodel import day_minutes, offset_of, sort_key
from generator.schema.model import Update


def test_a_local_time_reads_as_local_time_with_no_offset() -> None:
    collapse = event("collapse", "2023-09-10", time="15:20", time_zone="local")
    assert when(collapse.date, collapse) == (
        '<time datetime="2023-09-10T15:20">10 September 2023, 3:20 p.m. local time</time>'
    )
    assert offset_of(collapse) is None


def test_a_zone_name_gives_the_offset_of_that_day() -> None:
    summer = event("summer", "2023-09-10", time="15:20", time_zone="America/New_York")
    winter = event("winter", "2023-12-10", time="15:20", time_zone="America/New_York")
    assert when(summer.date, summer) == (
        '<time datetime="2023-09-10T15:20-04:00">10 September 2023, 3:20 p.m. local time '
        "(UTC−4)</time>"
    )
    assert when(winter.date, winter) == (
        '<time datetime="2023-12-10T15:20-05:00">10 December 2023, 3:20 p.m. local time '
        "(UTC−5)</time>"
    )
    kolkata = event("k", "2023-09-10", time="09:00", time_zone="Asia/Kolkata")
    assert offset_of(kolkata) == "+05:30"


def test_a_day_orders_untimed_first_then_known_zones_by_utc_and_local_times_as_they_read() -> None:
    day = "2023-09-10"
    untimed = event("untimed", day)
    new_york = event("new-york", day, time="09:00", time_zone="America/New_York")  # 13:00 UTC
    local = event("local", day, time="15:20", time_zone="local")  # 15:20 as it reads
    london = event("utc", day, time="18:00", utc_offset="+00:00")  # 18:00 UTC
    ordered = sorted([london, local, new_york, untimed], key=sort_key)
    assert [e.id for e in ordered] == ["untimed", "new-york", "local", "utc"]
    assert [day_minutes(e) for e in ordered] == [None, 13 * 60, 15 * 60 + 20, 18 * 60]


def test_an_update_at_a_local_time_has_no_offset_to_give_the_feed() -> None:
    update = Update.model_validate(
        {
            "id": "u",
            "date": "2023-09-11",
            "time": "07:00",
            "time_zone": "local",
            "kind": "update",
            "summary": "Published.",
        },
        strict=False,
    )
    assert offset_of(update) is None
    assert offset_of(update.model_copy(update={"time_zone": "Europe/Kyiv"})) == "+03:00"


def test_the_minimal_story_with_a_local_time_loads_and_shows_it(
    story_copy: Path, edit: Any
) -> None:
    edit(
        "events",
        "    date: 2020-03-04\n",
        '    date: 2020-03-04\n    time: "15:20"\n    time_zone: local\n',
    )
    timeline = rendered(story_copy)["timeline.md"]
    assert (
        '<p class="fact__date" markdown="span"><time datetime="2020-03-04T15:20">4 March 2020, '
        "3:20 p.m. local time</time></p>"
    ) in timeline


def test_a_time_zone_is_no_offset(story_copy: Path, edit: Any) -> None:
    edit(
        "events",
        "    date: 2020-03-04\n",
        '    date: 2020-03-04\n    time: "15:20"\n    time_zone: "-04:00"\n',
    )
    assert problems(story_copy) == [
        "site_data/events.yaml:6:5: events[0].time_zone: '-04:00' is not a time zone: write a "
        "zone's name as the tz database spells it (e.g. America/New_York, Europe/Kyiv), or local "
        "when the source does not give the zone"
    ]


def test_the_offset_of_a_zone_is_that_of_the_records_day() -> None:
    # Moscow kept +04:00 from 2011 to 2014 and has been +03:00 since: the day decides.
    old = event("old", "2013-01-10", time="12:00", time_zone="Europe/Moscow")
    assert offset_of(old) == "+04:00"
    assert offset_of(old, dt.date(2020, 1, 10)) == "+03:00"
