"""Real-browser fixtures: one build, one local server, one Chromium for the whole session.

The site is the session's shared build (``support.shared_site``: a strict `mkdocs build` of a
copy of the project in the session's temporary folder), served on 127.0.0.1 at a free port by
``http.server`` in a thread. Chromium is Debian's (/usr/bin/chromium), driven by Playwright;
a missing or broken browser fails the tests with the fix to run, it never skips them.

Every context a test opens records every request; a request to any host but the local server
fails that test at teardown, whatever the test was about.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from support import FIXTURES, Build, run_mkdocs_build, shared_site

from .support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    HOW_TO_FIX,
    SCREENSHOTS,
    Server,
    Watch,
    axe_script,
)

# --- the site and its server ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    return build


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; no log line per request on stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_site(site: Path) -> Iterator[Server]:
    """A built site on 127.0.0.1 at a free port, by ``http.server`` in a thread, while it runs."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    host = f"127.0.0.1:{httpd.server_address[1]}"
    try:
        yield Server(f"http://{host}/", host)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(built_site: Build) -> Iterator[Server]:
    with serve_site(built_site.site) as served:
        yield served


@pytest.fixture(scope="session")
def norvale_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A strict build of the made-up Norvale story (tests/fixtures/norvale/: reports in Arabic
    and Portuguese besides English), from a copy of its folder."""
    root = tmp_path_factory.mktemp("norvale") / "story"
    shutil.copytree(FIXTURES / "norvale", root)
    build = run_mkdocs_build(root)
    build.assert_ok()
    return build


@pytest.fixture(scope="session")
def norvale_server(norvale_site: Build) -> Iterator[Server]:
    with serve_site(norvale_site.site) as served:
        yield served


@pytest.fixture(scope="session")
def site_pages(built_site: Build) -> list[str]:
    """Every built HTML page as a reader visits it: ``""``, ``"players/x/"``, ``"404.html"``."""
    pages = [
        path.relative_to(built_site.site).as_posix().removesuffix("index.html")
        for path in sorted(built_site.site.rglob("*.html"))
    ]
    assert len(pages) > 20, pages
    assert any(p.startswith("players/") and p != "players/" for p in pages), pages
    return pages


# --- the browser ---------------------------------------------------------------------------------


# Package scope: Playwright's sync API runs an event loop while it is started, and another
# test module that starts its own sync_playwright() (test_serve.py) must not find one running.
@pytest.fixture(scope="package")
def playwright_session() -> Iterator[Playwright]:
    try:
        pw = sync_playwright().start()
    except Exception as error:  # the driver itself is broken: say so, never skip
        pytest.fail(f"Playwright could not start: {error}\n{HOW_TO_FIX}", pytrace=False)
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="package")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"No browser at {CHROMIUM}. {HOW_TO_FIX}", pytrace=False)
    try:
        chromium = playwright_session.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except PlaywrightError as error:
        pytest.fail(f"{CHROMIUM} could not start: {error}\n{HOW_TO_FIX}", pytrace=False)
    try:
        yield chromium
    finally:
        chromium.close()


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser, server: Server) -> Iterator[NewContext]:
    """``new_context(**options)``: a fresh desktop-sized context, closed after the test.

    Each context's requests are recorded; at teardown, any request to another host fails the
    test (the site promises its readers that it contacts no other host).
    """
    made: list[tuple[BrowserContext, Watch]] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("color_scheme", "light")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        made.append((context, Watch().attach(context)))
        return context

    yield make
    foreign: list[str] = []
    for context, watch in made:
        context.close()
        foreign += watch.foreign(server)
    assert foreign == [], f"requests to other hosts than {server.host}: {sorted(set(foreign))}"


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A desktop-sized page in the light scheme, in its own context."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def axe_js() -> str:
    return axe_script()
