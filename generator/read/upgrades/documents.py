"""A story's data files as round-trip YAML documents, for the upgrade steps.

ruamel.yaml keeps what a plain YAML load throws away: comments, key order, quoting and block
styles, so a file an upgrade step does not touch is written back byte for byte and one it touches
keeps the editors' comments (the shipped stories' files round-trip unchanged; a test says so).
Each file's own indentation is kept (guessed from the file). Values keep their places: a step
reports a problem at the line and column the value had in the file as the editor wrote it.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from generator.read.datafile import Missing, Unreadable, read_bounded
from generator.read.diagnostics import Diagnostic, format_loc

__all__ = [
    "Document",
    "Documents",
    "Leaf",
    "Moved",
    "Step",
    "StepResult",
    "document_from_text",
    "leaves",
    "read_document",
]

Place = tuple[str | int, ...]
"""A place in one file's data: ``("figures", 0, "value")``."""


@dataclass
class Document:
    """One data file: its round-trip data, how to write it back, and whether a step changed it."""

    kind: str
    display: str
    text: str
    data: Any
    indent: int = 2
    sequence_offset: int = 2
    changed: bool = False

    def yaml(self) -> YAML:
        made = YAML(typ="rt")
        made.preserve_quotes = True
        made.width = 4096  # never fold a long line the editor wrote on one
        made.indent(
            mapping=self.indent,
            sequence=self.indent + self.sequence_offset,
            offset=self.sequence_offset,
        )
        return made

    def dump(self) -> str:
        """The document as text (the text as read, if no step changed it)."""
        if not self.changed:
            return self.text
        out = io.StringIO()
        self.yaml().dump(self.data, out)
        return out.getvalue()

    def at(self, place: Place) -> tuple[int, int]:
        """The 1-based line and column of the value (a mapping entry: its key) at ``place`` in
        the file as read; the nearest enclosing place that is known otherwise."""
        node: Any = self.data
        line, col = 1, 1
        for part in place:
            try:
                if isinstance(node, CommentedMap) and part in node:
                    key_line, key_col = node.lc.key(part)
                    line, col = key_line + 1, key_col + 1
                elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                    key_line, key_col = node.lc.item(part)
                    line, col = key_line + 1, key_col + 1
                else:
                    break
            except KeyError:  # a key or item a step added: it was nowhere in the file
                break
            node = node[part]
        return line, col

    def problem(self, place: Place, message: str) -> Diagnostic:
        line, col = self.at(place)
        return Diagnostic(self.display, line, col, format_loc(place), message)


Documents = dict[str, Document]
"""File kind (``figures``) -> its document; a missing file has none."""


@dataclass(frozen=True)
class Moved:
    """A value a step moved: from ``old`` to ``new`` in one file (for problems found later)."""

    kind: str
    old: Place
    new: Place


@dataclass
class StepResult:
    problems: list[Diagnostic] = field(default_factory=list)
    """What the step could not place, at its place in the file as read. Nothing is written."""
    moved: list[Moved] = field(default_factory=list)
    translated: dict[tuple[str, Place], Any] = field(default_factory=dict)
    """(file kind, place as read) -> the value that stands for it now, when it is not the same
    value (``approximate: true`` -> ``about``): the loss check accepts it."""
    created: list[str] = field(default_factory=list)
    """File kinds the step created (a file the format then required)."""


@dataclass(frozen=True)
class Step:
    """The move from version ``version - 1`` to ``version``."""

    version: int
    summary: str
    apply: Callable[[Documents], StepResult]


def read_document(
    path: Path, kind: str, display: str, *, within: Path | None = None
) -> Document | Diagnostic | None:
    """The file as a round-trip document; a located problem if it cannot be read as YAML; None
    if it is missing. ``within``: the project, which the file may not lead out of (an upgrade
    would write through such a link)."""
    try:
        text = read_bounded(path, within=within).decode("utf-8").removeprefix("\ufeff")
    except Missing:
        return None
    except Unreadable as error:
        return Diagnostic(display, 1, 1, "", error.message)
    except UnicodeDecodeError:
        return Diagnostic(display, 1, 1, "", "not UTF-8; save the file as UTF-8")
    indent, offset = _guess_indent(text)
    try:
        data = _yaml(indent, offset).load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(error, "problem", None) or "invalid YAML"
        return Diagnostic(display, line, col, "", f"syntax error: {problem}")
    return Document(kind, display, text, data, indent, offset)


def document_from_text(kind: str, display: str, text: str) -> Document:
    """A document made by a step (a file the new version needs), from its text."""
    return Document(kind, display, text, _yaml(2, 2).load(text))


def _yaml(indent: int, offset: int) -> YAML:
    made = YAML(typ="rt")
    made.preserve_quotes = True
    made.width = 4096  # never fold again a line the editor wrote on one
    made.indent(mapping=indent, sequence=indent + offset, offset=offset)
    return made


_KEY_OPENS = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")
_LINE = re.compile(r"^( *)(- )?\S")


def _guess_indent(text: str) -> tuple[int, int]:
    """The file's indentation: how far a mapping's keys are indented under their parent key, and
    where a list's dash stands under its key (our files: 2 and 2, ``key:`` then ``  - id:``)."""
    indent, offset = 0, -1
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    for above, line in itertools.pairwise(lines):
        opens, below = _KEY_OPENS.match(above), _LINE.match(line)
        if opens is None or below is None:
            continue
        step = len(below.group(1)) - len(opens.group(1))
        if step <= 0:
            continue
        if below.group(2) and offset < 0:
            offset = step
        elif not below.group(2) and not indent:
            indent = step
        if indent and offset >= 0:
            break
    return indent or 2, offset if offset >= 0 else 2


@dataclass(frozen=True)
class Leaf:
    """One value of the data, as an editor wrote it: its file, its place and the value."""

    kind: str
    place: Place
    value: Any


def leaves(kind: str, data: Any, place: Place = ()) -> Iterator[Leaf]:
    """Every scalar value of a document (not the keys), with its place."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(kind, value, (*place, str(key)))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from leaves(kind, value, (*place, number))
    elif data is not None:
        yield Leaf(kind, place, data)
