"""The MkDocs plugin's events on a small project: problems stop ``on_config``, before MkDocs
empties the site folder, and under ``mkdocs serve`` they become the error page."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, get_files

MKDOCS_YML = """\
site_name: Test
docs_dir: content
plugins:
  - explainer
"""


@pytest.fixture
def project(story_copy: Path) -> Path:
    """mkdocs.yml, the minimal story in site_data/ and one content page."""
    root = story_copy.parent
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# The bridge\n", encoding="utf-8")
    return root


def configure(root: Path, command: Literal["build", "serve"] = "build") -> MkDocsConfig:
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    return config.plugins.on_config(config)


def build_problems(root: Path) -> list[str]:
    with pytest.raises(PluginError) as caught:
        configure(root)
    return str(caught.value).splitlines()


def test_a_good_project_configures(project: Path) -> None:
    configure(project)


def test_a_content_page_that_is_not_utf8_stops_on_config(project: Path) -> None:
    (project / "content" / "index.md").write_bytes(b"# Caf\xe9\n")
    assert build_problems(project) == [
        "the story data has problems:",
        "content/index.md:1:6: invalid UTF-8 byte 0xe9; save the file as UTF-8",
    ]


def test_content_at_a_generated_path_stops_on_config(project: Path) -> None:
    (project / "content" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    (project / "content" / "players").mkdir()
    (project / "content" / "players" / "ines-lima.md").write_text("# Mine\n", encoding="utf-8")
    (project / "content" / "feed.xml").write_text("<feed/>\n", encoding="utf-8")
    assert build_problems(project) == [
        "the story data has problems:",
        "content/feed.xml:1:1: the generator writes this file; rename or move it",
        "content/players/ines-lima.md:1:1: the generator writes this page; rename or move it",
        "content/timeline.md:1:1: the generator writes this page; rename or move it",
    ]


def test_under_serve_a_clash_is_the_error_page(project: Path) -> None:
    (project / "content" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    config = configure(project, "serve")
    files: Files = config.plugins.on_files(get_files(config), config=config)
    index = files.get_file_from_path("index.md")
    assert index is not None and index.generated_by is not None
    assert "content/timeline.md:1:1" in index.content_string


def test_a_clashing_file_added_after_a_good_build_is_found_on_the_next_run(project: Path) -> None:
    """`mkdocs serve` keeps the build cached: a new content/feed.xml must still be noticed."""
    from generator.pipeline import StoryBuild

    builder = StoryBuild(project / "site_data", project / "content", display_root=project)
    assert builder.run().ok
    (project / "content" / "feed.xml").write_text("<feed/>\n", encoding="utf-8")
    assert [str(d) for d in builder.run().diagnostics] == [
        "content/feed.xml:1:1: the generator writes this file; rename or move it"
    ]


def test_a_site_url_that_is_not_http_stops_on_config(project: Path) -> None:
    """MkDocs accepts ftp://host/; the feed, embed code and JSON-LD need an http(s) address."""
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as handle:
        handle.write("site_url: ftp://host/\n")
    assert build_problems(project) == [
        "mkdocs.yml: site_url must be an http(s) address, got 'ftp://host/'"
    ]
