"""Live editing: the real `mkdocs serve` rebuilds on a YAML save, survives bad data, recovers.

Each test runs the server from a copy of the project in tmp_path on a free port and stops it by
its pid, so the working tree is never touched.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import MKDOCS, REPO, copy_project, fetch, serving, wait_for

pytestmark = pytest.mark.slow


@dataclass
class Server:
    root: Path
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def page(self, path: str = "") -> str:
        """The served page's text as a reader sees it (tags dropped, entities decoded)."""
        status, body = fetch(self.url + path)
        assert status == 200, f"GET /{path} answered {status}"
        return html.unescape(re.sub(r"<[^>]+>", " ", body))

    def raw(self, path: str = "") -> str:
        status, body = fetch(self.url + path)
        assert status == 200, f"GET /{path} answered {status}"
        return body


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    # A story with overrides of its own (custom_dir, on top of the generator's theme): a copy
    # of the generator's theme, which test_theme_overrides_are_watched_too edits.
    root = copy_project(tmp_path / "project")
    shutil.copytree(REPO / "theme", root / "theme")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\ntheme:\n", "\ntheme:\n  custom_dir: theme\n", 1), "utf-8")
    log_path = tmp_path / "serve.log"
    with serving([str(MKDOCS), "serve"], root, log_path) as served:
        yield Server(root, served.url, served.process, log_path)


def first_event_title_line(events_yaml: str) -> tuple[int, str]:
    for number, line in enumerate(events_yaml.splitlines()):
        if re.match(r"^\s+title: ", line):
            return number, line
    raise AssertionError("site_data/events.yaml has no event title to edit")


def replace_line(text: str, number: int, new_line: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[number] = new_line + "\n"
    return "".join(lines)


def test_yaml_save_shows_in_served_site_bad_save_shows_errors_and_good_save_recovers(
    server: Server,
) -> None:
    events = server.root / "site_data" / "events.yaml"
    original = events.read_text(encoding="utf-8")
    number, line = first_event_title_line(original)
    indent = line[: len(line) - len(line.lstrip())]

    # 1. A text edit in the YAML shows up in the served timeline.
    events.write_text(
        replace_line(original, number, f'{indent}title: "Live edit marker 4821"'), "utf-8"
    )
    wait_for(
        "the edited title on /timeline/",
        lambda: "Live edit marker 4821" in server.page("timeline/"),
    )

    # 2. A broken save: the server keeps answering, with a page naming the file and line.
    events.write_text(original.replace("events:", "events: [unclosed", 1), "utf-8")
    wait_for(
        "the error page naming site_data/events.yaml",
        lambda: "site_data/events.yaml:" in server.page(""),
    )
    error_page = server.page("")
    assert re.search(r"site_data/events\.yaml:\d+:\d+", error_page), error_page[:2000]
    assert "The story data has problems" in error_page
    assert server.process.poll() is None, "the server died on bad data:\n" + server.log()
    # The page the editor had open shows the problems too, instead of a 404.
    assert "site_data/events.yaml:" in server.page("timeline/")
    # The problems are logged through the mkdocs logger as well.
    wait_for("the error in the server log", lambda: "site_data/events.yaml:" in server.log())

    # 3. A good save restores the site.
    events.write_text(original, "utf-8")
    original_title = line.split("title:", 1)[1].strip().strip("'\"")
    wait_for(
        "the restored timeline",
        lambda: (
            "The story data has problems" not in server.page("")
            and "Live edit marker 4821" not in server.page("timeline/")
        ),
    )
    assert server.process.poll() is None
    assert "Traceback" not in server.log()
    assert original_title.split()[0] in server.page("timeline/")


def test_served_page_carries_live_reload_and_a_save_bumps_its_epoch(server: Server) -> None:
    page = server.raw("")
    match = re.search(r"livereload\((\d+), (\d+)\)", page)
    assert match, "the served page has no live-reload script (see mkdocs#4032 / click pins)"
    epoch = int(match.group(1))

    # What the browser's script does: long-poll /livereload/<epoch>/<id>; a save answers it
    # with a newer epoch, on which the page reloads itself.
    events = server.root / "site_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    number, line = first_event_title_line(text)
    indent = line[: len(line) - len(line.lstrip())]
    events.write_text(replace_line(text, number, f'{indent}title: "Reload marker 77"'), "utf-8")

    def epoch_moved() -> bool:
        status, body = fetch(f"{server.url}livereload/{epoch}/1")
        return status == 200 and int(body.strip()) > epoch

    wait_for("a newer live-reload epoch after the save", epoch_moved, timeout=30)


@pytest.mark.browser
def test_a_yaml_save_reloads_the_page_open_in_a_real_browser(server: Server) -> None:
    from browser.support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    events = server.root / "site_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    number, line = first_event_title_line(text)
    indent = line[: len(line) - len(line.lstrip())]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(server.url + "timeline/")
            # Nobody touches the page: the live-reload script must reload it by itself. (The
            # new text shows before the reload's load event: waiting for the text and then
            # looking for the event failed one run in three.)
            with page.expect_event("load", timeout=30_000):
                events.write_text(
                    replace_line(text, number, f'{indent}title: "Browser reload marker 31"'),
                    "utf-8",
                )
            page.get_by_text("Browser reload marker 31").first.wait_for(timeout=30_000)
        finally:
            browser.close()


def test_theme_overrides_are_watched_too(server: Server) -> None:
    css = server.root / "theme" / "assets" / "explainer.css"
    # A rule, not a comment: the build minifies the stylesheet (generator/outputs/stylesheets.py).
    css.write_text(
        css.read_text(encoding="utf-8") + "\n.live-theme-marker-5150{color:red}\n", "utf-8"
    )
    wait_for(
        "the edited stylesheet to be served",
        lambda: ".live-theme-marker-5150{" in server.raw("assets/explainer.css"),
        timeout=30,
    )
