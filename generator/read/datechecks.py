"""A date against its basis: the rule by which it was read from the source, checked.

The date is resolved against the publication date of the source of the record's first cited
excerpt (rules ``publication``, ``day-month``, ``relative``, ``weekday``); the basis' words
occur in a cited excerpt (except for rule ``publication``, whose words are the source's
dateline); each field of the basis is used only by the rule that needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from generator.read.sourcemap import Path
from generator.read.verbatim import folded, normalise
from generator.schema.datemodel import DateQualifier, Weekday, bounds, exact_day
from generator.schema.model import DateBasis, DateRule, Source
from generator.schema.safedates import DATE_RANGE, add_days

__all__ = ["Report", "check_date"]

Report = Callable[[Path, str], None]
"""Says one problem at a path of the data."""

_WEEKDAYS = list(Weekday)


def check_date(
    report: Report,
    cited: Sequence[tuple[str, str]],
    source: Source | None,
    given: dt.date | str,
    basis: DateBasis,
    date_path: Path,
    basis_path: Path,
    events: Mapping[str, dt.date | str] | None = None,
) -> None:
    """Every problem of one date with its basis, said through ``report``. ``cited``: the
    record's cited excerpts that exist, as (id, text); ``source``: the source of its first
    cited excerpt (None when that excerpt is unknown, which is reported already); ``events``:
    every event's date by id, for rule from-event."""
    rule = basis.rule
    for name, only in (
        ("weekday", ("weekday",)),
        ("direction", ("weekday",)),
        ("days", ("relative", "from-event")),
        ("event", ("from-event",)),
    ):
        if getattr(basis, name) is not None and rule.value not in only:
            report((*basis_path, name), f"{name} is only for rule {' or '.join(only)}")
    if rule is DateRule.INFERRED:
        _lacks(report, basis, basis_path, ("reason",), ": how the date was worked out")
    elif basis.reason is not None:
        report((*basis_path, "reason"), "reason is only for rule inferred")

    if rule is not DateRule.PUBLICATION and cited:
        words = normalise(basis.words).casefold()
        if not any(words in folded(excerpt) for _, excerpt in cited):
            ids = ", ".join(cite for cite, _ in cited)
            message = f"the words '{basis.words}' do not occur in the excerpts cited ({ids})"
            report((*basis_path, "words"), message)

    if rule is DateRule.FROM_EVENT:
        _from_event(report, basis, given, date_path, basis_path, events or {})
        return
    if source is None or rule in (DateRule.STATED, DateRule.CAPTION, DateRule.INFERRED):
        return  # an unknown excerpt is reported already; these rules need no arithmetic
    if source.published is None:
        report(basis_path, f"rule {rule.value} needs the publication date of '{source.id}'")
        return
    published = exact_day(source.published, source.published_qualifier)
    if published is None:
        _inexact(report, source, rule, given, date_path, basis_path)
        return
    if not isinstance(given, dt.date):
        report(date_path, f"rule {rule.value} gives a day: write the date as YYYY-MM-DD")
        return
    date = given
    of = f"the publication of '{source.id}' on {published.isoformat()}"

    if rule is DateRule.PUBLICATION:
        if date != published:
            report(date_path, f"{date.isoformat()} is not {of}")
    elif rule is DateRule.DAY_MONTH:
        if date.year != published.year:
            report(date_path, f"{date.isoformat()} is not in the year of {of}")
        elif date > published:
            report(date_path, f"{date.isoformat()} is after {of}")
    elif rule is DateRule.RELATIVE:
        if _lacks(report, basis, basis_path, ("days",), ": days from the publication date"):
            return
        assert basis.days is not None
        _counted(report, date_path, date, published, basis.days, of, of.removeprefix("the "))
    elif rule is DateRule.WEEKDAY:
        _weekday(report, basis, basis_path, date, date_path, source.id, published, of)


def _lacks(
    report: Report, basis: DateBasis, basis_path: Path, fields: tuple[str, ...], why: str = ""
) -> bool:
    """Whether the basis lacks any of the ``fields`` its rule needs; if so, says which."""
    missing = [name for name in fields if getattr(basis, name) is None]
    if missing:
        names = " and ".join(f"'{name}'" for name in missing)
        report(basis_path, f"rule {basis.rule.value} needs {names}{why}")
    return bool(missing)


def _from_event(
    report: Report,
    basis: DateBasis,
    given: dt.date | str,
    date_path: Path,
    basis_path: Path,
    events: Mapping[str, dt.date | str],
) -> None:
    """A date counted from another event's: that event's day plus ``days``."""
    if _lacks(
        report, basis, basis_path, ("event", "days"), ": the event counted from, and how far"
    ):
        return
    assert basis.event is not None and basis.days is not None
    other = events.get(basis.event)
    if other is None:
        return  # an unknown event: said with the references
    if not isinstance(other, dt.date):
        report(
            (*basis_path, "event"),
            f"the event '{basis.event}' is dated only to the month ({other}): no day can be "
            "counted from it",
        )
        return
    if not isinstance(given, dt.date):
        report(date_path, "rule from-event gives a day: write the date as YYYY-MM-DD")
        return
    of = f"the event '{basis.event}' ({other.isoformat()})"
    _counted(report, date_path, given, other, basis.days, of, f"the day of {of}")


def _counted(
    report: Report,
    date_path: Path,
    given: dt.date,
    start: dt.date,
    days: int,
    of: str,
    same_day: str,
) -> None:
    """A date ``days`` from ``start`` (``of`` in words; ``same_day``: the words for 0 days)."""
    expected = add_days(start, days)
    span = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    said = f"{span} {'after' if days > 0 else 'before'} {of}" if days else same_day
    if expected is None:
        report(date_path, f"{said} falls outside the calendar ({DATE_RANGE})")
    elif given != expected:
        report(
            date_path,
            f"{given.isoformat()} does not match its basis: {said} is {expected.isoformat()}",
        )


def publication_text(source: Source) -> str:
    """How a publication that is not one exact day is known, for messages: 'known only to the
    month, 2023-09', 'known only as on or after 2023-09-21'."""
    value = source.published
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    qualifier = source.published_qualifier
    if qualifier is DateQualifier.EXACT:
        return f"known only to the month, {text}"
    if qualifier is DateQualifier.BETWEEN and source.published_end is not None:
        return f"known only as between {text} and {source.published_end.isoformat()}"
    return f"known only as {qualifier.value.replace('-', ' ')} {text}"


def _inexact(
    report: Report,
    source: Source,
    rule: DateRule,
    given: dt.date | str,
    date_path: Path,
    basis_path: Path,
) -> None:
    """A date derived from a publication that is not one exact day: the month of a publication
    known to the month (rule publication), the year of one whose year is sure (day-month), or
    why it cannot resolve."""
    first, last = bounds(source.published, source.published_qualifier, source.published_end)
    how = f"the publication of '{source.id}' is {publication_text(source)}"
    if rule is DateRule.PUBLICATION and given == source.published:
        return  # a month, as the publication gives it
    if rule is DateRule.PUBLICATION and isinstance(source.published, str):
        report(date_path, f"{how}: by rule publication the date is that month, {source.published}")
        return
    if rule is DateRule.DAY_MONTH and first is not None and last is not None:
        if first.year != last.year:
            report(basis_path, f"rule day-month cannot take a year: {how}, over two years")
        elif not isinstance(given, dt.date) or given.year != first.year:
            report(
                date_path,
                f"{_text(given)} is not in {first.year}, the year of the publication of "
                f"'{source.id}' ({publication_text(source)})",
            )
        elif given > last:
            report(
                date_path,
                f"{given.isoformat()} is after the publication of '{source.id}' "
                f"({publication_text(source)})",
            )
        return
    report(
        basis_path,
        f"rule {rule.value} cannot resolve: {how}; give the date by rule stated, or inferred "
        "with your reason",
    )


def _text(value: dt.date | str) -> str:
    return value.isoformat() if isinstance(value, dt.date) else value


def _weekday(
    report: Report,
    basis: DateBasis,
    basis_path: Path,
    date: dt.date,
    date_path: Path,
    source_id: str,
    published: dt.date,
    of: str,
) -> None:
    if _lacks(report, basis, basis_path, ("weekday", "direction")):
        return
    assert basis.weekday is not None and basis.direction is not None
    wanted = _WEEKDAYS.index(basis.weekday)
    day = basis.weekday.value
    published_day = _WEEKDAYS[published.weekday()].value
    if basis.direction == "same":
        if published.weekday() != wanted:
            report(
                (*basis_path, "weekday"),
                f"'{source_id}' was published on a {published_day} "
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
        report(date_path, f"the {day} {side} {of} falls outside the calendar ({DATE_RANGE})")
    elif date != expected:
        report(
            date_path,
            f"{date.isoformat()} does not match its basis: the {day} {side} {of} "
            f"is {expected.isoformat()}",
        )
