"""YAML nodes -> Python values, remembering where each value came from.

``build(node)`` turns a node tree from ``yaml.compose`` into plain dicts, lists and scalars and
records, for every mapping entry and sequence item, its 1-based ``(line, col)``:
``{("quotes", 2, "speaker"): (14, 5)}``. A mapping entry is located at its key (that is where
an editor looks for ``speaker:``); a sequence item at the item itself.

Rules, each reported as a :class:`Problem` (the caller adds the file):

- keys are plain text: a key is taken as written (``no:`` is the key ``'no'``), and a key that is
  a list or mapping is an error;
- a key given twice is an error that names both lines;
- merge keys (``<<``) and tags other than YAML's own scalar tags are errors;
- scalars are constructed by PyYAML's ``SafeConstructor`` per resolved tag; an impossible date
  such as ``2015-02-30`` becomes ``impossible date '2015-02-30'``;
- aliases are allowed, but a file whose aliases expand to more than ``MAX_ALIAS_NODES`` nodes, or
  an alias that refers to the node that contains it, is refused (the "billion laughs" defence);
  nesting deeper than ``MAX_DEPTH`` is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from generator.diagnostics import format_loc

Path = tuple[str | int, ...]
"""A place in the data: ``("quotes", 2, "speaker")``."""

Mark = tuple[int, int]
"""1-based ``(line, col)``."""

MAX_ALIAS_NODES = 10_000
MAX_DEPTH = 100

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary", "value")
)
_YAML_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:null": "null (no value)",
    "tag:yaml.org,2002:timestamp": "date",
}


@dataclass(frozen=True)
class Problem:
    """One problem found while building values; the loader adds the file."""

    line: int
    col: int
    path: Path
    message: str

    @property
    def loc(self) -> str:
        return format_loc(self.path)


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written: its text, whether it was quoted, and the tag YAML gave it."""

    text: str
    quoted: bool
    tag: str

    @property
    def yaml_type(self) -> str | None:
        """What YAML read an unquoted scalar as, if not text: 'boolean', 'number', 'date' ..."""
        if self.quoted:
            return None
        return _YAML_TYPE_NAMES.get(self.tag)


@dataclass
class SourceMap:
    """Where each value of one file is: mapping entries at their key, items at themselves."""

    positions: dict[Path, Mark] = field(default_factory=dict)
    """Path -> mark of the key (mapping entries) or of the node (sequence items, the root)."""
    scalars: dict[Path, Scalar] = field(default_factory=dict)
    """Path -> how the scalar value at that path was written."""

    def locate(self, path: Path) -> Mark:
        """The mark of ``path``, or of its nearest ancestor that has one (else 1:1)."""
        for end in range(len(path), -1, -1):
            mark = self.positions.get(tuple(path[:end]))
            if mark is not None:
                return mark
        return (1, 1)


class _Refused(Exception):
    """Stops building a file: aliases expand too far, or nest into themselves."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_SCALAR_CONSTRUCTORS: dict[str, Callable[[SafeConstructor, yaml.ScalarNode], Any]] = {
    tag: constructor
    for tag, constructor in SafeConstructor.yaml_constructors.items()
    if tag in _SCALAR_TAGS
}


class _Builder:
    def __init__(self) -> None:
        self.map = SourceMap()
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()
        self._seen: set[int] = set()
        self._active: set[int] = set()
        self._expanded = 0

    def build(self, node: yaml.Node, path: Path, *, in_alias: bool = False, depth: int = 0) -> Any:
        key = id(node)
        if key in self._active:
            raise _Refused(
                Problem(*_mark(node), path, "an alias refers to a node that contains it")
            )
        if key in self._seen:
            in_alias = True
        self._seen.add(key)
        if in_alias:
            self._expanded += 1
            if self._expanded > MAX_ALIAS_NODES:
                raise _Refused(
                    Problem(
                        *_mark(node),
                        path,
                        f"aliases expand beyond {MAX_ALIAS_NODES} nodes",
                    )
                )
        if depth > MAX_DEPTH:
            raise _Refused(Problem(*_mark(node), path, f"nested deeper than {MAX_DEPTH} levels"))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self._active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, path, in_alias, depth)
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, in_alias, depth)
        finally:
            self._active.discard(key)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _problem(self, node: yaml.Node, path: Path, message: str) -> None:
        self.problems.append(Problem(*_mark(node), path, message))

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        quoted = node.style in ("'", '"', "|", ">")
        self.map.scalars[path] = Scalar(node.value, quoted, node.tag)
        construct = _SCALAR_CONSTRUCTORS.get(node.tag)
        if construct is None:
            self._problem(node, path, f"unsupported tag '{node.tag}'; remove it")
            return None
        try:
            return construct(self._constructor, node)
        except (ValueError, yaml.YAMLError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self._problem(node, path, f"impossible date '{node.value}'")
            else:
                self._problem(node, path, f"cannot read {node.value!r}: {error}")
            return None

    def _sequence(self, node: yaml.SequenceNode, path: Path, in_alias: bool, depth: int) -> Any:
        if node.tag != _SEQ_TAG:
            self._problem(node, path, f"unsupported tag '{node.tag}'; remove it")
        items: list[Any] = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            self.map.positions.setdefault(item_path, _mark(item))
            items.append(self.build(item, item_path, in_alias=in_alias, depth=depth + 1))
        return items

    def _mapping(self, node: yaml.MappingNode, path: Path, in_alias: bool, depth: int) -> Any:
        if node.tag != _MAP_TAG:
            self._problem(node, path, f"unsupported tag '{node.tag}'; remove it")
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _MERGE_TAG:
                self._problem(
                    key_node, path, "merge keys (<<) are not supported; write the fields out"
                )
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_line:
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate key '{key}' (first at line {first_line[key]})",
                )
                continue
            first_line[key] = line
            entry_path = (*path, key)
            self.map.positions.setdefault(entry_path, _mark(key_node))
            result[key] = self.build(value_node, entry_path, in_alias=in_alias, depth=depth + 1)
        return result


def build(node: yaml.Node) -> tuple[Any, SourceMap, list[Problem]]:
    """Build the value of a composed YAML document; return it, its source map and problems."""
    builder = _Builder()
    builder.map.positions[()] = _mark(node)
    try:
        value = builder.build(node, ())
    except _Refused as refused:
        return None, builder.map, [*builder.problems, refused.problem]
    return value, builder.map, builder.problems
