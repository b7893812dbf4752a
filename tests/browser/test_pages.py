"""Every page of the built site loads cleanly in a real browser, and talks to no other host."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser

from .support import DESKTOP, Server, Watch, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass
class Tour:
    """One visit of every page (desktop, light scheme), each left to settle (network idle)."""

    problems: dict[str, list[str]]
    requests: list[str]


@pytest.fixture(scope="module")
def tour(browser: Browser, server: Server, site_pages: list[str]) -> Iterator[Tour]:
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    try:
        everything = Watch().attach(context)
        page = context.new_page()
        problems: dict[str, list[str]] = {}
        for path in site_pages:
            watch = Watch().attach(page)
            goto(page, server, path, settle=True)
            watch.detach(page)
            if watch.problems:
                problems[path or "/"] = watch.problems
        # Search starts a web worker that fetches the index: search once, as a reader would.
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially("Putin")
        page.locator("a.md-search-result__link").first.wait_for()
        page.wait_for_load_state("networkidle")
        yield Tour(problems, everything.requests)
    finally:
        context.close()


def test_every_page_loads_without_console_error_or_failed_request(tour: Tour) -> None:
    # 404.html is fetched directly here, so it answers 200; any other 4xx/5xx is a problem.
    assert tour.problems == {}


def test_no_page_requests_another_host(tour: Tour, server: Server, site_pages: list[str]) -> None:
    """Every request of every page, and of search (a worker that fetches the index), goes to the
    local server. Every other browser test checks the same of its own pages at teardown, so the
    dark scheme, phones, print and clicks are covered too."""
    local = [url for url in tour.requests if server.is_local(url)]
    assert any(url.endswith("search/search_index.json") for url in local), local
    assert len(local) >= len(site_pages), "the recorder saw too few requests to be trusted"
    assert [url for url in tour.requests if not server.is_local(url)] == []
