"""Links between facts: one index of a story's records, relative links, ``[[kind:id]]``.

Hand-written pages (``content/*.md``) cite facts as ``[[quote:hollande-moscow]]``;
:func:`resolve_references` turns each into a link relative to the page, and
:func:`check_content` reports every unknown one with ``file:line:col``. References inside fenced
code blocks and inline code spans are left as they are.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Iterable, Iterator, KeysView, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import DataError, Diagnostic, did_you_mean
from generator.escape import Trusted, escape_text
from generator.loader import display_path, read_utf8
from generator.model import (
    SLUG_PATTERN,
    Actor,
    Event,
    Excerpt,
    Figure,
    Position,
    Question,
    Quote,
    Source,
    StoryData,
    Update,
    UpdateKind,
)

__all__ = [
    "REFERENCE_KINDS",
    "Index",
    "Linker",
    "check_content",
    "find_references",
    "resolve_references",
]

REFERENCE_KINDS = ("event", "actor", "figure", "quote", "position", "question", "excerpt", "source")
"""The kinds a ``[[kind:id]]`` reference may name."""

STANCE_WORDS = {
    "supports": "Supports",
    "opposes": "Opposes",
    "conditional": "Conditional",
    "unclear": "Unclear",
}
NO_POSITION = "No stated position"

_SLUG = re.compile(SLUG_PATTERN)
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _slug(value: str) -> str:
    """A record id, checked again before it goes into a link path or anchor."""
    if not _SLUG.match(value):
        raise ValueError(f"not an id: {value!r}")
    return value


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


def figure_text(figure: Figure) -> str:
    """'about 1,200 people' (plain text; escape it before use)."""
    about = "about " if figure.approximate else ""
    return f"{about}{format_number(figure.value)} {figure.unit}"


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


class Index:
    """Every record of a story by id, plus the facts that cite each excerpt."""

    def __init__(self, data: StoryData) -> None:
        self.data = data
        self.actors: dict[str, Actor] = {a.id: a for a in data.actors}
        self.events: dict[str, Event] = {e.id: e for e in data.events}
        self.figures: dict[str, Figure] = {f.id: f for f in data.figures}
        self.quotes: dict[str, Quote] = {q.id: q for q in data.quotes}
        self.questions: dict[str, Question] = {q.id: q for q in data.questions}
        self.positions: dict[str, Position] = {p.id: p for p in data.positions}
        self.sources: dict[str, Source] = {s.id: s for s in data.sources}
        self.excerpts: dict[str, tuple[Source, Excerpt]] = {
            e.id: (s, e) for s in data.sources for e in s.excerpts
        }
        # excerpt id -> [(kind, id)] of the facts citing it, in file order
        self.cited_by: dict[str, list[tuple[str, str]]] = {}
        facts: list[tuple[str, Iterable[Actor | Event | Figure | Quote | Position]]] = [
            ("actor", data.actors),
            ("event", data.events),
            ("figure", data.figures),
            ("quote", data.quotes),
            ("position", data.positions),
        ]
        self.fact_kinds: dict[str, str] = {}
        """Fact id -> its kind (actor, event, figure, quote, position)."""
        for kind, records in facts:
            for record in records:
                self.fact_kinds[record.id] = kind
                for excerpt_id in record.cites:
                    self.cited_by.setdefault(excerpt_id, []).append((kind, record.id))
        # fact id -> the corrections that touched it, oldest first
        self.corrections: dict[str, list[Update]] = {}
        for update in sorted(data.updates, key=lambda u: u.date):
            if update.kind is UpdateKind.CORRECTION:
                for fact_id in update.facts:
                    self.corrections.setdefault(fact_id, []).append(update)
        # reference kind -> its records by id (what ``[[kind:id]]`` may name)
        self._tables: dict[str, Mapping[str, object]] = {
            "event": self.events,
            "actor": self.actors,
            "figure": self.figures,
            "quote": self.quotes,
            "position": self.positions,
            "question": self.questions,
            "excerpt": self.excerpts,
            "source": self.sources,
        }

    def ids(self, kind: str) -> KeysView[str]:
        """The ids of one reference kind's records, in file order (a view: no copy is made)."""
        return self._tables[kind].keys()

    def actor(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise LookupError(f"unknown actor {actor_id!r}") from None


@functools.lru_cache(maxsize=1 << 14)  # every player page links the same few pages
def relative_path(target: str, start_dir: str) -> str:
    """Docs-relative ``target`` as seen from the docs-relative folder ``start_dir``.

    Pure string work: ``posixpath.relpath`` asks the OS for the working directory on every
    call, which was a third of the time to render a large story.
    """
    start = [part for part in start_dir.split("/") if part not in ("", ".")]
    parts = target.split("/")
    common = 0
    while common < len(start) and common < len(parts) - 1 and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


class Linker:
    """Links from one page (``page_path``, docs-relative) to records, as trusted Markdown."""

    def __init__(self, index: Index, page_path: str) -> None:
        self.index = index
        self.page_path = page_path

    def url(self, target: str, anchor: str = "") -> str:
        """Relative link from this page to ``target`` (docs-relative), with ``#anchor``."""
        fragment = f"#{anchor}" if anchor else ""
        if target == self.page_path:
            return fragment or posixpath.basename(target)
        return relative_path(target, posixpath.dirname(self.page_path)) + fragment

    def link(self, text: str, target: str, anchor: str = "") -> Trusted:
        """``[text](url)`` with the text escaped."""
        return Trusted(f"[{escape_text(text)}]({self.url(target, anchor)})")

    # --- one record of each kind, as a link -------------------------------------------------

    def actor(self, actor_id: str) -> Trusted:
        actor = self.index.actor(actor_id)
        return self.link(actor.name, f"players/{_slug(actor.id)}.md")

    def actor_card(self, actor_id: str) -> Trusted:
        actor = self.index.actor(actor_id)
        return self.link(actor.name, "players/index.md", f"actor-{_slug(actor.id)}")

    def event(self, event_id: str) -> Trusted:
        event = self.index.events[event_id]
        return self.link(event.title, "timeline.md", f"event-{_slug(event.id)}")

    def figure(self, figure_id: str) -> Trusted:
        figure = self.index.figures[figure_id]
        return self.link(figure_text(figure), "figures.md", f"figure-{_slug(figure.id)}")

    def question(self, question_id: str) -> Trusted:
        question = self.index.questions[question_id]
        return self.link(question.question, "stances.md", f"question-{_slug(question.id)}")

    def question_short(self, question_id: str) -> Trusted:
        question = self.index.questions[question_id]
        return self.link(question.short, "stances.md", f"question-{_slug(question.id)}")

    def position(self, position_id: str) -> Trusted:
        position = self.index.positions[position_id]
        actor = self.index.actor(position.actor)
        question = self.index.questions[position.question]
        text = f"{actor.name}: {STANCE_WORDS[position.stance.value]} ({question.short})"
        return self.link(text, "stances.md", f"position-{_slug(position.id)}")

    def quote(self, quote_id: str) -> Trusted:
        quote = self.index.quotes[quote_id]
        text = self.link(quote_text(quote), "quotes.md", f"quote-{_slug(quote.id)}")
        return Trusted(f"{text}, {self.actor(quote.speaker)} {self.sources(quote.cites)}")

    def excerpt(self, excerpt_id: str) -> Trusted:
        _source, excerpt = self.index.excerpts[excerpt_id]
        return self.link(excerpt_text(excerpt), "sources.md", f"excerpt-{_slug(excerpt.id)}")

    def source(self, source_id: str) -> Trusted:
        source = self.index.sources[source_id]
        return self.link(source.headline, "sources.md", f"source-{_slug(source.id)}")

    def cited_fact(self, kind: str, record_id: str) -> Trusted:
        """A fact that cites an excerpt, linked to its anchor (for the sources page)."""
        if kind == "actor":
            return self.actor_card(record_id)
        if kind == "quote":
            quote = self.index.quotes[record_id]
            name = self.index.actor(quote.speaker).name
            return self.link(f"Quote by {name}", "quotes.md", f"quote-{_slug(quote.id)}")
        if kind == "figure":
            figure = self.index.figures[record_id]
            return self.link(figure.counts, "figures.md", f"figure-{_slug(figure.id)}")
        method = {"event": self.event, "position": self.position}[kind]
        return method(record_id)

    def sources(self, cites: Iterable[str]) -> Trusted:
        """The 'Source' link(s) shown after a fact: one per cited excerpt."""
        ids = list(cites)
        links = [
            self.link(
                "Source" if len(ids) == 1 else f"Source {n}", "sources.md", f"excerpt-{_slug(i)}"
            )
            for n, i in enumerate(ids, start=1)
        ]
        return Trusted(f'<span class="source-link">{" ".join(links)}</span>')

    def fact(self, fact_id: str) -> Trusted:
        """Any fact (player, event, figure, quote, position), linked to its block."""
        kind = self.index.fact_kinds[fact_id]
        if kind == "actor":
            return self.actor_card(fact_id)
        if kind == "quote":
            quote = self.index.quotes[fact_id]
            return self.link(quote_text(quote), "quotes.md", f"quote-{_slug(quote.id)}")
        return self.reference(kind, fact_id)

    def fact_link(self, anchor: str) -> Trusted:
        """The fact's own link (a JavaScript enhancement adds a copy button beside it)."""
        return Trusted(
            f'<a class="fact-link" href="#{_slug(anchor)}" title="Link to this fact">Link</a>'
        )

    def corrections(self, fact_id: str) -> Trusted:
        """'Corrected on <date>' markers, each linked to its entry on the updates page."""
        markers = []
        for update in self.index.corrections.get(fact_id, []):
            when = long_date(update.date)
            link = self.link(f"Corrected on {when}", "updates.md", f"update-{_slug(update.id)}")
            markers.append(f'<span class="label label--correction">{link}</span>')
        return Trusted(" ".join(markers))

    def claim(self, claimed_by: str | None) -> Trusted:
        """The visible 'Claim by X' label of a reported claim ('' when it is not one)."""
        if claimed_by is None:
            return Trusted("")
        return Trusted(f'<span class="label label--claim">Claim by {self.actor(claimed_by)}</span>')

    def reference(self, kind: str, record_id: str) -> Trusted:
        """What ``[[kind:id]]`` becomes on this page."""
        if kind == "event":
            event = self.index.events[record_id]
            claim = self.claim(event.claimed_by)
            return Trusted(f"{self.event(record_id)} {claim}" if claim else self.event(record_id))
        method = {
            "actor": self.actor,
            "figure": self.figure,
            "quote": self.quote,
            "position": self.position,
            "question": self.question,
            "excerpt": self.excerpt,
            "source": self.source,
        }[kind]
        return method(record_id)


# --- [[kind:id]] ---------------------------------------------------------------------------

_REFERENCE = re.compile(r"\[\[([^\[\]:\s]*):([^\[\]\s]*)\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Reference:
    """One ``[[kind:id]]`` in a Markdown text; ``line`` and ``col`` are 1-based."""

    kind: str
    id: str
    line: int
    col: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return f"[[{self.kind}:{self.id}]]"


def find_references(markdown: str) -> Iterator[Reference]:
    """Every ``[[kind:id]]`` outside fenced code blocks and inline code spans."""
    offset = 0
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            marker = opening.group(1) if opening else ""
            rest = line[opening.end() :] if opening else "x"
            if marker[:1] == fence[0] and len(marker) >= len(fence) and not rest.strip():
                fence = None
        elif opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            fence = opening.group(1)
        else:
            spans = [m.span() for m in _CODE_SPAN.finditer(line)]
            for match in _REFERENCE.finditer(line):
                if any(a <= match.start() < b for a, b in spans):
                    continue
                yield Reference(
                    kind=match.group(1),
                    id=match.group(2),
                    line=number,
                    col=match.start() + 1,
                    start=offset + match.start(),
                    end=offset + match.end(),
                )
        offset += len(line)


def _problem(ref: Reference, index: Index, file_label: str) -> Diagnostic | None:
    if ref.kind not in REFERENCE_KINDS:
        message = f"unknown reference kind {ref.kind!r}{did_you_mean(ref.kind, REFERENCE_KINDS)}"
        kinds = ", ".join(REFERENCE_KINDS)
        return Diagnostic(file_label, ref.line, ref.col, ref.text, f"{message}; kinds: {kinds}")
    ids = index.ids(ref.kind)
    if ref.id not in ids:
        message = f"unknown {ref.kind} {ref.id!r}{did_you_mean(ref.id, ids)}"
        return Diagnostic(file_label, ref.line, ref.col, ref.text, message)
    return None


def _resolve(markdown: str, index: Index, page_path: str, file_label: str) -> str:
    linker = Linker(index, page_path)
    problems: list[Diagnostic] = []
    pieces: list[str] = []
    last = 0
    for ref in find_references(markdown):
        problem = _problem(ref, index, file_label)
        if problem is not None:
            problems.append(problem)
            continue
        pieces.append(markdown[last : ref.start])
        pieces.append(linker.reference(ref.kind, ref.id))
        last = ref.end
    if problems:
        raise DataError(problems)
    pieces.append(markdown[last:])
    return "".join(pieces)


def resolve_references(markdown: str, data: StoryData, *, page_path: str, file_label: str) -> str:
    """Turn every ``[[kind:id]]`` into a link relative to ``page_path`` (docs-relative).

    Raises :class:`DataError` listing every unknown kind or id as
    ``file_label:line:col: [[kind:id]]: unknown quote 'x' (did you mean 'y'?)``.
    """
    return _resolve(markdown, Index(data), page_path, file_label)


def check_content(
    content_dir: Path, data: StoryData, *, display_root: Path | None = None
) -> list[Diagnostic]:
    """Every unknown reference and unreadable file in ``content/**/*.md``, without raising.

    Files are named relative to ``display_root`` when given (else as found under
    ``content_dir``).
    """
    index = Index(data)
    problems: list[Diagnostic] = []
    for path in sorted(content_dir.rglob("*.md")):
        # display_path(path, None) would name it relative to the working directory instead
        label = path.as_posix() if display_root is None else display_path(path, display_root)
        text, unreadable = read_utf8(path, label)
        if text is None:
            problems.extend(unreadable)
            continue
        for ref in find_references(text):
            problem = _problem(ref, index, label)
            if problem is not None:
                problems.append(problem)
    return sorted(problems)
