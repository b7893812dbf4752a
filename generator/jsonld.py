"""schema.org structured data for the explainer's home page (JSON-LD).

:func:`news_article` builds a ``NewsArticle`` from the story: its headline and dates, each source
as a ``citation`` (a ``CreativeWork`` with the headline and date the source gives, each only
when the copy has it; a publisher and an address only when the data has them, never guessed)
and one ``CorrectionComment`` per correction in the updates log. :func:`script_json`
serialises it for a ``<script type="application/ld+json">`` element: ``<``, ``>`` and ``&``
(and U+2028/U+2029, which some JavaScript parsers took for line ends) are written as ``\\u``
escapes, so no text from the data can close the element or open a comment, whatever it holds;
the JSON still parses to the same value. Nothing here imports mkdocs; the plugin puts the result
into the home page's context.
"""

from __future__ import annotations

import json
from typing import Any

from generator.kinds import StoryData
from generator.model import UpdateKind

__all__ = ["news_article", "script_json"]

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def news_article(data: StoryData, *, url: str | None = None) -> dict[str, Any]:
    """The story as a schema.org ``NewsArticle`` (a JSON-LD document as a dict)."""
    story = data.story
    citations = []
    for source in data.sources:
        work: dict[str, Any] = {"@type": "CreativeWork"}
        # A copy without a headline or a known date (agency copy, a page without a dateline)
        # leaves the property out: a null or a guessed value would claim what we don't know.
        if source.headline is not None:
            work["headline"] = source.headline
        if source.published is not None:
            work["datePublished"] = source.published.isoformat()
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
        "datePublished": story.published.isoformat(),
        "dateModified": story.updated.isoformat(),
        "citation": citations,
    }
    if url is not None:
        article["url"] = url
        article["mainEntityOfPage"] = url
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": update.summary,
            "datePublished": update.date.isoformat(),
        }
        for update in data.updates
        if update.kind is UpdateKind.CORRECTION
    ]
    if corrections:
        article["correction"] = corrections
    return article


def script_json(document: dict[str, Any]) -> str:
    """JSON for the inside of a ``<script type="application/ld+json">`` element."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in text)
