"""The share meta of each page as front matter, for Zensical, which runs no MkDocs plugin.

Under MkDocs the plugin puts each page's share values (:mod:`generator.outputs.sharemeta`) into the
page's template context. Zensical reads the same theme overrides but calls no plugin, so the
rendered docs folder ``make build-zensical`` builds from carries the
same values in each page's front matter, as ``explainer_share`` (a mapping in YAML's block
style), and ``theme/partials/share-meta.html`` reads them from ``page.meta`` there. The site's name,
description and address come from mkdocs.yml (:func:`share_site`). ``explainer serve`` leaves
the share meta and images out (see :meth:`generator.engines.devserver.server.DevServer.refresh`).
Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.outputs.sharemeta import page_url, share_meta
from generator.pages.frontmatter import FRONT_MATTER, SHARE_KEY, plain, split_front_matter
from generator.pages.storyindex import Index

__all__ = ["FRONT_MATTER_KEY", "ShareSite", "content_title", "share_site", "with_share"]

FRONT_MATTER_KEY = SHARE_KEY

_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class ShareSite:
    """What mkdocs.yml says that the share meta needs."""

    site_name: str
    site_description: str | None = None
    site_url: str | None = None


def share_site(config: dict[str, Any]) -> ShareSite:
    """From a loaded mkdocs.yml (its ``site_url`` already checked to be http(s))."""
    description = config.get("site_description")
    url = config.get("site_url")
    return ShareSite(
        site_name=str(config.get("site_name") or ""),
        site_description=str(description) if description else None,
        site_url=str(url) if url else None,
    )


def content_title(markdown: str) -> str:
    """A hand-written page's title as plain text: its front matter's ``title``, else its first
    level-1 heading (links reduced to their text), else its address."""
    meta, body = split_front_matter(markdown)
    if isinstance(meta.get("title"), str):
        return plain(meta["title"])  # escaped in the page (generator.pages.frontmatter)
    heading = _HEADING.search(body)
    if heading is None:
        return ""
    return _LINK.sub(r"\1", heading.group(1)).replace("`", "").replace("**", "").strip()


def _front_matter(values: dict[str, Any]) -> str:
    return yaml.safe_dump(
        {FRONT_MATTER_KEY: values}, allow_unicode=True, sort_keys=True, width=10_000
    )


def with_share(
    index: Index, path: str, markdown: str, site: ShareSite, *, title: str | None = None
) -> str:
    """The page's Markdown with its share values added to its front matter (made if it has
    none; an ``explainer_share`` of its own is replaced). ``title``: a generated page's title
    (a hand-written page's is read from its Markdown)."""
    meta, body = split_front_matter(markdown)
    description = meta.get("description")
    if isinstance(description, str):
        description = plain(description)  # escaped in the page, as the title
    share = share_meta(
        index,
        path,
        title=title if title is not None else content_title(markdown) or page_url(path),
        site_name=site.site_name,
        site_description=site.site_description,
        description=description if isinstance(description, str) else None,
        site_url=site.site_url,
    )
    block = _front_matter(share.as_dict())
    match = FRONT_MATTER.match(markdown)
    if match is None:
        return f"---\n{block}---\n\n{markdown}"
    own = match.group(1) or ""
    if FRONT_MATTER_KEY in meta:  # rare: written again without it (its comments are lost)
        rest = {key: value for key, value in meta.items() if key != FRONT_MATTER_KEY}
        own = yaml.safe_dump(rest, allow_unicode=True, sort_keys=False) if rest else ""
    return f"---\n{block}{own}---\n{body}"
