"""A publication known to the month, or only bounded, and the dates derived from it (issue 29,
item 2; data format 6).

A copy whose address says only ``2023/09`` was published in September 2023; an undated wire copy
first seen on 6 March was published on or before that day. A date derived from such a
publication says how far it is known, or why it cannot be derived: a weekday cannot be counted
from a month. Each case edits a copy of the minimal story (tests/fixtures/minimal: the source
gazette-footbridge, published 2020-03-06, dates the council vote by a weekday, "on Thursday",
and gives the cost report, which has no as_of of its own). Every expected line is written by
hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import problems

from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.pages.summary import what_we_know
from generator.read.loader import load_story_or_diagnostics

Edit = Callable[[str, str, str], None]

PUBLISHED = "published: 2020-03-06"
VOTE_BASIS = """    date_basis:
      rule: weekday
      words: on Thursday
      weekday: thursday
      direction: previous
"""
VOTE_INFERRED = """    date_basis:
      rule: inferred
      words: on Thursday
      reason: The Thursday before the copy, which is dated only to the month.
"""


@pytest.mark.parametrize(
    ("sources", "events", "expected"),
    [
        (  # a weekday cannot be counted from a month
            "published: 2020-03",
            None,
            "events.yaml:14:5: events[1].date_basis: rule weekday cannot resolve: the publication "
            "of 'gazette-footbridge' is known only to the month, 2020-03; give the date by rule "
            "stated, or inferred with your reason",
        ),
        (  # nor from a bound
            "published: 2020-03-06\n    published_qualifier: on-or-before",
            None,
            "events.yaml:14:5: events[1].date_basis: rule weekday cannot resolve: the publication "
            "of 'gazette-footbridge' is known only as on or before 2020-03-06; give the date by "
            "rule stated, or inferred with your reason",
        ),
        (  # a month gives its year to a day and a month
            "published: 2020-03",
            "    date: 2019-03-05\n    date_basis:\n      rule: day-month\n      words: on "
            "Thursday\n",
            "events.yaml:13:5: events[1].date: 2019-03-05 is not in 2020, the year of the "
            "publication of 'gazette-footbridge' (known only to the month, 2020-03)",
        ),
        (  # and its last day bounds it
            "published: 2020-03-01\n    published_qualifier: between\n    published_end: "
            "2020-03-04",
            "    date: 2020-03-05\n    date_basis:\n      rule: day-month\n      words: on "
            "Thursday\n",
            "events.yaml:13:5: events[1].date: 2020-03-05 is after the publication of "
            "'gazette-footbridge' (known only as between 2020-03-01 and 2020-03-04)",
        ),
        (  # the publication's own date is a month, as the publication gives it
            "published: 2020-03",
            "    date: 2020-03-05\n    date_basis:\n      rule: publication\n      words: "
            "dateline\n",
            "events.yaml:13:5: events[1].date: the publication of 'gazette-footbridge' is known "
            "only to the month, 2020-03: by rule publication the date is that month, 2020-03",
        ),
        (
            "published: 2020-03-06\n    published_qualifier: between",
            "    date: 2020-03-05\n" + VOTE_INFERRED,
            "sources.yaml:6:5: sources[0].published_qualifier: between needs both ends: "
            "published, the first day it may have been (a day), and published_end, the last, a "
            "later day",
        ),
        (
            "published: 2020-03-06\n    published_end: 2020-03-09",
            None,
            "sources.yaml:6:5: sources[0].published_end: published_end is only for "
            "published_qualifier between",
        ),
        (
            "published_qualifier: on-or-after",
            "    date: 2020-03-05\n" + VOTE_INFERRED,
            "sources.yaml:5:5: sources[0].published_qualifier: published_qualifier needs published",
        ),
    ],
)
def test_a_date_against_a_publication_that_is_no_one_day(
    story_copy: Path, edit: Edit, sources: str, events: str | None, expected: str
) -> None:
    edit("sources", PUBLISHED, sources)
    if events is not None:
        edit("events", "    date: 2020-03-05\n" + VOTE_BASIS, events)
    assert problems(story_copy) == [f"site_data/{expected}"]


def _pages(story_copy: Path) -> dict[str, str]:
    """The pages, and "What we know" (where the cost report's date shows) as "summary"."""
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None
    index = Index(data)
    return {
        **{page.path: page.markdown for page in render_pages(index)},
        "summary": what_we_know(index),
    }


def test_a_month_shows_as_a_month_and_the_report_dated_by_it_says_so(
    story_copy: Path, edit: Edit
) -> None:
    edit("sources", PUBLISHED, "published: 2020-03")
    edit("events", "    date: 2020-03-05\n" + VOTE_BASIS, "    date: 2020-03-05\n" + VOTE_INFERRED)
    pages = _pages(story_copy)
    assert (
        'Published in <time datetime="2020-03">March 2020</time>. <a class="source__url"'
    ) in pages["sources.md"]
    assert (
        "**[about 12 million euros](figures.md#figure-bridge-cost)** (date not known (published "
        "in March 2020), according to" in pages["summary"]
    )


def test_a_bound_reads_as_one(story_copy: Path, edit: Edit) -> None:
    edit("sources", PUBLISHED, "published: 2020-03-06\n    published_qualifier: on-or-before")
    edit("events", "    date: 2020-03-05\n" + VOTE_BASIS, "    date: 2020-03-05\n" + VOTE_INFERRED)
    pages = _pages(story_copy)
    assert ('Published on or before <time datetime="2020-03-06">6 March 2020</time>. <a ') in pages[
        "sources.md"
    ]
    assert "date not known (published on or before 6 March 2020), according to" in pages["summary"]
