"""The rules of a developing story, run with the other cross-file checks.

- a figure's report gives a value, or a range (low and high, low not above high);
- a report is not dated after the publication of the source it cites first (or after the day
  the version of the page it cites first was seen);
- a figure's headline_rule "editor" names one of its own reports that stands (not disputed,
  denied, retracted, contradicted or with its attribution denied) and says why;
- a report names each of its reporters once, and no one both as a reporter and as a link of
  its relay (``via``) nor twice in the relay;
- count_type other says which (count_other), and count_other goes with count_type other only;
- a derived report is worked out from other reports of its own figure;
- a time of day comes with its UTC offset (and an offset with a time);
- an event's last day is not before its first, and follows a day, not a month;
- a source's publication date inferred by the editor says how (``reason``), and a basis is
  given only with the date it is the basis of;
- a claim's status history goes oldest first, and each step but "reported" and "contradicted"
  names who took it; a "contradicted" step says how the accounts conflict (its summary).

Each rule looks at every record of the kind it is about, at any depth (a status step is found in
events, quotes, positions and figure reports alike), so a new kind with these fields is checked
without a line here.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from generator.read.datechecks import publication_text
from generator.read.diagnostics import Diagnostic
from generator.read.sourcemap import Path
from generator.schema.annotations import field_types
from generator.schema.claimmodel import contested
from generator.schema.datemodel import bounds
from generator.schema.model import (
    ClaimStatus,
    CountType,
    DateQualifier,
    Event,
    Figure,
    FigureReport,
    HeadlineRule,
    Source,
    SourceVersion,
)

__all__ = ["check_developing", "walk_models"]

_WHO = {
    ClaimStatus.DISPUTED: "disputes it",
    ClaimStatus.DENIED: "denies it",
    ClaimStatus.CONFIRMED: "confirms it",
    ClaimStatus.RETRACTED: "retracts it",
    ClaimStatus.ATTRIBUTION_DENIED: "denies being its source",
}
"""The steps that name who took them (``by``), with what they do. A contradicted step may be an
outlet's own later account, which no player of the story gives."""

Report = Callable[[Path, str], None]


def walk_models(value: Any, path: Path) -> Iterator[tuple[Path, BaseModel]]:
    """Every model instance under ``value`` (itself included), with its path."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in _may_hold_models(type(value)):
            yield from walk_models(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_models(item, (*path, index))


@functools.cache
def _may_hold_models(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that may hold a model (a model, a list of them, a union with
    one): the walk need not look into text, dates, numbers, enums or literals."""
    return tuple(name for name, field in field_types(model) if _holds_a_model(field.base))


def _holds_a_model(base: Any) -> bool:
    if isinstance(base, type):
        return issubclass(base, BaseModel)
    return any(_holds_a_model(arg) for arg in typing.get_args(base))


def check_developing(
    records: Iterator[tuple[Any, Path, Callable[[Path, str], Diagnostic]]],
    excerpts: Mapping[str, tuple[str, Source]],
    versions: Mapping[str, SourceVersion] | None = None,
) -> list[Diagnostic]:
    """Every problem of the rules above in ``records`` ((record, path, locate) of each file's
    top-level records); ``excerpts`` maps an excerpt id to its text and source, ``versions`` an
    excerpt of a later version of its source to that version."""
    out: list[Diagnostic] = []
    walked = [(list(walk_models(record, base)), locate) for record, base, locate in records]
    reports = {
        model.id for models, _ in walked for _, model in models if isinstance(model, FigureReport)
    }
    for models, locate in walked:
        report = _collector(out, locate)
        for path, model in models:
            _times(model, path, report)
            if isinstance(model, FigureReport):
                _report(model, path, report, excerpts, versions or {})
            elif isinstance(model, Figure):
                _headline(model, path, report, reports)
                _derived(model, path, report, reports)
            elif isinstance(model, Event):
                _date_end(model, path, report)
            elif isinstance(model, Source):
                _published_basis(model, path, report)
            steps = getattr(model, "status", None) if _has(type(model), "status") else None
            if isinstance(steps, list) and steps:
                _status(steps, (*path, "status"), report)
    return out


def _collector(out: list[Diagnostic], locate: Callable[[Path, str], Diagnostic]) -> Report:
    def report(path: Path, message: str) -> None:
        out.append(locate(path, message))

    return report


@functools.cache
def _has(model: type[BaseModel], field: str) -> bool:
    """Whether ``model`` has the field: asked once per class, since a model's ``getattr`` of a
    name it lacks raises and catches an AttributeError (some 18,000 times, 30 ms, a check of a
    story with 600 events)."""
    return field in model.model_fields


def _times(model: BaseModel, path: Path, report: Report) -> None:
    if not any(_has(type(model), name) for name in ("time", "utc_offset", "time_zone")):
        return
    time, offset = getattr(model, "time", None), getattr(model, "utc_offset", None)
    zone = getattr(model, "time_zone", None)
    if time is not None and offset is None and zone is None:
        report((*path, "time"), TIME_NEEDS_ZONE)
    elif offset is not None and zone is not None:
        report((*path, "time_zone"), "give utc_offset or time_zone, not both")
    elif time is None:
        for name, value in (("utc_offset", offset), ("time_zone", zone)):
            if value is not None:
                report((*path, name), f"{name} is given but time is not")


TIME_NEEDS_ZONE = (
    "time needs its zone: utc_offset, the offset from UTC on that day (e.g. '-04:00'), or "
    "time_zone, the zone's name (e.g. America/New_York), or time_zone: local when the source "
    "does not give the zone"
)


def _report(
    model: FigureReport,
    path: Path,
    report: Report,
    excerpts: Mapping[str, tuple[str, Source]],
    versions: Mapping[str, SourceVersion],
) -> None:
    has_range = model.low is not None or model.high is not None
    if model.value is None and not has_range:
        report(path, "a report needs value, or low and high for a range")
    elif model.value is not None and has_range:
        report((*path, "value"), "give value or a range (low and high), not both")
    elif has_range and (model.low is None or model.high is None):
        missing = "high" if model.high is None else "low"
        report(path, f"a range needs both low and high; {missing} is missing")
    elif model.low is not None and model.high is not None and model.low > model.high:
        report((*path, "low"), f"low {model.low:g} is above high {model.high:g}")
    _who(model, path, report)
    if model.count_type is CountType.OTHER and model.count_other is None:
        report(
            (*path, "count_type"),
            "count_type other needs count_other: what kind of count it is, in a few words",
        )
    elif model.count_other is not None and model.count_type is not CountType.OTHER:
        report((*path, "count_other"), "count_other is only for count_type other")
    _as_of_bound(model, path, report)
    first = excerpts.get(model.cites[0])
    version = versions.get(model.cites[0])
    if model.as_of is not None and version is not None:  # a later version of the page
        if model.as_of > version.date:
            report(
                (*path, "as_of"),
                f"as_of {model.as_of.isoformat()} is after the version '{version.id}' of "
                f"'{first[1].id if first else ''}' seen on {version.date.isoformat()}",
            )
    elif model.as_of is not None and first is not None:
        source = first[1]
        latest = bounds(source.published, source.published_qualifier, source.published_end)[1]
        if latest is not None and model.as_of > latest:
            when = (
                f"on {source.published.isoformat()}"
                if isinstance(source.published, dt.date)
                and source.published_qualifier is DateQualifier.EXACT
                else f"({publication_text(source)})"
            )
            report(
                (*path, "as_of"),
                f"as_of {model.as_of.isoformat()} is after the publication of '{source.id}' {when}",
            )


def _as_of_bound(model: FigureReport, path: Path, report: Report) -> None:
    """as_of_qualifier and as_of_end: each needs what it bounds."""
    qualifier, end = model.as_of_qualifier, model.as_of_end
    if model.as_of is None:
        if qualifier is not DateQualifier.EXACT:
            report((*path, "as_of_qualifier"), "as_of_qualifier needs as_of")
        if end is not None:
            report((*path, "as_of_end"), "as_of_end needs as_of")
    elif qualifier is DateQualifier.BETWEEN:
        if end is None or end <= model.as_of:
            report(
                (*path, "as_of_qualifier"),
                "between needs both ends: as_of, the first day the number may have held, and "
                "as_of_end, the last, a later day",
            )
    elif end is not None:
        report((*path, "as_of_end"), "as_of_end is only for as_of_qualifier between")


def _headline(model: Figure, path: Path, report: Report, reports: set[str]) -> None:
    if model.headline_rule is HeadlineRule.EDITOR:
        missing = [n for n in ("headline_report", "headline_reason") if getattr(model, n) is None]
        if missing:
            names = " and ".join(f"'{n}'" for n in missing)
            report((*path, "headline_rule"), f"headline_rule editor needs {names}")
        ids = [r.id for r in model.reports]
        chosen = model.headline_report
        if chosen is not None and chosen in reports and chosen not in ids:  # (else: unknown)
            report(
                (*path, "headline_report"),
                f"'{chosen}' is a report of another figure (its reports: {', '.join(ids)})",
            )
        picked = next((r for r in model.reports if r.id == chosen), None)
        if picked is not None and contested(picked):
            now = picked.status[-1]
            report(
                (*path, "headline_report"),
                f"'{chosen}' is {now.status.value} (its status since {now.date.isoformat()}): "
                "the number shown first is one that stands; pick another report, or a rule",
            )
        return
    for name in ("headline_report", "headline_reason"):
        if getattr(model, name) is not None:
            report((*path, name), f"{name} is only for headline_rule editor")


def _date_end(model: Event, path: Path, report: Report) -> None:
    qualifier = model.date_qualifier
    if qualifier is DateQualifier.BETWEEN and (
        model.date_end is None or model.date_end == model.date
    ):
        report(
            (*path, "date_qualifier"),
            "between needs both ends: date, the first day it may have been, and date_end, the "
            "last, a later day",
        )
        return
    if model.date_end is not None and qualifier in _ONE_DAY:
        report(
            (*path, "date_end"),
            f"date_qualifier {qualifier.value} takes one day: leave out date_end, or use between",
        )
        return
    if model.date_end is None:
        return
    if not isinstance(model.date, dt.date):
        report((*path, "date_end"), "date_end needs date as a day (YYYY-MM-DD), not a month")
    elif model.date_end < model.date:
        report(
            (*path, "date_end"),
            f"date_end {model.date_end.isoformat()} is before date {model.date.isoformat()}",
        )


def _published_basis(model: Source, path: Path, report: Report) -> None:
    """A source's ``published_basis`` as a date's basis is held (:mod:`generator.read.datechecks`):
    ``reason`` with rule inferred and only there, and a basis only for a date that is given."""
    basis = model.published_basis
    if basis is None:
        return
    at: Path = (*path, "published_basis")
    if model.published is None:
        report(at, "published_basis is given but published is not")
    if basis.rule == "inferred" and basis.reason is None:
        report(at, "rule inferred needs 'reason': how the date was worked out")
    elif basis.rule != "inferred" and basis.reason is not None:
        report((*at, "reason"), "reason is only for rule inferred")


_ONE_DAY = {DateQualifier.ON_OR_BEFORE, DateQualifier.ON_OR_AFTER}
"""Qualifiers of one day (before and after took a date_end in format 4, and still may)."""


def _status(steps: list[Any], path: Path, report: Report) -> None:
    for number, step in enumerate(steps):
        at = (*path, number)
        if step.status in _WHO and not step.by:
            verb = _WHO[step.status]
            article = "an" if step.status.value[0] in "aeiou" else "a"
            report(at, f"{article} {step.status.value} step names who {verb}: add 'by'")
        if step.status is ClaimStatus.CONTRADICTED and step.summary is None:
            report(
                at,
                "a contradicted step says how the later account conflicts with the claim: "
                "add 'summary' (and cite that account)",
            )
        if number and step.date < steps[number - 1].date:
            report(
                (*at, "date"),
                f"{step.date.isoformat()} is before the step above it "
                f"({steps[number - 1].date.isoformat()}): steps go oldest first",
            )


def _who(model: FigureReport, path: Path, report: Report) -> None:
    seen: set[str] = set()
    for number, actor in enumerate(model.reported_by):
        if actor in seen:
            report((*path, "reported_by", number), f"'{actor}' is named twice in reported_by")
        seen.add(actor)
    relayed: set[str] = set()
    for number, link in enumerate(model.via):
        at = (*path, "via", number, "by")
        if link.by in seen:
            report(at, f"'{link.by}' gave the number (reported_by): it cannot also pass it on")
        elif link.by in relayed:
            report(at, f"'{link.by}' is named twice in via")
        relayed.add(link.by)


def _derived(model: Figure, path: Path, report: Report, reports: set[str]) -> None:
    ids = [r.id for r in model.reports]
    for number, item in enumerate(model.reports):
        if item.derived is None:
            continue
        for index, source in enumerate(item.derived.reports):
            at = (*path, "reports", number, "derived", "reports", index)
            if source == item.id:
                report(at, "a report cannot be worked out from itself")
            elif source in reports and source not in ids:  # (else: unknown, said elsewhere)
                report(
                    at,
                    f"'{source}' is a report of another figure: a number is worked out from "
                    f"reports of its own figure (its reports: {', '.join(ids)})",
                )
