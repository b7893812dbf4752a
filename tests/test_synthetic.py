"""The benchmark's synthetic story: valid like the original, k times the growing records."""

from __future__ import annotations

from pathlib import Path

from support import REPO

from generator.read.loader import load_story
from generator.tools.synthetic import write_scaled_story


def test_scaled_story_validates_and_grows_k_times(tmp_path: Path) -> None:
    shipped = load_story(REPO / "site_data")
    write_scaled_story(shipped, 3, tmp_path / "k3")
    scaled = load_story(tmp_path / "k3")

    for kind in ("actors", "events", "figures", "quotes", "positions"):
        assert len(getattr(scaled, kind)) == 3 * len(getattr(shipped, kind)), kind
    for kind in ("sources", "questions"):
        assert len(getattr(scaled, kind)) == len(getattr(shipped, kind)), kind
    # Copy 0 keeps the shipped ids, so content/ references still resolve.
    assert {e.id for e in shipped.events} <= {e.id for e in scaled.events}


def test_same_seed_same_files(tmp_path: Path) -> None:
    shipped = load_story(REPO / "site_data")
    first = write_scaled_story(shipped, 2, tmp_path / "a", seed=7)
    second = write_scaled_story(shipped, 2, tmp_path / "b", seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = write_scaled_story(shipped, 2, tmp_path / "c", seed=8)
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
