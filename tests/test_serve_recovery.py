"""Both dev servers recover (issue 32, item 5): a data file replaced by a folder and back, and a
save that keeps the file's size and modification time (``cp -p``, ``rsync -t``).

Meanwhile the pages say what is wrong (``missing file``, then ``a folder, not a regular file``);
once the file is back the site is whole again within a second (plus the rebuild: a bound of a few
seconds here, as the machine is shared; the figures measured are in the report). The first test
runs ``explainer serve``'s watcher and render without a server; the others start the real
``mkdocs serve`` and ``explainer serve`` on the minimal story, on a free port, and stop them by
their pid.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support import BIN, fetch, serving, small_project

from generator.engines.devserver.server import DevServer

QUESTION = "Should the town pay for the footbridge?"
SAME_SIZE = "Should the city pay for the footbridge?"
# As the error page shows them: the place in <code>, then the message.
MISSING = "site_data/questions.yaml:1:1 missing file; expected site_data/questions.yaml"
FOLDER = "site_data/questions.yaml:1:1 a folder, not a regular file"


def shown(markup: str) -> str:
    """The words a reader sees: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture
def project(story_copy: Path) -> Path:
    return small_project(story_copy)


def save_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` (as long) in ``path`` as `cp -p` does: same size, same mtime."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    copy = path.with_name(path.name + ".copy")
    copy.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))
    subprocess.run(["cp", "-p", str(copy), str(path)], check=True, timeout=30)
    copy.unlink()
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def replace_folder_by_file(path: Path, kept: Path) -> None:
    """The folder goes and the file comes back (as it was, size and time) in one quick step."""
    path.rmdir()
    subprocess.run(["cp", "-p", str(kept), str(path)], check=True, timeout=30)


# --- explainer serve's watcher, without a server -------------------------------------------------


def test_explainer_serve_sees_a_folder_and_a_save_that_keeps_size_and_time(
    project: Path, tmp_path: Path
) -> None:
    server = DevServer(project / "mkdocs.yml", project / "build" / "serve", log=lambda _: None)
    home = project / "build" / "serve" / "docs" / "index.md"
    questions = project / "site_data" / "questions.yaml"
    kept = tmp_path / "questions.yaml"
    shutil.copy2(questions, kept)
    assert server.refresh() and server.changed()  # the first look takes in every file
    assert not server.changed()

    questions.unlink()
    assert server.changed() and not server.refresh()
    assert MISSING in shown(home.read_text(encoding="utf-8"))
    questions.mkdir()
    assert server.changed(), "a folder where the file was went unseen"
    assert not server.refresh()
    assert FOLDER in shown(home.read_text(encoding="utf-8"))
    replace_folder_by_file(questions, kept)
    assert server.changed() and server.refresh()

    save_keeping_size_and_time(questions, QUESTION, SAME_SIZE)
    assert server.changed(), "a save that keeps size and mtime went unseen"
    assert server.refresh()
    stances = (project / "build" / "serve" / "docs" / "stances.md").read_text(encoding="utf-8")
    assert SAME_SIZE in stances and QUESTION not in stances


# --- the real servers ----------------------------------------------------------------------------


def _text(url: str) -> str:
    status, body = fetch(url)
    return f"{status} {shown(body)}"


def _until(what: str, check: Callable[[], bool], log: Path, timeout: float) -> float:
    """Seconds until ``check`` holds; fails after ``timeout`` with the server's log."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if check():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout} s\n{log.read_text(errors='replace')}")


SERVERS = {
    "mkdocs serve": [str(BIN / "mkdocs"), "serve"],
    "explainer serve": [str(BIN / "explainer"), "serve"],
}

RECOVERY_SECONDS = 4.0
"""The file's return to the whole site served again: its detection within a second, then the
rebuild (MkDocs rebuilds every page; the machine is shared)."""


@pytest.mark.slow
@pytest.mark.parametrize("name", SERVERS)
def test_the_server_recovers_from_a_folder_and_sees_every_save(
    project: Path, tmp_path: Path, name: str
) -> None:
    questions = project / "site_data" / "questions.yaml"
    kept = tmp_path / "questions.yaml"
    shutil.copy2(questions, kept)
    log = tmp_path / "serve.log"
    with serving(SERVERS[name], project, log) as served:
        home, stances = served.url, served.url + "stances/"

        def says(words: str, page: str = home) -> Callable[[], bool]:
            return lambda: words in _text(page)

        _until("the stances", says(QUESTION, stances), log, 30)
        questions.unlink()
        _until("the missing file said", says(MISSING), log, 10)
        questions.mkdir()
        _until("the folder said", says(FOLDER), log, 10)
        replace_folder_by_file(questions, kept)
        back = _until("the site back", says(QUESTION, stances), log, RECOVERY_SECONDS)

        save_keeping_size_and_time(questions, QUESTION, SAME_SIZE)
        seen = _until("the save", says(SAME_SIZE, stances), log, RECOVERY_SECONDS)
        print(f"{name}: site back {back:.2f} s after the file's return, a cp -p save {seen:.2f} s")
