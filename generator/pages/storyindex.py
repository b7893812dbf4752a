"""The story's one index: every record by kind and id, made once per build.

:class:`Index` is made once per build (the build result carries it) and read by every page,
by the ``[[kind:id]]`` references of hand-written pages and by the checks of their content: the
records of each kind by id, each nested record's parent, the facts citing each excerpt, each
figure's reports in time (:mod:`generator.pages.figures`) and the corrections of each fact.
"""

from __future__ import annotations

from collections.abc import KeysView, Mapping
from typing import Any

from generator.pages.figures import FigureView, view
from generator.pages.splits import LIMITS, Parts
from generator.schema import kinds
from generator.schema.annotations import references_in
from generator.schema.kinds import StoryData
from generator.schema.model import Actor, Source, Update, UpdateKind

__all__ = ["Index"]


class Index:
    """Every record of a story by kind and id, the facts that cite each excerpt, and the
    corrections of each fact."""

    def __init__(self, data: StoryData, limits: Mapping[str, int] = LIMITS) -> None:
        self.data = data
        # kind name -> its records by id, in file order (what ``[[kind:id]]`` may name)
        self.tables: dict[str, dict[str, Any]] = {
            kind.name: {record.id: record for record in data.records(kind)} for kind in kinds.KINDS
        }
        self.parent: dict[str, Any] = {}
        """A nested record's id -> the record it is nested in (an excerpt's source)."""
        for kind in kinds.KINDS:
            for child in kinds.children(kind):
                assert child.parent is not None
                for record in data.records(kind):
                    for nested in getattr(record, child.parent[1]):
                        self.parent[nested.id] = record
        self.cited_by: dict[str, list[tuple[str, str]]] = {}
        """Excerpt id -> (kind, id) of each fact citing it, in file order."""
        self.fact_kinds: dict[str, str] = {}
        """Fact id -> its kind's name."""
        self.fact_cites: dict[str, list[str]] = {}
        """Fact id -> the excerpts that support it (its own, its reports'), each once."""
        for kind in kinds.fact_kinds():
            for record in data.records(kind):
                self.fact_kinds[record.id] = kind.name
                found = [(p, v) for p, v, ref in references_in(record) if ref == "excerpt"]
                # What supports the fact is what it (or its reports) cites; a status step's
                # excerpt reports a dispute or a denial, and is only listed as citing it.
                self.fact_cites[record.id] = list(
                    dict.fromkeys(v for p, v in found if "status" not in p)
                )
                for excerpt_id in dict.fromkeys(v for _, v in found):
                    self.cited_by.setdefault(excerpt_id, []).append((kind.name, record.id))
        self.figures: dict[str, FigureView] = {
            figure.id: view(figure, self.source_of) for figure in data.figures
        }
        """Figure id -> its reports in time and its headline."""
        self.corrections: dict[str, list[Update]] = {}
        """Fact id -> the corrections that touched it, oldest first."""
        for update in sorted(data.updates, key=lambda u: u.date):
            if update.kind is UpdateKind.CORRECTION:
                for fact_id in update.facts:
                    self.corrections.setdefault(fact_id, []).append(update)
        self.parts = Parts.of(data, limits)
        """The long lists in parts (past ``limits``, by record kind: :data:`LIMITS`), and the
        page each record moved to."""

    def ids(self, kind: str) -> KeysView[str]:
        """The ids of one kind's records, in file order (a view: no copy is made)."""
        return self.tables[kind].keys()

    def get(self, kind: str, record_id: str) -> Any:
        try:
            return self.tables[kind][record_id]
        except KeyError:
            raise LookupError(f"unknown {kind} {record_id!r}") from None

    def source_of(self, excerpt_id: str) -> Source:
        """The source an excerpt belongs to."""
        source: Source = self.parent[excerpt_id]
        return source

    def support(self, fact_id: str) -> tuple[int, int]:
        """(sources, independent sources) behind a fact. Copies from one publisher (an
        agency's story found at several outlets) are one independent source."""
        sources = {self.source_of(e).id: self.source_of(e) for e in self.fact_cites[fact_id]}
        independent = {s.publisher.casefold() if s.publisher else s.id for s in sources.values()}
        return len(sources), len(independent)

    def actor(self, actor_id: str) -> Actor:
        actor: Actor = self.get("actor", actor_id)
        return actor

    @property
    def records_by_kind(self) -> Mapping[str, Mapping[str, Any]]:
        return self.tables
