"""Contested numbers in a real browser, at a phone's width: the made-up Port Selin story
(tests/fixtures/contested/), whose reporters have long names (one in Arabic), one toll relayed
and withdrawn, another denied, and eight reporters of the missing.

At 390 px wide, light and dark: no page scrolls sideways; every legend name and every label of
a report drawn apart is inside its chart; the eight reporters' markers are eight colours, eight
shapes and eight dash patterns; axe finds nothing on the figures page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from support import FIXTURES, run_mkdocs_build

from .conftest import serve_site
from .support import PHONE, Server, Watch, axe_violations, describe_violations, goto

pytestmark = [pytest.mark.browser]

CONTESTED = FIXTURES / "contested"


@pytest.fixture(scope="module")
def contested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = tmp_path_factory.mktemp("contested-site") / "site"
    run_mkdocs_build(CONTESTED, str(site)).assert_ok()
    with serve_site(site) as served:
        yield served


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_nothing_runs_off_a_phone(browser: Browser, contested: Server, scheme: str) -> None:
    watch = Watch()
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)  # type: ignore[arg-type]
    watch.attach(context)
    try:
        page = context.new_page()
        for path in ("", "figures/", "timeline/", "players/un-office/", "embed/figures/"):
            goto(page, contested, path, settle=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (path, width)
        goto(page, contested, "figures/")
        outside = page.evaluate(
            """() => [...document.querySelectorAll('svg.figure-chart__plot')].flatMap(svg => {
                const box = svg.getBoundingClientRect();
                return [...svg.querySelectorAll('text.chart-name, text.chart-label--apart')]
                    .filter(t => { const r = t.getBoundingClientRect();
                        return r.left < box.left - 1 || r.right > box.right + 1
                            || r.top < box.top - 1 || r.bottom > box.bottom + 1; })
                    .map(t => t.textContent);
            })"""
        )
        assert outside == []
    finally:
        context.close()
    assert watch.foreign(contested) == []
    assert watch.problems == []


def test_eight_reporters_look_unlike_each_other(browser: Browser, contested: Server) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    try:
        page = context.new_page()
        goto(page, contested, "figures/")
        keys = page.locator("#figure-missing svg.figure-chart__plot g.chart-key").evaluate_all(
            """keys => keys.map(key => {
                const line = key.querySelector('path.chart-line');
                const mark = key.querySelector('.chart-marker');
                const style = getComputedStyle(line);
                const box = mark.getBBox();
                const corners = (mark.getAttribute('points') || '').split(' ').length;
                return [style.stroke, style.strokeDasharray,
                        `${mark.tagName} ${corners} ${Math.round(10 * box.width / box.height)}`,
                        getComputedStyle(mark).fill];
            })"""
        )
        assert len(keys) == 8
        assert len({key[0] for key in keys}) == 8  # colours
        assert len({key[1] for key in keys}) == 8  # dash patterns
        # shapes (by element, corners and proportions: a diamond and a bar both have four
        # corners) and fills (the last two hollow)
        assert len({(key[2], key[3] == key[0]) for key in keys}) == 8
        # the cross of a report set apart is in no reporter's colour
        cross = page.locator("#figure-missing path.chart-apart").first
        colour = cross.evaluate("el => getComputedStyle(el).stroke")
        assert colour not in {key[0] for key in keys}
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_figures_page(
    browser: Browser, contested: Server, axe_js: str, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        goto(page, contested, "figures/", settle=True)
        assert page.get_by_role("img", name="Deaths: every report over time").count() == 1
        violations = axe_violations(page, axe_js)
        assert violations == [], describe_violations(violations)
    finally:
        context.close()


def test_a_long_status_label_in_what_we_know_is_one_label_on_a_phone(
    browser: Browser, contested: Server
) -> None:
    # "Retracted by United Nations Office for the Coordination of Humanitarian Affairs, 16
    # September 2023" is wider than a phone's line: it takes several lines in one box, not a box
    # per line (which read as several labels).
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        goto(page, contested, "")
        labels = page.evaluate(
            """() => [...document.querySelectorAll('.what-we-know .label')].map(label => {
                const lines = Math.round(label.getBoundingClientRect().height
                    / parseFloat(getComputedStyle(label).lineHeight));
                return [label.textContent, label.getClientRects().length, lines];
            })"""
        )
        assert labels, "no label in What we know"
        assert [text for text, boxes, _ in labels if boxes != 1] == []
        assert any(lines >= 2 for _, _, lines in labels), labels  # one of them does wrap
    finally:
        context.close()
