"""Cross-file rules, run on the files that validated on their own.

- ids are unique across every file and kind (sources, excerpts, actors, events, figures, quotes,
  questions, positions); a duplicate names the other place;
- every reference resolves (speaker, actors, claimed_by, actor, question, affiliation -> actors
  or questions; cites -> excerpts), with "did you mean ...?";
- a quote occurs verbatim in at least one excerpt it cites (curly quotes read as straight ones,
  runs of whitespace as one space);
- a date agrees with its basis, resolved against the publication date of the source of the
  record's first cited excerpt; the basis' words occur in a cited excerpt (except for rule
  publication, whose words are the source's dateline);
- the story was not updated before it was published, nor before its latest update;
- an update's facts resolve to facts (players, events, figures, quotes, positions).

A rule runs only when every file it reads validated, so one broken file does not bury the
others in "unknown ..." noise.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Diagnostic, did_you_mean, format_loc
from generator.model import (
    DateBasis,
    DateRule,
    Record,
    Source,
    StoryFile,
    UpdatesFile,
    Weekday,
)
from generator.safedates import DATE_RANGE, add_days
from generator.sourcemap import Path, SourceMap

__all__ = ["ValidFile", "check_story", "normalise"]

_WEEKDAYS = list(Weekday)

FACT_LABELS = ("actor", "event", "figure", "quote", "position")
"""The labels of the records an update's ``facts`` may name."""


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


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Curly quotes to straight ones, every run of whitespace to one space, trimmed.

    Cached during a run of :func:`check_story`: every quote and date basis citing an excerpt
    normalises it again (3,000 quotes citing one 1.4 MB excerpt took over three minutes).
    """
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return normalise(text).casefold()


@dataclass(frozen=True)
class _Id:
    value: str
    label: str
    file: ValidFile
    path: Path


def _article(label: str) -> str:
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


class _Checker:
    def __init__(self, files: Mapping[str, ValidFile]) -> None:
        self.files = files
        self.out: list[Diagnostic] = []
        self.ids: dict[str, _Id] = {}
        self.excerpts: dict[str, tuple[str, Source]] = {}
        """Excerpt id -> (its text, its source)."""

    def run(self) -> list[Diagnostic]:
        self.unique_ids()
        self.references()
        self.update_facts()
        self.quotes_verbatim()
        self.dates()
        self.story()
        return self.out

    # --- ids -----------------------------------------------------------------------------------

    def _all_ids(self) -> Iterator[_Id]:
        kinds = ("sources", "actors", "events", "figures", "quotes", "questions", "positions")
        for kind in (*kinds, "updates"):
            file = self.files.get(kind)
            if file is None:
                continue
            for index, record in enumerate(file.records()):
                yield _Id(record.id, kind.removesuffix("s"), file, (kind, index, "id"))
                if isinstance(record, Source):
                    for number, excerpt in enumerate(record.excerpts):
                        path = (kind, index, "excerpts", number, "id")
                        yield _Id(excerpt.id, "excerpt", file, path)
                        self.excerpts.setdefault(excerpt.id, (excerpt.text, record))

    def unique_ids(self) -> None:
        for entry in self._all_ids():
            first = self.ids.get(entry.value)
            if first is None:
                self.ids[entry.value] = entry
                continue
            where = f"{format_loc(first.path)} at {first.file.where(first.path)}"
            self.out.append(
                entry.file.at(entry.path, f"duplicate id '{entry.value}' (also {where})")
            )

    # --- references ----------------------------------------------------------------------------

    def _known(self, label: str) -> list[str]:
        return [value for value, entry in self.ids.items() if entry.label == label]

    def _resolve(self, file: ValidFile, path: Path, value: str, label: str) -> None:
        entry = self.ids.get(value)
        if entry is not None and entry.label == label:
            return
        if entry is not None:
            message = f"'{value}' is {_article(entry.label)}, not {_article(label)}"
            if entry.label == "source":
                source = next(s for s in file_sources(self.files) if s.id == value)
                ids = ", ".join(excerpt.id for excerpt in source.excerpts)
                message += f"; cite one of its excerpts: {ids}"
        else:
            hint = did_you_mean(value, self._known(label))
            message = f"unknown {label} '{value}'{hint}"
        self.out.append(file.at(path, message))

    def _resolve_fact(self, file: ValidFile, path: Path, value: str) -> None:
        entry = self.ids.get(value)
        if entry is not None and entry.label in FACT_LABELS:
            return
        if entry is not None:
            message = f"'{value}' is {_article(entry.label)}, not a fact"
        else:
            known = [v for v, e in self.ids.items() if e.label in FACT_LABELS]
            hint = did_you_mean(value, known)
            message = f"unknown fact '{value}'{hint}"
        self.out.append(file.at(path, message))

    def update_facts(self) -> None:
        file = self.files.get("updates")
        kinds = ("actors", "events", "figures", "quotes", "positions")
        if file is None or not all(kind in self.files for kind in kinds):
            return
        for index, update in enumerate(file.records()):
            for number, value in enumerate(update.facts):
                self._resolve_fact(file, ("updates", index, "facts", number), value)

    def references(self) -> None:
        # (kind, field, label of the referenced record, kind that must have validated)
        rules = [
            ("quotes", "speaker", "actor", "actors"),
            ("events", "actors", "actor", "actors"),
            ("events", "claimed_by", "actor", "actors"),
            ("positions", "actor", "actor", "actors"),
            ("positions", "question", "question", "questions"),
            ("positions", "claimed_by", "actor", "actors"),
            ("actors", "affiliation", "actor", "actors"),
            ("actors", "cites", "excerpt", "sources"),
            ("events", "cites", "excerpt", "sources"),
            ("figures", "cites", "excerpt", "sources"),
            ("quotes", "cites", "excerpt", "sources"),
            ("positions", "cites", "excerpt", "sources"),
        ]
        for kind, name, label, target in rules:
            file = self.files.get(kind)
            if file is None or target not in self.files:
                continue
            for index, record in enumerate(file.records()):
                value = getattr(record, name)
                if value is None:
                    continue
                if isinstance(value, list):
                    for number, item in enumerate(value):
                        self._resolve(file, (kind, index, name, number), item, label)
                else:
                    self._resolve(file, (kind, index, name), value, label)

    # --- quotes --------------------------------------------------------------------------------

    def _cited_texts(self, cites: Sequence[str]) -> list[tuple[str, str]]:
        return [(cite, self.excerpts[cite][0]) for cite in cites if cite in self.excerpts]

    def quotes_verbatim(self) -> None:
        file = self.files.get("quotes")
        if file is None or "sources" not in self.files:
            return
        for index, quote in enumerate(file.records()):
            cited = self._cited_texts(quote.cites)
            if not cited:
                continue  # every cite is unknown: reported already
            text = normalise(quote.text)
            if not any(text in normalise(excerpt) for _, excerpt in cited):
                ids = ", ".join(cite for cite, _ in cited)
                message = f"the quote does not occur verbatim in the excerpts it cites ({ids})"
                self.out.append(file.at(("quotes", index, "text"), message))

    # --- dates ---------------------------------------------------------------------------------

    def dates(self) -> None:
        if "sources" not in self.files:
            return
        for kind, date_name, basis_name in (
            ("events", "date", "date_basis"),
            ("quotes", "said_on", "said_on_basis"),
        ):
            file = self.files.get(kind)
            if file is None:
                continue
            for index, record in enumerate(file.records()):
                date: dt.date | None = getattr(record, date_name)
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
                    self._date(file, record.cites, date, basis, date_path, basis_path)

    def _date(
        self,
        file: ValidFile,
        cites: Sequence[str],
        date: dt.date,
        basis: DateBasis,
        date_path: Path,
        basis_path: Path,
    ) -> None:
        def report(path: Path, message: str) -> None:
            self.out.append(file.at(path, message))

        rule = basis.rule
        if rule is not DateRule.WEEKDAY:
            for name in ("weekday", "direction"):
                if getattr(basis, name) is not None:
                    report((*basis_path, name), f"{name} is only for rule weekday")

        cited = self._cited_texts(cites)
        if rule is not DateRule.PUBLICATION and cited:
            words = normalise(basis.words).casefold()
            if not any(words in _folded(excerpt) for _, excerpt in cited):
                ids = ", ".join(cite for cite, _ in cited)
                message = f"the words '{basis.words}' do not occur in the excerpts cited ({ids})"
                report((*basis_path, "words"), message)

        first = self.excerpts.get(cites[0]) if cites else None
        if first is None:
            return  # unknown excerpt: reported already
        source = first[1]
        published = source.published
        of = f"the publication of '{source.id}' on {published.isoformat()}"

        if rule is DateRule.PUBLICATION:
            if date != published:
                report(date_path, f"{date.isoformat()} is not {of}")
        elif rule is DateRule.DAY_MONTH:
            if date.year != published.year:
                report(date_path, f"{date.isoformat()} is not in the year of {of}")
            elif date > published:
                report(date_path, f"{date.isoformat()} is after {of}")
        elif rule is DateRule.WEEKDAY:
            missing = [n for n in ("weekday", "direction") if getattr(basis, n) is None]
            if missing:
                names = " and ".join(f"'{n}'" for n in missing)
                report(basis_path, f"rule weekday needs {names}")
                return
            assert basis.weekday is not None and basis.direction is not None
            wanted = _WEEKDAYS.index(basis.weekday)
            day = basis.weekday.value
            published_day = _WEEKDAYS[published.weekday()].value
            if basis.direction == "same":
                if published.weekday() != wanted:
                    report(
                        (*basis_path, "weekday"),
                        f"'{source.id}' was published on a {published_day} "
                        f"({published.isoformat()}), not a {day}",
                    )
                elif date != published:
                    report(date_path, f"{date.isoformat()} is not {of}, the {day} it names")
                return
            if basis.direction == "previous":
                expected = add_days(published, -((published.weekday() - wanted - 1) % 7 + 1))
                side = "before"
            else:
                expected = add_days(published, (wanted - published.weekday() - 1) % 7 + 1)
                side = "after"
            if expected is None:
                report(
                    date_path, f"the {day} {side} {of} falls outside the calendar ({DATE_RANGE})"
                )
            elif date != expected:
                report(
                    date_path,
                    f"{date.isoformat()} does not match its basis: the {day} {side} {of} "
                    f"is {expected.isoformat()}",
                )

    # --- the story -----------------------------------------------------------------------------

    def story(self) -> None:
        file = self.files.get("story")
        if file is None or not isinstance(file.model, StoryFile):
            return
        story = file.model.story
        if story.updated < story.published:
            message = (
                f"updated {story.updated.isoformat()} is before published "
                f"{story.published.isoformat()}"
            )
            self.out.append(file.at(("story", "updated"), message))
            return  # one problem at a time on this field
        updates = self.files.get("updates")
        if updates is None or not isinstance(updates.model, UpdatesFile):
            return
        if updates.model.updates:
            latest = max(updates.model.updates, key=lambda u: u.date)
            if story.updated < latest.date:
                message = (
                    f"updated {story.updated.isoformat()} is before the latest update "
                    f"'{latest.id}' on {latest.date.isoformat()}"
                )
                self.out.append(file.at(("story", "updated"), message))


def file_sources(files: Mapping[str, ValidFile]) -> list[Source]:
    file = files.get("sources")
    return file.records() if file is not None else []


def check_story(files: Mapping[str, ValidFile]) -> list[Diagnostic]:
    """Every cross-file problem among ``files`` (kind -> a file that validated on its own)."""
    try:
        return _Checker(files).run()
    finally:  # the caches serve one run: a long mkdocs serve must not keep every old excerpt
        normalise.cache_clear()
        _folded.cache_clear()
