"""Links between facts, relative to a page: :class:`Linker` words each record of the story's
:class:`~generator.pages.storyindex.Index` as a link from one page, as trusted Markdown (what
``[[kind:id]]`` and every template's links become).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable
from typing import Any

from generator.pages.charts import figure_chart
from generator.pages.escape import Trusted, escape_text, isolated_text
from generator.pages.figures import Dated
from generator.pages.storyindex import Index
from generator.pages.wording import (
    bare_number,
    excerpt_text,
    figure_text,
    long_date,
    names_text,
    quote_text,
    source_title,
    stance_words,
    step_words,
)
from generator.schema import kinds
from generator.schema.languages import direction
from generator.schema.model import SLUG_PATTERN, ClaimStatus, Event, Source

__all__ = ["Linker", "relative_path"]

_SLUG = re.compile(SLUG_PATTERN)


def _slug(value: str) -> str:
    """A record id, checked again before it goes into a link path or anchor."""
    if not _SLUG.match(value):
        raise ValueError(f"not an id: {value!r}")
    return value


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


_LINK_START = re.compile(r"^\[([a-z])")


def _capital(worded: Trusted) -> Trusted:
    """A link whose text starts with a small letter, with a capital ('[at least 12' ->
    '[At least 12'); anything else as it is."""
    return Trusted(_LINK_START.sub(lambda m: "[" + m.group(1).upper(), worded, count=1))


class Linker:
    """Links from one page (``page_path``, docs-relative) to records, as trusted Markdown."""

    def __init__(self, index: Index, page_path: str) -> None:
        self.index = index
        self.page_path = page_path
        self._folder = posixpath.dirname(page_path)

    def publication_inferred(self, cites: list[str]) -> bool:
        """Whether the source of the first of ``cites`` has a publication date the editor
        inferred (a date counted from it is inferred too, and says so)."""
        if not cites:
            return False
        basis = self.index.source_of(cites[0]).published_basis
        return basis is not None and basis.rule == "inferred"

    def url(self, target: str, anchor: str = "") -> Trusted:
        """Relative link from this page to ``target`` (docs-relative), with ``#anchor``: our own
        paths and anchors, made of ids (checked slugs), so a template may write it as it is (an
        escaped ``2&#46;md`` would name no page)."""
        fragment = f"#{anchor}" if anchor else ""
        if target == self.page_path:
            return Trusted(fragment or posixpath.basename(target))
        return Trusted(relative_path(target, self._folder) + fragment)

    def link(self, text: str, target: str, anchor: str = "") -> Trusted:
        """``[text](url)`` with the text escaped (and isolated, if it is right-to-left)."""
        return Trusted(f"[{isolated_text(text)}]({self.url(target, anchor)})")

    # --- one record of each kind, as a link -------------------------------------------------

    def at(self, kind_name: str, record_id: str, text: str) -> Trusted:
        """``text`` linked to the record's block on its kind's page."""
        kind = kinds.by_name(kind_name)
        assert kind.page is not None, f"{kind_name} records have no page"
        anchor = kind.anchor_of(_slug(record_id))
        return self.link(text, self.index.parts.page_of(anchor, kind.page), anchor)

    def record(self, kind_name: str, record_id: str) -> Trusted:
        """A record of any kind, worded by its kind's label field (a kind's own method, where it
        has one, words it better: see :meth:`reference`)."""
        record = self.index.get(kind_name, record_id)
        return self.at(kind_name, record_id, str(getattr(record, kinds.by_name(kind_name).label)))

    def actor(self, actor_id: str) -> Trusted:
        """A player's name, linked to the player's own page."""
        actor = self.index.actor(actor_id)
        return self.link(actor.name, f"players/{_slug(actor.id)}.md")

    def actor_card(self, actor_id: str) -> Trusted:
        return self.record("actor", actor_id)

    def event(self, event_id: str) -> Trusted:
        return self.record("event", event_id)

    def chart(self, figure_id: str, events: Iterable[Event], table: bool = True) -> Trusted:
        """The SVG chart of a figure's reports, its events linked to the timeline ('' when the
        figure has fewer than two dated reports)."""
        event_kind = kinds.by_name("event")
        assert event_kind.page is not None

        def event_href(event_id: str) -> str:
            anchor = event_kind.anchor_of(_slug(event_id))
            return self.url(self.index.parts.page_of(anchor, event_kind.page or ""), anchor)

        view = self.index.figures[figure_id]
        chart = figure_chart(
            view,
            list(events),
            name_of=self.reporter_name,
            event_href=event_href,
            table_below=table,
        )
        return Trusted(chart)

    def figure(self, figure_id: str, form: str | None = None) -> Trusted:
        """A figure by its headline number ('at least 250 people'); ``form`` label: by its
        label; value: its headline's bare number ('250')."""
        headline = self.index.figures[figure_id].headline.report
        figure = self.index.get("figure", figure_id)
        if form == "label":
            return self.at("figure", figure_id, figure.label)
        if form == "value":
            return self.at("figure", figure_id, bare_number(headline))
        return self.at("figure", figure_id, figure_text(headline, figure))

    def report(self, report_id: str, form: str | None = None) -> Trusted:
        """One report of a figure, linked to its row in the figure's history (``form`` value:
        its bare number)."""
        report = self.index.get("report", report_id)
        figure = self.index.parent[report_id]
        if form == "value":
            return self.at("report", report_id, bare_number(report))
        return self.at("report", report_id, figure_text(report, figure))

    def report_in_list(self, report_id: str) -> Trusted:
        """A report where its figure is not said around it: '[11,300 people](...) (Deaths)'."""
        figure = self.index.parent[report_id]
        return Trusted(f"{self.report(report_id)} ({escape_text(figure.label)})")

    def reporter_name(self, reporter: str) -> str:
        """Who gives a number, as plain text: an actor's name, else (a report naming no one)
        its source's publisher or title."""
        if reporter in self.index.ids("actor"):
            return self.index.actor(reporter).name
        source: Source = self.index.get("source", reporter)
        return source.publisher or source.found_at or source_title(source)

    def according_to(self, dated: Dated, cited: bool = False) -> Trusted:
        """Who gave a report, linked: its reporters ('[A] and [B]'), else its source; then who
        passed it on ('via [C]'), each link with its own source when ``cited``."""
        report = dated.report
        if report.reported_by:
            who = names_text([str(self.actor(actor)) for actor in report.reported_by])
        else:
            who = self.source(self.index.source_of(report.cites[0]).id)
        relays = [
            f"{self.actor(link.by)}{' ' + self.sources(link.cites) if cited else ''}"
            for link in report.via
        ]
        if relays:
            who += ", via " + ", then ".join(relays)
        return Trusted(who)

    def source(self, source_id: str) -> Trusted:
        return self.at("source", source_id, source_title(self.index.get("source", source_id)))

    def version(self, version_id: str) -> Trusted:
        """A version of a source, by its source and its date ('The Agency, version of 3 May
        2024'), linked to its line on the sources page."""
        version = self.index.get("version", version_id)
        source = self.index.parent[version_id]
        text = f"{source_title(source)}, version of {long_date(version.date)}"
        return self.at("version", version_id, text)

    def question(self, question_id: str) -> Trusted:
        return self.record("question", question_id)

    def question_short(self, question_id: str) -> Trusted:
        return self.at("question", question_id, self.index.get("question", question_id).short)

    def stance_word(self, position: Any) -> str:
        """A position's stance as words (plain text): 'Supports' on a question of policy,
        'Says yes' on a question of fact."""
        question = self.index.get("question", position.question)
        return stance_words(position.stance, question.kind)

    def position(self, position_id: str) -> Trusted:
        position = self.index.get("position", position_id)
        actor = self.index.actor(position.actor)
        question = self.index.get("question", position.question)
        text = f"{actor.name}: {self.stance_word(position)} ({question.short})"
        return self.at("position", position_id, text)

    def lang(self, tag: str | None) -> Trusted:
        """`` lang="ar" dir="rtl"``: the attributes of an element holding text in ``tag``'s
        language, when it is not the story's ('' when it is, or for None)."""
        if tag is None or tag.casefold() == self.index.language.casefold():
            return Trusted("")
        return Trusted(f' lang="{escape_text(tag)}" dir="{direction(tag)}"')

    def in_language(self, tag: str, markdown: Trusted) -> Trusted:
        """``markdown`` (inline) marked as written in ``tag``, when it is not the story's."""
        attributes = self.lang(tag)
        return Trusted(f"<span{attributes}>{markdown}</span>") if attributes else markdown

    def quote_link(self, quote_id: str) -> Trusted:
        link = self.at("quote", quote_id, quote_text(self.index.get("quote", quote_id)))
        return self.in_language(self.index.quote_language(quote_id), link)

    def quote(self, quote_id: str) -> Trusted:
        quote = self.index.get("quote", quote_id)
        text = self.quote_link(quote_id)
        return Trusted(f"{text}, {self.actor(quote.speaker)} {self.sources(quote.cites)}")

    def excerpt(self, excerpt_id: str) -> Trusted:
        link = self.at("excerpt", excerpt_id, excerpt_text(self.index.get("excerpt", excerpt_id)))
        return self.in_language(self.index.excerpt_language[excerpt_id], link)

    def cited_fact(self, kind: str, record_id: str) -> Trusted:
        """A fact that cites an excerpt, linked to its block (for the sources page)."""
        record = self.index.get(kind, record_id)
        if kind == "quote":
            name = self.index.actor(record.speaker).name
            return self.with_status(self.at("quote", record_id, f"Quote by {name}"), record)
        if kind in ("actor", "event", "figure"):  # the card; a figure by what it counts
            return self.with_status(self.record(kind, record_id), record)
        return self.reference(kind, record_id)

    def sources(self, cites: Iterable[str]) -> Trusted:
        """The 'Source' link(s) shown after a fact: one per cited excerpt."""
        ids = list(cites)
        links = [
            self.at("excerpt", excerpt_id, "Source" if len(ids) == 1 else f"Source {n}")
            for n, excerpt_id in enumerate(ids, start=1)
        ]
        return Trusted(f'<span class="source-link">{" ".join(links)}</span>')

    def fact(self, fact_id: str) -> Trusted:
        """Any fact (player, event, figure, quote, position), linked to its block."""
        kind = self.index.fact_kinds[fact_id]
        if kind == "actor":
            return self.actor_card(fact_id)
        if kind == "quote":
            return self.quote_link(fact_id)
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
            link = self.at("update", update.id, f"Corrected on {long_date(update.date)}")
            markers.append(f'<span class="label label--correction">{link}</span>')
        return Trusted(" ".join(markers))

    def claim(self, claimed_by: str | None, record: Any) -> Trusted:
        """The visible 'Claim by X' label of a reported claim ('' when it is not one); once X
        denies being its source (``record``'s current step), 'Attributed to X': the claim is
        no longer X's to make."""
        if claimed_by is None:
            return Trusted("")
        steps = getattr(record, "status", None) or []
        disowned = bool(steps) and steps[-1].status is ClaimStatus.ATTRIBUTION_DENIED
        words = "Attributed to" if disowned else "Claim by"
        return Trusted(f'<span class="label label--claim">{words} {self.actor(claimed_by)}</span>')

    def step(self, step: Any) -> Trusted:
        """'Denied by [X](...)', '[X](...) denies being its source': one step of a claim's
        status history (:func:`~generator.pages.wording.step_words`)."""
        who = ", ".join(self.actor(actor_id) for actor_id in step.by)
        return Trusted(step_words(step.status, who, many=len(step.by) > 1))

    def status(self, record: Any) -> Trusted:
        """A claim's current status as a label ('' for a record with no status history):
        shown first wherever the claim appears."""
        steps = getattr(record, "status", None)
        if not steps:
            return Trusted("")
        last = steps[-1]
        text = f"{self.step(last)}, {escape_text(long_date(last.date))}"
        return Trusted(
            f'<span class="label label--status label--{last.status.value}">{text}</span>'
        )

    def support(self, fact_id: str) -> Trusted:
        """'1 source', '3 sources, 2 independent': how many sources stand behind a fact."""
        count, independent = self.index.support(fact_id)
        text = f"{count} source{'s' if count != 1 else ''}"
        if independent != count:
            text += f", {independent} independent"
        return Trusted(f'<span class="source-count">{text}</span>')

    def reference(
        self,
        kind: str,
        record_id: str,
        form: str | None = None,
        *,
        capital: bool = False,
        status: bool = True,
    ) -> Trusted:
        """What ``[[kind:id]]`` (``[[kind:id|form]]``) becomes on this page: the kind's own
        wording where the registry says it has one (``Kind.worded``: this class's method of the
        kind's name, which also words the kind's ``forms``), else the record's label linked to
        its block. A reported claim (a record with a status history; a figure by its headline
        report) shows its current status first, as on its own page: a denied claim never reads
        as plain (``status`` False: without it, where the status is said beside it).
        ``capital``: at the start of a sentence ('At least 12 people')."""
        if kind == "event":
            event = self.index.get("event", record_id)
            claim = self.claim(event.claimed_by, event)
            worded = Trusted(f"{self.event(record_id)} {claim}" if claim else self.event(record_id))
        elif form is not None:
            worded = getattr(self, kind)(record_id, form)
        elif kinds.by_name(kind).worded:
            worded = getattr(self, kind)(record_id)
        else:
            worded = self.record(kind, record_id)
        if capital:
            worded = _capital(worded)
        if not status:
            return worded
        if kind == "figure":  # a figure by its headline report
            return self.with_status(worded, self.index.figures[record_id].headline.report)
        return self.with_status(worded, self.index.get(kind, record_id))

    def with_status(self, link: Trusted, record: Any) -> Trusted:
        """A link to a claim with its current status first, if it has one: wherever a denied
        claim is named, its denial is named before it, as on its own page."""
        status = self.status(record)
        return Trusted(f"{status} {link}") if status else link
