"""The versions of the data format: the schema cannot change shape without a new version, and
every version has its upgrade step and a fixture."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from support import FIXTURES

from generator.read.dataformat import found_format
from generator.read.upgrades import STEPS
from generator.schema.formats import CURRENT, FORMATS, shape_digest
from generator.schema.jsonschema import schema_dict
from generator.schema.kinds import FILE_MODELS


def _current_shape() -> str:
    return shape_digest({kind: schema_dict(kind) for kind in FILE_MODELS})


def test_the_json_schema_has_the_shape_recorded_for_the_current_version() -> None:
    assert _current_shape() == FORMATS[-1].shape, (
        "the data files' JSON Schema changed shape: a story written for format "
        f"{CURRENT} may no longer be read. Add a version to generator/schema/formats.py with "
        "its upgrade step (generator/read/upgrades/) and a fixture (tests/fixtures/formats/), "
        "and record the new shape there"
    )


def test_the_shape_ignores_words_and_sees_types() -> None:
    schema: dict[str, Any] = {
        "type": "object",
        "title": "Event",
        "description": "What happened.",
        "properties": {
            "title": {"type": "string", "description": "A headline."},
            "description": {"type": "string"},
        },
        "required": ["title"],
    }
    reworded = {
        **schema,
        "description": "What happened, in our words.",
        "properties": {
            "title": {"type": "string", "description": "A short headline."},
            "description": {"type": "string"},
        },
    }
    retyped = {**schema, "properties": {**schema["properties"], "title": {"type": "integer"}}}
    renamed = {**schema, "properties": {"headline": {"type": "string"}, "description": {}}}
    assert shape_digest({"events": reworded}) == shape_digest({"events": schema})
    assert shape_digest({"events": retyped}) != shape_digest({"events": schema})
    assert shape_digest({"events": renamed}) != shape_digest({"events": schema})
    # a field named like a schema word ("title", "description") is part of the shape
    dropped = {**schema, "properties": {"title": {"type": "string"}}}
    assert shape_digest({"events": dropped}) != shape_digest({"events": schema})


def test_every_version_is_reached_by_one_step() -> None:
    # Version 5 is another branch's, to be merged (issue 29's format is 6 until then): the
    # versions rise from 1, and a step leads from each to the next one listed.
    versions = [f.version for f in FORMATS]
    assert versions[0] == 1 and versions == sorted(set(versions)) and versions[-1] == CURRENT
    assert sorted(STEPS) == versions[:-1]
    assert all(STEPS[v].version == after for v, after in itertools.pairwise(versions))
    assert all(f.changes for f in FORMATS)


def test_every_earlier_version_has_a_fixture_from_history() -> None:
    folders = sorted(p for p in (FIXTURES / "formats").iterdir() if (p / "site_data").is_dir())
    found = {found_format(folder / "site_data").version for folder in folders}
    assert {f.version for f in FORMATS[:-1]} <= found, found


def test_a_story_with_no_figure_of_the_first_shape_is_format_2(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    data.mkdir()
    (data / "figures.yaml").write_text("figures:\n  - id: toll\n    reports: []\n", "utf-8")
    (data / "story.yaml").write_text("story:\n  headline: A\n", "utf-8")
    found = found_format(data)
    assert (found.version, found.stated) == (2, False)
    (data / "figures.yaml").write_text("figures:\n  - id: toll\n    value: 3\n", "utf-8")
    found = found_format(data)
    assert (found.version, found.why, found.line, found.col) == (
        1,
        "figures[0] has 'value'",
        3,
        5,
    )
    (data / "story.yaml").write_text("format: 2\nstory:\n  headline: A\n", "utf-8")
    assert found_format(data).version == 2 and found_format(data).stated
