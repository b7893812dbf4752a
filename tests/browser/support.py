"""Helpers for the browser tests: the local server's address, what a page did, axe-core."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
    ViewportSize,
    WebError,
    expect,
)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOW_TO_FIX = "Run `make browser-deps` (installs Debian's chromium) and try again."

SCREENSHOTS = REPO / "test-artifacts" / "browser" / "screenshots"
"""Where the screenshot test writes one PNG per page and width (gitignored)."""

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class Server:
    base: str
    """``http://127.0.0.1:<port>/``"""
    host: str
    """``127.0.0.1:<port>``: the only host any page may request."""

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def path(self, url: str) -> str:
        """The site path of one of this server's URLs, without query and fragment."""
        parts = urlsplit(url)
        assert parts.netloc == self.host, url
        return parts.path.lstrip("/")

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return parts.scheme == "http" and parts.netloc == self.host


@dataclass
class Watch:
    """What pages did that a reader would not want: console errors, failed requests.

    ``requests`` keeps every request URL (pages, their workers, their fetches).
    """

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attach(self, target: Page | BrowserContext) -> Watch:
        target.on("request", self._on_request)
        target.on("requestfailed", self._on_failed)
        target.on("response", self._on_response)
        target.on("console", self._on_console)
        if isinstance(target, Page):
            target.on("pageerror", self._on_page_error)
        else:  # a context gets its pages' uncaught exceptions as "weberror" events
            target.on("weberror", self._on_web_error)
        return self

    def detach(self, target: Page | BrowserContext) -> None:
        target.remove_listener("request", self._on_request)
        target.remove_listener("requestfailed", self._on_failed)
        target.remove_listener("response", self._on_response)
        target.remove_listener("console", self._on_console)
        if isinstance(target, Page):
            target.remove_listener("pageerror", self._on_page_error)
        else:
            target.remove_listener("weberror", self._on_web_error)

    def _on_page_error(self, error: Exception) -> None:
        self.problems.append(f"page error: {error}")

    def _on_web_error(self, error: WebError) -> None:
        self.problems.append(f"page error: {error.error}")

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_failed(self, request: Request) -> None:
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            where = message.location.get("url", "")
            self.problems.append(f"console {message.type}: {message.text} ({where})")

    def foreign(self, server: Server) -> list[str]:
        """Request URLs to any host but the local server."""
        return [url for url in self.requests if not server.is_local(url)]


def goto(page: Page, server: Server, path: str, settle: bool = False) -> None:
    """Open ``path``; with ``settle``, wait until the network has been idle for 0.5 s."""
    response = page.goto(server.url(path), wait_until="networkidle" if settle else "load")
    assert response is not None, path
    assert response.status == 200, f"{path}: HTTP {response.status}"


def search(page: Page, server: Server, query: str) -> Locator:
    """Open search the way a reader does (the ``/`` key), type ``query``, return the results."""
    goto(page, server, "")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=20)
    # Playwright types letters no key of its keyboard makes (Arabic) as inserted text, without
    # the keyup that Material reads the query on; a reader's keyboard makes one with each letter.
    box.press("End")
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    return results


# --- axe-core, from the axe-playwright-python wheel (pinned in requirements.lock) -----------------


def axe_script() -> str:
    """The text of ``axe.min.js`` that the ``axe-playwright-python`` package ships."""
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None and spec.origin, (
        "axe-playwright-python is not installed: run `make setup` (it is in requirements.lock)"
    )
    return (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Page, script: str) -> list[dict[str, Any]]:
    """Run axe-core on the page at WCAG 2.2 AA; return its violations (empty when clean)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(script)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result: dict[str, Any] = page.evaluate(
        "async (options) => await window.axe.run(document, options)", options
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
            lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
