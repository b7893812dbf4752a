"""Golden Markdown for the parts of a page a developing story adds, written by hand.

The fixture (tests/golden/developing/) is a small made-up flood: a toll reported three times by
two reporters (at least 12, then 15 with a time of day and UTC offset, and a range 14–18 with no
date of its own), a claim reported and then denied, a date known only to the month and inferred
by the editor, and a development in the updates log.
"""

from __future__ import annotations

import pytest
from support import GOLDEN, load_golden_story

from generator.pages.content import with_summary
from generator.pages.render import Page, render_pages
from generator.pages.storyindex import Index
from generator.pages.summary import what_we_know

STORY = GOLDEN / "developing"
EXPECTED = GOLDEN / "expected-developing"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_golden_story(STORY))


@pytest.fixture(scope="module")
def pages(index: Index) -> dict[str, Page]:
    return {page.path: page for page in render_pages(index)}


@pytest.mark.parametrize("path", ["timeline.md", "figures.md", "stances.md", "embed/figures.md"])
def test_golden_page(pages: dict[str, Page], path: str) -> None:
    assert pages[path].markdown == (EXPECTED / path).read_text(encoding="utf-8")


def test_what_we_know(index: Index) -> None:
    assert what_we_know(index) == (EXPECTED / "what-we-know.md").read_text(encoding="utf-8")


def test_what_we_know_goes_after_the_lede() -> None:
    page = "# Title\n\nThe lede,\non two lines.\n\n## First question\n"
    assert with_summary(page, "BLOCK\n") == (
        "# Title\n\nThe lede,\non two lines.\n\nBLOCK\n\n## First question\n"
    )
    assert with_summary("# Title\n\n## Question\n", "BLOCK\n") == (
        "# Title\n\nBLOCK\n\n## Question\n"
    )
    assert with_summary("No heading.\n", "BLOCK\n") == "BLOCK\n\nNo heading.\n"


def test_a_denied_position_is_never_a_plain_tick(pages: dict[str, Page]) -> None:
    matrix = pages["embed/stances.md"].markdown
    assert "stance--supports" not in matrix
    assert "stance--contested" in matrix and "Denied by" in matrix


def test_the_player_page_shows_the_status_first(pages: dict[str, Page]) -> None:
    text = pages["players/mayor.md"].markdown
    position = next(line for line in text.splitlines() if "position-mayor-rescue" in line)
    assert position.index("Denied by") < position.index("Supports")


def test_the_sources_page_names_a_denied_claim_with_its_denial(pages: dict[str, Page]) -> None:
    text = pages["sources.md"].markdown
    cited = next(line for line in text.splitlines() if "[A girl is reported trapped alive]" in line)
    assert "Denied by [The navy](players/navy.md), 3 May 2024" in cited


def test_a_source_without_headline_is_named_by_publisher_and_date(pages: dict[str, Page]) -> None:
    text = pages["sources.md"].markdown
    assert (
        '<h2 class="source" id="source-wire-one" markdown="span">The Agency, 2 May 2024</h2>'
        in (text)
    )
    assert (
        "(date inferred by the editor: The copy says Friday; the flood was on Wednesday.)" in text
    )
    # agency copy found at another outlet reads as the agency's copy, at that outlet
    assert "The Agency copy, at Radio Town; published <time" in text
