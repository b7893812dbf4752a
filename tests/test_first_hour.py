"""The editor's first hour, walked: scaffold, replace each example, check, build, serve, edit.

Everything runs in tmp_path with the repository's .venv (never re-installed), servers on free
ports, stopped by their process group id; every wait is bounded. The last test installs the
generator for real, from a built wheel named in the new story's requirements.txt.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import (
    BIN,
    REPO,
    build_env,
    build_wheel,
    copy_project,
    fetch,
    free_port,
    run_explainer,
    run_mkdocs_build,
    wait_for,
)

pytestmark = pytest.mark.slow

VENV = BIN.parent

# What the editor writes in place of each example id and placeholder.
REPLACEMENTS = [
    ("example-source", "gazette-bridge-vote"),
    ("example-excerpt", "ex-vote"),
    ("example-actor", "ana-costa"),
    ("example-event", "bridge-vote"),
    ("example-figure", "daily-crossings"),
    ("example-report", "crossings-council-count"),
    ("example-quote", "costa-unsafe"),
    ("example-question", "reopening"),
    ("example-position", "costa-reopening"),
    ("example-update", "first-version"),
    ("Replace with your headline", "Riverside closes its old bridge"),
    (
        "Replace with one or two sentences under the headline.",
        "The council voted to shut the bridge; nobody has said for how long.",
    ),
]

CONTENT = """\
# Riverside closes its old bridge

The council has voted to close the old bridge: [[event:bridge-vote]]. The mayor,
[[actor:ana-costa]], said: [[quote:costa-unsafe]].

[[figure:{figure}]] used it. Still open: [[question:reopening]]
"""


explainer = run_explainer


def make(root: Path, *args: str) -> list[str]:
    """`make ARGS` in ``root`` with the repository's venv (its set-up never re-run)."""
    return ["make", "--no-print-directory", f"VENV={VENV}", "-o", f"{VENV}/.installed", *args]


@contextmanager
def serving(root: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            make(root, "serve", f"PORT={port}"),
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=build_env(),
            start_new_session=True,
        )
    try:
        wait_for(
            f"the site on port {port}",
            lambda: fetch(f"http://127.0.0.1:{port}/")[0] == 200,
            timeout=90,
        )
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # make and the mkdocs it started
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def replace_in(path: Path, pairs: list[tuple[str, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def line_col(path: Path, needle: str) -> str:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(f"{needle!r} not in {path}")


def test_the_first_hour(tmp_path: Path) -> None:
    story = tmp_path / "riverside"
    made = explainer(tmp_path, "new", str(story), "--title", "Riverside bridge")
    assert made.returncode == 0, made.stderr

    # 1. Untouched: every example and placeholder is listed; strict check and build fail.
    checked = explainer(story, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.endswith(
        "; 22 warnings: examples or placeholders to replace, or a qualifier said twice\n"
    )
    # and two notices that the story names no byline or publisher (not counted: a story may
    # honestly have neither)
    assert len(checked.stderr.splitlines()) == 24
    assert explainer(story, "check", "--strict").returncode == 1
    assert run_mkdocs_build(story).returncode == 1

    # 2. Each example replaced with a real record; the narrative written, with a typo in it.
    for path in sorted((story / "site_data").glob("*.yaml")):
        replace_in(path, REPLACEMENTS)
    # ... and the byline and publisher the notices asked for, as the guide shows them.
    story_yaml = story / "site_data" / "story.yaml"
    story_yaml.write_text(
        story_yaml.read_text(encoding="utf-8").rstrip("\n")
        + "\n  authors:\n    - name: Rita Alves\n  publisher:\n    name: Riverside Gazette\n",
        encoding="utf-8",
    )
    index = story / "content" / "index.md"
    index.write_text(CONTENT.format(figure="daily-crosings"), encoding="utf-8")
    checked = explainer(story, "check")
    assert checked.returncode == 1
    assert checked.stderr == (
        f"content/index.md:{line_col(index, '[[figure:daily-crosings]]')}: "
        "[[figure:daily-crosings]]: unknown figure 'daily-crosings' "
        "(did you mean 'daily-crossings'?)\n1 problem found\n"
    )
    index.write_text(CONTENT.format(figure="daily-crossings"), encoding="utf-8")

    # 3. Nothing left to replace: both pass.
    checked = explainer(story, "check", "--strict")
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == (
        "site_data: ok (1 sources, 1 actors, 1 events, 1 figures, 1 quotes, 1 questions, "
        "1 positions, 1 updates)\n"
    )
    build = run_mkdocs_build(story, "site.check")
    build.assert_ok()
    assert "WARNING" not in build.output, build.output
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert "<title>Riverside bridge</title>" in home
    assert "Replace with" not in home and "example-" not in home

    # 4. Served on the port asked for; the same port again is refused in one line.
    port = free_port()
    with serving(story, port, tmp_path / "serve.log") as server:
        url = f"http://127.0.0.1:{port}/"
        again = subprocess.run(
            make(story, "serve", f"PORT={port}"),
            cwd=story,
            env=build_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert again.returncode != 0
        assert re.fullmatch(
            rf"explainer: cannot serve on 127\.0\.0\.1:{port}: Address already in use "
            r"\(another server\?\); try make serve PORT=\d+\n",
            again.stderr.splitlines(keepends=True)[0],
        ), again.stderr

        # 5. An edit to the data and one to the narrative, each seen served.
        events = story / "site_data" / "events.yaml"
        replace_in(
            events,
            [("title: The council votes to close the old bridge", "title: Bridge shut at dawn")],
        )
        wait_for(
            "the edited event title on /timeline/",
            lambda: "Bridge shut at dawn" in fetch(url + "timeline/")[1],
            timeout=60,
        )
        replace_in(index, [("Still open:", "Nobody knows yet:")])
        wait_for(
            "the edited narrative on /", lambda: "Nobody knows yet:" in fetch(url)[1], timeout=60
        )
        assert server.poll() is None
    log = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log
    assert f"Serving on http://127.0.0.1:{port}/" in log


def test_make_serve_port_in_this_repository(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    shutil.copy2(REPO / "Makefile", root / "Makefile")
    port = free_port()
    with serving(root, port, tmp_path / "serve.log"):
        status, page = fetch(f"http://127.0.0.1:{port}/timeline/")
        assert status == 200 and "Timeline" in page


def test_a_new_story_installs_the_generator_from_a_built_wheel(tmp_path: Path) -> None:
    """requirements.txt holds an ordinary pip requirement: here, a wheel built from this
    checkout (copied, so the build writes nothing into the repository)."""
    wheel = build_wheel(tmp_path)
    story = tmp_path / "story"
    requirement = f"explainer[mkdocs] @ {wheel.as_uri()}"
    made = explainer(tmp_path, "new", str(story), "--generator", requirement)
    assert made.returncode == 0, made.stderr

    setup = subprocess.run(
        ["make", "--no-print-directory", f"PYTHON={sys.executable}", "check"],
        cwd=story,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "site_data: ok (1 sources," in setup.stdout
    installed = subprocess.run(
        [str(story / ".venv" / "bin" / "python"), "-m", "pip", "freeze"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert any(line.startswith(f"explainer @ {wheel.as_uri()}#sha256=") for line in installed)
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
    for name in ("mkdocs", "mkdocs-material", "pydantic"):
        pinned = next(line for line in lock if line.lower().startswith(f"{name}=="))
        assert pinned in installed, name
