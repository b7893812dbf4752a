"""Every story under examples/ builds with --strict, checks clean and holds to its sources.

The second real story, examples/surfside-collapse/, is the proof of the developing-story
features: its figures page must show each quantity with its history and the headline by its
rule, a denied claim must show its status wherever it appears, and dates their precision.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import MKDOCS, REPO, build_env

EXAMPLES = sorted(path.parent for path in (REPO / "examples").glob("*/mkdocs.yml"))
SURFSIDE = REPO / "examples" / "surfside-collapse"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=build_env(), capture_output=True, text=True, timeout=600, check=False
    )


def test_there_is_a_second_story() -> None:
    assert SURFSIDE in EXAMPLES


@pytest.mark.parametrize("story", EXAMPLES, ids=lambda p: p.name)
def test_checks_and_verifies_every_source(story: Path) -> None:
    check = run([sys.executable, "-m", "generator.cli", "check", "site_data"], story)
    assert check.returncode == 0, check.stderr
    verify = run([sys.executable, "-m", "generator.cli", "verify", "--all"], story)
    assert verify.returncode == 0, verify.stderr
    sources = len(
        re.findall(r"^  - id: ", (story / "site_data/sources.yaml").read_text("utf-8"), re.M)
    )
    assert len(verify.stdout.splitlines()) == sources


@pytest.fixture(scope="module")
def surfside_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("surfside") / "site"
    result = run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], SURFSIDE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    return site


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_figures_show_history_headline_rule_and_qualifiers(surfside_site: Path) -> None:
    figures = page(surfside_site, "figures")
    deaths = figures[figures.index('id="figure-deaths"') :]
    deaths = deaths[: deaths.index('class="fact fact--figure', 1)]
    assert "Editor’s choice: " in deaths  # its declared rule, with the editor's reason
    assert deaths.count('<tr id="report-') >= 5  # the whole history, a row per report
    assert "figure-history__headline" in deaths
    assert "at least" in figures and "more than" in figures  # qualifiers as the sources give


def test_a_denied_claim_shows_its_status_on_every_page(surfside_site: Path) -> None:
    denied = 'class="label label--status label--denied"'
    for path in ("timeline", "stances", "players/raide-jadallah", ""):
        assert denied in (
            page(surfside_site, path) if path else (surfside_site / "index.html").read_text("utf-8")
        ), path
    matrix = page(surfside_site, "stances")
    cells = re.findall(r'<td class="stance (stance--[a-z]+)"((?:(?!</td>).)*)</td>', matrix, re.S)
    denied_cell = [c for c, body in cells if "#position-media-accounts-heard-people" in body]
    assert denied_cell == ["stance--contested"]  # no green tick for a denied claim


def test_dates_show_their_precision(surfside_site: Path) -> None:
    timeline = page(surfside_site, "timeline")
    assert "inferred by the editor: " in timeline
    assert "counted from the source’s publication date" in timeline
    assert re.search(r"</time> to <time datetime=\"2021-06-25\">", timeline)  # a span of days


def test_the_changing_toll_has_a_chart_kept_out_of_search(surfside_site: Path) -> None:
    figures = page(surfside_site, "figures")
    assert figures.count('<svg class="figure-chart__plot"') == 2  # the dead and the missing
    assert (
        '<title id="chart-deaths-title">Confirmed deaths: every report over time</title>'
    ) in figures
    # the event marks' links, written to timeline.md, resolved to the built page's address
    assert 'href="../timeline/#event-collapse"' in figures
    assert 'href="timeline.md' not in figures
    embed = page(surfside_site, "embed/figures")
    assert 'href="../../timeline/#event-collapse"' in embed
    index = (surfside_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "People confirmed dead in the collapse" in index  # the card (its counts) is found
    assert "every report over time" not in index and "numbered events" not in index
