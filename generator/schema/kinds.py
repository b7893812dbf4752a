"""The registry of record kinds: every kind of record a story holds, declared once.

A :class:`Kind` says where its records live (a file of its own, or a list inside another
kind's records, as excerpts live in sources), the singular name used in ``[[kind:id]]`` and in
messages, its model, the page its records are shown on and their anchor prefix, whether it is
a fact that cites sources, and whether it grows in the synthetic story. Everything that used to
list the kinds by hand reads this table instead:

- the file models (``site_data/<file>.yaml`` holds ``<file>: [...]``) and :data:`StoryData`;
- the kinds a reference (``RefTo``) or a ``[[kind:id]]`` may name, and the index of records;
- which records an update's ``facts`` may name (the facts);
- open data (one CSV per kind), the data reference page, the synthetic story.

Adding a kind is a :class:`Kind` here (or :func:`register` before the first story is loaded),
its model, its data file and, if the generic list page does not do, its template.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from generator.schema.formats import CURRENT, FORMAT_KEY
from generator.schema.model import (
    Actor,
    Event,
    Excerpt,
    Figure,
    FigureReport,
    Position,
    Question,
    Quote,
    Record,
    Source,
    Story,
    Update,
)

__all__ = [
    "FACT",
    "FILE_MODELS",
    "KINDS",
    "STATUS_CSV",
    "STORY_FILE",
    "Kind",
    "StoryData",
    "by_file",
    "by_name",
    "csv_kinds",
    "fact_kinds",
    "file_kinds",
    "register",
    "replace_kind",
]

R = TypeVar("R", bound=Record)

FACT = "fact"
"""The reference target that names any fact (a kind with ``fact=True``)."""

STORY_FILE = "story"
"""``site_data/story.yaml``: the story's own metadata, one record, not a list."""


@dataclass(frozen=True)
class Kind(Generic[R]):
    """One kind of record."""

    name: str
    """Singular, as in ``[[event:id]]``, ``RefTo("event")`` and messages ("unknown event")."""
    model: type[R]
    description: str
    """What the records are, for the file model, StoryData and the data reference."""
    file: str | None = None
    """The file stem and its one top-level key (``events``), for a kind with a file of its own."""
    parent: tuple[str, str] | None = None
    """For a kind nested in another's records: (that kind's name, the list field)."""
    page: str | None = None
    """Docs-relative page that shows every record, each at ``#<anchor>-<id>``."""
    anchor: str = ""
    """The HTML id prefix of each record's block on its page (``event`` -> ``event-<id>``)."""
    title: str = ""
    """The title of its page, for a kind whose page the generic template renders."""
    label: str = "id"
    """The field whose text links to a record (``[[event:x]]`` shows the event's ``title``)."""
    worded: bool = False
    """Its link reads better than its label field (a figure as 'about 1,200 people'): the page
    linker (:class:`~generator.pages.linker.Linker`) words it with its method of the kind's
    name."""
    forms: tuple[str, ...] = ()
    """Other ways ``[[kind:id|form]]`` may word a record in prose (a figure by its ``label`` or
    its bare ``value``): the page linker words each with its method
    :meth:`~generator.pages.linker.Linker.reference`."""
    fact: bool = False
    """A fact: it cites excerpts (``cites``), carries correction markers, an update names it."""
    grows: bool = False
    """Repeated k times in the synthetic story of ``make bench`` (else shared by every copy)."""
    min_records: int = 0

    @property
    def plural(self) -> str:
        return self.file or (self.parent[1] if self.parent else f"{self.name}s")

    @property
    def csv_name(self) -> str:
        return self.plural

    def anchor_of(self, record_id: str) -> str:
        return f"{self.anchor}-{record_id}"


KINDS: list[Kind[Any]] = [
    Kind(
        "source",
        Source,
        "The sources the facts rest on.",
        file="sources",
        page="sources.md",
        anchor="source",
        label="headline",
        worded=True,
        min_records=1,
    ),
    Kind(
        "excerpt",
        Excerpt,
        "Passages of a source, verbatim.",
        parent=("source", "excerpts"),
        page="sources.md",
        anchor="excerpt",
        label="text",
        worded=True,
    ),
    Kind(
        "actor",
        Actor,
        "The players: people, countries, groups, speakers.",
        file="actors",
        page="players/index.md",
        anchor="actor",
        label="name",
        worded=True,
        fact=True,
        grows=True,
    ),
    Kind(
        "event",
        Event,
        "What happened, with dates.",
        file="events",
        page="timeline.md",
        anchor="event",
        label="title",
        fact=True,
        grows=True,
    ),
    Kind(
        "figure",
        Figure,
        "The key numbers.",
        file="figures",
        page="figures.md",
        anchor="figure",
        label="label",
        worded=True,
        forms=("label", "value"),
        fact=True,
        grows=True,
    ),
    Kind(
        "report",
        FigureReport,
        "Reports of a figure: what one source said the number was, and when.",
        parent=("figure", "reports"),
        page="figures.md",
        anchor="report",
        label="id",
        worded=True,
        forms=("value",),
    ),
    Kind(
        "quote",
        Quote,
        "Verbatim quotes with their attribution.",
        file="quotes",
        page="quotes.md",
        anchor="quote",
        label="text",
        worded=True,
        fact=True,
        grows=True,
    ),
    Kind(
        "question",
        Question,
        "The open questions of the story.",
        file="questions",
        page="stances.md",
        anchor="question",
        label="question",
        worded=True,
    ),
    Kind(
        "position",
        Position,
        "Where each player stands on each question.",
        file="positions",
        page="stances.md",
        anchor="position",
        label="summary",
        worded=True,
        fact=True,
        grows=True,
    ),
    Kind(
        "update",
        Update,
        "The log of updates and corrections to the explainer, oldest first.",
        file="updates",
        page="updates.md",
        anchor="update",
        label="summary",
    ),
]
"""Every record kind, in the order of files, open data and the data reference."""

_frozen = False


def register(kind: Kind[Any]) -> None:
    """Add a kind. Only before the first story is loaded (the file models are made then)."""
    _mutable()
    if any(k.name == kind.name or (kind.file and k.file == kind.file) for k in KINDS):
        raise ValueError(f"a kind named {kind.name!r} or with file {kind.file!r} exists")
    KINDS.append(kind)


def replace_kind(name: str, **changes: Any) -> None:
    """Change a declared kind (e.g. its model), before the first story is loaded."""
    _mutable()
    position = next(i for i, k in enumerate(KINDS) if k.name == name)
    KINDS[position] = replace(KINDS[position], **changes)


def _mutable() -> None:
    if _frozen:
        raise RuntimeError("record kinds are registered before the first story is loaded")


def by_name(name: str) -> Kind[Any]:
    for kind in KINDS:
        if kind.name == name:
            return kind
    raise KeyError(name)


def by_file(file: str) -> Kind[Any]:
    for kind in KINDS:
        if kind.file == file:
            return kind
    raise KeyError(file)


def file_kinds() -> list[Kind[Any]]:
    """The kinds with a file of their own, in file order."""
    return [kind for kind in KINDS if kind.file]


def fact_kinds() -> list[Kind[Any]]:
    return [kind for kind in KINDS if kind.fact]


def children(kind: Kind[Any]) -> Iterator[Kind[Any]]:
    """The kinds nested in ``kind``'s records."""
    return (k for k in KINDS if k.parent is not None and k.parent[0] == kind.name)


def grows(kind: Kind[Any]) -> bool:
    """Whether ``kind``'s records are repeated in the synthetic story (a nested kind's are
    when its parent's are)."""
    return kind.grows or (kind.parent is not None and grows(by_name(kind.parent[0])))


STATUS_CSV = "statuses"
"""The open data's table of every step of every claim's status history (one row per step)."""


def csv_kinds() -> list[str]:
    """The open data's CSV files (``data/<name>.csv``): one per record kind, in the registry's
    order (``excerpts`` are the sources' nested passages, with a column naming their source),
    and the status steps."""
    return [kind.csv_name for kind in KINDS] + [STATUS_CSV]


def targets(ref: str) -> list[Kind[Any]]:
    """The kinds a ``RefTo(ref)`` may name."""
    return fact_kinds() if ref == FACT else [by_name(ref)]


# --- the models made from the table ------------------------------------------------------------


class StoryBase(BaseModel):
    """Every record of one story, after each file validated on its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    story: Story = Field(description="The explainer's own metadata.")

    def records(self, kind: Kind[R]) -> list[R]:
        """The records of one kind, in file order (a nested kind's across its parents)."""
        if kind.file:
            records: list[R] = getattr(self, kind.file)
            return records
        assert kind.parent is not None
        parent, field = kind.parent
        return [
            child for record in self.records(by_name(parent)) for child in getattr(record, field)
        ]

    if TYPE_CHECKING:  # the kinds' lists are fields made from the registry

        def __getattr__(self, name: str) -> Any: ...


def _file_model(file: str, model: type[BaseModel], description: str, minimum: int) -> type[Record]:
    name = f"{file[0].upper()}{file[1:]}File"
    fields: dict[str, Any] = {file: (model, Field(description=description))}
    if model is Story:  # the story file also says the version of the data format
        version = Field(
            default=None,
            ge=1,
            description=(
                f"The version of the data format the story is written in ({CURRENT}, the "
                "current one). explainer new writes it; explainer upgrade moves a story "
                "from an earlier version and writes it."
            ),
        )
        fields = {FORMAT_KEY: (int | None, version), **fields}
    else:
        fields[file] = (list[model], Field(min_length=minimum or None, description=description))  # type: ignore[valid-type]
    made: type[Record] = create_model(
        name, __base__=Record, __doc__=f"site_data/{file}.yaml", **fields
    )
    return made


def _made() -> tuple[dict[str, type[Record]], type[StoryBase]]:
    global _frozen
    _frozen = True
    files: dict[str, type[Record]] = {
        STORY_FILE: _file_model(STORY_FILE, Story, "The explainer's own metadata.", 0)
    }
    fields: dict[str, Any] = {}
    for kind in file_kinds():
        assert kind.file is not None
        files[kind.file] = _file_model(kind.file, kind.model, kind.description, kind.min_records)
        fields[kind.file] = (list[kind.model], Field(description=kind.description))  # type: ignore[name-defined]
    story: type[StoryBase] = create_model(
        "StoryData", __base__=StoryBase, __doc__=StoryBase.__doc__, **fields
    )
    return files, story


_MADE: tuple[dict[str, type[Record]], type[StoryBase]] | None = None

if TYPE_CHECKING:
    StoryData = StoryBase
    FILE_MODELS: dict[str, type[Record]]
    """File kind (the file's stem and its one top-level key) -> the model of that file."""


def __getattr__(name: str) -> Any:
    # Made on first use, so that a kind registered at import time (a story's own kinds, a
    # test's toy kind) is in them; from then on the registry is frozen.
    global _MADE
    if name in ("FILE_MODELS", "StoryData"):
        if _MADE is None:
            _MADE = _made()
        return _MADE[0] if name == "FILE_MODELS" else _MADE[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
