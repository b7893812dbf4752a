"""In what order a save's files reach Zensical: the pages made from the saved file first.

Zensical 0.0.70 builds a save's pages one after another before it serves any of them; at ten
times the shipped story, a timeline alone was served after 0.2 s, the five pages an event's
title changes after 0.45-0.6 s. So ``explainer serve`` writes first the pages made from the
files just saved (an event's edit: the timeline, the page the editor most likely has open), or
every changed page if none is, and holds the rest (embeds, pages that link to the edited
records, the open data, the feed) until Zensical has built those
(:meth:`generator.engines.devserver.quirks.SaveBuilds.check`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator.pages.render import Page

__all__ = ["first_wave", "leading_pages", "made_from"]


def made_from(edited: Iterable[str], data_dir: Path) -> Callable[[str], bool] | None:
    """Whether a page edited in a given data file (its ``edit_path``) is made from one of the
    ``edited`` files; None if none of them is a data file."""
    stems = {path.stem for path in map(Path, edited) if path.parent == data_dir}
    return (lambda edit_path: Path(edit_path).stem in stems) if stems else None


def leading_pages(
    edited: Iterable[str], data_dir: Path, content_dir: Path, pages: Iterable[Page]
) -> set[str]:
    """The docs-relative pages made from the ``edited`` files (paths; an embed is not one)."""
    paths = [Path(path) for path in edited]
    made = made_from(edited, data_dir)
    leading = (
        {page.path for page in pages if made(page.edit_path) and not page.path.startswith("embed/")}
        if made
        else set()
    )
    for path in paths:
        if path.suffix == ".md" and path.is_relative_to(content_dir):
            leading.add(path.relative_to(content_dir).as_posix())
    return leading


def first_wave(
    files: Mapping[str, bytes], held: Mapping[str, bytes], leading: set[str]
) -> dict[str, bytes] | None:
    """``files`` with the changed files that can wait kept at what the folder ``held``; None
    when nothing can wait (everything goes at once). A file the folder lacks goes first."""
    changed = [rel for rel, data in files.items() if held.get(rel) != data]
    pages = [rel for rel in changed if rel.endswith(".md")]
    first = [rel for rel in pages if rel in leading] or pages
    if not first or len(first) == len(changed):
        return None
    return {
        rel: data if rel in first or rel not in held else held[rel] for rel, data in files.items()
    }
