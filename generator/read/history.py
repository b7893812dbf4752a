"""The story in time: its developments, and the story as it stood on a day.

A *development* is a record dated by a field the schema marks
:class:`~generator.schema.annotations.Happened`: an event, a figure's report, a step of a claim's
status, a quote said on a known day, an update of ours. They are found at any depth of every
kind's records (a status step in an event, a position, a quote or a report alike), so a new kind
with a marked date field is a development without a line here. What a development is *about* is
the fact it belongs to (a report: its figure; a status step: its claim), or, for a record that is
no fact (an update), the facts it names.

:func:`as_it_stood` is the story as it stood at the end of a day: sources published after it
left out with their excerpts; every development dated after it left out; every record whose
cited excerpts were all left out (nothing published by then said it) left out; and, until nothing
more changes, every record that names one left out (a list of ids only loses that id). Its
corrections are today's: the data keeps no wrong value, only the note that it was put right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.read.developing import walk_models
from generator.read.sourcemap import Path
from generator.schema import kinds
from generator.schema.annotations import field_types, happened_field, references_in
from generator.schema.datemodel import DateQualifier, bounds, day_minutes, offset_of, start
from generator.schema.kinds import FACT, StoryData
from generator.schema.model import Source

__all__ = ["Development", "as_it_stood", "developments", "snapshot_days"]


@dataclass(frozen=True)
class Development:
    """One dated development of the story."""

    day: dt.date | str
    """The day it happened (a month, ``YYYY-MM``, for an event the source dates by month)."""
    inferred: bool
    """The day is the publication day of its first source (the record gives none)."""
    what: str
    """Its record kind's name (``event``, ``report``, ``update``), or, for a record of no kind
    of its own, the field it is listed in (``status``)."""
    record: Any
    path: Path
    """Where it is in its data file: ``("events", 3, "status", 1)``."""
    owner: tuple[str, Any]
    """The nearest record of a kind that holds it (a status step's claim) or is it: (kind
    name, record)."""
    about: tuple[tuple[str, str], ...]
    """(kind name, id) of each fact it is about."""

    @property
    def time(self) -> str | None:
        time: str | None = getattr(self.record, "time", None)
        return time

    @property
    def utc_offset(self) -> str | None:
        """Its time's offset from UTC, given or worked out from its zone's name on its day
        (None for a local time)."""
        return offset_of(self.record, self.day)

    @property
    def id(self) -> str:
        """Its record's id, or, for a record without one (a status step), the owner's id, the
        field and its number in that list (``jet-downing-status-2``)."""
        own = getattr(self.record, "id", None)
        if own is not None:
            return str(own)
        number = self.path[-1]
        return f"{self.owner[1].id}-{self.what}-{int(number) + 1 if isinstance(number, int) else 1}"

    @property
    def key(self) -> tuple[dt.date, int]:
        """Time order: by day, a day's untimed developments first, then by UTC time."""
        minutes = day_minutes(self.record, self.day)
        return start(self.day), -10_000 if minutes is None else minutes


def _earliest(source: Source) -> dt.date | None:
    """The first day a source may have been published (None: not known)."""
    return bounds(source.published, source.published_qualifier, source.published_end)[0]


def _sources_of(data: StoryData) -> dict[str, Source]:
    """Excerpt id -> the source it belongs to."""
    return {excerpt.id: source for source in data.sources for excerpt in source.excerpts}


def _model_kinds() -> dict[type[BaseModel], str]:
    return {kind.model: kind.name for kind in kinds.KINDS}


def _day(model: BaseModel, sources: dict[str, Source]) -> tuple[dt.date | str | None, bool]:
    """The day ``model`` happened (None: undated, or no such field), and whether it is inferred
    from its first source's publication."""
    marked = happened_field(type(model))
    if marked is None:
        return None, False
    name, mark = marked
    value = getattr(model, name)
    if value is not None or not mark.else_first_source:
        return value, False
    cites = getattr(model, "cites", None) or []
    source = sources.get(cites[0]) if cites else None
    if source is None or source.published is None:
        return None, False
    if source.published_qualifier is not DateQualifier.EXACT:
        return None, False  # a bound is no day to date it by
    return source.published, True


def developments(data: StoryData) -> list[Development]:
    """Every development of the story, newest first (a day's untimed ones after its timed ones;
    on one moment, the last in file order first). The open data, the feed, the as-it-stood
    pages and the updates page all ask for the same story's: found once (the last story's list
    is kept while it is the very same object)."""
    global _LAST
    if _LAST is not None and _LAST[0] is data:
        return list(_LAST[1])
    found = _developments(data)
    _LAST = (data, found)
    return list(found)


_LAST: tuple[StoryData, list[Development]] | None = None


def _developments(data: StoryData) -> list[Development]:
    sources = _sources_of(data)
    model_kinds = _model_kinds()
    fact_kind = {
        record.id: kind.name for kind in kinds.fact_kinds() for record in data.records(kind)
    }
    fact_kinds = {kind.name for kind in kinds.fact_kinds()}
    found: list[Development] = []
    for kind in kinds.file_kinds():
        for index, record in enumerate(data.records(kind)):
            about = _about(record, kind.name in fact_kinds, fact_kind)
            owners: list[tuple[Path, tuple[str, Any]]] = []
            for path, model in walk_models(record, (kind.plural, index)):
                own_kind = model_kinds.get(type(model))
                if own_kind is not None:
                    owners.append((path, (own_kind, model)))
                day, inferred = _day(model, sources)
                if day is None:
                    continue
                owner = next(o for at, o in reversed(owners) if path[: len(at)] == at)
                what = own_kind or str(next(p for p in reversed(path) if isinstance(p, str)))
                found.append(Development(day, inferred, what, model, path, owner, about))
    found.reverse()  # a stable sort, newest first, keeps the last of equal moments first
    found.sort(key=lambda d: d.key, reverse=True)
    return found


def _about(record: Any, fact: bool, fact_kind: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The facts a top-level record's developments are about: itself, if it is a fact; else the
    facts it names (an update's ``facts``)."""
    if fact:
        return ((fact_kind[record.id], record.id),)
    named = [value for _path, value, ref in references_in(record) if ref == FACT]
    return tuple((fact_kind[value], value) for value in dict.fromkeys(named) if value in fact_kind)


def snapshot_days(data: StoryData, limit: int) -> list[dt.date]:
    """The days of our updates on which the story stood otherwise than now (something happened
    to a fact, or a source was published, after them; our own later updates do not count: the
    story as it stood keeps today's corrections), oldest first: at most the ``limit`` latest."""
    facts = {kind.plural for kind in kinds.fact_kinds()}
    days = [start(d.day) for d in developments(data) if d.path[0] in facts]
    days += [first for first in map(_earliest, data.sources) if first is not None]
    if not days or limit <= 0:
        return []
    last = max(days)
    return sorted({update.date for update in data.updates if update.date < last})[-limit:]


# --- the story as it stood -----------------------------------------------------------------------

_DROP = object()
"""What a record left out of the story as it stood becomes, before its list forgets it."""


class _Then:
    """Prunes records to what stood on ``day`` (see the module's docstring)."""

    def __init__(self, data: StoryData, day: dt.date) -> None:
        self.day = day
        sources = _sources_of(data)
        self.sources = sources
        self.excerpts = {
            excerpt_id
            for excerpt_id, source in sources.items()
            if (first := _earliest(source)) is None or first <= day
        }
        self.ids: set[str] = set()
        """Every id still in the story (after the first pass): what references may name."""
        self.top: set[str] = set()
        """The ids the top-level record being pruned held, with its nested records, before."""

    def published_later(self, model: BaseModel) -> bool:
        """A source published after the day: it was not there to be read."""
        if not isinstance(model, Source):
            return False
        first = _earliest(model)
        return first is not None and first > self.day

    def dated_later(self, model: BaseModel) -> bool:
        day, _ = _day(model, self.sources)
        return day is not None and start(day) > self.day

    def prune(self, value: Any, *, references: bool) -> Any:
        """``value`` as it stood, or ``_DROP``. The first pass (``references`` False) drops by
        date and by sources; the second drops what names a record no longer there."""
        if not isinstance(value, BaseModel):
            return value
        if not references and (self.published_later(value) or self.dated_later(value)):
            return _DROP
        changed: dict[str, Any] = {}
        for name, field in field_types(type(value)):
            item = getattr(value, name)
            required = type(value).model_fields[name].is_required()
            if item is None:
                continue
            if field.model is not None:
                kept = self._records(item, field.is_list, references=references)
                if kept is _DROP or (field.is_list and item and not kept and required):
                    return _DROP  # a figure without a report, a source without an excerpt
            elif field.ref is not None and (references or field.ref.kind == "excerpt"):
                kept = self._references(item, field.is_list, references=references)
                if kept is _DROP and item in self.top and not required:
                    kept = None  # a figure's headline pick, made later, among its own reports
                if kept is _DROP or (field.ref.kind == "excerpt" and item and not kept):
                    return _DROP  # it names a record left out; nothing published then said it
            else:
                continue
            if kept is not item:
                changed[name] = kept
        return value.model_copy(update=changed) if changed else value

    def _records(self, item: Any, is_list: bool, *, references: bool) -> Any:
        if not is_list:
            return self.prune(item, references=references)
        kept = [self.prune(each, references=references) for each in item]
        kept = [each for each in kept if each is not _DROP]
        unchanged = len(kept) == len(item) and all(a is b for a, b in zip(kept, item, strict=True))
        return item if unchanged else kept

    def _references(self, item: Any, is_list: bool, *, references: bool) -> Any:
        """A list of ids loses those left out; a single id left out drops its record."""
        known = self.ids if references else self.excerpts
        if not is_list:
            return item if item in known else _DROP
        left = [ref for ref in item if ref in known]
        return item if len(left) == len(item) else left


def _all_ids(value: Any) -> Iterator[str]:
    for _path, model in walk_models(value, ()):
        own = getattr(model, "id", None)
        if isinstance(own, str):
            yield own


def as_it_stood(data: StoryData, day: dt.date) -> StoryData:
    """The story as it stood at the end of ``day`` (see the module's docstring)."""
    then = _Then(data, day)
    files: dict[str, list[Any]] = {}
    held: dict[str, set[str]] = {}  # a top-level record's id -> every id it held, nested too
    for kind in kinds.file_kinds():
        assert kind.file is not None
        kept = [then.prune(record, references=False) for record in data.records(kind)]
        files[kind.file] = [record for record in kept if record is not _DROP]
        held.update((record.id, set(_all_ids(record))) for record in data.records(kind))
    ids = {own for records in files.values() for r in records for own in _all_ids(r)}
    while True:  # each round may leave out a record that others name: until none does
        then.ids = ids
        for name, records in files.items():
            pruned = []
            for record in records:
                then.top = held.get(record.id, set())
                kept = then.prune(record, references=True)
                if kept is not _DROP:
                    pruned.append(kept)
            files[name] = pruned
        ids = {own for records in files.values() for r in records for own in _all_ids(r)}
        if ids == then.ids:
            break
    story = data.story.model_copy(
        update={"updated": min(day, data.story.updated), "updated_at": None}
    )
    made: StoryData = data.model_copy(update={"story": story, **files})
    return made
