"""A render that keeps the last render's unchanged player pages (generator.pages.rerender) gives the
very pages a fresh render gives, over random edits of real stories' data files."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import REPO

from generator.pages.render import Page
from generator.pipeline import StoryBuild
from generator.read.loader import load_story
from generator.tools.synthetic import write_scaled_story

STORIES = {
    "hollande": REPO / "site_data",
    "surfside": REPO / "examples/surfside-collapse/site_data",
}


def _strings(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every string value in a YAML tree."""
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _strings(value, (*path, key))]
    if isinstance(node, list):
        return [p for n, value in enumerate(node) for p in _strings(value, (*path, n))]
    return [path] if isinstance(node, str) else []


def _lists(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every list of two or more records."""
    found = []
    if isinstance(node, list) and len(node) > 1 and all(isinstance(x, dict) for x in node):
        found.append(path)
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, value in children:
        found += _lists(value, (*path, key))
    return found


def _at(tree: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        tree = tree[key]
    return tree


def _ids(data_dir: Path) -> set[str]:
    tree = {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in data_dir.glob("*.yaml")}
    return {str(_at(tree, (*p[:-1], "id"))) for p in _strings(tree) if p[-1] == "id"}


def _mutate(rng: random.Random, data_dir: Path, ids: list[str]) -> str:
    """One random edit of one data file, as an editor might make it: a text changed, a
    reference pointed at another record, two records swapped. Returns what it did."""
    file = rng.choice(sorted(data_dir.glob("*.yaml")))
    tree = yaml.safe_load(file.read_text(encoding="utf-8"))
    choice = rng.random()
    lists = _lists(tree)
    if choice < 0.2 and lists:
        path = rng.choice(lists)
        items = _at(tree, path)
        n = rng.randrange(len(items) - 1)
        items[n], items[n + 1] = items[n + 1], items[n]
        done = f"{file.name}: swapped {path} {n} and {n + 1}"
    else:
        path = rng.choice(_strings(tree))
        parent, key = _at(tree, path[:-1]), path[-1]
        value = parent[key]
        if value in ids and key != "id":  # a reference: to another record
            parent[key] = rng.choice(ids)
        else:
            parent[key] = f"{value} edited {rng.randrange(1000)}"
        done = f"{file.name}: {path} {value!r} -> {parent[key]!r}"
    schema_line = file.read_text(encoding="utf-8").splitlines()[0]  # the loader wants it kept
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    file.write_text(f"{schema_line}\n{text}", encoding="utf-8")
    stat = file.stat()  # a new mtime even within the clock's resolution
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    return done


def _corrected(tree: Any, actor: str) -> None:
    entry = tree["updates"][0]
    entry.update(kind="correction", facts=[actor], summary="Corrected the player's role.")


TARGETED = {
    # What every player page shows without naming it: the story's date (its footer), a
    # correction of the player (a marker by its card), its sources' publishers (how many
    # independent sources stand behind each fact).
    "story.yaml": lambda tree, actor: tree["story"].update(updated=dt.date(2027, 1, 1)),
    "updates.yaml": _corrected,
    "sources.yaml": lambda tree, actor: [s.update(publisher="One Agency") for s in tree["sources"]],
    # What other pages show of the events: the figures page's charts mark them.
    "events.yaml": lambda tree, actor: [
        e.update(title=f"{e['title']}, again") for e in tree["events"]
    ],
}


def _edit(data_dir: Path, file: str, change: Callable[[Any, str], object]) -> None:
    path = data_dir / file
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = yaml.safe_load("\n".join(lines))
    actor = yaml.safe_load((data_dir / "actors.yaml").read_text(encoding="utf-8"))["actors"][0]
    change(tree, actor["id"])
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    path.write_text(f"{lines[0]}\n{text}", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


@pytest.mark.parametrize(
    ("story", "file"),
    # The shipped story has one source: one publisher or another, it is one independent source.
    [
        (s, f)
        for s in sorted(STORIES)
        for f in sorted(TARGETED)
        if (s, f) != ("hollande", "sources.yaml")
    ],
)
def test_an_edit_of_what_many_pages_show_brings_each_of_them_again(
    story: str, file: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "site_data"
    shutil.copytree(STORIES[story], data_dir)
    content = tmp_path / "content"
    content.mkdir()
    build = StoryBuild(data_dir, content, display_root=tmp_path, share_images=False)
    before = _pages(build)
    _edit(data_dir, file, TARGETED[file])
    after = _pages(build)
    fresh = _pages(StoryBuild(data_dir, content, display_root=tmp_path, share_images=False))
    assert before is not None and after is not None and fresh is not None
    players = [path for path in fresh if path.startswith("players/") and path != "players/index.md"]
    if file != "events.yaml":
        assert any(before[path].markdown != fresh[path].markdown for path in players), "no-op"
    for path, page in fresh.items():
        assert after[path].markdown == page.markdown, path


def _pages(build: StoryBuild) -> dict[str, Page] | None:
    result = build.run()
    return None if result.diagnostics else {page.path: page for page in result.pages}


@pytest.mark.parametrize("story", sorted(STORIES))
def test_kept_player_pages_are_those_a_fresh_render_makes(story: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "site_data"
    shutil.copytree(STORIES[story], data_dir)
    _random_edits(data_dir, f"rerender-{story}", 60)


def test_kept_pages_of_a_story_in_parts_are_those_a_fresh_render_makes(tmp_path: Path) -> None:
    """The same on the long story (the shipped one at k=10: its timeline, players, stances and
    quotes in parts, whose pages are kept as a player's is), with fewer edits (each render of
    the story takes ten times as long)."""
    data_dir = tmp_path / "site_data"
    write_scaled_story(load_story(REPO / "site_data"), 10, data_dir)
    kept = _random_edits(data_dir, "rerender-long", 24)
    parts = ("timeline/", "players/index/", "stances/", "quotes/")
    assert {part for part in parts if any(path.startswith(part) for path in kept)} == set(parts)


def _random_edits(data_dir: Path, seed: str, edits: int) -> set[str]:
    """``edits`` random edits of the story in ``data_dir``, each rendered by one build that
    keeps pages and held to a fresh build; returns the pages that were ever kept."""
    tmp_path = data_dir.parent
    content = tmp_path / "content"
    content.mkdir()
    ids = sorted(_ids(data_dir))
    rng = random.Random(seed)
    build = StoryBuild(data_dir, content, display_root=tmp_path, share_images=False)
    last = _pages(build)
    assert last is not None
    good = 0
    kept: set[str] = set()
    for _ in range(edits):
        backup = {f: f.read_bytes() for f in data_dir.glob("*.yaml")}
        done = _mutate(rng, data_dir, ids)
        pages = _pages(build)
        if pages is None:  # the edit made the data invalid: undo it
            for f, data in backup.items():
                f.write_bytes(data)
                stat = f.stat()
                os.utime(f, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
            continue
        fresh = _pages(StoryBuild(data_dir, content, display_root=tmp_path, share_images=False))
        assert fresh is not None
        assert pages.keys() == fresh.keys(), done
        for path, page in pages.items():
            assert page.markdown == fresh[path].markdown, f"{path} after {done}"
        good += 1
        kept.update(path for path, page in pages.items() if last.get(path) is page)
        last = pages
    assert good >= edits // 3, f"only {good} of {edits} random edits left the data valid"
    assert kept, "no page was ever kept: the test would pass with no reuse at all"
    return kept


def test_a_record_that_moved_to_another_part_is_linked_there_on_every_page(
    tmp_path: Path,
) -> None:
    """The long story (the shipped one at k=10) has 50 events in November 2015, the most one
    period's page holds. One more cuts November into its quarters: 40 events move to the page
    of 22 to 30 November, 10 to that of 8 to 14 November, and every page that links one of
    them, the players' pages among them (none of their own records changed), links the new
    page, as a fresh render does."""
    data_dir = tmp_path / "site_data"
    write_scaled_story(load_story(REPO / "site_data"), 10, data_dir)
    content = tmp_path / "content"
    content.mkdir()
    build = StoryBuild(data_dir, content, display_root=tmp_path, share_images=False)
    before = _pages(build)
    assert before is not None and "timeline/2015-11.md" in before

    def one_more(tree: Any, actor: str) -> None:
        event = dict(next(e for e in tree["events"] if e["date"] == dt.date(2015, 11, 26)))
        tree["events"].append({**event, "id": "one-more", "actors": []})

    _edit(data_dir, "events.yaml", one_more)
    after = _pages(build)
    fresh = _pages(StoryBuild(data_dir, content, display_root=tmp_path, share_images=False))
    assert after is not None and fresh is not None
    assert "timeline/2015-11.md" not in fresh
    assert {"timeline/2015-11-08-to-14.md", "timeline/2015-11-22-to-30.md"} <= fresh.keys()
    assert after.keys() == fresh.keys()
    for path, page in fresh.items():
        assert after[path].markdown == page.markdown, path
    assert any(after[path] is before[path] for path in after if path in before), "none kept"
