"""The ``explainer`` command: user problems are ``file:line:col`` lines and exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main


@pytest.fixture
def project(story_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the working directory) with a valid site_data/ and a content/ page."""
    root = story_copy.parent
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# The bridge\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def render(*args: str) -> int:
    return main(["render", "--data-dir", "site_data", "--content-dir", "content", *args])


def test_render_reports_a_content_page_that_is_not_utf8(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "index.md").write_bytes(b"# The bridge\n\nCaf\xe9\n")
    assert render("--out", "out") == 1
    assert capsys.readouterr().err == (
        "content/index.md:3:4: invalid UTF-8 byte 0xe9; save the file as UTF-8\n1 problem found\n"
    )
    assert not (project / "out").exists()


def test_render_reports_content_at_a_generated_path(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    (project / "content" / "data").mkdir()
    (project / "content" / "data" / "events.csv").write_text("id\n", encoding="utf-8")
    assert render("--out", "out") == 1
    assert capsys.readouterr().err == (
        "content/data/events.csv:1:1: the generator writes this file; rename or move it\n"
        "content/timeline.md:1:1: the generator writes this page; rename or move it\n"
        "2 problems found\n"
    )
    assert not (project / "out").exists()


def test_render_to_an_existing_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "out").write_text("not a folder\n", encoding="utf-8")
    assert render("--out", "out") == 1
    assert capsys.readouterr().err == "out: cannot write: File exists\n"


def test_render_writes_the_pages(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert render("--out", "out") == 0
    assert capsys.readouterr().out.startswith("wrote ")
    assert (project / "out" / "index.md").read_text(encoding="utf-8").startswith("# The bridge\n")
    assert (project / "out" / "timeline.md").is_file()


def test_render_refuses_a_site_url_that_is_not_http(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert render("--out", "out", "--site-url", "ftp://host/") == 1
    assert capsys.readouterr().err == "--site-url ftp://host/: expected an http(s) address\n"
    assert not (project / "out").exists()
