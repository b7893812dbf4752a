"""Bounds on an event's date and a report's, worded exactly (issue 29, item 2), and a basis for
a report's and a status step's date (item 3); data format 6.

An undated wire copy can only be "on or after 21 September" (its first publication we saw) and a
statement "on or before" the copy that reports it; 'before' and 'after' leave the day out, 'on or
before' and 'on or after' take it in; 'between' gives both ends. Every expected string is
written by hand.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import event as support_event
from support import problems, rendered

from generator.outputs.opendata import csv_files
from generator.pages.storyindex import Index
from generator.pages.strip import date_words, strip_layout
from generator.pages.summary import what_we_know
from generator.pages.templating import when
from generator.read.loader import load_story_or_diagnostics
from generator.schema.datemodel import sort_key
from generator.schema.model import Event

Edit = Callable[[str, str, str], None]

VOTE_BASIS = """    date_basis:
      rule: weekday
      words: on Thursday
      weekday: thursday
      direction: previous
"""


def event(event_id: str, date: str, **fields: Any) -> Event:
    """:func:`support.event` whose source's words say overnight: a bounded date must still read
    as one, never as a night."""
    overnight = {"rule": "stated", "words": "overnight"}
    return support_event(event_id, date, **{"date_basis": overnight, **fields})


@pytest.mark.parametrize(
    ("fields", "page", "strip"),
    [
        (
            {"date_qualifier": "on-or-before"},
            'on or before <time datetime="2023-09-21">21 September 2023</time>',
            "on or before 21 September 2023",
        ),
        (
            {"date_qualifier": "on-or-after"},
            'on or after <time datetime="2023-09-21">21 September 2023</time>',
            "on or after 21 September 2023",
        ),
        (
            {"date_qualifier": "before"},
            'before <time datetime="2023-09-21">21 September 2023</time>',
            "before 21 September 2023",
        ),
        (  # one day, not known, of the four; the words say overnight, but a 'between' is no night
            {"date_qualifier": "between", "date_end": "2023-09-24"},
            'between <time datetime="2023-09-21">21</time> and <time datetime="2023-09-24">24 '
            "September 2023</time>",
            "between 21 and 24 September 2023",
        ),
        (
            {"date_qualifier": "between", "date_end": "2023-10-02"},
            'between <time datetime="2023-09-21">21 September</time> and <time '
            'datetime="2023-10-02">2 October 2023</time>',
            "between 21 September and 2 October 2023",
        ),
    ],
)
def test_bounds_read_exactly(fields: dict[str, str], page: str, strip: str) -> None:
    bounded = event("x", "2023-09-21", **fields)
    assert when(bounded.date, bounded) == page
    assert date_words(bounded) == strip


def test_a_between_is_a_bar_over_its_days_and_the_key_says_so() -> None:
    events = sorted(
        [
            event("a", "2023-09-20"),
            event("b", "2023-09-21", date_qualifier="between", date_end="2023-09-24"),
        ],
        key=sort_key,
    )
    strip = strip_layout(events)
    assert strip is not None and strip.has_between
    bar = strip.marks[1]
    assert (bar.left, bar.width) == (20.0, 80.0)  # days 2 to 5 of 5
    plain = strip_layout([event("a", "2023-09-20")])
    assert plain is not None and not plain.has_between


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "    date: 2020-03-04\n    date_qualifier: between\n",
            "events.yaml:5:5: events[0].date_qualifier: between needs both ends: date, the first "
            "day it may have been, and date_end, the last, a later day",
        ),
        (
            "    date: 2020-03-04\n    date_end: 2020-03-04\n    date_qualifier: between\n",
            "events.yaml:6:5: events[0].date_qualifier: between needs both ends: date, the first "
            "day it may have been, and date_end, the last, a later day",
        ),
        (
            "    date: 2020-03-04\n    date_end: 2020-03-05\n    date_qualifier: on-or-before\n",
            "events.yaml:5:5: events[0].date_end: date_qualifier on-or-before takes one day: leave "
            "out date_end, or use between",
        ),
        (
            "    date: 2020-03-04\n    date_qualifier: on or before\n",
            "events.yaml:5:5: events[0].date_qualifier: 'on or before' is not allowed; expected "
            "'exact', 'about', 'before', 'after', 'on-or-before', 'on-or-after' or 'between' "
            "(did you mean 'on-or-before'?)",
        ),
    ],
)
def test_bound_rules(story_copy: Path, edit: Edit, new: str, expected: str) -> None:
    edit("events", "    date: 2020-03-04\n", new)
    assert problems(story_copy) == [f"site_data/{expected}"]


VALUE = "        value: 12\n"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "        value: 12\n        as_of: 2020-03-05\n        as_of_qualifier: on-or-before\n",
            'as of some day on or before <time datetime="2020-03-05">5 March 2020</time>, '
            "according to",
        ),
        (
            "        value: 12\n        as_of: 2020-03-03\n        as_of_qualifier: between\n"
            "        as_of_end: 2020-03-05\n",
            'as of some day between <time datetime="2020-03-03">3</time> and <time '
            'datetime="2020-03-05">5 March 2020</time>, according to',
        ),
        (
            "        value: 12\n        as_of: 2020-03-05\n        as_of_qualifier: about\n",
            'as of about <time datetime="2020-03-05">5 March 2020</time>, according to',
        ),
    ],
)
def test_a_reports_date_bounded(story_copy: Path, edit: Edit, new: str, expected: str) -> None:
    edit("figures", VALUE, new)
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None
    assert expected in what_we_know(Index(data))


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "        value: 12\n        as_of_qualifier: on-or-before\n",
            "figures.yaml:9:9: figures[0].reports[0].as_of_qualifier: as_of_qualifier needs as_of",
        ),
        (
            "        value: 12\n        as_of: 2020-03-05\n        as_of_qualifier: between\n",
            "figures.yaml:10:9: figures[0].reports[0].as_of_qualifier: between needs both ends: "
            "as_of, the first day the number may have held, and as_of_end, the last, a later day",
        ),
        (
            "        value: 12\n        as_of: 2020-03-05\n        as_of_end: 2020-03-06\n",
            "figures.yaml:10:9: figures[0].reports[0].as_of_end: as_of_end is only for "
            "as_of_qualifier between",
        ),
    ],
)
def test_report_bound_rules(story_copy: Path, edit: Edit, new: str, expected: str) -> None:
    edit("figures", VALUE, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


# --- a basis for every date (item 3): a report's as_of and a status step's date -----------------

STEP = """    status:
      - status: reported
        date: {date}
        date_basis:
          rule: weekday
          words: on Thursday
          weekday: thursday
          direction: previous
        by: [ines-lima]
        cites: [ex-vote]
"""
REPORT_BASIS = """        value: 12
        as_of: {date}
        as_of_basis:
          rule: weekday
          words: {words}
          weekday: thursday
          direction: previous
"""


@pytest.mark.parametrize(
    ("kind", "old", "new", "expected"),
    [
        (  # gazette-footbridge was published on Friday 6 March 2020
            "events",
            "    claimed_by: ines-lima\n",
            "    claimed_by: ines-lima\n" + STEP.format(date="2020-03-04"),
            "events.yaml:25:9: events[1].status[0].date: 2020-03-04 does not match its basis: "
            "the thursday before the publication of 'gazette-footbridge' on 2020-03-06 is "
            "2020-03-05",
        ),
        (
            "figures",
            VALUE,
            REPORT_BASIS.format(date="2020-03-05", words="on Thursday"),
            "figures.yaml:12:11: figures[0].reports[0].as_of_basis.words: the words 'on Thursday' "
            "do not occur in the excerpts cited (ex-official)",
        ),
        (
            "figures",
            VALUE,
            "        value: 12\n        as_of_basis:\n          rule: stated\n          words: x\n",
            "figures.yaml:9:9: figures[0].reports[0].as_of_basis: as_of_basis is given but as_of "
            "is not",
        ),
    ],
)
def test_a_basis_for_a_reports_and_a_steps_date(
    story_copy: Path, edit: Edit, kind: str, old: str, new: str, expected: str
) -> None:
    edit(kind, old, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_a_date_counted_from_an_inferred_publication_says_so(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        "    published: 2020-03-06\n",
        "    published: 2020-03-06\n    published_basis:\n      rule: inferred\n"
        "      reason: The page address carries the day.\n",
    )
    edit(
        "events",
        "    claimed_by: ines-lima\n",
        "    claimed_by: ines-lima\n" + STEP.format(date="2020-03-05"),
    )
    timeline = rendered(story_copy)["timeline.md"]
    basis = (
        '<time datetime="2020-03-05">5 March 2020</time> <span class="date-basis">(Thursday, '
        "derived from the publication date, which the editor inferred)</span>"
    )
    assert f'<p class="fact__date" markdown="span">{basis}</p>' in timeline  # the vote
    assert f'<li markdown="span">{basis}: Reported by' in timeline  # its status step


# --- a date counted from another event (item 4) ----------------------------------------------

FROM_MAYOR = """    date_basis:
      rule: from-event
      words: on Thursday
      event: {event}
      days: {days}
"""


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            FROM_MAYOR.format(event="mayor-remarks", days=2),
            "events.yaml:13:5: events[1].date: 2020-03-05 does not match its basis: 2 days after "
            "the event 'mayor-remarks' (2020-03-04) is 2020-03-06",
        ),
        (
            "    date_basis:\n      rule: from-event\n      words: on Thursday\n      days: 1\n",
            "events.yaml:14:5: events[1].date_basis: rule from-event needs 'event': the event "
            "counted from, and how far",
        ),
        (
            FROM_MAYOR.format(event="mayor-remark", days=1),
            "events.yaml:17:7: events[1].date_basis.event: unknown event 'mayor-remark' (did you "
            "mean 'mayor-remarks'?)",
        ),
        (
            VOTE_BASIS + "      event: mayor-remarks\n",
            "events.yaml:19:7: events[1].date_basis.event: event is only for rule from-event",
        ),
    ],
)
def test_a_date_counted_from_another_event(
    story_copy: Path, edit: Edit, new: str, expected: str
) -> None:
    edit("events", VOTE_BASIS, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_a_date_counted_from_another_event_links_it(story_copy: Path, edit: Edit) -> None:
    edit("events", VOTE_BASIS, FROM_MAYOR.format(event="mayor-remarks", days=1))
    timeline = rendered(story_copy)["timeline.md"]
    assert (
        '<time datetime="2020-03-05">5 March 2020</time> <span class="date-basis">(1 day after '
        "[The mayor makes the case for the bridge](#event-mayor-remarks))</span>"
    ) in timeline


# --- sources that differ on a date (item 5) -----------------------------------------------------

OTHER = """    other_dates:
      - date: {date}
        date_basis:
          rule: stated
          words: '{words}'
        cites: [ex-mayor]
"""


def add_other_date(edit: Edit, date: str, words: str) -> None:
    """The vote (events[1]) given another source's date: the mayor's excerpt's."""
    edit(
        "events",
        "    claimed_by: ines-lima\n",
        "    claimed_by: ines-lima\n" + OTHER.format(date=date, words=words),
    )


def test_sources_that_differ_on_a_date_are_each_shown(story_copy: Path, edit: Edit) -> None:
    # The vote: Thursday 5 March by the gazette's weekday; here a second excerpt says 4 March.
    add_other_date(edit, "2020-03-04", "on March 4, 2020")
    timeline = rendered(story_copy)["timeline.md"]
    assert (
        '<p class="fact__dates-differ" markdown="span">Sources differ on the date: <time '
        'datetime="2020-03-05">5 March 2020</time> (“on Thursday”) <span class="source-link">'
        "[Source](sources.md#excerpt-ex-vote)</span>, the date above; <time "
        'datetime="2020-03-04">4 March 2020</time> (“on March 4, 2020”) <span '
        'class="source-link">[Source](sources.md#excerpt-ex-mayor)</span>.</p>'
    ) in timeline


@pytest.mark.parametrize(
    ("date", "words", "expected"),
    [
        (
            "2020-03-05",
            "on March 4, 2020",
            "events.yaml:24:9: events[1].other_dates[0].date: the same as the event's date: "
            "cite this source on the event",
        ),
        (
            "2020-03-04",
            "on Friday",
            "events.yaml:27:11: events[1].other_dates[0].date_basis.words: the words 'on Friday' "
            "do not occur in the excerpts cited (ex-mayor)",
        ),
    ],
)
def test_other_dates_rules(
    story_copy: Path, edit: Edit, date: str, words: str, expected: str
) -> None:
    add_other_date(edit, date, words)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_the_csv_gives_each_other_sources_date(story_copy: Path, edit: Edit) -> None:
    add_other_date(edit, "2020-03-04", "on March 4, 2020")
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None
    rows = list(csv.DictReader(io.StringIO(csv_files(data)["events"].lstrip("\ufeff"))))
    assert [row["other_dates"] for row in rows] == ["", "2020-03-04"]
