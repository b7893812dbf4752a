"""A hand-written page's front matter: found, read, and made safe to print.

Material's templates (and Zensical's, which read the same ``theme/`` overrides) print front
matter as HTML: ``{{ page.meta.title }}`` in the header, ``content="{{ page.meta.description }}"``
in a ``<meta>``, the author, a nav item's subtitle; MkDocs' ``page.title`` (the nav, the footer's
previous and next links, the search index) is the front matter's ``title`` as written. A
contributor's ``title: <img src=x onerror=alert(1)>`` or a ``description`` with ``"`` would be
live markup. So every text of a content page's front matter is HTML-escaped once, before either
engine sees it: :func:`escaped_meta` for the plugin (MkDocs has parsed it already) and
:func:`with_escaped_front_matter` for the Markdown written for Zensical. Whoever reads a value
back as text (the share meta) unescapes it with :func:`plain`. ``explainer_share`` (the share
meta written for Zensical, escaped by ``theme/partials/share-meta.html``) is left as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import markupsafe
import yaml

__all__ = [
    "FRONT_MATTER",
    "SHARE_KEY",
    "escaped_meta",
    "plain",
    "split_front_matter",
    "with_escaped_front_matter",
]

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
"""YAML front matter as MkDocs reads it: between ``---`` and ``---`` (or ``...``) lines."""

SHARE_KEY = "explainer_share"
"""The share meta's own key (:mod:`generator.outputs.sharefront`): already escaped by the theme."""


def split_front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    """(front matter as a mapping, the rest); ``{}`` when there is none or it is not a YAML
    mapping (``explainer check`` reports that)."""
    match = FRONT_MATTER.match(markdown)
    if match is None:
        return {}, markdown
    try:
        meta = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), markdown[match.end() :]


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return str(markupsafe.escape(value))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def escaped_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """``meta`` with every text HTML-escaped (in lists and mappings too), but the share meta."""
    return {key: value if key == SHARE_KEY else _escaped(value) for key, value in meta.items()}


def plain(value: str) -> str:
    """A front-matter text as the reader sees it (what :func:`escaped_meta` escaped)."""
    return html.unescape(value)


def with_escaped_front_matter(markdown: str) -> str:
    """The page with its YAML front matter's texts escaped (written again as YAML; comments
    are lost); unchanged when it has none."""
    match = FRONT_MATTER.match(markdown)
    meta, body = split_front_matter(markdown)
    if match is None or not meta:
        return markdown
    dumped = yaml.safe_dump(escaped_meta(meta), allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n{body}"
