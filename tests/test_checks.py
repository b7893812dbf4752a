"""Cross-file rules: unique ids, references, verbatim quotes, dates against their basis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import problems

from generator.read.loader import load_story_or_diagnostics
from generator.read.verbatim import normalise

Edit = Callable[[str, str, str], None]
SRC = "the publication of 'gazette-footbridge' on 2020-03-06"


CASES = [
    # ids
    (
        "figures",
        "id: bridge-cost\n",
        "id: mayor-remarks\n",
        "figures.yaml:3:5: figures[0].id: duplicate id 'mayor-remarks' "
        "(also events[0].id at site_data/events.yaml:3:5)",
    ),
    (
        "sources",
        "      - id: ex-official\n",
        "      - id: council-vote\n        text: Seven votes to two.\n      - id: ex-official\n",
        "events.yaml:12:5: events[1].id: duplicate id 'council-vote' "
        "(also sources[0].excerpts[2].id at site_data/sources.yaml:13:9)",
    ),
    # references
    (
        "quotes",
        "speaker: ines-lima",
        "speaker: ines-lma",
        "quotes.yaml:5:5: quotes[0].speaker: unknown actor 'ines-lma' (did you mean 'ines-lima'?)",
    ),
    (
        "quotes",
        "speaker: ines-lima",
        "speaker: nobody-at-all",
        "quotes.yaml:5:5: quotes[0].speaker: unknown actor 'nobody-at-all'",
    ),
    (
        "events",
        "actors: [riverside-council]",
        "actors: [riverside-council, riverside-councl]",
        "events.yaml:21:33: events[1].actors[1]: unknown actor 'riverside-councl' "
        "(did you mean 'riverside-council'?)",
    ),
    (
        "events",
        "claimed_by: ines-lima",
        "claimed_by: fund-bridge",
        "events.yaml:22:5: events[1].claimed_by: 'fund-bridge' is a question, not an actor",
    ),
    (
        "positions",
        "question: fund-bridge\n    stance: supports\n    summary: The mayor",
        "question: ines-lima\n    stance: supports\n    summary: The mayor",
        "positions.yaml:5:5: positions[0].question: 'ines-lima' is an actor, not a question",
    ),
    (
        "actors",
        "affiliation: riverside-council",
        "affiliation: riverside",
        "actors.yaml:18:5: actors[2].affiliation: unknown actor 'riverside' "
        "(did you mean 'riverside-council'?)",
    ),
    (
        "figures",
        "cites: [ex-official]",
        "cites: [ex-oficial]",
        "figures.yaml:10:17: figures[0].reports[0].cites[0]: unknown excerpt 'ex-oficial' "
        "(did you mean 'ex-official'?)",
    ),
    (
        "figures",
        "cites: [ex-official]",
        "cites: [gazette-footbridge]",
        "figures.yaml:10:17: figures[0].reports[0].cites[0]: 'gazette-footbridge' is a source, "
        "not an excerpt; cite one of its excerpts: ex-vote, ex-mayor, ex-official",
    ),
    # quotes
    (
        "quotes",
        "text: This bridge joins two halves of one town",
        "text: This bridge joins two halves of the town",
        "quotes.yaml:4:5: quotes[0].text: the quote does not occur verbatim in the excerpts it "
        "cites (ex-mayor)",
    ),
    (
        "quotes",
        "text: far from settled",
        "text: Far from settled",
        "quotes.yaml:15:5: quotes[1].text: the quote does not occur verbatim in the excerpts it "
        "cites (ex-official)",
    ),
    # dates
    (
        "events",
        "date: 2020-03-05",
        "date: 2020-03-04",
        f"events.yaml:13:5: events[1].date: 2020-03-04 does not match its basis: the thursday "
        f"before {SRC} is 2020-03-05",
    ),
    (
        "events",
        "direction: previous",
        "direction: next",
        f"events.yaml:13:5: events[1].date: 2020-03-05 does not match its basis: the thursday "
        f"after {SRC} is 2020-03-12",
    ),
    (
        "events",
        "direction: previous",
        "direction: same",
        "events.yaml:17:7: events[1].date_basis.weekday: 'gazette-footbridge' was published on a "
        "friday (2020-03-06), not a thursday",
    ),
    (
        "events",
        "      direction: previous\n",
        "",
        "events.yaml:14:5: events[1].date_basis: rule weekday needs 'direction'",
    ),
    (
        "events",
        "      words: on March 4, 2020\n",
        "      words: on March 4, 2020\n      weekday: wednesday\n",
        "events.yaml:8:7: events[0].date_basis.weekday: weekday is only for rule weekday",
    ),
    (
        "events",
        "      words: on Thursday",
        "      words: on Wednesday",
        "events.yaml:16:7: events[1].date_basis.words: the words 'on Wednesday' do not occur in "
        "the excerpts cited (ex-vote)",
    ),
    (
        "events",
        "date: 2020-03-04\n    date_basis:\n      rule: stated",
        "date: 2019-03-04\n    date_basis:\n      rule: day-month",
        f"events.yaml:4:5: events[0].date: 2019-03-04 is not in the year of {SRC}",
    ),
    (
        "events",
        "date: 2020-03-04\n    date_basis:\n      rule: stated",
        "date: 2020-03-09\n    date_basis:\n      rule: day-month",
        f"events.yaml:4:5: events[0].date: 2020-03-09 is after {SRC}",
    ),
    (
        "events",
        "rule: stated\n      words: on March 4, 2020",
        "rule: publication\n      words: Friday, March 6",
        f"events.yaml:4:5: events[0].date: 2020-03-04 is not {SRC}",
    ),
    (
        "quotes",
        "    said_on_basis:\n      rule: stated\n      words: March 4, 2020\n",
        "",
        "quotes.yaml:7:5: quotes[0].said_on: said_on needs said_on_basis: how the date was read",
    ),
    (
        "quotes",
        "    said_on: 2020-03-04\n",
        "",
        "quotes.yaml:7:5: quotes[0].said_on_basis: said_on_basis is given but said_on is not",
    ),
    (
        "story",
        "updated: 2020-03-08",
        "updated: 2020-03-06",
        "story.yaml:7:3: story.updated: updated 2020-03-06 is before published 2020-03-07",
    ),
]


@pytest.mark.parametrize(
    ("kind", "old", "new", "expected"),
    CASES,
    ids=[case[3].split(": ", 1)[1][:50] for case in CASES],
)
def test_rule(story_copy: Path, edit: Edit, kind: str, old: str, new: str, expected: str) -> None:
    edit(kind, old, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_checks_need_valid_files(story_copy: Path, edit: Edit) -> None:
    """A broken actors.yaml does not bury the others in 'unknown actor' noise."""
    edit("actors", "kind: person", "kind: human")
    edit("positions", "claimed_by: ines-lima", "claimed_by: inès-lima")
    assert problems(story_copy) == [
        "site_data/actors.yaml:5:5: actors[0].kind: 'human' is not allowed; expected 'person', "
        "'country', 'organisation', 'group' or 'anonymous'",
        "site_data/positions.yaml:14:5: positions[1].claimed_by: 'inès-lima' is not a valid id: "
        "use lower-case letters, digits and hyphens",
    ]


def test_every_cross_file_problem_at_once(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "speaker: ines-lima", "speaker: ines")
    edit(
        "positions",
        "question: fund-bridge\n    stance: supports\n    summary: The council",
        "question: fund\n    stance: supports\n    summary: The council",
    )
    edit("story", "updated: 2020-03-08", "updated: 2020-03-01")
    assert [line.split(": ")[1] for line in problems(story_copy)] == [
        "positions[1].question",
        "quotes[0].speaker",
        "story.updated",
    ]


def test_quotes_match_across_curly_quotes_and_line_breaks(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "text: far from settled", 'text: "cost was \\u201cfar from settled\\"\\n  and"')
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == []
    assert data is not None and data.quotes[1].text == 'cost was “far from settled"\n  and'


def test_normalise() -> None:
    assert normalise("  “It’s  far\n from ‘settled’”  ") == "\"It's far from 'settled'\""
