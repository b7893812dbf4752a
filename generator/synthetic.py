"""A deterministic synthetic story at k times the size of a real one, for the benchmark.

Every record of the kinds that grow with a story (actors, events, figures, quotes, positions)
is repeated k times; copy 0 keeps its ids so hand-written pages still resolve, copy n gets the
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

from generator.model import FILE_MODELS, StoryData

GROWING_KINDS = ("actors", "events", "figures", "quotes", "positions")
# Fields that hold ids of records of a growing kind (excerpt and question ids are shared).
ACTOR_REFS = ("speaker", "actor", "claimed_by", "affiliation")


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: editors' files have no anchors, neither should these."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_multi_representer(Enum, lambda dumper, value: dumper.represent_str(value.value))


def _suffix(value: str, copy: int) -> str:
    return value if copy == 0 else f"{value}-{copy}"


def _copy_record(record: dict[str, Any], copy: int) -> dict[str, Any]:
    out = dict(record)
    out["id"] = _suffix(record["id"], copy)
    for key in ACTOR_REFS:
        if out.get(key):
            out[key] = _suffix(out[key], copy)
    if "actors" in out:
        out["actors"] = [_suffix(actor, copy) for actor in out["actors"]]
    return out


def scaled_records(data: StoryData, k: int, seed: int = 2015) -> dict[str, Any]:
    """The story's records as plain data, the growing kinds repeated k times."""
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    for kind in FILE_MODELS:
        value = getattr(data, kind)
        if kind == "story":
            out[kind] = value.model_dump(exclude_none=True)
            continue
        records = [record.model_dump(exclude_none=True) for record in value]
        if kind in GROWING_KINDS:
            records = [_copy_record(record, copy) for copy in range(k) for record in records]
            rng.shuffle(records)
        out[kind] = records
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
