"""An event far outside the rest breaks the strip's axis, on a phone (issue 29, item 7).

A copy of the made-up Norvale story (tests/fixtures/norvale/: a dam breach over three days of
April 2031) with one event added, in the copy only: the dam opening in April 1999, 32 years
before. Without a break, the three days would be one pixel at the strip's right edge; with it,
the 1999 event has a piece of its own, a marked break stands for the years between, and the
labels of the axis do not touch. A screenshot of the strip at 390 px is written for a person.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from support import FIXTURES, Build, run_mkdocs_build

from .conftest import serve_site
from .support import PHONE, Server, Watch, axe_violations, describe_violations, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPENING = """  - id: dam-opened
    date: 1999-04
    date_basis:
      rule: inferred
      words: The Norvale dam
      reason: Added by a test to stand for an anniversary; no source dates it.
    title: The Norvale dam opens
    summary: The dam that later gave way is opened.
    cites: [ex-wire-breach]
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("norvale-1999") / "story"
    shutil.copytree(FIXTURES / "norvale", root)
    events = root / "site_data" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + OPENING, encoding="utf-8")
    build = run_mkdocs_build(root)
    build.assert_ok()
    return build


@pytest.fixture(scope="module")
def broken_server(broken_site: Build) -> Iterator[Server]:
    with serve_site(broken_site.site) as served:
        yield served


@pytest.fixture(params=["light", "dark"])
def phone_page(
    request: pytest.FixtureRequest, browser: Browser, broken_server: Server
) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, color_scheme=request.param, reduced_motion="reduce"
    )
    context.set_default_timeout(10_000)
    watch = Watch().attach(context)
    yield context.new_page()
    context.close()
    assert watch.foreign(broken_server) == []
    assert watch.problems == []


def _box(page: Page, selector: str) -> list[dict[str, float]]:
    found = page.locator(selector).evaluate_all(
        "els => els.map(el => { const r = el.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"
    )
    return [dict(item) for item in found]


def test_the_axis_breaks_and_its_labels_do_not_touch_at_390_px(
    phone_page: Page, broken_server: Server, screenshot_dir: Path, axe_js: str
) -> None:
    page = phone_page
    goto(page, broken_server, "timeline/")
    strip = page.locator("nav.timeline-strip")
    expect(strip).to_be_visible()
    scheme = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    strip.screenshot(
        path=str(screenshot_dir / f"strip-break-390-{'dark' if scheme else 'light'}.png")
    )
    (gap,) = _box(page, ".timeline-strip__break")
    assert gap["right"] - gap["left"] >= 12  # a band a reader sees
    marks = _box(page, "a.timeline-strip__mark")
    (first,) = _box(page, 'a.timeline-strip__mark[href$="#event-dam-opened"]')
    centres = sorted((m["left"] + m["right"]) / 2 for m in marks)
    assert (first["left"] + first["right"]) / 2 == centres[0] < gap["left"]
    story = [c for c in centres if c > gap["right"]]
    assert len(story) == len(marks) - 1  # every other mark is right of the break
    assert story[-1] - story[0] >= 100  # three days spread over the strip, not one pixel
    labels = sorted(_box(page, ".timeline-strip__tick"), key=lambda box: box["left"])
    assert len(labels) >= 3
    for before, after in itertools.pairwise(labels):
        assert before["right"] <= after["left"], (before, after)
    plot = _box(page, ".timeline-strip__plot")[0]
    assert plot["left"] <= labels[0]["left"] and labels[-1]["right"] <= plot["right"] + 1
    expect(
        strip.get_by_text("The axis leaves out 31 years with no events: 1 May 1999 to 7 April 2031")
    ).to_be_visible()
    violations = axe_violations(page, axe_js)
    assert violations == [], describe_violations(violations)
