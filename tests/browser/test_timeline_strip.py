"""The timeline's overview strip and its filter by player, on the shipped Hollande story.

Its six events (site_data/events.yaml), in time order: the Élysée meeting (2 October 2015), the
Paris attacks (13 November), the agreement with Obama and the jet downing (both 24 November),
Orlov's interview (25 November), the Moscow visit (26 November). Turkey is a player in one of
them (the jet downing), Russia in two (the jet downing, Orlov's interview).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import NewContext
from .support import PHONE, Server, axe_violations, describe_violations, goto

pytestmark = [pytest.mark.browser]

NAMES = [
    "2 October 2015: Hollande receives Putin at the Élysée Palace",
    "13 November 2015: Islamic State attacks Paris",
    "24 November 2015: France and the United States agree to step up the fight",
    "24 November 2015: Turkey shoots down a Russian jet",
    "25 November 2015: Russia's ambassador offers a joint command",
    "26 November 2015: Hollande travels to Moscow to see Putin",
]
EVENT_IDS = [
    "elysee-meeting",
    "paris-attacks",
    "obama-agreement",
    "jet-downing",
    "orlov-interview",
    "moscow-visit",
]


def visible_events(page: Page) -> list[str]:
    found = page.locator("ol.timeline > li:visible").evaluate_all(
        "els => els.map(el => el.id.replace('event-', ''))"
    )
    return [str(item) for item in found]


def visible_marks(page: Page) -> list[str]:
    found = page.locator("a.timeline-strip__mark:visible").evaluate_all(
        "els => els.map(a => a.hash.replace('#event-', ''))"
    )
    return [str(item) for item in found]


def test_each_mark_is_a_named_link_reached_by_tab_that_moves_to_its_event(
    new_context: NewContext, server: Server
) -> None:
    page = new_context(viewport=PHONE).new_page()
    goto(page, server, "timeline/")
    strip = page.get_by_role("navigation", name=re.compile("^At a glance: 6 events"))
    expect(strip).to_be_visible()
    for name in NAMES:
        expect(strip.get_by_role("link", name=name, exact=True)).to_have_count(1)
    # Tab from the filter's select: the next stops are the six marks, in time order.
    page.get_by_label("Show the events of").focus()
    reached = []
    for _ in NAMES:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.hash"))  # hrefs are made absolute
    assert reached == [f"#event-{event_id}" for event_id in EVENT_IDS]
    # Enter on the focused mark (the Moscow visit) moves to that event.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#event-moscow-visit$"))
    target = page.locator("#event-moscow-visit")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("Hollande travels to Moscow to see Putin")


def test_the_filter_hides_other_players_events_and_all_players_restores_them(
    page: Page, server: Server
) -> None:
    goto(page, server, "timeline/")
    select = page.get_by_label("Show the events of")
    expect(select).to_be_visible()
    assert visible_events(page) == EVENT_IDS
    select.select_option(label="Russia")
    assert visible_events(page) == ["jet-downing", "orlov-interview"]
    assert visible_marks(page) == ["jet-downing", "orlov-interview"]
    expect(page.get_by_role("status")).to_have_text("Showing 2 of 6 events, those of Russia.")
    assert page.url.endswith("timeline/?player=russia")
    page.reload()  # the choice is kept in the address
    expect(page.get_by_label("Show the events of")).to_have_value("russia")
    assert visible_events(page) == ["jet-downing", "orlov-interview"]
    page.get_by_label("Show the events of").select_option(label="All players")
    assert visible_events(page) == EVENT_IDS
    assert visible_marks(page) == EVENT_IDS
    assert page.url.endswith("timeline/")


def test_the_filter_works_after_instant_navigation(page: Page, server: Server) -> None:
    goto(page, server, "")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Timeline").click()
    page.wait_for_url(re.compile("timeline/$"))
    select = page.get_by_label("Show the events of")
    expect(select).to_be_visible()
    select.select_option(label="Turkey")
    assert visible_events(page) == ["jet-downing"]
    assert visible_marks(page) == ["jet-downing"]


def test_a_link_to_an_event_the_filter_would_hide_shows_everything(
    page: Page, server: Server
) -> None:
    goto(page, server, "timeline/?player=turkey#event-moscow-visit")
    expect(page.get_by_label("Show the events of")).to_have_value("")
    assert visible_events(page) == EVENT_IDS


def test_without_javascript_the_whole_list_and_no_dead_control(
    new_context: NewContext, server: Server
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    goto(page, server, "timeline/?player=turkey")
    assert visible_events(page) == EVENT_IDS
    assert visible_marks(page) == EVENT_IDS
    expect(page.locator("form.timeline-filter")).to_be_hidden()
    expect(page.get_by_role("combobox")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_on_the_filtered_timeline_with_a_mark_focused(
    new_context: NewContext, server: Server, axe_js: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme, reduced_motion="reduce").new_page()
    goto(page, server, "timeline/")
    page.get_by_label("Show the events of").select_option(label="Russia")
    page.locator("a.timeline-strip__mark:visible").first.focus()
    violations = axe_violations(page, axe_js)
    assert violations == [], describe_violations(violations)


def test_a_marks_name_shows_on_focus_and_escape_hides_it(page: Page, server: Server) -> None:
    goto(page, server, "timeline/")
    names = page.locator(".timeline-strip__name")
    width = "el => el.getBoundingClientRect().width"
    page.get_by_label("Show the events of").focus()
    page.keyboard.press("Tab")
    assert names.nth(0).evaluate(width) > 100  # shown beside the focused mark
    page.keyboard.press("Escape")
    assert names.nth(0).evaluate(width) <= 1
    link = page.get_by_role("link", name=NAMES[0], exact=True)
    expect(link).to_be_focused()  # still named, still focused
    page.keyboard.press("Tab")
    assert names.nth(1).evaluate(width) > 100
