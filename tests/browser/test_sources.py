"""From a fact to its source and back: a reader checks where a claim comes from.

Clicking a fact's source link lands on the excerpt on the Sources page, scrolled into view below
the fixed header and visibly marked; the excerpt's "Cited by" links lead back to every fact that
cites it, each landing marked and in view too.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .support import Server, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]

IN_VIEW = """(id) => {
  const el = document.getElementById(id);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const roomy = r.height <= window.innerHeight - top;
  const below = r.top >= top - 1 && r.top < window.innerHeight;
  return below && (!roomy || r.bottom <= window.innerHeight + 1);
}"""
"""The element's top is below the fixed header and on screen; if it fits, all of it is."""

MARKING = ("outline-style", "outline-color", "background-color", "border-left-color")

STYLE = """([id, props]) => {
  const style = getComputedStyle(document.getElementById(id));
  return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
}"""


def landed_on(page: Page, server: Server, path: str, fragment: str) -> None:
    """The page at ``path`` shows element ``fragment`` as the target, in view."""
    page.wait_for_url(lambda url: server.path(url) == path and url.endswith("#" + fragment))
    page.wait_for_function(IN_VIEW, arg=fragment, timeout=5_000)
    assert page.evaluate("(id) => document.getElementById(id).matches(':target')", fragment), (
        f"#{fragment} on {path} is not :target after the click"
    )


# Where a reader starts: a fact of each kind, on the page that lists it.
STARTS = [
    ("quotes/", "quote-"),
    ("timeline/", "event-"),
    ("stances/", "position-"),
    ("figures/", "figure-"),
    ("players/", "actor-"),
]


@pytest.mark.parametrize(("path", "prefix"), STARTS)
def test_source_link_lands_on_marked_excerpt_whose_back_links_lead_to_the_citing_facts(
    page: Page, server: Server, path: str, prefix: str
) -> None:
    goto(page, server, path)
    fact = page.locator(f"[id^='{prefix}']:has(.fact__sources a)").first
    fact_id = fact.get_attribute("id")
    assert fact_id, f"no {prefix}* fact with a source link on {path}"
    link = fact.locator(".fact__sources a").first
    href = link.get_attribute("href") or ""
    assert "sources/#excerpt-" in href, href
    excerpt_id = href.split("#", 1)[1]

    link.click()

    landed_on(page, server, "sources/", excerpt_id)
    marked: dict[str, Any] = page.evaluate(STYLE, [excerpt_id, list(MARKING)])
    other = page.locator(".excerpt:not(:target)").first.get_attribute("id")
    plain: dict[str, Any] = page.evaluate(STYLE, [other, list(MARKING)])
    assert marked != plain, f"#{excerpt_id} looks like an un-targeted excerpt: {marked}"
    assert marked["background-color"] != plain["background-color"] or (
        marked["outline-style"] != "none"
    ), marked

    back_links = page.locator(f"#{excerpt_id} .excerpt__cited-by a")
    targets = [h for h in back_links.evaluate_all("links => links.map(a => a.href)")]
    assert targets, f"#{excerpt_id} lists no fact that cites it"
    assert any(t.endswith("#" + fact_id) for t in targets), (
        f"#{excerpt_id} does not link back to #{fact_id}, which cites it: {targets}"
    )
    for index, target in enumerate(targets):
        back_links.nth(index).click()
        back_path, back_id = server.path(target), target.split("#", 1)[1]
        landed_on(page, server, back_path, back_id)
        cites = page.locator(f"#{back_id} a[href$='#{excerpt_id}']")
        assert cites.count() >= 1, f"{target} does not cite #{excerpt_id}"
        page.go_back()
        landed_on(page, server, "sources/", excerpt_id)
