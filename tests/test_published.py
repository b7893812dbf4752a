"""A build compares the data with the last published build's ``data/story.json``: the plugin's
``published`` (default ``site/data/story.json``, through a symbolic link too, or an http(s)
address), a strict build stops on a changed fact no update names, ``mkdocs serve`` says it once,
``explainer check --strict`` and the Zensical path fail on it too.

The end-to-end case (``make build`` twice over a copy of the project) is the issue's: a report's
value changed, the strict build fails with its line and leaves ``site/`` as it was; an update
naming the figure makes it pass; ``explainer diff`` says the same.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from support import BIN, build_env, copy_project, run_make
from validators.static_server import serve

from generator.cli import main
from generator.engines.zensical import main as zensical_main
from generator.read.published import folder_side

Edit = Callable[[str, str, str], None]
NAME_IT = "name it in an update (a correction or a development)"
CHANGED = (
    "site_data/figures.yaml:8:9: figures[0].reports[0].value: changed from 12 to 14 since the "
    f"published build; {NAME_IT}"
)
NAMED_UPDATE = (
    "  - id: cost-revised\n    date: 2020-03-08\n    kind: correction\n"
    "    summary: The estimate was 14 million euros.\n    facts: [bridge-cost]\n"
)


def publish(story: Path, site: Path) -> None:
    """Write ``story``'s data as a build publishes it, at ``site/data/story.json``."""
    (site / "data").mkdir(parents=True, exist_ok=True)
    data = json.dumps(folder_side(story).data, indent=2) + "\n"
    (site / "data" / "story.json").write_text(data, encoding="utf-8")


@pytest.fixture
def project(story_copy: Path) -> Path:
    """The minimal story with mkdocs.yml and a content page, published once in site/."""
    root = story_copy.parent
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# The bridge\n", encoding="utf-8")
    write_config(root)
    publish(story_copy, root / "site")
    return root


def write_config(root: Path, **plugin: str) -> None:
    options = "".join(f"\n      {key}: {json.dumps(value)}" for key, value in plugin.items())
    explainer = f"  - explainer:{options}" if plugin else "  - explainer"
    text = f"site_name: Test\ndocs_dir: content\nplugins:\n{explainer}\n"
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")


def configure(
    root: Path, command: Literal["build", "serve"] = "build", *, strict: bool = True
) -> MkDocsConfig:
    config = load_config(str(root / "mkdocs.yml"), strict=strict)
    config.plugins.on_startup(command=command, dirty=False)
    return config.plugins.on_config(config)


def said(caplog: pytest.LogCaptureFixture, level: int = logging.WARNING) -> list[str]:
    """What the plugin logged at ``level`` (without the logger's "generator: " prefix); the
    records are cleared."""
    lines = [
        r.getMessage().removeprefix("generator: ") for r in caplog.records if r.levelno == level
    ]
    caplog.clear()
    return lines


@pytest.fixture(autouse=True)
def _cwd(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)


def test_a_strict_build_stops_on_a_changed_fact_no_update_names(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    edit("figures", "value: 12", "value: 14")
    with pytest.raises(PluginError) as stopped:
        configure(project)
    assert str(stopped.value) == (
        "strict mode: 1 warning above (facts changed or removed since the published build that "
        "no update names); the site folder was not touched"
    )
    assert said(caplog) == [CHANGED]


def test_an_update_naming_the_figure_lets_it_pass(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    edit("figures", "value: 12", "value: 14")
    edit("updates", "    facts: [official-cost]\n", "    facts: [official-cost]\n" + NAMED_UPDATE)
    caplog.set_level(logging.INFO)
    configure(project)
    assert not any(r.levelno >= logging.WARNING for r in caplog.records)
    assert said(caplog, logging.INFO) == [
        "compared with the published build (site/data/story.json): 1 added, 1 changed, 0 removed",
        "site_data/figures.yaml:8:9: figures[0].reports[0].value: changed from 12 to 14 since "
        "the published build (named by update 'cost-revised')",
        "site_data/updates.yaml:12:5: updates[2]: update 'cost-revised' added since the "
        "published build",
    ]


def test_nothing_published_yet_is_no_warning(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "site" / "data" / "story.json").unlink()
    edit("figures", "value: 12", "value: 14")
    caplog.set_level(logging.INFO)
    configure(project)
    assert not any(r.levelno >= logging.WARNING for r in caplog.records)
    assert said(caplog, logging.INFO) == [
        "compared with no published build: nothing published at site/data/story.json yet"
    ]


def test_the_published_site_is_read_through_a_symbolic_link(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    """A site swapped in atomically may be ``site -> builds/<n>``: the link is followed."""
    (project / "builds").mkdir()
    (project / "site").rename(project / "builds" / "one")
    (project / "site").symlink_to(Path("builds") / "one", target_is_directory=True)
    edit("figures", "value: 12", "value: 14")
    with pytest.raises(PluginError):
        configure(project)
    assert said(caplog) == [CHANGED]


def test_the_published_build_may_be_an_address(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "site").rename(project / "online")
    edit("figures", "value: 12", "value: 14")
    with serve(project / "online") as base:  # a static host, as a published site is
        write_config(project, published=base + "data/story.json")
        with pytest.raises(PluginError):
            configure(project)
        assert said(caplog) == [CHANGED]
        write_config(project, published=base + "no/such/story.json")  # 404: nothing yet
        configure(project)
        assert said(caplog) == []


def test_an_unreadable_published_file_is_a_warning(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "site" / "data" / "story.json").write_text("<html>", encoding="utf-8")
    with pytest.raises(PluginError):
        configure(project)
    assert said(caplog) == [
        "site/data/story.json:1:1: warning: cannot compare with it: not JSON (Expecting value: "
        "line 1 column 1 (char 0))"
    ]


def test_published_empty_compares_with_nothing(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    write_config(project, published="")
    edit("figures", "value: 12", "value: 14")
    configure(project)
    assert said(caplog) == []


def test_serve_says_it_once_not_on_every_save(
    project: Path, edit: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    edit("figures", "value: 12", "value: 14")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config.plugins.on_config(config)
    assert said(caplog) == [CHANGED]
    (project / "content" / "index.md").write_text("# The footbridge\n", encoding="utf-8")
    config.plugins.on_config(config)  # a save that changes nothing about it
    assert said(caplog) == []
    edit("figures", "value: 14", "value: 15")
    config.plugins.on_config(config)
    assert said(caplog) == [CHANGED.replace("to 14", "to 15")]


def test_explainer_check_strict_fails_on_it(
    project: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit("figures", "value: 12", "value: 14")
    assert main(["check", "--strict"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert CHANGED in err
    assert err[0] == (
        "compared with the published build (site/data/story.json): 0 added, 1 changed, "
        "0 removed; 1 not named in an update"
    )
    assert main(["check"]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", "--published", ""]) == 0


# --- end to end: make build twice, then explainer diff ---------------------------------------


@pytest.mark.slow
def test_make_build_over_a_previous_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", ("mkdocs.yml", "content", "site_data", "theme"))
    (root / "Makefile").write_text(
        (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8"), "utf-8"
    )
    first = run_make(root, "build", "site")
    first.assert_ok()
    figures = root / "site_data" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 130", "value: 131"), "utf-8")
    line = (
        "site_data/figures.yaml:9:9: figures[0].reports[0].value: changed from 130 to 131 since "
        f"the published build; {NAME_IT}"
    )

    failed = run_make(root, "build", "site")
    assert failed.returncode != 0
    assert f"WARNING -  generator: {line}" in failed.output
    published = json.loads((root / "site" / "data" / "story.json").read_text("utf-8"))
    assert published["figures"][0]["reports"][0]["value"] == 130  # site/ as it was

    diff = subprocess.run(
        [str(BIN / "explainer"), "diff", "site", "site_data"],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert (diff.returncode, diff.stdout) == (1, line + "\n")

    updates = root / "site_data" / "updates.yaml"
    updates.write_text(
        updates.read_text("utf-8")
        + "  - id: paris-toll-corrected\n    date: 2026-11-27\n    kind: correction\n"
        "    summary: The toll of the Paris attacks was one too low.\n    facts: [paris-dead]\n",
        "utf-8",
    )
    passed = run_make(root, "build", "site")
    passed.assert_ok()
    assert "(named by update 'paris-toll-corrected')" in passed.output
    published = json.loads((root / "site" / "data" / "story.json").read_text("utf-8"))
    assert published["figures"][0]["reports"][0]["value"] == 131
    assert os.path.isdir(root / "site")


def test_build_zensical_stops_on_it_before_zensical_runs(
    project: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit("figures", "value: 12", "value: 14")
    args = ["--config", "mkdocs.yml", "--work", "build/z", "--site-dir", "site-z"]
    assert zensical_main([*args, "--zensical", "/bin/false"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "compared with the published build (site/data/story.json): 0 added, 1 changed, 0 "
        "removed; 1 not named in an update",
        CHANGED,
        "1 problem found",
    ]
    assert not (project / "site-z").exists()
    assert not (project / "build" / "z" / "docs").exists()  # nothing written
