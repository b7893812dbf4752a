"""The JSON-LD of the built pages holds to schema.org's vocabulary (schema-dts + tsc).

The home page's document must be a valid ``NewsArticle``, the updates page's a valid
``LiveBlogPosting``: for the shipped story's build, and for documents made from a story with
every optional field filled in (authors, publisher, moments with offsets, Wikidata ids,
corrections), which the shipped story does not have. A planted document with a property that
NewsArticle does not have, and one with a wrong value type, must be reported at their lines.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from support import MINIMAL, shared_site

from generator.outputs.jsonld import live_blog, news_article
from generator.read.loader import load_story

from .support import TypedDocument, check_schema_org_types

pytestmark = pytest.mark.slow

FULL_CREDITS = """  published_at: 2020-03-07T18:05:00+01:00
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


def _page_jsonld(page: Path) -> list[dict[str, Any]]:
    html = page.read_text(encoding="utf-8")
    return [
        json.loads(text)
        for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def _full_story(tmp_path: Path) -> Path:
    data = tmp_path / "site_data"
    shutil.copytree(MINIMAL, data)
    story = data / "story.yaml"
    story.write_text(story.read_text(encoding="utf-8") + FULL_CREDITS, encoding="utf-8")
    actors = data / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("kind: person\n", "kind: person\n    wikidata: Q42\n", 1))
    return data


def test_the_jsonld_is_schema_org(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    (home,) = _page_jsonld(build.site / "index.html")
    (updates,) = _page_jsonld(build.site / "updates" / "index.html")
    full = load_story(_full_story(tmp_path))
    site = "https://example.org/riverside/"
    documents = [
        TypedDocument("shipped home page", "NewsArticle", home),
        TypedDocument("shipped updates page", "LiveBlogPosting", updates),
        TypedDocument("every field, home", "NewsArticle", news_article(full, url=site)),
        TypedDocument("every field, updates", "LiveBlogPosting", live_blog(full, site_url=site)),
    ]
    assert "author" in documents[2].document and "correction" in documents[2].document
    assert "sameAs" in documents[2].document["mentions"][0]
    assert check_schema_org_types(documents, tmp_path / "ts") == []


def test_a_planted_fault_is_reported(tmp_path: Path) -> None:
    article = news_article(load_story(MINIMAL))
    misspelt = {**article, "authorName": "Ana Souza"}  # NewsArticle has no such property
    blog = live_blog(load_story(MINIMAL))
    wrong_type = {**blog, "liveBlogUpdate": 3}  # must be BlogPosting(s), not a number
    errors = check_schema_org_types(
        [
            TypedDocument("fine", "NewsArticle", article),
            TypedDocument("misspelt", "NewsArticle", misspelt),
            TypedDocument("wrong type", "LiveBlogPosting", wrong_type),
        ],
        tmp_path / "ts",
    )
    lines = sorted(
        {int(line) for line in re.findall(r"^documents\.ts\((\d+),", "\n".join(errors), re.M)}
    )
    assert lines == [3, 4], errors  # documents 1 and 2 (line 2 + index); document 0 is fine
    assert any("'\"authorName\"' does not exist" in e for e in errors), errors
