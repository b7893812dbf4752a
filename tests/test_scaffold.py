"""`explainer new DIR`: a new story project that checks and builds as it is."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from support import BIN, REPO, run_mkdocs_build

from generator.cli import main
from generator.kinds import FILE_MODELS
from generator.newproject import ScaffoldError, scaffold


def test_scaffold_writes_a_project(tmp_path: Path) -> None:
    target = tmp_path / "story"
    scaffold(target, today=dt.date(2027, 1, 5))
    for rel in (
        "mkdocs.yml",
        "Makefile",
        ".gitignore",
        "content/index.md",
        "theme/main.html",
        "theme/embed.html",
        "theme/assets/explainer.css",
        "theme/assets/share.js",
    ):
        assert (target / rel).is_file(), rel
    for kind in FILE_MODELS:
        text = (target / "site_data" / f"{kind}.yaml").read_text(encoding="utf-8")
        assert (
            text.splitlines()[0] == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
        )
        schema = json.loads((target / "schema" / f"{kind}.schema.json").read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", kind
        assert schema["title"] == f"site_data/{kind}.yaml"
        assert schema["required"] == [kind] and list(schema["properties"]) == [kind]
        assert schema["additionalProperties"] is False
    story = (target / "site_data" / "story.yaml").read_text(encoding="utf-8")
    assert "published: 2027-01-05" in story and "@" not in story
    assert "headline: Replace with your source" in (
        target / "site_data" / "sources.yaml"
    ).read_text(encoding="utf-8")
    makefile = (target / "Makefile").read_text(encoding="utf-8")
    assert f"GENERATOR ?= {REPO}" in makefile
    assert "\nserve: setup\n" in makefile and "\ntest: setup\n" in makefile
    assert "\n\t$(BIN)/explainer check\n" in makefile
    assert "--strict" in makefile


@pytest.mark.parametrize("existing", ["file", "folder with a file"])
def test_refuses_a_non_empty_target(tmp_path: Path, existing: str) -> None:
    target = tmp_path / "story"
    if existing == "file":
        target.write_text("x", encoding="utf-8")
        message = f"{target}: exists and is not a folder; choose a new folder"
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
        message = (
            f"{target}: the folder is not empty; choose a new or empty folder "
            "(explainer new never overwrites files)"
        )
    with pytest.raises(ScaffoldError) as caught:
        scaffold(target)
    assert str(caught.value) == message
    if existing != "file":
        assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_cli_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "story"
    target.mkdir()  # an empty folder is fine
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"created {target} (") and out.endswith(
        "next: cd " + str(target) + " && make test\n"
    )
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"explainer new: {target}: the folder is not empty; choose a new or empty folder "
        "(explainer new never overwrites files)\n"
    )


@pytest.mark.slow
def test_scaffolded_project_checks_and_builds_strict(tmp_path: Path) -> None:
    target = tmp_path / "story"
    subprocess.run([str(BIN / "explainer"), "new", str(target)], check=True, timeout=60)
    check = subprocess.run(
        [str(BIN / "explainer"), "check"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("site_data: ok (1 sources, 0 actors")
    build = run_mkdocs_build(target)
    output = build.output
    assert build.returncode == 0, output
    assert "WARNING" not in output, output
    site = target / "site"
    for rel in (
        "index.html",
        "timeline/index.html",
        "updates/index.html",
        "embed/timeline/index.html",
        "feed.xml",
        "data/story.json",
    ):
        assert (site / rel).is_file(), rel
