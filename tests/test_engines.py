"""The engines beside MkDocs 1.6: ProperDocs, the maintained continuation of MkDocs 1.x, runs
the plugin as it is and builds the shipped story as MkDocs does, the generator line aside.

(Zensical 0.0.70, which runs no MkDocs plugin, has its own tests: tests/test_zensical.py.)
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support import BIN, build_env, copy_project, shared_site, tree_digest

pytestmark = pytest.mark.slow

GENERATOR_LINE = re.compile(rb'\n *<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_shipped_story_as_mkdocs_does(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    mkdocs = shared_site(tmp_path_factory)
    mkdocs.assert_ok()
    root = copy_project(tmp_path / "project")
    done = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "--site-dir", "site"],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    proper = root / "site"
    assert sorted(tree_digest(proper)) == sorted(tree_digest(mkdocs.site))
    differing = [
        rel
        for rel, digest in tree_digest(proper).items()
        if tree_digest(mkdocs.site)[rel] != digest
    ]
    # Only the pages' generator line may differ ("mkdocs-ProperDocs 1.6.7, mkdocs-material-...").
    assert all(rel.endswith(".html") for rel in differing), differing
    for rel in differing:
        page, other = (proper / rel).read_bytes(), (mkdocs.site / rel).read_bytes()
        assert b'content="mkdocs-ProperDocs 1.6.7' in page, rel
        assert GENERATOR_LINE.sub(b"", page) == GENERATOR_LINE.sub(b"", other), rel
