"""Helpers shared by the test modules: paths, the story loaders, copying and building a project.

A plain module (no tests, no fixtures): test modules import from here, never from each other.
Fixtures live in conftest.py; the browser tests' own helpers are in tests/browser/support.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.read.loader import load_story_or_diagnostics
from generator.schema.kinds import FILE_MODELS, StoryData
from generator.schema.model import Event
from generator.tools.synthetic import write_scaled_story

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
MINIMAL = FIXTURES / "minimal"
THREE_UPDATES = FIXTURES / "three-updates"
"""A made-up story with three updates over five years (a project: mkdocs.yml, content/,
site_data/), whose earlier days have as-it-stood pages."""
"""A small valid story with every record kind; golden tests render it too. Keep it valid."""
GOLDEN = REPO / "tests" / "golden"
BIN = Path(sys.executable).parent
MKDOCS = BIN / "mkdocs"
PROJECT_PARTS = ("mkdocs.yml", "content", "site_data")
"""What a build of the project reads (the theme is the generator's: generator/outputs/theme.py)."""


# --- the story ---------------------------------------------------------------------------------


def problems(data_dir: Path) -> list[str]:
    """Every diagnostic of loading ``data_dir`` (named relative to its parent), as printed."""
    data, diagnostics = load_story_or_diagnostics(data_dir, display_root=data_dir.parent)
    assert data is None, "expected problems, the story loaded"
    return [str(diagnostic) for diagnostic in diagnostics]


def load_golden_story(folder: Path = GOLDEN / "story") -> StoryData:
    """The fixture story, validated with the model alone (not the loader colleagues work on)."""
    parts: dict[str, Any] = {}
    for kind, model in FILE_MODELS.items():
        raw = yaml.safe_load((folder / f"{kind}.yaml").read_text(encoding="utf-8"))
        parts[kind] = getattr(model.model_validate(raw, strict=False), kind)
    return StoryData(**parts)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# site_data record kind -> the prefix of the HTML id of each of its records.
FACT_ID_PREFIXES = {
    "events": "event-",
    "figures": "figure-",
    "quotes": "quote-",
    "positions": "position-",
    "excerpts": "excerpt-",
}


def shipped_fact_ids() -> list[str]:
    data = REPO / "site_data"
    ids: list[str] = []
    for kind in ("events", "figures", "quotes", "positions"):
        ids += [FACT_ID_PREFIXES[kind] + r["id"] for r in load_yaml(data / f"{kind}.yaml")[kind]]
    for source in load_yaml(data / "sources.yaml")["sources"]:
        ids += [FACT_ID_PREFIXES["excerpts"] + e["id"] for e in source["excerpts"]]
    return ids


SPEAKER = re.compile(r"^(\s*speaker:\s*)(\S+)\s*$", re.MULTILINE)


def break_quotes(root: Path) -> int:
    """Point the first quote's speaker at an unknown actor; return that line's number (1-based)."""
    path = root / "site_data" / "quotes.yaml"
    text = path.read_text(encoding="utf-8")
    match = SPEAKER.search(text)
    assert match, "quotes.yaml should have a speaker line"
    broken = text[: match.start(2)] + "nobody-we-know" + text[match.end(2) :]
    path.write_text(broken, encoding="utf-8")
    return text.count("\n", 0, match.start(2)) + 1


def key_span(text: str, pairs: list[tuple[yaml.Node, yaml.Node]], number: int) -> tuple[int, int]:
    """Where the ``number``th key of a composed YAML mapping (``pairs``: its node's ``value``)
    and its value are written in ``text``: (start, end) to cut to leave the key out. Up to the
    next key of the mapping (the lines below move up), else to the value's last character (the
    line break after it stays); a first key after "- " leaves the item's other keys under it."""
    key, value = pairs[number]
    if number + 1 < len(pairs):
        return key.start_mark.index, pairs[number + 1][0].start_mark.index
    end = value.end_mark.index
    while end > value.start_mark.index and text[end - 1] in " \n":
        end -= 1
    return key.start_mark.index, end


# --- a copy of the project, built ----------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """One finished `mkdocs build`: where it ran, its exit code and its combined output."""

    root: Path
    site: Path
    returncode: int
    output: str

    def assert_ok(self) -> None:
        assert self.returncode == 0, f"mkdocs build failed ({self.returncode}):\n{self.output}"


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("PYTHONWARNINGS", None)
    return env


def copy_project(dest: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """Copy what a build reads into ``dest`` (mtimes kept), and return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


def _run_build(command: list[str], root: Path, site_dir: str) -> Build:
    """Run a build command in ``root``; never raises on a failed build."""
    proc = subprocess.run(
        command,
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(root, root / site_dir, proc.returncode, proc.stdout + proc.stderr)


def run_make(root: Path, target: str, site_dir: str) -> Build:
    """`make TARGET` in ``root`` with the repository's venv (never re-installed: `-o` its stamp)."""
    venv = BIN.parent
    command = ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", target]
    return _run_build(command, root, site_dir)


def run_explainer(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`explainer ARGS` in ``root``, as an editor runs it; never raises on a non-zero exit."""
    return subprocess.run(
        [str(BIN / "explainer"), *args],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def build_wheel(scratch: Path) -> Path:
    """A wheel of the generator, built from a copy of this checkout in ``scratch`` (the build
    writes nothing into the repository)."""
    source = scratch / "source"
    for part in ("generator", "theme"):
        shutil.copytree(REPO / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    wheels = scratch / "wheels"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("explainer-*.whl")
    return wheel


def rendered(data_dir: Path) -> dict[str, str]:
    """Every page of the story in ``data_dir`` as Markdown, by path (the story must load)."""
    data, diagnostics = load_story_or_diagnostics(data_dir)
    assert diagnostics == [] and data is not None, diagnostics
    return {page.path: page.markdown for page in render_pages(Index(data))}


def run_mkdocs_build(root: Path, site_dir: str = "site") -> Build:
    """`mkdocs build --strict` in ``root``, as a subprocess."""
    return _run_build([str(MKDOCS), "build", "--strict", "--site-dir", site_dir], root, site_dir)


def _shared_build(
    factory: pytest.TempPathFactory, name: str, site_dir: str, build: Callable[[Path], Build]
) -> Build:
    """A build made once per session in the base temporary folder, then read back from the
    record it leaves there (so every module that asks gets the same build, no conftest)."""
    root = factory.getbasetemp() / name
    record = root / "build.json"
    if record.is_file():
        data = json.loads(record.read_text(encoding="utf-8"))
        return Build(root, root / site_dir, int(data["returncode"]), str(data["output"]))
    if root.exists():
        shutil.rmtree(root)
    built = build(root)
    record.write_text(
        json.dumps({"returncode": built.returncode, "output": built.output}), encoding="utf-8"
    )
    return built


def shared_site(factory: pytest.TempPathFactory) -> Build:
    """The session's one build of the shipped project (built on first use, then reused)."""

    def build(root: Path) -> Build:
        copy_project(root)
        return run_mkdocs_build(root)

    return _shared_build(factory, "shared-build", "site", build)


def shared_zensical_site(factory: pytest.TempPathFactory) -> Build:
    """The session's one `make build-zensical` of the shipped project (as :func:`shared_site`:
    built on first use, then reused by every module that asks)."""

    def build(root: Path) -> Build:
        copy_project(root, (*PROJECT_PARTS, "Makefile"))
        return run_make(root, "build-zensical", "site-zensical")

    return _shared_build(factory, "shared-zensical-build", "site-zensical", build)


SMALL_MKDOCS_YML = """\
site_name: Checked pages
docs_dir: content
theme:
  name: material
  custom_dir: theme
plugins:
  - explainer
"""
"""A project's mkdocs.yml for the minimal story: Material, the theme overrides, the plugin."""


def small_project(story_copy: Path, mkdocs_yml: str = SMALL_MKDOCS_YML) -> Path:
    """The minimal story (``story_copy``, moved) as a project beside it: ``mkdocs_yml``, one
    content page and the repository's theme overrides. Builds in about a second."""
    root = story_copy.parent / "project"
    root.mkdir()
    story_copy.rename(root / "site_data")
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# The bridge\n\nOur own words.\n", "utf-8")
    shutil.copytree(REPO / "theme", root / "theme")
    return root


def run_in(
    root: Path, *args: str, timeout: float = 120, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``args`` run in ``root``, output captured as text; a hang past ``timeout`` fails."""
    return subprocess.run(
        list(args),
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=preexec_fn,
    )


LONG_STORY_SCALE = 10
"""The long story of the tests: the shipped story at this scale (``make bench``'s synthetic
story; 60 events, 160 players, 220 positions, 60 quotes), whose timeline, players, stances and
quotes are in parts."""


def shared_long_site(factory: pytest.TempPathFactory) -> Build:
    """The session's one build of the long story (as :func:`shared_site`)."""

    def build(root: Path) -> Build:
        copy_project(root, ("mkdocs.yml", "content"))
        story = load_story_or_diagnostics(REPO / "site_data")[0]
        assert story is not None
        write_scaled_story(story, LONG_STORY_SCALE, root / "site_data")
        return run_mkdocs_build(root)

    return _shared_build(factory, "shared-long-build", "site", build)


# --- a running server ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Serving:
    """A dev server started by :func:`serving`."""

    url: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def serving(command: list[str], root: Path, log: Path) -> Iterator[Serving]:
    """``command --dev-addr 127.0.0.1:PORT`` (a free port) in ``root``, its output in ``log``,
    in a process group of its own; yields once it answers, stops it (and all it started) by its
    pid after."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=build_env(),
            start_new_session=True,
        )
    served = Serving(f"http://127.0.0.1:{port}/", process)
    try:
        wait_for("the server's first page", lambda: fetch(served.url)[0] == 200, timeout=90)
        yield served
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(what: str, check: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


# --- reading a built site ------------------------------------------------------------------------


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (empty dict if it is missing)."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)


def element_ids(path: Path) -> list[str]:
    parser = IdCollector()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.ids


def search_tokens(text: str, separator: str) -> set[str]:
    """Tokens as lunr would index them: split on the configured separator, lower-cased."""
    plain = re.sub(r"<[^>]*>", " ", text)
    return {t.strip('.,;:!?()"“”«»').lower() for t in re.split(separator, plain) if t}


def shared_three_updates_site(factory: pytest.TempPathFactory) -> Build:
    """The session's one strict build of the made-up three-update story (built in its own folder,
    whose mkdocs.yml uses the repository's theme, into the session's temporary folder)."""

    def build(root: Path) -> Build:
        root.mkdir(parents=True)
        made = run_mkdocs_build(THREE_UPDATES, str(root / "site"))
        return Build(root, root / "site", made.returncode, made.output)

    return _shared_build(factory, "three-updates-build", "site", build)


def event(event_id: str, date: str, **fields: Any) -> Event:
    """An event made in code, with the fields a test does not care about filled in."""
    raw = {
        "id": event_id,
        "date": date,
        "date_basis": {"rule": "stated", "words": "on that day"},
        "title": f"Title of {event_id}",
        "summary": "What happened.",
        "cites": ["some-excerpt"],
        **fields,
    }
    return Event.model_validate(raw, strict=False)
