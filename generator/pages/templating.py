"""The Jinja environment that turns the story into Markdown, and its filters.

Templates live in ``generator/pages/templates/`` (one per page kind; partials start with ``_``). The
environment is strict: undefined names raise, and every ``{{ value }}`` goes through
:func:`generator.pages.escape.finalize`, which escapes text from YAML and refuses values a template
did not format (see ``generator/pages/escape.py`` for why). It holds no story data.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import types
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime

from generator.pages.escape import Trusted, escape_text, escape_url, finalize
from generator.pages.strip import player_ids
from generator.pages.wording import (
    CONTESTED,
    CONTESTED_WORDS,
    DATE_QUALIFIER_WORDS,
    QUALIFIER_WORDS,
    aliases_shown,
    bare_number,
    count_words,
    format_number,
    headline_rule,
    long_date,
    month_text,
    number_text,
    overnight,
    quote_text,
    reading_text,
    rule_words,
    source_title,
    span_first,
    stance_words,
    time_text,
    unit_for,
)
from generator.read.verbatim import INSERTION
from generator.schema.datemodel import DateQualifier, offset_of
from generator.schema.model import ActorKind, DateBasis, DateRule, FigureReport, Source

__all__ = ["TEMPLATES_DIR", "environment"]

# --- filters: each returns plain str (escaped on output) or Trusted (our own markup) ---------


def iso_date(value: dt.date) -> str:
    return value.isoformat()


def date_basis(
    basis: DateBasis | None, value: dt.date | None = None, inferred: bool = False
) -> str:
    """How a date was obtained, for derived dates ('' for a date the source states);
    ``inferred``: the source's publication date, which a derived date counts from, is itself
    one the editor inferred, and the words say so."""
    text = _basis_words(basis, value)
    if inferred and basis is not None and basis.rule in _FROM_PUBLICATION:
        return f"{text}, which the editor inferred"
    return text


_FROM_PUBLICATION = {DateRule.WEEKDAY, DateRule.DAY_MONTH, DateRule.PUBLICATION, DateRule.RELATIVE}


def _basis_words(basis: DateBasis | None, value: dt.date | None) -> str:
    if basis is None or basis.rule is DateRule.STATED:
        return ""
    if basis.rule is DateRule.WEEKDAY:
        if basis.weekday is not None:
            day = basis.weekday.value.capitalize()
        elif value is not None:
            day = _WEEKDAYS[value.weekday()]
        else:
            day = "Weekday"
        return f"{day}, derived from the publication date"
    if basis.rule is DateRule.INFERRED:
        return f"inferred by the editor: {basis.reason}"
    if basis.rule is DateRule.FROM_EVENT:
        return f"{counted_words(basis)} another event"
    return {
        DateRule.DAY_MONTH: "year derived from the publication date",
        DateRule.CAPTION: "date from a photo caption",
        DateRule.PUBLICATION: "the source’s publication date",
        DateRule.RELATIVE: "counted from the source’s publication date",
    }[basis.rule]


def counted_words(basis: DateBasis) -> str:
    """How far a date counted from another event is from it: '3 days before', '1 day after',
    'the same day as'."""
    days = basis.days or 0
    if not days:
        return "the same day as"
    return f"{abs(days)} day{'s' if abs(days) != 1 else ''} {'after' if days > 0 else 'before'}"


def when(value: dt.date | str, record: Any = None) -> Trusted:
    """A date as a ``<time>`` element, with its precision: a month ('September 2017'), a
    qualifier ('about', 'before', 'after'), a last day, a time of day with its UTC offset.
    ``record`` is the event (or other record) whose date_qualifier, date_end, time and its zone
    it reads, if any (a figure report's as_of_qualifier and as_of_end stand for the first
    two)."""
    qualifier = getattr(record, "date_qualifier", None) or getattr(record, "as_of_qualifier", None)
    end = getattr(record, "date_end", None) or getattr(record, "as_of_end", None)
    time = getattr(record, "time", None)
    offset = offset_of(record, value) if time is not None else None
    stamp = value.isoformat() if isinstance(value, dt.date) else value
    text = month_text(value)
    if time is not None and (offset is not None or isinstance(value, dt.date)):
        stamp += f"T{time}{offset or ''}"  # a local time: no offset, as HTML writes it
        text += f", {time_text(time, offset)}"
    elif isinstance(value, dt.date) and isinstance(end, dt.date):
        text = span_first(value, end)  # '10 to 11 September 2023'
    out = f'<time datetime="{escape_text(stamp)}">{escape_text(text)}</time>'
    if end is not None:
        link = " and " if qualifier is DateQualifier.BETWEEN else " to "
        out += f'{link}<time datetime="{end.isoformat()}">{escape_text(long_date(end))}</time>'
    words = DATE_QUALIFIER_WORDS.get(qualifier, "") if qualifier is not None else ""
    if words:
        out = f"{words} {out}"
    return Trusted(f"overnight, {out}" if overnight(record) else out)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def stance_class(value: Enum | None) -> str:
    return "stance--none" if value is None else f"stance--{value.value}"


def position_class(position: Any) -> str:
    """A position's stance class; a claim now contested (CONTESTED) shows none of the
    stance colours or ticks (it must never read as a plain "Supports")."""
    steps = getattr(position, "status", [])
    if steps and steps[-1].status in CONTESTED:
        return "stance--contested"
    return stance_class(position.stance)


def stance_group(position: Any, question: Any) -> str:
    """The heading of a position's group on a split question's page (:mod:`parts` groups them
    so): its stance as the question words it ('Says yes' on a question of fact), or, for a
    claim now contested, that."""
    if position_class(position) == "stance--contested":
        return CONTESTED_WORDS
    return stance_words(position.stance, question.kind)


def kind_label(kind: ActorKind) -> str:
    return kind.value.capitalize()


def report_notes(report: FigureReport) -> str:
    """What kind of count a report is and the area it covers, as one short note ('an
    estimate · covers Derna'); '' when it says neither."""
    notes = [count_words(report)] if report.count_type is not None else []
    if report.scope is not None:
        notes.append(f"covers {report.scope}")
    return " · ".join(notes)


_OURS = re.compile(r"&#91;(?!(?:\.\.\.|…)&#93;)((?:(?!&#91;|&#93;).)*)&#93;")
"""An insertion of ours in a quote, once escaped (``[`` and ``]`` are entities then)."""


def quote_markup(quote: Any) -> Trusted:
    """A quote's text in its quotation marks, its insertions of ours in square brackets marked
    as ours (``<span class="quote__ours">``): never shown as if the speaker said them."""
    text = escape_text(quote_text(quote))
    return Trusted(_OURS.sub(r'<span class="quote__ours">&#91;\1&#93;</span>', text))


def has_insertion(quote: Any) -> bool:
    return INSERTION.search(quote.text) is not None


@dataclass(frozen=True)
class _PublicationDate:
    """A source's publication date as :func:`when` reads a record's date."""

    date_qualifier: DateQualifier
    date_end: dt.date | None


def published_when(source: Source) -> Trusted:
    """When a source was published, as far as it is known, as ``<time>`` elements: '21
    September 2023', 'in September 2023', 'on or after 21 September 2023', 'between 18 and 21
    September 2023'."""
    assert source.published is not None
    qualifier = source.published_qualifier
    end = source.published_end if qualifier is DateQualifier.BETWEEN else None
    out = when(source.published, _PublicationDate(qualifier, end))
    if qualifier is DateQualifier.EXACT and not isinstance(source.published, dt.date):
        return Trusted(f"in {out}")
    return out


def href(url: str) -> Trusted:
    """An http(s) address for ``href="..."`` in raw HTML."""
    return Trusted(escape_url(url))


_FILTERS: dict[str, Any] = {
    "text": lambda s: Trusted(escape_text(s)),
    "long_date": long_date,
    "iso_date": iso_date,
    "date_basis": date_basis,
    "counted_words": counted_words,
    "stance_class": stance_class,
    "position_class": position_class,
    "stance_group": stance_group,
    "when": when,
    "published_when": published_when,
    "number_text": number_text,
    "reading_text": reading_text,
    "bare_number": bare_number,
    "qualifier_words": lambda q: QUALIFIER_WORDS[q],
    "headline_rule": headline_rule,
    "rule_words": rule_words,
    "unit_for": unit_for,
    "source_title": source_title,
    "kind_label": kind_label,
    "number": format_number,
    "quote_text": quote_text,
    "aliases_shown": aliases_shown,
    "quote_markup": quote_markup,
    "has_insertion": has_insertion,
    "href": href,
    "report_notes": report_notes,
    "player_ids": player_ids,
}


TEMPLATES_DIR = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    """The strict, Markdown-producing template environment, made anew only when a template
    file changed.

    It holds no story data. Compiling every template again on each rebuild of ``mkdocs serve``
    was time spent for nothing, and so was Jinja's own check of each template file's mtime on
    every ``get_template`` (tens of thousands of ``stat`` calls for a large story): one look at
    the folder per render decides instead.
    """
    with os.scandir(TEMPLATES_DIR) as entries:
        stamp = tuple(sorted((e.name, (st := e.stat()).st_mtime_ns, st.st_size) for e in entries))
    return _environment(stamp)


_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,  # Markdown out; escaping is finalize's job (generator/pages/escape.py)
    "finalize": finalize,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Our compiled templates on disk, so a cold build does not compile them again.

    Jinja's own cache folder (in the temporary folder, owned by the user, mode 0700); it keys
    each template by name, file and source checksum (an edited template is compiled afresh) and
    the Python version, but not by the environment's options: the file names carry a digest of
    ours. None where that folder cannot be used safely (then every build compiles, as before).
    """
    key = repr(sorted((k, getattr(v, "__name__", v)) for k, v in _OPTIONS.items()))
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12]
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"explainer-{digest}-%s.cache")
    except (OSError, RuntimeError):
        return None


_PLAIN_CALLS = (types.FunctionType, types.MethodType, types.BuiltinFunctionType)


class _Context(jinja2.runtime.Context):
    """Jinja's context, with a shorter way for a template's call of a plain function or method.

    ``{{ ln.link(...) }}`` goes through ``Context.call``, which looks for Jinja's pass-context
    markers on the callable (and on its ``__call__``) every time: hundreds of thousands of times
    for a large story. A plain function or method without the marker is called as Jinja would
    call it; anything else goes the usual way.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) not in _PLAIN_CALLS or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


@functools.lru_cache(maxsize=1)
def _environment(templates_stamp: tuple[tuple[str, int, int], ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.pages", "templates"),
        auto_reload=False,  # environment() makes a new one when a template changes
        bytecode_cache=_bytecode_cache(),
        **_OPTIONS,
    )
    env.context_class = _Context
    env.filters.update(_FILTERS)

    loaded: dict[str, jinja2.Template] = {}

    def partial(name: str, **context: Any) -> Trusted:
        """A partial template's output (its own values were escaped by finalize).

        Called tens of thousands of times for a large story: the template is looked up once
        per environment, and rendered straight from its render function (an error inside it
        still reaches the page template's ``render``, which reports it with its line).
        """
        template = loaded.get(name)
        if template is None:
            if not name.startswith("_"):
                raise ValueError(f"{name}: partial template names start with '_'")
            template = loaded[name] = env.get_template(name)
        text = env.concat(template.root_render_func(template.new_context(context)))
        return Trusted(text.strip("\n"))

    env.globals["partial"] = partial
    return env
