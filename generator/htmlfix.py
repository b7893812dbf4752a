"""Fixes to Material's HTML that its templates do not let us make: one function per page.

The Nu Html Checker and Lighthouse find two faults in markup that Material writes outside any
template block or partial we could override without copying its whole ``base.html`` or
``partials/header.html`` (whose copies would also replace Zensical's different templates, which
read the same ``custom_dir``):

- ``<input type="checkbox" … autocomplete="off">`` for the drawer and search toggles: HTML allows
  ``autocomplete`` only on text-like inputs (Material keeps it so that Firefox does not restore a
  toggle's checked state on reload; ``theme/assets/share.js`` now unchecks a restored toggle).
- ``<div class="md-search" role="dialog">`` without an accessible name (Lighthouse's
  ``aria-dialog-name``): it gets ``aria-label`` with the same words as the search field's own
  ``aria-label``, which Material translates ("Search" in English).

:func:`fix_page` changes only those tags, each found by a pattern anchored on Material's own
classes and ids; text from the story's YAML reaches the page escaped (``&lt;input``), so it can
never match. A page without them (an embed page, an error page) comes back unchanged. Where a
template override can do the job (``theme/partials/toc.html``), it does, and nothing is here.
Nothing here imports mkdocs; the plugin calls :func:`fix_page` from ``on_post_page``.
"""

from __future__ import annotations

import re

__all__ = ["fix_page"]

_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
"""The inside of a start tag: attribute values in quotes may hold ``>``."""

_CHECKBOX = re.compile(rf"<input\b{_ATTRS}>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""", re.I)
_TYPE_CHECKBOX = re.compile(r"""\stype\s*=\s*["']?checkbox["'\s>]""", re.IGNORECASE)

_DIALOG = re.compile(rf'<div(?=\s)(?={_ATTRS}\sclass="md-search")({_ATTRS})>')
_SEARCH_FIELD_LABEL = re.compile(
    rf'<input(?=\s)(?={_ATTRS}\sclass="md-search__input"){_ATTRS}\saria-label="([^"]*)"'
)


def _drop_checkbox_autocomplete(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not _TYPE_CHECKBOX.search(tag):
        return tag
    return _AUTOCOMPLETE.sub("", tag)


def fix_page(html: str) -> str:
    """``html`` with Material's invalid checkbox attributes removed and its search dialog named."""
    html = _CHECKBOX.sub(_drop_checkbox_autocomplete, html)
    label = _SEARCH_FIELD_LABEL.search(html)
    name = label.group(1) if label else "Search"  # already escaped by Material's template

    def name_dialog(match: re.Match[str]) -> str:
        attrs = match.group(1)
        if 'role="dialog"' not in attrs or re.search(r"\saria-label(?:ledby)?=", attrs):
            return match.group(0)
        return f'<div{attrs} aria-label="{name}">'

    return _DIALOG.sub(name_dialog, html, count=1)
