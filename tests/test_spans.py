"""Spans and overnight events read as what they are (issue 29, item 6), written by hand.

The fixture (tests/golden/spans/) is a made-up storm in a valley: a dam finished in June 1991
(an event 32 years before the rest), a warning at 6 p.m., the dam giving way "overnight Sunday
into Monday" (10 to 11 September 2023), a search over three days, a curfew over two days that
was no night, a power cut overnight from 10:30 p.m., aid across a month's end and an inquiry
across the new year; a player with a long name and one with an Arabic (right-to-left) name.
The strip of its timeline leaves the 32 years between 1991 and 2023 out of its axis (item 7).
With format 6 it has a time the copy gives as local, an event whose copies differ on its day, a
levee inspected "between Sept. 14 and Sept. 16", a request dated "three days before" the
convoys, and a weekly known only to its month (January 2024); it passes every check.

An event is overnight when it runs from one day to the next and the source's own words for its
date (``date_basis.words``) say "overnight" or "night": the data says nothing new, and a
two-day event the source does not call a night reads as a span.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from support import GOLDEN, load_golden_story

from generator.pages.render import Page, render_pages
from generator.pages.storyindex import Index
from generator.pages.strip import date_words
from generator.pages.wording import overnight, span_first
from generator.read.loader import load_story_or_diagnostics
from generator.schema.datemodel import DateBasis, DateRule
from generator.schema.model import Event, OtherDate

STORY = GOLDEN / "spans"
EXPECTED = GOLDEN / "expected-spans"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_golden_story(STORY))


@pytest.fixture(scope="module")
def pages(index: Index) -> dict[str, Page]:
    return {page.path: page for page in render_pages(index)}


def test_the_fixture_passes_every_check() -> None:
    data, diagnostics = load_story_or_diagnostics(STORY)
    assert diagnostics == [] and data is not None


def test_golden_timeline(pages: dict[str, Page]) -> None:
    """The whole page: the dates below, and the strip, whose axis leaves out the 32 years
    between June 1991 and the storm (its numbers are worked out in test_stripaxis.py)."""
    assert pages["timeline.md"].markdown == (EXPECTED / "timeline.md").read_text(encoding="utf-8")


def test_each_date_on_the_timeline(pages: dict[str, Page]) -> None:
    lines = re.findall(
        r'<p class="fact__date" markdown="span">(.*)</p>', pages["timeline.md"].markdown
    )
    assert lines == [
        '<time datetime="1991-06">June 1991</time>',
        '<time datetime="2023-09-09T18:00+02:00">9 September 2023, 6:00 p.m. local time '
        "(UTC+2)</time>",
        'overnight, <time datetime="2023-09-10">10</time> to <time datetime="2023-09-11">11 '
        'September 2023</time> <span class="date-basis">(Sunday, derived from the publication '
        "date)</span>",
        '<time datetime="2023-09-10T21:15">10 September 2023, 9:15 p.m. local time</time> <span '
        'class="date-basis">(Sunday, derived from the publication date)</span>',
        '<time datetime="2023-09-11">11 September 2023</time> <span class="date-basis">(Monday, '
        "derived from the publication date)</span>",
        '<time datetime="2023-09-11">11</time> to <time datetime="2023-09-13">13 September '
        "2023</time>",
        '<time datetime="2023-09-11">11</time> to <time datetime="2023-09-12">12 September '
        '2023</time> <span class="date-basis">(year derived from the publication date)</span>',
        'overnight, <time datetime="2023-09-12T22:30+02:00">12 September 2023, 10:30 p.m. local '
        'time (UTC+2)</time> to <time datetime="2023-09-13">13 September 2023</time> <span '
        'class="date-basis">(Tuesday, derived from the publication date)</span>',
        'between <time datetime="2023-09-14">14</time> and <time datetime="2023-09-16">16 '
        "September 2023</time>",
        '<time datetime="2023-09-27">27 September 2023</time> <span class="date-basis">(3 days '
        "before [Aid convoys arrive](#event-aid-arrives))</span>",
        '<time datetime="2023-09-30">30 September</time> to <time datetime="2023-10-02">2 '
        'October 2023</time> <span class="date-basis">(year derived from the publication '
        "date)</span>",
        '<time datetime="2023-12-30">30 December 2023</time> to <time datetime="2024-01-02">2 '
        'January 2024</time> <span class="date-basis">(inferred by the editor: The weekly, of '
        "January 2024, gives no years; a sitting to 2 January began in 2023.)</span>",
    ]


def test_a_date_counted_from_an_event_names_it_wherever_it_is_shown() -> None:
    # Another copy's date for the aid request, counted from the convoys too (made here: none of
    # the fixture's other dates counts from an event). Such a date on a quote, a position or a
    # status step is shown by the same partial; it said "4 days before another event".
    data = load_golden_story(STORY)
    other = OtherDate(
        date=dt.date(2023, 9, 26),
        date_basis=DateBasis(
            rule=DateRule.FROM_EVENT,
            words="four days before the convoys",
            event="aid-arrives",
            days=-4,
        ),
        cites=["vcl-aid-request"],
    )
    events = [
        e.model_copy(update={"other_dates": [other]}) if e.id == "aid-request" else e
        for e in data.events
    ]
    pages = render_pages(Index(data.model_copy(update={"events": events})))
    timeline = next(page for page in pages if page.path == "timeline.md").markdown
    differ = re.findall(r'<p class="fact__dates-differ" markdown="span">(.*)</p>', timeline)
    assert len(differ) == 2  # the fixture's own event whose copies differ, and this one
    assert (
        '<time datetime="2023-09-26">26 September 2023</time> <span class="date-basis">(4 days '
        "before [Aid convoys arrive](#event-aid-arrives))</span> (“four days before the "
        "convoys”)"
    ) in differ[1]


def test_each_name_on_the_strip(index: Index) -> None:
    # in the file's order
    assert [date_words(event) for event in index.data.events] == [
        "June 1991",
        "9 September 2023",
        "overnight, 10 to 11 September 2023",
        "10 September 2023",
        "11 September 2023",
        "11 to 13 September 2023",
        "11 to 12 September 2023",
        "between 14 and 16 September 2023",
        "27 September 2023",
        "overnight, 12 to 13 September 2023",
        "30 September to 2 October 2023",
        "30 December 2023 to 2 January 2024",
    ]


def test_a_player_page_lists_the_spans_alike(pages: dict[str, Page]) -> None:
    items = [
        line
        for line in pages["players/water-ministry.md"].markdown.splitlines()
        if line.startswith("- ")
    ]
    assert items == [
        '- <time datetime="1991-06">June 1991</time>: [The dam is finished]'
        "(../timeline.md#event-dam-finished)",
        '- <time datetime="2023-09-27">27 September 2023</time>: [The ministry asks for help]'
        "(../timeline.md#event-aid-request)",
        '- <time datetime="2023-12-30">30 December 2023</time> to <time datetime="2024-01-02">2 '
        "January 2024</time>: [The inquiry sits](../timeline.md#event-inquiry)",
    ]


def _event(words: str, first: str, last: str | None) -> Event:
    return Event(
        id="e",
        date=dt.date.fromisoformat(first),
        date_end=dt.date.fromisoformat(last) if last else None,
        date_basis=DateBasis(rule=DateRule.STATED, words=words),
        title="T",
        summary="S.",
        cites=["x"],
    )


@pytest.mark.parametrize(
    ("words", "first", "last", "expected"),
    [
        ("Overnight", "2021-06-24", "2021-06-25", True),
        ("on the night of 10 September", "2023-09-10", "2023-09-11", True),
        ("Sunday night into Monday", "2023-09-10", "2023-09-11", True),
        ("overnight", "2023-09-10", None, False),  # which night, the source does not say
        ("overnight", "2023-09-10", "2023-09-12", False),  # two nights are no overnight
        ("on Sept. 11 and 12", "2023-09-11", "2023-09-12", False),
        ("at nightfall", "2023-09-10", "2023-09-11", False),  # a word, not 'night'
    ],
)
def test_overnight(words: str, first: str, last: str | None, expected: bool) -> None:
    assert overnight(_event(words, first, last)) is expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2023-09-10", "2023-09-11", "10"),
        ("2023-09-30", "2023-10-02", "30 September"),
        ("2023-12-30", "2024-01-02", "30 December 2023"),
    ],
)
def test_span_first(first: str, last: str, expected: str) -> None:
    assert span_first(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == expected
