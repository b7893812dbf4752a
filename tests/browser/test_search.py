"""A reader types a name into Material's search box and lands on the right page and fact.

The plugin folds accents into search/search_index.json (``Francois`` finds ``François``) and
mkdocs.yml splits words on apostrophes (``Élysée`` is found inside ``l'Élysée``).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .support import Server, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(page: Page, server: Server, query: str) -> Locator:
    """Open search the way a reader does (the ``/`` key), type ``query``, return the results."""
    goto(page, server, "")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=20)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    return results


def result_paths(results: Locator, server: Server) -> list[str]:
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    return [server.path(h) + ("#" + h.split("#", 1)[1] if "#" in h else "") for h in hrefs]


# query, the result to click (site path + fragment), what the landing page must show
CASES = [
    # Orlov: his player page, which carries his quote (linked to the Quotes page).
    ("Orlov", "players/alexander-orlov/", "h1", "Alexander Orlov"),
    # barrel: the stance question about barrel bombs.
    (
        "barrel",
        "stances/#question-barrel-bombing",
        "#question-barrel-bombing",
        "stop barrel-bombing civilians",
    ),
    # Francois, typed without the cedilla: François Hollande's page.
    ("Francois", "players/francois-hollande/", "h1", "François Hollande"),
    # Élysée, typed with accents: the timeline, whose Élysée meeting event is highlighted.
    ("Élysée", "timeline/", "#event-elysee-meeting", "Élysée Palace"),
    # and typed without them
    ("Elysee", "timeline/", "#event-elysee-meeting", "Élysée Palace"),
]


@pytest.mark.parametrize(("query", "target", "selector", "text"), CASES)
def test_search_finds_the_fact_and_the_result_leads_there(
    page: Page, server: Server, query: str, target: str, selector: str, text: str
) -> None:
    results = search(page, server, query)
    paths = result_paths(results, server)
    assert target in paths, f"{query!r}: no result leads to {target}; results: {paths}"
    link = results.nth(paths.index(target))
    link.click()
    page.wait_for_url(lambda url: server.path(url) == target.split("#")[0])
    if "#" in target:
        assert page.evaluate("location.hash") == "#" + target.split("#")[1]
    landed = page.locator(selector).first
    expect(landed).to_contain_text(text)
    expect(landed).to_be_in_viewport()
    # search.highlight marks the query inside the fact it found. Not asserted for the folded
    # queries: Material's highlighter matches the characters typed, so "Francois" and "Elysee"
    # mark nothing on the page (reported; the result still leads to the right fact).
    if query in ("Orlov", "barrel", "Élysée"):
        expect(landed.locator("mark[data-md-highlight]").first).to_have_text(
            query, ignore_case=True
        )
