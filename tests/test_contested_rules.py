"""The rules of a report's reporters, relay, kind of count and derivation, each with its exact
message (tests/fixtures/minimal, format 3).

The minimal story's figures.yaml: one figure, ``bridge-cost``, whose one report
(``bridge-cost-reported``, line 7) ends with ``cites: [ex-official]`` on line 10; its label is
on line 12, last. Each case edits it and expects exactly one located line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import problems

from generator.read.loader import load_story_or_diagnostics

Edit = Callable[[str, str, str], None]

CITES = "        cites: [ex-official]\n"
LABEL = "    label: The footbridge's cost\n"
SECOND_FIGURE = LABEL + (
    "  - id: span\n"
    "    label: Span\n"
    "    unit: metres\n"
    "    counts: The span.\n"
    "    reports:\n"
    "      - id: span-reported\n"
    "        value: 40\n"
    "        derived: {how: From the cost., reports: [bridge-cost-reported]}\n"
    "        cites: [ex-official]\n"
)

CASES = [
    (
        CITES,
        "        count_type: other\n" + CITES,
        "figures.yaml:10:9: figures[0].reports[0].count_type: count_type other needs "
        "count_other: what kind of count it is, in a few words",
    ),
    (
        CITES,
        "        count_other: invoices paid\n" + CITES,
        "figures.yaml:10:9: figures[0].reports[0].count_other: count_other is only for "
        "count_type other",
    ),
    (
        CITES,
        "        reported_by: [council-official, council-official]\n" + CITES,
        "figures.yaml:10:41: figures[0].reports[0].reported_by[1]: 'council-official' is named "
        "twice in reported_by",
    ),
    (
        CITES,
        "        reported_by: [council-official]\n        via:\n"
        "          - {by: council-official, cites: [ex-official]}\n" + CITES,
        "figures.yaml:12:14: figures[0].reports[0].via[0].by: 'council-official' gave the number "
        "(reported_by): it cannot also pass it on",
    ),
    (
        CITES,
        "        via:\n          - {by: ines-lima, cites: [ex-official]}\n"
        "          - {by: ines-lima, cites: [ex-vote]}\n" + CITES,
        "figures.yaml:12:14: figures[0].reports[0].via[1].by: 'ines-lima' is named twice in via",
    ),
    (
        CITES,
        "        via:\n          - {by: ines-lim, cites: [ex-official]}\n" + CITES,
        "figures.yaml:11:14: figures[0].reports[0].via[0].by: unknown actor 'ines-lim' (did you "
        "mean 'ines-lima'?)",
    ),
    (
        CITES,
        "        via:\n          - {by: ines-lima}\n" + CITES,
        "figures.yaml:11:13: figures[0].reports[0].via[0]: missing required field 'cites'",
    ),
    (
        CITES,
        "        derived: {how: Our sum., reports: [bridge-cost-reported]}\n" + CITES,
        "figures.yaml:10:44: figures[0].reports[0].derived.reports[0]: a report cannot be worked "
        "out from itself",
    ),
    (
        LABEL,
        SECOND_FIGURE,
        "figures.yaml:20:50: figures[1].reports[0].derived.reports[0]: 'bridge-cost-reported' is "
        "a report of another figure: a number is worked out from reports of its own figure (its "
        "reports: span-reported)",
    ),
    (
        CITES,
        "        derived: {how: Our sum., reports: [ex-official]}\n" + CITES,
        "figures.yaml:10:44: figures[0].reports[0].derived.reports[0]: 'ex-official' is an "
        "excerpt, not a report",
    ),
    (
        "        qualifier: about\n",
        "        qualifier: roughly\n",
        "figures.yaml:9:9: figures[0].reports[0].qualifier: 'roughly' is not allowed; expected "
        "'exact', 'at-least', 'more-than', 'about', 'up-to', 'fewer-than', 'nearly' or 'almost'",
    ),
    (
        CITES,
        "        count_type: tally\n" + CITES,
        "figures.yaml:10:9: figures[0].reports[0].count_type: 'tally' is not allowed; expected "
        "'confirmed', 'registered', 'recovered', 'identified', 'estimate', 'projection' or 'other'",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), CASES, ids=[case[2].split(": ", 2)[-1][:50] for case in CASES]
)
def test_rule(story_copy: Path, edit: Edit, old: str, new: str, expected: str) -> None:
    edit("figures", old, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_the_editors_pick_must_stand(story_copy: Path, edit: Edit) -> None:
    edit(
        "figures",
        "    reports:\n",
        "    headline_rule: editor\n    headline_report: bridge-cost-reported\n"
        "    headline_reason: The only one.\n    reports:\n",
    )
    edit(
        "figures",
        CITES,
        "        status:\n          - status: denied\n            date: 2020-03-06\n"
        "            by: [riverside-council]\n            cites: [ex-vote]\n" + CITES,
    )
    assert problems(story_copy) == [
        "site_data/figures.yaml:7:5: figures[0].headline_report: 'bridge-cost-reported' is "
        "denied (its status since 2020-03-06): the number shown first is one that stands; pick "
        "another report, or a rule"
    ]


def test_a_label_is_a_few_words(story_copy: Path, edit: Edit) -> None:
    edit("figures", LABEL, "    label: " + "word " * 16 + "and\n")
    assert problems(story_copy) == [
        "site_data/figures.yaml:12:5: figures[0].label: is 83 characters long; at most 80"
    ]


def test_every_new_field_together_loads(story_copy: Path, edit: Edit) -> None:
    edit(
        "figures",
        CITES,
        "        reported_by: [council-official, ines-lima]\n"
        "        via:\n          - {by: riverside-council, cites: [ex-vote]}\n"
        "        count_type: estimate\n"
        "        scope: The footbridge and its ramps\n" + CITES,
    )
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None
    report = data.figures[0].reports[0]
    assert report.reported_by == ["council-official", "ines-lima"]
    assert [(link.by, link.cites) for link in report.via] == [("riverside-council", ["ex-vote"])]
    assert (report.count_type, report.scope) == ("estimate", "The footbridge and its ramps")
