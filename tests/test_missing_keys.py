"""Every key left out of a valid story is a located message or a story that still builds, never
a traceback.

The walk goes over the schema, not over a list kept by hand: every field of every model a data
file may hold (records and the models nested in them, at any depth; not ``format``, the version
story.yaml states, which is no record's). ``tests/fixtures/every-field``
is the minimal story with every one of those fields present at least once (a test fails when the
schema gains a field the fixture lacks). Each case removes the first occurrence of one field from
the YAML text and runs ``explainer check`` and the build's load-and-render (with the share
images), in this process, and expects:

- no exception, exit 0 or 1, and every problem line located as ``site_data/<file>.yaml:line:col``;
- for a field the schema requires, ``<where>: missing required field '<name>'`` at the mapping
  it was taken from;
- for a field that a rule requires in that place (a ``reason`` for rule inferred, ``days`` for
  rule relative, ``by`` for a disputed step ...), that rule's line, written out below by hand;
- when check passes, a build that gives pages (and when it fails, located lines).

``published_basis`` with ``rule: inferred`` and no ``reason`` was a TypeError from the sources
template, in ``check`` and in the build.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel
from support import FIXTURES, key_span

from generator.cli import main
from generator.pipeline import StoryBuild
from generator.schema.annotations import field_types
from generator.schema.formats import FORMAT_KEY
from generator.schema.kinds import FILE_MODELS

STORY = FIXTURES / "every-field"
LOCATED = re.compile(r"^site_data/[a-z]+\.yaml:[1-9][0-9]*:[1-9][0-9]*: ")
COUNT = re.compile(r"^[0-9]+ problems? found$")


def schema_fields() -> list[tuple[type[BaseModel], str]]:
    """(model, field name) of every field of every model a data file may hold, in the order
    the schema declares them."""
    out: list[tuple[type[BaseModel], str]] = []
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in field_types(model):
            out.append((model, name))
            if field.model is not None:
                visit(field.model)

    for file_model in FILE_MODELS.values():
        ((_, root),) = [(n, f) for n, f in field_types(file_model) if n != FORMAT_KEY]
        assert root.model is not None
        visit(root.model)
    return out


@dataclass(frozen=True)
class Place:
    """Where a key is in the fixture: its file, the path of the mapping that holds it (as
    messages write it: ``events[2].date_basis``), the text to cut, and the mapping's lines."""

    kind: str
    loc: str
    start: int
    end: int
    first_line: int
    last_line: int


def places() -> dict[tuple[type[BaseModel], str], Place]:
    """The first place in the fixture of each (model, field) it holds."""
    found: dict[tuple[type[BaseModel], str], Place] = {}

    def walk(kind: str, text: str, model: type[BaseModel], node: yaml.Node, loc: str) -> None:
        if isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                walk(kind, text, model, item, f"{loc}[{number}]")
            return
        assert isinstance(node, yaml.MappingNode), (kind, loc)
        types = dict(field_types(model))
        pairs = node.value
        for number, (key, value) in enumerate(pairs):
            place = Place(
                kind,
                loc,
                *key_span(text, pairs, number),
                node.start_mark.line,  # 0-based: the line above a nested mapping's first key
                node.end_mark.line + 1,
            )
            found.setdefault((model, key.value), place)
            nested = types[key.value].model
            if nested is not None:
                walk(kind, text, nested, value, f"{loc}.{key.value}")

    for kind, file_model in FILE_MODELS.items():
        text = (STORY / f"{kind}.yaml").read_text(encoding="utf-8")
        root = yaml.compose(text)
        assert isinstance(root, yaml.MappingNode)
        ((key, value),) = [(k, v) for k, v in root.value if k.value != FORMAT_KEY]
        ((_, field),) = [(n, f) for n, f in field_types(file_model) if n != FORMAT_KEY]
        assert field.model is not None
        walk(kind, text, field.model, value, key.value)
    return found


PLACES = places()
FIELDS = schema_fields()


@pytest.fixture(scope="module")
def share_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("share-cache")


TIME_NEEDS_ZONE = (
    "time needs its zone: utc_offset, the offset from UTC on that day (e.g. '-04:00'), or "
    "time_zone, the zone's name (e.g. America/New_York), or time_zone: local when the source "
    "does not give the zone"
)
"""Written out here, not imported: the test holds the code to the words an editor reads."""

RULES = {
    # (model, field) -> the line a rule says when that field is left out of the fixture (the
    # lines below a key taken from the middle of a mapping move up, its line break gone)
    ("PublishedBasis", "reason"):  # was a TypeError from the sources template
    "site_data/sources.yaml:6:5: sources[0].published_basis: rule inferred needs 'reason': how "
    "the date was worked out",
    ("Source", "published"):
    "site_data/sources.yaml:5:5: sources[0].published_basis: published_basis is given but "
    "published is not",
    ("DateBasis", "reason"):
    "site_data/events.yaml:41:5: events[3].date_basis: rule inferred needs 'reason': how the "
    "date was worked out",
    ("DateBasis", "days"):
    "site_data/events.yaml:30:5: events[2].date_basis: rule relative needs 'days': days from "
    "the publication date",
    ("DateBasis", "weekday"):
    "site_data/events.yaml:17:5: events[1].date_basis: rule weekday needs 'weekday'",
    ("DateBasis", "direction"):
    "site_data/events.yaml:17:5: events[1].date_basis: rule weekday needs 'direction'",
    ("Event", "time"):
    "site_data/events.yaml:6:5: events[0].utc_offset: utc_offset is given but time is not",
    ("Event", "utc_offset"):
    "site_data/events.yaml:6:5: events[0].time: " + TIME_NEEDS_ZONE,
    ("Figure", "headline_report"):
    "site_data/figures.yaml:8:5: figures[0].headline_rule: headline_rule editor needs "
    "'headline_report'",
    ("Figure", "headline_reason"):
    "site_data/figures.yaml:8:5: figures[0].headline_rule: headline_rule editor needs "
    "'headline_reason'",
    ("FigureReport", "low"):
    "site_data/figures.yaml:12:9: figures[0].reports[0]: a range needs both low and high; low is "
    "missing",
    ("FigureReport", "high"):
    "site_data/figures.yaml:12:9: figures[0].reports[0]: a range needs both low and high; high "
    "is missing",
    ("FigureReport", "value"):
    "site_data/figures.yaml:18:9: figures[0].reports[1]: a report needs value, or low and high "
    "for a range",
    ("FigureReport", "time"):
    "site_data/figures.yaml:22:9: figures[0].reports[1].utc_offset: utc_offset is given but "
    "time is not",
    ("FigureReport", "utc_offset"):
    "site_data/figures.yaml:22:9: figures[0].reports[1].time: " + TIME_NEEDS_ZONE,
    ("FigureReport", "count_type"):
    "site_data/figures.yaml:37:9: figures[0].reports[2].count_other: count_other is only for "
    "count_type other",
    ("FigureReport", "count_other"):
    "site_data/figures.yaml:37:9: figures[0].reports[2].count_type: count_type other needs "
    "count_other: what kind of count it is, in a few words",
    ("Quote", "said_on"):
    "site_data/quotes.yaml:7:5: quotes[0].said_on_basis: said_on_basis is given but said_on is "
    "not",
    ("Quote", "said_on_basis"):
    "site_data/quotes.yaml:7:5: quotes[0].said_on: said_on needs said_on_basis: how the date was "
    "read",
    ("StatusStep", "by"):
    "site_data/events.yaml:52:9: events[3].status[1]: a disputed step names who disputes it: add "
    "'by'",
    ("Update", "time"):
    "site_data/updates.yaml:5:5: updates[0].utc_offset: utc_offset is given but time is not",
    ("Update", "utc_offset"):
    "site_data/updates.yaml:5:5: updates[0].time: " + TIME_NEEDS_ZONE,
}  # fmt: skip


def test_the_fixture_holds_every_field_of_every_model() -> None:
    missing = [f"{model.__name__}.{name}" for model, name in FIELDS if (model, name) not in PLACES]
    assert not missing, f"add these to {STORY.relative_to(FIXTURES.parent)}: {missing}"
    assert {(model.__name__, name) for model, name in FIELDS} >= set(RULES)


def test_the_fixture_is_valid(tmp_path: Path) -> None:
    code, lines = _check(_copy(tmp_path))
    assert code == 0, lines


def _copy(tmp_path: Path, place: Place | None = None) -> Path:
    shutil.copytree(STORY, tmp_path / "site_data")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Riverside\n\nThe story.\n", "utf-8")
    if place is not None:
        path = tmp_path / "site_data" / f"{place.kind}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: place.start] + text[place.end :], encoding="utf-8")
    return tmp_path


def _check(root: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "site_data"])
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text
    return code, [line for line in text.splitlines() if ": warning: " not in line]


def _problems(code: int, lines: list[str]) -> list[str]:
    """The problem lines of a run, each checked to be located; the count line checked too."""
    assert code in (0, 1), lines
    if code == 0:
        assert len(lines) == 1 and lines[0].startswith("site_data: ok ("), lines
        return []
    *problems, count = lines
    assert COUNT.match(count) and int(count.split()[0]) == len(problems), lines
    unlocated = [line for line in problems if not LOCATED.match(line)]
    assert not unlocated, unlocated
    return problems


@pytest.mark.parametrize(
    ("model", "name"), FIELDS, ids=[f"{model.__name__}.{name}" for model, name in FIELDS]
)
def test_a_key_left_out_is_a_located_message(
    tmp_path: Path, share_cache: Path, model: type[BaseModel], name: str
) -> None:
    place = PLACES[(model, name)]
    root = _copy(tmp_path, place)
    problems = _problems(*_check(root))
    if model.model_fields[name].is_required():
        said = f": {place.loc}: missing required field '{name}'"
        lines = [line for line in problems if line.endswith(said)]
        assert lines, problems
        assert lines[0].startswith(f"site_data/{place.kind}.yaml:"), lines
        line = int(lines[0].split(":")[1])
        assert place.first_line <= line <= place.last_line, (lines[0], place)
    rule: Any = RULES.get((model.__name__, name))
    if rule is not None:
        assert rule in problems
    # the build: what mkdocs build and make build-zensical load and render (share images too,
    # an image drawn for an earlier case reused from the shared cache)
    result = StoryBuild(root / "site_data", root / "content", root, cache_dir=share_cache).run()
    if problems:
        assert not result.ok
        built = [str(d) for d in result.diagnostics]
        assert all(LOCATED.match(line) for line in built), built
    else:
        assert result.ok and result.pages and result.files, [str(d) for d in result.diagnostics]
