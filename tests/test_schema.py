"""The committed JSON Schemas match the models; every field is described (the data reference)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel
from support import REPO

from generator.schema.jsonschema import JSON_SCHEMA_DIALECT, schema_text, write_schemas
from generator.schema.kinds import FILE_MODELS


@pytest.mark.parametrize("kind", list(FILE_MODELS))
def test_committed_schema_is_current(kind: str) -> None:
    path = REPO / "schema" / f"{kind}.schema.json"
    assert path.is_file(), f"{path} is missing: run `make schema`"
    assert path.read_text(encoding="utf-8") == schema_text(kind), (
        f"schema/{kind}.schema.json is out of date with generator/schema/model.py: "
        "run `make schema`"
    )


def test_schema_header() -> None:
    schema = json.loads(schema_text("quotes"))
    assert schema["$schema"] == JSON_SCHEMA_DIALECT
    assert schema["title"] == "site_data/quotes.yaml"
    assert schema["required"] == ["quotes"]
    assert schema["additionalProperties"] is False


def test_write_schemas(tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "out")
    assert [path.name for path in written] == [f"{kind}.schema.json" for kind in FILE_MODELS]
    text = written[0].read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert list(json.loads(text)) == sorted(json.loads(text))


def test_modelines_point_at_the_schemas() -> None:
    for data_dir in (REPO / "site_data", REPO / "tests" / "fixtures" / "minimal"):
        for kind in FILE_MODELS:
            first = (data_dir / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in get_args(annotation) for model in _models(argument)]


def _walk() -> tuple[list[str], set[str]]:
    """Every field of every model reachable from the file models: (undescribed, model names)."""
    missing: list[str] = []
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = list(FILE_MODELS.values())
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if not (info.description or "").strip():
                missing.append(f"{model.__name__}.{name}")
            todo.extend(_models(info.annotation))
    return sorted(missing), {model.__name__ for model in seen}


def test_every_field_has_a_description() -> None:
    """The data reference page is generated from these descriptions."""
    missing, _ = _walk()
    assert missing == [], f"fields without a description: {', '.join(missing)}"


def test_description_walk_reaches_nested_models() -> None:
    _, seen = _walk()
    nested = {"Story", "Source", "Excerpt", "Actor", "Event", "DateBasis", "Figure", "Quote"}
    assert nested | {"Question", "Position", "QuotesFile"} <= seen
