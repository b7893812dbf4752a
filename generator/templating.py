"""The Jinja environment that turns the story into Markdown, and its filters.

Templates live in ``generator/templates/`` (one per page kind; partials start with ``_``). The
environment is strict: undefined names raise, and every ``{{ value }}`` goes through
:func:`generator.escape.finalize`, which escapes text from YAML and refuses values a template did
not format (see ``generator/escape.py`` for why). It holds no story data.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import Enum
from pathlib import Path
from typing import Any

import jinja2

from generator.escape import Trusted, escape_text, escape_url, finalize
from generator.model import ActorKind, DateBasis, DateRule
from generator.wording import (
    NO_POSITION,
    STANCE_WORDS,
    figure_text,
    format_number,
    long_date,
    quote_text,
)

__all__ = ["TEMPLATES_DIR", "environment"]

# --- filters: each returns plain str (escaped on output) or Trusted (our own markup) ---------


def iso_date(value: dt.date) -> str:
    return value.isoformat()


def date_basis(basis: DateBasis | None, value: dt.date | None = None) -> str:
    """How a date was obtained, for derived dates ('' for a date the source states)."""
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
    return {
        DateRule.DAY_MONTH: "year derived from the publication date",
        DateRule.CAPTION: "date from a photo caption",
        DateRule.PUBLICATION: "the source’s publication date",
    }[basis.rule]


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def stance_word(value: Enum | None) -> str:
    return NO_POSITION if value is None else STANCE_WORDS[str(value.value)]


def stance_class(value: Enum | None) -> str:
    return "stance--none" if value is None else f"stance--{value.value}"


def kind_label(kind: ActorKind) -> str:
    return kind.value.capitalize()


def href(url: str) -> Trusted:
    """An http(s) address for ``href="..."`` in raw HTML."""
    return Trusted(escape_url(url))


_FILTERS: dict[str, Any] = {
    "text": lambda s: Trusted(escape_text(s)),
    "long_date": long_date,
    "iso_date": iso_date,
    "date_basis": date_basis,
    "stance_word": stance_word,
    "stance_class": stance_class,
    "kind_label": kind_label,
    "figure_text": figure_text,
    "number": format_number,
    "quote_text": quote_text,
    "href": href,
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
    stamp = tuple(
        (path.name, path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(TEMPLATES_DIR.iterdir())
    )
    return _environment(stamp)


@functools.lru_cache(maxsize=1)
def _environment(templates_stamp: tuple[tuple[str, int, int], ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        auto_reload=False,  # environment() makes a new one when a template changes
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown out; escaping is finalize's job (generator/escape.py)
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(_FILTERS)

    def partial(name: str, **context: Any) -> Trusted:
        """A partial template's output (its own values were escaped by finalize)."""
        if not name.startswith("_"):
            raise ValueError(f"{name}: partial template names start with '_'")
        return Trusted(env.get_template(name).render(**context).strip("\n"))

    env.globals["partial"] = partial
    return env
