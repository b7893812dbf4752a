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

Zensical's templates (``make build-zensical``, see :mod:`generator.engines.zensical`, which runs
:func:`fix_page` over every page it built) write two more, which Material for MkDocs does not:

- ``<label class="md-header__button md-icon" for="__drawer" aria-label="Navigation">`` (and
  ``for="__search" aria-label="Search"``): HTML forbids ``aria-label`` on a label that belongs to
  a control, since the label is itself the control's name. The name moves to the control, the
  ``md-toggle`` checkbox the label is for, as Zensical's own colour-scheme inputs carry theirs.
- ``<label class="md-overlay" for="__drawer" aria-hidden="true">``: ``aria-hidden`` is forbidden
  on such a label too. The overlay is empty (nothing to hide from a screen reader), so the
  attribute goes, which leaves the tag as Material for MkDocs writes it.

One fault is ours to avoid, in markup Material's script meets: before it shows a page (also the
first), Material's instant navigation makes every ``[href]`` link absolute by assigning its
``href`` property, which an SVG ``<a>`` has only as a getter (an ``SVGAnimatedString``). The
``TypeError`` stops Material's page pipeline (console error; Lighthouse best practices 96 on the
figures page). So the event marks of the figure charts (``<a class="chart-event" href=…>``, their
address already resolved by each engine) carry it as ``xlink:href``, which SVG 2 still reads and
the ``[href]`` selector does not match.

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


_TOGGLES = ("__drawer", "__search")
_CHART_EVENT_HREF = re.compile(r'<a class="chart-event" href="')
"""The ids of Material's drawer and search checkboxes (``class="md-toggle"``)."""
_OVERLAY = re.compile(
    rf'(<label(?=\s)(?={_ATTRS}\sclass="md-overlay"){_ATTRS})\saria-hidden="true"'
)


def _escape_template(text: str) -> str:
    """``text`` as literal text in an ``re.sub`` replacement."""
    return text.replace("\\", "\\\\")


def _name_toggles_not_labels(html: str) -> str:
    """Each toggle label's ``aria-label`` moved to the checkbox it is for (left on the label
    when that checkbox is not on the page or has a name already, so that nothing loses one)."""
    for toggle_id in _TOGGLES:
        control = re.compile(
            rf'<input(?=\s)(?={_ATTRS}\sclass="md-toggle")(?={_ATTRS}\sid="{toggle_id}")'
            rf"(?!{_ATTRS}\saria-label=)({_ATTRS})>"
        )
        labelled = re.compile(
            rf'<label(?=\s)(?={_ATTRS}\sfor="{toggle_id}")({_ATTRS})\saria-label="([^"]*)"'
            rf"({_ATTRS})>"
        )
        label = labelled.search(html)
        if label is None or control.search(html) is None:
            continue
        html = labelled.sub(r"<label\1\3>", html)
        named = f'<input\\1 aria-label="{_escape_template(label.group(2))}">'
        html = control.sub(named, html, count=1)  # the name as Zensical's template escaped it
    return html


def _drop_checkbox_autocomplete(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not _TYPE_CHECKBOX.search(tag):
        return tag
    return _AUTOCOMPLETE.sub("", tag)


def fix_page(html: str) -> str:
    """``html`` with Material's invalid checkbox attributes removed, its search dialog named,
    Zensical's names of label elements moved to their controls, and the chart event marks'
    addresses in ``xlink:href``."""
    html = _CHECKBOX.sub(_drop_checkbox_autocomplete, html)
    html = _name_toggles_not_labels(html)
    html = _OVERLAY.sub(r"\1", html, count=1)
    html = _CHART_EVENT_HREF.sub('<a class="chart-event" xlink:href="', html)
    label = _SEARCH_FIELD_LABEL.search(html)
    name = label.group(1) if label else "Search"  # already escaped by Material's template

    def name_dialog(match: re.Match[str]) -> str:
        attrs = match.group(1)
        if 'role="dialog"' not in attrs or re.search(r"\saria-label(?:ledby)?=", attrs):
            return match.group(0)
        return f'<div{attrs} aria-label="{name}">'

    return _DIALOG.sub(name_dialog, html, count=1)
