"""Shared fixtures: the minimal valid story, and an editable copy of it in a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import MINIMAL


@pytest.fixture
def minimal_dir() -> Path:
    """The minimal valid story (read-only: copy it before changing anything)."""
    return MINIMAL


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    """A copy of the minimal story at ``tmp_path/site_data``, free to break."""
    target = tmp_path / "site_data"
    shutil.copytree(MINIMAL, target)
    return target


Edit = Callable[[str, str, str], None]


@pytest.fixture
def edit(story_copy: Path) -> Edit:
    """``edit("quotes", old, new)``: replace the one occurrence of ``old`` in quotes.yaml."""

    def replace(kind: str, old: str, new: str) -> None:
        path = story_copy / f"{kind}.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return replace
