"""schema.org JSON-LD on the home page: built from the story, escaped for a script element."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support import REPO, Build, copy_project, element_ids, problems, run_mkdocs_build, shared_site

from generator.cli import main
from generator.outputs.jsonld import (
    live_blog,
    missing_credits,
    news_article,
    page_document,
    script_json,
)
from generator.read.loader import load_story
from generator.schema.kinds import StoryData

BREAKOUT = "</script><script>alert(1)</script><!-- \u2028\u2029 & <\\/script>"


def _hostile(data: StoryData) -> StoryData:
    dumped = data.model_dump()
    dumped["story"]["headline"] = BREAKOUT
    dumped["sources"][0]["headline"] = BREAKOUT
    dumped["updates"].append(
        {"id": "x", "date": dumped["story"]["updated"], "kind": "correction", "summary": BREAKOUT}
    )
    return StoryData.model_validate(dumped)


def test_news_article_fields(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    article = news_article(data)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == data.story.headline
    assert article["datePublished"] == "2020-03-07"
    assert article["dateModified"] == "2020-03-08"
    assert article["citation"] == [
        {
            "@type": "CreativeWork",
            "headline": "Riverside backs footbridge after long row",
            "datePublished": "2020-03-06",
            "url": "https://example.org/riverside-footbridge",
        }
    ]
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The official's estimate is attributed to the official, not to the council.",
            "datePublished": "2020-03-08",
            "url": "updates/#update-cost-corrected",  # relative to the home page
        }
    ]
    # Named players are mentioned; the anonymous official is not an entity.
    assert article["mentions"] == [
        {"@type": "Person", "name": "Inês Lima"},
        {"@type": "Organization", "name": "Riverside council"},
    ]
    for absent in ("url", "author", "publisher", "image"):
        assert absent not in article  # the data has none: none is invented


def test_shipped_story_cites_its_source_without_inventing_a_url() -> None:
    article = news_article(load_story(REPO / "site_data"))
    # The source article names no author or publisher of this explainer (shared/story/brief.md).
    assert "author" not in article
    assert "publisher" not in article
    assert all("sameAs" not in entity for entity in article["mentions"])
    assert article["citation"] == [
        {
            "@type": "CreativeWork",
            "headline": "France's Hollande heads to Russia hoping for Syria breakthrough",
            "datePublished": "2015-11-25",
        }
    ]
    assert "correction" not in article  # no correction yet: none is invented


def test_script_json_cannot_break_out(minimal_dir: Path) -> None:
    data = _hostile(load_story(minimal_dir))
    text = script_json(news_article(data))
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert "\\u003c/script\\u003e" in text
    parsed = json.loads(text)
    assert parsed["headline"] == BREAKOUT
    assert parsed["citation"][0]["headline"] == BREAKOUT
    assert parsed["correction"][-1]["text"] == BREAKOUT


class _Scripts(HTMLParser):
    """Every <script> element: its attributes and text, as a browser's tokenizer splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def jsonld_of(page: Path) -> list[Any]:
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return [
        json.loads(text)
        for attrs, text in parser.scripts
        if attrs.get("type") == "application/ld+json"
    ]


@pytest.mark.slow
def test_built_home_page_has_the_jsonld(tmp_path_factory: pytest.TempPathFactory) -> None:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    (article,) = jsonld_of(build.site / "index.html")
    data = load_story(REPO / "site_data")
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == data.story.headline
    assert article["datePublished"] == data.story.published.isoformat()
    assert article["dateModified"] == data.story.updated.isoformat()
    assert article["citation"][0]["@type"] == "CreativeWork"
    (blog,) = jsonld_of(build.site / "updates" / "index.html")
    assert blog["@type"] == "LiveBlogPosting"
    assert len(blog["liveBlogUpdate"]) == len(data.updates)
    page_ids = set(element_ids(build.site / "updates" / "index.html"))
    for posting in blog["liveBlogUpdate"]:
        assert posting["@type"] == "BlogPosting"
        assert posting["url"].removeprefix("#") in page_ids  # each points at its own entry
    for page in ("timeline/index.html", "players/vladimir-putin/index.html", "404.html"):
        assert jsonld_of(build.site / page) == []  # the home and updates pages only


@pytest.fixture(scope="module")
def hostile_headline_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_project(tmp_path_factory.mktemp("jsonld"))
    story = root / "site_data" / "story.yaml"
    text = story.read_text(encoding="utf-8")
    headline = re.search(r"^  headline: .*$", text, flags=re.MULTILINE)
    assert headline is not None
    hostile = "</script><script>alert(1)</script>"
    text = text.replace(headline.group(0), f"  headline: {json.dumps(hostile)}")
    story.write_text(text, encoding="utf-8")
    build = run_mkdocs_build(root)
    build.assert_ok()
    return build


@pytest.mark.slow
def test_hostile_headline_cannot_break_out_of_the_script(hostile_headline_build: Build) -> None:
    page = hostile_headline_build.site / "index.html"
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    assert not any("alert" in text for attrs, text in parser.scripts if not attrs.get("type"))
    (text,) = [t for a, t in parser.scripts if a.get("type") == "application/ld+json"]
    assert "<" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script>"


# --- credits, moments, Wikidata: from the data only --------------------------------------------

CREDITS = """  published_at: 2020-03-07T18:05:00+01:00
  updated_at: 2020-03-08T09:30:00-05:00
  authors:
    - name: Ana Souza
      url: https://example.org/staff/ana-souza
    - name: Riverside Gazette data desk
      kind: organisation
  publisher:
    name: Riverside Gazette
    url: https://example.org/
"""


def _with_credits(story_copy: Path) -> StoryData:
    path = story_copy / "story.yaml"
    path.write_text(path.read_text(encoding="utf-8") + CREDITS, encoding="utf-8")
    actors = story_copy / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    text = text.replace("    kind: person\n", "    kind: person\n    wikidata: Q1234567\n", 1)
    actors.write_text(text, encoding="utf-8")
    return load_story(story_copy)


def test_news_article_credits_moments_and_wikidata(story_copy: Path) -> None:
    article = news_article(_with_credits(story_copy), url="https://example.org/riverside/")
    assert article["datePublished"] == "2020-03-07T18:05:00+01:00"
    assert article["dateModified"] == "2020-03-08T09:30:00-05:00"
    assert article["author"] == [
        {"@type": "Person", "name": "Ana Souza", "url": "https://example.org/staff/ana-souza"},
        {"@type": "Organization", "name": "Riverside Gazette data desk"},
    ]
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "Riverside Gazette",
        "url": "https://example.org/",
    }
    assert article["mentions"][0] == {
        "@type": "Person",
        "name": "Inês Lima",
        "sameAs": "https://www.wikidata.org/wiki/Q1234567",
    }
    assert article["correction"][0]["url"] == (
        "https://example.org/riverside/updates/#update-cost-corrected"
    )
    assert "image" not in article  # the site has no share image yet


def test_news_article_image_only_when_given(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    assert news_article(data, image="https://example.org/share.png")["image"] == (
        "https://example.org/share.png"
    )


def test_live_blog_postings_newest_first_with_anchors(story_copy: Path) -> None:
    data = _with_credits(story_copy)
    blog = live_blog(data)
    assert blog["@context"] == "https://schema.org"
    assert blog["@type"] == "LiveBlogPosting"
    assert blog["coverageStartTime"] == "2020-03-07T18:05:00+01:00"
    assert blog["author"][0]["name"] == "Ana Souza"
    assert blog["publisher"]["name"] == "Riverside Gazette"
    assert "url" not in blog  # no site address: the page's own address is the reader's
    assert blog["liveBlogUpdate"] == [
        {
            "@type": "BlogPosting",
            "headline": "Correction: The official's estimate is attributed to the official, "
            "not to the council.",
            "articleBody": "The official's estimate is attributed to the official, not to the "
            "council.",
            "datePublished": "2020-03-08",
            "url": "#update-cost-corrected",
        },
        {
            "@type": "BlogPosting",
            "headline": "Update: Explainer published.",
            "articleBody": "Explainer published.",
            "datePublished": "2020-03-07",
            "url": "#update-first-version",
        },
    ]
    absolute = live_blog(data, site_url="https://example.org/riverside")
    assert absolute["url"] == "https://example.org/riverside/updates/"
    assert absolute["liveBlogUpdate"][1]["url"] == (
        "https://example.org/riverside/updates/#update-first-version"
    )


def test_live_blog_without_a_time_has_no_coverage_start(minimal_dir: Path) -> None:
    blog = live_blog(load_story(minimal_dir))
    assert "coverageStartTime" not in blog  # a bare day would invent midnight
    assert blog["datePublished"] == "2020-03-07"


def test_page_document_picks_the_page(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    home, updates = page_document(data, "index.md"), page_document(data, "updates.md")
    assert home is not None and home["@type"] == "NewsArticle"
    assert updates is not None and updates["@type"] == "LiveBlogPosting"
    assert page_document(data, "timeline.md") is None


def test_check_warns_about_missing_credits(
    story_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(story_copy.parent)
    assert len(missing_credits(load_story(story_copy))) == 2
    assert main(["check", "site_data"]) == 0  # a warning, not an error
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "site_data/story.yaml:3:1: warning: story: no authors: the structured data (NewsArticle) "
        "names no author; add story.authors as the byline credits them",
        "site_data/story.yaml:3:1: warning: story: no publisher: the structured data "
        "(NewsArticle) names no publisher; add story.publisher if the explainer has one",
    ]
    assert captured.out.startswith("site_data: ok (")
    _with_credits(story_copy)
    assert main(["check", "site_data"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("kind", "old", "new", "expected"),
    [
        (
            "actors",
            "    kind: person\n",
            "    kind: person\n    wikidata: q42\n",
            "site_data/actors.yaml:6:5: actors[0].wikidata: 'q42' is not a Wikidata id: write Q "
            "and the item's number, as in its address (https://www.wikidata.org/wiki/Q…)",
        ),
        (
            "actors",
            "    kind: person\n",
            "    kind: person\n    wikidata: Q0123\n",
            "site_data/actors.yaml:6:5: actors[0].wikidata: 'Q0123' is not a Wikidata id: write Q "
            "and the item's number, as in its address (https://www.wikidata.org/wiki/Q…)",
        ),
        (
            "story",
            "  updated: 2020-03-08\n",
            "  updated: 2020-03-08\n  published_at: 2020-03-07T18:05:00\n",
            "site_data/story.yaml:8:3: story.published_at: the time needs its UTC offset, e.g. "
            "2026-11-27T09:30:00+01:00 (or Z for UTC)",
        ),
        (
            "story",
            "  updated: 2020-03-08\n",
            "  updated: 2020-03-08\n  published_at: 2020-03-06T23:30:00Z\n",
            "site_data/story.yaml:8:3: story.published_at: 2020-03-06T23:30:00+00:00 is not on "
            "published (2020-03-07); give the same day in both",
        ),
        (
            "story",
            "  updated: 2020-03-08\n",
            "  updated: 2020-03-08\n  updated_at: 2020-03-08\n",
            "site_data/story.yaml:8:3: story.updated_at: expected a date, a time and a UTC offset "
            "such as 2026-11-27T09:30:00+01:00, got the date 2020-03-08",
        ),
        (
            "story",
            "  updated: 2020-03-08\n",
            "  updated: 2020-03-08\n  authors:\n    - url: https://example.org/\n",
            "site_data/story.yaml:9:7: story.authors[0]: missing required field 'name'",
        ),
    ],
)
def test_bad_news_metadata_is_reported_where_it_is(
    story_copy: Path, edit: Any, kind: str, old: str, new: str, expected: str
) -> None:
    edit(kind, old, new)
    assert problems(story_copy) == [expected]
