"""schema.org JSON-LD on the home page: built from the story, escaped for a script element."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from support import REPO, Build, copy_project, run_mkdocs_build, shared_site

from generator.jsonld import news_article, script_json
from generator.kinds import StoryData
from generator.loader import load_story

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
        }
    ]
    assert "url" not in article


def test_shipped_story_cites_its_source_without_inventing_a_url() -> None:
    article = news_article(load_story(REPO / "site_data"))
    assert article["citation"] == [
        {
            "@type": "CreativeWork",
            "headline": "France's Hollande heads to Russia hoping for Syria breakthrough",
            "datePublished": "2015-11-25",
        }
    ]
    assert "correction" not in article  # no correction yet: none is invented


def test_citation_leaves_out_what_the_copy_does_not_give(minimal_dir: Path) -> None:
    # Agency copy without a headline or a stated date: the citation names only what is known,
    # no "headline": null and no guessed date (this raised AttributeError before).
    dumped = load_story(minimal_dir).model_dump()
    source = dumped["sources"][0]
    source.update(headline=None, published=None, publisher="The Associated Press")
    article = news_article(StoryData.model_validate(dumped))
    assert article["citation"] == [
        {
            "@type": "CreativeWork",
            "publisher": {"@type": "Organization", "name": "The Associated Press"},
            "url": "https://example.org/riverside-footbridge",
        }
    ]


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
    for page in ("timeline/index.html", "updates/index.html"):
        assert jsonld_of(build.site / page) == []  # the home page only


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
