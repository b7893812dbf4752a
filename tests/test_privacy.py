"""The built site makes no request to, and links to, no host but its own.

Every file under site/ is scanned: HTML attributes (src, href, srcset, action, poster, data,
style url(), meta refresh), inline <style> and <script>, CSS url() and @import, JSON and XML.
Material's vendored JavaScript bundle carries a few absolute URLs that it only loads under
conditions this site never meets; they are listed in MATERIAL_DORMANT_URLS with the condition,
and the test checks the condition instead of trusting it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import REPO, Build, shared_site

pytestmark = pytest.mark.slow

ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
"""http://x, https://x, ftp://x and protocol-relative //x; not a path, #anchor or mailto:."""

URL_ATTRIBUTES = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "longdesc",
    "manifest",
    "ping",
    "xlink:href",
    "imagesrcset",
}
CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?\s*([^'");\s]+)""", re.IGNORECASE)
JS_LOAD = re.compile(
    r"""(?:fetch|importScripts|import|XMLHttpRequest|open|sendBeacon|EventSource|WebSocket)"""
    r"""\s*\(\s*[`'"]((?:[a-z][a-z0-9+.-]*:)?//[^`'"]+)""",
    re.IGNORECASE,
)
ANY_URL = re.compile(r"""(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s`'"<>)]*""", re.IGNORECASE)

JS_STRING_URL = re.compile(
    r"""[`'"]((?:https?:)?//(?:[a-z0-9-]+\.|\$\{)[^`'"\s]*)""", re.IGNORECASE
)
"""A string literal in JavaScript that starts with an absolute URL (comments are not scanned)."""

MATERIAL_DORMANT_URLS = {
    # Loaded only by browsers without ResizeObserver (none that Material supports today).
    "https://unpkg.com/resize-observer-polyfill",
    # Loaded only when a page has a mermaid diagram: checked in the test below.
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    # Repository facts: fetched only when mkdocs.yml sets repo_url: checked in the test below.
    "https://api.github.com/repos/${e}/${t}",
    "https://api.github.com/users/${e}",
    "https://${e}/api/v4/projects/${encodeURIComponent(t)}",
    # Text of a TypeError message in the bundled polyfills, never requested.
    "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Iteration_protocols",
}
"""URL literals in Material's own minified JavaScript that this site never requests."""

XML_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.sitemaps.org/schemas/sitemap/0.9"}

IDENTIFIERS = {
    "http://www.w3.org/2005/Atom",  # the Atom namespace of feed.xml
    "https://json-schema.org/draft/2020-12/schema",  # $schema of data/story.schema.json
}
"""Names that the site's data files carry as identifiers; no browser or reader requests them."""
JSONLD_CONTEXT = "https://schema.org"
"""The @context of the home page's JSON-LD: a vocabulary name that browsers never fetch."""


class UrlScanner(HTMLParser):
    """Collects (what, url) for every absolute URL an HTML document could request or link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in: str | None = None
        self._jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag if tag in ("style", "script") else None
        values = dict(attrs)
        self._jsonld = tag == "script" and values.get("type") == "application/ld+json"
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                for candidate in re.split(r",\s*", value) if "srcset" in name else [value]:
                    if ABSOLUTE.match(candidate):
                        self.found.append((f"<{tag} {name}>", candidate.strip()))
            elif name == "style":
                self.found += [(f"<{tag} style> url()", u) for u in CSS_URL.findall(value)]
            elif name == "content" and (values.get("http-equiv") or "").lower() == "refresh":
                target = value.partition("=")[2]
                if ABSOLUTE.match(target):
                    self.found.append(("<meta refresh>", target))
            elif (name == "xmlns" or name.startswith("xmlns:")) and value not in XML_NAMESPACES:
                self.found.append((f"<{tag} {name}>", value))

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.found += [("<style> url()", u) for u in CSS_URL.findall(data)]
            self.found += [
                ("<style> @import", u) for u in CSS_IMPORT.findall(data) if ABSOLUTE.match(u)
            ]
        elif self._in == "script":
            self.found += [("<script> load", u) for u in JS_LOAD.findall(data)]
            self.found += [
                ("<script> url", u)
                for u in ANY_URL.findall(data)
                if not (self._jsonld and u == JSONLD_CONTEXT)
            ]


def scan_html(text: str) -> list[tuple[str, str]]:
    scanner = UrlScanner()
    scanner.feed(text)
    scanner.close()
    return scanner.found


def scan_css(text: str) -> list[tuple[str, str]]:
    found = [("url()", u) for u in CSS_URL.findall(text)]
    found += [("@import", u) for u in CSS_IMPORT.findall(text) if ABSOLUTE.match(u)]
    return list(dict.fromkeys(found))


def scan_vendored_js(text: str) -> list[tuple[str, str]]:
    """Absolute URLs that start a JavaScript string literal, minus Material's dormant ones."""
    found = []
    for url in JS_STRING_URL.findall(text):
        plain = url.rstrip("\\")
        if any(plain.startswith(known) for known in MATERIAL_DORMANT_URLS):
            continue
        found.append(("js string", plain))
    return found


def scan_text(text: str) -> list[tuple[str, str]]:
    known = XML_NAMESPACES | IDENTIFIERS
    return [("absolute url", u) for u in ANY_URL.findall(text) if u not in known]


def scan_file(path: Path) -> list[tuple[str, str]]:
    suffix = path.suffix.lower()
    if suffix in {".png", ".ico", ".gz", ".woff", ".woff2", ".map"}:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    if suffix == ".html":
        return scan_html(text)
    if suffix == ".css":
        return scan_css(text)
    if suffix == ".js":
        return scan_vendored_js(text)
    if suffix == ".svg":
        return scan_html(text)
    return scan_text(text)  # .json (search index), .xml (sitemap), .txt, anything else


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build: Build = shared_site(tmp_path_factory)
    build.assert_ok()
    return build.site


def test_scanner_catches_what_it_should() -> None:
    """The scanner itself: every way a page can reach another host is caught."""
    html = (
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.example.org/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example.org/b.png 2x">'
        "<div style=\"background:url('http://t.example.org/p.gif')\"></div>"
        "<style>@import 'https://e.example.org/a.css'; p{background:url(//e.example.org/i.png)}"
        "</style><script>fetch('https://api.example.org/t')</script>"
        '<meta http-equiv="refresh" content="0; url=https://away.example.org/">'
        '<a href="../sources/#excerpt-x">ok</a><a href="#top">ok</a>'
        '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
    )
    found = [u for _, u in scan_html(html)]
    assert found == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.org/x.js",
        "https://img.example.org/b.png 2x",
        "http://t.example.org/p.gif",
        "//e.example.org/i.png",
        "https://e.example.org/a.css",
        "https://api.example.org/t",
        "https://api.example.org/t",
        "https://away.example.org/",
    ]
    assert scan_css("@import url(https://x.org/a.css); a{b:url(/local.png)}") == [
        ("url()", "https://x.org/a.css"),
        ("@import", "https://x.org/a.css"),
    ]
    assert scan_css("@import 'local.css'; a{b:url(data:image/png;base64,AAA)}") == []
    assert scan_vendored_js('x("https://unpkg.com/mermaid@11/dist/mermaid.min.js")') == []
    assert scan_vendored_js('fetch("https://tracker.example.com/t")') == [
        ("js string", "https://tracker.example.com/t")
    ]
    assert scan_vendored_js("x(`//cdn.example.com/${v}/a.js`) // see http://lunrjs.com") == [
        ("js string", "//cdn.example.com/${v}/a.js")
    ]


def test_no_file_references_another_host(site: Path) -> None:
    offenders = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            found = scan_file(path)
            if found:
                offenders[path.relative_to(site).as_posix()] = sorted(set(found))
    assert offenders == {}, "\n".join(
        f"{page}: {what} {url}" for page, hits in offenders.items() for what, url in hits
    )


def test_material_dormant_urls_stay_dormant(site: Path) -> None:
    """The conditions under which Material would load its vendored URLs are not met."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*repo_url\s*:", text, re.MULTILINE), "repo_url fetches GitHub"
    font_off = re.search(r"^\s*font:\s*false\s*(?:#.*)?$", text, re.MULTILINE)
    assert font_off, "theme.font must be false (no Google Fonts)"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html, f"{page}: a mermaid diagram loads unpkg.com"
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
