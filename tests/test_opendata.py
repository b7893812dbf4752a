"""Open data: data/story.json (and its published JSON Schema) and one CSV file per record kind."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from support import REPO

from generator.outputs.opendata import (
    csv_files,
    data_files,
    safe_cell,
    story_schema_json,
)
from generator.pipeline import write_pages
from generator.read.loader import load_story
from generator.schema.kinds import StoryData, csv_kinds


@pytest.fixture(scope="module")
def shipped() -> StoryData:
    return load_story(REPO / "site_data")


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "UTF-8 with a byte-order mark, for spreadsheets"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_json_round_trips_into_the_model(shipped: StoryData, minimal_dir: Path) -> None:
    for data in (shipped, load_story(minimal_dir)):
        text = data_files(data)["data/story.json"]
        assert StoryData.model_validate_json(text) == data


def test_published_schema_is_the_models(shipped: StoryData) -> None:
    published = json.loads(data_files(shipped)["data/story.schema.json"])
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert published["title"] == "data/story.json"
    kinds = ["story", "sources", "actors", "events", "figures", "quotes", "questions"]
    assert published["required"] == [*kinds, "positions", "updates"]
    assert published["additionalProperties"] is False
    assert published["properties"]["figures"]["items"] == {"$ref": "#/$defs/Figure"}
    assert published["properties"]["story"]["$ref"] == "#/$defs/Story"
    quote = published["$defs"]["Quote"]
    assert quote["required"] == ["id", "text", "speaker", "extent", "cites"]
    assert quote["additionalProperties"] is False
    value = published["$defs"]["FigureReport"]["properties"]["value"]["anyOf"]
    # within 10^15 of zero (the data format's range for numbers)
    number = {"type": "number", "minimum": -(10**15), "maximum": 10**15}
    assert value == [number, {"type": "null"}]
    assert story_schema_json().endswith("}\n")


def _check(value: Any, node: dict[str, Any], defs: dict[str, Any]) -> None:
    """A small JSON Schema check: $ref, anyOf, type, properties, required, items, enum."""
    if "$ref" in node:
        _check(value, defs[node["$ref"].removeprefix("#/$defs/")], defs)
        return
    if "anyOf" in node:
        assert any(_fits(value, option, defs) for option in node["anyOf"]), (value, node)
        return
    kind = node.get("type")
    if kind == "object":
        assert isinstance(value, dict), value
        properties = node.get("properties", {})
        if node.get("additionalProperties") is False:
            assert set(value) <= set(properties), set(value) - set(properties)
        for name in node.get("required", []):
            assert name in value, (name, value)
        for name, item in value.items():
            if name in properties:
                _check(item, properties[name], defs)
    elif kind == "array":
        assert isinstance(value, list), value
        assert len(value) >= node.get("minItems", 0), node
        for item in value:
            _check(item, node["items"], defs)
    elif kind == "string":
        assert isinstance(value, str), value
        assert len(value) >= node.get("minLength", 0), node
        if "pattern" in node:
            assert re.search(node["pattern"], value), (node["pattern"], value)
    elif kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), value
    elif kind == "number":
        assert isinstance(value, int | float) and not isinstance(value, bool), value
    elif kind == "boolean":
        assert isinstance(value, bool), value
    elif kind == "null":
        assert value is None
    if "enum" in node:
        assert value in node["enum"], (value, node["enum"])
    if "const" in node:
        assert value == node["const"], (value, node["const"])


def _fits(value: Any, node: dict[str, Any], defs: dict[str, Any]) -> bool:
    try:
        _check(value, node, defs)
    except AssertionError:
        return False
    return True


def test_json_validates_against_the_published_schema(shipped: StoryData, minimal_dir: Path) -> None:
    """jsonschema is not installed: a small validator for the keywords pydantic's schema uses."""
    for data in (shipped, load_story(minimal_dir)):
        files = data_files(data)
        schema = json.loads(files["data/story.schema.json"])
        _check(json.loads(files["data/story.json"]), schema, schema["$defs"])
    schema = json.loads(data_files(shipped)["data/story.schema.json"])
    broken = json.loads(data_files(shipped)["data/story.json"])
    broken["events"][0]["id"] = "Not An Id"
    assert not _fits(broken, schema, schema["$defs"])
    del broken["updates"]
    assert not _fits(broken, schema, schema["$defs"])


def test_one_csv_per_kind_with_every_record(shipped: StoryData) -> None:
    files = csv_files(shipped)
    assert list(files) == csv_kinds()
    for kind in csv_kinds():
        rows = _rows(files[kind])
        if kind == "excerpts":
            expected = [e.id for s in shipped.sources for e in s.excerpts]
        elif kind == "reports":
            expected = [r.id for f in shipped.figures for r in f.reports]
        elif kind == "versions":
            expected = [v.id for s in shipped.sources for v in s.versions]
        elif kind == "statuses":
            assert rows == []  # the shipped story has no status history yet
            continue
        else:
            expected = [record.id for record in getattr(shipped, kind)]
        assert [row["id"] for row in rows] == expected, kind
    assert len(_rows(files["updates"])) == len(shipped.updates) >= 1


def test_csv_flattens_nested_and_list_fields(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    events = _rows(csv_files(data)["events"])
    assert list(events[0]) == [
        "id", "date", "date_end", "date_qualifier", "time", "utc_offset", "time_zone",
        "date_basis.rule", "date_basis.words", "date_basis.weekday", "date_basis.direction",
        "date_basis.days", "date_basis.event", "date_basis.reason", "other_dates", "title",
        "summary", "actors", "claimed_by", "status", "cites",
    ]  # fmt: skip
    vote = events[1]
    assert vote["other_dates"] == ""  # an event whose sources agree on its date
    assert vote["date_basis.rule"] == "weekday"
    assert vote["date_basis.weekday"] == "thursday"
    assert vote["claimed_by"] == "ines-lima"
    quotes = _rows(csv_files(data)["quotes"])
    assert "said_on_basis.rule" in quotes[0]
    sources = _rows(csv_files(data)["sources"])
    assert sources[0]["excerpts"] == ";".join(e.id for e in data.sources[0].excerpts)
    excerpts = _rows(csv_files(data)["excerpts"])
    assert {row["source"] for row in excerpts} == {data.sources[0].id}
    updates = _rows(csv_files(data)["updates"])
    assert updates[1]["facts"] == "official-cost"
    report = _rows(csv_files(data)["reports"])[0]
    assert [report[c] for c in ("figure", "qualifier", "value")] == ["bridge-cost", "about", "12"]
    assert _rows(csv_files(data)["figures"])[0]["reports"] == "bridge-cost-reported"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain = text", "plain = text"),
        ("", ""),
    ],
)
def test_formula_cells_are_defused(text: str, cell: str) -> None:
    assert safe_cell(text) == cell


def test_formula_injection_in_data_is_defused_in_every_csv(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    dumped = data.model_dump()
    dumped["events"][0]["summary"] = "=cmd|' /C calc'!A0"
    dumped["actors"][0]["aliases"] = ["@evil", "fine"]
    dumped["sources"][0]["excerpts"][0]["text"] = "+1+1"
    hostile = StoryData.model_validate(dumped)
    files = csv_files(hostile)
    assert _rows(files["events"])[0]["summary"] == "'=cmd|' /C calc'!A0"
    assert _rows(files["actors"])[0]["aliases"] == "'@evil;fine"
    assert _rows(files["excerpts"])[0]["text"] == "'+1+1"
    for kind, text in files.items():
        for row in _rows(text):
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@")), (kind, value)


def test_a_leading_apostrophe_in_a_list_item_is_kept(minimal_dir: Path) -> None:
    """Only the guard's own apostrophe is ever added: a name's own one is data."""
    dumped = load_story(minimal_dir).model_dump()
    dumped["actors"][0]["aliases"] = ["'t Hooft", "Gerard 't Hooft"]
    dumped["actors"][1]["aliases"] = ["fine", "=1+1"]
    files = csv_files(StoryData.model_validate(dumped))
    assert [row["aliases"] for row in _rows(files["actors"])][:2] == [
        "'t Hooft;Gerard 't Hooft",
        "fine;=1+1",
    ]


def test_write_pages_writes_the_data_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_pages(REPO / "site_data", REPO / "content", out)
    story = StoryData.model_validate_json((out / "data" / "story.json").read_text("utf-8"))
    assert story == load_story(REPO / "site_data")
    assert (out / "data" / "story.schema.json").read_text("utf-8") == story_schema_json()
    for kind in csv_kinds():
        assert (out / "data" / f"{kind}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (out / "feed.xml").is_file()


def test_a_kept_csv_follows_an_edit_of_its_file_only(minimal_dir: Path, tmp_path: Path) -> None:
    # explainer serve reloads with a file cache: unchanged files keep their records, whose CSVs
    # are kept; the edited file's CSV must still show the edit.
    from generator.read.loader import FileCache, load

    data_dir = tmp_path / "site_data"
    shutil.copytree(minimal_dir, data_dir)
    cache: FileCache = {}
    first = load(data_dir, cache=cache).data
    assert first is not None
    before = csv_files(first)
    actors = data_dir / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("name: Inês Lima", "name: Inês Lima-Sousa"),
        encoding="utf-8",
    )
    second = load(data_dir, cache=cache).data
    assert second is not None
    after = csv_files(second)
    names = [row["name"] for row in _rows(after["actors"])]
    assert "Inês Lima-Sousa" in names
    assert "Inês Lima" not in names
    assert after["events"] == before["events"]
