"""JSON Schema of each data file kind, from the models, for YAML editors.

Each ``site_data/<kind>.yaml`` starts with the line
``# yaml-language-server: $schema=../schema/<kind>.schema.json``, so editors (VS Code's YAML
extension and others) complete and check fields as one types. The files under ``schema/`` are
generated (``make schema``) and committed; a test keeps them current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.schema.kinds import FILE_MODELS

__all__ = ["schema_dict", "schema_text", "write_schemas"]

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_dict(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``site_data/<kind>.yaml`` as a dict."""
    schema = FILE_MODELS[kind].model_json_schema(mode="validation")
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["title"] = f"site_data/{kind}.yaml"
    return schema


def schema_text(kind: str) -> str:
    """The text of ``schema/<kind>.schema.json``: sorted keys, two-space indent, final newline."""
    return json.dumps(schema_dict(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind into ``out_dir``; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_MODELS:
        path = out_dir / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8", newline="\n")
        written.append(path)
    return written
