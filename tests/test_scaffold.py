"""`explainer new DIR`: a new story that teaches, and says what is still to replace.

Each data file holds one valid example record (its id starts with ``example-``) with every field
described, ``story.yaml``, ``content/index.md`` and ``mkdocs.yml`` hold placeholders ("Replace
with ..."); ``explainer check`` lists each as a warning at its file and line, and strict checks
and builds fail until they are replaced (the replacing is walked in test_first_hour.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel
from support import BIN, REPO, build_env, build_wheel, run_mkdocs_build, tree_digest

from generator.cli import main
from generator.pages.examples import example, record_model
from generator.read.loader import load
from generator.schema import kinds
from generator.schema.annotations import nested_model
from generator.schema.kinds import FILE_MODELS
from generator.tools.newproject import ScaffoldError, scaffold

DAY = dt.date(2027, 1, 5)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    target = tmp_path / "story"
    scaffold(target, today=DAY)
    return target


def test_scaffold_writes_a_project(story: Path) -> None:
    for rel in (
        "mkdocs.yml",
        "Makefile",
        ".gitignore",
        "requirements.txt",
        "constraints.txt",
        "EDITORS.md",
        "content/index.md",
    ):
        assert (story / rel).is_file(), rel
    assert not (story / "examples").exists()
    # No copy of the generator's theme: the installed generator supplies it, so upgrading the
    # generator upgrades the story's look (generator/outputs/theme.py).
    assert not (story / "theme").exists()
    assert "\n  custom_dir:" not in (story / "mkdocs.yml").read_text(encoding="utf-8")
    for kind in FILE_MODELS:
        text = (story / "site_data" / f"{kind}.yaml").read_text(encoding="utf-8")
        assert (
            text.splitlines()[0] == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
        )
        schema = json.loads((story / "schema" / f"{kind}.schema.json").read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", kind
        assert schema["title"] == f"site_data/{kind}.yaml"
        assert schema["required"] == [kind]
        # story.yaml also says the version of its data format, above the story
        others = ["format"] if kind == "story" else []
        assert list(schema["properties"]) == [*others, kind]
    assert "published: 2027-01-05" in (story / "site_data" / "story.yaml").read_text("utf-8")
    assert (story / "constraints.txt").read_text("utf-8") == (REPO / "requirements.lock").read_text(
        "utf-8"
    )
    assert (story / "EDITORS.md").read_text("utf-8") == (REPO / "EDITORS.md").read_text("utf-8")


def test_the_generator_is_an_ordinary_requirement_not_a_path_in_the_makefile(story: Path) -> None:
    lines = (story / "requirements.txt").read_text(encoding="utf-8").splitlines()
    live = [line for line in lines if line and not line.startswith("#")]
    assert live == [f"explainer[mkdocs] @ {REPO.as_uri()}", "-c constraints.txt"]
    makefile = (story / "Makefile").read_text(encoding="utf-8")
    assert str(REPO) not in makefile
    assert (
        "\t$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt\n"
        in (makefile)
    )
    assert "$(STAMP): requirements.txt constraints.txt\n" in makefile
    assert "\nserve: setup\n\t@$(BIN)/explainer check-port $(PORT)\n" in makefile
    assert "\t$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)\n" in makefile
    assert "\nPORT ?= 8000\n" in makefile
    assert "\ntest: setup\n" in makefile
    assert "\t$(BIN)/explainer check --strict\n" in makefile


def test_another_generator_requirement(tmp_path: Path) -> None:
    wanted = "explainer[mkdocs] @ git+https://git.example.org/newsroom/explainer.git@v0.1.0"
    scaffold(tmp_path / "s", generator=wanted)
    text = (tmp_path / "s" / "requirements.txt").read_text(encoding="utf-8")
    assert f"\n{wanted}\n" in text and "file://" not in text.split("\n\n", 1)[1]


@pytest.mark.parametrize("title", ["The bridge vote", 'Q&A: "the vote" # 2', "Élysée, día 3"])
def test_the_title_is_the_site_name(tmp_path: Path, title: str) -> None:
    scaffold(tmp_path / "s", title=f"  {title} ")
    config = (tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in config.splitlines() if line.startswith("site_name:"))
    assert yaml.safe_load(line) == {"site_name": title}


@pytest.mark.parametrize("title", ["", "   ", "two\nlines", "tab\there"])
def test_a_title_that_is_not_one_line_is_refused(tmp_path: Path, title: str) -> None:
    with pytest.raises(ScaffoldError) as caught:
        scaffold(tmp_path / "s", title=title)
    assert str(caught.value) == (
        f"--title {title!r}: give the site's name on one line, e.g. --title 'The bridge vote'"
    )
    assert not (tmp_path / "s").exists()


# --- the examples ---------------------------------------------------------------------------


def test_the_examples_load_and_are_what_the_example_files_hold(story: Path) -> None:
    result = load(story / "site_data", display_root=story)
    assert result.diagnostics == []
    assert result.data is not None
    for kind in kinds.file_kinds():
        assert kind.file is not None
        records = result.data.records(kind)
        found = example(kind.file, DAY)
        assert found is not None, f"{kind.file} has no example"
        assert [r.model_dump(exclude_defaults=True) for r in records] == [
            kind.model.model_validate(found.record, strict=False).model_dump(exclude_defaults=True)
        ]
        assert records[0].id.startswith("example-")


def _shown(model: type[BaseModel], record: dict[str, Any], more: dict[str, Any]) -> set[str]:
    """Model.field of every field with an example value in ``record`` or ``more``."""
    shown = set()
    for name, info in model.model_fields.items():
        value = record.get(name, more.get(name))
        if value is None:
            continue
        shown.add(f"{model.__name__}.{name}")
        nested = nested_model(info.annotation)
        if nested is not None:
            extra = more.get(name)
            extra = extra if isinstance(extra, dict) else {}
            for item in value if isinstance(value, list) else [value]:
                shown |= _shown(nested, item, extra)
    return shown


def _every_field(model: type[BaseModel]) -> set[str]:
    fields = set()
    for name, info in model.model_fields.items():
        fields.add(f"{model.__name__}.{name}")
        nested = nested_model(info.annotation)
        if nested is not None:
            fields |= _every_field(nested)
    return fields


def test_every_field_of_every_kind_has_an_example() -> None:
    """A field added to the model fails here until an example shows it (in ``record``, or in
    ``more`` for an optional field the record leaves out; a nested record's field in one of
    the examples that hold it)."""
    wanted: set[str] = set()
    shown: set[str] = set()
    for file in FILE_MODELS:
        found = example(file, DAY)
        assert found is not None, f"generator/schema/examples/{file}.yaml is missing"
        wanted |= _every_field(record_model(file))
        shown |= _shown(record_model(file), found.record, found.more)
    assert sorted(wanted - shown) == []


def test_each_field_is_described_above_it(story: Path) -> None:
    text = (story / "site_data" / "events.yaml").read_text(encoding="utf-8")
    assert (
        "    # required, date (YYYY-MM-DD) or month (YYYY-MM) — When it happened: YYYY-MM-DD, or "
        "YYYY-MM when\n    # the source gives the month.\n    date: 2027-01-05\n"
    ) in text
    # an optional field the example leaves out: a commented-out line with an example value
    assert (
        "    # optional, id — If this is a reported claim rather than an established fact: who "
        "claims it.\n"
        "    # claimed_by: example-actor\n"
    ) in text
    assert max(len(line) for line in text.splitlines()) <= 100


def _line_of(path: Path, pattern: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if re.search(pattern, line))


def test_check_lists_every_example_and_placeholder(
    story: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(story)
    assert main(["check", "--strict"]) == 1
    strict = capsys.readouterr()
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert strict == captured
    warned = captured.err.splitlines()
    assert all(": warning: " in line for line in warned), warned
    places = [line.split(": warning: ")[0] for line in warned]

    expected = []
    for kind in kinds.file_kinds():
        path = story / "site_data" / f"{kind.file}.yaml"
        expected.append(f"site_data/{kind.file}.yaml:{_line_of(path, '- id: example-')}:5")
    sources = story / "site_data" / "sources.yaml"
    expected.append(f"site_data/sources.yaml:{_line_of(sources, '  - id: example-excerpt')}:9")
    figures = story / "site_data" / "figures.yaml"  # a figure's report is a record of its own
    expected.append(f"site_data/figures.yaml:{_line_of(figures, '  - id: example-report')}:9")
    story_yaml = story / "site_data" / "story.yaml"
    for field in ("headline", "standfirst"):
        expected.append(f"site_data/story.yaml:{_line_of(story_yaml, f'^  {field}: Replace')}:3")
    expected.append(f"mkdocs.yml:{_line_of(story / 'mkdocs.yml', '^site_name: ')}:12")
    for _ in ("authors", "publisher"):  # notices: the story names no byline, no publisher
        expected.append(f"site_data/story.yaml:{_line_of(story_yaml, '^story:')}:1")
    index = (story / "content" / "index.md").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(index, start=1):
        if "Replace with" in line:
            expected.append(f"content/index.md:{number}:{line.index('Replace with') + 1}")
        for match in re.finditer(r"\[\[\w+:example-[a-z-]+\]\]", line):
            expected.append(f"content/index.md:{number}:{match.start() + 1}")
    assert sorted(places) == sorted(expected)
    assert "site_data/events.yaml:9:5: warning: events[0].id: example event 'example-event' " in (
        captured.err
    )
    assert captured.out == (
        "site_data: ok (1 sources, 1 actors, 1 events, 1 figures, 1 quotes, 1 questions, "
        "1 positions, 1 updates); 23 warnings: examples or placeholders to replace, or a "
        "qualifier said twice\n"
    )


def test_a_kind_without_an_example_gets_an_empty_list(tmp_path: Path) -> None:
    """The toy kind of tests/toykind (places) is declared in one file: the new story has its
    data file, and it checks."""
    toy = REPO / "tests" / "toykind"
    env = {**build_env(), "PYTHONPATH": str(toy)}
    runner = [sys.executable, str(toy / "run_with_toy_kind.py"), "explainer"]
    made = subprocess.run(
        [*runner, "new", str(tmp_path / "s")], env=env, capture_output=True, text=True, timeout=60
    )
    assert made.returncode == 0, made.stderr
    places = (tmp_path / "s" / "site_data" / "places.yaml").read_text(encoding="utf-8")
    assert places.splitlines()[0] == "# yaml-language-server: $schema=../schema/places.schema.json"
    assert places.splitlines()[-1] == "places: []"
    checked = subprocess.run(
        [*runner, "check"], cwd=tmp_path / "s", env=env, capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stderr
    assert "0 places" in checked.stdout


# --- the folder -----------------------------------------------------------------------------


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
    assert main(["new", str(target), "--title", "The bridge vote"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"created {target} (") and out.endswith(
        f"next: cd {target} && make serve, then replace the examples "
        "(make check lists them; EDITORS.md says how)\n"
    )
    assert 'site_name: "The bridge vote"\n' in (target / "mkdocs.yml").read_text("utf-8")
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"explainer new: {target}: the folder is not empty; choose a new or empty folder "
        "(explainer new never overwrites files)\n"
    )


@pytest.mark.slow
def test_an_untouched_scaffold_fails_a_strict_build_and_keeps_the_site(tmp_path: Path) -> None:
    target = tmp_path / "story"
    subprocess.run([str(BIN / "explainer"), "new", str(target)], check=True, timeout=60)
    (target / "site").mkdir()
    (target / "site" / "index.html").write_text("the published site\n", encoding="utf-8")
    before = tree_digest(target / "site")

    build = run_mkdocs_build(target)
    assert build.returncode == 1, build.output
    assert "WARNING -  generator: site_data/events.yaml:9:5: warning: events[0].id: " in (
        build.output
    )
    assert "mkdocs.yml:3:12: warning: site_name: placeholder still in place" in build.output
    assert (
        "strict mode: 23 warnings above (examples or placeholders to replace, or a qualifier "
        "said twice); the site folder was not touched"
    ) in build.output
    assert tree_digest(target / "site") == before

    # Without --strict (as under make serve) the story builds, examples and all, and says so.
    loose = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--site-dir", "site.loose"],
        cwd=target,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert loose.returncode == 0, loose.stderr
    assert loose.stderr.count(": warning: ") == 23
    assert (target / "site.loose" / "guide" / "index.html").is_file()


@pytest.mark.slow
def test_explainer_new_works_from_an_installed_wheel(tmp_path: Path) -> None:
    """Installed from a wheel, with no checkout beside it: the generator carries its theme and
    templates, `explainer new` writes a story that names the wheel and pins what is installed."""
    wheel = build_wheel(tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next(venv.glob("lib/python*/site-packages"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The wheel's package first; its dependencies from this venv (which has no `generator` of
    # its own on sys.path: the checkout is installed in editable mode, through a finder).
    deps = next(BIN.parent.glob("lib/python*/site-packages"))
    env = {**build_env(), "PYTHONPATH": f"{site}:{deps}"}
    python = str(venv / "bin" / "python")
    where = subprocess.run(
        [python, "-c", "import generator.outputs.theme as t; print(t.__file__, t.THEME_DIR)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where[0].startswith(str(site)) and Path(where[1]) == site / "generator" / "theme"
    assert (site / "generator" / "theme" / "assets" / "explainer.css").is_file()
    done = subprocess.run(
        [python, "-m", "generator.cli", "new", "story", "--title", "The bridge vote"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    story = tmp_path / "story"
    assert not (story / "theme").exists()
    requirement = (story / "requirements.txt").read_text(encoding="utf-8")
    assert f"explainer[mkdocs] @ {wheel.as_uri()}" in requirement
    constraints = (story / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert constraints[0].startswith("# The versions installed beside the generator")
    assert "pydantic==" + metadata.version("pydantic") in constraints
    checked = subprocess.run(
        [python, "-m", "generator.cli", "check"],
        cwd=story,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
