"""Validate one data file with its model, record by record.

:func:`validate_file` validates the file's data with its file model; every pydantic error is
said as a located line (:mod:`generator.read.validation`). A record that fails
leaves the others standing: the file is still handed to the cross-file rules
(:mod:`generator.read.checks`) with its valid records, each at its own place in the file, so one
broken record hides neither the other records' problems nor their cross-file problems.
:func:`check_valid_records` runs those rules and drops the "unknown ..." that a left-out
record's id would cause (the record's own problem says it already). Nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator.read.checks import ValidFile, check_story
from generator.read.diagnostics import Diagnostic
from generator.read.sourcemap import Path, SourceMap
from generator.read.validation import validation_diagnostics
from generator.schema import kinds
from generator.schema.kinds import FILE_MODELS, Kind
from generator.schema.model import Record, Slug

__all__ = ["PartFile", "check_valid_records", "validate_file"]


# --- record by record --------------------------------------------------------------------------


@dataclass(frozen=True)
class PartFile(ValidFile):
    """A list file some of whose records failed validation: it holds the valid ones.

    The rules of :mod:`generator.read.checks` number records as they find them; ``kept`` maps that
    number back to the record's place in the file, so every message names the right record
    and line. ``hidden`` holds the ids (and kinds) of the records left out.
    """

    kept: tuple[int, ...] = ()
    hidden: tuple[tuple[str, str], ...] = ()
    """(id, record kind) of each left-out record, nested records included ('' for an id that
    is missing or not a valid id)."""

    def _in_file(self, path: Path) -> Path:
        if len(path) > 1 and path[0] == self.kind and isinstance(path[1], int):
            return (self.kind, self.kept[path[1]], *path[2:])
        return path

    def at(self, path: Path, message: str) -> Diagnostic:
        return super().at(self._in_file(path), message)

    def where(self, path: Path) -> str:
        return super().where(self._in_file(path))


def validate_file(
    kind: str,
    display: str,
    data: Any,
    sourcemap: SourceMap,
    found: Sequence[Diagnostic],
    built: Sequence[Path],
) -> tuple[ValidFile | None, list[Diagnostic]]:
    """The file (None if no record of it can be used) and every problem of it.

    ``found`` are the problems the reading found already (``built``: the paths of those found
    while building values, whose values are None now: their own message says it better than a
    type error would). A problem outside any record (the top-level key, the list itself)
    leaves nothing to use; a problem inside a record leaves that record out.
    """
    model_type = FILE_MODELS[kind]
    diagnostics = list(found)
    broken = list(built)
    model: Record | None = None
    try:
        model = model_type.model_validate(data)
    except ValidationError as error:
        said = set(built)
        for path, diagnostic in validation_diagnostics(
            error, kind, model_type, data, sourcemap, display
        ):
            # A value that could not be built is None now: its own problem says it better.
            if not any(path[:end] in said for end in range(len(path) + 1)):
                diagnostics.append(diagnostic)
                broken.append(path)
    if model is not None and not broken:
        return ValidFile(kind, display, model, sourcemap), diagnostics
    records = data.get(kind) if isinstance(data, dict) and kind != kinds.STORY_FILE else None
    bad = {p[1] for p in broken if len(p) > 1 and p[0] == kind and isinstance(p[1], int)}
    if not isinstance(records, list) or any(
        len(p) < 2 or p[0] != kind or not isinstance(p[1], int) for p in broken
    ):
        return None, diagnostics
    record_kind = kinds.by_file(kind)
    kept: list[int] = []
    valid: list[Record] = []
    for number, record in enumerate(records):
        if number in bad:
            continue
        try:
            valid.append(record_kind.model.model_validate(record))
        except ValidationError:  # valid in its file, so valid alone; never left silently
            bad.add(number)
            continue
        kept.append(number)
    hidden = tuple(_ids(record_kind, [records[n] for n in sorted(bad)]))
    values: dict[str, Any] = {kind: valid}
    part = model_type.model_construct(None, **values)
    return PartFile(kind, display, part, sourcemap, tuple(kept), hidden), diagnostics


def _ids(kind: Kind[Any], records: Iterable[Any]) -> Iterable[tuple[str, str]]:
    """(id, kind) of each record and of the records nested in it; ``("", kind)`` for one
    without a readable id (a reference to any id of that kind may mean it)."""
    for record in records:
        if not isinstance(record, dict):
            yield "", kind.name
            continue
        yield (record["id"] if _readable_id(record.get("id")) else ""), kind.name
        for child in kinds.children(kind):
            assert child.parent is not None
            nested = record.get(child.parent[1])
            yield from _ids(child, nested if isinstance(nested, list) else [])


_SLUG: TypeAdapter[str] = TypeAdapter(Slug)


def _readable_id(value: Any) -> bool:
    try:
        _SLUG.validate_python(value, strict=True)
    except ValidationError:
        return False
    return True


_UNKNOWN = re.compile(r"unknown (?P<ref>[a-z-]+) '(?P<id>[^']*)'")
_ALSO = re.compile(r"\(also (?P<kind>[a-z_]+)\[(?P<number>\d+)\]\S* at (?P<file>.+):\d+:\d+\)$")


def check_valid_records(files: Mapping[str, ValidFile]) -> list[Diagnostic]:
    """The cross-file problems among ``files``, except an "unknown <kind> '<id>'" where the id
    is that of a record left out for its own problem (fix it, and the reference resolves), or
    any id of a kind one of whose left-out records has no readable id."""
    hidden: dict[str, set[str]] = {}
    for file in files.values():
        for record_id, name in file.hidden if isinstance(file, PartFile) else ():
            hidden.setdefault(record_id, set()).add(name)
    facts = {kind.name for kind in kinds.fact_kinds()}

    def follow_on(diagnostic: Diagnostic) -> bool:
        match = _UNKNOWN.match(diagnostic.message)
        if match is None:
            return False
        names = hidden.get(match["id"], set()) | hidden.get("", set())
        return match["ref"] in names or (match["ref"] == kinds.FACT and bool(names & facts))

    parts = {(f.display, f.kind): f for f in files.values() if isinstance(f, PartFile)}

    def numbered_in_file(diagnostic: Diagnostic) -> Diagnostic:
        # "duplicate id 'x' (also actors[1].id at file:9:5)": the rules number the first place
        # as they found it; say its number in the file, as PartFile.at does for the others.
        match = _ALSO.search(diagnostic.message)
        part = parts.get((match["file"], match["kind"])) if match else None
        if match is None or part is None:
            return diagnostic
        number = part.kept[int(match["number"])]
        message = diagnostic.message[: match.start("number")] + str(number)
        return replace(diagnostic, message=message + diagnostic.message[match.end("number") :])

    return [numbered_in_file(d) for d in check_story(files) if not follow_on(d)]
