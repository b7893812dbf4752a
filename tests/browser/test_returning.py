"""A reader who comes back: "Since your last visit" on the shipped Hollande story, and the
explainer as it stood on the made-up three-update story (tests/fixtures/three-updates/).

The shipped story's developments (site_data/), newest first: our update of 27 November 2026
("Explainer published."), the Moscow visit (26 November 2015), on 25 November 2015 Orlov's
quote, the two figures' reports (dated by the article's publication) and Orlov's interview, on
24 November 2015 the jet downing and the agreement with Obama, then the Paris attacks (13
November) and the Élysée meeting (2 October). A last visit on the evening of 24 November 2015
makes the eight from 24 November on new (a day-only development on the day of the last visit
may have come after it); a last visit on 1 December 2026 makes none.

The only thing kept is the last visit's time, in localStorage under
``explainer:last-visit:<site path>``; every context here fails at teardown on a request to
another host (conftest.new_context), and no test leaves a cookie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from support import Build, shared_three_updates_site

from .conftest import NewContext, serve_site
from .support import PHONE, Server, Watch, axe_violations, describe_violations, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEY = "explainer:last-visit:/"
BEFORE = "2015-11-24T20:00:00.000Z"
AFTER = "2026-12-01T09:00:00.000Z"
NEW_SINCE_BEFORE = [
    "27 November 2026: Update: Explainer published.",
    "26 November 2015: Hollande travels to Moscow to see Putin",
    "25 November 2015: Alexander Orlov: “For our part, we are prepared to go further, to plan "
    "strikes against Daesh (Islamic State) positions together and to set up a joint command with "
    "France, America and any country that wants to join this coalition”",
    '25 November 2015: The article\'s "half a century": the span over which, it says, few '
    "publicly admitted clashes between Russia and a NATO country have been as serious as the jet "
    "downing: about 50 years",
    "25 November 2015: People killed in the Islamic State attacks on Paris: 130 people",
    "25 November 2015: Russia's ambassador offers a joint command",
    "24 November 2015: Turkey shoots down a Russian jet",
    "24 November 2015: France and the United States agree to step up the fight",
]

REGION = "section.since-last-visit"


def remember(context: BrowserContext, when: str) -> None:
    """A last visit at ``when``, stored before every page load of the context (as the reader's
    browser holds it)."""
    # (about:blank, where a new page starts, refuses storage: only the site's pages hold it)
    context.add_init_script(f"try {{ localStorage.setItem({KEY!r}, {when!r}); }} catch (e) {{}}")


def visit(
    watched: tuple[NewContext, list[Watch]],
    server: Server,
    path: str,
    when: str | None = None,
    **options: Any,
) -> Page:
    """A new context (``options``) whose reader last visited at ``when`` (None: never), and a
    page of it at ``path``, left to settle."""
    context = watched[0](**options)
    if when is not None:
        remember(context, when)
    page = context.new_page()
    goto(page, server, path, settle=options.get("java_script_enabled", True))
    return page


def listed(page: Page) -> list[str]:
    items = page.locator(f"{REGION} li").evaluate_all(
        "els => els.map(li => li.textContent.replace(/\\s+/g, ' ').trim())"
    )
    return [str(item) for item in items]


@pytest.fixture
def watched(new_context: NewContext) -> Iterator[tuple[NewContext, list[Watch]]]:
    """``new_context`` whose contexts also record console errors and failed requests."""
    watches: list[Watch] = []

    def make(**options: Any) -> BrowserContext:
        context = new_context(**options)
        watches.append(Watch().attach(context))
        return context

    yield make, watches
    assert [problem for watch in watches for problem in watch.problems] == []


def test_a_last_visit_before_a_development_lists_it_newest_first(
    watched: tuple[NewContext, list[Watch]], server: Server
) -> None:
    page = visit(watched, server, "", BEFORE)
    region = page.get_by_role(
        "region", name="Since your last visit on 24 November 2015: 8 developments"
    )
    expect(region).to_be_visible()
    assert listed(page) == NEW_SINCE_BEFORE
    # the newest five are listed, the rest behind a toggle; each item links to its place
    expect(page.locator(f"{REGION} > ol > li")).to_have_count(5)
    expect(page.locator(f"{REGION} details > summary")).to_have_text("3 more")
    first = page.locator(f"{REGION} li a").first
    assert first.get_attribute("href") == server.url("updates/#update-explainer-published")
    jet = page.locator(f"{REGION} li a", has_text="Turkey shoots down a Russian jet")
    assert jet.get_attribute("href") == server.url("timeline/#event-jet-downing")
    # placed after the page's title
    assert page.evaluate(
        "() => document.querySelector('article h1').nextElementSibling.matches('.since-last-visit')"
    )
    # and only the time of this visit is kept (Material keeps its own settings, the colour
    # palette, under "/.__<name>": none of ours)
    stored = page.evaluate("() => Object.keys(localStorage).map(k => [k, localStorage[k]])")
    ours = [(key, value) for key, value in stored if not key.startswith("/.__")]
    assert [key for key, _ in ours] == [KEY]
    kept = dt.datetime.fromisoformat(ours[0][1].replace("Z", "+00:00"))
    assert abs((dt.datetime.now(dt.UTC) - kept).total_seconds()) < 120
    # this tab's visit counts from the last visit, until the tab is closed
    session = page.evaluate("() => Object.keys(sessionStorage).map(k => [k, sessionStorage[k]])")
    assert [pair for pair in session if not pair[0].startswith("/.__")] == [[KEY, BEFORE]]


def test_a_last_visit_after_every_development_lists_nothing(
    watched: tuple[NewContext, list[Watch]], server: Server
) -> None:
    page = visit(watched, server, "timeline/", AFTER)
    expect(page.locator("article h1")).to_contain_text("Timeline")
    expect(page.locator(REGION)).to_have_count(0)


def test_a_first_visit_shows_nothing_and_fetches_nothing_but_keeps_its_time(
    watched: tuple[NewContext, list[Watch]], server: Server
) -> None:
    page = visit(watched, server, "")
    expect(page.locator(REGION)).to_have_count(0)
    assert not any("developments.json" in url for url in watched[1][0].requests)
    assert page.evaluate(f"() => localStorage.getItem({KEY!r})")


REFUSE_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
QUOTA_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@pytest.mark.parametrize("refusal", [REFUSE_STORAGE, QUOTA_FULL], ids=["blocked", "full"])
def test_storage_refused_breaks_nothing(
    watched: tuple[NewContext, list[Watch]], server: Server, refusal: str
) -> None:
    """Site data blocked (every use of localStorage throws), or storage full (a private window):
    no list, no console error, the page whole."""
    make, watches = watched
    context = make()
    context.add_init_script(refusal)
    page = context.new_page()
    goto(page, server, "", settle=True)
    expect(page.locator(REGION)).to_have_count(0)
    expect(page.locator(".what-we-know")).to_be_visible()
    assert not any("developments.json" in url for url in watches[0].requests)


def test_without_script_the_page_is_complete(
    watched: tuple[NewContext, list[Watch]], server: Server
) -> None:
    page = visit(watched, server, "", BEFORE, java_script_enabled=False)  # (nor is this run)
    expect(page.locator(REGION)).to_have_count(0)
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".what-we-know li")).not_to_have_count(0)
    expect(page.locator(".page-meta")).to_be_visible()


def test_no_cookie_is_set(watched: tuple[NewContext, list[Watch]], server: Server) -> None:
    page = visit(watched, server, "", BEFORE)
    for path in ("timeline/", "updates/"):
        goto(page, server, path, settle=True)
    assert page.evaluate("() => document.cookie") == ""
    assert page.context.cookies() == []


def test_it_is_announced_once_and_stays_until_dismissed_by_keyboard(
    watched: tuple[NewContext, list[Watch]], server: Server
) -> None:
    page = visit(watched, server, "", BEFORE)
    status = page.locator("[role=status].since-last-visit__announce")
    expect(status).to_have_text("Since your last visit on 24 November 2015: 8 developments.")
    # the next page of the visit shows it again, and says nothing again
    page.locator("nav.md-nav a", has_text="Timeline").first.click()
    page.wait_for_url("**/timeline/")
    expect(page.locator(f"{REGION} h2")).to_have_text(
        "Since your last visit on 24 November 2015: 8 developments"
    )
    expect(status).to_have_count(0)
    # keyboard: from the title (and its permalink), Tab goes through the list's five links, the
    # toggle and the button, in order, with a visible focus
    page.locator("article h1").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    titles = [line.split(": ", 1)[1] for line in NEW_SINCE_BEFORE[:5]]
    assert reached == ["¶", *titles, "3 more", "Dismiss"]
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Enter")
    expect(page.locator(REGION)).to_have_count(0)
    assert page.evaluate("() => document.activeElement.matches('article h1')")
    page.locator("nav.md-nav a", has_text="Sources").first.click()
    page.wait_for_url("**/sources/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(REGION)).to_have_count(0)  # dismissed for the rest of the visit


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_list(
    watched: tuple[NewContext, list[Watch]], server: Server, axe_js: str, scheme: str
) -> None:
    for viewport in (None, PHONE):
        options = {"viewport": viewport} if viewport else {}
        page = visit(watched, server, "", BEFORE, color_scheme=scheme, **options)
        page.locator(f"{REGION} details > summary").click()  # the whole list, open
        violations = axe_violations(page, axe_js)
        assert violations == [], describe_violations(violations)
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[0] <= sizes[1]


# --- the explainer as it stood, on the made-up three-update story ---------------------------------


@pytest.fixture(scope="module")
def three_updates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    build: Build = shared_three_updates_site(tmp_path_factory)
    build.assert_ok()
    with serve_site(build.site) as served:
        yield served


AS_OF_PAGES = ["as-of/2019-03-04/", "as-of/2019-06-20/", "updates/", ""]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_as_they_stood_pass_axe_and_fit_a_phone(
    browser: Any, three_updates: Server, axe_js: str, scheme: str
) -> None:
    found: dict[str, str] = {}
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        watch = Watch().attach(context)
        try:
            page = context.new_page()
            for path in AS_OF_PAGES:
                goto(page, three_updates, path, settle=True)
                violations = axe_violations(page, axe_js)
                if violations:
                    found[f"{path} {viewport['width']}"] = describe_violations(violations)
                sizes = page.evaluate(
                    "() => [document.documentElement.scrollWidth,"
                    " document.documentElement.clientWidth]"
                )
                if sizes[0] > sizes[1]:
                    found[f"{path} {viewport['width']}"] = f"wider than the screen: {sizes}"
        finally:
            context.close()
        assert watch.problems == []
        assert watch.foreign(three_updates) == []
    assert found == {}


def test_the_update_entry_and_the_control_lead_to_the_page_of_that_day(
    browser: Any, three_updates: Server
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        goto(page, three_updates, "updates/")
        page.locator("#update-toll-31-and-denial a", has_text="as it stood that day").click()
        page.wait_for_url("**/as-of/2019-06-20/")
        expect(page.locator("article h1")).to_contain_text(
            "The explainer as it stood on 20 June 2019"
        )
        expect(page.get_by_role("note")).to_contain_text("This is not the current explainer.")
        expect(page.locator("#figure-deaths .figure-card__value")).to_have_text("31 people")
        expect(page.locator("#event-repairs-unfinished .fact__status-now")).to_have_text(
            "Denied by عبد الرحمن الخطيب, 20 June 2019"
        )
        control = page.get_by_role("navigation", name="The explainer as it stood")
        expect(control.locator("[aria-current=page]")).to_have_text("20 June 2019")
        control.get_by_role("link", name="4 March 2019").click()
        page.wait_for_url("**/as-of/2019-03-04/")
        expect(page.locator("#figure-deaths .figure-card__value")).to_have_text(
            "at least 12 people"
        )
        expect(page.locator("#event-repairs-unfinished .fact__status-now")).to_have_text(
            "Reported by Maria Fernanda de los Ángeles Villanueva-Ortiz, 4 March 2019"
        )
        page.get_by_role("link", name="Read the current explainer").click()
        page.wait_for_url(three_updates.url(""))
        expect(page.locator(".what-we-know")).to_contain_text("29 people")
    finally:
        context.close()
