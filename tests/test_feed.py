"""The Atom feed of updates and corrections: valid Atom 1.0, one entry per update."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import REPO, shared_site

from generator.outputs.feed import atom_feed
from generator.read.loader import load_story
from generator.schema.kinds import StoryData

A = "{http://www.w3.org/2005/Atom}"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def assert_valid_atom(text: str, data: StoryData) -> ET.Element:
    """RFC 4287's required elements, for the feed and for each entry."""
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
        assert (feed.findtext(f"{A}{name}") or "").strip(), name
    assert TIMESTAMP.match(feed.findtext(f"{A}updated") or "")
    self_links = [link for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href")
    assert feed.findall(f"{A}author/{A}name"), "a feed without authored entries needs an author"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == len(data.updates)
    ids = [entry.findtext(f"{A}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert TIMESTAMP.match(entry.findtext(f"{A}updated") or "")
        assert re.match(r"^(urn:uuid:[0-9a-f-]{36}|https?://)", entry.findtext(f"{A}id") or "")
        alternate = entry.find(f"{A}link[@rel='alternate']")
        assert alternate is not None and "#update-" in (alternate.get("href") or "")
    return feed


def test_minimal_feed(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    feed = assert_valid_atom(atom_feed(data), data)
    entries = feed.findall(f"{A}entry")
    # newest first; the title says what kind of change it is
    assert [e.findtext(f"{A}title") for e in entries] == [
        "Correction: The official's estimate is attributed to the official, not to the council.",
        "Update: Explainer published.",
    ]
    assert [e.findtext(f"{A}updated") for e in entries] == [
        "2020-03-08T00:00:00Z",
        "2020-03-07T00:00:00Z",
    ]
    assert feed.findtext(f"{A}updated") == "2020-03-08T00:00:00Z"
    assert feed.find(f"{A}link[@rel='self']").get("href") == "feed.xml"  # type: ignore[union-attr]
    link = entries[0].find(f"{A}link")
    assert link is not None and link.get("href") == "updates/#update-cost-corrected"
    assert (feed.findtext(f"{A}id") or "").startswith("urn:uuid:")


def test_ids_are_stable_and_absolute_links_with_a_site_url(minimal_dir: Path) -> None:
    data = load_story(minimal_dir)
    # Computed by hand, once: uuid5(NAMESPACE_URL, "explainer-feed:<published>:<headline>"),
    # and each entry's uuid5 of its update id in the namespace uuid5(NAMESPACE_URL, feed id).
    # A reader's feed app keys on these: they must not change between builds or releases.
    ids = re.findall(r"<id>([^<]*)</id>", atom_feed(data))
    assert ids == [
        "urn:uuid:3b2b47a0-27de-5f30-b693-f1946b77c48c",
        "urn:uuid:0e653ee2-edc5-5ee2-86b1-d76d9353886d",  # cost-corrected
        "urn:uuid:63443672-b46c-5cf3-a7c2-8a70919a60a0",  # first-version
    ]
    feed = ET.fromstring(atom_feed(data, site_url="https://example.org/story/").encode())
    assert feed.findtext(f"{A}id") == "https://example.org/story/feed.xml"
    assert feed.find(f"{A}link[@rel='self']").get("href") == (  # type: ignore[union-attr]
        "https://example.org/story/feed.xml"
    )
    entry_link = feed.find(f"{A}entry/{A}link")
    assert entry_link is not None
    assert entry_link.get("href") == "https://example.org/story/updates/#update-cost-corrected"


def test_hostile_text_is_escaped(minimal_dir: Path) -> None:
    dumped = load_story(minimal_dir).model_dump()
    nasty = "</content><entry>&amp; <![CDATA[x]]> \x01\x0b"
    dumped["updates"][0]["summary"] = nasty
    dumped["story"]["headline"] = nasty
    data = StoryData.model_validate(dumped)
    feed = assert_valid_atom(atom_feed(data), data)
    assert len(feed.findall(f"{A}entry")) == 2
    contents = [e.findtext(f"{A}content") for e in feed.findall(f"{A}entry")]
    assert "</content><entry>&amp; <![CDATA[x]]> " in contents  # as text, control chars dropped


def test_shipped_feed_has_the_real_entry_only() -> None:
    data = load_story(REPO / "site_data")
    feed = assert_valid_atom(atom_feed(data), data)
    (entry,) = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == "Update: Explainer published."
    assert entry.findtext(f"{A}updated") == "2026-11-27T00:00:00Z"


@pytest.mark.slow
def test_built_site_serves_the_feed_and_links_it(tmp_path_factory: pytest.TempPathFactory) -> None:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    data = load_story(REPO / "site_data")
    assert_valid_atom((build.site / "feed.xml").read_text(encoding="utf-8"), data)
    for page, href in (("index.html", "feed.xml"), ("timeline/index.html", "../feed.xml")):
        html = (build.site / page).read_text(encoding="utf-8")
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
        # the updates and corrections, then the story's developments (developments.xml)
        assert len(links) == 2, page
        assert f'href="{href}"' in links[0], links[0]
        assert 'title="Updates and corrections - ' in links[0], links[0]
        developments = href.replace("feed.xml", "developments.xml")
        assert f'href="{developments}"' in links[1] and 'title="Developments - ' in links[1]
