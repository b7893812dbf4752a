"""schema.org structured data (JSON-LD): the home page's ``NewsArticle``, the updates page's
``LiveBlogPosting``; built from the story's data alone, never guessed.

:func:`news_article` gives the story's headline, standfirst and dates (``datePublished`` and
``dateModified`` carry the time and UTC offset when the data has ``published_at`` /
``updated_at``, else the day), its ``author`` and ``publisher`` when the story names them, the
``image`` when the caller has one (:func:`page_document` gives the home page's share image), each
source as a ``citation`` (a ``CreativeWork`` with the headline and date the source gives; a
publisher and an address only when the data has them), each named player as a ``mentions``
entry (with ``sameAs`` its Wikidata page when the editor gave its id; anonymous speakers are not
entities and are left out) and one ``CorrectionComment`` per correction, linked to its entry on
the updates page. :func:`live_blog` makes the updates page a ``LiveBlogPosting`` whose
``liveBlogUpdate`` entries are ``BlogPosting`` s, newest first, each with the address of its
anchor (``updates/#update-<id>``). :func:`page_document` picks the document of a page.

Addresses are absolute when the site's address (``site_url``) is known and relative to the page
otherwise. :func:`script_json` serialises a document for a ``<script type="application/ld+json">``
element: ``<``, ``>`` and ``&`` (and U+2028/U+2029, which some JavaScript parsers took for line
ends) are written as ``\\u`` escapes, so no text from the data can close the element or open a
comment, whatever it holds; the JSON still parses to the same value.
:func:`missing_credits` says which NewsArticle fields the story leaves out (``explainer check``
prints them as warnings). Nothing here imports mkdocs; the plugin puts the result into the page's
context.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.outputs.feed import UPDATES_PAGE_URL, entry_title
from generator.outputs.sharemeta import image_path
from generator.schema.datemodel import DateQualifier, offset_of, sort_key
from generator.schema.kinds import StoryData
from generator.schema.model import ActorKind, Update, UpdateKind
from generator.schema.newsmeta import Author, Publisher, wikidata_url

__all__ = [
    "UPDATES_PAGE",
    "live_blog",
    "missing_credits",
    "news_article",
    "page_document",
    "script_json",
]

UPDATES_PAGE = "updates.md"
"""The source path of the updates page (its address is ``feed.UPDATES_PAGE_URL``)."""

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_ACTOR_TYPES = {
    ActorKind.PERSON: "Person",
    ActorKind.COUNTRY: "Country",
    ActorKind.ORGANISATION: "Organization",
    ActorKind.GROUP: "Organization",
}
"""schema.org types of the named kinds of player (anonymous speakers are no entity)."""


def _moment(moment: dt.datetime | None, day: dt.date) -> str:
    return moment.isoformat() if moment is not None else day.isoformat()


def _update_time(update: Update) -> str:
    """An update's day, with its time and offset when the log gives them."""
    offset = offset_of(update)
    if update.time is not None and offset is not None:
        return f"{update.date.isoformat()}T{update.time}:00{offset}"
    return update.date.isoformat()


def _address(site_url: str | None, page_url: str, here: str, fragment: str = "") -> str:
    """``page_url`` (site-relative, e.g. ``updates/``) absolute, or relative to the page at
    ``here`` (site-relative too) when the site's address is not known."""
    anchor = f"#{fragment}" if fragment else ""
    if site_url is not None:
        return site_url.rstrip("/") + "/" + page_url + anchor
    if page_url == here and anchor:
        return anchor
    return page_url + anchor  # from the home page; the only other page with a document


def _author(author: Author) -> dict[str, Any]:
    entity: dict[str, Any] = {
        "@type": "Organization" if author.kind == "organisation" else "Person",
        "name": author.name,
    }
    if author.url is not None:
        entity["url"] = author.url
    return entity


def _publisher(publisher: Publisher) -> dict[str, Any]:
    entity: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.url is not None:
        entity["url"] = publisher.url
    return entity


def _credits(data: StoryData) -> dict[str, Any]:
    story = data.story
    out: dict[str, Any] = {}
    if story.authors:
        out["author"] = [_author(author) for author in story.authors]
    if story.publisher is not None:
        out["publisher"] = _publisher(story.publisher)
    return out


def news_article(
    data: StoryData, *, url: str | None = None, image: str | None = None
) -> dict[str, Any]:
    """The story as a schema.org ``NewsArticle`` (a JSON-LD document as a dict).

    ``url`` is the site's address (the home page's), ``image`` the address of a share image.
    """
    story = data.story
    citations = []
    for source in data.sources:
        # A copy without a headline or a known date (agency copy, a page without a dateline)
        # leaves the property out: a null or a guessed value would claim what we don't know.
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if source.headline is not None:
            work["headline"] = source.headline
        if source.published is not None and source.published_qualifier is DateQualifier.EXACT:
            # a day, or a month (ISO 8601's YYYY-MM); a bound is no date to give
            published = source.published
            work["datePublished"] = (
                published.isoformat() if isinstance(published, dt.date) else published
            )
        if source.publisher is not None:
            work["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.url is not None:
            work["url"] = source.url
        citations.append(work)
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "description": story.standfirst,
        "datePublished": _moment(story.published_at, story.published),
        "dateModified": _moment(story.updated_at, story.updated),
        **_credits(data),
        "citation": citations,
    }
    if url is not None:
        article["url"] = url
        article["mainEntityOfPage"] = url
    if image is not None:
        article["image"] = image
    mentions = []
    for actor in data.actors:
        if actor.kind not in _ACTOR_TYPES:
            continue
        entity: dict[str, Any] = {"@type": _ACTOR_TYPES[actor.kind], "name": actor.name}
        if actor.wikidata is not None:
            entity["sameAs"] = wikidata_url(actor.wikidata)
        mentions.append(entity)
    if mentions:
        article["mentions"] = mentions
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": update.summary,
            "datePublished": _update_time(update),
            "url": _address(url, UPDATES_PAGE_URL, "", f"update-{update.id}"),
        }
        for update in data.updates
        if update.kind is UpdateKind.CORRECTION
    ]
    if corrections:
        article["correction"] = corrections
    return article


def live_blog(data: StoryData, *, site_url: str | None = None) -> dict[str, Any]:
    """The updates page as a schema.org ``LiveBlogPosting``: one ``BlogPosting`` per update."""
    story = data.story
    here = UPDATES_PAGE_URL
    updates = sorted(data.updates, key=sort_key, reverse=True)  # as the page lists them
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": f"Updates and corrections: {story.headline}",
        "description": story.standfirst,
        "datePublished": _moment(story.published_at, story.published),
        "dateModified": _moment(story.updated_at, story.updated),
        **_credits(data),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry_title(update),
                "articleBody": update.summary,
                "datePublished": _update_time(update),
                "url": _address(site_url, here, here, f"update-{update.id}"),
            }
            for update in updates
        ],
    }
    if story.published_at is not None:  # a DateTime: a bare day would invent midnight
        document["coverageStartTime"] = story.published_at.isoformat()
    if site_url is not None:
        document["url"] = _address(site_url, here, here)
    return document


def page_document(
    data: StoryData, page_path: str, *, site_url: str | None = None
) -> dict[str, Any] | None:
    """The JSON-LD document of the page at ``page_path`` (``index.md``, ``updates.md``), if any.

    The NewsArticle's ``image`` is the home page's share image (absolute with a site address,
    else relative to the home page, which is the site's root)."""
    if page_path == "index.md":
        image = image_path(None)
        if site_url is not None:
            image = site_url.rstrip("/") + "/" + image
        return news_article(data, url=site_url, image=image)
    if page_path == UPDATES_PAGE:
        return live_blog(data, site_url=site_url)
    return None


def missing_credits(data: StoryData) -> list[str]:
    """What the NewsArticle leaves out for want of data, one sentence each (empty: nothing)."""
    story = data.story
    missing = []
    if not story.authors:
        missing.append(
            "no authors: the structured data (NewsArticle) names no author; "
            "add story.authors as the byline credits them"
        )
    if story.publisher is None:
        missing.append(
            "no publisher: the structured data (NewsArticle) names no publisher; "
            "add story.publisher if the explainer has one"
        )
    return missing


def script_json(document: dict[str, Any]) -> str:
    """JSON for the inside of a ``<script type="application/ld+json">`` element."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in text)
