"""The home page's "What we know" block, from the story's data: what changed last, the figures
that moved (each headline with the rule that chose it, who gave it and when, and, where sources
differ, the latest number that stands from each), what is disputed, denied or retracted (each
claim once, with every record that carries it), the claims that are not established facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.pages.linker import Linker
from generator.pages.storyindex import Index
from generator.pages.templating import environment
from generator.pages.wording import claim_state
from generator.schema import kinds

__all__ = ["Contested", "contested_claims", "what_we_know"]


@dataclass
class Contested:
    """One contested claim: the records that carry it under the same current step (the same
    status, taken on the same day by the same actors)."""

    first: Any
    """The first record that carries it (its status is the claim's)."""
    records: list[tuple[str, str]] = field(default_factory=list)
    """(kind, id) of each record that carries it, in the order of the kinds and the files."""


def contested_claims(index: Index) -> list[Contested]:
    """Every contested claim once: facts and figure reports whose current status is disputed,
    denied or retracted, grouped by that status step (a denial repeated in an event, a quote and
    a report of the number is one denial)."""
    groups: dict[tuple[Any, ...], Contested] = {}
    report = kinds.by_name("report")
    for kind in [*kinds.fact_kinds(), report]:
        for record in index.data.records(kind):
            if claim_state(record) != "contested":
                continue
            step = record.status[-1]
            key = (step.status, step.date, tuple(step.by))
            groups.setdefault(key, Contested(record)).records.append((kind.name, record.id))
    return list(groups.values())


def what_we_know(
    index: Index,
    page_path: str = "index.md",
    *,
    ln: Linker | None = None,
    earlier: Sequence[dt.date] = (),
) -> str:
    """The "What we know" block of the home page: the latest update, the headline figures with
    their dates, what is disputed, denied or retracted, the claims that are not established
    facts, the open questions; and the days of ``earlier`` versions (the explainer as it stood
    on each). ``ln``: the page's own linker (an as-it-stood page's links stay on it)."""
    data = index.data
    latest = max(data.updates, key=lambda u: (u.date, u.time or ""), default=None)
    claims: list[tuple[str, str]] = []
    for kind in kinds.fact_kinds():
        for record in data.records(kind):
            if claim_state(record) == "claim":
                claims.append((kind.name, record.id))
    # The figures that moved (more than one report) are the news; a story whose figures were
    # each reported once shows them all.
    moving = [figure for figure in data.figures if len(figure.reports) > 1]
    template = environment().get_template("_what_we_know.md")
    text = template.render(
        ln=ln or Linker(index, page_path),
        data=data,
        index=index,
        latest=latest,
        figures=moving or data.figures,
        contested=contested_claims(index),
        claims=claims,
        earlier=earlier,
    )
    return text.strip("\n") + "\n"
