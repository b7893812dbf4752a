"""The updates and corrections log as an Atom 1.0 feed (RFC 4287), built with xml.etree.

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

from generator.schema.datemodel import sort_key
from generator.schema.kinds import StoryData
from generator.schema.model import Update

__all__ = ["ATOM_NS", "FEED_PATH", "UPDATES_PAGE_URL", "atom_feed", "entry_title"]

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
"""Site-relative path of the feed."""
UPDATES_PAGE_URL = "updates/"
"""Site-relative address of the updates page (MkDocs' directory URLs)."""

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


def atom_feed(data: StoryData, *, site_url: str | None = None) -> str:
    """The text of ``feed.xml``."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    story_key = f"explainer-feed:{data.story.published.isoformat()}:{data.story.headline}"
    feed_id = (
        f"{base}{FEED_PATH}" if base else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, story_key)}"
    )
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, feed_id)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        if text is not None:
            element.text = _clean(text)
        return element

    updates = sorted(data.updates, key=sort_key, reverse=True)
    feed = ET.Element("feed", {"xmlns": ATOM_NS})  # unprefixed names in the Atom namespace
    sub(feed, "id", feed_id)
    sub(feed, "title", f"Updates and corrections: {data.story.headline}")
    sub(feed, "subtitle", data.story.standfirst)
    newest = updates[0] if updates else None
    if newest is not None:
        sub(feed, "updated", _timestamp(newest.date, newest.time, newest.utc_offset))
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
        sub(entry, "updated", _timestamp(update.date, update.time, update.utc_offset))
        href = f"{base}{UPDATES_PAGE_URL}#update-{update.id}"
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "category", term=update.kind.value)
        sub(entry, "content", update.summary, type="text")
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"
