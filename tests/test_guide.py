"""The editors' guide: every field of every kind, made from the model, so it cannot drift.

EDITORS.md (checked in, linked from the README) is what ``explainer guide`` writes; the site has
the same text as ``guide.md``, linked from the data reference page.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel
from support import REPO, build_env, load_golden_story

from generator.cli import main
from generator.pages.guide import guide_markdown
from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.schema.annotations import nested_model
from generator.schema.kinds import FILE_MODELS


def test_editors_md_is_what_the_model_makes() -> None:
    checked_in = (REPO / "EDITORS.md").read_text(encoding="utf-8")
    assert checked_in == guide_markdown(), (
        "EDITORS.md is out of date: run .venv/bin/explainer guide --out EDITORS.md"
    )


def _models(model: type[BaseModel]) -> list[type[BaseModel]]:
    found = [model]
    for info in model.model_fields.values():
        nested = nested_model(info.annotation)
        if nested is not None and nested not in found:
            found += [m for m in _models(nested) if m not in found]
    return found


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n")
    ends = [m.start() for m in re.finditer(rf"\n#{{1,{len(level)}}} ", text) if m.start() > start]
    return text[start : min(ends, default=len(text))]


def test_every_field_of_every_kind_has_a_row_with_its_description() -> None:
    text = guide_markdown()
    for kind, file_model in FILE_MODELS.items():
        info = file_model.model_fields[kind]
        section = _section(text, f"### `site_data/{kind}.yaml`")
        assert f"\n    {kind}:" in section, kind  # the example
        record = nested_model(info.annotation)
        assert record is not None
        for model in _models(record):
            table = _section(section, f"#### {model.__name__}")
            for name, field in model.model_fields.items():
                description = " ".join((field.description or "").split())
                required = "yes" if field.is_required() else "no"
                row = re.compile(rf"^\| `{name}` \| [^\n]* \| {required} \| (.*) \|$", re.M)
                match = row.search(table)
                assert match, f"{kind}: {model.__name__}.{name}"
                # < > & as entities: a description's archive/<id>.txt must not become an element
                escaped = html.escape(description, quote=False)
                assert match.group(1) == escaped.replace("|", "\\|")


def test_the_hand_written_parts_are_there() -> None:
    text = guide_markdown()
    for heading in (
        "## The first hour",
        "## Ids",
        "## Sources, excerpts and quotes",
        "## Dates",
        "## A worked update: the toll rose",
        "## Every field of every kind",
    ):
        assert f"\n{heading}\n" in text, heading
    assert "**An id is unique across all kinds**" in text
    for rule in ("stated", "day-month", "weekday", "caption", "publication"):
        assert f"\n- `{rule}`: " in text, rule


def test_a_kind_declared_in_one_file_is_in_the_guide(tmp_path: Path) -> None:
    """The toy kind (tests/toykind: places, and a place field on events) needs no guide edit."""
    toy = REPO / "tests" / "toykind"
    result = subprocess.run(
        [sys.executable, str(toy / "run_with_toy_kind.py"), "explainer", "guide"],
        env={**build_env(), "PYTHONPATH": str(toy)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    places = _section(result.stdout, "### `site_data/places.yaml`")
    assert "The places where things happened." in places
    assert "\n    places: []\n" in places  # no example for it yet
    assert "| `name` | text (at most 4,000 characters) | yes | The place's name. |" in places
    events = _section(result.stdout, "### `site_data/events.yaml`")
    assert "| `place` | id | no | Id of the place where it happened. |" in events


def test_the_site_has_it_and_the_data_reference_links_it() -> None:
    pages = {page.path: page for page in render_pages(Index(load_golden_story()))}
    guide = pages["guide.md"].markdown
    # out of the site's search (readers look for the story, not for how to edit it), then the
    # guide, then the footer of every page
    assert guide.startswith("---\nsearch:\n  exclude: true\n---\n\n" + guide_markdown(site=True))
    # the same guide, its field tables as HTML tables of the data reference's class (Material's
    # script leaves a table with a class alone: see the Lighthouse test)
    markdown_rows = guide_markdown().count("\n| `")
    assert markdown_rows > 100 and guide.count('<tr><th scope="row"><code>') == markdown_rows
    assert guide.count('<table class="field-table">') == guide_markdown().count(
        "| Field | Type |"
    ) + guide_markdown().count("| You write | Readers see |")
    assert "[editors’ guide](guide.md)" in pages["reference.md"].markdown


def test_cli_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "EDITORS.md"
    assert main(["guide", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8") == guide_markdown()
    missing = tmp_path / "missing" / "x.md"
    assert main(["guide", "--out", str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}: cannot write: No such file or directory\n"
