"""A long story's lists in parts, in a real browser: the long story of the tests (the synthetic
story at k=10, ``support.shared_long_site``), whose 60 events are in two periods (October 2015:
10 events, all on the 2nd; November 2015: 50) and whose 220 positions are on a page per question.

An address from before the lists were split (``timeline/#event-x``: a bookmark, a link from
another site) must still lead to the event, now on its period's page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from support import shared_long_site

from .conftest import serve_site
from .support import DESKTOP, PHONE, Server, Watch, goto

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def long_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    build = shared_long_site(tmp_path_factory)
    build.assert_ok()
    with serve_site(build.site) as served:
        yield served


@pytest.fixture
def long_page(browser: Browser, long_server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    context.set_default_timeout(10_000)
    watch = Watch().attach(context)
    yield context.new_page()
    context.close()
    assert watch.foreign(long_server) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("timeline/#event-moscow-visit-3", "timeline/2015-11/#event-moscow-visit-3"),
        ("timeline/#event-elysee-meeting", "timeline/2015-10/#event-elysee-meeting"),
        (
            "stances/#position-russia-joint-command-7",
            "stances/joint-command/#position-russia-joint-command-7",
        ),
        ("players/#actor-vladimir-putin-9", "players/index/2/#actor-vladimir-putin-9"),
    ],
)
def test_an_old_address_leads_to_the_part_that_holds_the_fact(
    long_page: Page, long_server: Server, old: str, new: str
) -> None:
    goto(long_page, long_server, old)
    long_page.wait_for_url(long_server.url(new))
    target = long_page.locator(":target")
    expect(target).to_have_attribute("id", new.rpartition("#")[2])
    expect(target).to_be_in_viewport()


def test_an_address_of_the_overview_itself_stays(long_page: Page, long_server: Server) -> None:
    goto(long_page, long_server, "timeline/#timeline-strip-heading")
    long_page.wait_for_timeout(300)  # a forwarding would have begun by now
    assert long_page.url == long_server.url("timeline/#timeline-strip-heading")


def test_the_overview_strip_leads_to_each_period(browser: Browser, long_server: Server) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        goto(page, long_server, "timeline/")
        strip = page.get_by_role("navigation", name=re.compile("^At a glance: 60 events in 2"))
        marks = strip.get_by_role("link")
        expect(marks).to_have_count(2)
        november = strip.get_by_role("link", name="November 2015: 50 events")
        november.click()
        page.wait_for_url(long_server.url("timeline/2015-11/"))
        expect(page.locator("ol.timeline > li")).to_have_count(50)
        nav = page.get_by_role("navigation", name="Periods of the timeline")
        nav.get_by_role("link", name="← Previous period: October 2015").click()
        page.wait_for_url(long_server.url("timeline/2015-10/"))
        expect(page.locator("ol.timeline > li")).to_have_count(10)
    finally:
        context.close()
