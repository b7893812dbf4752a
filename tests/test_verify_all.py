"""`explainer verify --all`: every source against its archived copy, in one run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import FIXTURES, build_env

FIXTURE = FIXTURES / "verify"


def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    (root / "archive").mkdir()
    shutil.move(root / "archive.txt", root / "archive" / "bridge-article.txt")
    return root


def verify_all(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "verify", "--all"],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_source_is_verified_against_its_default_archive(tmp_path: Path) -> None:
    result = verify_all(project(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "bridge-article: 3 excerpts found verbatim; no run of 8+ words shared with our text\n"
    )


def test_a_source_archive_path_and_a_missing_archive(tmp_path: Path) -> None:
    root = project(tmp_path)
    shutil.move(root / "archive" / "bridge-article.txt", root / "copy.txt")
    result = verify_all(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "archive/bridge-article.txt:1:1: cannot read the archived copy: No such file or directory"
    )
    sources = root / "site_data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "    published: 2020-03-04\n", "    published: 2020-03-04\n    archive: copy.txt\n"
        ),
        encoding="utf-8",
    )
    assert verify_all(root).returncode == 0


def test_an_excerpt_missing_from_its_archive_is_located(tmp_path: Path) -> None:
    root = project(tmp_path)
    archive = root / "archive" / "bridge-article.txt"
    archive.write_text(archive.read_text(encoding="utf-8").replace("Monday", "Tuesday"), "utf-8")
    result = verify_all(root)
    assert result.returncode == 1
    assert "excerpt 'ex-vote' of 'bridge-article' not found verbatim in archive/" in result.stderr


def test_invalid_data_says_nothing_was_verified_and_no_more(tmp_path: Path) -> None:
    """On data that does not load, verify says so after the problems, and nothing else: not the
    byline notices `explainer check` prints about a story without authors (this one has none)."""
    root = project(tmp_path)
    quotes = root / "site_data" / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    quotes.write_text(text.replace("speaker: mayor", "speaker: mayr"), encoding="utf-8")
    result = verify_all(root)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "site_data/quotes.yaml:5:5: quotes[0].speaker: unknown actor 'mayr' "
        "(did you mean 'mayor'?)",
        "1 problem found",
        "nothing was verified: the story's data has problems (above); fix them and run "
        "explainer verify again",
    ]
