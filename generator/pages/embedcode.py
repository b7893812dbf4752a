"""The "Embed this" block of an embeddable page: the iframe code a reader copies, and the
site-address check that the code, the feed and the JSON-LD rely on."""

from __future__ import annotations

import html
from dataclasses import dataclass

from generator.pages.escape import Trusted, escape_text
from generator.pages.linker import Linker

__all__ = ["Embed", "embed_block", "is_site_url"]


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


def embed_block(ln: Linker, path: str, label: str, title: str, site_url: str | None) -> Embed:
    """The block for the embeddable page at ``path`` (docs-relative), linked from ``ln``'s page."""
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
