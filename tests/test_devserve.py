"""`explainer serve`: Zensical's dev server over the rendered story, kept in step with every save.

The first tests run one refresh at a time (no server): what lands in the docs folder Zensical
reads. The others start the real `explainer serve` (and so `zensical serve`) from a copy of the
project in tmp_path on a free port on 127.0.0.1, stop it by its pid, and wait with bounds. The
served site is held to a clean `make build-zensical`-style build of the same files.
"""

from __future__ import annotations

import contextlib
import html
import os
import random
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import support
from support import BIN, copy_project

from generator.engines.devserver.server import DevServer
from generator.engines.zensical import build_site
from generator.pipeline import RENDER_MANIFEST, write_pages

ZENSICAL = str(BIN / "zensical")


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*.md")}


def set_first(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{path.name}: no line matches {pattern!r}"
    path.write_text(new, encoding="utf-8")


NEW_ACTOR = """\
  - id: test-extra-{n}
    name: Extra Person {n}
    kind: person
    role: A person added by the test.
    cites: [ex-elysee-caption]
"""


def add_actor(root: Path, n: int, added: list[int] | None = None) -> None:
    if added is not None:
        added.append(n)
    path = root / "site_data" / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("actors:\n", "actors:\n" + NEW_ACTOR.format(n=n), 1), "utf-8")


def remove_actor(root: Path, n: int) -> None:
    path = root / "site_data" / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    block = NEW_ACTOR.format(n=n)
    assert block in text
    path.write_text(text.replace(block, ""), "utf-8")


# --- one refresh at a time: the docs folder ----------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_docs_folder_holds_what_render_writes_and_a_save_rewrites_only_changed_pages(
    project: Path, tmp_path: Path
) -> None:
    server = DevServer(project / "mkdocs.yml", project / "build" / "serve", zensical=ZENSICAL)
    docs = project / "build" / "serve" / "docs"
    assert server.refresh()
    reference = tmp_path / "rendered"
    write_pages(project / "site_data", project / "content", reference)
    expected = files_under(reference)
    expected.pop(RENDER_MANIFEST)
    # The dev server leaves out the share images (and the share meta): see refresh().
    images = {rel for rel in expected if rel.startswith("assets/images/share/")}
    assert len(images) == 10
    expected = {rel: data for rel, data in expected.items() if rel not in images}
    assert files_under(docs) == expected

    before = mtimes(docs)
    time.sleep(0.01)  # a rewrite would get a later mtime
    set_first(project / "site_data" / "events.yaml", r"^(\s+title: ).*$", r'\1"Edited title 31"')
    assert server.refresh()
    after = mtimes(docs)
    changed = {rel for rel in after if after[rel] != before[rel]}
    assert "timeline.md" in changed
    assert "Edited title 31" in (docs / "timeline.md").read_text(encoding="utf-8")
    # Pages whose text did not change kept their file and mtime.
    reference2 = tmp_path / "rendered2"
    write_pages(project / "site_data", project / "content", reference2)
    differs = {rel for rel in after if (reference2 / rel).read_bytes() != expected.get(rel)}
    assert changed == differs
    assert len(changed) < len(after) / 2, changed


def test_a_deleted_fact_page_is_removed_and_a_bad_save_replaces_every_page(
    project: Path,
) -> None:
    server = DevServer(project / "mkdocs.yml", project / "build" / "serve", zensical=ZENSICAL)
    docs = project / "build" / "serve" / "docs"
    add_actor(project, 1)
    assert server.refresh()
    assert (docs / "players" / "test-extra-1.md").is_file()
    good_pages = sorted(rel for rel in files_under(docs) if rel.endswith(".md"))

    events = project / "site_data" / "events.yaml"
    original = events.read_text(encoding="utf-8")
    events.write_text(original.replace("events:", "events: [unclosed", 1), "utf-8")
    assert not server.refresh()
    bad = files_under(docs)
    # The same pages, each with the problem; nothing built from the data is left.
    assert sorted(bad) == good_pages
    for rel, text in bad.items():
        page = html.unescape(text.decode())
        assert "The story data has problems" in page, rel
        assert re.search(r"site_data/events\.yaml:\d+:\d+", page), rel

    events.write_text(original, "utf-8")
    remove_actor(project, 1)
    assert server.refresh()
    assert not (docs / "players" / "test-extra-1.md").exists()
    assert not (docs / "players" / "test-extra-1").exists()
    assert "The story data has problems" not in (docs / "timeline.md").read_text("utf-8")


# --- the real server ---------------------------------------------------------------------------


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


class _Article(HTMLParser):
    """The text of a page's <title> and <article> (Material's content area), as a reader reads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.in_title = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "meta", "link")
        self.in_title = self.in_title or tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.depth -= 1
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.depth or self.in_title:
            self.parts.append(data)


def page_text(body: str) -> str:
    parser = _Article()
    parser.feed(body)
    return " ".join(" ".join(parser.parts).split())


def site_pages(site: Path) -> dict[str, str]:
    """URL path -> text of every page of a built site (404.html aside)."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        pages[url] = page_text(path.read_text(encoding="utf-8"))
    return pages


@dataclass
class Served:
    root: Path
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    ever: set[str] = field(default_factory=set)
    """Every page URL a clean build of this session had (to check none lingers)."""

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def text(self, path: str) -> tuple[int, str]:
        status, body = fetch(self.url + path)
        return status, page_text(body)


def wait_until(what: str, check: Callable[[], str | None], served: Served, timeout: float) -> None:
    """Poll ``check`` (None when satisfied, else what is still wrong) for at most ``timeout``."""
    deadline = time.monotonic() + timeout
    problem: str | None = "not checked"
    while time.monotonic() < deadline:
        problem = check()
        if problem is None:
            return
        assert served.process.poll() is None, "explainer serve died:\n" + served.log()
        time.sleep(0.2)
    raise AssertionError(f"after {timeout:.0f}s, {what}: {problem}\n--- log ---\n{served.log()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serving(tmp_path) as server:
        yield server


@contextlib.contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[Served]:
    """A real ``explainer serve`` (with ``options``) on a copy of the project, stopped after."""
    root = copy_project(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    with support.serving([str(BIN / "explainer"), "serve", *options], root, log_path) as started:
        yield Served(root, started.url, started.process, log_path)


def clean_build(served: Served, scratch: Path) -> dict[str, str]:
    """The pages of a fresh Zensical build of a copy of the project's files as they are now."""
    shutil.rmtree(scratch, ignore_errors=True)
    project = scratch / "project"
    for part in ("mkdocs.yml", "content", "site_data"):
        source = served.root / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / part)
    build = build_site(
        project / "mkdocs.yml", scratch / "work", scratch / "site", zensical=ZENSICAL, strict=False
    )
    return site_pages(build.site)


def same_as_clean_build(served: Served, expected: dict[str, str]) -> Callable[[], str | None]:
    def check() -> str | None:
        for url, text in expected.items():
            status, got = served.text(url)
            if status != 200 or got != text:
                return f"/{url} answers {status} and differs from a clean build:\n{got[:600]}"
        for url in sorted(served.ever - set(expected)):
            status, got = served.text(url)
            if status != 404:
                return f"/{url} is no longer built but answers {status}: {got[:200]}"
        return None

    return check


def shows_problems(served: Served, pages: list[str], where: str) -> Callable[[], str | None]:
    """Every page in ``pages`` lists the problems, one of them matching the regex ``where``."""

    def check() -> str | None:
        for url in pages:
            status, got = served.text(url)
            if (
                status != 200
                or "The story data has problems" not in got
                or not re.search(where, got)
            ):
                return f"/{url} answers {status} without the problem at {where}: {got[:400]}"
        if fetch(served.url + "data/story.json")[0] == 200:
            return "the open data of the last good data is still served"
        return None

    return check


pytestmark = pytest.mark.slow


def test_bad_save_shows_the_problems_on_every_page_and_the_next_good_save_restores_them(
    served: Served, tmp_path: Path
) -> None:
    good = clean_build(served, tmp_path / "clean")
    served.ever |= set(good)
    wait_until("the site as a clean build", same_as_clean_build(served, good), served, 60)

    events = served.root / "site_data" / "events.yaml"
    original = events.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if re.match(r"^\s+title: ", line))
    lines[number] = lines[number].replace("title:", "title: [unclosed", 1)
    events.write_text("".join(lines), encoding="utf-8")
    # YAML reports where the flow sequence the test opened on that line runs out.
    where = rf"site_data/events\.yaml:\d+:\d+ syntax error: .*at line {number + 1}\b"
    wait_until("the problems on every page", shows_problems(served, list(good), where), served, 60)
    assert re.search(where.replace(" syntax", ": syntax"), served.log())

    events.write_text(original, encoding="utf-8")
    wait_until("the pages back", same_as_clean_build(served, good), served, 60)
    assert "Traceback" not in served.log()


def test_no_stale_page_after_random_good_and_bad_edits(served: Served, tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("DEVSERVE_SEED", "1729")))
    root = served.root
    events = root / "site_data" / "events.yaml"
    index = root / "content" / "index.md"
    extras: list[int] = []
    broken: tuple[Path, str] | None = None  # the file a bad edit broke, with its good text
    good: dict[str, str] = {}

    def repair() -> None:
        nonlocal broken
        if broken is not None:
            broken[0].write_text(broken[1], encoding="utf-8")
            broken = None

    good_edits: dict[str, Callable[[int], object]] = {
        "event title": lambda n: set_first(events, r"^(\s+title: ).*$", rf'\1"Random title {n}"'),
        "new actor": lambda n: add_actor(root, n, extras),
        "actor removed": lambda n: remove_actor(root, extras.pop(0)) if extras else None,
        "content text": lambda n: index.write_text(
            index.read_text("utf-8") + f"\nA paragraph from edit {n}.\n", "utf-8"
        ),
        "new content page": lambda n: (root / "content" / f"extra-{n}.md").write_text(
            f"# Extra page {n}\n\nSee [[event:jet-downing]].\n", "utf-8"
        ),
        "site name": lambda n: set_first(
            root / "mkdocs.yml", r"^site_name: .*$", f'site_name: "Renamed {n}"'
        ),
    }

    def bad_yaml(n: int) -> tuple[Path, str]:
        original = events.read_text("utf-8")
        lines = original.splitlines(keepends=True)
        number = next(i for i, line in enumerate(lines) if re.match(r"^\s+title: ", line))
        lines[number] = lines[number].replace("title:", "title: [unclosed", 1)
        events.write_text("".join(lines), "utf-8")
        return events, rf"site_data/events\.yaml:\d+:\d+ syntax error: .*at line {number + 1}\b"

    def bad_reference(n: int) -> tuple[Path, str]:
        lines = index.read_text("utf-8").splitlines(keepends=True)
        lines.append(f"\nSee [[quote:no-such-quote-{n}]].\n")
        index.write_text("".join(lines), "utf-8")
        return index, rf"content/index\.md:{len(lines) + 1}:5 .*no-such-quote-{n}"

    bad_edits = [bad_yaml, bad_reference]
    steps = [rng.random() < 0.35 for _ in range(9)] + [False]  # True: a bad edit; ends good
    for n, bad in enumerate(steps):
        if bad:
            repair()
            edit = rng.choice(bad_edits)
            path = index if edit is bad_reference else events
            text = path.read_text("utf-8")
            _, where = edit(n)
            broken = (path, text)
            pages = sorted(good) if good else [""]
            wait_until(
                f"step {n}: {edit.__name__} shown", shows_problems(served, pages, where), served, 60
            )
            continue
        repair()
        name = rng.choice(sorted(good_edits))
        good_edits[name](n)
        good = clean_build(served, tmp_path / "clean")
        served.ever |= set(good)
        wait_until(f"step {n}: {name} served", same_as_clean_build(served, good), served, 60)
    assert any(steps), "the seed made no bad edit"
    assert "Traceback" not in served.log()


@pytest.mark.parametrize("check_links", [False, True], ids=["default", "check-links"])
def test_zensical_checks_the_links_after_a_save_only_with_check_links(
    tmp_path: Path, check_links: bool
) -> None:
    # Zensical's link checks doubled a save's build on a large story: off unless asked for.
    with serving(tmp_path, *(["--check-links"] if check_links else [])) as served:
        page = served.root / "content" / "linked.md"
        page.write_text("# Linked\n\nSee [the missing page](nowhere-at-all.md).\n", "utf-8")

        def shown() -> str | None:
            status, text = served.text("linked/")
            return None if status == 200 and "the missing page" in text else f"{status}: {text}"

        wait_until("the new page", shown, served, 60)
        time.sleep(1.0)  # Zensical prints its checks' findings once the build is done
        warned = "page does not exist" in served.log()
        assert warned == check_links, served.log()
