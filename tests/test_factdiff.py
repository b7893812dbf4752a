"""No fact changed in silence: the comparison of the data with the published build's.

Each case edits a copy of the minimal story (``conftest.edit``) after its published version was
taken, then compares the two the way a build does (the published side as the open data's
``story.json``, the new side as the data folder, located in its YAML files). The expected lines
are written by hand from the fixture's files.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import MINIMAL, problems

from generator.cli import main
from generator.read.published import compare_sides, folder_side, json_side

Edit = Callable[[str, str, str], None]
NAME_IT = "name it in an update (a correction or a development)"


def published(folder: Path = MINIMAL) -> str:
    """A story's ``data/story.json`` (the open data's dump of the model), as a build publishes
    it."""
    return json.dumps(folder_side(folder).data, indent=2) + "\n"


@pytest.fixture
def before(story_copy: Path) -> str:
    return published(story_copy)


def lines(story_copy: Path, before: str) -> tuple[list[str], list[str]]:
    """(every change, the silent ones) of the copy against ``before``, as printed."""
    comparison = compare_sides(
        json_side(before, "site/data/story.json"), folder_side(story_copy, story_copy.parent)
    )
    return [str(line) for line in comparison.lines], [str(line) for line in comparison.silent]


def add_update(edit: Edit, entry: str) -> None:
    edit("updates", "    facts: [official-cost]\n", "    facts: [official-cost]\n" + entry)


def test_nothing_changed_says_nothing(story_copy: Path, before: str) -> None:
    assert lines(story_copy, before) == ([], [])


def test_a_changed_report_value_is_a_warning_at_its_line(
    story_copy: Path, before: str, edit: Edit
) -> None:
    edit("figures", "value: 12", "value: 14")
    expected = (
        "site_data/figures.yaml:8:9: figures[0].reports[0].value: changed from 12 to 14 since "
        f"the published build; {NAME_IT}"
    )
    assert lines(story_copy, before) == ([expected], [expected])


def test_an_update_that_names_the_figure_makes_it_pass(
    story_copy: Path, before: str, edit: Edit
) -> None:
    edit("figures", "value: 12", "value: 14")
    add_update(
        edit,
        "  - id: cost-revised\n    date: 2020-03-08\n    kind: correction\n"
        "    summary: The estimate was 14 million euros.\n    facts: [bridge-cost]\n",
    )
    assert lines(story_copy, before) == (
        [
            "site_data/figures.yaml:8:9: figures[0].reports[0].value: changed from 12 to 14 "
            "since the published build (named by update 'cost-revised')",
            "site_data/updates.yaml:12:5: updates[2]: update 'cost-revised' added since the "
            "published build",
        ],
        [],
    )


def test_an_update_published_before_does_not_name_a_new_change(
    story_copy: Path, before: str, edit: Edit
) -> None:
    """cost-corrected named official-cost when it was published; a new edit needs a new note."""
    edit("quotes", "context: The footbridge's cost.", "context: What the footbridge costs.")
    expected = (
        "site_data/quotes.yaml:18:5: quotes[1].context: changed from 'The footbridge''s cost.' "
        f"to 'What the footbridge costs.' since the published build; {NAME_IT}"
    )
    assert lines(story_copy, before)[1] == [expected]


def test_an_old_update_that_names_the_fact_only_now_counts(
    story_copy: Path, before: str, edit: Edit
) -> None:
    edit("events", "summary: Inês Lima tells", "summary: Inês Lima told")
    edit("updates", "facts: [official-cost]", "facts: [official-cost, mayor-remarks]")
    changes, silent = lines(story_copy, before)
    assert silent == []
    assert changes == [
        "site_data/events.yaml:9:5: events[0].summary: changed from 'Inês Lima tells reporters "
        "the footbridge would unite the town.' to 'Inês Lima told reporters the footbridge would "
        "unite the town.' since the published build (named by update 'cost-corrected')",
        "site_data/updates.yaml:11:5: updates[1].facts: added ['mayor-remarks'] since the "
        "published build",
    ]


def test_a_removed_fact_is_a_warning_until_an_update_names_it_removed(
    story_copy: Path, before: str, edit: Edit
) -> None:
    text = (story_copy / "events.yaml").read_text(encoding="utf-8")
    (story_copy / "events.yaml").write_text(text[: text.index("  - id: council-vote")], "utf-8")
    expected = (
        "site_data/events.yaml:2:1: events: event 'council-vote' removed since the published "
        "build; name it in an update's removed (a correction or a development)"
    )
    assert lines(story_copy, before) == ([expected], [expected])
    add_update(
        edit,
        "  - id: vote-withdrawn\n    date: 2020-03-08\n    kind: correction\n"
        "    summary: We took out the vote, which no record confirms.\n"
        "    removed: [council-vote]\n",
    )
    assert lines(story_copy, before)[1] == []


def test_a_removed_report_is_a_warning_at_its_list(
    story_copy: Path, before: str, edit: Edit
) -> None:
    edit(
        "figures",
        "    reports:\n",
        "    reports:\n      - id: bridge-cost-later\n        value: 13\n"
        "        cites: [ex-official]\n",
    )
    later = published(story_copy)
    edit(
        "figures",
        "      - id: bridge-cost-later\n        value: 13\n        cites: [ex-official]\n",
        "",
    )
    expected = (
        "site_data/figures.yaml:6:5: figures[0].reports: report 'bridge-cost-later' removed "
        f"since the published build; {NAME_IT}"
    )
    assert lines(story_copy, later) == ([expected], [expected])


def test_added_facts_and_steps_are_listed_not_warned(
    story_copy: Path, before: str, edit: Edit
) -> None:
    edit(
        "events",
        "    claimed_by: ines-lima\n",
        "    claimed_by: ines-lima\n    status:\n      - status: disputed\n"
        "        date: 2020-03-06\n        by: [council-official]\n        cites: [ex-official]\n",
    )
    edit(
        "figures",
        "        cites: [ex-official]\n",
        "        cites: [ex-official]\n      - id: bridge-cost-later\n        value: 13\n"
        "        cites: [ex-official]\n",
    )
    changes, silent = lines(story_copy, before)
    assert silent == []
    assert changes == [
        "site_data/events.yaml:24:9: events[1].status[0]: entry 1 of status added since the "
        "published build",
        "site_data/figures.yaml:11:9: figures[0].reports[1]: report 'bridge-cost-later' added "
        "since the published build",
    ]


def test_a_change_to_what_is_no_fact_is_listed_not_warned(
    story_copy: Path, before: str, edit: Edit
) -> None:
    edit("sources", "headline: Riverside backs", "headline: Riverside funds")
    changes, silent = lines(story_copy, before)
    assert silent == []
    assert changes == [
        "site_data/sources.yaml:4:5: sources[0].headline: changed from 'Riverside backs "
        "footbridge after long row' to 'Riverside funds footbridge after long row' since the "
        "published build"
    ]


def test_a_field_cleared_is_removed(story_copy: Path, before: str, edit: Edit) -> None:
    edit("quotes", "    said_where: to reporters\n", "")
    expected = (
        "site_data/quotes.yaml:3:5: quotes[0].said_where: removed since the published build "
        f"(it was 'to reporters'); {NAME_IT}"
    )
    assert lines(story_copy, before) == ([expected], [expected])


def test_an_older_published_format_without_a_field_compares_as_empty(
    story_copy: Path, before: str
) -> None:
    """A story.json written before ``removed`` (or any new list or optional field) existed."""
    old = json.loads(before)
    for update in old["updates"]:
        del update["removed"]
    for event in old["events"]:
        del event["status"], event["time"]
    assert lines(story_copy, json.dumps(old)) == ([], [])


def test_removed_may_not_name_a_record_still_there(story_copy: Path, edit: Edit) -> None:
    edit("updates", "facts: [official-cost]", "facts: [official-cost]\n    removed: [council-vote]")
    assert problems(story_copy) == [
        "site_data/updates.yaml:12:15: updates[1].removed[0]: 'council-vote' is still an event of "
        "the story; name it in facts, or take it out of its file"
    ]


# --- explainer diff ------------------------------------------------------------------------------


def test_explainer_diff_prints_the_same_and_exits_1_on_a_silent_change(
    story_copy: Path,
    edit: Edit,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = story_copy.parent
    monkeypatch.chdir(root)
    shutil.copytree(story_copy, root / "before")
    (root / "site" / "data").mkdir(parents=True)
    (root / "site" / "data" / "story.json").write_text(published(story_copy), encoding="utf-8")
    edit("figures", "value: 12", "value: 14")
    line = (
        "site_data/figures.yaml:8:9: figures[0].reports[0].value: changed from 12 to 14 since "
        f"the published build; {NAME_IT}\n"
    )
    summary = (
        "compared with the published build ({}): 0 added, 1 changed, 0 removed; 1 not named in "
        "an update\n"
    )
    for old in ("before", "site", "site/data/story.json"):
        assert main(["diff", old, "site_data"]) == 1
        out = capsys.readouterr()
        assert out.out == line
        assert out.err == summary.format(old if old == "before" else "site/data/story.json")
    assert main(["diff", "site", "site"]) == 0
    assert capsys.readouterr() == (
        "",
        summary.format("site/data/story.json").replace(
            "0 added, 1 changed, 0 removed; 1 not named in an update",
            "0 added, 0 changed, 0 removed",
        ),
    )


def test_explainer_diff_of_two_story_json_files_locates_in_the_new_one(
    story_copy: Path,
    edit: Edit,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.json").write_text(published(story_copy), encoding="utf-8")
    edit("figures", "value: 12", "value: 14")
    data = json.loads(published(story_copy))
    (tmp_path / "new.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    text = (tmp_path / "new.json").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if '"value": 14' in t)
    col = text[line - 1].index('"value"') + 1
    assert main(["diff", "old.json", "new.json"]) == 1
    assert capsys.readouterr().out == (
        f"new.json:{line}:{col}: figures[0].reports[0].value: changed from 12 to 14 since the "
        f"published build; {NAME_IT}\n"
    )


def test_explainer_diff_says_what_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.json").write_text("[1, 2]", encoding="utf-8")
    assert main(["diff", "old.json", str(MINIMAL)]) == 1
    assert capsys.readouterr().err == (
        "explainer diff: old.json: not a story's data/story.json (no 'story' record)\n"
    )
    assert main(["diff", "missing.json", str(MINIMAL)]) == 1
    assert capsys.readouterr().err == "explainer diff: missing.json: nothing there\n"
