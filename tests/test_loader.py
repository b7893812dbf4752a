"""The loader: one exact message per class of problem, all problems at once, no traceback."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support import REPO, problems

from generator.read.diagnostics import DataError
from generator.read.loader import load, load_story, load_story_or_diagnostics, modeline
from generator.schema.kinds import FILE_MODELS, StoryData

Edit = Callable[[str, str, str], None]


def write(data_dir: Path, kind: str, body: str) -> None:
    """Replace a whole file: its modeline, then ``body``."""
    (data_dir / f"{kind}.yaml").write_text(f"{modeline(kind)}\n{body}", encoding="utf-8")


# --- the good path -----------------------------------------------------------------------------


def test_minimal_story_loads(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    assert isinstance(data, StoryData)
    assert [len(getattr(data, kind)) for kind in FILE_MODELS if kind != "story"] == [
        1,
        3,
        2,
        1,
        2,
        1,
        2,
        2,
    ]
    assert len(data.sources[0].excerpts) == 3
    assert data.actors[0].name == "Inês Lima"
    assert data.positions[0].stance == "supports"


def test_shipped_site_data_is_valid() -> None:
    """The story we publish passes every check (``make check``)."""
    data = load_story(REPO / "site_data", display_root=REPO)
    assert data.sources


def test_load_returns_source_maps(minimal_dir: Path) -> None:
    result = load(minimal_dir, display_root=minimal_dir)
    assert result.data is not None and result.diagnostics == []
    quotes = result.files["quotes"]
    assert quotes.display == "quotes.yaml"
    assert quotes.sourcemap.locate(("quotes", 1, "speaker")) == (16, 5)
    assert quotes.sourcemap.locate(("quotes", 0, "cites", 0)) == (13, 13)


def test_display_path_outside_root_is_kept(story_copy: Path, tmp_path: Path) -> None:
    (story_copy / "figures.yaml").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _, diagnostics = load_story_or_diagnostics(story_copy, display_root=elsewhere)
    assert [d.file for d in diagnostics] == [(story_copy / "figures.yaml").as_posix()]


def test_load_story_raises_one_error_with_every_problem(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "speaker: ines-lima", "speaker: [1]")
    edit("actors", "kind: person", "kind: persn")
    with pytest.raises(DataError) as caught:
        load_story(story_copy, display_root=story_copy.parent)
    assert caught.value.report().splitlines() == [
        "site_data/actors.yaml:5:5: actors[0].kind: 'persn' is not allowed; expected 'person', "
        "'country', 'organisation', 'group' or 'anonymous' (did you mean 'person'?)",
        "site_data/quotes.yaml:5:5: quotes[0].speaker: expected text, got a list",
        "2 problems found",
    ]


# --- files -------------------------------------------------------------------------------------


def test_missing_file(story_copy: Path) -> None:
    (story_copy / "figures.yaml").unlink()
    assert problems(story_copy) == [
        "site_data/figures.yaml:1:1: missing file; expected site_data/figures.yaml"
    ]


def test_missing_folder(tmp_path: Path) -> None:
    assert problems(tmp_path / "site_data") == [
        "site_data:1:1: missing folder; expected a folder with story.yaml, sources.yaml, "
        "actors.yaml, events.yaml, figures.yaml, quotes.yaml, questions.yaml, positions.yaml, "
        "updates.yaml"
    ]


@pytest.mark.parametrize("text", ["", "\n  \n", f"{modeline('quotes')}\n# nothing yet\n"])
def test_empty_file(story_copy: Path, text: str) -> None:
    (story_copy / "quotes.yaml").write_text(text, encoding="utf-8")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:1:1: file is empty; expected a mapping with the key 'quotes'"
    ]


def test_invalid_utf8(story_copy: Path) -> None:
    path = story_copy / "actors.yaml"
    path.write_bytes(path.read_bytes().replace("Inês".encode(), b"In\xeas"))
    assert problems(story_copy) == [
        "site_data/actors.yaml:4:13: invalid UTF-8 byte 0xea; save the file as UTF-8"
    ]


def test_byte_order_mark_is_accepted(story_copy: Path) -> None:
    path = story_copy / "figures.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_story(story_copy).figures[0].reports[0].value == 12


def test_modeline_required(story_copy: Path, edit: Edit) -> None:
    edit("figures", f"{modeline('figures')}\n", "")
    assert problems(story_copy) == [
        "site_data/figures.yaml:1:1: the first line must be the schema line "
        "'# yaml-language-server: $schema=../schema/figures.schema.json'"
    ]


# --- YAML --------------------------------------------------------------------------------------


def test_tab_in_indentation(story_copy: Path, edit: Edit) -> None:
    edit("actors", "    kind: person", "  \tkind: person")
    assert problems(story_copy) == [
        "site_data/actors.yaml:5:3: tab character in indentation; indent with spaces"
    ]


def test_syntax_error(story_copy: Path, edit: Edit) -> None:
    edit("figures", "    unit: million euros", "    unit: million: euros")
    assert problems(story_copy) == [
        "site_data/figures.yaml:4:18: syntax error: mapping values are not allowed in this context"
    ]


def test_syntax_error_with_context(story_copy: Path, edit: Edit) -> None:
    edit("figures", "    unit: million euros", "   unit: million euros")
    assert problems(story_copy) == [
        "site_data/figures.yaml:4:4: syntax error: did not find expected '-' indicator "
        "(while parsing a block collection at line 3)"
    ]


def test_second_document(story_copy: Path) -> None:
    with (story_copy / "questions.yaml").open("a", encoding="utf-8") as file:
        file.write("---\nquestions: []\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:7:1: syntax error: a second document ('---'); "
        "a data file holds one document"
    ]


def test_duplicate_key(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "    extent: partial\n", "    extent: partial\n    extent: whole\n")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:18:5: quotes[1].extent: duplicate key 'extent' (first at line 17)"
    ]


def test_impossible_date(story_copy: Path, edit: Edit) -> None:
    edit("events", "date: 2020-03-05", "date: 2015-02-30")
    assert problems(story_copy) == [
        "site_data/events.yaml:13:11: events[1].date: impossible date '2015-02-30': "
        "February 2015 has 28 days"
    ]


def test_unsupported_tag(story_copy: Path, edit: Edit) -> None:
    edit("figures", "value: 12", "value: !!python/object:os.system 12")
    assert problems(story_copy) == [
        "site_data/figures.yaml:8:16: figures[0].reports[0].value: unsupported tag "
        "'!!python/object:os.system'; remove it"
    ]


def test_merge_key_refused(story_copy: Path, edit: Edit) -> None:
    edit("figures", "        value: 12\n", "        <<: {value: 12}\n")
    assert problems(story_copy) == [
        "site_data/figures.yaml:8:9: figures[0].reports[0]: merge keys (<<) are not supported; "
        "write the fields out"
    ]


def test_aliases_within_bounds_are_expanded(story_copy: Path, edit: Edit) -> None:
    edit("actors", "cites: [ex-official]", "cites: &official [ex-official]")
    edit("quotes", "cites: [ex-official]", "cites: [ex-official]")
    edit("figures", "cites: [ex-official]", "cites: [ex-official]")
    data = load_story(story_copy)
    assert data.actors[2].cites == ["ex-official"]


def test_alias_bomb_is_refused(story_copy: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    write(story_copy, "questions", "\n".join(lines) + "\nquestions: *a8\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:2:13: a3[7][9][0][1]: aliases expand beyond 10000 nodes"
    ]


def test_recursive_alias_is_refused(story_copy: Path) -> None:
    write(story_copy, "questions", "questions: &loop\n  - *loop\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:2:12: questions[0]: an alias refers to a node that contains it"
    ]


# --- validation --------------------------------------------------------------------------------


def test_yaml_boolean_where_text_is_expected(story_copy: Path, edit: Edit) -> None:
    edit("actors", "name: A council official", "name: no")
    assert problems(story_copy) == [
        "site_data/actors.yaml:15:5: actors[2].name: YAML reads no as the boolean false; "
        "put it in quotes: 'no'"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020", "YAML reads 2020 as a number; put it in quotes: '2020'"),
        ("2020-03-01", "YAML reads 2020-03-01 as a date; put it in quotes: '2020-03-01'"),
        ("null", "YAML reads null as no value (null); put it in quotes: 'null'"),
        ("", "no value given; write the text after the colon"),
        ("[a, b]", "expected text, got a list"),
        ('""', "must not be empty"),
        ('"  "', "must not be blank"),
        ('"\\t"', "must not be blank"),
    ],
)
def test_wrong_type_for_text(story_copy: Path, edit: Edit, value: str, message: str) -> None:
    edit("questions", "short: Funding", f"short: {value}")
    assert problems(story_copy) == [f"site_data/questions.yaml:5:5: questions[0].short: {message}"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "value: 12",
            "value: twelve",
            "8:9: figures[0].reports[0].value: expected a number, got 'twelve'",
        ),
        (
            "value: 12",
            "value: yes",
            "8:9: figures[0].reports[0].value: expected a number, got the boolean true",
        ),
        (
            "value: 12",
            "value: .nan",
            "8:9: figures[0].reports[0].value: expected a finite number, got .nan",
        ),
        (
            "value: 12",
            "value: -.inf",
            "8:9: figures[0].reports[0].value: expected a finite number, got -.inf",
        ),
        (
            "qualifier: about",
            "qualifier: roughly",
            "9:9: figures[0].reports[0].qualifier: 'roughly' is not allowed; expected 'exact', "
            "'at-least', 'more-than', 'about', 'up-to', 'fewer-than', 'nearly' or 'almost'",
        ),
        (
            "cites: [ex-official]",
            "cites: ex-official",
            "10:9: figures[0].reports[0].cites: expected a list (one '- ' line per item), "
            "got 'ex-official'",
        ),
        (
            "cites: [ex-official]",
            "cites: []",
            "10:9: figures[0].reports[0].cites: needs at least 1 item",
        ),
    ],
)
def test_wrong_type(story_copy: Path, edit: Edit, old: str, new: str, expected: str) -> None:
    edit("figures", old, new)
    assert problems(story_copy) == [f"site_data/figures.yaml:{expected}"]


def test_blank_actor_name(story_copy: Path, edit: Edit) -> None:
    edit("actors", "name: Inês Lima", "name: '  '")
    assert problems(story_copy) == ["site_data/actors.yaml:4:5: actors[0].name: must not be blank"]


def test_blank_alias(story_copy: Path, edit: Edit) -> None:
    edit("actors", "aliases: [Ines Lima]", "aliases: [Ines Lima, ' ']")
    assert problems(story_copy) == [
        "site_data/actors.yaml:7:26: actors[0].aliases[1]: must not be blank"
    ]


def test_path_like_id(story_copy: Path, edit: Edit) -> None:
    edit("questions", "id: fund-bridge", "id: ../etc")
    assert problems(story_copy) == [
        "site_data/questions.yaml:3:5: questions[0].id: '../etc' is not a valid id: "
        "use lower-case letters, digits and hyphens"
    ]


def test_id_too_long(story_copy: Path, edit: Edit) -> None:
    edit("questions", "id: fund-bridge", f"id: {'a' * 81}")
    assert problems(story_copy) == [
        "site_data/questions.yaml:3:5: questions[0].id: is 81 characters long; at most 80"
    ]


def test_url_must_be_http(story_copy: Path, edit: Edit) -> None:
    edit("sources", "url: https://", "url: ftp://")
    assert problems(story_copy) == [
        "site_data/sources.yaml:6:5: sources[0].url: 'ftp://example.org/riverside-footbridge' "
        "is not a web address: it must start with http:// or https://"
    ]


def test_quoted_date(story_copy: Path, edit: Edit) -> None:
    edit("sources", "published: 2020-03-06", "published: '2020-03-06'")
    assert problems(story_copy) == [
        "site_data/sources.yaml:5:5: sources[0].published: write the date without quotes: "
        "2020-03-06"
    ]


def test_date_with_time(story_copy: Path, edit: Edit) -> None:
    edit("story", "updated: 2020-03-08", "updated: 2020-03-08 10:00:00")
    assert problems(story_copy) == [
        "site_data/story.yaml:7:3: story.updated: the date and time 2020-03-08 10:00:00 has a "
        "time: write the date alone, as YYYY-MM-DD: 2020-03-08"
    ]


def test_enum_value(story_copy: Path, edit: Edit) -> None:
    edit("events", "direction: previous", "direction: before")
    assert problems(story_copy) == [
        "site_data/events.yaml:18:7: events[1].date_basis.direction: 'before' is not allowed; "
        "expected 'previous', 'same' or 'next'"
    ]


def test_missing_field_points_at_the_mapping(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "    speaker: council-official\n", "")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:14:5: quotes[1]: missing required field 'speaker'"
    ]


def test_unknown_field_points_at_the_key(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "    speaker: council-official", "    speeker: council-official")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:14:5: quotes[1]: missing required field 'speaker'",
        "site_data/quotes.yaml:16:5: quotes[1].speeker: unknown field 'speeker' "
        "(did you mean 'speaker'?)",
    ]


def test_unknown_field_lists_the_allowed_ones(story_copy: Path, edit: Edit) -> None:
    edit("questions", "    short: Funding\n", "    short: Funding\n    colour: red\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:6:5: questions[0].colour: unknown field 'colour'; "
        "allowed: id, question, short, summary, kind, unanswered"
    ]


def test_wrong_top_level_key(story_copy: Path) -> None:
    write(story_copy, "questions", "question: []\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:2:1: missing required field 'questions'",
        "site_data/questions.yaml:2:1: question: unknown field 'question' "
        "(did you mean 'questions'?)",
    ]


def test_top_level_list(story_copy: Path) -> None:
    write(story_copy, "questions", "- id: fund-bridge\n")
    assert problems(story_copy) == [
        "site_data/questions.yaml:2:1: expected a mapping with the key 'questions', got a list"
    ]


def test_problems_of_every_file_sorted(story_copy: Path, edit: Edit) -> None:
    edit("quotes", "extent: partial", "extent: part")
    edit("actors", "kind: anonymous", "kind: anon")
    edit("actors", "name: Inês Lima", "name: yes")
    found = problems(story_copy)
    assert [line.split(": ")[0] for line in found] == [
        "site_data/actors.yaml:4:5",
        "site_data/actors.yaml:16:5",
        "site_data/quotes.yaml:17:5",
    ]


# --- the command -------------------------------------------------------------------------------


def explainer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def test_check_command_ok(minimal_dir: Path) -> None:
    result = explainer("check", str(minimal_dir), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"{minimal_dir}: ok (1 sources, 3 actors, 2 events, 1 figures, 2 quotes, "
        "1 questions, 2 positions, 2 updates)\n"
    )
    # The fixture names no author or publisher: warnings only (tests/test_jsonld.py has them).
    assert all(": warning: " in line for line in result.stderr.splitlines()), result.stderr


def test_check_command_reports_every_problem_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", data)

    def replace(kind: str, old: str, new: str) -> None:
        path = data / f"{kind}.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (kind, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    # files that stop at the first problem: syntax, tab, empty, encoding
    replace("story", "updated: 2020-03-08", "updated: [2020")
    replace("questions", "    short: Funding", "\tshort: Funding")
    (data / "quotes.yaml").write_text("", encoding="utf-8")
    figures = data / "figures.yaml"
    figures.write_bytes(figures.read_bytes().replace(b"million", b"\xffmillion"))
    # files whose problems are all reported
    replace("actors", "    kind: person", "    kind: person\n    kind: country")  # duplicate
    replace("actors", "name: A council official", "name: no")
    replace("actors", "id: riverside-council", "id: ../etc")  # path-like id
    replace("events", "date: 2020-03-05", "date: 2015-02-30")  # impossible date
    replace("events", "actors: [ines-lima]", "actors: ines-lima")  # wrong type
    # a valid file with an unknown reference into another valid file
    replace("positions", "cites: [ex-vote]", "cites: [ex-vot]")

    result = explainer("check", "site_data", cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "site_data/actors.yaml:6:5: actors[0].kind: duplicate key 'kind' (first at line 5)",
        "site_data/actors.yaml:10:5: actors[1].id: '../etc' is not a valid id: "
        "use lower-case letters, digits and hyphens",
        "site_data/actors.yaml:16:5: actors[2].name: YAML reads no as the boolean false; "
        "put it in quotes: 'no'",
        "site_data/events.yaml:10:5: events[0].actors: expected a list (one '- ' line per item), "
        "got 'ines-lima'",
        "site_data/events.yaml:13:11: events[1].date: impossible date '2015-02-30': "
        "February 2015 has 28 days",
        "site_data/figures.yaml:4:11: invalid UTF-8 byte 0xff; save the file as UTF-8",
        "site_data/positions.yaml:15:13: positions[1].cites[0]: unknown excerpt 'ex-vot' "
        "(did you mean 'ex-vote'?)",
        "site_data/questions.yaml:5:1: tab character in indentation; indent with spaces",
        "site_data/quotes.yaml:1:1: file is empty; expected a mapping with the key 'quotes'",
        "site_data/story.yaml:8:1: syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 7)",
        "10 problems found",
    ]


def test_check_command_reports_name_no(story_copy: Path, edit: Edit) -> None:
    edit("actors", "name: A council official", "name: no")
    result = explainer("check", "site_data", cwd=story_copy.parent)
    assert result.returncode == 1
    assert result.stderr == (
        "site_data/actors.yaml:15:5: actors[2].name: YAML reads no as the boolean false; "
        "put it in quotes: 'no'\n1 problem found\n"
    )


# --- structure ---------------------------------------------------------------------------------


def test_only_the_plugin_imports_mkdocs() -> None:
    offenders = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        if path.name == "plugin.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
