"""Phones, print and screenshots: what a reader sees at other sizes and on paper.

Screenshots of every page at desktop (1280x900) and phone (390x844) width are written to
test-artifacts/browser/screenshots/ (gitignored) for a person to review; the path is printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import NewContext
from .support import PHONE, Server, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def shot_name(path: str, width: str) -> str:
    stem = path.strip("/").replace("/", "__").removesuffix(".html") or "index"
    return f"{stem}.{width}.png"


def test_no_page_scrolls_sideways_on_a_phone(
    new_context: NewContext, server: Server, site_pages: list[str], screenshot_dir: Path
) -> None:
    """At 390x844 the page never scrolls sideways (wide tables scroll inside their own box).

    Also writes each page's phone screenshot (full page) for review.
    """
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    wide: dict[str, str] = {}
    for path in site_pages:
        goto(page, server, path)
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            culprits = page.evaluate(
                """(limit) => [...document.querySelectorAll('body *')]
                .filter((el) => el.getBoundingClientRect().right > limit + 1)
                .slice(0, 5).map((el) => el.tagName.toLowerCase() + '.' + el.className)""",
                sizes[1],
            )
            wide[path or "/"] = f"scrollWidth {sizes[0]} > clientWidth {sizes[1]}: {culprits}"
        page.screenshot(path=screenshot_dir / shot_name(path, "phone"), full_page=True)
    print(f"\nphone screenshots: {screenshot_dir}")
    assert wide == {}


def test_print_hides_navigation_and_keeps_sources(
    new_context: NewContext, server: Server, site_pages: list[str]
) -> None:
    page = new_context().new_page()
    page.emulate_media(media="print")
    problems: list[str] = []
    pages_with_sources = 0
    for path in site_pages:
        goto(page, server, path)
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary"):
            if page.locator(chrome).first.is_visible():
                problems.append(f"{path or '/'}: {chrome} is visible in print")
        sources = page.locator(".fact__sources a, .excerpt blockquote")
        if sources.count():
            pages_with_sources += 1
            hidden = sources.evaluate_all(
                "els => els.filter((el) => !el.checkVisibility()).map((el) => el.outerHTML)"
            )
            if hidden:
                problems.append(f"{path or '/'}: source links hidden in print: {hidden[:3]}")
        if not page.locator("article h1").first.is_visible():
            problems.append(f"{path or '/'}: the page's title is hidden in print")
    assert pages_with_sources >= 5, "too few pages with sources to trust this check"
    assert problems == []


def test_screenshot_every_page_at_desktop_width(
    new_context: NewContext, server: Server, site_pages: list[str], screenshot_dir: Path
) -> None:
    page = new_context().new_page()
    written = []
    for path in site_pages:
        goto(page, server, path)
        target = screenshot_dir / shot_name(path, "desktop")
        page.screenshot(path=target, full_page=True)
        written.append(target)
    print(f"\ndesktop screenshots: {screenshot_dir}")
    assert all(p.stat().st_size > 5_000 for p in written), "a screenshot is (nearly) empty"
