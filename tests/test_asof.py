"""The explainer as it stood on the day of each of our updates.

Against the made-up story of ``tests/fixtures/three-updates/`` (updates on 4 March 2019, 20 June
2019 and 10 January 2024): on 4 March 2019 the toll stood at "at least 12" and the claim about
the repairs was reported; on 20 June 2019 the toll was 31 and the claim denied; the last update
is the story now, so it has no page of its own. Expected values are written by hand from its
files.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from support import FIXTURES, REPO, THREE_UPDATES

from generator.pages.asof import AS_OF_PAGES
from generator.pages.content import content_page
from generator.pages.render import Page, render_pages
from generator.pages.storyindex import Index
from generator.read.history import as_it_stood, snapshot_days
from generator.read.loader import load_story
from generator.schema.kinds import StoryData

MARCH = dt.date(2019, 3, 4)
JUNE = dt.date(2019, 6, 20)


@pytest.fixture(scope="module")
def story() -> StoryData:
    return load_story(THREE_UPDATES / "site_data")


@pytest.fixture(scope="module")
def pages(story: StoryData) -> dict[str, Page]:
    return {page.path: page for page in render_pages(Index(story))}


def text(markdown: str) -> str:
    """A page's Markdown as a reader reads it: tags and link targets dropped, spaces joined."""
    plain = re.sub(r"<[^>]+>", "", markdown)
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain)
    return " ".join(plain.replace("&#39;", "'").split())


def test_one_page_per_update_after_which_the_story_moved(pages: dict[str, Page]) -> None:
    assert sorted(p for p in pages if p.startswith("as-of/")) == [
        "as-of/2019-03-04.md",
        "as-of/2019-06-20.md",
    ]
    assert pages["as-of/2019-06-20.md"].title == "The explainer as it stood on 20 June 2019"
    assert pages["as-of/2019-06-20.md"].edit_path == "site_data/updates.yaml"


def test_the_shipped_stories_stood_then_as_now() -> None:
    """Each was published once, after everything it tells: no earlier version to show."""
    for folder in (REPO / "site_data", REPO / "examples" / "surfside-collapse" / "site_data"):
        assert snapshot_days(load_story(folder), AS_OF_PAGES) == []


@pytest.mark.parametrize(
    ("day", "figure", "status", "absent"),
    [
        (
            "2019-03-04",
            "at least 12 people",
            "Reported by Maria Fernanda de los Ángeles Villanueva-Ortiz, 4 March 2019",
            ["31", "29 people", "عبد الرحمن الخطيب", "Denied", "Confirmed", "inquiry finds"],
        ),
        (
            "2019-06-20",
            "31 people",
            "Denied by عبد الرحمن الخطيب, 20 June 2019",
            ["29 people", "Confirmed", "inquiry finds", "10 January 2024:"],
        ),
    ],
)
def test_each_page_shows_the_figure_and_the_claim_as_they_stood(
    pages: dict[str, Page], day: str, figure: str, status: str, absent: list[str]
) -> None:
    markdown = pages[f"as-of/{day}.md"].markdown
    page = text(markdown)
    assert page.startswith("--- search: exclude: true --- # The explainer as it stood on "), page[
        :80
    ]
    assert "This is not the current explainer." in page
    assert "Read the current explainer" in markdown and "](../index.md)" in markdown
    assert f"**[{figure}](#figure-deaths)**" in markdown  # "What we know", linked on the page
    assert '<p class="figure-card__value" markdown="span">' in markdown
    assert status in page
    for later in absent:
        assert later not in page.split("Since then:")[0] + page.split("every update since")[1]


def test_the_notice_says_what_came_after(pages: dict[str, Page]) -> None:
    page = text(pages["as-of/2019-03-04.md"].markdown)
    assert "Since then: 7 developments, the latest on 10 January 2024." in page
    page = text(pages["as-of/2019-06-20.md"].markdown)
    assert "Since then: 4 developments, the latest on 10 January 2024." in page


def test_the_as_of_control_names_every_day_and_marks_this_one(pages: dict[str, Page]) -> None:
    control = pages["as-of/2019-03-04.md"].markdown.split('<nav class="as-of-control"')[1]
    control = control.split("</nav>")[0]
    assert re.findall(r"<li[^>]*>(.*)</li>", control) == [
        '<span class="as-of-control__current" aria-current="page">'
        '<time datetime="2019-03-04">4 March 2019</time></span>',
        "[20 June 2019](2019-06-20.md)",
        "[Now: the current explainer](../index.md)",
    ]


def test_each_update_links_the_page_of_its_day(pages: dict[str, Page]) -> None:
    updates = pages["updates.md"].markdown
    blocks = re.findall(r'id="update-([a-z0-9-]+)".*?</div>', updates, flags=re.S)
    assert blocks == ["inquiry-findings", "toll-31-and-denial", "first-version"]
    found = re.findall(r'id="update-[a-z0-9-]+".*?</div>', updates, flags=re.S)
    links = {
        name: re.findall(r"\[The explainer as it stood that day\]\(([^)]+)\)", block)
        for name, block in zip(blocks, found, strict=True)
    }
    assert links == {
        "inquiry-findings": [],  # the story now
        "toll-31-and-denial": ["as-of/2019-06-20.md"],
        "first-version": ["as-of/2019-03-04.md"],
    }
    assert "[4 March 2019](as-of/2019-03-04.md)" in updates  # the control, at the top


def test_the_home_page_names_the_earlier_versions(story: StoryData) -> None:
    home = content_page("# Home\n\nA lede.\n", Index(story), page_path="index.md", file_label="x")
    assert (
        "- **Earlier versions:** the explainer as it stood on "
        "[4 March 2019](as-of/2019-03-04.md), [20 June 2019](as-of/2019-06-20.md)\n"
    ) in home


def test_what_was_not_yet_published_is_left_out(story: StoryData) -> None:
    then = as_it_stood(story, MARCH)
    assert [s.id for s in then.sources] == ["courier-breach"]
    # the builder and the inquiry are known only from later sources, and so is what they said
    assert [a.id for a in then.actors] == ["villanueva-ortiz", "water-authority", "coroner"]
    assert [q.id for q in then.quotes] == ["warned-thirty-years"]
    assert [p.id for p in then.positions] == ["engineer-builder-answers"]
    assert [e.id for e in then.events] == ["repairs-begin", "repairs-unfinished", "breach"]
    assert [r.id for f in then.figures for r in f.reports] == ["deaths-first-count"]
    assert [u.id for u in then.updates] == ["first-version"]
    # the coroner is cited by the first source and a later one: only the first remains
    assert next(a for a in then.actors if a.id == "coroner").cites == ["ex-breach"]
    assert then.story.updated == MARCH
    then = as_it_stood(story, JUNE)
    steps = next(e for e in then.events if e.id == "repairs-unfinished").status
    assert [(s.status.value, s.date) for s in steps] == [("reported", MARCH), ("denied", JUNE)]


def test_a_report_chosen_later_as_headline_falls_back_to_the_latest(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    data.mkdir()
    for path in (THREE_UPDATES / "site_data").iterdir():
        (data / path.name).write_text(path.read_text("utf-8"), "utf-8")
    figures = (
        (data / "figures.yaml")
        .read_text("utf-8")
        .replace(
            "    reports:\n",
            "    headline_rule: editor\n    headline_report: deaths-final\n"
            "    headline_reason: The inquiry's count removes two people counted twice.\n"
            "    reports:\n",
        )
    )
    (data / "figures.yaml").write_text(figures, "utf-8")
    story = load_story(data)
    then = as_it_stood(story, JUNE)
    assert then.figures[0].headline_report is None
    page = text(
        next(p for p in render_pages(Index(story)) if p.path == "as-of/2019-06-20.md").markdown
    )
    assert "31 people" in page
    assert "Latest report · as of 20 June 2019" in page
    assert "Editor" not in page


def test_the_pages_are_bounded(tmp_path: Path) -> None:
    """An update every day for 30 days, each followed by a development: the latest 20 days get
    a page, whatever the size of the story."""
    data = tmp_path / "site_data"
    data.mkdir()
    for path in (THREE_UPDATES / "site_data").iterdir():
        (data / path.name).write_text(path.read_text("utf-8"), "utf-8")
    updates = yaml.safe_load((data / "updates.yaml").read_text("utf-8"))
    for n in range(30):
        day = dt.date(2019, 3, 5) + dt.timedelta(days=n)
        updates["updates"].append(
            {"id": f"daily-{n}", "date": day, "kind": "update", "summary": f"Day {n}."}
        )
    text_ = "# yaml-language-server: $schema=../schema/updates.schema.json\n"
    (data / "updates.yaml").write_text(text_ + yaml.safe_dump(updates), "utf-8")
    story = load_story(data)
    days = snapshot_days(story, AS_OF_PAGES)
    assert len(days) == AS_OF_PAGES == 20
    assert days[0] == dt.date(2019, 3, 16) and days[-1] == JUNE  # the latest twenty
    made = [p.path for p in render_pages(Index(story)) if p.path.startswith("as-of/")]
    assert len(made) == 20


def test_our_own_later_update_alone_makes_no_page() -> None:
    """The minimal story's correction of 8 March came after its first version, but nothing
    happened to a fact after 7 March: the explainer then, corrections kept, is the one now."""
    assert snapshot_days(load_story(REPO / "tests" / "fixtures" / "minimal"), AS_OF_PAGES) == []


def test_a_claim_on_the_page_of_a_day_says_whose_it_is(tmp_path: Path) -> None:
    """A position claimed by someone reads "Claim by X" on the explainer as it stood, as it
    does everywhere (the page gave the label no record, and a fuzzed story, 10,000 cases on
    seed 20261207, ended in Jinja's UndefinedError: 'record' is undefined)."""
    data = tmp_path / "site_data"
    shutil.copytree(FIXTURES / "every-field", data)
    quotes = data / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    # the quote's dispute moves after our update of 8 March: the story moved after that day,
    # which gets a page of its own
    moved = "        date: 2020-03-09\n        by: [ines-lima]\n"
    quotes.write_text(text.replace("        date: 2020-03-06\n        by: [ines-lima]\n", moved))
    pages = {page.path: page.markdown for page in render_pages(Index(load_story(data)))}
    page = pages["as-of/2020-03-08.md"]
    block = page[page.index('id="position-council-fund-bridge"') :]
    assert (
        block.split("</div>")[0].count(
            '<span class="label label--claim">Claim by [Inês Lima](../players/ines-lima.md)</span>'
        )
        == 1
    )
