"""Long lists in parts (generator/pages/splits.py): which page shows which record once a list
outgrows one page, the links to them, and the pages that list the parts.

The fixture (tests/golden/long/) is a made-up flood that runs for months, with a dam opened 34
years before it: 14 events (one dated only to its month, five on one day), 8 players (a long
name, an accented one, one written in Arabic script), 4 quotes, 5 positions on 2 questions (one
disputed), 4 sources with 21 excerpts and a figure from three reporters. It is rendered with
small limits (:data:`SMALL`), so that each list is cut as a long story's would be; every
expected value below is worked out by hand from the fixture's data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from support import GOLDEN, REPO, load_golden_story

from generator.pages.linker import Linker
from generator.pages.pagekinds import page_kind_at
from generator.pages.periods import periods
from generator.pages.render import Page, render_pages
from generator.pages.splits import LIMITS, Parts
from generator.pages.storyindex import Index
from generator.read.loader import load_story
from generator.schema.model import Event, QuestionKind, Stance

STORY = GOLDEN / "long"
EXPECTED = GOLDEN / "expected-long"

SMALL = {"event": 4, "position": 3, "actor": 3, "quote": 3, "excerpt": 8, "cited-by": 2}
"""Limits small enough to cut each of the fixture's lists."""


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_golden_story(STORY), limits=SMALL)


@pytest.fixture(scope="module")
def pages(index: Index) -> dict[str, Page]:
    return {page.path: page for page in render_pages(index)}


def _parts(split: Any) -> list[tuple[str, str, list[str]]]:
    return [(p.id, p.title, [r.id for r in p.records]) for p in split.parts]


def test_the_timeline_by_period(index: Index) -> None:
    # 14 events > 4: by year (1989 holds one); 2023 by month; September (9) by its quarters, the
    # rain (dated to the month) apart; 10 September (5) in numbered parts, in file order.
    assert _parts(index.parts.timeline) == [
        ("1989", "1989", ["dam-opened"]),
        ("2023-09-month", "September 2023, day not given", ["rain"]),
        ("2023-09-01-to-07", "1 to 7 September 2023", ["warning", "evacuation"]),
        (
            "2023-09-10",
            "10 September 2023 (part 1 of 2)",
            ["breach", "bridge-closed", "power-cut", "shelters"],
        ),
        ("2023-09-10/2", "10 September 2023 (part 2 of 2)", ["army"]),
        ("2023-09-22-to-30", "22 to 30 September 2023", ["inquiry-vote"]),
        ("2023-10", "October 2023", ["return", "funds", "new-levee"]),
        ("2023-12", "December 2023", ["inquiry-report"]),
    ]


def test_the_other_lists_in_parts(index: Index) -> None:
    parts = index.parts
    # by question; a question's positions by stance, the disputed claim last
    assert _parts(parts.stances) == [
        (
            "levee-neglected",
            "Was the levee at Harlow Bend neglected? (part 1 of 2)",
            ["mayor-levee", "directorate-levee", "government-levee"],
        ),
        (
            "levee-neglected/2",
            "Was the levee at Harlow Bend neglected? (part 2 of 2)",
            ["volunteers-levee"],
        ),
        ("rebuild-riverside", "Should the riverside streets be rebuilt?", ["haddad-rebuild"]),
    ]
    # alphabetical, 'Élise' among the Es, the Arabic script after the Latin
    directorate = (
        "The Regional Directorate for Water Infrastructure and Flood Defence of the Lower "
        "Vell Valley"
    )
    assert _parts(parts.players) == [
        (
            "1",
            "Élise Vandermeer-Okonkwo to Regional government",
            ["mayor", "health-authority", "regional-government"],
        ),
        (
            "2",
            f"{directorate} to Volunteers' network",
            ["water-directorate", "vell-council", "volunteers"],
        ),
        ("3", "Weather office to نور الهدى حداد", ["weather-office", "haddad"]),
    ]
    assert _parts(parts.quotes) == [
        (
            "1",
            "Élise Vandermeer-Okonkwo to Volunteers' network",
            ["q-mayor", "q-directorate", "q-volunteers"],
        ),
        ("2", "نور الهدى حداد", ["q-haddad"]),
    ]
    # whole sources, at most 8 excerpts a part (the gazette has 6, the wire 7, then 6 + 2)
    assert _parts(parts.sources) == [
        ("1", "Source 1", ["valley-gazette"]),
        ("2", "Source 2", ["wire-copy"]),
        ("3", "Sources 3 to 4", ["radio-wadi", "council-minutes"]),
    ]


def _event(event_id: str, date: str) -> Event:
    return Event.model_validate(
        {
            "id": event_id,
            "date": date,
            "date_basis": {"rule": "stated", "words": "that day"},
            "title": event_id,
            "summary": "What happened.",
            "cites": ["x"],
        },
        strict=False,
    )


def test_a_timeline_is_cut_only_past_its_limit() -> None:
    fifty = [_event(f"e{n}", f"2015-11-{1 + n % 28:02d}") for n in range(50)]
    assert LIMITS["event"] == 50
    assert periods(fifty, 50) == []
    later = [*fifty, _event("e50", "2015-12-01")]
    assert [(p.id, len(p.records)) for p in periods(later, 50)] == [
        ("2015-11", 50),
        ("2015-12", 1),
    ]


@pytest.mark.parametrize("story", ["site_data", "examples/surfside-collapse/site_data"])
def test_the_shipped_stories_are_not_split(story: str) -> None:
    parts = Parts.of(load_story(REPO / story))
    assert [split.name for split in parts.splits() if split] == []
    assert parts.moved == {}


LINKS = [
    # (kind, id, where a link from the home page leads)
    ("event", "army", "timeline/2023-09-10/2.md#event-army"),
    ("event", "dam-opened", "timeline/1989.md#event-dam-opened"),
    ("position", "volunteers-levee", "stances/levee-neglected/2.md#position-volunteers-levee"),
    ("question", "rebuild-riverside", "stances/rebuild-riverside.md#question-rebuild-riverside"),
    ("question", "levee-neglected", "stances/levee-neglected.md#question-levee-neglected"),
    ("actor", "haddad", "players/index/3.md#actor-haddad"),
    ("quote", "q-haddad", "quotes/2.md#quote-q-haddad"),
    ("excerpt", "rn-toll", "sources/3.md#excerpt-rn-toll"),
    ("source", "council-minutes", "sources/3.md#source-council-minutes"),
    # not in a list that is cut: where it always was
    ("figure", "dead", "figures.md#figure-dead"),
]


@pytest.mark.parametrize(("kind", "record_id", "target"), LINKS)
def test_a_link_leads_to_the_part_that_shows_the_record(
    index: Index, kind: str, record_id: str, target: str
) -> None:
    link = Linker(index, "index.md").at(kind, record_id, "text")
    assert link == f"[text]({target})"


RECORD_LINK = re.compile(
    r"\]\(([^)#\s]*\.md)#((?:event|actor|position|question|quote|excerpt|source|figure|report"
    r"|update)-[a-z0-9-]+)\)"
)
"""A Markdown link to a record's block: (page, anchor)."""


def test_every_page_links_each_record_where_it_is(pages: dict[str, Page]) -> None:
    """No page of the split story links a record's anchor on a page that does not hold it."""
    anchors = {
        path: set(re.findall(r'id="([a-z0-9-]+)"', page.markdown)) for path, page in pages.items()
    }
    wrong = []
    for path, page in pages.items():
        folder = path.rpartition("/")[0]
        for target, anchor in re.findall(RECORD_LINK, page.markdown):
            resolved = _normal(f"{folder}/{target}" if folder else target)
            if anchor not in anchors.get(resolved, set()):
                wrong.append(f"{path}: {target}#{anchor}")
    assert wrong == []


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def test_the_pages_of_a_story_in_parts(pages: dict[str, Page]) -> None:
    players = {f"players/{actor.id}.md" for actor in load_golden_story(STORY).actors}
    made = sorted(path for path in pages if path not in players)
    assert made == [
        "as-of/2023-09-11.md",  # the explainer as it stood after the update of that day
        "embed/figures.md",
        "embed/stances.md",
        "embed/timeline.md",
        "figures.md",
        "guide.md",
        "players/index.md",
        "players/index/1.md",
        "players/index/2.md",
        "players/index/3.md",
        "quotes.md",
        "quotes/1.md",
        "quotes/2.md",
        "reference.md",
        "sources.md",
        "sources/1.md",
        "sources/2.md",
        "sources/3.md",
        "sources/cited-by/rn-haddad.md",
        "sources/cited-by/rn-toll.md",
        "sources/cited-by/vg-evacuation.md",
        "sources/cited-by/wc-army.md",
        "sources/cited-by/wc-directorate.md",
        "stances.md",
        "stances/levee-neglected.md",
        "stances/levee-neglected/2.md",
        "stances/rebuild-riverside.md",
        "timeline.md",
        "timeline/1989.md",
        "timeline/2023-09-01-to-07.md",
        "timeline/2023-09-10.md",
        "timeline/2023-09-10/2.md",
        "timeline/2023-09-22-to-30.md",
        "timeline/2023-09-month.md",
        "timeline/2023-10.md",
        "timeline/2023-12.md",
        "updates.md",
    ]
    titles = {path: pages[path].title for path in ("timeline/2023-09-10/2.md", "quotes/2.md")}
    assert titles == {
        "timeline/2023-09-10/2.md": "Timeline: 10 September 2023 (part 2 of 2)",
        "quotes/2.md": "Quotes: نور الهدى حداد",
    }


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("timeline.md", "timeline"),
        ("timeline/2023-09-10/2.md", "timeline-period"),
        ("players/index.md", "players"),
        ("players/index/2.md", "players-part"),
        ("players/haddad.md", "player"),
        ("stances/levee-neglected/2.md", "stances-question"),
        ("quotes/2.md", "quotes-part"),
        ("sources/3.md", "sources-part"),
        ("sources/cited-by/rn-toll.md", "sources-cited-by"),
        ("embed/timeline.md", "timeline"),
    ],
)
def test_the_kind_of_a_page_in_parts(path: str, kind: str) -> None:
    found = page_kind_at(path)
    assert found is not None and found.name == kind


def test_a_period_page_says_where_it_is(pages: dict[str, Page]) -> None:
    text = pages["timeline/2023-09-10/2.md"].markdown
    links = (
        '<span class="part-nav__before">[← Previous period: 10 September 2023 (part 1 of 2)]'
        '(../2023-09-10.md)</span> <span class="part-nav__all">Period 5 of 8: '
        '[every period](../../timeline.md)</span> <span class="part-nav__after">'
        "[Next period: 22 to 30 September 2023 →](../2023-09-22-to-30.md)</span>"
    )
    assert text.startswith(
        "# Timeline: 10 September 2023 (part 2 of 2)\n\n"
        '<nav class="part-nav" aria-label="Periods of the timeline" markdown="block">\n'
        f'<p markdown="span">{links}</p>\n'
        "</nav>\n\n"
        '<ol class="timeline" markdown>\n'
        '<li class="fact fact--event" id="event-army" data-actors="regional-government" '
        'markdown="block">\n'
    )  # one day: no strip; one player: no filter
    assert f'<p class="part-nav part-nav--end" markdown="span">{links}</p>\n' in text
    first = pages["timeline/1989.md"].markdown
    assert '<span class="part-nav__before">' not in first
    assert "Period 1 of 8: [every period](../timeline.md)" in first


def test_the_overview_of_a_timeline_in_periods(pages: dict[str, Page]) -> None:
    text = pages["timeline.md"].markdown
    assert text.startswith(
        "# Timeline\n\n"
        '<p class="parts__intro">The timeline holds 14 events: each period has a page of its '
        "own.</p>\n\n"
        '<nav class="timeline-strip" aria-labelledby="timeline-strip-heading">\n'
        '<p class="timeline-strip__heading" id="timeline-strip-heading">At a glance: 14 events '
        "in 8 periods, 12 May 1989 to 14 December 2023</p>\n"
    )
    marks = re.findall(r'<a class="[^"]*" href="([^"]*)" style="[^"]*">.*?__name">([^<]*)<', text)
    assert marks == [
        ("timeline/1989.md", "1989: 1 event"),
        ("timeline/2023-09-month.md", "September 2023, day not given: 1 event"),
        ("timeline/2023-09-01-to-07.md", "1 to 7 September 2023: 2 events"),
        ("timeline/2023-09-10.md", "10 September 2023 (part 1 of 2): 4 events"),
        ("timeline/2023-09-10/2.md", "10 September 2023 (part 2 of 2): 1 event"),
        ("timeline/2023-09-22-to-30.md", "22 to 30 September 2023: 1 event"),
        ("timeline/2023-10.md", "October 2023: 3 events"),
        ("timeline/2023-12.md", "December 2023: 1 event"),
    ]
    # the parts, each with its blocks' anchors (old addresses are forwarded by them)
    assert (
        '<ol class="parts" markdown>\n'
        '<li data-anchors="event-dam-opened" markdown="span">[1989](timeline/1989.md) '
        '<span class="parts__count">1 event</span></li>\n'
        '<li data-anchors="event-rain" markdown="span">[September 2023, day not given]'
        '(timeline/2023-09-month.md) <span class="parts__count">1 event</span></li>\n'
        '<li data-anchors="event-warning event-evacuation" markdown="span">[1 to 7 September '
        '2023](timeline/2023-09-01-to-07.md) <span class="parts__count">2 events</span></li>\n'
        '<li data-anchors="event-breach event-bridge-closed event-power-cut event-shelters" '
        'markdown="span">[10 September 2023 (part 1 of 2)](timeline/2023-09-10.md) '
        '<span class="parts__count">4 events</span></li>\n'
        '<li data-anchors="event-army" markdown="span">[10 September 2023 (part 2 of 2)]'
        '(timeline/2023-09-10/2.md) <span class="parts__count">1 event</span></li>\n'
        '<li data-anchors="event-inquiry-vote" markdown="span">[22 to 30 September 2023]'
        '(timeline/2023-09-22-to-30.md) <span class="parts__count">1 event</span></li>\n'
        '<li data-anchors="event-return event-funds event-new-levee" markdown="span">'
        '[October 2023](timeline/2023-10.md) <span class="parts__count">3 events</span></li>\n'
        '<li data-anchors="event-inquiry-report" markdown="span">[December 2023]'
        '(timeline/2023-12.md) <span class="parts__count">1 event</span></li>\n'
        "</ol>\n"
    ) in text
    assert 'class="fact fact--event"' not in text  # no event is laid out on the overview


def test_the_embedded_timeline_shows_the_latest_events(pages: dict[str, Page]) -> None:
    text = pages["embed/timeline.md"].markdown
    assert '<p class="embed-latest">The latest 4 of 14 events.</p>' in text
    shown = re.findall(r'<li class="fact fact--event" id="event-([a-z0-9-]+)"', text)
    assert shown == ["return", "funds", "new-levee", "inquiry-report"]


@pytest.mark.parametrize("path", ["stances.md", "players/index.md", "sources/3.md"])
def test_golden_page(pages: dict[str, Page], path: str) -> None:
    assert pages[path].markdown == (EXPECTED / path).read_text(encoding="utf-8")


def test_a_question_page_groups_its_positions_by_stance(pages: dict[str, Page]) -> None:
    first = pages["stances/levee-neglected.md"].markdown
    headings = re.findall(r'<h2 class="stance-group">([^<]*)</h2>', first)
    assert headings == ["Supports", "Opposes", "Conditional"]
    assert (
        '<p class="question__summary" id="question-levee-neglected" markdown="span">The '
        "inquiry into the breach asks it.</p>"
    ) in first
    second = pages["stances/levee-neglected/2.md"].markdown
    assert re.findall(r'<h2 class="stance-group">([^<]*)</h2>', second) == [
        "Disputed, denied or in doubt"
    ]
    assert 'id="question-levee-neglected"' not in second  # the question's anchor is on part 1


def _table_headings(factual: set[str]) -> list[str]:
    """The column headings of the long story's table of stances, with the questions ``factual``
    made questions of fact (the conditional position made unclear, as such a question wants)."""
    data = load_golden_story(STORY)
    questions = [
        q.model_copy(update={"kind": QuestionKind.FACTUAL}) if q.id in factual else q
        for q in data.questions
    ]
    positions = [
        p.model_copy(update={"stance": Stance.UNCLEAR}) if p.id == "government-levee" else p
        for p in data.positions
    ]
    changed = data.model_copy(update={"questions": questions, "positions": positions})
    pages = {page.path: page for page in render_pages(Index(changed, limits=SMALL))}
    text = pages["stances.md"].markdown
    return re.findall(r'<th scope="col">([^<]*)</th>', text)


def test_the_table_of_stances_heads_the_answers_to_questions_of_fact_as_answers() -> None:
    # Both questions of policy (the fixture as it is): stances.
    assert _table_headings(set()) == [
        "Question",
        "Supports",
        "Opposes",
        "Conditional",
        "Unclear",
        "Disputed, denied or in doubt",
    ]
    # "Was the levee neglected?" made a question of fact beside one of policy: both words.
    assert _table_headings({"levee-neglected"}) == [
        "Question",
        "Supports or says yes",
        "Opposes or says no",
        "Conditional",
        "Unclear",
        "Disputed, denied or in doubt",
    ]
    # Both questions of fact: answers, and no column for a conditional stance, which no answer
    # to a question of fact can take.
    assert _table_headings({"levee-neglected", "rebuild-riverside"}) == [
        "Question",
        "Says yes",
        "Says no",
        "Unclear",
        "Disputed, denied or in doubt",
    ]


def test_a_cited_by_page_lists_every_fact(pages: dict[str, Page]) -> None:
    text = pages["sources/cited-by/rn-toll.md"].markdown
    assert text.startswith(
        "# Cited by: “The health authority now counts 11 dead; the…”\n"  # its first 8 words
    )
    listed = re.findall(r"^- (.*)$", text, flags=re.M)
    assert listed == [
        "[Health authority](../../players/index/1.md#actor-health-authority)",
        "[Volunteers&#39; network](../../players/index/2.md#actor-volunteers)",
        "[People killed by the flood](../../figures.md#figure-dead)",
    ]


def test_what_parts_pages_are_shared_with(index: Index) -> None:
    from generator.outputs.sharemeta import share_meta

    meta = share_meta(
        index, "timeline/2023-10.md", title="Timeline: October 2023", site_name="Vell"
    )
    assert (meta.title, meta.description, meta.image) == (
        "Timeline: October 2023 - Vell",
        "One period of the story's timeline, each event with the sources it rests on.",
        "../../assets/images/share/timeline.png",
    )


def test_the_period_strip_places_each_period_on_the_days_of_its_events(
    pages: dict[str, Page],
) -> None:
    # 12 May 1989, then 1 September to 14 December 2023: the 34 years between are left out
    # (stripaxis), so the axis is the dam's day (a piece of 20%, the least), a break of
    # 6%, and the 105 days from 1 September over the other 74%. The dam's day is a point at
    # the middle of its piece; December's at the middle of the last day, 26 + 74 * 104.5 / 105;
    # October's bar from 2 October (day 31 of 105) over 29 days, to 30 October.
    assert (dt.date(2023, 12, 14) - dt.date(2023, 9, 1)).days + 1 == 105
    text = pages["timeline.md"].markdown
    styles = dict(re.findall(r'href="timeline/([^"]*)\.md" style="([^"]*)"', text))
    assert styles["1989"] == "left: 10%; top: 0rem"
    assert styles["2023-12"].startswith("left: 99.648%;")  # 26 + 73.648
    assert styles["2023-10"].startswith("left: 47.848%;")  # 26 + 74 * 31 / 105
    assert styles["2023-10"].endswith("; width: 20.438%")  # 74 * 29 / 105
    assert (
        '<div class="timeline-strip__break" style="left: 20%; width: 6%" aria-hidden="true">'
        in text
    )
    assert "The axis leaves out 34 years with no events: 13 May 1989 to 31 August 2023.</p>" in text
    ticks = re.findall(r'tick--(\w+)" style="left: ([^"]*)">([^<]*)<', text)
    assert ticks == [
        ("middle", "10%", "12 May 1989"),
        ("start", "26%", "1 Sep 2023"),
        # '1 Oct' (at 47.143%) would touch '1 Sep 2023', which takes 24% of a 300 px plot
        ("middle", "68.99%", "1 Nov"),  # 26 + 74 * 61 / 105
        ("end", "100%", "14 Dec"),  # '1 Dec' would touch it
    ]
