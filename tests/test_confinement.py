"""Nothing outside the project is read into the site or a message (issue 32, item 1).

A story takes pull requests from outside the newsroom and CI builds them. A symbolic link in
``content/``, ``site_data/`` or the archive that leads out of the project (to a token, to
``/proc/self/environ``, to ``/etc``) is refused with ``file:line:col``, and so is anything that is
not a regular file (a named pipe, ``/dev/zero``), by ``explainer check``, both engines, both dev
servers and ``explainer verify``; a link inside the project is fine. Every run here that could
read or copy without end (the code before this was written did) runs in a child process with a
deadline and limits on the memory it may take and the size of a file it may write.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from support import BIN, FIXTURES, run_in, small_project

from generator.engines.devserver.server import DevServer

SECRET = "root:x:0:0:SECRET-TOKEN-32"
"""The text of the files outside the project: it must never reach a message or the site."""

OUTSIDE_LINK = (
    "a symbolic link leading outside the project (to {}); only files inside the project are read"
)


def _limits() -> None:
    """For the child: at most 2 GiB of memory and no file over 64 MiB written (the code before
    read /dev/zero until MemoryError and MkDocs copied it until the disk was full)."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``args`` in ``root``, bounded (a hang is a failure: TimeoutExpired)."""
    return run_in(root, *args, timeout=60, preexec_fn=_limits)


def explainer(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(root, sys.executable, "-m", "generator.cli", *args)


@pytest.fixture
def project(story_copy: Path) -> Path:
    """The minimal story with mkdocs.yml, a content page and the theme overrides, and beside
    the project a folder ``outside/`` holding a secret."""
    root = small_project(story_copy)
    outside = story_copy.parent / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "token.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "folder" / "passwd").write_text(SECRET + "\n", encoding="utf-8")
    return root


def plant_links(root: Path) -> Path:
    """Links out of the project in content/ and site_data/; returns the outside folder."""
    outside = (root.parent / "outside").resolve()
    content = root / "content"
    (content / "leak.md").symlink_to("../../outside/token.txt")
    (content / "env.txt").symlink_to("/proc/self/environ")
    (content / "zero.bin").symlink_to("/dev/zero")
    (content / "elsewhere").symlink_to(outside / "folder")
    questions = root / "site_data" / "questions.yaml"
    questions.unlink()
    questions.symlink_to("../../outside/token.txt")
    return outside


def expected_links(outside: Path) -> list[str]:
    return [
        f"content/elsewhere:1:1: {OUTSIDE_LINK.format(outside / 'folder')}",
        f"content/env.txt:1:1: {OUTSIDE_LINK.format('/proc/self/environ')}",
        f"content/leak.md:1:1: {OUTSIDE_LINK.format('../../outside/token.txt')}",
        f"content/zero.bin:1:1: {OUTSIDE_LINK.format('/dev/zero')}",
        f"site_data/questions.yaml:1:1: {OUTSIDE_LINK.format('../../outside/token.txt')}",
    ]


# --- explainer check ---------------------------------------------------------------------------


def test_check_refuses_every_link_out_of_the_project_and_quotes_none(project: Path) -> None:
    outside = plant_links(project)
    result = explainer(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected_links(outside), "5 problems found"]
    assert "SECRET" not in result.stdout + result.stderr


def test_check_refuses_named_pipes_among_the_content_files(project: Path) -> None:
    os.mkfifo(project / "content" / "pipe.md")
    os.mkfifo(project / "content" / "photo.jpg")  # a static file: copied, never read, until now
    result = explainer(project, "check")
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [
            "content/photo.jpg:1:1: a named pipe (FIFO), not a regular file",
            "content/pipe.md:1:1: a named pipe (FIFO), not a regular file",
            "2 problems found",
        ],
    )


def test_a_link_to_a_folder_that_holds_it_is_refused(project: Path) -> None:
    (project / "content" / "again").symlink_to("..")
    result = explainer(project, "check")
    assert result.stderr.splitlines() == [
        f"content/again:1:1: a symbolic link to a folder that holds it ({project.resolve()}): "
        "a loop",
        "1 problem found",
    ]


@pytest.mark.slow  # a build
def test_links_inside_the_project_are_fine_and_published(project: Path, tmp_path: Path) -> None:
    notes = project / "notes"
    notes.mkdir()
    (notes / "method.md").write_text("# Our method\n\nWe read every report twice.\n", "utf-8")
    (project / "content" / "method.md").symlink_to("../notes/method.md")
    (project / "content" / "notes").symlink_to("../notes")
    (project / "content" / "copy.js").symlink_to("../theme/assets/share.js")
    assert explainer(project, "check").returncode == 0
    site = tmp_path / "built"
    build = run(project, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site))
    assert build.returncode == 0, build.stderr
    assert "We read every report twice." in (site / "method" / "index.html").read_text("utf-8")
    assert "We read every report twice." in (site / "notes" / "method" / "index.html").read_text(
        "utf-8"
    )
    shared = (project / "theme" / "assets" / "share.js").read_bytes()
    assert (site / "copy.js").read_bytes() == shared


# --- the engines ---------------------------------------------------------------------------------


@pytest.mark.slow  # a build
def test_mkdocs_build_stops_before_reading_or_copying_and_keeps_the_site(project: Path) -> None:
    outside = plant_links(project)
    os.mkfifo(project / "content" / "pipe.bin")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the published site\n", encoding="utf-8")
    build = run(project, str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site")
    assert build.returncode == 1
    lines = build.stderr.splitlines()
    start = lines.index("ERROR   -  the story data has problems:")
    pipe = "content/pipe.bin:1:1: a named pipe (FIFO), not a regular file"
    assert lines[start + 1 : start + 7] == sorted([*expected_links(outside), pipe])
    assert "SECRET" not in build.stdout + build.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]


def test_mkdocs_serve_drops_what_it_may_not_publish(project: Path) -> None:
    """Under `mkdocs serve` the problems become the error page and the server goes on; MkDocs
    has walked content/ through the links already, so the plugin drops those files unread."""
    plant_links(project)
    (project / "content" / "again").symlink_to(".")
    os.mkfifo(project / "content" / "pipe.bin")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    from_content = sorted(f.src_uri for f in files if f.generated_by is None)
    assert [uri for uri in from_content if not uri.startswith("assets/")] == []
    index = files.get_file_from_path("index.md")
    assert index is not None and "content/zero.bin:1:1" in index.content_string


@pytest.mark.slow  # a build
def test_zensical_build_refuses_before_copying(project: Path) -> None:
    outside = plant_links(project)
    result = run(
        project,
        sys.executable,
        "-m",
        "generator.engines.zensical",
        "--work",
        "build/zensical",
        "--site-dir",
        "site-zensical",
        "--zensical",
        str(BIN / "zensical"),
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected_links(outside), "5 problems found"]
    assert not (project / "site-zensical").exists()
    assert not (project / "build" / "zensical" / "docs").exists()


def test_explainer_serve_shows_the_problems_and_copies_nothing_unsafe(project: Path) -> None:
    plant_links(project)
    os.mkfifo(project / "content" / "pipe.bin")
    (project / "content" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    server = DevServer(project / "mkdocs.yml", project / "build" / "serve", log=lambda _: None)
    assert server.refresh() is False  # Zensical is not started: only the docs folder is made
    docs = project / "build" / "serve" / "docs"
    published = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert published == ["index.md", "photo.jpg"]
    page = (docs / "index.md").read_text(encoding="utf-8")
    assert "content/zero.bin:1:1" in page and "content/pipe.bin:1:1" in page
    assert "SECRET" not in page


# --- explainer verify ----------------------------------------------------------------------------


@pytest.fixture
def verified(tmp_path: Path) -> Path:
    """The verify fixture, its archive in archive/ (where verify --all looks)."""
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "verify", root)
    (root / "archive").mkdir()
    shutil.move(root / "archive.txt", root / "archive" / "bridge-article.txt")
    return root


ARCHIVE = "archive/bridge-article.txt:1:1: cannot read the archived copy: "


def test_verify_all_refuses_an_archive_that_is_a_named_pipe(verified: Path) -> None:
    archive = verified / "archive" / "bridge-article.txt"
    archive.unlink()
    os.mkfifo(archive)  # waited for a writer for ever
    result = explainer(verified, "verify", "--all")
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [ARCHIVE + "a named pipe (FIFO), not a regular file", "1 problem found"],
    )


def test_verify_all_refuses_an_archive_that_leads_out(verified: Path) -> None:
    archive = verified / "archive" / "bridge-article.txt"
    archive.unlink()
    archive.symlink_to("/dev/zero")  # was read whole, until MemoryError
    result = explainer(verified, "verify", "--all")
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [ARCHIVE + OUTSIDE_LINK.format("/dev/zero"), "1 problem found"],
    )


def test_verify_all_refuses_a_content_page_that_leads_out(verified: Path) -> None:
    (verified / "content" / "zero.md").symlink_to("/dev/zero")  # was read whole too
    result = explainer(verified, "verify", "--all")
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        ["content/zero.md:1:1: " + OUTSIDE_LINK.format("/dev/zero"), "1 problem found"],
    )


def test_verify_reads_an_archive_the_user_names_outside_the_project(
    verified: Path, tmp_path: Path
) -> None:
    """CI holds the story to a copy kept outside it (../shared/story/source-article.txt)."""
    elsewhere = tmp_path / "elsewhere.txt"
    shutil.move(verified / "archive" / "bridge-article.txt", elsewhere)
    result = explainer(verified, "verify", "bridge-article", str(elsewhere))
    assert (result.returncode, result.stderr) == (0, "")
    os.mkfifo(verified / "pipe.txt")
    result = explainer(verified, "verify", "bridge-article", "pipe.txt")
    assert result.stderr.splitlines() == [
        "pipe.txt:1:1: cannot read the archived copy: a named pipe (FIFO), not a regular file",
        "1 problem found",
    ]
