"""The timeline's overview strip: where each mark goes, written by hand from the dates.

A day is an equal slice of the axis; a one-day event sits at the middle of its day, a span or a
month is a bar over its days; marks that would touch at the narrowest width (a mark is 8% of it)
take the next free row.
"""

from __future__ import annotations

from typing import Any

from support import event

from generator.pages.strip import Mark, Strip, percent, strip_layout
from generator.pages.wording import claim_state
from generator.schema.datemodel import sort_key
from generator.schema.model import Event


def layout(*events: Event) -> Strip:
    strip = strip_layout(sorted(events, key=sort_key))
    assert strip is not None
    return strip


def by_id(strip: Strip) -> dict[str, Mark]:
    return {mark.event_id: mark for mark in strip.marks}


def step(status: str, date: str) -> dict[str, Any]:
    return {"status": status, "date": date, "by": ["someone"], "cites": ["some-excerpt"]}


# Ten days, 1-10 January 2024: each day is 10% of the axis.
TEN_DAYS = (
    event("a", "2024-01-01", actors=["p1"]),
    event("b", "2024-01-01", actors=["p2"]),
    event("c", "2024-01-06"),
    event("d", "2024-01-09", date_end="2024-01-10"),
    event("e", "2024-01-10", claimed_by="p3", actors=["p1", "p3"]),
    event(
        "f",
        "2024-01-06",
        claimed_by="p2",
        status=[step("reported", "2024-01-06"), step("confirmed", "2024-01-07")],
    ),
    event(
        "g",
        "2024-01-03",
        claimed_by="p2",
        status=[step("reported", "2024-01-03"), step("disputed", "2024-01-04")],
    ),
)


def test_positions_follow_from_the_dates() -> None:
    marks = by_id(layout(*TEN_DAYS))
    shown = {key: (percent(m.left), m.width and percent(m.width)) for key, m in marks.items()}
    assert shown == {
        "a": ("5%", None),  # the middle of day 1 of 10
        "b": ("5%", None),
        "g": ("25%", None),  # day 3
        "c": ("55%", None),  # day 6
        "f": ("55%", None),
        "d": ("80%", "20%"),  # days 9 and 10: a bar
        "e": ("95%", None),  # day 10
    }


def test_events_of_the_same_day_stack_and_others_share_a_row() -> None:
    strip = layout(*TEN_DAYS)
    rows = {mark.event_id: mark.row for mark in strip.marks}
    # a and b share day 1; c and f day 6; e lies under the bar d; g (day 3) touches nothing.
    assert rows == {"a": 0, "b": 1, "g": 0, "c": 0, "f": 1, "d": 0, "e": 1}
    assert strip.rows == 2
    assert strip.height == "height: 2.4rem"
    assert by_id(strip)["b"].style == "left: 5%; top: 1.2rem"
    assert by_id(strip)["d"].style == "left: 80%; top: 0rem; width: 20%"


def test_marks_a_day_apart_on_a_long_axis_take_another_row() -> None:
    # 100 days: a day is 1%, less than a mark's 8% at the narrowest width. (An event in
    # February keeps the axis whole: no gap is far longer than the rest.)
    strip = layout(
        event("first", "2024-01-01"),
        event("mid", "2024-02-20"),
        event("x", "2024-04-08"),
        event("y", "2024-04-09"),
    )
    marks = by_id(strip)
    assert (percent(marks["x"].left), percent(marks["y"].left)) == ("98.5%", "99.5%")
    assert [marks[k].row for k in ("first", "mid", "x", "y")] == [0, 0, 0, 1]
    assert strip.breaks == ()


def test_a_month_only_date_is_a_bar_over_the_month() -> None:
    # February 2024 (29 days) to 15 March: 44 days.
    strip = layout(event("feb", "2024-02"), event("ides", "2024-03-15"))
    marks = by_id(strip)
    assert (percent(marks["feb"].left), percent(marks["feb"].width or -1)) == ("0%", "65.909%")
    assert percent(marks["ides"].left) == "98.864%"  # 43.5 days of 44
    assert [(t.label, percent(t.left), t.align) for t in strip.ticks] == [
        ("1 Feb", "0%", "start"),
        ("1 Mar", "65.909%", "middle"),
        ("15 Mar", "100%", "end"),
    ]
    assert (strip.first.isoformat(), strip.last.isoformat()) == ("2024-02-01", "2024-03-15")


def test_a_month_alone_is_the_whole_axis() -> None:
    strip = layout(event("may", "2024-05", date_qualifier="about"))
    (mark,) = strip.marks
    assert (mark.left, mark.width, strip.last.isoformat()) == (0, 100, "2024-05-31")
    assert mark.name == "about May 2024: Title of may"


def test_a_short_axis_labels_every_day() -> None:
    strip = layout(event("x", "2024-06-29"), event("y", "2024-07-02"))
    assert [(t.label, percent(t.left)) for t in strip.ticks] == [
        ("29 Jun", "12.5%"),
        ("30", "37.5%"),
        ("1 Jul", "62.5%"),
        ("2", "87.5%"),
    ]


def test_claims_and_contested_facts_get_their_own_classes_and_names() -> None:
    marks = by_id(layout(*TEN_DAYS))
    assert marks["a"].classes == "timeline-strip__mark timeline-strip__mark--point"
    assert marks["e"].classes == (
        "timeline-strip__mark timeline-strip__mark--point timeline-strip__mark--claim"
        " timeline-strip__mark--late"
    )
    assert "timeline-strip__mark--contested" in marks["g"].classes
    assert "--claim" not in marks["f"].classes and "--contested" not in marks["f"].classes
    assert marks["d"].classes == (
        "timeline-strip__mark timeline-strip__mark--bar timeline-strip__mark--late"
    )
    assert marks["e"].name == "10 January 2024: Title of e (claim)"
    assert marks["g"].name == "3 January 2024: Title of g (disputed)"
    assert marks["f"].name == "6 January 2024: Title of f"  # confirmed: a fact
    assert marks["d"].name == "9 to 10 January 2024: Title of d"
    assert layout(*TEN_DAYS).states == {None, "claim", "contested"}


def test_a_denied_claim_that_was_once_confirmed_is_contested() -> None:
    denied = event(
        "z",
        "2024-01-01",
        claimed_by="p1",
        status=[step("confirmed", "2024-01-02"), step("denied", "2024-01-03")],
    )
    assert claim_state(denied) == "contested"
    assert claim_state(event("plain", "2024-01-01")) is None


def test_marks_name_the_players_for_the_filter() -> None:
    marks = by_id(layout(*TEN_DAYS))
    assert marks["e"].actors == ("p1", "p3")  # p3 both acts and claims: once
    assert marks["f"].actors == ("p2",)
    assert marks["c"].actors == ()


def test_no_events_no_strip() -> None:
    assert strip_layout([]) is None
