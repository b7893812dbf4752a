"""Cross-file rules, run on the files that validated on their own.

- ids are unique across every kind of record (:mod:`generator.schema.kinds`); a duplicate names the
  other place;
- every reference resolves: each field typed as a reference (``RefTo``, see
  :mod:`generator.schema.annotations`), at any depth, names a record of its kind, with "did you
  mean ...?";
- the rules of quotes (:mod:`generator.read.quotechecks`): each occurs verbatim in an excerpt it
  cites, words of ours in square brackets aside; the versions of one statement;
- a date agrees with its basis (:mod:`generator.read.datechecks`);
- the story was not updated before it was published, nor before its latest update;
- an update's ``removed`` names no record the story still holds;
- the rules of a developing story (:mod:`generator.read.developing`): figure reports, headlines,
  times of day, date ranges, claim status histories;
- the rules of questions and positions (:mod:`generator.read.stancechecks`) and of sources
  (:mod:`generator.read.sourcechecks`: publishers, versions).

A rule runs only when every file it reads validated, so one broken file does not bury the
others in "unknown ..." noise.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.read.datechecks import check_date
from generator.read.developing import check_developing, walk_models
from generator.read.diagnostics import Diagnostic, Suggestions, format_loc
from generator.read.quotechecks import check_quotes
from generator.read.sourcechecks import check_sources
from generator.read.sourcemap import Path, SourceMap
from generator.read.stancechecks import check_stances
from generator.read.verbatim import folded, normalise
from generator.schema import kinds
from generator.schema.annotations import references_in
from generator.schema.kinds import STORY_FILE, Kind
from generator.schema.model import (
    DateBasis,
    Excerpt,
    FigureReport,
    OtherDate,
    Record,
    Source,
    SourceVersion,
    StatusStep,
    Story,
    Update,
)

__all__ = ["ValidFile", "check_story"]


@dataclass(frozen=True)
class ValidFile:
    """One data file that validated on its own, with where each of its values is."""

    kind: str
    display: str
    model: Record
    sourcemap: SourceMap

    def at(self, path: Path, message: str) -> Diagnostic:
        line, col = self.sourcemap.locate(path)
        return Diagnostic(self.display, line, col, format_loc(path), message)

    def where(self, path: Path) -> str:
        line, col = self.sourcemap.locate(path)
        return f"{self.display}:{line}:{col}"

    def records(self) -> list[Any]:
        records: list[Any] = getattr(self.model, self.kind)
        return records

    @functools.cached_property
    def references(self) -> list[tuple[Path, str, str]]:
        """Every reference in the file's records: (its path, the id it names, the ``RefTo``
        kind). Found once per read of the file: the dev server reads again only the files
        whose bytes changed, and walking every record took a third of the checks' time."""
        return [
            found
            for index, record in enumerate(self.records())
            for found in references_in(record, (self.kind, index))
        ]


@dataclass(frozen=True)
class _Id:
    value: str
    kind: Kind[Any]
    file: ValidFile
    path: Path
    record: Any
    parent: Any = None
    """The record this one is nested in (an excerpt's source), if any."""


def _article(label: str) -> str:
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


class _Checker:
    def __init__(self, files: Mapping[str, ValidFile]) -> None:
        self.files = files
        self.out: list[Diagnostic] = []
        self.ids: dict[str, _Id] = {}
        self.excerpts: dict[str, tuple[str, Source]] = {}
        """Excerpt id -> (its text, its source)."""
        self.versions: dict[str, SourceVersion] = {}
        """Excerpt id -> the version of its source it comes from, for those that say one."""
        self.event_days: dict[str, dt.date | str] = {}
        """Event id -> its date, for dates counted from an event (rule from-event)."""
        self.written_in: dict[str, str | None] = {}
        """Excerpt id -> the language it says it is in, or its source's (None: the story's)."""
        self.suggestions = Suggestions()

    def run(self) -> list[Diagnostic]:
        self.unique_ids()
        self.references()
        self.quotes()
        self.dates()
        self.nested_dates()
        records = ((record, path, file.at) for _kind, file, record, path in self._records())
        self.out += check_developing(records, self.excerpts, self.versions)
        self.stances()
        sources = self.files.get("sources")
        if sources is not None:
            story = self.files.get(STORY_FILE)
            language = None if story is None else getattr(story.model, STORY_FILE).language
            self.out += check_sources(sources.records(), sources.at, language)
        self.story()
        self.removed()
        return self.out

    # --- ids -----------------------------------------------------------------------------------

    def _all_ids(self) -> Iterator[_Id]:
        """Every record with an id, each kind's nested records right after their parent."""

        def walk(
            kind: Kind[Any], file: ValidFile, record: Any, path: Path, parent: Any = None
        ) -> Iterator[_Id]:
            yield _Id(record.id, kind, file, (*path, "id"), record, parent)
            for child in kinds.children(kind):
                assert child.parent is not None
                field = child.parent[1]
                for number, nested in enumerate(getattr(record, field)):
                    yield from walk(child, file, nested, (*path, field, number), record)

        for kind, file, record, path in self._records():
            yield from walk(kind, file, record, path)

    def _records(self) -> Iterator[tuple[Kind[Any], ValidFile, Any, Path]]:
        """Every top-level record of every file that validated, with its path."""
        for kind in kinds.file_kinds():
            assert kind.file is not None
            file = self.files.get(kind.file)
            if file is None:
                continue
            for index, record in enumerate(file.records()):
                yield kind, file, record, (kind.file, index)

    def unique_ids(self) -> None:
        for entry in self._all_ids():
            if isinstance(entry.record, Excerpt):  # an excerpt, nested in its source
                self.excerpts.setdefault(entry.value, (entry.record.text, entry.parent))
                language = entry.record.language or entry.parent.language
                self.written_in.setdefault(entry.value, language)
                for version in entry.parent.versions:
                    if version.id == entry.record.version:
                        self.versions.setdefault(entry.value, version)
            first = self.ids.get(entry.value)
            if first is None:
                self.ids[entry.value] = entry
                continue
            where = f"{format_loc(first.path)} at {first.file.where(first.path)}"
            self.out.append(
                entry.file.at(entry.path, f"duplicate id '{entry.value}' (also {where})")
            )

    # --- references ----------------------------------------------------------------------------

    def _loaded(self, kind: Kind[Any]) -> bool:
        """Whether the file that holds ``kind``'s records validated."""
        while kind.file is None:
            assert kind.parent is not None
            kind = kinds.by_name(kind.parent[0])
        return kind.file in self.files

    def references(self) -> None:
        """Every field typed as a reference, in every record of every file, names its kind."""
        checked: dict[str, list[Kind[Any]] | None] = {}  # ref kind -> its targets, if loaded
        for kind in kinds.file_kinds():
            file = self.files.get(kind.file or "")
            if file is None:
                continue
            for path, value, ref in file.references:
                if ref not in checked:
                    targets = kinds.targets(ref)
                    loaded = all(self._loaded(target) for target in targets)
                    checked[ref] = targets if loaded else None
                if (wanted := checked[ref]) is not None:
                    self._resolve(file, path, value, ref, wanted)

    def _resolve(
        self, file: ValidFile, path: Path, value: str, ref: str, wanted: list[Kind[Any]]
    ) -> None:
        entry = self.ids.get(value)
        if entry is not None and entry.kind in wanted:
            return
        if entry is not None:
            message = f"'{value}' is {_article(entry.kind.name)}, not {_article(ref)}"
            nested = [c.plural for c in kinds.children(entry.kind) if c in wanted]
            if nested and child_ids(entry.record, nested[0]):
                ids = ", ".join(child_ids(entry.record, nested[0]))
                message += f"; cite one of its {nested[0]}: {ids}"
        else:  # the ids a reference of this kind may name, listed once per run and kind
            hint = self.suggestions.hint(
                value, ref, lambda: [v for v, e in self.ids.items() if e.kind in wanted]
            )
            message = f"unknown {ref} '{value}'{hint}"
        self.out.append(file.at(path, message))

    # --- quotes --------------------------------------------------------------------------------

    def _cited_texts(self, cites: Sequence[str]) -> list[tuple[str, str]]:
        return [(cite, self.excerpts[cite][0]) for cite in cites if cite in self.excerpts]

    def quotes(self) -> None:
        file = self.files.get("quotes")
        if file is None:
            return
        texts = None  # the verbatim rule needs the sources
        if "sources" in self.files:
            texts = {excerpt: text for excerpt, (text, _source) in self.excerpts.items()}
        story = self.files.get(STORY_FILE)
        if story is None or texts is None:  # translations need both
            self.out += check_quotes(file.records(), texts, file.at)
            return
        default: str = getattr(story.model, STORY_FILE).language
        languages = {excerpt: tag or default for excerpt, tag in self.written_in.items()}
        self.out += check_quotes(file.records(), texts, file.at, languages, default)

    # --- dates ---------------------------------------------------------------------------------

    def dates(self) -> None:
        if "sources" not in self.files:
            return
        events = self.files.get("events")
        self.event_days = {e.id: e.date for e in events.records()} if events is not None else {}
        for kind, date_name, basis_name in (
            ("events", "date", "date_basis"),
            ("quotes", "said_on", "said_on_basis"),
            ("positions", "date", "date_basis"),
        ):
            file = self.files.get(kind)
            if file is None:
                continue
            for index, record in enumerate(file.records()):
                date: dt.date | str | None = getattr(record, date_name)
                basis: DateBasis | None = getattr(record, basis_name)
                date_path: Path = (kind, index, date_name)
                basis_path: Path = (kind, index, basis_name)
                if date is not None and basis is None:
                    message = f"{date_name} needs {basis_name}: how the date was read"
                    self.out.append(file.at(date_path, message))
                elif date is None and basis is not None:
                    message = f"{basis_name} is given but {date_name} is not"
                    self.out.append(file.at(basis_path, message))
                elif date is not None and basis is not None:
                    cited = self._cited_texts(record.cites)
                    first = self.excerpts.get(record.cites[0]) if record.cites else None
                    source = None if first is None else first[1]

                    def report(path: Path, message: str, file: ValidFile = file) -> None:
                        self.out.append(file.at(path, message))

                    check_date(
                        report, cited, source, date, basis, date_path, basis_path, self.event_days
                    )

    def nested_dates(self) -> None:
        """A figure report's as_of and a status step's date, with their optional basis; the
        other dates of an event whose sources differ on it."""
        if "sources" not in self.files:
            return
        for _kind, file, record, base in self._records():
            for path, model in walk_models(record, base):
                date: dt.date | str | None
                basis: DateBasis | None
                if isinstance(model, OtherDate):
                    date, basis, names = model.date, model.date_basis, ("date", "date_basis")
                    if date == getattr(record, "date", None):
                        message = "the same as the event's date: cite this source on the event"
                        self.out.append(file.at((*path, "date"), message))
                        continue
                elif isinstance(model, StatusStep):
                    date, basis, names = model.date, model.date_basis, ("date", "date_basis")
                elif isinstance(model, FigureReport):
                    date, basis, names = model.as_of, model.as_of_basis, ("as_of", "as_of_basis")
                else:
                    continue
                if basis is None:
                    continue
                date_path, basis_path = (*path, names[0]), (*path, names[1])
                if date is None:
                    self.out.append(
                        file.at(basis_path, f"{names[1]} is given but {names[0]} is not")
                    )
                    continue
                first = self.excerpts.get(model.cites[0]) if model.cites else None

                def report(at: Path, message: str, file: ValidFile = file) -> None:
                    self.out.append(file.at(at, message))

                cited = self._cited_texts(model.cites)
                source = None if first is None else first[1]
                check_date(
                    report, cited, source, date, basis, date_path, basis_path, self.event_days
                )

    # --- questions and positions ---------------------------------------------------------------

    def stances(self) -> None:
        questions, positions = self.files.get("questions"), self.files.get("positions")
        if questions is not None and positions is not None:
            self.out += check_stances(
                questions.records(), positions.records(), questions.at, positions.at
            )

    # --- the story -----------------------------------------------------------------------------

    def story(self) -> None:
        file = self.files.get(STORY_FILE)
        if file is None:
            return
        story: Story = getattr(file.model, STORY_FILE)
        if story.updated < story.published:
            message = (
                f"updated {story.updated.isoformat()} is before published "
                f"{story.published.isoformat()}"
            )
            self.out.append(file.at(("story", "updated"), message))
            return  # one problem at a time on this field
        updates = self.files.get(kinds.by_name("update").file or "")
        if updates is None:
            return
        records: list[Update] = updates.records()
        if records:
            latest = max(records, key=lambda u: u.date)
            if story.updated < latest.date:
                message = (
                    f"updated {story.updated.isoformat()} is before the latest update "
                    f"'{latest.id}' on {latest.date.isoformat()}"
                )
                self.out.append(file.at(("story", "updated"), message))

    def removed(self) -> None:
        """An update's ``removed`` names facts taken out of the story: not a record it holds."""
        updates = self.files.get(kinds.by_name("update").file or "")
        if updates is None:
            return
        for index, update in enumerate(updates.records()):
            for number, fact_id in enumerate(update.removed):
                entry = self.ids.get(fact_id)
                if entry is not None:
                    message = (
                        f"'{fact_id}' is still {_article(entry.kind.name)} of the story; name it "
                        "in facts, or take it out of its file"
                    )
                    self.out.append(updates.at(("updates", index, "removed", number), message))


def child_ids(record: Any, field: str) -> list[str]:
    return [child.id for child in getattr(record, field)]


def check_story(files: Mapping[str, ValidFile]) -> list[Diagnostic]:
    """Every cross-file problem among ``files`` (kind -> a file that validated on its own)."""
    try:
        return _Checker(files).run()
    finally:  # the caches serve one run: a long mkdocs serve must not keep every old excerpt
        normalise.cache_clear()
        folded.cache_clear()
