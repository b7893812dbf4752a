"""The strip's axis: where it breaks, how wide its pieces are, which labels it keeps (issue 29,
item 7). Every number here is worked out by hand from the dates in the comments.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from generator.pages.stripaxis import (
    Axis,
    axis_for,
    axis_ticks,
    length_words,
    percent,
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def days(*texts: str) -> list[tuple[dt.date, dt.date]]:
    """One-day spans, or 'first/last' spans."""
    out = []
    for text in texts:
        first, _, last = text.partition("/")
        out.append((d(first), d(last or first)))
    return out


def shown(axis: Axis) -> list[tuple[str, str, str]]:
    return [(t.align, percent(t.left), t.label) for t in axis_ticks(axis)]


def test_an_anniversary_32_years_before_a_two_day_story_breaks_the_axis() -> None:
    # June 1991 (a month: one mark), then 9 September 2023 to 2 January 2024 (116 days, seven
    # marks). The 32-year gap is left out: 94% for the pieces, by marks 11.75% and 82.25%,
    # but no piece below 20%: 20% for 1991, a break of 6%, 74% for the 116 days.
    axis = axis_for(
        days(
            "1991-06-01/1991-06-30",
            "2023-09-09",
            "2023-09-10/2023-09-11",
            "2023-09-11/2023-09-13",
            "2023-09-11/2023-09-12",
            "2023-09-12/2023-09-13",
            "2023-09-30/2023-10-02",
            "2023-12-30/2024-01-02",
        )
    )
    assert [(s.first.isoformat(), s.last.isoformat(), s.left, s.width) for s in axis.segments] == [
        ("1991-06-01", "1991-06-30", 0.0, 20.0),
        ("2023-09-09", "2024-01-02", 26.0, 74.0),
    ]
    (gap,) = axis.breaks
    assert gap.style == "left: 20%; width: 6%"
    assert gap.words == (
        "The axis leaves out 32 years with no events: 1 July 1991 to 8 September 2023"
    )
    assert percent(axis.x(d("2023-12-30"))) == "97.448%"  # 26 + 74 * 112 / 116
    assert shown(axis) == [
        ("start", "0%", "1 Jun 1991"),
        ("start", "26%", "9 Sep 2023"),  # 24% wide at 300 px: '1 Oct' (34-46%) would touch it
        ("middle", "59.81%", "1 Nov"),  # 26 + 74 * 53 / 116
        ("end", "100%", "2 Jan 2024"),  # '1 Dec' (73-85%) and '1 Jan 2024' would touch it
    ]


def test_three_eras_break_twice() -> None:
    # 1950, 1991, then ten days of 2023: each of the two gaps is decades, the rest ten days.
    spans = days("1950-03-01", "1991-06-01", *(f"2023-09-{day:02d}" for day in range(1, 11)))
    axis = axis_for(spans)
    assert [(s.left, s.width) for s in axis.segments] == [(0.0, 20.0), (26.0, 20.0), (52.0, 48.0)]
    assert [b.words.split(":")[0] for b in axis.breaks] == [
        "The axis leaves out 41 years with no events",
        "The axis leaves out 32 years with no events",
    ]


@pytest.mark.parametrize(
    "spans",
    [
        # the shipped story: 2 October, then 13 to 26 November 2015; 41 days are not more than
        # four times the 15 left
        days("2015-10-02", "2015-11-13", "2015-11-24", "2015-11-24", "2015-11-25", "2015-11-26"),
        # marks spread evenly: no piece holds most of them
        days("2024-01-01", "2024-02-20", "2024-04-08", "2024-04-09"),
        days("2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01"),
        # a gap shorter than 30 days
        days("2024-01-01", "2024-01-27", "2024-01-28"),
    ],
)
def test_no_break(spans: list[tuple[dt.date, dt.date]]) -> None:
    axis = axis_for(spans)
    assert axis.breaks == ()
    assert [(s.left, s.width) for s in axis.segments] == [(0.0, 100.0)]


def test_an_outlier_three_months_before_two_days() -> None:
    # 1 January, then 8 and 9 April 2024: 97 days left out, more than four times the 3 shown.
    # The 94% of the pieces go by marks: one to 1 January (31.333%), two to April (62.667%).
    axis = axis_for(days("2024-01-01", "2024-04-08", "2024-04-09"))
    assert [(s.first.isoformat(), percent(s.left), percent(s.width)) for s in axis.segments] == [
        ("2024-01-01", "0%", "31.333%"),
        ("2024-04-08", "37.333%", "62.667%"),
    ]
    assert axis.breaks[0].words == (
        "The axis leaves out 3 months with no events: 2 January 2024 to 7 April 2024"
    )
    assert shown(axis) == [  # pieces of one and two days label each day, at its middle
        ("middle", "15.667%", "1 Jan"),
        ("middle", "53%", "8 Apr"),  # 37.333 + 62.667 / 4
        ("middle", "84.333%", "9"),  # 37.333 + 62.667 * 3 / 4
    ]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("1991-07-01", "2023-09-08", "32 years"),
        ("2024-01-02", "2024-04-07", "3 months"),
        ("2024-01-02", "2024-02-10", "40 days"),
        ("2024-01-02", "2024-01-02", "1 day"),
    ],
)
def test_length_words(first: str, last: str, expected: str) -> None:
    assert length_words(d(first), d(last)) == expected


def test_a_year_long_axis_keeps_labels_apart_and_says_years() -> None:
    # 15 March 2023 to 20 February 2024, 343 days. At 300 px a character is 2.4%: the ends,
    # with their years, take 26.4% each; quarters go first (1 July, at 31.5%, would touch the
    # start; 1 October at 58.3% fits), then other months (1 August at 40.5% fits; 1 September
    # and 1 November would touch their neighbours); 1 January 2024 (85.1%) touches the end.
    axis = axis_for(days("2023-03-15", "2023-08-01", "2024-02-20"))
    assert shown(axis) == [
        ("start", "0%", "15 Mar 2023"),
        ("middle", "40.525%", "1 Aug"),
        ("middle", "58.309%", "1 Oct"),
        ("end", "100%", "20 Feb 2024"),
    ]


def test_decades_are_labelled_by_year() -> None:
    # 1 January 1950 to 31 December 2023, marks spread evenly (no break): years, the round
    # ones first; 1960, 1970 and 2010 would touch an end's label.
    spans = days(*(f"{year}-06-01" for year in range(1950, 2024, 8)), "2023-12-31", "1950-01-01")
    labels = [label for _align, _left, label in shown(axis_for(spans))]
    assert labels == ["1 Jan 1950", "1980", "1990", "2000", "31 Dec 2023"]


def test_no_two_labels_touch_on_any_axis() -> None:
    chance = random.Random(29)
    for _ in range(300):
        first = dt.date(2000, 1, 1) + dt.timedelta(days=chance.randrange(10_000))
        spans = [
            (day, day + dt.timedelta(days=chance.choice([0, 0, 1, 30])))
            for day in (
                first + dt.timedelta(days=chance.randrange(chance.choice([5, 60, 800, 20_000])))
                for _ in range(chance.randrange(1, 12))
            )
        ]
        ticks = axis_ticks(axis_for(spans))
        for a, b in itertools.pairwise(ticks):
            assert a.extent()[1] <= b.extent()[0], (spans, a, b)
