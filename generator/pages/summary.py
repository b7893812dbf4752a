"""The home page's "What we know" block, from the story's data: what changed last, the figures
that moved, what is disputed or denied, the claims that are not established facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.pages.linker import Linker
from generator.pages.storyindex import Index
from generator.pages.templating import environment
from generator.pages.wording import claim_state
from generator.schema import kinds

__all__ = ["what_we_know"]


def what_we_know(
    index: Index,
    page_path: str = "index.md",
    *,
    ln: Linker | None = None,
    earlier: Sequence[dt.date] = (),
) -> str:
    """The "What we know" block of the home page: the latest update, the headline figures with
    their dates, what is disputed or denied, the claims that are not established facts, the open
    questions; and the days of ``earlier`` versions (the explainer as it stood on each). ``ln``:
    the page's own linker (an as-it-stood page's links stay on it)."""
    data = index.data
    latest = max(data.updates, key=lambda u: (u.date, u.time or ""), default=None)
    contested: list[tuple[str, str]] = []
    claims: list[tuple[str, str]] = []
    for kind in kinds.fact_kinds():
        for record in data.records(kind):
            state = claim_state(record)
            if state == "contested":
                contested.append((kind.name, record.id))
            elif state == "claim":
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
        contested=contested,
        claims=claims,
        earlier=earlier,
    )
    return text.strip("\n") + "\n"
