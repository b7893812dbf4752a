"""A deterministic synthetic story at k times the size of a real one, for the benchmark.

Every record of the kinds that grow with a story (``grows`` in :mod:`generator.schema.kinds`) is
repeated k times; copy 0 keeps its ids so hand-written pages still resolve, copy n gets the
suffix ``-n`` on its id and on every id it refers to. Sources, excerpts and questions are shared,
so quotes stay verbatim in their excerpts and the result validates like the original. The seed
only shuffles the order of the records (the renderer must sort them itself).
"""

from __future__ import annotations

import random
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.schema import kinds
from generator.schema.annotations import unwrap
from generator.schema.kinds import STORY_FILE, StoryData


def _copy_model(model: type[BaseModel], record: dict[str, Any], copy: int) -> dict[str, Any]:
    """Copy ``copy`` of a record of ``model`` (as plain data): its id, the ids of the records
    nested in it, and every id it refers to in a growing kind get the suffix ``-copy``
    (copy n of a record refers to copy n of its players; excerpts and questions are shared)."""
    out = dict(record)
    if "id" in out:
        out["id"] = _suffix(out["id"], copy)
    for name, info in model.model_fields.items():
        if name not in out:
            continue
        field = unwrap(info.annotation, info.metadata)
        value = out[name]
        if field.ref is not None and all(kinds.grows(k) for k in kinds.targets(field.ref.kind)):
            out[name] = [_suffix(v, copy) for v in value] if field.is_list else _suffix(value, copy)
        elif field.model is not None:
            nested = field.model
            if field.is_list:
                out[name] = [_copy_model(nested, item, copy) for item in value]
            else:
                out[name] = _copy_model(nested, value, copy)
    return out


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: editors' files have no anchors, neither should these."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_multi_representer(Enum, lambda dumper, value: dumper.represent_str(value.value))


def _suffix(value: str, copy: int) -> str:
    return value if copy == 0 else f"{value}-{copy}"


def scaled_records(data: StoryData, k: int, seed: int = 2015) -> dict[str, Any]:
    """The story's records as plain data, the growing kinds repeated k times."""
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    out[STORY_FILE] = data.story.model_dump(exclude_none=True)
    for kind in kinds.file_kinds():
        assert kind.file is not None
        records = [record.model_dump(exclude_none=True) for record in data.records(kind)]
        if kind.grows:
            records = [_copy_model(kind.model, r, copy) for copy in range(k) for r in records]
            rng.shuffle(records)
        out[kind.file] = records
    return out


def write_scaled_story(data: StoryData, k: int, out_dir: Path, seed: int = 2015) -> list[Path]:
    """Write site_data/ files for the story at scale k into out_dir; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, records in scaled_records(data, k, seed).items():
        path = out_dir / f"{kind}.yaml"
        text = yaml.dump({kind: records}, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        path.write_text(
            f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n{text}",
            encoding="utf-8",
        )
        written.append(path)
    return written
