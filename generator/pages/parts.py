"""A list cut into parts, each a page of its own: :class:`Part`, :class:`Split`, :func:`numbered`.

Which lists are cut, where and why: :mod:`generator.pages.splits`; the timeline's periods:
:mod:`generator.pages.periods`. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.schema import kinds

__all__ = ["Part", "Split", "anchor", "numbered"]


@dataclass(frozen=True)
class Part:
    """One page of a split list."""

    id: str
    """Its page's path below its list's folder: ``2015-11``, ``2015-11-24/2``, ``3``."""
    title: str
    """What it holds, in words: ``November 2015``, ``Alexander Orlov to François Hollande``."""
    records: tuple[Any, ...]
    """The records it lists, in its page's order."""
    blocks: tuple[tuple[str, str], ...]
    """(kind, id) of every record with a block on its page (its records, and the question or
    excerpts on the page with them)."""
    first: dt.date | None = None
    last: dt.date | None = None
    """A period's first and last days with an event (its bar on the overview strip)."""

    @property
    def anchors(self) -> str:
        """The HTML ids of its blocks, space-separated (the overview's ``data-anchors``)."""
        return " ".join(anchor(kind, record_id) for kind, record_id in self.blocks)


@dataclass(frozen=True)
class Split:
    """A list cut into parts: ``parts`` is empty while the list fits one page."""

    name: str
    """The page kind of its overview (``timeline``)."""
    kind: str
    """The record kind it lists (``event``)."""
    folder: str
    """Where its parts' pages are: ``timeline`` -> ``timeline/2015-11.md``."""
    parts: tuple[Part, ...]
    total: int
    """How many records the whole list holds."""
    noun: str
    """What readers call one of its records (``event``, ``player``)."""
    part_noun: str
    """What readers call one of its parts (``period``, ``question``, ``page``)."""
    whole: str
    """The whole list, in words (``the timeline``)."""
    every: str
    """The link to its overview from a part's page (``every period``)."""

    @property
    def overview(self) -> str:
        """The page that lists every part: the list's own page while it is whole."""
        page = kinds.by_name(self.kind).page
        assert page is not None
        return page

    def path(self, part: Part) -> str:
        return f"{self.folder}/{part.id}.md"

    def number(self, part: Part) -> int:
        return self.parts.index(part) + 1

    def neighbours(self, part: Part) -> tuple[Part | None, Part | None]:
        """The parts before and after ``part``."""
        at = self.parts.index(part)
        before = self.parts[at - 1] if at > 0 else None
        return before, self.parts[at + 1] if at + 1 < len(self.parts) else None

    def __bool__(self) -> bool:
        return bool(self.parts)


def anchor(kind: str, record_id: str) -> str:
    """The HTML id of a record's block: ``event-x``."""
    return kinds.by_name(kind).anchor_of(record_id)


def numbered(
    records: Sequence[Any],
    limit: int,
    part: Callable[[str, str, Sequence[Any]], Part],
    base: str,
    title: str = "",
) -> list[Part]:
    """``records`` cut into parts of at most ``limit``, in order, made by ``part(id, title,
    records)``: ids ``base``, ``base/2``, ... (a ``base`` of '' numbers them from 1), titled
    ``title (part n of m)`` when there are several."""
    count = -(-len(records) // limit)
    out = []
    for n in range(count):
        chunk = records[n * limit : (n + 1) * limit]
        id_ = str(n + 1) if not base else base if n == 0 else f"{base}/{n + 1}"
        suffix = f" (part {n + 1} of {count})" if count > 1 and base else ""
        out.append(part(id_, title + suffix, chunk))
    return out
