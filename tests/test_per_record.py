"""Errors per record, not per file: a record that fails validation is left out on its own.

The other records of its file still reach the cross-file rules (quotes verbatim, references,
dates, duplicate ids), each named at its own place in the file; references to the left-out
record's id are not reported as unknown (its own problem says what to fix).
"""

from __future__ import annotations

from pathlib import Path

from conftest import Edit
from support import problems

THIRD_QUOTE = """\
  - id: official-again
    text: far from settled
    speaker: council-official
    extent: partial
    cites: [ex-offical]
"""


def test_a_schema_error_hides_neither_a_non_verbatim_quote_nor_an_unknown_cite(
    story_copy: Path, edit: Edit
) -> None:
    """The issue's case: quotes[1].extent is wrong; quotes[0] and quotes[2] have problems of
    their own, found by the cross-file rules in the same run."""
    edit("quotes", "extent: partial", "extent: fragment")
    edit("quotes", "text: This bridge joins two", "text: This bridge joins the two")
    with (story_copy / "quotes.yaml").open("a", encoding="utf-8") as handle:
        handle.write(THIRD_QUOTE)
    assert problems(story_copy) == [
        "site_data/quotes.yaml:4:5: quotes[0].text: the quote does not occur verbatim in the "
        "excerpts it cites (ex-mayor)",
        "site_data/quotes.yaml:17:5: quotes[1].extent: 'fragment' is not allowed; expected "
        "'whole' or 'partial'",
        "site_data/quotes.yaml:24:13: quotes[2].cites[0]: unknown excerpt 'ex-offical' "
        "(did you mean 'ex-official'?)",
    ]


def test_two_broken_records_in_one_file_and_a_cross_file_problem_of_a_third(
    story_copy: Path, edit: Edit
) -> None:
    edit("actors", "kind: person", "kind: human")
    edit("actors", "    role: An official who spoke on condition of anonymity.\n", "")
    edit("actors", "cites: [ex-vote]\n  - id: council", "cites: [ex-vot]\n  - id: council")
    # ines-lima (actors[0]) is named by events, quotes, positions: none of them is "unknown".
    assert problems(story_copy) == [
        "site_data/actors.yaml:5:5: actors[0].kind: 'human' is not allowed; expected 'person', "
        "'country', 'organisation', 'group' or 'anonymous'",
        "site_data/actors.yaml:13:13: actors[1].cites[0]: unknown excerpt 'ex-vot' "
        "(did you mean 'ex-vote'?)",
        "site_data/actors.yaml:14:5: actors[2]: missing required field 'role'",
    ]


def test_a_duplicate_id_after_a_left_out_record_names_both_places(
    story_copy: Path, edit: Edit
) -> None:
    edit("actors", "kind: person", "kind: human")
    edit("actors", "id: council-official", "id: riverside-council")
    found = problems(story_copy)
    assert found[:2] == [
        "site_data/actors.yaml:5:5: actors[0].kind: 'human' is not allowed; expected 'person', "
        "'country', 'organisation', 'group' or 'anonymous'",
        "site_data/actors.yaml:14:5: actors[2].id: duplicate id 'riverside-council' "
        "(also actors[1].id at site_data/actors.yaml:9:5)",
    ]
    # council-official is gone, so what names it is unknown: true, and said where.
    assert found[2:] == [
        "site_data/quotes.yaml:16:5: quotes[1].speaker: unknown actor 'council-official'",
    ]


def test_a_reference_to_a_left_out_record_of_another_kind_is_still_checked(
    story_copy: Path, edit: Edit
) -> None:
    """Only references that could name the left-out record are held back: the question
    fund-bridge is left out, an 'unknown actor' elsewhere is still reported."""
    edit("questions", "short: Funding", "short: ''")
    edit("positions", "actor: ines-lima", "actor: fund-bridge")
    assert problems(story_copy) == [
        "site_data/positions.yaml:4:5: positions[0].actor: unknown actor 'fund-bridge'",
        "site_data/questions.yaml:5:5: questions[0].short: must not be empty",
    ]
