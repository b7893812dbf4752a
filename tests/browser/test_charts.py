"""The figure charts in a real browser: the Surfside example, whose toll changed over nine days.

The shared site (the Hollande story) has no figure with more than one report, so this module
builds examples/surfside-collapse/ (strict) and serves it itself. A reader on a keyboard reaches
every event mark of a chart with Tab, in order, with the focus visible, and Enter opens the
event on the timeline; axe finds nothing on the figures page, at desktop and phone widths, in
the light and dark schemes; and no page asks another host for anything.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from support import REPO, run_mkdocs_build

from .conftest import serve_site
from .support import DESKTOP, PHONE, Server, Watch, axe_violations, describe_violations, goto
from .test_accessibility import tab_through

SURFSIDE = REPO / "examples" / "surfside-collapse"


@pytest.fixture(scope="module")
def surfside(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = tmp_path_factory.mktemp("surfside-charts") / "site"
    run_mkdocs_build(SURFSIDE, str(site)).assert_ok()
    with serve_site(site) as served:
        yield served


def test_tab_reaches_every_event_mark_in_order_and_enter_opens_it(
    browser: Browser, surfside: Server
) -> None:
    watch = Watch()
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    watch.attach(context)
    try:
        page = context.new_page()
        goto(page, surfside, "figures/")
        strip = "#figure-deaths svg.figure-chart__events"
        marks = page.locator(f"{strip} a")
        assert marks.count() >= 10  # the toll's nine days hold most of the timeline's events
        expected = marks.evaluate_all(
            "els => els.map((el, i) => { el.dataset.kbd = String(i);"
            " return `${i}: ${el.getAttribute('xlink:href')}`; })"
        )
        assert all(href.split(": ", 1)[1].startswith("../timeline/#event-") for href in expected)

        focused, problems = tab_through(page, strip)

        assert focused == expected, "Tab does not visit every event mark in order"
        assert problems == []
        first = marks.first
        name = first.get_attribute("aria-label")
        assert name == "1: Part of Champlain Towers South falls, 24 June 2021"
        first.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/timeline/#event-collapse")
        expect(page.locator("[id='event-collapse']")).to_be_in_viewport()
    finally:
        context.close()
    assert watch.foreign(surfside) == []
    assert watch.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_nothing_on_the_figures_page_with_its_charts(
    browser: Browser, surfside: Server, axe_js: str, scheme: str, viewport: object
) -> None:
    watch = Watch()
    context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
    watch.attach(context)
    try:
        page = context.new_page()
        goto(page, surfside, "figures/", settle=True)
        charts = page.get_by_role("img", name="Confirmed deaths: every report over time")
        expect(charts).to_have_count(1)
        assert page.locator("svg.figure-chart__plot").count() == 2  # the toll and the missing
        violations = axe_violations(page, axe_js)
        assert violations == [], describe_violations(violations)
    finally:
        context.close()
    assert watch.foreign(surfside) == []
    assert watch.problems == []


def test_the_chart_is_readable_at_a_phone_width(browser: Browser, surfside: Server) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    try:
        page = context.new_page()
        goto(page, surfside, "figures/")
        sizes = page.locator("#figure-deaths svg.figure-chart__plot text").evaluate_all(
            "els => els.map(el => el.getBoundingClientRect().height)"
        )
        # every label at least about 10 px tall on screen (12-13 px text in a 360 wide viewBox)
        assert min(sizes) >= 10, sorted(sizes)[:5]
        box = page.locator("#figure-deaths svg.figure-chart__plot").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        marks = page.locator("#figure-deaths svg.figure-chart__events a").evaluate_all(
            "els => els.map(el => el.getBoundingClientRect().width)"
        )
        assert min(marks) >= 20, min(marks)  # a target a finger can hit
    finally:
        context.close()
