"""The generated pages, declared once: the table of page kinds.

A :class:`PageKind` is everything about one kind of generated page: its template, path, title,
the data file it comes from, its context (:mod:`generator.pages.pagecontexts`), the sentence it
is shared with (share meta and share image), the share image it uses, its embeddable version if
it has one, and for a long list in parts (:mod:`generator.pages.splits`), its page per part. The
renderer (:mod:`generator.pages.render`), the share meta and images
(:mod:`generator.outputs.sharemeta`), the dev server's order of a save and the tests' page lists
all read :func:`page_kinds`; a record kind of the registry (:mod:`generator.schema.kinds`) whose
page no entry makes gets one from the generic ``records.md``. Adding a page is an entry here, a
context and a template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.pages import pagecontexts as shows
from generator.pages.asof import AS_OF_PATH
from generator.pages.guide import GUIDE_PAGE
from generator.pages.pagecontexts import (
    CITED_BY_PAGE,
    Context,
    PartPage,
    StoryGroups,
    records_context,
)
from generator.pages.rerender import kinds_read
from generator.schema import kinds
from generator.schema.kinds import Kind

__all__ = [
    "EMBED_PAGES",
    "PAGE_KINDS",
    "Embedding",
    "PageKind",
    "page_kind_at",
    "page_kinds",
]


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
    """Docs-relative; ``{id}`` for a page per record (or part) that ``per`` names."""
    title: str
    """The page's title (a page per record: the record's label field)."""
    source: str
    """The file it comes from: a data file's stem, or a project-relative path."""
    context: Context = lambda groups: {}
    embed: Embedding | None = None
    per: str | None = None
    """``actor``: a page per player; ``part``: a page per part of a long list (``parts``)."""
    parts: Callable[[StoryGroups], list[PartPage]] | None = None
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
    def several(self) -> bool:
        """Whether the kind has several pages (``{id}`` in its path): one per record of a kind,
        or per part of a list (``per``)."""
        return self.per is not None

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


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind(
        "timeline",
        "timeline.md",
        "timeline.md",
        "Timeline",
        "events",
        shows.timeline,
        Embedding("timeline", "The full timeline"),
        description="Every event of the story in date order, each with the sources it rests on.",
    ),
    PageKind(
        "timeline-period",
        "timeline.md",
        "timeline/{id}.md",
        "",
        "events",
        per="part",
        parts=shows.timeline_periods,
        description="One period of the story's timeline, each event with the sources it rests on.",
        image_of="timeline",
    ),
    PageKind(
        "players",
        "players_index.md",
        "players/index.md",
        "Who’s who",
        "actors",
        shows.players,
        description=(
            "Who is who in the story: every player, their role, their quotes and positions."
        ),
    ),
    PageKind(
        "players-part",
        "players_index.md",
        "players/index/{id}.md",
        "",
        "actors",
        per="part",
        parts=shows.players_parts,
        description="Who is who in the story, in alphabetical order: each player and their role.",
        image_of="players",
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
        shows.stances,
        Embedding("table of positions", "Every position in full"),
        description="Where each player stands on each question, each position with its source.",
    ),
    PageKind(
        "stances-question",
        "stances.md",
        "stances/{id}.md",
        "",
        "positions",
        per="part",
        parts=shows.stance_questions,
        description="Where each player stands on one open question, each position with its source.",
        image_of="stances",
    ),
    PageKind(
        "figures",
        "figures.md",
        "figures.md",
        "Key figures",
        "figures",
        shows.figures,
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
        shows.quotes,
        description="Every quote word for word, who said it, where and when, with its source.",
    ),
    PageKind(
        "quotes-part",
        "quotes.md",
        "quotes/{id}.md",
        "",
        "quotes",
        per="part",
        parts=shows.quotes_parts,
        description=(
            "Quotes word for word, by speaker: who said it, where and when, with its source."
        ),
        image_of="quotes",
    ),
    PageKind(
        "sources",
        "sources.md",
        "sources.md",
        "Sources",
        "sources",
        shows.sources,
        reads=("fact",),
        description="Every source the explainer rests on, with the passages it cites.",
    ),
    PageKind(
        "sources-part",
        "sources.md",
        "sources/{id}.md",
        "",
        "sources",
        per="part",
        parts=shows.sources_parts,
        reads=("fact",),
        description="Sources the explainer rests on, with the passages it cites.",
        image_of="sources",
    ),
    PageKind(
        "sources-cited-by",
        "cited_by.md",
        CITED_BY_PAGE,
        "",
        "sources",
        per="part",
        parts=shows.cited_by,
        reads=("fact",),
        description="Every fact that cites one passage of a source.",
        image_of="sources",
    ),
    PageKind(
        "reference",
        "reference.md",
        "reference.md",
        "Data reference",
        "generator/schema/model.py",
        shows.reference,
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
        shows.updates,
        reads=("fact", "source"),  # the days of the explainer as it stood, from every development
        description="Every update and correction to the explainer, newest first.",
    ),
    PageKind(
        "as-of",
        "as_of.md",
        AS_OF_PATH,
        "",
        "updates",
        reads=("fact", "source"),
        description=(
            "The explainer as it stood on the day of one of our updates: its figures, claims "
            "and timeline then, later developments left out."
        ),
        image_of="updates",
        per="part",
        parts=shows.as_of,
    ),
    PageKind(
        "guide",
        "guide.md",
        GUIDE_PAGE,
        "Editors’ guide",
        "generator/schema/model.py",
        shows.guide,
        description=(
            "How editors keep the explainer's facts: every field of every kind, with examples."
        ),
    ),
)
"""The generated pages, in nav order. Their embeddable versions follow them."""


def _records_page(kind: Kind[Any]) -> PageKind:
    """The generic page of a kind that no entry of :data:`PAGE_KINDS` shows."""
    assert kind.page is not None and kind.file is not None
    title = kind.title or kind.plural
    return PageKind(kind.name, "records.md", kind.page, title, kind.file, records_context(kind))


def page_kinds() -> list[PageKind]:
    """:data:`PAGE_KINDS` and a generic page for each kind whose page none of them makes."""
    made = {page.path for page in PAGE_KINDS}
    extra = [_records_page(k) for k in kinds.KINDS if k.page and k.page not in made and k.file]
    return [*PAGE_KINDS, *extra]


EMBED_PAGES = {page.name: f"embed/{page.name}.md" for page in PAGE_KINDS if page.embeddable}
"""The standalone pages that other sites can show in an iframe (kept out of nav and search)."""


def page_kind_at(page_path: str) -> PageKind | None:
    """The kind of the generated page at ``page_path`` (an embed page: its full page's kind),
    None for a hand-written page. A page per record or part is the kind whose folder is the
    longest that holds it (``players/index/2.md`` is a part of the players' list, not a
    player's page)."""
    best: tuple[int, PageKind] | None = None
    for kind in page_kinds():
        if kind.per is None:
            if page_path == kind.path:
                return kind
            continue
        prefix, _, suffix = kind.path.partition("{id}")
        own = page_path.startswith(prefix) and page_path.endswith(suffix)
        if own and page_path != f"{prefix}index{suffix}" and (not best or len(prefix) > best[0]):
            best = (len(prefix), kind)
    if best is not None:
        return best[1]
    return next((k for k in PAGE_KINDS if EMBED_PAGES.get(k.name) == page_path), None)


def by_name(name: str) -> PageKind:
    return next(kind for kind in page_kinds() if kind.name == name)
