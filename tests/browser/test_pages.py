"""Every page of the built site loads cleanly in a real browser, and talks to no other host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import NewContext
from .support import Server, Watch, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_loads_without_console_error_or_failed_request(
    page: Page, server: Server, site_pages: list[str]
) -> None:
    problems: dict[str, list[str]] = {}
    for path in site_pages:
        watch = Watch().attach(page)
        goto(page, server, path, settle=True)
        # 404.html is fetched directly here, so it answers 200; any other 4xx/5xx is a problem.
        if watch.problems:
            problems[path or "/"] = watch.problems
        page.remove_listener("request", watch._on_request)
        page.remove_listener("requestfailed", watch._on_failed)
        page.remove_listener("response", watch._on_response)
        page.remove_listener("console", watch._on_console)
    assert problems == {}


def test_no_page_requests_another_host(
    new_context: NewContext, server: Server, site_pages: list[str]
) -> None:
    """Every request of every page, in both schemes, and of search (a worker that fetches the
    index) goes to the local server. (Every other browser test checks this too, at teardown.)"""
    watch = Watch()
    for scheme in ("light", "dark"):
        context = new_context(color_scheme=scheme)
        watch.attach(context)
        page = context.new_page()
        for path in site_pages:
            goto(page, server, path)
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially("Putin")
        page.locator("a.md-search-result__link").first.wait_for()
        page.wait_for_load_state("networkidle")
    local = [url for url in watch.requests if server.is_local(url)]
    assert any(url.endswith("search/search_index.json") for url in local), local
    assert len(local) >= 2 * len(site_pages), "the recorder saw too few requests to be trusted"
    assert watch.foreign(server) == []
