"""The generated pages, declared once: the table of page kinds and what each page shows.

A :class:`PageKind` is everything about one kind of generated page: its template, path, title,
the data file it comes from, its context, the sentence it is shared with (share meta and share
image), the share image it uses, and its embeddable version if it has one. The renderer
(:mod:`generator.pages.render`), the share meta and images (:mod:`generator.outputs.sharemeta`),
the dev server's order of a save and the tests' page lists all read :func:`page_kinds`; a record
kind of the registry (:mod:`generator.schema.kinds`) whose page no entry makes gets one from the
generic ``records.md``. Adding a page is an entry here and a template.

A page's context is made from :class:`StoryGroups`: the story's records grouped once per render
(each player's quotes, positions and events...), so no page scans every list per record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.pages.datareference import reference_sections
from generator.pages.escape import Trusted
from generator.pages.guide import GUIDE_PAGE, guide_markdown
from generator.pages.recordfields import record_fields
from generator.pages.rerender import kinds_read
from generator.pages.stancematrix import StanceMatrix, stance_matrix
from generator.pages.strip import player_ids, strip_layout
from generator.schema import kinds
from generator.schema.datemodel import sort_key
from generator.schema.kinds import Kind, StoryData, csv_kinds
from generator.schema.model import SLUG_PATTERN, Actor, Event, Position, Quote

__all__ = [
    "EMBED_PAGES",
    "PAGE_KINDS",
    "Embedding",
    "PageKind",
    "StoryGroups",
    "page_kind_at",
    "page_kinds",
]


class StoryGroups:
    """The story's records grouped once per render, for the pages' contexts: scanning every list
    per player made rendering grow with the square of the story's size."""

    def __init__(self, data: StoryData) -> None:
        self.data = data
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
class Embedding:
    """A page's bare version for other sites' iframes, at ``embed/<name>.md`` (template
    ``embed.md``: no header, nav, footer or search)."""

    label: str
    """How "Embed this ..." names it (``the embeddable timeline``)."""
    full_label: str
    """The embed's link back to the whole page."""


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page."""

    name: str
    template: str
    path: str
    """Docs-relative; ``{id}`` for a page per record of the kind named by ``per``."""
    title: str
    """The page's title (a page per record: the record's label field)."""
    source: str
    """The file it comes from: a data file's stem, or a project-relative path."""
    context: Context = lambda groups: {}
    embed: Embedding | None = None
    per: str | None = None
    reads: tuple[str, ...] = ()
    """The record kinds its context shows besides its own file's (``fact``: every fact kind);
    with the kinds they refer to, what it is rendered again for (:func:`rerender.kinds_read`)."""
    description: str = ""
    """What the page holds, in a sentence of our own: its share description and the text of its
    share image, for a page without a description of its own."""
    image_of: str = ""
    """The page kind whose share image it uses (default: its own)."""

    @property
    def embeddable(self) -> bool:
        return self.embed is not None

    @property
    def edit_path(self) -> str:
        return self.source if "/" in self.source else f"site_data/{self.source}.yaml"

    @property
    def shows(self) -> frozenset[str]:
        """Every record kind the page may show (none for a page made from the model alone)."""
        own = () if "/" in self.source else (kinds.by_file(self.source).name,)
        return kinds_read((*own, *self.reads))

    @property
    def image(self) -> str:
        """The name of its share image."""
        return self.image_of or self.name


# --- what each page shows ----------------------------------------------------------------------


def _events(g: StoryGroups) -> dict[str, Any]:
    """The timeline's events, in time order (the figures page's charts)."""
    return {"events": g.events}


def _timeline(g: StoryGroups) -> dict[str, Any]:
    players = sorted((a for a in g.data.actors if a.id in g.events_by), key=lambda a: a.name)
    return {"events": g.events, "strip": strip_layout(g.events), "players": players}


def _stances(g: StoryGroups) -> dict[str, Any]:
    return {"matrix": g.matrix(), "positions_by_question": g.positions_by_question}


def _quotes(g: StoryGroups) -> dict[str, Any]:
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


def _reference(g: StoryGroups) -> dict[str, Any]:
    return {"files": reference_sections(), "id_pattern": SLUG_PATTERN, "csv_kinds": csv_kinds()}


def _guide(g: StoryGroups) -> dict[str, Any]:
    return {"guide": Trusted(guide_markdown(site=True))}  # ours, from the model and examples


def _updates(g: StoryGroups) -> dict[str, Any]:
    return {"updates": sorted(g.data.updates, key=lambda u: u.date, reverse=True)}


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


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind(
        "timeline",
        "timeline.md",
        "timeline.md",
        "Timeline",
        "events",
        _timeline,
        Embedding("timeline", "The full timeline"),
        description="Every event of the story in date order, each with the sources it rests on.",
    ),
    PageKind(
        "players",
        "players_index.md",
        "players/index.md",
        "Who’s who",
        "actors",
        description=(
            "Who is who in the story: every player, their role, their quotes and positions."
        ),
    ),
    PageKind(
        "player", "player.md", "players/{id}.md", "", "actors", per="actor", image_of="players"
    ),
    PageKind(
        "stances",
        "stances.md",
        "stances.md",
        "Where they stand",
        "positions",
        _stances,
        Embedding("table of positions", "Every position in full"),
        description="Where each player stands on each question, each position with its source.",
    ),
    PageKind(
        "figures",
        "figures.md",
        "figures.md",
        "Key figures",
        "figures",
        _events,
        Embedding("set of key figures and charts", "Every report of each figure"),
        reads=("event",),
        description="The key numbers: each as reported, by whom and when, with its sources.",
    ),
    PageKind(
        "quotes",
        "quotes.md",
        "quotes.md",
        "Quotes",
        "quotes",
        _quotes,
        description="Every quote word for word, who said it, where and when, with its source.",
    ),
    PageKind(
        "sources",
        "sources.md",
        "sources.md",
        "Sources",
        "sources",
        reads=("fact",),
        description="Every source the explainer rests on, with the passages it cites.",
    ),
    PageKind(
        "reference",
        "reference.md",
        "reference.md",
        "Data reference",
        "generator/schema/model.py",
        _reference,
        description=(
            "The data behind the explainer: every file and field, and how to download it."
        ),
    ),
    PageKind(
        "updates",
        "updates.md",
        "updates.md",
        "Updates and corrections",
        "updates",
        _updates,
        description="Every update and correction to the explainer, newest first.",
    ),
    PageKind(
        "guide",
        "guide.md",
        GUIDE_PAGE,
        "Editors’ guide",
        "generator/schema/model.py",
        _guide,
        description=(
            "How editors keep the explainer's facts: every field of every kind, with examples."
        ),
    ),
)
"""The generated pages, in nav order. Their embeddable versions follow them."""


def _records_page(kind: Kind[Any]) -> PageKind:
    """The generic page of a kind that no entry of :data:`PAGE_KINDS` shows."""
    assert kind.page is not None and kind.file is not None

    def context(g: StoryGroups) -> dict[str, Any]:
        return {"kind": kind, "records": g.data.records(kind), "fields": record_fields}

    return PageKind(
        kind.name, "records.md", kind.page, kind.title or kind.plural, kind.file, context
    )


def page_kinds() -> list[PageKind]:
    """:data:`PAGE_KINDS` and a generic page for each kind whose page none of them makes."""
    made = {page.path for page in PAGE_KINDS}
    extra = [_records_page(k) for k in kinds.KINDS if k.page and k.page not in made and k.file]
    return [*PAGE_KINDS, *extra]


EMBED_PAGES = {page.name: f"embed/{page.name}.md" for page in PAGE_KINDS if page.embeddable}
"""The standalone pages that other sites can show in an iframe (kept out of nav and search)."""


def page_kind_at(page_path: str) -> PageKind | None:
    """The kind of the generated page at ``page_path`` (an embed page: its full page's kind),
    None for a hand-written page."""
    for kind in page_kinds():
        if kind.per is not None:
            prefix, _, suffix = kind.path.partition("{id}")
            own = page_path.startswith(prefix) and page_path.endswith(suffix)
            if own and page_path != f"{prefix}index{suffix}":
                return kind
            continue
        if page_path == kind.path:
            return kind
    return next((k for k in PAGE_KINDS if EMBED_PAGES.get(k.name) == page_path), None)


def by_name(name: str) -> PageKind:
    return next(kind for kind in page_kinds() if kind.name == name)
