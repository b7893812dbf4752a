"""The updates and corrections log as an Atom 1.0 feed (RFC 4287), built with xml.etree, and
beside it the feed of the story's developments (``developments.xml``: each event, figure report,
status step, quote said on a known day and update, from :mod:`generator.outputs.developments`;
the newest ``DEVELOPMENT_ENTRIES``, the whole list being in the open data).

One ``<entry>`` per update, newest first. Without a known site address (``site_url``) the links
are relative, which Atom allows: a feed reader resolves them against the feed's own address, and
the feed sits at the site's root. Ids must be permanent: with ``site_url`` the feed's id is its
address; without one it is a ``urn:uuid`` derived from the story's headline and publication date
(set ``site_url`` in mkdocs.yml for an id that survives a new headline), and each entry's id is
derived from the feed's id and the update's id, so renaming an update's id makes a new entry.
The feed's author is named by the story's headline: the data names no author, and the feed must
come out the same from the MkDocs plugin and from ``explainer render`` (which reads no config).
Text goes through ElementTree, which escapes it; characters that XML 1.0 cannot carry at all
(C0 controls other than tab and line ends) are dropped. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET

from generator.outputs.developments import Entry
from generator.schema.datemodel import offset_of, sort_key, start
from generator.schema.kinds import StoryData
from generator.schema.model import Update

__all__ = [
    "ATOM_NS",
    "DEVELOPMENTS_FEED_PATH",
    "FEED_PATH",
    "UPDATES_PAGE_URL",
    "atom_feed",
    "developments_feed",
    "entry_title",
]

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
"""Site-relative path of the feed."""
UPDATES_PAGE_URL = "updates/"
"""Site-relative address of the updates page (MkDocs' directory URLs)."""
DEVELOPMENTS_FEED_PATH = "developments.xml"
"""Site-relative path of the feed of developments."""
DEVELOPMENT_ENTRIES = 100
"""The feed of developments carries the newest this many: a reader follows what comes next,
and a story 100 times the shipped one has over a thousand (``data/developments.json`` has all)."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _timestamp(day: dt.date, time: str | None = None, offset: str | None = None) -> str:
    """RFC 3339: the day at midnight UTC, or at its time of day with its offset when known."""
    if time is not None and offset is not None:
        return f"{day.isoformat()}T{time}:00{offset}"
    return f"{day.isoformat()}T00:00:00Z"


def entry_title(update: Update) -> str:
    return f"{update.kind.value.capitalize()}: {update.summary}"


def _feed_id(data: StoryData, base: str, path: str, key: str) -> str:
    """The feed's address with ``site_url``; else a urn:uuid from the story's headline and
    publication date (and ``key``, which tells the feeds of one story apart)."""
    story_key = f"{key}:{data.story.published.isoformat()}:{data.story.headline}"
    return f"{base}{path}" if base else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, story_key)}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _clean(text)
    return element


def _text(feed: ET.Element) -> str:
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def atom_feed(data: StoryData, *, site_url: str | None = None) -> str:
    """The text of ``feed.xml``."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed_id = _feed_id(data, base, FEED_PATH, "explainer-feed")
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, feed_id)
    sub = _sub

    updates = sorted(data.updates, key=sort_key, reverse=True)
    feed = ET.Element("feed", {"xmlns": ATOM_NS})  # unprefixed names in the Atom namespace
    sub(feed, "id", feed_id)
    sub(feed, "title", f"Updates and corrections: {data.story.headline}")
    sub(feed, "subtitle", data.story.standfirst)
    newest = updates[0] if updates else None
    if newest is not None:
        sub(feed, "updated", _timestamp(newest.date, newest.time, offset_of(newest)))
    else:
        sub(feed, "updated", _timestamp(data.story.updated))
    sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}{FEED_PATH}")
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}{UPDATES_PAGE_URL}")
    author = sub(feed, "author")
    sub(author, "name", data.story.headline)
    for update in updates:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:uuid:{uuid.uuid5(namespace, update.id)}")
        sub(entry, "title", entry_title(update))
        sub(entry, "updated", _timestamp(update.date, update.time, offset_of(update)))
        href = f"{base}{UPDATES_PAGE_URL}#update-{update.id}"
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "category", term=update.kind.value)
        sub(entry, "content", update.summary, type="text")
    return _text(feed)


def developments_feed(data: StoryData, entries: list[Entry], *, site_url: str | None = None) -> str:
    """The text of ``developments.xml``: the newest ``DEVELOPMENT_ENTRIES`` developments
    (``entries``, newest first), each linked to its place on the site."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed_id = _feed_id(data, base, DEVELOPMENTS_FEED_PATH, "explainer-developments")
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, feed_id)
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _sub(feed, "id", feed_id)
    _sub(feed, "title", f"Developments: {data.story.headline}")
    _sub(feed, "subtitle", data.story.standfirst)
    newest = entries[0] if entries else None
    stamp = _timestamp(data.story.updated) if newest is None else _entry_stamp(newest)
    _sub(feed, "updated", stamp)
    self_href = f"{base}{DEVELOPMENTS_FEED_PATH}"
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    _sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    _sub(_sub(feed, "author"), "name", data.story.headline)
    for development in entries[:DEVELOPMENT_ENTRIES]:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:uuid:{uuid.uuid5(namespace, development['id'])}")
        _sub(entry, "title", development["title"])
        _sub(entry, "updated", _entry_stamp(development))
        href = f"{base}{development['url']}"
        _sub(entry, "link", rel="alternate", type="text/html", href=href)
        _sub(entry, "category", term=development["what"])
        _sub(entry, "content", development["title"], type="text")
    return _text(feed)


def _entry_stamp(entry: Entry) -> str:
    """RFC 3339 for a development's day (a month: its first day), at its time when known."""
    date = entry["date"]
    day = dt.date.fromisoformat(date) if len(date) == 10 else start(date)
    return _timestamp(day, entry["time"], entry["utc_offset"])
