"""What each generated page shows: its context, made from the story grouped once per render.

:class:`StoryGroups` holds the story's records grouped once per render (each player's quotes,
positions and events, the long lists in parts...), so no page scans every list per record; each
function here makes one page kind's context from it (the table of page kinds,
:mod:`generator.pages.pagekinds`, names them), or, for a kind with a page per part of a long list
(:mod:`generator.pages.splits`), each page's :class:`PartPage`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.pages.asof import as_of_days, as_of_page, as_of_title
from generator.pages.datareference import reference_sections
from generator.pages.escape import Trusted
from generator.pages.guide import guide_markdown
from generator.pages.parts import Part, Split
from generator.pages.recordfields import record_fields
from generator.pages.splits import Parts
from generator.pages.stancematrix import StanceMatrix, stance_columns, stance_matrix
from generator.pages.storyindex import Index
from generator.pages.strip import period_layout, player_ids, strip_layout
from generator.pages.wording import claim_state, excerpt_text
from generator.schema.datemodel import sort_key
from generator.schema.kinds import Kind, csv_kinds
from generator.schema.model import SLUG_PATTERN, Actor, Event, Position, Question, Quote

__all__ = [
    "CITED_BY_PAGE",
    "Context",
    "PartPage",
    "StoryGroups",
    "player_context",
    "records_context",
]


class StoryGroups:
    """The story's records grouped once per render, for the pages' contexts: scanning every list
    per player made rendering grow with the square of the story's size."""

    def __init__(self, index: Index) -> None:
        data = self.data = index.data
        self.index = index
        self.parts: Parts = index.parts
        self.events: list[Event] = sorted(data.events, key=sort_key)  # stable: file order
        self.members: dict[str, list[Actor]] = defaultdict(list)
        for actor in data.actors:
            if actor.affiliation:
                self.members[actor.affiliation].append(actor)
        self.quotes_by: dict[str, list[Quote]] = defaultdict(list)
        for quote in data.quotes:
            self.quotes_by[quote.speaker].append(quote)
        self.positions_by: dict[str, list[Position]] = defaultdict(list)
        # question id -> its positions in file order (the stances page lists them per question)
        self.positions_by_question: dict[str, list[Position]] = defaultdict(list)
        for position in data.positions:
            self.positions_by[position.actor].append(position)
            self.positions_by_question[position.question].append(position)
        self.events_by: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:  # in date order
            for actor_id in player_ids(event):
                self.events_by[actor_id].append(event)
        self._matrix: StanceMatrix | None = None

    def matrix(self) -> StanceMatrix:
        """The stance matrix (players with a position, a cell per answered question)."""
        if self._matrix is None:
            self._matrix = stance_matrix(self.data, self.positions_by)
        return self._matrix


Context = Callable[[StoryGroups], dict[str, Any]]


@dataclass(frozen=True)
class PartPage:
    """One page of a kind with a page per part of a long list (:mod:`generator.pages.splits`)."""

    id: str
    """What ``{id}`` of the kind's path becomes."""
    title: str
    context: Callable[[], dict[str, Any]]
    """Its context, made only if the page is rendered (not kept from the last render)."""
    shown: tuple[tuple[str, Any], ...] | None = None
    """(kind, record) of every record the page shows, when those, what they refer to and the
    list's parts (:attr:`split`) are all it shows: then it is kept from the last render while
    none of them changed (:mod:`generator.pages.rerender`), as a player's page is; None: kept
    only while no record of a kind it may show changed (a part of the sources shows every fact
    citing its passages)."""
    split: tuple[str, ...] = ()
    """The ids and titles of its list's parts (its navigation names its neighbours)."""


def _fine(split: Split, kind: str, part: Part, *more: tuple[str, Any]) -> dict[str, Any]:
    """The :class:`PartPage` fields of a part whose page shows its records and ``more``."""
    shown = (*more, *((kind, record) for record in part.records))
    return {"shown": shown, "split": tuple(f"{p.id} {p.title}" for p in split.parts)}


# --- the pages' contexts -----------------------------------------------------------------------


def figures(g: StoryGroups) -> dict[str, Any]:
    """The timeline's events, in time order (the figures page's charts)."""
    return {"events": g.events}


def _event_list(
    g: StoryGroups, events: list[Event], split: Split, part: Part | None
) -> dict[str, Any]:
    """A list of events with its strip and its filter's players (the whole timeline, or one
    period's page)."""
    shown = {actor_id for event in events for actor_id in player_ids(event)}
    players = sorted((a for a in g.data.actors if a.id in shown), key=lambda a: a.name)
    # a period of one day has no strip: its marks would only stack, fifty high at k=100
    strip = None if part is not None and part.first == part.last else strip_layout(events)
    return {"events": events, "strip": strip, "players": players, "split": split, "part": part}


def timeline(g: StoryGroups) -> dict[str, Any]:
    split = g.parts.timeline
    if not split:
        return _event_list(g, g.events, split, None)
    marks = [
        (
            p.first,
            p.last,
            f"{p.title}: {_count(len(p.records), 'event')}",
            split.path(p),
            len(p.records),
        )
        for p in split.parts
        if p.first is not None and p.last is not None
    ]
    # its embed shows the latest events (an iframe of the whole of a long story would be huge)
    latest = g.events[-g.parts.limits["event"] :]
    return {
        "events": latest,
        "strip": period_layout(marks),
        "players": [],
        "split": split,
        "part": None,
    }


def timeline_periods(g: StoryGroups) -> list[PartPage]:
    split = g.parts.timeline

    def page(p: Part) -> PartPage:
        context = functools.partial(_event_list, g, list(p.records), split, p)
        return PartPage(p.id, f"Timeline: {p.title}", context, **_fine(split, "event", p))

    return [page(p) for p in split.parts]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def stances(g: StoryGroups) -> dict[str, Any]:
    split = g.parts.stances
    context = {
        "questions": g.data.questions,
        "positions_by_question": g.positions_by_question,
        "split": split,
        "part": None,
    }
    if split:  # each question on a page of its own; here how many hold each stance
        columns = stance_columns(g.data.questions)
        counts = stance_counts(g, columns)
        return {**context, "matrix": None, "counts": counts, "columns": columns}
    return {**context, "matrix": g.matrix(), "counts": []}


def stance_counts(
    g: StoryGroups, columns: tuple[tuple[str, str], ...]
) -> list[tuple[Question, list[tuple[str, int, Position | None]]]]:
    """Per question, per column (:func:`stance_columns`): the column, how many positions, and
    the first (on its question's page, grouped by stance, a count links to it)."""
    out = []
    for question in g.data.questions:
        cells: dict[str, list[Position]] = {column: [] for column, _ in columns}
        for part in g.parts.stances.parts:
            if part.id.split("/")[0] == question.id:
                for position in part.records:
                    contested = claim_state(position) == "contested"
                    cells["contested" if contested else position.stance.value].append(position)
        out.append((question, [(k, len(c), c[0] if c else None) for k, c in cells.items()]))
    return out


def stance_questions(g: StoryGroups) -> list[PartPage]:
    split = g.parts.stances
    by_id = {question.id: question for question in g.data.questions}
    pages = []
    for part in split.parts:
        question = by_id[part.id.split("/")[0]]
        context = {
            "questions": [question],
            "positions_by_question": {question.id: list(part.records)},
            "matrix": None,
            "counts": [],
            "split": split,
            "part": part,
        }
        fine = _fine(split, "position", part, ("question", question))
        pages.append(PartPage(part.id, part.title, functools.partial(dict, context), **fine))
    return pages


def _listed(
    name: str, field: str, title: str, fine: str = "", more: Context | None = None, **extra: Any
) -> tuple[Context, Callable[[StoryGroups], list[PartPage]]]:
    """The context of a list page that may be split (``name``: its split in :class:`Parts`;
    ``field``: the records' context name and :class:`StoryData` field; ``extra``: more of its
    context; ``more``: what of its context is made from the story) and of its parts' pages (titled
    ``title: <the part's title>``, or the part's own title without one; ``fine``: the kind of its
    records, if they are all its pages show)."""

    def whole(g: StoryGroups) -> dict[str, Any]:
        split: Split = getattr(g.parts, name)
        records = [] if split else getattr(g.data, field)
        made = more(g) if more else {}
        return {
            field: records,
            "split": split,
            "part": None,
            "limits": g.parts.limits,
            **extra,
            **made,
        }

    def parts(g: StoryGroups) -> list[PartPage]:
        split: Split = getattr(g.parts, name)

        def context(part: Part) -> dict[str, Any]:
            return {
                field: list(part.records),
                "split": split,
                "part": part,
                "limits": g.parts.limits,
                **extra,
                **(more(g) if more else {}),
            }

        return [
            PartPage(
                part.id,
                f"{title}: {part.title}" if title else part.title,
                functools.partial(context, part),
                # Kept while its own records are unchanged, unless it shows more of the story
                # (a quote's other versions may be in another part).
                **(_fine(split, fine, part) if fine and not more else {}),
            )
            for part in split.parts
        ]

    return whole, parts


CITED_BY_PAGE = "sources/cited-by/{id}.md"
"""The page of every fact citing an excerpt that more facts cite than the sources page lists
(:data:`generator.pages.splits.LIMITS`, ``cited-by``)."""

players, players_parts = _listed("players", "actors", "Who’s who", "actor")


def quote_versions(g: StoryGroups) -> dict[str, Any]:
    """Each quote's other versions of its statement (``version_of``, either way, and the
    versions of those), in file order."""
    group = {quote.id: quote.id for quote in g.data.quotes}

    def root(quote_id: str) -> str:
        while group[quote_id] != quote_id:
            quote_id = group[quote_id]
        return quote_id

    for quote in g.data.quotes:
        if quote.version_of in group:
            group[root(quote.id)] = root(quote.version_of)
    members: dict[str, list[Quote]] = defaultdict(list)
    for quote in g.data.quotes:
        members[root(quote.id)].append(quote)
    versions = {
        quote.id: [other for other in members[root(quote.id)] if other.id != quote.id]
        for quote in g.data.quotes
    }
    return {"versions": versions}


quotes, quotes_parts = _listed("quotes", "quotes", "Quotes", "quote", more=quote_versions)
sources, sources_parts = _listed("sources", "sources", "", cited_by_page=CITED_BY_PAGE)


def cited_by(g: StoryGroups) -> list[PartPage]:
    pages = []
    for excerpt_id, citing in g.index.cited_by.items():
        if len(citing) > g.parts.limits["cited-by"]:
            excerpt = g.index.get("excerpt", excerpt_id)
            words = excerpt.text.split()
            short = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            short = excerpt_text(excerpt.model_copy(update={"text": short}))
            context = {
                "excerpt": excerpt,
                "source": g.index.source_of(excerpt_id),
                "citing": citing,
            }
            title = f"Cited by: {short}"
            pages.append(PartPage(excerpt_id, title, functools.partial(dict, context)))
    return pages


def reference(g: StoryGroups) -> dict[str, Any]:
    return {"files": reference_sections(), "id_pattern": SLUG_PATTERN, "csv_kinds": csv_kinds()}


def guide(g: StoryGroups) -> dict[str, Any]:
    return {"guide": Trusted(guide_markdown(site=True))}  # ours, from the model and examples


def updates(g: StoryGroups) -> dict[str, Any]:
    days = as_of_days(g.data)
    # Each update links to the explainer as it stood at the end of its day, if that is a page.
    return {
        "updates": sorted(g.data.updates, key=lambda u: u.date, reverse=True),
        "days": days,
        "as_of": {day.isoformat() for day in days},
    }


def as_of(g: StoryGroups) -> list[PartPage]:
    """The explainer as it stood on each day of some updates (:mod:`generator.pages.asof`):
    each page shows the whole story then, so it is kept only while no fact, source or update
    changed."""
    days = as_of_days(g.data)
    return [
        PartPage(
            day.isoformat(),
            as_of_title(day),
            functools.partial(as_of_page, g.data, g.index, day, days),
        )
        for day in days
    ]


def player_context(g: StoryGroups, actor: Actor) -> dict[str, Any]:
    """A player page's context (a page per record: made per player, not from the table)."""
    # .get, not [...]: the groupings are defaultdicts, and a lookup would add the player to them
    # (the timeline lists the players of events_by; player pages may be made before it).
    return {
        "actor": actor,
        "members": g.members.get(actor.id, []),
        "quotes": g.quotes_by.get(actor.id, []),
        "positions": g.positions_by.get(actor.id, []),
        "events": g.events_by.get(actor.id, []),
    }


def records_context(kind: Kind[Any]) -> Context:
    """The generic page of a kind that no page kind of the table shows."""

    def context(g: StoryGroups) -> dict[str, Any]:
        return {"kind": kind, "records": g.data.records(kind), "fields": record_fields}

    return context
