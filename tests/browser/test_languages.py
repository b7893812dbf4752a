"""Text in another language than the page's, as a reader meets it: an Arabic passage laid out
right to left (its full stop at its left end), a Portuguese one left to right, each read in its
own language (``lang``); our translations found by search as the originals are; and every alias
of a player found by search. The made-up Norvale story (tests/fixtures/norvale/), built strict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .support import (
    DESKTOP,
    PHONE,
    Server,
    Watch,
    axe_violations,
    describe_violations,
    goto,
    search,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The element's computed direction and language, and where the first and last characters of
# its text are drawn: in right-to-left text the last one (the full stop) is left of the first.
LAYOUT = """(el) => {
  const text = [...el.querySelectorAll('p')].map(p => p.firstChild).find(Boolean);
  const range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect().left;
  range.setStart(text, text.length - 1); range.setEnd(text, text.length);
  const last = range.getBoundingClientRect().left;
  return {
    direction: getComputedStyle(el.querySelector('p')).direction,
    lang: el.closest('[lang]').getAttribute('lang'),
    last: text.data.slice(-1),
    lastIsLeft: last < first,
  };
}"""


@pytest.fixture(params=[DESKTOP, PHONE], ids=["1280", "390"])
def norvale_page(
    request: pytest.FixtureRequest, browser: Browser, norvale_server: Server
) -> Iterator[Page]:
    context = browser.new_context(viewport=request.param, color_scheme="light")
    context.set_default_timeout(10_000)
    watch = Watch().attach(context)
    yield context.new_page()
    context.close()
    assert watch.foreign(norvale_server) == []
    assert watch.problems == []


def test_an_arabic_excerpt_is_laid_out_right_to_left(
    norvale_page: Page, norvale_server: Server
) -> None:
    goto(norvale_page, norvale_server, "sources/")
    arabic = norvale_page.locator("#excerpt-ex-vrs-toll blockquote")
    expect(arabic).to_be_visible()
    assert arabic.evaluate(LAYOUT) == {
        "direction": "rtl",
        "lang": "ar",
        "last": ".",
        "lastIsLeft": True,
    }
    # its translation, ours, in the page's language and direction
    translation = norvale_page.locator("#excerpt-ex-vrs-toll .excerpt__translation")
    expect(translation).to_contain_text("Our translation")
    assert translation.evaluate(
        "e => [getComputedStyle(e).direction, e.closest('[lang]').lang]"
    ) == [
        "ltr",
        "en",
    ]
    portuguese = norvale_page.locator("#excerpt-ex-tempo-breach blockquote")
    assert portuguese.evaluate(LAYOUT) == {
        "direction": "ltr",
        "lang": "pt",
        "last": ".",
        "lastIsLeft": False,
    }


def test_an_arabic_quote_and_its_heading_are_right_to_left(
    norvale_page: Page, norvale_server: Server
) -> None:
    goto(norvale_page, norvale_server, "quotes/")
    quote = norvale_page.locator("#quote-society-not-ours blockquote")
    assert quote.evaluate("e => [getComputedStyle(e).direction, e.lang]") == ["rtl", "ar"]
    goto(norvale_page, norvale_server, "sources/")
    heading = norvale_page.locator("#source-al-wadi-denial")
    # a short heading: its text ends at the right edge of its box, far from the left one
    placed = heading.evaluate(
        """e => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const text = range.getBoundingClientRect(), box = e.getBoundingClientRect();
        return [getComputedStyle(e).direction, Math.round(box.right - text.right) <= 1,
                text.left - box.left > 50];
    }"""
    )
    assert placed == ["rtl", True, True]


@pytest.mark.parametrize(
    "path", ["sources/", "quotes/", "stances/", "players/valley-relief-society/"]
)
def test_axe_finds_no_violation_on_pages_in_three_languages(
    norvale_page: Page, norvale_server: Server, axe_js: str, path: str
) -> None:
    goto(norvale_page, norvale_server, path)
    violations: list[dict[str, Any]] = axe_violations(norvale_page, axe_js)
    assert violations == [], describe_violations(violations)


# --- search -------------------------------------------------------------------------------------


def _paths(results: Locator, server: Server) -> list[str]:
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    return [server.path(h) + ("#" + h.split("#", 1)[1] if "#" in h else "") for h in hrefs]


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("الوادي", "sources/#source-al-wadi-toll"),  # a word of the Arabic passage
        ("اغاثة", "sources/#source-al-wadi-toll"),  # the same word typed without its hamza
        ("reached", "sources/#source-al-wadi-toll"),  # a word only our translation has
        ("rachaduras", "sources/#source-tempo-norvale"),  # Portuguese
        ("cracks", "sources/#source-tempo-norvale"),  # its translation
        ("VRS", "players/valley-relief-society/"),  # an alias
        ("جمعية", "players/valley-relief-society/"),  # an alias in Arabic
        ("Governor Marquand", "players/ilse-marquand/"),  # an alias of two words
    ],
)
def test_search_finds_the_original_the_translation_and_the_alias(
    browser: Browser, norvale_server: Server, query: str, target: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        paths = _paths(search(page, norvale_server, query), norvale_server)
        assert target in paths, f"{query!r}: no result leads to {target}; results: {paths}"
    finally:
        context.close()
