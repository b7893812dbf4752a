"""An atomic publish (issue 32, item 4): at every moment a complete site is at ``site``.

``make build`` is killed at each step of its swap in turn, and run twice at once; so is
``make build-zensical`` (twice at once). The Makefile's own commands run, with two stand-ins:
``$(BIN)/mkdocs`` is a script that writes a small site whose every page names its build (the swap
is what is tested here; real builds are tested in test_build.py), and every rename, link, folder
made or removed at the top of the project, by ``mv`` or by Python, is a step at which the whole
``make`` can be killed (SIGKILL, no clean-up). After each run ``site`` must hold one build, whole:
the one before or the new one.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support import BIN, PROJECT_PARTS, REPO, build_env, copy_project

pytestmark = pytest.mark.slow

PAGES = ("index.html", "timeline/index.html", "assets/site.css", "404.html")
"""What the stand-in mkdocs writes, each file naming the build it belongs to."""

FAKE_MKDOCS = f"""\
#!{sys.executable}
# A stand-in for mkdocs build: each page names its build (BUILD_NAME); then, with a signals
# folder, says it is built and waits to be let go (two builds at once, in a chosen order).
import os, sys, time
from pathlib import Path
site = Path(sys.argv[sys.argv.index("--site-dir") + 1])
name = os.environ["BUILD_NAME"]
for page in {PAGES!r}:
    (site / page).parent.mkdir(parents=True, exist_ok=True)
    (site / page).write_text(f"built by {{name}}\\n", encoding="utf-8")
signals = os.environ.get("SIGNALS")
if signals:
    Path(signals, "built-" + name).touch()
    while not Path(signals, "go-" + name).exists():
        time.sleep(0.02)
"""

HOOKS = """\
# Loaded by every Python of the run (PYTHONPATH): each rename, link, unlink, mkdir or rmdir of a
# path at the top of the project or of its builds folder is a step; at step KILL_AT the whole
# make (its process group) is killed before the step is done.
import os, signal

_root = os.environ.get("KILL_ROOT")


def step(what):
    with open(os.environ["KILL_STEPS"], "a", encoding="utf-8") as log:
        log.write(what + "\\n")
    with open(os.environ["KILL_STEPS"], encoding="utf-8") as log:
        count = sum(1 for _ in log)
    if count == int(os.environ["KILL_AT"]):
        os.killpg(0, signal.SIGKILL)


def _counts(path):
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    parent = os.path.dirname(os.path.abspath(os.fsdecode(path)))
    return parent in (_root, os.path.join(_root, "site.builds"))


def _wrap(name):
    real = getattr(os, name)

    def wrapped(*args, **kwargs):
        paths = [a for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
        if "dir_fd" not in kwargs and any(_counts(a) for a in paths):
            step(f"{name} {' '.join(os.path.basename(os.fsdecode(a)) for a in paths)}")
        return real(*args, **kwargs)

    setattr(os, name, wrapped)


if _root:
    for _name in ("rename", "replace", "symlink", "unlink", "mkdir", "rmdir"):
        _wrap(_name)
"""

FAKE_MV = f"""\
#!{sys.executable}
# mv, with each move at the top of the project a step (see sitecustomize.py).
import os, sys
import sitecustomize
if any(sitecustomize._counts(arg) for arg in sys.argv[1:]):
    sitecustomize.step("mv " + " ".join(sys.argv[1:]))
os.execv("/bin/mv", ["mv", *sys.argv[1:]])
"""


REAPER = f"""\
#!{sys.executable}
# Runs make in a process group of its own and waits for it, then for every process it left:
# this process is their subreaper (a build killed with its group leaves orphans, which the
# container's first process may never reap).
# SIGTERM (the test ends early): the whole make is killed, then reaped as above.
import ctypes, os, signal, subprocess, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
child = subprocess.Popen(sys.argv[1:], start_new_session=True)
signal.signal(signal.SIGTERM, lambda *_: os.killpg(child.pid, signal.SIGKILL))
code = child.wait()
while True:
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
sys.exit(code if code >= 0 else 128 - code)
"""


def _script(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


@dataclass
class Rig:
    """A project with the Makefile and the stand-in tools; every make it started is stopped at
    the end of the test, whatever happened (a stand-in waits for its signal for ever)."""

    root: Path
    started: list[subprocess.Popen[str]] = field(default_factory=list)

    def make(self, target: str, name: str, **env: str) -> subprocess.Popen[str]:
        """``make TARGET`` with the stand-in tools, in a process group of its own (under the
        reaper, which outlives it)."""
        tools = self.root.parent / "tools"
        make = ["make", "--no-print-directory", f"BIN={tools}", "-o", "setup", target]
        process = subprocess.Popen(
            [str(tools / "reaper"), *make],
            cwd=self.root,
            env={**build_env(), "BUILD_NAME": name, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.started.append(process)
        return process

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
            process.communicate(timeout=60)


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    """A project with the Makefile, and tools/: the stand-in mkdocs beside the real python
    (make's BIN), and hooks/ with sitecustomize.py and mv."""
    root = copy_project(tmp_path / "project", (*PROJECT_PARTS, "Makefile"))
    tools = tmp_path / "tools"
    tools.mkdir()
    _script(tools / "python", f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    _script(tools / "mkdocs", FAKE_MKDOCS)
    _script(tools / "zensical", f'#!/bin/sh\nexec "{BIN / "zensical"}" "$@"\n')
    _script(tools / "reaper", REAPER)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HOOKS, encoding="utf-8")
    _script(hooks / "mv", FAKE_MV)
    rig = Rig(root)
    try:
        yield rig
    finally:
        rig.stop()


def finish(process: subprocess.Popen[str], timeout: float = 60) -> str:
    """Wait for ``process``; its output if it succeeded, else fail with it."""
    output = process.communicate(timeout=timeout)[0]
    assert process.returncode == 0, output
    return output


def site_of(root: Path) -> str | None:
    """The build ``site`` holds, if it holds one whole build (None: no site); fails on a part."""
    site = root / "site"
    if not site.exists():
        return None
    found = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    assert found == set(PAGES), f"a partial site: {sorted(found)}"
    names = {(site / page).read_text(encoding="utf-8") for page in PAGES}
    assert len(names) == 1, f"a site made of several builds: {names}"
    return names.pop().removeprefix("built by ").strip()


def test_killed_at_every_step_of_the_swap_a_whole_site_is_there(rig: Rig) -> None:
    root = rig.root
    hooks = root.parent / "hooks"
    finish(rig.make("build", "first"))
    assert site_of(root) == "first"
    before = "first"
    for kill_at in itertools.count(1):
        steps = root.parent / f"steps-{kill_at}"
        run = rig.make(
            "build",
            f"run-{kill_at}",
            PATH=f"{hooks}:{os.environ['PATH']}",
            PYTHONPATH=str(hooks),
            KILL_ROOT=str(root),
            KILL_AT=str(kill_at),
            KILL_STEPS=str(steps),
        )
        output = run.communicate(timeout=60)[0]
        taken = steps.read_text(encoding="utf-8").splitlines() if steps.exists() else []
        now = site_of(root)
        assert now in (before, f"run-{kill_at}"), (
            f"killed before step {kill_at} of {taken}: the site is {now!r}\n{output}"
        )
        if len(taken) < kill_at:  # the run ended before that step: it is done
            assert run.returncode == 0 and now == f"run-{kill_at}", output
            break
        before = now
    assert kill_at > 2, f"the swap took {taken}"  # several steps, each a place to be killed
    # What the killed runs left behind (their builds, their links) is gone after a good build.
    builds = sorted(p.name for p in (root / "site.builds").iterdir() if p.name != ".lock")
    assert builds == [os.readlink(root / "site").split("/")[-1]]


def test_two_builds_at_once_each_publish_a_whole_site(rig: Rig) -> None:
    """A finishes building, B starts and finishes building, then A swaps, then B: `site` is A's
    build, then B's, whole, and never missing. (Before: B emptied the one scratch folder A had
    built into, A published B's build, and B, finding nothing to move, left no site at all.)"""
    root = rig.root
    signals = root.parent / "signals"
    signals.mkdir()
    a = rig.make("build", "a", SIGNALS=str(signals))
    _wait_for(signals / "built-a", a)
    b = rig.make("build", "b", SIGNALS=str(signals))
    _wait_for(signals / "built-b", b)
    (signals / "go-a").touch()
    finish(a)
    assert site_of(root) == "a"
    (signals / "go-b").touch()
    finish(b)
    assert site_of(root) == "b"


def _wait_for(signal: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not signal.exists():
        if process.poll() is not None:
            raise AssertionError(f"it ended early:\n{process.communicate()[0]}")
        assert time.monotonic() < deadline, f"{signal.name} never came"
        time.sleep(0.02)


def test_two_zensical_builds_at_once_each_publish_a_whole_site(rig: Rig) -> None:
    """The same for `make build-zensical`, with the real Zensical held after its build: the
    second build waits for the first (both would empty build/zensical)."""
    root = rig.root
    signals = root.parent / "signals"
    signals.mkdir()
    tools = root.parent / "tools"
    _script(
        tools / "zensical",
        textwrap.dedent(
            f"""\
            #!/bin/sh
            "{BIN / "zensical"}" "$@" || exit $?
            touch "$SIGNALS/built-$BUILD_NAME"
            while [ ! -e "$SIGNALS/go-$BUILD_NAME" ]; do sleep 0.02; done
            """
        ),
    )
    a = rig.make("build-zensical", "a", SIGNALS=str(signals))
    _wait_for(signals / "built-a", a)
    b = rig.make("build-zensical", "b", SIGNALS=str(signals))
    time.sleep(1)  # B starts while A waits: B must not touch A's work folder
    (signals / "go-a").touch()
    finish(a, 120)
    first = _zensical_pages(root)
    _wait_for(signals / "built-b", b)
    assert _zensical_pages(root) == first  # A's site, whole, while B builds
    (signals / "go-b").touch()
    finish(b, 120)
    assert _zensical_pages(root) == first  # B's site: the same story, whole again
    builds = [p for p in (root / "site-zensical.builds").iterdir() if p.name != ".lock"]
    assert len(builds) == 1


def _zensical_pages(root: Path) -> list[str]:
    site = root / "site-zensical"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages and "timeline/index.html" in pages, pages
    return pages


def test_make_clean_removes_the_builds(rig: Rig) -> None:
    root = rig.root
    finish(rig.make("build", "one"))
    subprocess.run(["make", "-s", "-o", "setup", "clean"], cwd=root, check=True, timeout=60)
    assert not (root / "site").exists() and not (root / "site.builds").exists()


def test_the_published_site_is_readable_by_others(rig: Rig) -> None:
    """A web server runs as another user: the build folder is not mkdtemp's 0700."""
    root = rig.root
    finish(rig.make("build", "one"))
    mode = (root / "site").resolve().stat().st_mode & 0o777
    assert mode & 0o055 == 0o055, oct(mode)


def test_the_repository_ignores_the_published_links() -> None:
    """`site/` in .gitignore matches a folder only: the link `site` must be ignored too."""
    check = subprocess.run(
        ["git", "check-ignore", "--no-index", "site", "site.builds/1-x", "site-zensical"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert check.stdout.split() == ["site", "site.builds/1-x", "site-zensical"]


def test_a_story_made_by_explainer_new_publishes_the_same_way(tmp_path: Path) -> None:
    target = tmp_path / "story"
    subprocess.run([str(BIN / "explainer"), "new", str(target)], check=True, timeout=60)
    makefile = (target / "Makefile").read_text(encoding="utf-8")
    assert "-m generator.engines.publish --site-dir site" in makefile
    subprocess.run(["git", "init", "-q"], cwd=target, check=True, timeout=30)
    ignored = subprocess.run(
        ["git", "check-ignore", "site", "site.builds/1-x"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert ignored.stdout.split() == ["site", "site.builds/1-x"]
