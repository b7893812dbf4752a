"""Accessibility: axe-core finds no WCAG 2.2 AA violation on any page, in light and dark scheme;
the stance matrix and the timeline work by keyboard alone (Tab reaches every link and control
in reading order with a visible focus, Enter follows a link).

axe-core is the copy bundled in the ``axe-playwright-python`` wheel (pinned in requirements.lock),
read from disk and evaluated in the page: nothing is fetched.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import NewContext
from .support import Server, axe_violations, describe_violations, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# mkdocs.yml's palette follows the reader's system setting (prefers-color-scheme), and Material
# shows it as <body data-md-color-scheme=...>.
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_wcag22_aa_violation_on_any_page(
    new_context: NewContext, server: Server, site_pages: list[str], axe_js: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme, reduced_motion="reduce").new_page()
    found: dict[str, str] = {}
    for path in site_pages:
        goto(page, server, path)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        violations: list[dict[str, Any]] = axe_violations(page, axe_js)
        if violations:
            found[path or "/"] = describe_violations(violations)
    report = "\n".join(f"{path}:\n{text}" for path, text in found.items())
    assert not found, f"axe-core ({scheme} scheme) found violations:\n{report}"


def test_axe_runs_and_reports_a_planted_violation(page: Page, server: Server, axe_js: str) -> None:
    """The check above can fail: an image without alt text on a page is reported."""
    goto(page, server, "")
    page.evaluate(
        """() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').append(img);
    }"""
    )
    ids = {v["id"] for v in axe_violations(page, axe_js)}
    assert "image-alt" in ids, ids


# --- keyboard alone -------------------------------------------------------------------------------

FOCUS_STYLE = """(el) => {
  const s = getComputedStyle(el);
  return {
    focusVisible: el.matches(':focus-visible'),
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== 'none',
  };
}"""

IN_SCROLLER_VIEW = """(el) => {
  // The link is on screen, and inside its scrolling container's visible box (if any).
  const r = el.getBoundingClientRect();
  if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return false;
  for (let box = el.parentElement; box; box = box.parentElement) {
    const s = getComputedStyle(box);
    if (/(auto|scroll|hidden)/.test(s.overflowX)) {
      const b = box.getBoundingClientRect();
      return r.left >= b.left - 1 && r.right <= b.right + 1;
    }
  }
  return true;
}"""


FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"
"""What Tab stops at (links, and any control a template adds, e.g. a copy-link button)."""

LABEL = (
    "(el) => `${el.dataset.kbd}: ${el.getAttribute('href') || el.getAttribute('xlink:href')"
    " || el.textContent.trim()}`"
)


def tab_through(page: Page, container: str) -> tuple[list[str], list[str]]:
    """Put the caret just before ``container`` and press Tab until focus leaves it.

    Returns what received focus in order (hrefs, or the start of a control's HTML), and the
    problems seen on the way.
    """
    page.evaluate(
        """(sel) => {
        const box = document.querySelector(sel);
        const mark = document.createElement('span');
        mark.id = 'kbd-start';
        mark.tabIndex = -1;
        box.before(mark);
        mark.focus();
    }""",
        container,
    )
    focused: list[str] = []
    problems: list[str] = []
    for _ in range(500):
        page.keyboard.press("Tab")
        active = page.evaluate_handle("document.activeElement")
        inside = page.evaluate("([el, sel]) => !!el.closest(sel)", [active, container])
        if not inside:
            break
        href = page.evaluate(f"({LABEL})", active)
        focused.append(href)
        style = page.evaluate(FOCUS_STYLE, active)
        if not style["focusVisible"] or not (style["outline"] or style["shadow"]):
            problems.append(f"focus not visible on {href}: {style}")
        if not page.evaluate(IN_SCROLLER_VIEW, active):
            problems.append(f"focused {href} is scrolled out of view")
    return focused, problems


@pytest.mark.parametrize(
    ("path", "container"),
    [
        ("stances/", "table.stance-matrix"),
        ("timeline/", "ol.timeline"),
        ("timeline/", "nav.timeline-strip"),
    ],
)
def test_keyboard_reaches_every_link_in_order_visibly_and_enter_follows_it(
    page: Page, server: Server, path: str, container: str
) -> None:
    goto(page, server, path)
    links = page.locator(f"{container} a[href]")
    assert links.count() > 5
    controls = page.locator(f"{container} :is({FOCUSABLE})")
    # Number them in document (reading) order; Tab must visit them in that order.
    expected = controls.evaluate_all(
        f"els => els.map((el, i) => {{ el.dataset.kbd = String(i); return ({LABEL})(el); }})"
    )

    focused, problems = tab_through(page, container)

    assert focused == expected, "Tab does not visit every link and control in reading order"
    assert problems == []

    # Enter on a focused link follows it: the last link (a source link, to another page).
    last = links.last
    href = last.evaluate("a => a.href")
    last.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    fragment = href.split("#", 1)[1] if "#" in href else None
    if fragment:
        expect(page.locator(f"[id='{fragment}']")).to_be_in_viewport()
