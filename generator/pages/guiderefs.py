"""What each ``[[kind:id]]`` of a hand-written page reads as, for the editors' guide.

Made from the examples a new story has (:mod:`generator.pages.examples`) by the page linker
itself (:class:`~generator.pages.linker.Linker`), so the guide shows what the site shows: for
each kind a page can name, the reference, and the link's text; a kind's other wordings
(``[[figure:x|label]]``, ``|value``) each on a row of its own; and how a reference reads at the
start of a sentence.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from generator.pages.examples import example
from generator.pages.linker import Linker
from generator.pages.storyindex import Index
from generator.schema import kinds

__all__ = ["Rendered", "rendered_references"]


@dataclass(frozen=True)
class Rendered:
    written: str
    """What an editor writes: ``[[figure:example-figure|label]]``."""
    reads: str
    """The link's text readers see (plain text)."""


_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_ESCAPED = re.compile(r"\\(.)")


def _plain(markdown: str) -> str:
    """A link (and any label before it) as the words a reader sees."""
    text = _TAG.sub("", _LINK.sub(lambda m: m.group(1), markdown))
    return html.unescape(_ESCAPED.sub(r"\1", text)).strip()


def rendered_references(day: dt.date) -> tuple[tuple[Rendered, ...], Rendered | None]:
    """Every kind a page may name, as the example story words it (examples dated ``day``);
    and the first whose words start with a small letter, as it reads at a sentence's start."""
    records: dict[str, Any] = {}
    for kind in kinds.file_kinds():
        assert kind.file is not None
        found = example(kind.file, day)
        records[kind.file] = [found.record] if found else []
    story = example(kinds.STORY_FILE, day)
    assert story is not None
    records[kinds.STORY_FILE] = story.record
    index = Index(kinds.StoryData.model_validate(records))
    linker = Linker(index, "index.md")
    rows: list[Rendered] = []
    capital: Rendered | None = None
    for kind in kinds.KINDS:
        if not kind.page or not index.ids(kind.name):
            continue
        record_id = next(iter(index.ids(kind.name)))
        written = f"[[{kind.name}:{record_id}]]"
        reads = _plain(linker.reference(kind.name, record_id))
        rows.append(Rendered(written, reads))
        if capital is None and reads[:1].islower():
            capital = Rendered(
                written, _plain(linker.reference(kind.name, record_id, capital=True))
            )
        for form in kind.forms:
            reads = _plain(linker.reference(kind.name, record_id, form))
            rows.append(Rendered(f"[[{kind.name}:{record_id}|{form}]]", reads))
    return tuple(rows), capital
