"""What a page says when it is shared: Open Graph and Twitter card values, and its share image.

Each page kind has one share image (:data:`SHARE_DIR`/``<kind>.png``, 1200×630): the story's
headline and the page's title; the home page's (which hand-written pages share) shows the
headline and standfirst; the figures page's a chart of each figure with more than one report
(a line per reporter), or, when none changed, the headline numbers; every player page shares
the "Who's who" image. :func:`share_cards` says what each image shows (drawn by
:mod:`generator.outputs.shareimage`), :func:`share_images` draws them, and :func:`share_meta` gives
a page's values: title, description (the page's own meta description, else a sentence for its
kind, else the site's description), its absolute address when the site's address is known
(else none: Open Graph wants an absolute one), the image's address (absolute with a site
address, else relative to the page) and its alt text. The values are plain text: the theme
escapes them (``theme/partials/share-meta.html``). Nothing here imports mkdocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.outputs.shareimage import HEIGHT, WIDTH, Card, Chart, Number, Point, Series, images
from generator.pages.pagekinds import by_name, page_kind_at, page_kinds
from generator.pages.storyindex import Index
from generator.pages.wording import figure_text, source_title

__all__ = [
    "SHARE_DIR",
    "ShareMeta",
    "image_path",
    "page_kind",
    "page_url",
    "share_cards",
    "share_images",
    "share_meta",
]

SHARE_DIR = "assets/images/share"
"""Where the share images are, relative to the site (and the docs folder)."""

HOME = "home"
"""The image of the home page and of every other hand-written page."""


@dataclass(frozen=True)
class ShareMeta:
    """A page's share values, as plain text (escaped by the theme)."""

    title: str
    description: str
    site_name: str
    url: str | None
    """The page's absolute address (None without a site address)."""
    image: str
    image_alt: str
    width: int = WIDTH
    height: int = HEIGHT

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "site_name": self.site_name,
            **({"url": self.url} if self.url is not None else {}),
            "image": self.image,
            "image_alt": self.image_alt,
            "width": self.width,
            "height": self.height,
        }


def page_kind(page_path: str) -> str | None:
    """The page kind of a generated page at ``page_path`` (embed pages: their full page's kind),
    None for a hand-written page."""
    kind = page_kind_at(page_path)
    return None if kind is None else kind.name


def image_name(kind: str | None) -> str:
    """The share image a page kind uses (player pages share the "Who's who" one)."""
    return HOME if kind is None else by_name(kind).image


def image_path(kind: str | None) -> str:
    return f"{SHARE_DIR}/{image_name(kind)}.png"


def page_url(page_path: str) -> str:
    """The site-relative address of a page with directory URLs: ``players/index.md`` ->
    ``players/``, ``timeline.md`` -> ``timeline/``, ``index.md`` -> ``""``."""
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _address(site_url: str | None, target: str, here: str) -> str:
    if site_url is not None:
        return site_url.rstrip("/") + "/" + target
    return posixpath.relpath(target, here.rstrip("/") or ".")


def share_meta(
    index: Index,
    page_path: str,
    *,
    title: str,
    site_name: str,
    site_description: str | None = None,
    description: str | None = None,
    site_url: str | None = None,
    url: str | None = None,
) -> ShareMeta:
    """The share values of the page at ``page_path`` (docs-relative), whose title is ``title``
    and whose own meta description (front matter) is ``description``. ``url`` is the page's
    site-relative address (default: :func:`page_url`)."""
    story = index.data.story
    kind = page_kind(page_path)
    here = page_url(page_path) if url is None else url
    fallback: str | None
    if page_path == "index.md":
        shown_title, fallback = story.headline, story.standfirst
    else:
        shown_title = f"{title} - {site_name}"
        fallback = by_name(kind).description if kind is not None else None
        if kind == "player":
            actor = index.tables["actor"].get(posixpath.basename(page_path).removesuffix(".md"))
            fallback = f"{actor.name}: {actor.role}" if actor is not None else None
    text = description or fallback or site_description or story.standfirst
    shared = None if kind is None else by_name(kind).image_of  # a page with another's image
    alt_title = by_name(shared).title if shared else title
    alt = (
        f"{story.headline} ({site_name})"
        if image_name(kind) == HOME
        else f"{alt_title}: {story.headline}"
    )
    if kind == "figures":
        charted = [view for view in index.figures.values() if len(view.history) > 1]
        if charted:
            alt += ". A chart of " + "; ".join(v.figure.label.rstrip(".") for v in charted[:2])
            alt += " over time, one line per source"
    return ShareMeta(
        title=shown_title,
        description=" ".join(text.split()),
        site_name=site_name,
        url=_address(site_url, here, "") if site_url is not None else None,
        image=_address(site_url, image_path(kind), here),
        image_alt=alt,
    )


# --- the images --------------------------------------------------------------------------------


def _reporter(index: Index, reporter_id: str) -> str:
    actor = index.tables["actor"].get(reporter_id)
    if actor is not None:
        return str(actor.name)
    source = index.tables["source"].get(reporter_id)
    if source is not None:
        return source.publisher or source.found_at or source_title(source)
    return reporter_id


def _charts(index: Index) -> tuple[Chart, ...]:
    charts = []
    for view in index.figures.values():
        if len(view.history) < 2 or any(d.day is None for d in view.history):
            continue
        by_reporter: dict[str, list[Point]] = {}
        for dated in view.standing:  # a disputed, denied or retracted number is on no line
            report = dated.report
            assert dated.day is not None
            high = report.high if report.high is not None else dated.low
            by_reporter.setdefault(dated.reporter, []).append(
                Point(dated.day, dated.low, float(high))
            )
        series = tuple(
            Series(" and ".join(_reporter(index, r) for r in reporter.split("+")), tuple(points))
            for reporter, points in by_reporter.items()
        )
        if not series:
            continue
        headline = view.headline.report
        title = view.figure.label
        charts.append(Chart(title, figure_text(headline, view.figure), series))
    return tuple(charts)


def _numbers(index: Index) -> tuple[Number, ...]:
    out = []
    for view in index.figures.values():
        out.append(Number(figure_text(view.headline.report, view.figure), view.figure.label))
    return tuple(out)


def share_cards(index: Index) -> list[Card]:
    """What each share image shows: the home card, then one per page kind (player pages
    excepted: they share the "Who's who" card)."""
    story = index.data.story
    cards = [Card(HOME, "An explainer", story.headline, text=story.standfirst, home=True)]
    for kind in page_kinds():
        if kind.several:  # a player's page and an earlier version share their kind's card
            continue
        charts = _charts(index) if kind.name == "figures" else ()
        numbers = _numbers(index) if kind.name == "figures" and not charts else ()
        text = kind.description
        cards.append(Card(kind.name, story.headline, kind.title, text, charts, numbers))
    return cards


def share_images(index: Index, cache_dir: Path | None = None) -> dict[str, bytes]:
    """Docs-relative path -> PNG bytes of every share image (see :func:`share_cards`)."""
    drawn = images(share_cards(index), cache_dir)
    return {f"{SHARE_DIR}/{name}.png": png for name, png in drawn.items()}
