"""Which per-record pages of the last render can be kept: those whose inputs did not change.

A player page per player is most of a large story's pages (1,600 of 1,612 in the benchmark's
k=100 story) and most of its render time, and one edit touches a few of them. What a player
page shows is declared by the data, not guessed from its text:

- its context: the player and, in order, its members, quotes, positions and events (the ids:
  a quote added, removed or moved changes them);
- the records it reads: those, and every record they refer to (:func:`references_in`: other
  players, questions, excerpts and the sources those belong to, for the source counts);
- what every page reads: the story record (the footer's date) and the updates (corrections).

A page is kept when its context ids are the same, none of the records it read changed, and
neither did what every page reads. A page of a whole kind (the timeline, the stances, ...) is
kept when no record of a kind it may show changed (:func:`kinds_read`: the kinds it is made
from, every kind those refer to, the kinds those are nested in), nor their order. Records are
compared by value, but an unchanged data file's records are the very objects of the last load
(the loader's file cache), so most comparisons stop at identity. Templates and the site
address are the caller's to compare (:class:`~generator.pipeline.StoryBuild` keeps a render
only while they stay the same).
``tests/test_rerender.py`` holds kept pages to a full render over random edits.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.pages.storyindex import Index
from generator.schema import kinds
from generator.schema.annotations import field_types, references_in

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["ORDER", "Inputs", "Rendered", "changed_records", "kinds_read", "reads_of"]

ORDER = ""
"""The id of a changed record key that says a kind's records changed order (no id is empty)."""

RecordKey = tuple[str, str]
"""(kind name, record id)."""


@dataclass
class Inputs:
    """A player page's context ids, the records it shows, and (worked out when first asked,
    then kept with the page: a cold build never asks) every record it read."""

    ids: tuple[str | tuple[str, ...], ...]
    shown: list[tuple[str, BaseModel]]
    _reads: frozenset[RecordKey] | None = None

    def reads(self, index: Index) -> frozenset[RecordKey]:
        """:func:`reads_of` the records shown (``index``: the story now, for the excerpts'
        sources; a source an excerpt moved from or to has changed either way)."""
        if self._reads is None:
            self._reads = reads_of(index, self.shown)
        return self._reads


@dataclass
class Rendered:
    """One render: its index, and each per-record page with the inputs it was made from."""

    index: Index
    pages: dict[str, tuple[Inputs | None, Any]] = field(default_factory=dict)
    """Docs-relative path -> (a player page's inputs, None for a page of a whole kind; the
    :class:`~generator.pages.render.Page`, not named here, which would make an import cycle)."""


def changed_records(old: Index, new: Index) -> set[RecordKey] | None:
    """The records that differ between two indexes (added, removed or changed), or None when
    what every page reads changed (then no page can be kept)."""
    if old.data.story != new.data.story or old.data.updates != new.data.updates:
        return None
    changed: set[RecordKey] = set()
    for kind, table in new.tables.items():
        before = old.tables.get(kind, {})
        for record_id, record in table.items():
            previous = before.get(record_id)
            if previous is not record and previous != record:
                changed.add((kind, record_id))
        changed.update((kind, record_id) for record_id in before.keys() - table.keys())
        if list(before) != list(table):  # same-day events keep file order, so order shows
            changed.add((kind, ORDER))
    # A record whose block moved to another page of a long list in parts (a period cut finer
    # when an event was added beside it) changed for every page that links to it.
    moved_before, moved_now = old.parts.moved_records, new.parts.moved_records
    if moved_before != moved_now:
        changed.update(
            key
            for key in moved_before.keys() | moved_now.keys()
            if moved_before.get(key) != moved_now.get(key)
        )
    return changed


@functools.cache
def kinds_read(roots: tuple[str, ...]) -> frozenset[str]:
    """The kinds a page made from records of ``roots`` may show: those, the kinds they refer to
    (``RefTo``, in nested records too; ``fact``: every fact kind), and the kinds those are nested
    in (an excerpt's source: its publisher), and so on."""
    seen: set[str] = set()
    todo = [target.name for root in roots for target in kinds.targets(root)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        kind = kinds.by_name(name)
        todo += [target.name for ref in _refs(kind.model) for target in kinds.targets(ref)]
        if kind.parent is not None:
            todo.append(kind.parent[0])
    return frozenset(seen)


def _refs(model: type[BaseModel]) -> set[str]:
    """Every ``RefTo`` kind under ``model``'s fields, nested records included."""
    found: set[str] = set()
    for _name, type_ in field_types(model):
        if type_.ref is not None:
            found.add(type_.ref.kind)
        elif type_.model is not None:
            found |= _refs(type_.model)
    return found


def reads_of(index: Index, records: list[tuple[str, BaseModel]]) -> frozenset[RecordKey]:
    """``records`` ((kind, record) pairs) and every record they refer to, as keys."""
    read: set[RecordKey] = set()
    for kind_name, record in records:
        read.add((kind_name, str(getattr(record, "id"))))  # noqa: B009 (every record has one)
        for _path, record_id, ref in references_in(record):
            for target in kinds.targets(ref):
                read.add((target.name, record_id))
                # A nested record's parent counts too: an excerpt's source's publisher counts
                # the support of the fact citing it.
                if target.parent is not None and record_id in index.parent:
                    read.add((target.parent[0], index.parent[record_id].id))
    return frozenset(read)
