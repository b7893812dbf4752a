"""The story as Markdown pages, independent of any site engine.

:func:`render_story` turns the story's :class:`~generator.pages.storyindex.Index` into one
:class:`Page` per generated page of the table (:mod:`generator.pages.pagekinds`), keeping the
pages of the last render whose inputs did not change (:mod:`generator.pages.rerender`); the
MkDocs plugin serves them as virtual files and ``explainer render --out DIR`` writes them
(:func:`generator.pipeline.write_pages`) for other engines. Nothing here imports mkdocs.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2

from generator.pages.embedcode import Embed, embed_block, is_site_url
from generator.pages.linker import Linker
from generator.pages.pagecontexts import PartPage, StoryGroups, player_context
from generator.pages.pagekinds import EMBED_PAGES, PageKind, page_kinds
from generator.pages.rerender import Inputs, Rendered, changed_records
from generator.pages.storyindex import Index
from generator.pages.templating import environment
from generator.schema.model import Actor

__all__ = ["FirstPages", "Page", "is_site_url", "page_footer", "render_pages", "render_story"]


@dataclass(frozen=True)
class Page:
    """One generated page."""

    path: str
    """Docs-relative path, e.g. ``timeline.md`` or ``players/francois-hollande.md``."""
    markdown: str
    edit_path: str
    """Project-relative file the page comes from, e.g. ``site_data/events.yaml``."""
    title: str


# --- rendering ---------------------------------------------------------------------------------


class _Renderer:
    def __init__(
        self, index: Index, site_url: str | None = None, previous: Rendered | None = None
    ) -> None:
        self.index = index
        self.previous = previous
        self.changed = None if previous is None else changed_records(previous.index, index)
        self.rendered = Rendered(index)
        self.data = index.data
        self.groups = StoryGroups(index)
        self.env = environment()
        self.site_url = site_url

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
        for kind in kinds:
            if kind.embed is not None:
                kept = self.kept(kind, EMBED_PAGES[kind.name])
                if kept is None:  # its page's context, or made now if that page was kept
                    context = contexts.get(kind.name) or kind.context(self.groups)
                    kept = self.embed_page(kind, kind.embed.full_label, context)
                pages.append(kept)
        for page in pages:
            self.rendered.pages.setdefault(page.path, (None, page))
        return pages

    def kind_pages(self, kind: PageKind, contexts: dict[str, dict[str, Any]]) -> list[Page]:
        """A whole kind's page (its context kept for its embed); or every player's."""
        if kind.per == "actor":
            return [self.player_page(kind, actor) for actor in self.data.actors]
        if kind.parts is not None:
            return [self.part_page(kind, part) for part in kind.parts(self.groups)]
        if (kept := self.kept(kind, kind.path)) is not None:
            return [kept]
        context = contexts[kind.name] = kind.context(self.groups)
        embed: dict[str, Any] = {"embed": self.embed(kind, kind.embed.label)} if kind.embed else {}
        return [self.page(kind, kind.path, kind.title, **context, **embed)]

    def kept(self, kind: PageKind, path: str) -> Page | None:
        """The last render's page of a whole kind, if no record it may show changed."""
        if self.previous is None or self.changed is None:
            return None
        if any(changed in kind.shows for changed, _ in self.changed):
            return None
        last = self.previous.pages.get(path)
        return None if last is None else typing.cast(Page, last[1])

    def part_page(self, kind: PageKind, part: PartPage) -> Page:
        """A page of a long list's part: the last render's, if nothing it shows changed (its
        records and what they refer to, when those are all it shows; else any record of a kind
        it may show)."""
        path = kind.path.format(id=part.id)
        if part.shown is None:
            return self.kept(kind, path) or self.page(kind, path, part.title, **part.context())
        ids = (tuple(f"{name} {record.id}" for name, record in part.shown), part.split)
        if (kept := self.kept_as_shown(path, ids)) is not None:
            return kept
        page = self.page(kind, path, part.title, **part.context())
        self.rendered.pages[path] = (Inputs(ids, list(part.shown)), page)
        return page

    def kept_as_shown(self, path: str, ids: tuple[str | tuple[str, ...], ...]) -> Page | None:
        """The last render's page at ``path`` if it was made from the same ``ids`` (the records
        it shows, in order) and none of the records it read changed (:mod:`rerender`)."""
        kept = self.previous.pages.get(path) if self.previous else None
        if kept is None or kept[0] is None or self.changed is None:
            return None
        if kept[0].ids != ids or not kept[0].reads(self.index).isdisjoint(self.changed):
            return None
        self.rendered.pages[path] = kept
        return typing.cast(Page, kept[1])

    def player_page(self, kind: PageKind, actor: Actor) -> Page:
        """A player's page: the last render's, if nothing it shows changed (:mod:`rerender`)."""
        path, context = kind.path.format(id=actor.id), player_context(self.groups, actor)
        ids = tuple(
            tuple(r.id for r in value) if isinstance(value, list) else value.id
            for value in context.values()
        )
        if (kept := self.kept_as_shown(path, ids)) is not None:
            return kept
        page = self.page(kind, path, actor.name, **context)
        shown = [("actor", actor), *[("actor", m) for m in context["members"]]]
        for name in ("quote", "position", "event"):
            shown += [(name, record) for record in context[f"{name}s"]]
        self.rendered.pages[path] = (Inputs(ids, shown), page)
        return page

    def embed(self, kind: PageKind, label: str) -> Embed:
        title = f"{kind.title}: {self.data.story.headline}"
        ln = Linker(self.index, kind.path)
        return embed_block(ln, EMBED_PAGES[kind.name], label, title, self.site_url)

    def embed_page(self, kind: PageKind, full_label: str, context: dict[str, Any]) -> Page:
        embed = PageKind(kind.name, "embed.md", EMBED_PAGES[kind.name], kind.title, kind.source)
        return self.page(
            embed,
            embed.path,
            kind.title,
            footer=False,
            kind=kind.name,
            full_page=kind.path,
            full_label=full_label,
            **context,
        )


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
