"""How records read as text: dates, numbers, figures, quotes, excerpts, stances.

Plain text (escape it before it goes into Markdown): the pages, the links between facts, the
feed and the structured data all word a record the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal

from generator.schema.claimmodel import CONTESTED, contested
from generator.schema.datemodel import DateQualifier, start
from generator.schema.model import (
    Actor,
    ClaimStatus,
    CountType,
    Excerpt,
    Figure,
    FigureReport,
    HeadlineRule,
    Qualifier,
    QuestionKind,
    Quote,
    Source,
    Stance,
)

__all__ = [
    "ANSWER_WORDS",
    "CONTESTED",
    "CONTESTED_WORDS",
    "COUNT_WORDS",
    "NO_POSITION",
    "OUR_READING",
    "QUALIFIER_WORDS",
    "QUALIFYING_WORDS",
    "STANCE_WORDS",
    "STATUS_WORDS",
    "ClaimState",
    "aliases_shown",
    "capitalised",
    "claim_state",
    "count_words",
    "excerpt_text",
    "figure_text",
    "format_number",
    "long_date",
    "names_text",
    "overnight",
    "publication_words",
    "quote_text",
    "reading_text",
    "span_first",
    "stance_words",
    "step_words",
]

STANCE_WORDS = {
    "supports": "Supports",
    "opposes": "Opposes",
    "conditional": "Conditional",
    "unclear": "Unclear",
}
ANSWER_WORDS = {**STANCE_WORDS, "supports": "Says yes", "opposes": "Says no"}
"""A position on a factual question ("Did the aid group give the figure?") is an answer."""
NO_POSITION = "No stated position"
CONTESTED_WORDS = "Disputed, denied or in doubt"
"""A claim's state when its current status is contested (disputed, denied, retracted,
contradicted, or its attribution denied; shown with no stance): the heading of such positions in
a long story's stances, as in "What we know"."""


def stance_words(stance: Stance, kind: QuestionKind) -> str:
    """'Supports' on a question of policy, 'Says yes' on a question of fact."""
    words = ANSWER_WORDS if kind is QuestionKind.FACTUAL else STANCE_WORDS
    return words[stance.value]


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: dt.date) -> str:
    """2015-11-26 -> '26 November 2015' (the same in every locale)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_number(value: int | float) -> str:
    """1200 -> '1,200'; 2.5 -> '2.5'."""
    if isinstance(value, bool):
        raise TypeError("a figure's value is a number, not a bool")
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.AT_LEAST: "at least",
    Qualifier.MORE_THAN: "more than",
    Qualifier.ABOUT: "about",
    Qualifier.UP_TO: "up to",
    Qualifier.FEWER_THAN: "fewer than",
    Qualifier.NEARLY: "nearly",
    Qualifier.ALMOST: "almost",
}
"""A report's qualifier as the source gives it: "at least 250", never "about 250"."""


QUALIFYING_WORDS = (
    *(words for words in QUALIFIER_WORDS.values() if words),
    "over", "under", "around", "some", "roughly", "approximately", "less than", "as many as",
    "close to", "upwards of", "below", "above", "just over", "just under",
)  # fmt: skip
"""Words that qualify a number in prose: before a reference that words its own qualifier they
say it twice ("More than more than 2,000 people")."""

COUNT_WORDS = {
    CountType.CONFIRMED: "confirmed",
    CountType.REGISTERED: "registered",
    CountType.RECOVERED: "bodies recovered",
    CountType.IDENTIFIED: "identified only",
    CountType.ESTIMATE: "an estimate",
    CountType.PROJECTION: "a projection",
}
"""What kind of count a report is, as a short note beside its number (other: its count_other)."""

OUR_READING = "our reading"
"""How a derived number is always marked: the source implies it, we worked it out."""


def count_words(report: FigureReport) -> str:
    """'an estimate', 'bodies recovered', the editor's words for other ('' when not said)."""
    if report.count_type is None:
        return ""
    if report.count_type is CountType.OTHER:
        return report.count_other or ""
    return COUNT_WORDS[report.count_type]


def bare_number(report: FigureReport) -> str:
    """'250', '223–273': the number or range without its qualifier (plain text)."""
    if report.value is not None:
        return format_number(report.value)
    assert report.low is not None and report.high is not None  # checked at load time
    return f"{format_number(report.low)}–{format_number(report.high)}"


def number_text(report: FigureReport) -> str:
    """'at least 250', '223–273', 'about 10–12' (plain text)."""
    number = bare_number(report)
    words = QUALIFIER_WORDS[report.qualifier]
    return f"{words} {number}" if words else number


def reading_text(report: FigureReport) -> str:
    """:func:`number_text`, marked as our reading for a number we worked out: '3,956 (our
    reading)'."""
    text = number_text(report)
    return f"{text} ({OUR_READING})" if report.derived is not None else text


def unit_for(figure: Figure, report: FigureReport) -> str:
    """The figure's unit as this report's number needs it: '1 person', 'at least 1 person',
    but 'more than 1 people'."""
    if report.value == 1 and report.qualifier is not Qualifier.MORE_THAN and figure.unit_one:
        return figure.unit_one
    return figure.unit


def figure_text(report: FigureReport, figure: Figure) -> str:
    """'about 1,200 people'; '223 people (our reading)' for a derived number (plain text;
    escape it before use)."""
    text = f"{number_text(report)} {unit_for(figure, report)}"
    return f"{text} ({OUR_READING})" if report.derived is not None else text


def names_text(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) < 3:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def capitalised(text: str) -> str:
    """The first letter a capital ('at least 12 people' -> 'At least 12 people')."""
    return text[:1].upper() + text[1:]


def month_text(value: dt.date | str) -> str:
    """'September 2017' for a month, '19 September 2017' for a day."""
    if isinstance(value, dt.date):
        return long_date(value)
    first = start(value)
    return f"{_MONTHS[first.month - 1]} {first.year}"


def span_first(first: dt.date, last: dt.date) -> str:
    """The first day of a span, said only as far as the last day does not say it already:
    '10' in '10 to 11 September 2023', '30 September' in '30 September to 2 October 2023', the
    whole date across years."""
    if (first.year, first.month) == (last.year, last.month):
        return str(first.day)
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]}"
    return long_date(first)


_NIGHT = re.compile(r"\b(?:overnight|night)\b", re.IGNORECASE)


def overnight(record: object) -> bool:
    """The record ran overnight, as its source says: from one day (``date``) to the next
    (``date_end``), with the source's own words for the date (``date_basis.words``) saying
    'overnight' or 'night' ('Overnight', 'Sunday night into Monday')."""
    first, last = getattr(record, "date", None), getattr(record, "date_end", None)
    basis = getattr(record, "date_basis", None)
    if not isinstance(first, dt.date) or not isinstance(last, dt.date) or basis is None:
        return False
    if getattr(record, "date_qualifier", DateQualifier.EXACT) is not DateQualifier.EXACT:
        return False  # 'between 10 and 11 September' is not a night
    return last - first == dt.timedelta(days=1) and _NIGHT.search(basis.words) is not None


DATE_QUALIFIER_WORDS = {
    DateQualifier.EXACT: "",
    DateQualifier.ABOUT: "about",
    DateQualifier.BEFORE: "before",
    DateQualifier.AFTER: "after",
    DateQualifier.ON_OR_BEFORE: "on or before",
    DateQualifier.ON_OR_AFTER: "on or after",
    DateQualifier.BETWEEN: "between",
}


def time_text(time: str, offset: str | None) -> str:
    """'3:20 p.m. local time (UTC−5)'; '3:20 p.m. local time' for a time whose zone the source
    does not give (``offset`` None)."""
    hours, minutes = (int(part) for part in time.split(":"))
    half = "a.m." if hours < 12 else "p.m."
    clock = f"{(hours % 12) or 12}:{minutes:02d} {half}"
    if offset is None:
        return f"{clock} local time"
    sign = "−" if offset.startswith("-") else "+"
    off_h, off_m = (int(part) for part in offset[1:].split(":"))
    zone = f"UTC{sign}{off_h}" + (f":{off_m:02d}" if off_m else "")
    if off_h == 0 and off_m == 0:
        zone = "UTC"
    return f"{clock} local time ({zone})"


STATUS_WORDS = {
    ClaimStatus.REPORTED: "Reported",
    ClaimStatus.DISPUTED: "Disputed",
    ClaimStatus.DENIED: "Denied",
    ClaimStatus.CONFIRMED: "Confirmed",
    ClaimStatus.RETRACTED: "Retracted",
    ClaimStatus.CONTRADICTED: "Contradicted",
    ClaimStatus.ATTRIBUTION_DENIED: "Attribution denied",
}
"""A status in a word or two: a label's start ("Denied by ..."), the overview strip's
"(contradicted)". A step is worded in full by :func:`step_words`."""


def step_words(status: ClaimStatus, who: str, many: bool = False) -> str:
    """One step of a claim's life for readers, ``who`` being the names of those who took it
    (plain text or trusted Markdown: the caller escapes; ``many``: more than one of them).

    A denial of attribution reads as a denial of being the source ("The aid group denies being
    its source"), never as a denial of the claim; a contradiction without a named author is a
    later account's."""
    if status is ClaimStatus.ATTRIBUTION_DENIED:
        verb = "deny" if many else "denies"
        return f"{who} {verb} being its source" if who else "Its attributed source denies it"
    if status is ClaimStatus.CONTRADICTED and not who:
        return "Contradicted by a later account"
    word = STATUS_WORDS[status]
    return f"{word} by {who}" if who else word


ClaimState = Literal["contested", "claim"]


def claim_state(record: object) -> ClaimState | None:
    """Whether a fact is contested (its current status is one of CONTESTED), a claim
    (``claimed_by`` someone and not confirmed), or neither (None): "What we know" and the
    timeline's overview decide it here, the same way."""
    steps = getattr(record, "status", None) or []
    if contested(record):
        return "contested"
    if getattr(record, "claimed_by", None) and not (
        steps and steps[-1].status is ClaimStatus.CONFIRMED
    ):
        return "claim"
    return None


def _plain(text: str) -> str:
    """``text`` without accents, case or extra spaces: how search compares words."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def aliases_shown(actor: Actor) -> list[str]:
    """A player's aliases as their page shows them ("Also known as: ..."): all but those that
    only spell the name, or an alias before them, without its accents ("Francois Hollande"
    for "François Hollande"): search finds those as it finds any unaccented word."""
    seen = {_plain(actor.name)}
    shown = []
    for alias in actor.aliases:
        if _plain(alias) not in seen:
            seen.add(_plain(alias))
            shown.append(alias)
    return shown


def headline_rule(figure: Figure) -> str:
    """How the number shown first was chosen, for readers. (An editor's pick that the story as
    it stood on an earlier day did not yet have is no pick: the latest report is shown.)"""
    if figure.headline_rule is HeadlineRule.EDITOR and figure.headline_report is not None:
        return f"Editor’s choice: {figure.headline_reason}"
    if figure.headline_rule is HeadlineRule.MOST_CONSERVATIVE:
        return "Lowest of the latest reports"
    return "Latest report"


def rule_words(figure: Figure) -> str:
    """The rule in a few words, for a list ('editor’s choice', 'latest report')."""
    return {
        HeadlineRule.EDITOR: "editor’s choice",
        HeadlineRule.MOST_CONSERVATIVE: "lowest of the latest reports",
        HeadlineRule.LATEST: "latest report",
    }[figure.headline_rule]


def source_title(source: Source) -> str:
    """A source's headline, or, for copy without one, who published it and when."""
    if source.headline is not None:
        return source.headline
    who = source.publisher or source.found_at or "Untitled source"
    when = publication_words(source) if source.published else "date not known"
    return f"{who}, {when}"


def publication_words(source: Source, preposition: bool = False) -> str:
    """When a source was published, as far as it is known: '21 September 2023', 'September
    2023', 'on or after 21 September 2023', 'between 18 and 21 September 2023'; with
    ``preposition``, 'on 21 September 2023', 'in September 2023' (to follow 'published')."""
    value = source.published
    if value is None:
        return ""
    qualifier, end = source.published_qualifier, source.published_end
    if preposition and qualifier is DateQualifier.EXACT:
        return f"{'on' if isinstance(value, dt.date) else 'in'} {month_text(value)}"
    return qualified_date(value, qualifier, end)


def qualified_date(
    value: dt.date | str, qualifier: DateQualifier, end: dt.date | None = None
) -> str:
    """A date as exactly as it is known: '21 September 2023', 'September 2023', 'on or after 21
    September 2023', 'about 21 September 2023', 'between 18 and 21 September 2023'."""
    if qualifier is DateQualifier.BETWEEN and end is not None and isinstance(value, dt.date):
        return f"between {span_first(value, end)} and {long_date(end)}"
    words = DATE_QUALIFIER_WORDS[qualifier]
    return f"{words} {month_text(value)}" if words else month_text(value)


def quote_text(quote: Quote) -> str:
    """The quote in quotation marks; a partial quote with ellipses on both sides (plain text)."""
    if quote.extent == "partial":
        return f"“…{quote.text.strip()}…”"
    return f"“{quote.text.strip()}”"


_OPENING_MARKS = ('"', "“", "„", "«")


def excerpt_text(excerpt: Excerpt) -> str:
    """An excerpt quoted inside running text (plain text).

    A quote's text never includes its own marks, but an excerpt is a verbatim passage of the
    source and may open with one (``"We voted," the council said.``): such an excerpt is shown
    as it is, without marks of ours around its own.
    """
    text = excerpt.text.strip()
    if text.startswith(_OPENING_MARKS):
        return text
    return f"“{text}”"
