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
