"""The story as Markdown pages, independent of any site engine.

:func:`render_pages` turns a validated :class:`~generator.model.StoryData` into one
:class:`Page` per generated page; the MkDocs plugin serves them as virtual files and
``explainer render --out DIR`` writes them (with the hand-written ``content/`` pages, references
resolved) for other engines. Nothing here imports mkdocs.

Templates live in ``generator/templates/`` (one per page kind; partials start with ``_``). The
Jinja environment is strict: undefined names raise, and every ``{{ value }}`` goes through
:func:`generator.escape.finalize`, which escapes text from YAML and refuses values a template did
not format (see ``generator/escape.py`` for why).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import shutil
import types
import typing
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from generator.diagnostics import DataError
from generator.escape import Trusted, escape_text, escape_url, finalize
from generator.feed import FEED_PATH, atom_feed
from generator.model import (
    FILE_MODELS,
    SLUG_PATTERN,
    TEXT_PATTERN,
    Actor,
    ActorKind,
    DateBasis,
    DateRule,
    Event,
    Position,
    Quote,
    StoryData,
)
from generator.opendata import CSV_KINDS, data_files
from generator.references import (
    NO_POSITION,
    STANCE_WORDS,
    Index,
    Linker,
    check_content,
    figure_text,
    format_number,
    long_date,
    quote_text,
    resolve_references,
)

__all__ = [
    "EMBED_PAGES",
    "Page",
    "check_content",
    "is_site_url",
    "page_footer",
    "render_pages",
    "resolve_references",
    "site_files",
    "write_pages",
]

EMBED_PAGES = {"timeline": "embed/timeline.md", "stances": "embed/stances.md"}
"""The standalone pages that other sites can show in an iframe (kept out of nav and search)."""


@dataclass(frozen=True)
class Page:
    """One generated page."""

    path: str
    """Docs-relative path, e.g. ``timeline.md`` or ``players/francois-hollande.md``."""
    markdown: str
    edit_path: str
    """Project-relative YAML file the page comes from, e.g. ``site_data/events.yaml``."""
    title: str


# --- filters: each returns plain str (escaped on output) or Trusted (our own markup) ---------


def iso_date(value: dt.date) -> str:
    return value.isoformat()


def date_basis(basis: DateBasis | None, value: dt.date | None = None) -> str:
    """How a date was obtained, for derived dates ('' for a date the source states)."""
    if basis is None or basis.rule is DateRule.STATED:
        return ""
    if basis.rule is DateRule.WEEKDAY:
        if basis.weekday is not None:
            day = basis.weekday.value.capitalize()
        elif value is not None:
            day = _WEEKDAYS[value.weekday()]
        else:
            day = "Weekday"
        return f"{day}, derived from the publication date"
    return {
        DateRule.DAY_MONTH: "year derived from the publication date",
        DateRule.CAPTION: "date from a photo caption",
        DateRule.PUBLICATION: "the source’s publication date",
    }[basis.rule]


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def stance_word(value: Enum | None) -> str:
    return NO_POSITION if value is None else STANCE_WORDS[str(value.value)]


def stance_class(value: Enum | None) -> str:
    return "stance--none" if value is None else f"stance--{value.value}"


def kind_label(kind: ActorKind) -> str:
    return kind.value.capitalize()


def href(url: str) -> Trusted:
    """An http(s) address for ``href="..."`` in raw HTML."""
    return Trusted(escape_url(url))


_FILTERS: dict[str, Any] = {
    "text": lambda s: Trusted(escape_text(s)),
    "long_date": long_date,
    "iso_date": iso_date,
    "date_basis": date_basis,
    "stance_word": stance_word,
    "stance_class": stance_class,
    "kind_label": kind_label,
    "figure_text": figure_text,
    "number": format_number,
    "quote_text": quote_text,
    "href": href,
}


TEMPLATES_DIR = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    """The strict, Markdown-producing template environment, made anew only when a template
    file changed.

    It holds no story data. Compiling every template again on each rebuild of ``mkdocs serve``
    was time spent for nothing, and so was Jinja's own check of each template file's mtime on
    every ``get_template`` (tens of thousands of ``stat`` calls for a large story): one look at
    the folder per render decides instead.
    """
    stamp = tuple(
        (path.name, path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(TEMPLATES_DIR.iterdir())
    )
    return _environment(stamp)


@functools.lru_cache(maxsize=1)
def _environment(templates_stamp: tuple[tuple[str, int, int], ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        auto_reload=False,  # environment() makes a new one when a template changes
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown out; escaping is finalize's job (generator/escape.py)
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(_FILTERS)

    def partial(name: str, **context: Any) -> Trusted:
        """A partial template's output (its own values were escaped by finalize)."""
        if not name.startswith("_"):
            raise ValueError(f"{name}: partial template names start with '_'")
        return Trusted(env.get_template(name).render(**context).strip("\n"))

    env.globals["partial"] = partial
    return env


# --- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Embed:
    """What a page's "Embed this" block shows."""

    label: str
    open_link: Trusted
    src: str
    """The iframe's address: absolute with a known site address, else site-relative."""
    code: Trusted
    relative: bool


def is_site_url(value: str) -> bool:
    """Whether ``value`` can be the site's own address (``site_url``, ``--site-url``).

    The feed, the embed code and the JSON-LD put it in links readers follow: http(s) only.
    Each entry point (plugin, CLI, Zensical build) checks it once and says where it came from.
    """
    return value.startswith(("https://", "http://"))


def _embed(ln: Linker, kind: str, label: str, title: str, site_url: str | None) -> Embed:
    path = EMBED_PAGES[kind]
    address = path.removesuffix(".md") + "/"  # MkDocs' directory URLs
    if site_url is not None and not is_site_url(site_url):  # the callers checked it: a bug
        raise ValueError(f"site_url is not an http(s) address: {site_url!r}")
    src = f"{site_url.rstrip('/')}/{address}" if site_url else address
    # The code is text on the page: the title is escaped for the attribute it will be in, then
    # the whole snippet is escaped for display, so what a reader copies is the snippet exactly.
    attribute = html.escape(title, quote=True)
    snippet = f'<iframe src="{html.escape(src)}" title="{attribute}" loading="lazy"></iframe>'
    return Embed(
        label=label,
        open_link=ln.link(f"open the embeddable {label}", path),
        src=src,
        code=Trusted(escape_text(snippet)),
        relative=site_url is None,
    )


class _Renderer:
    def __init__(self, data: StoryData, site_url: str | None = None) -> None:
        self.data = data
        self.index = Index(data)
        self.env = environment()
        self.site_url = site_url
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

    def page(
        self,
        template: str,
        path: str,
        title: str,
        edit_path: str,
        *,
        footer: bool = True,
        **context: Any,
    ) -> Page:
        ln = Linker(self.index, path)
        markdown = self.env.get_template(template).render(
            data=self.data,
            index=self.index,
            ln=ln,
            title=title,
            **context,
        )
        markdown = markdown.rstrip("\n") + "\n"
        if footer:
            markdown += "\n" + self.footer(ln)
        return Page(path=path, markdown=markdown, edit_path=edit_path, title=title)

    def footer(self, ln: Linker) -> str:
        text = self.env.get_template("_page_footer.md").render(ln=ln, data=self.data)
        return text.strip("\n") + "\n"

    def embed(self, kind: str, label: str, page_title: str) -> Embed:
        title = f"{page_title}: {self.data.story.headline}"
        return _embed(Linker(self.index, f"{kind}.md"), kind, label, title, self.site_url)

    def all(self) -> list[Page]:
        data = self.data
        events = sorted(data.events, key=lambda e: e.date)  # stable: file order on one day
        rows = self.stance_rows()
        pages = [
            self.page(
                "timeline.md",
                "timeline.md",
                "Timeline",
                "site_data/events.yaml",
                events=events,
                embed=self.embed("timeline", "timeline", "Timeline"),
            ),
            self.page("players_index.md", "players/index.md", "Who’s who", "site_data/actors.yaml"),
        ]
        events_by: dict[str, list[Event]] = defaultdict(list)
        for event in events:  # in date order
            for actor_id in dict.fromkeys([*event.actors, event.claimed_by]):
                if actor_id:
                    events_by[actor_id].append(event)
        for actor in data.actors:
            pages.append(self.player(actor, events_by[actor.id]))
        pages += [
            self.page(
                "stances.md",
                "stances.md",
                "Where they stand",
                "site_data/positions.yaml",
                rows=rows,
                positions_by_question=self.positions_by_question,
                embed=self.embed("stances", "table of positions", "Where they stand"),
            ),
            self.page("figures.md", "figures.md", "Key figures", "site_data/figures.yaml"),
            self.page("quotes.md", "quotes.md", "Quotes", "site_data/quotes.yaml"),
            self.page("sources.md", "sources.md", "Sources", "site_data/sources.yaml"),
            self.page(
                "reference.md",
                "reference.md",
                "Data reference",
                "generator/model.py",
                files=reference_sections(),
                id_pattern=SLUG_PATTERN,
                csv_kinds=CSV_KINDS,
            ),
            self.page(
                "updates.md",
                "updates.md",
                "Updates and corrections",
                "site_data/updates.yaml",
                updates=sorted(data.updates, key=lambda u: u.date, reverse=True),
            ),
            self.page(
                "embed.md",
                EMBED_PAGES["timeline"],
                "Timeline",
                "site_data/events.yaml",
                footer=False,
                kind="timeline",
                events=events,
                full_page="timeline.md",
                full_label="The full timeline",
            ),
            self.page(
                "embed.md",
                EMBED_PAGES["stances"],
                "Where they stand",
                "site_data/positions.yaml",
                footer=False,
                kind="stances",
                rows=rows,
                full_page="stances.md",
                full_label="Every position in full",
            ),
        ]
        return pages

    def player(self, actor: Actor, events: list[Event]) -> Page:
        return self.page(
            "player.md",
            f"players/{actor.id}.md",
            actor.name,
            "site_data/actors.yaml",
            actor=actor,
            members=self.members[actor.id],
            quotes=self.quotes_by[actor.id],
            positions=self.positions_by[actor.id],
            events=events,
        )

    def stance_rows(self) -> list[tuple[Actor, list[list[Any]]]]:
        """Players with at least one position, each with one cell (a list) per question."""
        rows = []
        for actor in self.data.actors:
            mine = self.positions_by[actor.id]
            if mine:
                cells = [[p for p in mine if p.question == q.id] for q in self.data.questions]
                rows.append((actor, cells))
        return rows


def render_pages(data: StoryData, *, site_url: str | None = None) -> list[Page]:
    """Every generated page of the story (not the hand-written content/ pages).

    ``site_url`` (the site's own http(s) address, if known) makes the iframe code of the embed
    snippets absolute; without it the code holds a site-relative address (and the page's script
    writes the full one in when it runs).
    """
    return _Renderer(data, site_url).all()


def page_footer(data: StoryData, page_path: str) -> str:
    """The "last updated" and "get the data" lines, for a hand-written page at ``page_path``."""
    renderer = _Renderer(data)
    return renderer.footer(Linker(renderer.index, page_path))


def site_files(data: StoryData, *, site_url: str | None = None) -> dict[str, str]:
    """Docs-relative path -> text of every generated non-Markdown file: open data and the feed."""
    files = data_files(data)
    files[FEED_PATH] = atom_feed(data, site_url=site_url)
    return files


# --- the data reference ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: Trusted
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    anchor: str
    doc: str
    fields: list[FieldDoc]


@dataclass(frozen=True)
class FileDoc:
    kind: str
    path: str
    key: str
    description: str
    models: list[ModelDoc]


def _describe_type(annotation: Any, metadata: list[Any], nested: list[type[BaseModel]]) -> str:
    """A type for editors: 'text', 'id', 'list of id', 'one of: a, b', a model name."""
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if pattern == SLUG_PATTERN:
            return "id"
        if pattern is not None and pattern != TEXT_PATTERN:  # Text's is "not blank"
            return "http(s) address"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _describe_type(args[0], list(args[1:]) + metadata, nested)
    if origin in (typing.Union, types.UnionType):
        parts = [_describe_type(a, [], nested) for a in args if a is not type(None)]
        return " or ".join(parts)
    if origin is list:
        return f"list of {_describe_type(args[0], [], nested)}"
    if origin is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in args)
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return "one of: " + ", ".join(str(m.value) for m in annotation)
        if issubclass(annotation, BaseModel):
            if annotation not in nested:
                nested.append(annotation)
            return annotation.__name__
        names = {
            str: "text",
            bool: "true or false",
            int: "integer",
            float: "number",
            dt.date: "date (YYYY-MM-DD)",
            dt.datetime: "date, time and UTC offset (YYYY-MM-DDThh:mm:ss+hh:mm)",
        }
        if annotation in names:
            return names[annotation]
    raise TypeError(f"data reference: no description for type {annotation!r}")


def _model_doc(model: type[BaseModel], nested: list[type[BaseModel]]) -> ModelDoc:
    fields = []
    for name, info in model.model_fields.items():
        if not info.description:
            raise TypeError(f"{model.__name__}.{name} has no description")
        type_text = _describe_type(info.annotation, list(info.metadata), nested)
        fields.append(
            FieldDoc(name, Trusted(escape_text(type_text)), info.is_required(), info.description)
        )
    doc = (model.__doc__ or "").strip()
    return ModelDoc(model.__name__, f"model-{model.__name__.lower()}", doc, fields)


@functools.cache  # made from the model alone, the same for every story and build
def reference_sections() -> tuple[FileDoc, ...]:
    """Every file kind with the record models it holds, nested models included (shared: the
    result is cached, so read it, never change it)."""
    files = []
    for kind, file_model in FILE_MODELS.items():
        ((key, info),) = file_model.model_fields.items()
        nested: list[type[BaseModel]] = []
        _describe_type(info.annotation, list(info.metadata), nested)
        models: list[ModelDoc] = []
        done: set[type[BaseModel]] = set()
        while len(done) < len(nested):
            model = next(m for m in nested if m not in done)
            done.add(model)
            models.append(_model_doc(model, nested))
        files.append(FileDoc(kind, f"site_data/{kind}.yaml", key, info.description or "", models))
    return tuple(files)


# --- writing to disk -------------------------------------------------------------------------


def write_pages(
    data_dir: Path,
    content_dir: Path,
    out: Path,
    *,
    site_url: str | None = None,
) -> list[Path]:
    """Write every generated page and every content page (references resolved) under ``out``.

    Content pages get the same footer as generated pages ("last updated", "get the data").
    The open data (``data/``) and the Atom feed (``feed.xml``) are written too; ``site_url``
    (the site's http(s) address, if known) makes the feed's and the embed code's links
    absolute. Other files in ``content/`` (images, ...) are copied as they are. Raises
    :class:`DataError` with every problem of the data and of every content page (a reference
    that does not resolve, a file at a path the generator writes) before writing anything.
    """
    from generator.pipeline import StoryBuild

    result = StoryBuild(data_dir, content_dir, display_root=Path.cwd(), site_url=site_url).run()
    data = result.data
    if data is None or result.diagnostics:
        raise DataError(result.diagnostics)
    index_pages: dict[str, str] = {page.path: page.markdown for page in result.pages}
    index_pages.update(result.files)
    contents: dict[str, str | Path] = {}
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(content_dir).as_posix()
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            text = resolve_references(text, data, page_path=rel, file_label=str(path))
            contents[rel] = text.rstrip("\n") + "\n\n" + page_footer(data, rel)
        else:
            contents[rel] = path
    previous = _rendered_before(out)
    written: list[Path] = []
    for rel, item in {**index_pages, **contents}.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, Path):
            shutil.copyfile(item, target)
        else:
            target.write_text(item, encoding="utf-8", newline="\n")
        written.append(target)
    # A page of a deleted fact (or a renamed content file) must not linger for the next engine
    # to publish: remove what the last render wrote and this one did not, and nothing else.
    current = {path.relative_to(out).as_posix() for path in written}
    for rel in sorted(previous - current):
        (out / rel).unlink(missing_ok=True)
    (out / RENDER_MANIFEST).write_text(json.dumps(sorted(current), indent=0) + "\n", "utf-8")
    return written


RENDER_MANIFEST = ".explainer-render.json"
"""The list of files the last ``write_pages`` wrote into its output folder."""


def _rendered_before(out: Path) -> set[str]:
    try:
        listed = json.loads((out / RENDER_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    # Only plain relative paths: the manifest is ours, but never delete outside ``out``.
    return {
        rel
        for rel in listed
        if isinstance(rel, str) and rel and not rel.startswith("/") and ".." not in rel.split("/")
    }
