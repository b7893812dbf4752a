"""No fact changed in silence: every record and field added, changed or removed between two
versions of a story's data (the last published build's and this one), and the changes to
published facts that no update names.

Both versions are compared as the open data holds them (``data/story.json``: the story as JSON),
so a published build's file and a data folder compare alike, and a field that one version has
and the other does not (a newer or older format) counts as empty. Records are matched by id
(an id renamed is one removed and one added); a list of records without ids (a claim's status
steps) item by item; a list of ids or words as a whole (only added items: "added").

A change to a fact (a record of a kind with ``fact=True`` in :mod:`generator.schema.kinds`, or
a record nested in one: a figure's report, a claim's status step) that is *changed* or
*removed* must be named by an update that is new since the published build, or that names it
only now: in its ``facts`` (the fact, or for a report its figure), or, for a fact taken out of
the story, in its ``removed``. Otherwise it is a warning at the changed value's
``file:line:col`` (a removed record: at the list it was in), which ``--strict`` counts. An added
fact is listed, never warned about: a new fact is news, not a silent change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from generator.read.diagnostics import Diagnostic, format_loc, show
from generator.read.sourcemap import Path
from generator.schema import kinds

__all__ = ["NAME_IT", "Change", "Comparison", "compare", "named_by"]

NAME_IT = "name it in an update (a correction or a development)"
"""What a change to a published fact that no update names is told to do."""
NAME_REMOVED = "name it in an update's removed (a correction or a development)"
"""The same for a fact taken out of the story, which an update's ``facts`` cannot name."""

SINCE = "since the published build"

What = Literal["added", "changed", "removed"]


@dataclass(frozen=True)
class Change:
    """One difference between the published data and this data."""

    path: Path
    """Where it is in this data (``("figures", 0, "reports", 2, "value")``); for a removed
    record, the list it was in."""
    what: What
    before: Any
    after: Any
    fact: str | None
    """The id of the fact an update names for it (a report's: its figure's), or None for a
    change to no fact (a source, a question, the story, an update)."""
    record: str = ""
    """For a record added or removed as a whole: ``report 'deaths-2'``."""

    @property
    def message(self) -> str:
        if self.record:
            return f"{self.record} {self.what} {SINCE}"
        if self.what == "changed":
            return f"changed from {_shown(self.before)} to {_shown(self.after)} {SINCE}"
        if self.what == "added":
            if isinstance(self.after, list) and self.before:
                added = [item for item in self.after if item not in self.before]
                return f"added {_shown(added)} {SINCE}"
            return f"set to {_shown(self.after)} {SINCE}"
        return f"removed {SINCE} (it was {_shown(self.before)})"


def _shown(value: Any) -> str:
    """A JSON value for a message: numbers and true/false as they are, text quoted."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return show(value)
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return show(value["id"])
    return "{" + ", ".join(f"{key}: {_shown(item)}" for key, item in value.items()) + "}"


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _kind_of_list(field: str) -> str:
    """The record kind whose records a list field holds (``reports`` -> ``report``)."""
    return next((kind.name for kind in kinds.KINDS if kind.plural == field), "record")


class _Differ:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.fact: str | None = None
        """The fact whose record is being compared (None: no fact)."""

    def add(self, path: Path, what: What, before: Any, after: Any, record: str = "") -> None:
        self.changes.append(Change(path, what, before, after, self.fact, record))

    def value(self, old: Any, new: Any, path: Path) -> None:
        if old == new or (_empty(old) and _empty(new)):
            return
        if isinstance(old, dict) and isinstance(new, dict):
            for key in dict.fromkeys([*new, *old]):
                self.value(old.get(key), new.get(key), (*path, key))
        elif (_records(old) or _empty(old)) and (_records(new) or _empty(new)):
            self.records(str(path[-1]), old or [], new or [], path)
        elif _empty(old):
            self.add(path, "added", old, new)
        elif _empty(new):
            self.add(path, "removed", old, new)
        elif isinstance(old, list) and isinstance(new, list) and all(i in new for i in old):
            self.add(path, "added", old, new)
        else:
            self.add(path, "changed", old, new)

    def records(self, field: str, old: list[Any], new: list[Any], path: Path) -> None:
        """Two lists of records: matched by id when they have ids, else item by item."""
        if not all("id" in item for item in (*old, *new)):
            for index in range(max(len(old), len(new))):
                entry = f"entry {index + 1} of {field}"
                if index >= len(new):
                    self.add(path, "removed", old[index], None, entry)
                elif index >= len(old):
                    self.add((*path, index), "added", None, new[index], entry)
                else:
                    self.value(old[index], new[index], (*path, index))
            return
        kind = _kind_of_list(field)
        before = {item["id"]: item for item in old}
        now = {item["id"] for item in new}
        for index, item in enumerate(new):
            if item["id"] in before:
                self.value(before[item["id"]], item, (*path, index))
            else:
                self.add((*path, index), "added", None, item, f"{kind} '{item['id']}'")
        for item in old:
            if item["id"] not in now:
                self.add(path, "removed", item, None, f"{kind} '{item['id']}'")


def _records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new`` (each a story as ``data/story.json`` holds it), in
    file order: the story record, then each kind's file."""
    differ = _Differ()
    differ.value(old.get("story"), new.get("story"), ("story",))
    for kind in kinds.file_kinds():
        assert kind.file is not None
        before = [r for r in old.get(kind.file) or [] if isinstance(r, dict) and "id" in r]
        now = [r for r in new.get(kind.file) or [] if isinstance(r, dict) and "id" in r]
        known = {record["id"]: record for record in before}
        current = {record["id"] for record in now}
        for index, record in enumerate(now):
            differ.fact = record["id"] if kind.fact else None
            if record["id"] in known:
                differ.value(known[record["id"]], record, (kind.file, index))
            else:
                label = f"{kind.name} '{record['id']}'"
                differ.add((kind.file, index), "added", None, record, label)
        for record in before:
            if record["id"] not in current:
                differ.fact = record["id"] if kind.fact else None
                differ.add((kind.file,), "removed", record, None, f"{kind.name} '{record['id']}'")
    return differ.changes


def named_by(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
    """Fact id -> the id of the update that names it since the published build: an update
    that is new, or whose ``facts`` or ``removed`` name it only now."""
    file = kinds.by_name("update").file or "updates"
    before = {u["id"]: u for u in old.get(file) or [] if isinstance(u, dict) and "id" in u}
    named: dict[str, str] = {}
    for update in new.get(file) or []:
        earlier = before.get(update["id"], {})
        was = {*(earlier.get("facts") or []), *(earlier.get("removed") or [])}
        for fact in [*(update.get("facts") or []), *(update.get("removed") or [])]:
            if fact not in was:
                named.setdefault(fact, update["id"])
    return named


Locate = Callable[[Path], tuple[str, int, int]]
"""A path in the data -> (file, line, column) where an editor finds it."""


@dataclass(frozen=True)
class Comparison:
    """This data against the published build's: every change, and those no update names."""

    changes: list[tuple[What, Diagnostic]]
    """Every change, one line each (a named one says which update names it)."""
    silent: list[Diagnostic]
    """The changed or removed facts that no update names: warnings."""

    @classmethod
    def of(cls, old: dict[str, Any], new: dict[str, Any], locate: Locate) -> Comparison:
        named = named_by(old, new)
        changes: list[tuple[What, Diagnostic]] = []
        silent: list[Diagnostic] = []
        for change in compare(old, new):
            file, line, col = locate(change.path)
            message = change.message
            unnamed = change.what != "added" and change.fact is not None
            if unnamed and change.fact in named:
                message += f" (named by update '{named[change.fact]}')"
                unnamed = False
            elif unnamed:
                whole = change.record and len(change.path) == 1
                message += f"; {NAME_REMOVED if whole else NAME_IT}"
            diagnostic = Diagnostic(file, line, col, format_loc(change.path), message)
            changes.append((change.what, diagnostic))
            if unnamed:
                silent.append(diagnostic)
        changes.sort(key=lambda pair: pair[1])  # by file, line and column, as every problem
        return cls(changes, sorted(silent))

    @property
    def lines(self) -> list[Diagnostic]:
        return [diagnostic for _what, diagnostic in self.changes]

    def summary(self, where: str) -> str:
        """One line: how many changes of each kind, and how many no update names."""
        counts = {"added": 0, "changed": 0, "removed": 0}
        for what, _diagnostic in self.changes:
            counts[what] += 1
        said = ", ".join(f"{count} {what}" for what, count in counts.items())
        silent = len(self.silent)
        tail = f"; {silent} not named in an update" if silent else ""
        return f"compared with the published build ({where}): {said}{tail}"
