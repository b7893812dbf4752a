"""Hand-written pages are checked like data (issue 32, item 2 and the front-matter escaping).

``content/`` comes in pull requests from outside the newsroom, and both engines publish its raw
HTML as written. ``explainer check`` and the build report markup that runs or loads code, the
characters the data refuses, and a content file that would replace the theme's own files, each at
its ``file:line:col``; a story may allow raw HTML in ``mkdocs.yml``. Front matter is escaped
wherever the theme prints it, in both engines. Every expected line below is written by hand
from the page in the test.
"""

from __future__ import annotations

import importlib.util
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import BIN, SMALL_MKDOCS_YML, run_in, small_project

MKDOCS_YML = SMALL_MKDOCS_YML + "extra_javascript:\n  - assets/fold-highlight.js\n"

ALLOW = "(allowed only with allow_raw_html: true in mkdocs.yml)"


def check(root: Path) -> tuple[int, list[str]]:
    result = run_in(root, sys.executable, "-m", "generator.cli", "check")
    return result.returncode, result.stderr.splitlines()


@pytest.fixture
def project(story_copy: Path) -> Path:
    return small_project(story_copy, MKDOCS_YML)


HOSTILE_PAGE = """\
# About us

Text <script>alert(1)</script> and `<script>` shown as code.

<img src="x"
     onerror="alert(1)">

[Read more](JaVa&#x09;Script:alert(1)) and [a real link](https://example.org/).

<a href="&#106;avascript:alert(2)">obfuscated</a> <iframe src="https://example.org/"></iframe>

Emphasis {: onclick="alert(3)" }

[definition]: javascript:alert(4)

```html
<script>in a code block: shown as text</script>
<img src=x onerror=alert(5)>
```

A name written \u202eright to left.
שלום\u200f, a Hebrew word with its direction mark, is fine.
"""


def test_check_reports_markup_that_runs_code_each_at_its_place(project: Path) -> None:
    (project / "content" / "about.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    code, lines = check(project)
    assert code == 1
    assert lines == [
        f"content/about.md:3:6: raw <script> element: it runs script in every reader's "
        f"browser {ALLOW}",
        f"content/about.md:6:6: event-handler attribute onerror= on <img>: it runs script {ALLOW}",
        f"content/about.md:8:13: javascript: link: it runs script when followed {ALLOW}",
        f"content/about.md:10:4: javascript: address in href= of <a>: it runs script {ALLOW}",
        f"content/about.md:10:51: raw <iframe> element: it loads another document into the "
        f"page {ALLOW}",
        f"content/about.md:12:13: event-handler attribute onclick= in an attribute list: it "
        f"runs script {ALLOW}",
        f"content/about.md:14:15: javascript: link: it runs script when followed {ALLOW}",
        "content/about.md:21:16: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE can make "
        "text read differently from what it is; remove it",
        "8 problems found",
    ]


@pytest.mark.slow  # a build
def test_the_build_stops_on_them_too(project: Path) -> None:
    (project / "content" / "about.md").write_text("Hi <svg onload=alert(1)>\n", "utf-8")
    build = run_in(project, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site")
    assert build.returncode == 1
    assert (
        f"content/about.md:1:9: event-handler attribute onload= on <svg>: it runs script {ALLOW}"
    ) in build.stderr.splitlines()
    assert not (project / "site").exists()


@pytest.mark.slow  # a build
def test_a_story_may_allow_raw_html_but_not_hidden_characters(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        MKDOCS_YML.replace("  - explainer\n", "  - explainer:\n      allow_raw_html: true\n"),
        encoding="utf-8",
    )
    page = project / "content" / "about.md"
    page.write_text('# Poll\n\n<script src="poll.js"></script>\n', encoding="utf-8")
    assert check(project)[0] == 0
    build = run_in(project, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site")
    assert build.returncode == 0, build.stderr
    assert '<script src="poll.js"></script>' in (
        project / "site" / "about" / "index.html"
    ).read_text("utf-8")
    page.write_text("# Poll\n\nVote \u2066here\u2069.\n", encoding="utf-8")
    assert check(project) == (
        1,
        [
            "content/about.md:3:6: bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE can make "
            "text read differently from what it is; remove it (and 1 more on this line)",
            "1 problem found",
        ],
    )


def test_html_and_svg_files_published_as_they_are_are_checked_too(project: Path) -> None:
    """A content/poll.html is a page of its own at the site's address; an SVG opened by itself
    runs its script too. Both are held to the same rules; a plain drawing is fine."""
    content = project / "content"
    (content / "poll.html").write_text(
        "<!doctype html>\n<p>Vote</p>\n<script>steal()</script>\n", encoding="utf-8"
    )
    (content / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n  <rect onload="steal()"/>\n</svg>\n', "utf-8"
    )
    (content / "plain.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>\n', encoding="utf-8"
    )
    assert check(project) == (
        1,
        [
            f"content/map.svg:2:9: event-handler attribute onload= on <rect>: it runs script "
            f"{ALLOW}",
            f"content/poll.html:3:1: raw <script> element: it runs script in every reader's "
            f"browser {ALLOW}",
            "2 problems found",
        ],
    )


def test_a_content_file_may_not_replace_the_themes_files(project: Path) -> None:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.submodule_search_locations is not None
    material = Path(next(iter(spec.submodule_search_locations))) / "templates"
    bundle = next((material / "assets" / "javascripts").glob("bundle.*.min.js")).name
    (project / "content" / "assets" / "javascripts").mkdir(parents=True)
    (project / "content" / "assets" / "fold-highlight.js").write_text("steal()\n", "utf-8")
    (project / "content" / "assets" / "javascripts" / bundle).write_text("steal()\n", "utf-8")
    (project / "content" / "assets" / "mine.js").write_text("// ours, new\n", "utf-8")
    code, lines = check(project)
    assert (code, lines) == (
        1,
        [
            "content/assets/fold-highlight.js:1:1: would replace the site's own "
            "theme/assets/fold-highlight.js, which the site needs; rename or move it",
            f"content/assets/javascripts/{bundle}:1:1: would replace assets/javascripts/{bundle} "
            "of the installed theme 'material', which the site needs; rename or move it",
            "2 problems found",
        ],
    )


def test_front_matter_that_is_not_a_mapping_is_reported(project: Path) -> None:
    page = project / "content" / "about.md"
    page.write_text("---\ntitle: [unclosed\n---\n# About\n", encoding="utf-8")
    assert check(project) == (
        1,
        [
            "content/about.md:3:1: front matter: syntax error: expected ',' or ']', but got "
            "'<stream end>'",
            "1 problem found",
        ],
    )


# --- front matter, printed by the theme ---------------------------------------------------------

TITLE = "<img src=x onerror=alert(1)> Tom & Jerry"
DESCRIPTION = 'Say "hi" onmouseover="alert(2)'
AUTHOR = "<b>Ann</b>"


class _Head(HTMLParser):
    """What a browser makes of a page: its elements with their attributes, and the text of
    <title> and of Material's header topic."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title":
            self.title += data

    def meta(self, key: str, value: str) -> str | None:
        found = [a.get("content") for tag, a in self.tags if tag == "meta" and a.get(key) == value]
        assert len(found) == 1, (key, value, found)
        return found[0]


def _read(page: Path) -> _Head:
    parsed = _Head()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


@pytest.mark.slow  # two builds
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_front_matter_is_text_wherever_the_theme_prints_it(project: Path, engine: str) -> None:
    front = f"---\ntitle: '{TITLE}'\ndescription: '{DESCRIPTION}'\nauthor: '{AUTHOR}'\n---\n"
    (project / "content" / "about.md").write_text(front + "\nPlain words.\n", encoding="utf-8")
    if engine == "mkdocs":
        build = run_in(project, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site")
        site = project / "site"
    else:
        command = [sys.executable, "-m", "generator.engines.zensical"]
        build = run_in(project, *command, "--zensical", str(BIN / "zensical"))
        site = project / "site-zensical"
    assert build.returncode == 0, build.stderr
    page = site / "about" / "index.html"
    head = _read(page)
    assert not [tag for tag, attrs in head.tags if tag == "img" or "onmouseover" in attrs]
    assert not [tag for tag, attrs in head.tags if tag == "b"]
    assert head.meta("name", "description") == DESCRIPTION
    assert head.meta("name", "author") == AUTHOR
    assert head.meta("property", "og:title") == f"{TITLE} - Checked pages"
    assert head.meta("property", "og:description") == DESCRIPTION
    assert head.title.strip() == f"{TITLE} - Checked pages"
    assert "&lt;img src=x onerror=alert(1)&gt; Tom &amp; Jerry" in page.read_text("utf-8")
