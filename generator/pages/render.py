"""The story as Markdown pages, independent of any site engine.

:data:`PAGE_KINDS` is the table of generated pages: each with its template, path, title, the
data file it comes from, its context, and whether it has an embeddable version. The nav titles,
the embed pages and the tests' page lists are read from it, and a record kind of the registry
(:mod:`generator.schema.kinds`) whose page no entry makes gets one from the generic ``records.md``.

:func:`render_pages` turns the story's :class:`~generator.pages.references.Index` into one
:class:`Page` per generated page; the MkDocs plugin serves them as virtual files and
``explainer render --out DIR`` writes them (:func:`generator.pipeline.write_pages`) for other
engines. Nothing here imports mkdocs.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.pages.datareference import reference_sections
from generator.pages.embedcode import Embed, embed_block, is_site_url
from generator.pages.escape import Trusted
from generator.pages.guide import GUIDE_PAGE, guide_markdown
from generator.pages.recordfields import record_fields
from generator.pages.references import Index, Linker
from generator.pages.rerender import Inputs, Rendered, changed_records, kinds_read
from generator.pages.strip import player_ids, strip_layout
from generator.pages.templating import environment
from generator.schema import kinds
from generator.schema.datemodel import sort_key
from generator.schema.kinds import Kind, csv_kinds
from generator.schema.model import SLUG_PATTERN, Actor, Event, Position, Quote

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "EMBED_PAGES",
    "PAGE_KINDS",
    "FirstPages",
    "Page",
    "PageKind",
    "is_site_url",
    "page_footer",
    "page_kinds",
    "render_pages",
    "render_story",
]


@dataclass(frozen=True)
class Page:
    """One generated page."""

    path: str
    """Docs-relative path, e.g. ``timeline.md`` or ``players/francois-hollande.md``."""
    markdown: str
    edit_path: str
    """Project-relative file the page comes from, e.g. ``site_data/events.yaml``."""
    title: str


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
    context: Callable[[_Renderer], dict[str, Any]] = lambda r: {}
    embeddable: bool = False
    """Whether other sites may show it in an iframe: its bare version is at ``embed/<name>.md``
    (template ``embed.md``: no header, nav, footer or search)."""
    per: str | None = None
    in_nav: bool = True
    reads: tuple[str, ...] = ()
    """The record kinds its context shows besides its own file's (``fact``: every fact kind);
    with the kinds they refer to, what it is rendered again for (:func:`rerender.kinds_read`)."""

    @property
    def edit_path(self) -> str:
        return self.source if "/" in self.source else f"site_data/{self.source}.yaml"

    @property
    def shows(self) -> frozenset[str]:
        """Every record kind the page may show (none for a page made from the model alone)."""
        own = () if "/" in self.source else (kinds.by_file(self.source).name,)
        return kinds_read((*own, *self.reads))


def _events(r: _Renderer) -> dict[str, Any]:
    """The timeline's events, in time order (the timeline; the figures page's charts)."""
    return {"events": r.events}


def _timeline(r: _Renderer) -> dict[str, Any]:
    players = sorted((a for a in r.data.actors if a.id in r.events_by), key=lambda a: a.name)
    return {"events": r.events, "strip": strip_layout(r.events), "players": players}


def _stances(r: _Renderer) -> dict[str, Any]:
    return {"rows": r.stance_rows(), "positions_by_question": r.positions_by_question}


def _reference(r: _Renderer) -> dict[str, Any]:
    return {"files": reference_sections(), "id_pattern": SLUG_PATTERN, "csv_kinds": csv_kinds()}


def _guide(r: _Renderer) -> dict[str, Any]:
    return {"guide": Trusted(guide_markdown())}  # our own text, from the model and the examples


def _updates(r: _Renderer) -> dict[str, Any]:
    return {"updates": sorted(r.data.updates, key=lambda u: u.date, reverse=True)}


def _player(r: _Renderer, actor: Actor) -> dict[str, Any]:
    # .get, not [...]: the groupings are defaultdicts, and a lookup would add the player to them
    # (the timeline lists the players of events_by; player pages may be made before it).
    return {
        "actor": actor,
        "members": r.members.get(actor.id, []),
        "quotes": r.quotes_by.get(actor.id, []),
        "positions": r.positions_by.get(actor.id, []),
        "events": r.events_by.get(actor.id, []),
    }


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("timeline", "timeline.md", "timeline.md", "Timeline", "events", _timeline, True),
    PageKind("players", "players_index.md", "players/index.md", "Who’s who", "actors"),
    PageKind("player", "player.md", "players/{id}.md", "", "actors", per="actor", in_nav=False),
    PageKind(
        "stances", "stances.md", "stances.md", "Where they stand", "positions", _stances, True
    ),
    PageKind(
        "figures",
        "figures.md",
        "figures.md",
        "Key figures",
        "figures",
        _events,
        True,
        reads=("event",),
    ),
    PageKind("quotes", "quotes.md", "quotes.md", "Quotes", "quotes"),
    PageKind("sources", "sources.md", "sources.md", "Sources", "sources", reads=("fact",)),
    PageKind(
        "reference",
        "reference.md",
        "reference.md",
        "Data reference",
        "generator/schema/model.py",
        _reference,
    ),
    PageKind("updates", "updates.md", "updates.md", "Updates and corrections", "updates", _updates),
    PageKind(
        "guide",
        "guide.md",
        GUIDE_PAGE,
        "Editors’ guide",
        "generator/schema/model.py",
        _guide,
        in_nav=False,
    ),
)
"""The generated pages, in nav order. Their embeddable versions follow them."""

EMBED_LABELS = {
    "timeline": "timeline",
    "stances": "table of positions",
    "figures": "set of key figures and charts",
}
"""How "Embed this ..." names each embeddable page."""


def _records_page(kind: Kind[Any]) -> PageKind:
    """The generic page of a kind that no entry of :data:`PAGE_KINDS` shows."""
    assert kind.page is not None and kind.file is not None

    def context(r: _Renderer) -> dict[str, Any]:
        return {"kind": kind, "records": r.data.records(kind), "fields": record_fields}

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


# --- rendering ---------------------------------------------------------------------------------


class _Renderer:
    def __init__(
        self, index: Index, site_url: str | None = None, previous: Rendered | None = None
    ) -> None:
        self.index = index
        self.previous = previous
        self.changed = None if previous is None else changed_records(previous.index, index)
        self.rendered = Rendered(index)
        self.data = data = index.data
        self.env = environment()
        self.site_url = site_url
        self.events: list[Event] = sorted(data.events, key=sort_key)  # stable: file order
        # Each player's records, grouped once: scanning every list per player made rendering
        # grow with the square of the story's size.
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
        self._rows: list[tuple[Actor, list[list[Position]]]] | None = None

    def page(
        self, page_kind: PageKind, path: str, title: str, *, footer: bool = True, **context: Any
    ) -> Page:
        ln = Linker(self.index, path)
        markdown = self.env.get_template(page_kind.template).render(
            data=self.data, index=self.index, ln=ln, title=title, **context
        )
        markdown = markdown.rstrip("\n") + "\n"
        if footer:
            markdown += "\n" + self.footer(ln)
        return Page(path=path, markdown=markdown, edit_path=page_kind.edit_path, title=title)

    def footer(self, ln: Linker) -> str:
        return page_footer(self.index, ln.page_path, self.env)

    def all(self, first: FirstPages | None = None) -> list[Page]:
        # An embed page shows its page's context, made once (a large strip took 0.05 s to lay out).
        contexts: dict[str, dict[str, Any]] = {}
        made: dict[str, list[Page]] = {}  # page kind -> its pages
        kinds = page_kinds()
        if first is not None:  # those pages made and handed over before the others
            leading = [kind for kind in kinds if first.leads(kind.edit_path)]
            for kind in leading:
                made[kind.name] = self.kind_pages(kind, contexts)
            first.made([page for kind in leading for page in made[kind.name]])
        pages: list[Page] = []
        for kind in kinds:
            pages += made[kind.name] if kind.name in made else self.kind_pages(kind, contexts)
        for kind in PAGE_KINDS:
            if kind.embeddable:
                kept = self.kept(kind, EMBED_PAGES[kind.name])
                if kept is None:  # its page's context, or made now if that page was kept
                    kept = self.embed_page(kind, contexts.get(kind.name) or kind.context(self))
                pages.append(kept)
        for page in pages:
            self.rendered.pages.setdefault(page.path, (None, page))
        return pages

    def kind_pages(self, kind: PageKind, contexts: dict[str, dict[str, Any]]) -> list[Page]:
        """A whole kind's page (its context kept for its embed); or every player's."""
        if kind.per == "actor":
            return [self.player_page(kind, actor) for actor in self.data.actors]
        if (kept := self.kept(kind, kind.path)) is not None:
            return [kept]
        context = contexts[kind.name] = kind.context(self)
        embed: dict[str, Any] = {"embed": self.embed(kind)} if kind.embeddable else {}
        return [self.page(kind, kind.path, kind.title, **context, **embed)]

    def kept(self, kind: PageKind, path: str) -> Page | None:
        """The last render's page of a whole kind, if no record it may show changed."""
        if self.previous is None or self.changed is None:
            return None
        if any(changed in kind.shows for changed, _ in self.changed):
            return None
        last = self.previous.pages.get(path)
        return None if last is None else typing.cast(Page, last[1])

    def player_page(self, kind: PageKind, actor: Actor) -> Page:
        """A player's page: the last render's, if nothing it shows changed (:mod:`rerender`)."""
        path, context = kind.path.format(id=actor.id), _player(self, actor)
        ids = tuple(
            tuple(r.id for r in value) if isinstance(value, list) else value.id
            for value in context.values()
        )
        kept = self.previous.pages.get(path) if self.previous else None
        if kept is not None and kept[0] is not None and self.changed is not None:
            last, kept_page = kept[0], kept[1]
            if last.ids == ids and last.reads(self.index).isdisjoint(self.changed):
                self.rendered.pages[path] = kept
                return typing.cast(Page, kept_page)
        page = self.page(kind, path, actor.name, **context)
        shown = [("actor", actor), *[("actor", m) for m in context["members"]]]
        for name in ("quote", "position", "event"):
            shown += [(name, record) for record in context[f"{name}s"]]
        self.rendered.pages[path] = (Inputs(ids, shown), page)
        return page

    def embed(self, kind: PageKind) -> Embed:
        title = f"{kind.title}: {self.data.story.headline}"
        ln = Linker(self.index, kind.path)
        label = EMBED_LABELS[kind.name]
        return embed_block(ln, EMBED_PAGES[kind.name], label, title, self.site_url)

    def embed_page(self, kind: PageKind, context: dict[str, Any]) -> Page:
        embed = PageKind(kind.name, "embed.md", EMBED_PAGES[kind.name], kind.title, kind.source)
        full_label = {"timeline": "The full timeline", "stances": "Every position in full"}
        full_label["figures"] = "Every report of each figure"
        return self.page(
            embed,
            embed.path,
            kind.title,
            footer=False,
            kind=kind.name,
            full_page=kind.path,
            full_label=full_label[kind.name],
            **context,
        )

    def stance_rows(self) -> list[tuple[Actor, list[list[Position]]]]:
        """Players with at least one position, each with one cell (a list) per question."""
        if self._rows is None:
            self._rows = []
            for actor in self.data.actors:
                mine = self.positions_by[actor.id]
                if mine:
                    cells = [[p for p in mine if p.question == q.id] for q in self.data.questions]
                    self._rows.append((actor, cells))
        return self._rows


def render_pages(index: Index, *, site_url: str | None = None) -> list[Page]:
    """Every generated page of the story (not the hand-written content/ pages).

    ``site_url`` (the site's own http(s) address, if known) makes the iframe code of the embed
    snippets absolute; without it the code holds a site-relative address (and the page's script
    writes the full one in when it runs).
    """
    return render_story(index, site_url=site_url)[0]


@dataclass(frozen=True)
class FirstPages:
    """The pages to make before the others, by the data file they are edited in (``leads``), and
    what is done with them (``made``: called once, embeds aside) before any other is made; the
    dev server writes them, so a save's page shows before the rest is rendered."""

    leads: Callable[[str], bool]
    made: Callable[[list[Page]], None]


def render_story(
    index: Index,
    *,
    site_url: str | None = None,
    previous: Rendered | None = None,
    first: FirstPages | None = None,
) -> tuple[list[Page], Rendered]:
    """:func:`render_pages`, keeping the player pages of ``previous`` (the last render, with the
    same templates and ``site_url``) whose inputs did not change; and what the next one needs.
    With ``first``, its pages are made first and handed to it before the others are made."""
    renderer = _Renderer(index, site_url, previous)
    return renderer.all(first), renderer.rendered


def page_footer(index: Index, page_path: str, env: jinja2.Environment | None = None) -> str:
    """The "last updated" and "get the data" lines, for a hand-written page at ``page_path``
    (``env``: the renderer's own, so each page does not look at the template folder again)."""
    template = (env or environment()).get_template("_page_footer.md")
    return template.render(ln=Linker(index, page_path), data=index.data).strip("\n") + "\n"
