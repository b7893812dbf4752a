"""Long lists in parts: which page shows which record once a list outgrows one page.

A page that lists every record of a kind grows with the story. At a hundred times the shipped
story (the benchmark's k=100: 600 events, 1,600 players, 2,200 positions, 600 quotes) the
timeline was one 867 KB page, the stances 2.36 MB, the players 1.17 MB and the quotes 448 KB,
and a reader's phone laid out all of it. Past a size (:data:`LIMITS`, records per page) such a
list is cut into parts, each a page of its own, and its kind's page becomes an overview that
links to each part; a list within its limit stays one page, as before.

- **The timeline, by period** (:mod:`generator.pages.periods`), as long-running timelines are
  split: calendar periods (a year, a month, a quarter of a month, a day), so a period's page
  keeps its address while the story grows elsewhere; only a period past the limit is cut finer.
- **The stances, by question**: a page per question (every question, so each has a page to
  link to), its positions grouped by stance, a question past the limit in numbered parts.
- **The players and the quotes**, in alphabetical parts (by name; quotes by their speaker's).
- **The sources**, in parts of whole sources, in the file's order.

:class:`Parts` holds each split list and where each record went (:meth:`Parts.page_of`): the
linker reads it, so every link to a record (``[[event:id]]`` too) leads to the page that shows
it; an old address (``timeline/#event-x``) is forwarded by the overview's own listing of each
part's anchors (``data-anchors``, read by ``theme/assets/share.js``). Nothing here imports mkdocs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from generator.pages.parts import Part, Split, anchor, numbered
from generator.pages.periods import periods
from generator.pages.wording import claim_state
from generator.schema.datemodel import sort_key
from generator.schema.kinds import StoryData
from generator.schema.model import Position, Question, Source, Stance

__all__ = ["LIMITS", "STANCE_ORDER", "Parts"]

LIMITS: Mapping[str, int] = MappingProxyType(
    {"event": 50, "position": 50, "actor": 100, "quote": 50, "excerpt": 100, "cited-by": 10}
)
"""The most records of a kind a page lists before its list is cut into parts: about 70 KB of
HTML for 50 events (1.4 KB each with its strip mark), 75 KB for 100 players' cards, 70 KB for
the Surfside example's 66 excerpts; a page a phone lays out at once, under a third of the
300 KB that no page may pass. ``cited-by``: the most facts an excerpt's "Cited by" lists on the
sources page; past it, the first of them and a link to a page that lists them all (at k=100 an
excerpt was cited by hundreds of facts, and their names were most of a 721 KB sources page)."""

STANCE_ORDER = (Stance.SUPPORTS, Stance.OPPOSES, Stance.CONDITIONAL, Stance.UNCLEAR)
"""The order of a split question's positions (its page lists them grouped by stance)."""


def _folded(name: str) -> str:
    """A name as the alphabet orders it: 'Élysée' next to 'Elysee'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _named_range(first: str, last: str) -> str:
    return first if first == last else f"{first} to {last}"


def _stance_rank(position: Position) -> int:
    """A split question's order: by stance, then the positions whose claim is contested (shown
    with no stance)."""
    if claim_state(position) == "contested":
        return len(STANCE_ORDER)
    return STANCE_ORDER.index(position.stance)


def _question_parts(
    questions: Sequence[Question], by_question: dict[str, list[Position]], limit: int
) -> list[Part]:
    out: list[Part] = []
    for question in questions:
        mine = sorted(by_question.get(question.id, []), key=_stance_rank)  # stable: file order

        def part(id_: str, title: str, chunk: Sequence[Any], q: Question = question) -> Part:
            blocks = [("question", q.id)] if id_ == q.id else []
            blocks += [("position", p.id) for p in chunk]
            return Part(id_, title, tuple(chunk), tuple(blocks))

        if mine:
            out += numbered(mine, limit, part, question.id, question.question)
        else:
            out.append(part(question.id, question.question, []))
    return out


def _alphabetical(
    records: Iterable[Any], name: Callable[[Any], str], kind: str, limit: int
) -> list[Part]:
    ordered = sorted(records, key=lambda r: _folded(name(r)))  # stable: file order

    def part(id_: str, _title: str, chunk: Sequence[Any]) -> Part:
        title = _named_range(name(chunk[0]), name(chunk[-1]))
        return Part(id_, title, tuple(chunk), tuple((kind, r.id) for r in chunk))

    return numbered(ordered, limit, part, "")


def _source_parts(sources: Sequence[Source], limit: int) -> list[Part]:
    """Whole sources, in file order, at most ``limit`` excerpts a part (a source with more is a
    part of its own)."""
    chunks: list[list[Source]] = []
    held = 0
    for source in sources:
        if not chunks or held + len(source.excerpts) > limit:
            chunks.append([])
            held = 0
        chunks[-1].append(source)
        held += len(source.excerpts)
    out = []
    done = 0
    for n, chunk in enumerate(chunks, start=1):
        blocks = [
            block
            for source in chunk
            for block in (("source", source.id), *(("excerpt", e.id) for e in source.excerpts))
        ]
        first, last = done + 1, done + len(chunk)
        title = f"Sources {first} to {last}" if last > first else f"Source {first}"
        out.append(Part(str(n), title, tuple(chunk), tuple(blocks)))
        done += len(chunk)
    return out


@dataclass
class Parts:
    """Every long list of a story in parts, and the page each record moved to."""

    timeline: Split
    stances: Split
    players: Split
    quotes: Split
    sources: Split
    limits: Mapping[str, int]
    moved: dict[str, str] = field(default_factory=dict)
    """An anchor (``event-x``) -> the docs-relative page of its block, if not its kind's page."""
    moved_records: dict[tuple[str, str], str] = field(default_factory=dict)
    """The same by (kind, id): what a re-render compares (a record whose block moved)."""

    @classmethod
    def of(cls, data: StoryData, limits: Mapping[str, int] = LIMITS) -> Parts:
        """``data``'s long lists in parts, each cut past its limit (``limits``: by record kind,
        as :data:`LIMITS`)."""
        events = sorted(data.events, key=sort_key)
        by_question: dict[str, list[Position]] = {}
        for position in data.positions:
            by_question.setdefault(position.question, []).append(position)
        speakers = {actor.id: actor.name for actor in data.actors}
        excerpts = sum(len(source.excerpts) for source in data.sources)
        long = {
            "position": len(data.positions) > limits["position"],
            "actor": len(data.actors) > limits["actor"],
            "quote": len(data.quotes) > limits["quote"],
            "excerpt": excerpts > limits["excerpt"],
        }
        parts = cls(
            timeline=Split(
                "timeline",
                "event",
                "timeline",
                tuple(periods(events, limits["event"])),
                len(events),
                "event",
                "period",
                "the timeline",
                "every period",
            ),
            stances=Split(
                "stances",
                "position",
                "stances",
                tuple(
                    _question_parts(data.questions, by_question, limits["position"])
                    if long["position"]
                    else ()
                ),
                len(data.positions),
                "position",
                "page",
                "the stances",
                "every question",
            ),
            players=Split(
                "players",
                "actor",
                "players/index",
                tuple(
                    _alphabetical(data.actors, lambda a: a.name, "actor", limits["actor"])
                    if long["actor"]
                    else ()
                ),
                len(data.actors),
                "player",
                "page",
                "who’s who",
                "every page of who’s who",
            ),
            quotes=Split(
                "quotes",
                "quote",
                "quotes",
                tuple(
                    _alphabetical(
                        data.quotes,
                        lambda q: speakers.get(q.speaker, q.speaker),
                        "quote",
                        limits["quote"],
                    )
                    if long["quote"]
                    else ()
                ),
                len(data.quotes),
                "quote",
                "page",
                "the quotes",
                "every page of the quotes",
            ),
            limits=limits,
            sources=Split(
                "sources",
                "source",
                "sources",
                tuple(_source_parts(data.sources, limits["excerpt"]) if long["excerpt"] else ()),
                len(data.sources),
                "source",
                "page",
                "the sources",
                "every page of the sources",
            ),
        )
        for split in parts.splits():
            for part in split.parts:
                for kind, record_id in part.blocks:
                    parts.moved[anchor(kind, record_id)] = split.path(part)
                    parts.moved_records[kind, record_id] = split.path(part)
        return parts

    def splits(self) -> tuple[Split, ...]:
        return (self.timeline, self.stances, self.players, self.quotes, self.sources)

    def page_of(self, anchor: str, default: str) -> str:
        """The page that shows the block ``anchor`` (``default``: its kind's page)."""
        return self.moved.get(anchor, default)
