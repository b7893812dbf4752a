"""The rules of a developing story, each with its exact message (tests/fixtures/minimal).

Each case edits one file of a copy of the minimal story and expects exactly one located line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import problems

from generator.read.loader import load_story_or_diagnostics

Edit = Callable[[str, str, str], None]

VALUE = "        value: 12\n"
REPORT_CITES = "        cites: [ex-official]\n"
VOTE_BASIS = """    date_basis:
      rule: weekday
      words: on Thursday
      weekday: thursday
      direction: previous
"""
VOTE_CITES = "    claimed_by: ines-lima\n    cites: [ex-vote]\n"

CASES = [
    (
        "figures",
        VALUE,
        "        low: 15\n        high: 11\n",
        "figures.yaml:8:9: figures[0].reports[0].low: low 15 is above high 11",
    ),
    (
        "figures",
        VALUE,
        "        low: 15\n",
        "figures.yaml:7:9: figures[0].reports[0]: a range needs both low and high; high is missing",
    ),
    (
        "figures",
        VALUE + "        qualifier: about\n",
        "        qualifier: about\n",
        "figures.yaml:7:9: figures[0].reports[0]: a report needs value, or low and high for a "
        "range",
    ),
    (
        "figures",
        VALUE,
        "        value: 12\n        low: 10\n        high: 14\n",
        "figures.yaml:8:9: figures[0].reports[0].value: give value or a range (low and high), "
        "not both",
    ),
    (  # the report's source, gazette-footbridge, was published on 2020-03-06
        "figures",
        VALUE,
        "        value: 12\n        as_of: 2020-03-07\n",
        "figures.yaml:9:9: figures[0].reports[0].as_of: as_of 2020-03-07 is after the publication "
        "of 'gazette-footbridge' on 2020-03-06",
    ),
    (
        "figures",
        VALUE,
        '        value: 12\n        as_of: 2020-03-05\n        time: "15:20"\n',
        "figures.yaml:10:9: figures[0].reports[0].time: time needs its zone: utc_offset, the "
        "offset from UTC on that day (e.g. '-04:00'), or time_zone, the zone's name (e.g. "
        "America/New_York), or time_zone: local when the source does not give the zone",
    ),
    (
        "figures",
        "    reports:\n",
        "    headline_rule: editor\n    reports:\n",
        "figures.yaml:6:5: figures[0].headline_rule: headline_rule editor needs 'headline_report' "
        "and 'headline_reason'",
    ),
    (
        "figures",
        "    reports:\n",
        "    headline_rule: editor\n    headline_report: ex-mayor\n"
        "    headline_reason: The only official figure.\n    reports:\n",
        "figures.yaml:7:5: figures[0].headline_report: 'ex-mayor' is an excerpt, not a report",
    ),
    (
        "figures",
        "    reports:\n",
        "    headline_reason: The only official figure.\n    reports:\n",
        "figures.yaml:6:5: figures[0].headline_reason: headline_reason is only for headline_rule "
        "editor",
    ),
    (
        "events",
        VOTE_CITES,
        VOTE_CITES.replace(
            "    cites:",
            "    status:\n      - {status: denied, date: 2020-03-06, cites: [ex-vote]}\n    cites:",
        ),
        "events.yaml:24:9: events[1].status[0]: a denied step names who denies it: add 'by'",
    ),
    (
        "events",
        VOTE_CITES,
        VOTE_CITES.replace(
            "    cites:",
            "    status:\n"
            "      - {status: reported, date: 2020-03-06, by: [ines-lima], cites: [ex-vote]}\n"
            "      - {status: disputed, date: 2020-03-05, by: [ines-lima], cites: [ex-vote]}\n"
            "    cites:",
        ),
        "events.yaml:25:28: events[1].status[1].date: 2020-03-05 is before the step above it "
        "(2020-03-06): steps go oldest first",
    ),
    (  # "the day before" the publication on 2020-03-06 is 2020-03-05, not 2020-03-04
        "events",
        VOTE_BASIS,
        "    date_basis:\n      rule: relative\n      words: on Thursday\n      days: -2\n",
        "events.yaml:13:5: events[1].date: 2020-03-05 does not match its basis: 2 days before the "
        "publication of 'gazette-footbridge' on 2020-03-06 is 2020-03-04",
    ),
    (
        "events",
        VOTE_BASIS,
        "    date_basis:\n      rule: relative\n      words: on Thursday\n",
        "events.yaml:14:5: events[1].date_basis: rule relative needs 'days': days from the "
        "publication date",
    ),
    (
        "events",
        VOTE_BASIS,
        "    date_basis:\n      rule: inferred\n      words: on Thursday\n",
        "events.yaml:14:5: events[1].date_basis: rule inferred needs 'reason': how the date was "
        "worked out",
    ),
    (
        "events",
        "    date: 2020-03-05\n",
        "    date: 2020-03\n",
        "events.yaml:13:5: events[1].date: rule weekday gives a day: write the date as YYYY-MM-DD",
    ),
    (
        "events",
        "    date: 2020-03-05\n",
        "    date: 2020-03-05\n    date_end: 2020-03-04\n",
        "events.yaml:14:5: events[1].date_end: date_end 2020-03-04 is before date 2020-03-05",
    ),
    (
        "events",
        "    date: 2020-03-05\n",
        '    date: 2020-03-05\n    utc_offset: "+01:00"\n',
        "events.yaml:14:5: events[1].utc_offset: utc_offset is given but time is not",
    ),
]


@pytest.mark.parametrize(
    ("kind", "old", "new", "expected"),
    CASES,
    ids=[case[3].split(": ", 2)[-1][:50] for case in CASES],
)
def test_rule(story_copy: Path, edit: Edit, kind: str, old: str, new: str, expected: str) -> None:
    edit(kind, old, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_the_edits_start_from_a_valid_story(story_copy: Path) -> None:
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None


def test_a_relative_date_that_resolves(story_copy: Path, edit: Edit) -> None:
    edit(
        "events",
        VOTE_BASIS,
        "    date_basis:\n      rule: relative\n      words: on Thursday\n      days: -1\n",
    )
    assert load_story_or_diagnostics(story_copy)[1] == []


def test_a_month_and_an_inferred_date_load(story_copy: Path, edit: Edit) -> None:
    edit("events", "    date: 2020-03-04\n", "    date: 2020-03\n    date_qualifier: about\n")
    edit(
        "events",
        "      rule: stated\n      words: on March 4, 2020\n",
        "      rule: inferred\n      words: on March 4, 2020\n"
        "      reason: The copy dates the remarks only to March.\n",
    )
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None
    assert data.events[0].date == "2020-03"
