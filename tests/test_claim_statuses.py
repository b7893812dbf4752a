"""A claim contradicted by a later account, and a claim whose attribution is denied: their rules,
their wording wherever the claim is shown, and a "did you mean" that knows what a status means.

Each case edits the minimal story (tests/fixtures/minimal), or reads the golden story or the
made-up Norvale story (tests/fixtures/norvale); expected lines are written by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import FIXTURES, load_golden_story, problems

from generator.pages.linker import Linker
from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.pages.strip import strip_layout
from generator.pages.wording import claim_state
from generator.read.loader import load_story, load_story_or_diagnostics
from generator.schema.meanings import suggest
from generator.schema.model import ClaimStatus

Edit = Callable[[str, str, str], None]

VOTE_CITES = "    claimed_by: ines-lima\n    cites: [ex-vote]\n"
STATUSES = (
    "'reported', 'disputed', 'denied', 'confirmed', 'retracted', 'contradicted' or "
    "'attribution-denied'"
)


def _status(step: str) -> str:
    return VOTE_CITES.replace("    cites:", f"    status:\n      - {step}\n    cites:")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("withdrawn", "'retracted': whoever made it withdraws it"),
        ("misattributed", "'attribution-denied': whoever it is attributed to denies it came "
         "from them"),
        ("conflicting", "'contradicted': a later account conflicts with it without denying it"),
        ("Contradicted", "'contradicted': a later account conflicts with it without denying it"),
        ("refuted", "'denied': someone says it is false"),
        ("walked back", "'retracted': whoever made it withdraws it"),
        ("verified", "'confirmed': someone with the standing to know says it is true"),
        # not a word we know: then, and only then, the closest spelling
        ("retraced", "'retracted': whoever made it withdraws it"),
    ],
)  # fmt: skip
def test_a_status_that_is_not_allowed_gets_the_value_it_means(
    story_copy: Path, edit: Edit, typed: str, meant: str
) -> None:
    step = f"{{status: {typed}, date: 2020-03-06, by: [ines-lima], cites: [ex-vote]}}"
    edit("events", VOTE_CITES, _status(step))
    assert problems(story_copy) == [
        f"site_data/events.yaml:24:10: events[1].status[0].status: '{typed}' is not allowed; "
        f"expected {STATUSES} (did you mean {meant}?)"
    ]


def test_a_meaning_wins_over_a_spelling() -> None:
    # "contradiction" is spelt closer to nothing but "contradicted"; "redacted" is spelt like
    # "retracted" and means nothing we know, so the spelling is all there is to go on.
    values = [status.value for status in ClaimStatus]
    assert suggest("contradiction", values) == (
        " (did you mean 'contradicted': a later account conflicts with it without denying it?)"
    )
    assert suggest("unconfirmed", values) == " (did you mean 'disputed': someone questions it?)"
    assert suggest("xyzzy", values) == ""


def test_contradicted_and_attribution_denied_are_statuses(story_copy: Path, edit: Edit) -> None:
    step = (
        "{status: contradicted, date: 2020-03-06, cites: [ex-official], summary: The official "
        "puts the vote at six to three.}"
    )
    edit("events", VOTE_CITES, _status(step))
    data, diagnostics = load_story_or_diagnostics(story_copy)
    assert diagnostics == [] and data is not None
    assert data.events[1].status[0].status is ClaimStatus.CONTRADICTED


def test_a_contradiction_says_how_the_accounts_conflict(story_copy: Path, edit: Edit) -> None:
    edit(
        "events", VOTE_CITES, _status("{status: contradicted, date: 2020-03-06, cites: [ex-vote]}")
    )
    assert problems(story_copy) == [
        "site_data/events.yaml:24:9: events[1].status[0]: a contradicted step says how the later "
        "account conflicts with the claim: add 'summary' (and cite that account)"
    ]


def test_a_denied_attribution_names_who_denies_being_the_source(
    story_copy: Path, edit: Edit
) -> None:
    step = "{status: attribution-denied, date: 2020-03-06, cites: [ex-vote]}"
    edit("events", VOTE_CITES, _status(step))
    assert problems(story_copy) == [
        "site_data/events.yaml:24:9: events[1].status[0]: an attribution-denied step names who "
        "denies being its source: add 'by'"
    ]


# --- worded for readers -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_golden_story())


def _step(status: str, by: list[str], summary: str | None = None) -> object:
    from generator.schema.model import StatusStep

    return StatusStep.model_validate(
        {"status": status, "date": "2015-11-26", "by": by, "summary": summary, "cites": ["x"]},
        strict=False,
    )


def test_a_denied_attribution_never_reads_as_a_denial_of_the_claim(index: Index) -> None:
    ln = Linker(index, "timeline.md")
    assert ln.step(_step("attribution-denied", ["anna-berg"])) == (
        "[Anna Berg](players/anna-berg.md) denies being its source"
    )
    assert ln.step(_step("attribution-denied", ["anna-berg", "city-council"])) == (
        "[Anna Berg](players/anna-berg.md), [City Council](players/city-council.md) deny being "
        "its source"
    )


def test_a_contradiction_is_a_later_account_or_someone_s(index: Index) -> None:
    ln = Linker(index, "stances.md")
    assert ln.step(_step("contradicted", [], "Another count.")) == "Contradicted by a later account"
    assert ln.step(_step("contradicted", ["city-council"], "Another count.")) == (
        "Contradicted by [City Council](players/city-council.md)"
    )


def test_both_are_contested_wherever_a_claim_is_judged(index: Index) -> None:
    event = index.data.events[0]
    for status in ("contradicted", "attribution-denied"):
        step = _step(status, ["anna-berg"], "How.")
        changed = event.model_copy(update={"status": [step]})
        assert claim_state(changed) == "contested"
        strip = strip_layout([changed])
        assert strip is not None
        word = "contradicted" if status == "contradicted" else "attribution denied"
        assert strip.marks[0].name.endswith(f"({word})")


def test_a_claim_whose_attribution_is_denied_is_attributed_to_its_source_not_claimed() -> None:
    # Norvale's toll of 120 (tests/fixtures/norvale): reported on 9 April, credited to the relief
    # society, which denies on 10 April that the number came from it.
    story = load_story(FIXTURES / "norvale" / "site_data")
    event = next(event for event in story.events if event.id == "toll-of-120")
    assert [step.status for step in event.status] == [
        ClaimStatus.REPORTED,
        ClaimStatus.ATTRIBUTION_DENIED,
    ]
    reported = event.model_copy(update={"status": event.status[:1]})
    only_reported = story.model_copy(
        update={"events": [reported if e.id == event.id else e for e in story.events]}
    )
    event_link = (
        "[An Arabic-language site puts the dead at 120, citing the aid group]"
        "(../timeline.md#event-toll-of-120)"
    )
    for data, words in ((story, "Attributed to"), (only_reported, "Claim by")):
        pages = {page.path: page.markdown for page in render_pages(Index(data))}
        assert (
            '<li class="fact fact--event" id="event-toll-of-120" '
            'data-actors="valley-relief-society" markdown="block">\n'
            '<p class="fact__date" markdown="span"><time datetime="2031-04-09">9 April 2031</time>'
            ' <span class="date-basis">(the source’s publication date)</span></p>\n'
            f'<p class="fact__claim" markdown="span"><span class="label label--claim">{words} '
            "[Valley Relief Society](players/valley-relief-society.md)</span></p>\n"
        ) in pages["timeline.md"]
        assert (
            f'{event_link} <span class="label label--claim">{words} '
            "[Valley Relief Society](valley-relief-society.md)</span>"
        ) in pages["players/valley-relief-society.md"]
        other = "Claim by" if words == "Attributed to" else "Attributed to"
        assert other not in pages["timeline.md"]
        assert other not in pages["players/valley-relief-society.md"]
