"""The explainer as it stood: for each of our updates after which the story moved, a page
(``as-of/<day>.md``) with "What we know", the figures, the claims' statuses and the timeline as
they stood at the end of that day (:func:`generator.read.history.as_it_stood`: later
developments and sources published later left out; today's corrections kept, and marked).

Each page says first that it is not the current explainer and links to it, and names every day
that has such a page (the "as of" control, also at the top of the updates page); each update's
entry links to the page of its day. The output is bounded: one page per day on which we updated
the explainer and after which something happened or was published (an update on the story's
last day gets none: its page would be the current one), at most ``AS_OF_PAGES``, the latest.
Each page shows the story as it stood, so it is at most the size of the figures, claims and
timeline pages together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.pages.escape import Trusted
from generator.pages.linker import Linker
from generator.pages.storyindex import Index
from generator.pages.summary import what_we_know
from generator.pages.wording import long_date
from generator.read.history import as_it_stood, developments, snapshot_days
from generator.schema import kinds
from generator.schema.datemodel import sort_key, start
from generator.schema.kinds import StoryData

__all__ = ["AS_OF_PAGES", "AS_OF_PATH", "AsOfLinker", "as_of_days", "as_of_page", "as_of_title"]

AS_OF_PAGES = 20
"""At most this many as-it-stood pages: the latest days."""

AS_OF_PATH = "as-of/{id}.md"
"""Docs-relative path of the page of one day (``{id}``: the day, YYYY-MM-DD)."""

SHOWN = frozenset({"event", "figure", "report", "quote", "position"})
"""The record kinds an as-it-stood page shows in blocks of its own: a link to one stays on it."""


_LAST_DAYS: list[tuple[StoryData, list[dt.date]]] = []
"""The last story's days: a render asks three times (the home page, the updates page and the
pages of the days), and working them out walks every development (20 ms at k=100)."""


def as_of_days(data: StoryData) -> list[dt.date]:
    """The days that have an as-it-stood page, oldest first."""
    if not _LAST_DAYS or _LAST_DAYS[0][0] is not data:
        _LAST_DAYS[:] = [(data, snapshot_days(data, AS_OF_PAGES))]
    return list(_LAST_DAYS[0][1])


def as_of_path(day: dt.date) -> str:
    return AS_OF_PATH.format(id=day.isoformat())


class AsOfLinker(Linker):
    """Links from an as-it-stood page, over the story as it stood: a record the page shows
    links to its block on the page; corrections are those of the story now (a value shown is
    today's, corrected since or not)."""

    def __init__(self, index: Index, page_path: str, now: Index) -> None:
        super().__init__(index, page_path)
        self.now = now
        self._now = Linker(now, page_path)

    def at(self, kind_name: str, record_id: str, text: str) -> Trusted:
        if kind_name in SHOWN:
            return self.link(text, self.page_path, kinds.by_name(kind_name).anchor_of(record_id))
        # Any other record is shown where the site shows it now: in a long story, the page of
        # the part that holds it today (the story as it stood may have been short enough for
        # one page).
        return self._now.at(kind_name, record_id, text)

    def corrections(self, fact_id: str) -> Trusted:
        return self._now.corrections(fact_id)


def _claims(then: StoryData) -> list[tuple[str, Any]]:
    """The claims of the story as it stood (a record with a status history or a claimant),
    besides the events, which the timeline shows: (kind name, record)."""
    out = []
    for kind in kinds.fact_kinds():
        if kind.name == "event" or kind.name not in SHOWN:
            continue
        for record in then.records(kind):
            if getattr(record, "status", None) or getattr(record, "claimed_by", None):
                out.append((kind.name, record))
    return out


def as_of_page(data: StoryData, now: Index, day: dt.date, days: list[dt.date]) -> dict[str, Any]:
    """The context of the page of ``day``: the story then, its linker and what came after."""
    then = as_it_stood(data, day)
    index = Index(then)
    path = as_of_path(day)
    ln = AsOfLinker(index, path, now)
    later = [d for d in developments(data) if start(d.day) > day]
    return {
        "day": day,
        "days": days,
        "then": then,
        "then_index": index,
        "then_ln": ln,
        "summary": Trusted(what_we_know(index, path, ln=ln)),
        "events": sorted(then.events, key=sort_key),
        "claims": _claims(then),
        "later": len(later),
        "latest": later[0] if later else None,
    }


def as_of_title(day: dt.date) -> str:
    return f"The explainer as it stood on {long_date(day)}"
