"""Positions over time, questions of fact and questions no one has answered: the rules with their
exact messages, and the matrix, the stances page and the player page as a reader sees them.

The rules edit the minimal story (tests/fixtures/minimal); the pages are rendered from it with
hand-written expectations.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import problems, rendered

from generator.pages.stancematrix import in_time
from generator.read.loader import load_story_or_diagnostics
from generator.schema.kinds import StoryData

Edit = Callable[[str, str, str], None]

LIMA = """  - id: lima-fund-bridge
    actor: ines-lima
    question: fund-bridge
    stance: supports
    summary: The mayor says the bridge joins two halves of one town.
    cites: [ex-mayor]
"""
LIMA_LATER = """  - id: lima-fund-bridge-later
    actor: ines-lima
    question: fund-bridge
    stance: unclear
    summary: The mayor no longer says who should pay.
    date: 2020-03-06
    date_basis:
      rule: publication
      words: Riverside backs footbridge
    cites: [ex-vote]
"""
DATED_LIMA = LIMA.replace(
    "    cites: [ex-mayor]\n",
    "    date: 2020-03-04\n    date_basis:\n      rule: stated\n      words: on March 4, 2020\n"
    "    cites: [ex-mayor]\n",
)
TOLL_QUESTION = """  - id: cost-known
    question: Is the cost of the footbridge known?
    short: Cost known
    summary: One official puts it at about 12 million euros.
    kind: factual
"""


def _load(story: Path) -> StoryData:
    data, diagnostics = load_story_or_diagnostics(story)
    assert diagnostics == [], diagnostics
    assert data is not None
    return data


# --- the rules --------------------------------------------------------------------------------


def test_a_position_date_is_held_to_its_basis(story_copy: Path, edit: Edit) -> None:
    edit(
        "positions",
        LIMA,
        LIMA.replace(
            "    cites:",
            "    date: 2020-03-05\n    date_basis:\n      rule: publication\n"
            "      words: the report\n    cites:",
        ),
    )
    assert problems(story_copy) == [
        "site_data/positions.yaml:8:5: positions[0].date: 2020-03-05 is not the publication of "
        "'gazette-footbridge' on 2020-03-06"
    ]


def test_a_position_date_needs_its_basis(story_copy: Path, edit: Edit) -> None:
    edit("positions", LIMA, LIMA.replace("    cites:", "    date: 2020-03-04\n    cites:"))
    assert problems(story_copy) == [
        "site_data/positions.yaml:8:5: positions[0].date: date needs date_basis: how the date "
        "was read"
    ]


def test_a_factual_question_has_no_conditional_answer(story_copy: Path, edit: Edit) -> None:
    edit(
        "questions",
        "    summary: The vote is won, but the price is not settled.\n",
        "    summary: The vote is won, but the price is not settled.\n    kind: factual\n",
    )
    edit(
        "positions",
        "    stance: supports\n    summary: The council",
        "    stance: conditional\n    summary: The council",
    )
    assert problems(story_copy) == [
        "site_data/positions.yaml:12:5: positions[1].stance: 'fund-bridge' is a factual "
        "question: its answers are supports (says yes), opposes (says no) or unclear; "
        "conditional is for a question of policy"
    ]


def test_an_answer_typed_as_a_word_gets_the_stance_it_means(story_copy: Path, edit: Edit) -> None:
    edit("positions", LIMA, LIMA.replace("stance: supports", "stance: 'yes'"))
    assert problems(story_copy) == [
        "site_data/positions.yaml:6:5: positions[0].stance: 'yes' is not allowed; expected "
        "'supports', 'opposes', 'conditional' or 'unclear' (did you mean 'supports': for it (on "
        "a factual question: says yes)?)"
    ]


def test_an_unanswered_question_has_no_answer(story_copy: Path, edit: Edit) -> None:
    edit(
        "questions",
        "    summary: The vote is won, but the price is not settled.\n",
        "    summary: The vote is won, but the price is not settled.\n"
        "    unanswered:\n      as_of: 2020-03-06\n      summary: Nobody says.\n"
        "      cites: [ex-official]\n",
    )
    assert problems(story_copy) == [
        "site_data/questions.yaml:7:5: questions[0].unanswered: says no one has answered it, "
        "but 'lima-fund-bridge', 'council-fund-bridge' answer it: remove one or the other"
    ]


def test_a_question_kind_typed_as_a_word(story_copy: Path, edit: Edit) -> None:
    edit("questions", "    short: Funding\n", "    short: Funding\n    kind: yes/no\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:6:5: questions[0].kind: 'yes/no' is not allowed; expected "
        "'policy' or 'factual' (did you mean 'factual': what is so; positions read as answers "
        "(supports: says yes, opposes: says no, unclear)?)"
    ]


# --- the pages --------------------------------------------------------------------------------


@pytest.fixture
def over_time(story_copy: Path, edit: Edit) -> dict[str, str]:
    """The minimal story with the mayor's position dated and a later one of hers, a factual
    question answered "no" by the official, and a question no one has answered."""
    edit("positions", LIMA, DATED_LIMA + LIMA_LATER)
    edit(
        "questions",
        "    summary: The vote is won, but the price is not settled.\n",
        "    summary: The vote is won, but the price is not settled.\n"
        + TOLL_QUESTION
        + "  - id: bridge-open\n    question: When will the footbridge open?\n"
        "    short: Opening\n    summary: No date is given.\n"
        "    unanswered:\n      as_of: 2020-03-06\n"
        "      summary: The report gives no date for the opening.\n"
        "      cites: [ex-vote]\n",
    )
    positions = story_copy / "positions.yaml"
    positions.write_text(
        positions.read_text(encoding="utf-8")
        + "  - id: official-cost-known\n    actor: council-official\n    question: cost-known\n"
        "    stance: opposes\n    summary: The official says the cost is far from settled.\n"
        "    cites: [ex-official]\n",
        encoding="utf-8",
    )
    return rendered(story_copy)


def test_the_matrix_shows_the_latest_first_and_the_earlier_dated(
    over_time: dict[str, str],
) -> None:
    matrix = over_time["stances.md"]
    assert (
        '<td class="stance stance--unclear" markdown="span">[Unclear](#position-lima-fund-bridge-'
        'later) <span class="stance__date"><time datetime="2020-03-06">6 March 2020</time></span>'
        ' <span class="source-link">[Source](sources.md#excerpt-ex-vote)</span>'
        '<span class="stance__earlier"><br>Earlier: [Supports](#position-lima-fund-bridge) '
        '<span class="stance__date"><time datetime="2020-03-04">4 March 2020</time></span> '
        '<span class="source-link">[Source](sources.md#excerpt-ex-mayor)</span></span></td>'
    ) in matrix


def test_a_factual_question_is_answered(over_time: dict[str, str]) -> None:
    assert (
        '<td class="stance stance--opposes" markdown="span">[Says no](#position-official-cost-'
        'known) <span class="source-link">[Source](sources.md#excerpt-ex-official)</span></td>'
    ) in over_time["stances.md"]
    assert (
        '<p class="fact__title" markdown="span">[A council official](players/council-official.md)'
        ': <strong class="stance-word">Says no</strong></p>'
    ) in over_time["stances.md"]
    assert (
        "- [Cost known](../stances.md#question-cost-known): [Says no]("
        in (over_time["players/council-official.md"])
    )


def test_an_unanswered_question_is_named_under_the_matrix_not_a_column(
    over_time: dict[str, str],
) -> None:
    page = over_time["stances.md"]
    assert '<th scope="col" markdown="span">[Opening]' not in page
    assert (
        '<p class="stance-matrix__unanswered" markdown="span">No one has answered yet: '
        '[Opening](#question-bridge-open) (as of <time datetime="2020-03-06">6 March 2020</time>)'
        ".</p>"
    ) in page
    assert (
        '<p class="fact__title" markdown="span"><strong>No one has answered this yet</strong> '
        '(as of <time datetime="2020-03-06">6 March 2020</time>).</p>\n'
        '<p class="fact__summary" markdown="span">The report gives no date for the opening.</p>'
    ) in page
    assert over_time["embed/stances.md"].count("No one has answered yet:") == 1


def test_the_player_page_dates_each_position(over_time: dict[str, str]) -> None:
    page = over_time["players/ines-lima.md"]
    assert (
        "- [Funding](../stances.md#question-fund-bridge): [Unclear](../stances.md#position-lima-"
        'fund-bridge-later), <time datetime="2020-03-06">6 March 2020</time>. The mayor no '
        "longer says who should pay."
    ) in page


def test_positions_without_dates_keep_the_file_order(story_copy: Path) -> None:
    data = _load(story_copy)
    first, second = data.positions
    assert in_time([second, first]) == [second, first]
