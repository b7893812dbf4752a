"""Format 2 to format 3 (generator/read/upgrades/to_3_contested_numbers.py): each figure gets a
label made from its counts, and a report's one reporter becomes a list of one.

The fixture ``tests/fixtures/formats/reporters-format-2/`` is hand-made (the Surfside example as it
stood before versions has no figures, and the shipped story's have no reporters): three figures
whose counts make a label as they are, cut at a comma, and cut at a word with an ellipsis; three
reports with one reporter each, one with a comment on that line. The expected files are written
by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support import FIXTURES, run_explainer

from generator.read.upgrades.to_3_contested_numbers import label_from

FIXTURE = FIXTURES / "formats" / "reporters-format-2"

UPGRADED_FIGURES = """\
# yaml-language-server: $schema=../schema/figures.schema.json
# A hand-made story in format 2 (see ../README.md): reporters, and counts of each length.
figures:
  - id: bridge-cost
    label: What the footbridge could cost, by one official's estimate
    unit: million euros
    counts: What the footbridge could cost, by one official's estimate.
    reports:
      - id: bridge-cost-reported
        value: 12
        qualifier: about
        reported_by: [council-official]  # as the gazette attributes it
        cites: [ex-official]
  - id: yes-votes
    label: Councillors who voted for funding the footbridge at the meeting on the Thursday…
    unit: councillors
    unit_one: councillor
    counts: >-
      Councillors who voted for funding the footbridge at the meeting on the Thursday before the
      story ran. The mayor gave the count.
    reports:
      - id: yes-votes-reported
        value: 7
        reported_by: [ines-lima]
        cites: [ex-vote]
  - id: no-votes
    label: Councillors who voted against it
    unit: councillors
    unit_one: councillor
    counts: Councillors who voted against it, as the mayor gave the count to reporters on Thursday.
    reports:
      - id: no-votes-reported
        value: 2
        reported_by: [ines-lima]
        cites: [ex-vote]
"""
"""The fixture's figures.yaml in format 3, written by hand: comments, folding and key order as
they were; the first label is the counts without its full stop, the second's first sentence
(100 characters, no comma or colon) cut after the last whole word within 79 characters, the
third's (86 characters) cut at its comma."""


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(FIXTURE, root)
    return root


def _texts(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.yaml"))
    }


def test_the_hand_made_format_2_story_moves_to_format_3_and_checks(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = _texts(root)
    done = run_explainer(root, "upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote site_data/story.yaml",
        "wrote site_data/figures.yaml",
        "site_data: moved from format 2 to 6; next: explainer check",
    ]
    after = _texts(root)
    assert after["site_data/figures.yaml"] == UPGRADED_FIGURES
    assert after["site_data/story.yaml"] == before["site_data/story.yaml"].replace(
        "\nformat: 2\n", "\nformat: 6\n"
    )
    untouched = [p for p in before if p not in ("site_data/figures.yaml", "site_data/story.yaml")]
    assert {p: after[p] for p in untouched} == {p: before[p] for p in untouched}
    checked = run_explainer(root, "check", "site_data")
    assert checked.returncode == 0, checked.stderr
    again = run_explainer(root, "upgrade")
    assert (again.returncode, again.stdout) == (0, "site_data: nothing to change (format 6)\n")


def test_every_value_of_format_2_is_in_format_3(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "site_data" / "figures.yaml"
    old = yaml.safe_load(path.read_text(encoding="utf-8"))["figures"]
    assert run_explainer(root, "upgrade").returncode == 0
    new = yaml.safe_load(path.read_text(encoding="utf-8"))["figures"]
    for was, now in zip(old, new, strict=True):
        assert {k: v for k, v in now.items() if k not in ("label", "reports")} == {
            k: v for k, v in was.items() if k != "reports"
        }
        for report_was, report_now in zip(was["reports"], now["reports"], strict=True):
            assert report_now == {**report_was, "reported_by": [report_was["reported_by"]]}


def test_check_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = _texts(root)
    done = run_explainer(root, "upgrade", "--check")
    assert done.returncode == 1
    assert "+    label: Councillors who voted against it\n" in done.stdout
    assert "-        reported_by: ines-lima\n+        reported_by: [ines-lima]\n" in done.stdout
    assert done.stderr.endswith(
        "site_data: would move from format 2 to 6; run without --check to do it\n"
    )
    assert _texts(root) == before


def test_a_figure_with_no_counts_to_make_a_label_from_is_said_and_nothing_written(
    tmp_path: Path,
) -> None:
    root = _copy(tmp_path)
    path = root / "site_data" / "figures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    counts: What the footbridge could cost, by one official's estimate.\n", ""
        ),
        encoding="utf-8",
    )
    before = _texts(root)
    done = run_explainer(root, "upgrade")
    assert done.returncode == 1
    assert done.stderr.splitlines()[1:] == [
        "site_data/figures.yaml:4:5: figures[0]: format 3 gives each figure a label, made from "
        "its counts, and this figure has no counts text to make it from: add label: (a few "
        "words naming the number) and counts, then upgrade again",
        "1 problem: nothing written",
    ]
    assert _texts(root) == before


def test_a_label_the_editor_wrote_before_upgrading_is_kept(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "site_data" / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - id: yes-votes\n", "  - id: yes-votes\n    label: Votes for\n"), "utf-8"
    )
    assert run_explainer(root, "upgrade").returncode == 0
    assert "    label: Votes for\n    unit: councillors\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("counts", "label"),
    [
        ("People killed.", "People killed"),
        ("People not accounted for. The count can fall or rise.", "People not accounted for"),
        (
            'The article\'s "half a century": the span over which, it says, few publicly admitted '
            "clashes between Russia and a NATO country have been as serious as the jet downing.",
            'The article\'s "half a century"',
        ),
        ("Is it 12? Nobody says.", "Is it 12?"),
        ("  Folded\n  over   two lines.  ", "Folded over two lines"),
        # 80 characters exactly stay whole: a label may be that long
        ("A" * 40 + " " + "b" * 39 + ".", "A" * 40 + " " + "b" * 39),
        # one word longer than a label: cut inside it
        ("x" * 90, "x" * 79 + "…"),
    ],
)
def test_a_label_from_counts(counts: str, label: str) -> None:
    assert label_from(counts) == label
