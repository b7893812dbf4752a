"""`explainer upgrade`: stories of earlier versions of the data format move to the current one.

Fixtures from our own history (``tests/fixtures/formats/``, see its README): the shipped story
in the first format (as it stood at dd8e351, its data and its first narrative), the Surfside
example before versions existed (aba0927), and a story made by `explainer new` before the
generator supplied its own theme (with the copy of the theme it wrote). Each is upgraded and
then checked, verified and built --strict (the scaffold, with its examples, built without
--strict), and compared with what was checked by hand: the figures the shipped story's editors
wrote in format 2 themselves (27542c2) hold the same reports the upgrade writes. The hand-made
minimal story in format 4 moves to format 5 with only its version changed, and with a value
beyond format 5's limits is said at its place, nothing written.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import BIN, FIXTURES, REPO, build_env, run_explainer, run_mkdocs_build

from generator.cli import main
from generator.pipeline import StoryBuild
from generator.read.upgrades.documents import read_document

FORMATS = FIXTURES / "formats"
DATA_FILES = (
    "story",
    "sources",
    "actors",
    "events",
    "figures",
    "quotes",
    "questions",
    "positions",
    "updates",
)


def _copy(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(FORMATS / name, root)
    return root


def _texts(root: Path) -> dict[str, str]:
    """The story's own files (not a built site), by project-relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] not in ("site", ".cache")
    }


_run = run_explainer


def _data(root: Path) -> dict[str, Any]:
    return {
        kind: yaml.safe_load((root / "site_data" / f"{kind}.yaml").read_text(encoding="utf-8"))
        for kind in DATA_FILES
        if (root / "site_data" / f"{kind}.yaml").is_file()
    }


# --- old data gets one clear answer ----------------------------------------------------------


FIRST_FORMAT_LINE = (
    "site_data/figures.yaml:4:5: data format 1 (a figure is one value), found by its shape "
    "(figures[0] has 'value'); this generator reads format 6: run 'explainer upgrade' to move "
    "the story ('explainer upgrade --check' shows the changes first)"
)


def test_check_on_first_format_data_says_one_line_with_the_version_and_the_command(
    tmp_path: Path,
) -> None:
    root = _copy("hollande-first-format", tmp_path)
    done = _run(root, "check")
    assert done.returncode == 1
    assert done.stderr == f"{FIRST_FORMAT_LINE}\n1 problem found\n"


def test_the_build_says_the_same_line_and_leaves_no_site(tmp_path: Path) -> None:
    root = _copy("hollande-first-format", tmp_path)
    build = run_mkdocs_build(root)
    assert build.returncode == 1
    assert FIRST_FORMAT_LINE in build.output
    assert "Traceback" not in build.output
    assert not build.site.exists()


def test_a_stated_older_version_is_said_at_its_line(tmp_path: Path) -> None:
    root = _copy("surfside-before-versions", tmp_path)
    story = root / "site_data" / "story.yaml"
    lines = story.read_text(encoding="utf-8").splitlines(keepends=True)
    story.write_text("".join([lines[0], "format: 1\n", *lines[1:]]), encoding="utf-8")
    done = _run(root, "check")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "site_data/story.yaml:2:9: format: data format 1 (a figure is one value), stated in "
        "story.yaml; this generator reads format 6: run 'explainer upgrade' to move the story "
        "('explainer upgrade --check' shows the changes first)"
    )


def test_a_newer_version_asks_for_a_newer_generator(tmp_path: Path) -> None:
    root = _copy("surfside-before-versions", tmp_path)
    story = root / "site_data" / "story.yaml"
    lines = story.read_text(encoding="utf-8").splitlines(keepends=True)
    story.write_text("".join([lines[0], "format: 7\n", *lines[1:]]), encoding="utf-8")
    assert _run(root, "check").stderr == (
        "site_data/story.yaml:2:9: format: data format 7 is newer than this generator reads (6): "
        "upgrade the generator\n1 problem found\n"
    )
    upgraded = _run(root, "upgrade")
    assert upgraded.returncode == 1
    assert "newer than this generator knows (6)" in upgraded.stderr


# --- the shipped story in the first format ----------------------------------------------------


HAND_CHECKED_FIGURES = """\
# yaml-language-server: $schema=../schema/figures.schema.json
figures:
  - id: paris-dead
    label: People killed in the Islamic State attacks on Paris
    unit: people
    counts: People killed in the Islamic State attacks on Paris.
    reports:
      - id: paris-dead-reported
        value: 130
        cites: [ex-paris-attacks]
  - id: half-century
    label: The article's "half a century"
    unit: years
    counts: >-
      The article's "half a century": the span over which, it says, few publicly admitted clashes
      between Russia and a NATO country have been as serious as the jet downing.
    reports:
      - id: half-century-reported
        value: 50
        qualifier: about
        cites: [ex-half-century]
"""
"""What the upgrade must write: each figure's one number as its first report, the ids and the
order the shipped story's editors chose when they moved it by hand (27542c2), the comments and
the folded ``counts`` as written; and (format 3) each figure's label, the first sentence of its
counts without its full stop, cut at its colon where that sentence is longer than a label."""


def test_check_shows_the_changes_and_writes_nothing(tmp_path: Path) -> None:
    root = _copy("hollande-first-format", tmp_path)
    before = _texts(root)
    done = _run(root, "upgrade", "--check")
    assert done.returncode == 1
    assert "--- site_data/figures.yaml (format 1)\n+++ site_data/figures.yaml (format 6)\n" in (
        done.stdout
    )
    assert "-    value: 130\n" in done.stdout
    assert "+        qualifier: about\n" in done.stdout
    assert done.stderr.endswith(
        "site_data: would move from format 1 to 6; run without --check to do it\n"
    )
    assert _texts(root) == before


def test_the_first_format_story_upgrades_checks_verifies_and_builds(tmp_path: Path) -> None:
    root = _copy("hollande-first-format", tmp_path)
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote site_data/story.yaml",
        "wrote site_data/figures.yaml",
        "wrote site_data/updates.yaml",
        "site_data: moved from format 1 to 6; next: explainer check",
    ]
    after = _texts(root)
    assert after["site_data/figures.yaml"] == HAND_CHECKED_FIGURES
    assert after["site_data/story.yaml"] == before["site_data/story.yaml"].replace(
        "\nstory:\n", "\nformat: 6\nstory:\n", 1
    )
    # The story predates the updates log: an empty one, as `explainer new` writes it.
    assert after["site_data/updates.yaml"] == (
        "# yaml-language-server: $schema=../schema/updates.schema.json\nupdates: []\n"
    )
    untouched = [p for p in before if p not in ("site_data/figures.yaml", "site_data/story.yaml")]
    assert {p: after[p] for p in untouched} == {p: before[p] for p in untouched}

    assert _run(root, "check").returncode == 0
    verified = _run(root, "verify", "--all")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("hollande-moscow-article: 21 excerpts found verbatim")
    run_mkdocs_build(root).assert_ok()

    again = _run(root, "upgrade")
    assert (again.returncode, again.stdout) == (0, "site_data: nothing to change (format 6)\n")
    assert _texts(root) == after


def test_no_fact_of_the_first_format_is_lost(tmp_path: Path) -> None:
    """Every value of the old data is in the new: the files the upgrade does not change are
    equal as data; each old figure's every field is in the new figure or its one report, with
    ``approximate: true`` read as ``qualifier: about``."""
    root = _copy("hollande-first-format", tmp_path)
    old = _data(root)
    assert _run(root, "upgrade").returncode == 0
    new = _data(root)
    for kind in DATA_FILES:
        if kind in ("figures", "story", "updates"):
            continue
        assert new[kind] == old[kind], kind
    assert new["story"] == {"format": 6, **old["story"]}
    assert new["updates"] == {"updates": []} and "updates" not in old
    assert len(new["figures"]["figures"]) == len(old["figures"]["figures"]) == 2
    for was, now in zip(old["figures"]["figures"], new["figures"]["figures"], strict=True):
        (report,) = now["reports"]
        assert {k: now[k] for k in ("id", "unit", "counts")} == {
            k: was[k] for k in ("id", "unit", "counts")
        }
        assert report["value"] == was["value"]
        assert report["cites"] == was["cites"]
        assert report.get("qualifier") == ("about" if was.get("approximate") else None)
        assert set(was) <= {"id", "unit", "counts", "value", "approximate", "cites"}


# --- the example before versions, and a story made by an older `explainer new` ---------------


def test_the_example_before_versions_states_its_format_and_passes_everything(
    tmp_path: Path,
) -> None:
    root = _copy("surfside-before-versions", tmp_path)
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote site_data/story.yaml",
        "site_data: moved from format 2 to 6; next: explainer check",
    ]
    after = _texts(root)
    assert {p for p in after if after[p] != before[p]} == {"site_data/story.yaml"}
    assert _run(root, "check").returncode == 0
    verified = _run(root, "verify", "--all")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    run_mkdocs_build(root).assert_ok()
    assert _run(root, "upgrade").stdout == "site_data: nothing to change (format 6)\n"


@pytest.mark.parametrize("version", [3, 4])
def test_a_format_3_or_4_story_moves_to_format_6_with_only_its_version_changed(
    tmp_path: Path, version: int
) -> None:
    """Formats 4 and 6 only add (statuses, dates of positions, kinds of questions, versions and
    languages of sources; a time's zone by name or as local) and format 5 only bounds lengths and
    numbers: the steps from format 3 and 4 move nothing, and the version stated in story.yaml is
    rewritten in place. The Surfside example as it stood in format 3 (at c7717c3) uses every
    part of formats 2 and 3 (reports, status histories, sources without headline or date, agency
    copy found elsewhere, labels and lists of reporters); as it stood in format 4 (at 9bc795e),
    those of format 4 too."""
    root = _copy(f"surfside-format-{version}", tmp_path)
    story = root / "site_data" / "story.yaml"
    text = story.read_text(encoding="utf-8")
    before, old = _texts(root), _data(root)
    checked = _run(root, "upgrade", "--check")
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[2:] == [
        "@@ -1,5 +1,5 @@",
        " # yaml-language-server: $schema=../schema/story.schema.json",
        f"-format: {version}",
        "+format: 6",
        " story:",
        '   headline: "The Surfside condo collapse: the first nine days, and what the counts said"',
        "   standfirst: >-",
    ]
    done = _run(root, "upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote site_data/story.yaml",
        f"site_data: moved from format {version} to 6; next: explainer check",
    ]
    after = _texts(root)
    assert {p for p in after if after[p] != before[p]} == {"site_data/story.yaml"}
    assert after["site_data/story.yaml"] == text.replace(
        f"\nformat: {version}\n", "\nformat: 6\n", 1
    )
    assert _data(root) == {**old, "story": {**old["story"], "format": 6}}
    assert _run(root, "check", "--strict").returncode == 0


def test_a_story_made_by_an_older_explainer_new_loses_its_theme_copy_and_builds(
    tmp_path: Path,
) -> None:
    root = _copy("scaffold-before-versions", tmp_path)
    assert (root / "theme" / "main.html").is_file()
    done = _run(root, "upgrade")
    assert done.returncode == 0, done.stderr
    removed = [line for line in done.stdout.splitlines() if line.startswith("removed ")]
    assert len(removed) == 11  # every file the scaffold copied, each one the generator shipped
    assert not (root / "theme").exists()
    assert "custom_dir" not in (root / "mkdocs.yml").read_text(encoding="utf-8")
    # its schemas for the YAML extension are the current format's: story.yaml's knows `format`
    assert "wrote schema/story.schema.json" in done.stdout.splitlines()
    story_schema = json.loads((root / "schema" / "story.schema.json").read_text("utf-8"))
    assert "format" in story_schema["properties"]
    build = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--site-dir", "site"],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    # The generator's theme: its stylesheet and the share meta of its main.html.
    assert (root / "site" / "assets" / "explainer.css").is_file()
    assert 'property="og:title"' in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_a_theme_file_an_editor_changed_is_kept_and_said(tmp_path: Path) -> None:
    root = _copy("scaffold-before-versions", tmp_path)
    css = root / "theme" / "assets" / "explainer.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.ours { color: teal; }\n", "utf-8")
    done = _run(root, "upgrade")
    assert done.returncode == 0, done.stderr
    assert (
        "theme/assets/explainer.css: kept: it differs from every version of the generator's "
        "theme, so it is your own override of it (the generator now supplies its theme itself)"
    ) in done.stderr
    assert css.is_file() and not (root / "theme" / "main.html").exists()
    assert "custom_dir: theme" in (root / "mkdocs.yml").read_text(encoding="utf-8")


# --- format 4 to format 5: texts and numbers within bounds ----------------------------------


@pytest.mark.parametrize("version", [4, 5])
def test_a_story_within_the_limits_changes_only_its_version(tmp_path: Path, version: int) -> None:
    """Format 5's step bounds and format 6's adds: a story of format 4 or 5 within the limits
    moves to 6 by its version line alone."""
    root = _copy(f"minimal-format-{version}", tmp_path)
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote site_data/story.yaml",
        f"site_data: moved from format {version} to 6; next: explainer check",
    ]
    after = _texts(root)
    assert after["site_data/story.yaml"] == before["site_data/story.yaml"].replace(
        f"\nformat: {version}\n", "\nformat: 6\n", 1
    )
    assert {p for p in after if after[p] != before[p]} == {"site_data/story.yaml"}
    assert _run(root, "check", "site_data").returncode == 0
    again = _run(root, "upgrade")
    assert (again.returncode, again.stdout) == (0, "site_data: nothing to change (format 6)\n")


def test_a_title_too_long_for_format_5_is_said_at_its_place_and_nothing_written(
    tmp_path: Path,
) -> None:
    root = _copy("minimal-format-4", tmp_path)
    events = root / "site_data" / "events.yaml"
    title = "    title: The mayor makes the case for the bridge\n"  # line 8, column 5
    long_title = "The mayor makes the case for the bridge" + ", again" * 40  # 319 characters
    events.write_text(
        events.read_text(encoding="utf-8").replace(title, f"    title: {long_title}\n"),
        encoding="utf-8",
    )
    figures = root / "site_data" / "figures.yaml"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("value: 12\n", "value: 1.2e16\n"),
        encoding="utf-8",
    )
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 1
    assert done.stderr.splitlines()[1:] == [
        "site_data/events.yaml:8:5: events[0].title: is 319 characters long; format 5 allows at "
        "most 300: shorten it by 19 characters (explainer upgrade cuts no text), then upgrade "
        "again",
        "site_data/figures.yaml:8:9: figures[0].reports[0].value: the number 1.2e+16 is beyond "
        "10^15 (1,000,000,000,000,000) either side of zero, which format 5 allows: give it in a "
        "larger unit (explainer upgrade changes no number), then upgrade again",
        "2 problems: nothing written",
    ]
    assert _texts(root) == before


def test_a_number_an_earlier_step_moved_is_said_where_the_editor_wrote_it(
    tmp_path: Path,
) -> None:
    """A first-format figure's value, moved into its first report by format 2's step, is beyond
    format 5's bound: said at the line the editor wrote it on."""
    root = _copy("hollande-first-format", tmp_path)
    figures = root / "site_data" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    line = text[: text.index("    value: 130\n")].count("\n") + 1
    figures.write_text(text.replace("    value: 130\n", "    value: 1.3e20\n"), encoding="utf-8")
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 1
    assert done.stderr.splitlines()[1:] == [
        f"site_data/figures.yaml:{line}:5: figures[0].reports[0].value: the number 1.3e+20 is "
        "beyond 10^15 (1,000,000,000,000,000) either side of zero, which format 5 allows: give "
        "it in a larger unit (explainer upgrade changes no number), then upgrade again",
        "1 problem: nothing written",
    ]
    assert _texts(root) == before


# --- what the upgrade cannot place -----------------------------------------------------------


def test_an_unknown_field_of_a_first_format_figure_is_reported_not_dropped(
    tmp_path: Path,
) -> None:
    root = _copy("hollande-first-format", tmp_path)
    figures = root / "site_data" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("    unit: people\n", "    unit: people\n    tally: 130\n"))
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 1
    assert done.stderr.splitlines()[1:] == [
        "site_data/figures.yaml:6:5: figures[0].tally: 'tally' is not a field of a first-format "
        "figure, nor of format 2: explainer upgrade cannot place it; move it or remove it, then "
        "upgrade again",
        "1 problem: nothing written",
    ]
    assert _texts(root) == before


def test_a_problem_elsewhere_is_said_where_the_editor_wrote_it(tmp_path: Path) -> None:
    root = _copy("hollande-first-format", tmp_path)
    events = root / "site_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    first = text.index("    title: ")
    events.write_text(text[:first] + "    mood: grim\n" + text[first:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    before = _texts(root)
    done = _run(root, "upgrade")
    assert done.returncode == 1
    unknown = [entry for entry in done.stderr.splitlines() if ".mood:" in entry]
    assert unknown and unknown[0].startswith(f"site_data/events.yaml:{line}:5: events[")
    assert _texts(root) == before


def test_comments_on_moved_lines_move_with_them(tmp_path: Path) -> None:
    root = _copy("hollande-first-format", tmp_path)
    figures = root / "site_data" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(
        text.replace("    value: 130\n", "    value: 130  # as the prosecutor gave it\n"),
        encoding="utf-8",
    )
    assert _run(root, "upgrade").returncode == 0
    upgraded = figures.read_text("utf-8")
    assert re.search(r"\n {8}value: 130 +# as the prosecutor gave it\n", upgraded), upgraded


def test_the_shipped_data_files_round_trip_byte_for_byte() -> None:
    for folder in (REPO / "site_data", REPO / "examples" / "surfside-collapse" / "site_data"):
        for path in sorted(folder.glob("*.yaml")):
            document = read_document(path, path.stem, path.name)
            assert document is not None and not isinstance(document, type(None))
            assert not hasattr(document, "message"), document
            document.changed = True  # dump it from the data, not the text as read
            assert document.dump() == path.read_text(encoding="utf-8"), path


def test_the_shipped_stories_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    for root in (REPO, REPO / "examples" / "surfside-collapse"):
        monkeypatch.chdir(root)
        assert main(["upgrade", "--check"]) == 0


def test_both_dev_servers_get_the_same_one_line(tmp_path: Path) -> None:
    """`mkdocs serve` (the plugin) and `explainer serve` show the problems of StoryBuild's run
    on their error pages: for old data, the one line."""
    root = _copy("hollande-first-format", tmp_path)
    result = StoryBuild(root / "site_data", root / "content", display_root=root).run()
    assert [str(d) for d in result.diagnostics] == [FIRST_FORMAT_LINE]


def test_a_version_of_thousands_of_digits_is_said_at_its_line(tmp_path: Path) -> None:
    """Python's int() refuses more than 4,300 digits: a fuzzed story.yaml (10,000 cases on seed
    20261207) stating a version of 5,018 digits ended the check in a ValueError."""
    root = _copy("minimal-format-5", tmp_path)
    story = root / "site_data" / "story.yaml"
    story.write_text(
        story.read_text(encoding="utf-8").replace("\nformat: 5\n", f"\nformat: {'9' * 5018}\n"),
        encoding="utf-8",
    )
    checked = _run(root, "check", "site_data")
    assert (checked.returncode, checked.stdout) == (1, "")
    assert checked.stderr == (
        "site_data/story.yaml:2:9: format: data format 999999999999… (5,018 digits) is newer "
        "than this generator reads (6): upgrade the generator\n1 problem found\n"
    )
    upgraded = _run(root, "upgrade")
    assert upgraded.returncode == 1
    assert "data format 999999999999… (5,018 digits) is newer than this generator knows (6)" in (
        upgraded.stderr
    )
    # ten digits and more are newer than any version will be; fewer are read as they are
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            f"\nformat: {'9' * 5018}\n", "\nformat: 12345678901\n"
        ),
        encoding="utf-8",
    )
    assert _run(root, "check", "site_data").stderr.startswith(
        "site_data/story.yaml:2:9: format: data format 12345678901 is newer than this generator "
        "reads (6)"
    )
