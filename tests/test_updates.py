"""Updates and corrections: the record kind, its checks (exact messages), and what readers see."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from support import REPO, problems, shared_site

from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.read.loader import load_story
from generator.schema.model import UpdateKind

Edit = Callable[[str, str, str], None]


def test_minimal_updates_load(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    assert [(u.id, u.kind) for u in data.updates] == [
        ("first-version", UpdateKind.UPDATE),
        ("cost-corrected", UpdateKind.CORRECTION),
    ]
    assert data.updates[0].facts == []


def test_shipped_log_is_the_publication_only() -> None:
    """Nothing invented about the news: the one entry is this explainer's publication."""
    raw = yaml.safe_load((REPO / "site_data" / "updates.yaml").read_text(encoding="utf-8"))
    assert raw == {
        "updates": [
            {
                "id": "explainer-published",
                "date": load_story(REPO / "site_data").story.published,
                "kind": "update",
                "summary": "Explainer published.",
            }
        ]
    }
    data = load_story(REPO / "site_data")
    assert data.story.published.isoformat() == "2026-11-27"
    assert data.story.updated >= max(u.date for u in data.updates)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "facts: [official-cost]",
            "facts: [oficial-cost]",
            "updates.yaml:11:13: updates[1].facts[0]: unknown fact 'oficial-cost' "
            "(did you mean 'official-cost'?)",
        ),
        (
            "facts: [official-cost]",
            "facts: [fund-bridge]",
            "updates.yaml:11:13: updates[1].facts[0]: 'fund-bridge' is a question, not a fact",
        ),
        (
            "facts: [official-cost]",
            "facts: [ex-official]",
            "updates.yaml:11:13: updates[1].facts[0]: 'ex-official' is an excerpt, not a fact",
        ),
        (
            "id: cost-corrected",
            "id: bridge-cost",
            "updates.yaml:7:5: updates[1].id: duplicate id 'bridge-cost' "
            "(also figures[0].id at site_data/figures.yaml:3:5)",
        ),
        (
            "kind: correction",
            "kind: corection",
            "updates.yaml:9:5: updates[1].kind: 'corection' is not allowed; expected "
            "'update', 'development' or 'correction' (did you mean 'correction'?)",
        ),
        (
            "date: 2020-03-08",
            "date: 2020-03-09",
            "story.yaml:7:3: story.updated: updated 2020-03-08 is before the latest update "
            "'cost-corrected' on 2020-03-09",
        ),
    ],
)
def test_update_rules(story_copy: Path, edit: Edit, old: str, new: str, expected: str) -> None:
    edit("updates", old, new)
    assert problems(story_copy) == [f"site_data/{expected}"]


def test_updates_file_is_required(story_copy: Path) -> None:
    (story_copy / "updates.yaml").unlink()
    assert problems(story_copy) == [
        "site_data/updates.yaml:1:1: missing file; expected site_data/updates.yaml"
    ]


def test_updated_before_published_is_one_problem(story_copy: Path, edit: Edit) -> None:
    edit("story", "updated: 2020-03-08", "updated: 2020-03-06")
    assert problems(story_copy) == [
        "site_data/story.yaml:7:3: story.updated: updated 2020-03-06 is before published 2020-03-07"
    ]


# --- what readers see ------------------------------------------------------------------------


def test_corrected_fact_links_to_its_correction(minimal_dir: Path) -> None:
    pages = {page.path: page.markdown for page in render_pages(Index(load_story(minimal_dir)))}
    marker = (
        '<p class="fact__correction" markdown="span"><span class="label label--correction">'
        "[Corrected on 8 March 2020](updates.md#update-cost-corrected)</span></p>"
    )
    assert marker in pages["quotes.md"]
    assert pages["quotes.md"].count("label--correction") == 1
    assert "label--correction" not in pages["figures.md"]
    assert 'id="update-cost-corrected"' in pages["updates.md"]
    # newest first
    assert pages["updates.md"].index("update-cost-corrected") < pages["updates.md"].index(
        "update-first-version"
    )


def test_every_generated_page_says_when_the_story_was_last_updated(minimal_dir: Path) -> None:
    for page in render_pages(Index(load_story(minimal_dir))):
        if page.path.startswith("embed/"):
            assert "page-meta" not in page.markdown, page.path  # an embed is the visual only
            continue
        assert 'Last updated <time datetime="2020-03-08">8 March 2020</time>' in page.markdown
        assert "data/story.json" in page.markdown, page.path


@pytest.mark.slow
def test_built_site_has_updates_data_and_embeds(tmp_path_factory: pytest.TempPathFactory) -> None:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    site = build.site
    for path in (
        "updates/index.html",
        "feed.xml",
        "data/story.json",
        "data/story.schema.json",
        "embed/timeline/index.html",
        "embed/stances/index.html",
        "embed/figures/index.html",
        *(f"data/{kind}.csv" for kind in ("events", "actors", "quotes", "updates", "excerpts")),
    ):
        assert (site / path).is_file(), path
    updates = (site / "updates" / "index.html").read_text(encoding="utf-8")
    assert 'id="update-explainer-published"' in updates
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/story.json"' in home and "Last updated" in home
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    assert "updates/" in nav
    assert not any("embed" in href for href in nav), nav


@pytest.mark.slow
def test_embed_pages_are_bare_and_not_searchable(tmp_path_factory: pytest.TempPathFactory) -> None:
    import json

    build = shared_site(tmp_path_factory)
    build.assert_ok()
    for name in ("timeline", "stances", "figures"):
        html = (build.site / "embed" / name / "index.html").read_text(encoding="utf-8")
        assert (
            '<header class="md-header explainer-embed__header" data-md-component="header" hidden>'
            in html
        )
        for part in ("md-header__title", 'class="md-sidebar', "<footer", "md-search", "md-tabs"):
            assert part not in html, (name, part)
        assert '<base target="_parent">' in html
        assert "share.js" in html
        full = (build.site / name / "index.html").read_text(encoding="utf-8")
        assert "&#60;iframe src&#61;&#34;embed/" in full  # the code to copy, as text
        assert f'href="../embed/{name}/"' in full
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("embed/")]
    timeline = (build.site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<a class="fact-link" href="#event-moscow-visit"' in timeline
