"""YAML nodes -> Python values, remembering where each value came from.

``build(node)`` turns a node tree from ``yaml.compose`` into plain dicts, lists and scalars and
records, for every mapping entry and sequence item, its 1-based ``(line, col)``:
``{("quotes", 2, "speaker"): (14, 5)}``. A mapping entry is located at its key (that is where
an editor looks for ``speaker:``); a sequence item at the item itself.

Rules, each reported as a :class:`Problem` (the caller adds the file):

- keys are plain text: a key is taken as written (``no:`` is the key ``'no'``), and a key that is
  a list or mapping is an error;
- a key given twice is an error that names both lines;
- merge keys (``<<``) and tags other than YAML's own ``!!str``, ``!!int``, ``!!float``,
  ``!!bool``, ``!!null`` and ``!!timestamp`` are errors (``!!binary`` too: no field holds bytes);
- a scalar with an explicit tag must read as that type the way YAML would read it untagged
  (``!!bool maybe`` is an error, ``!!int "12"`` is 12), so PyYAML's ``SafeConstructor`` only ever
  sees values it can build; whatever it still refuses (an impossible date such as
  ``2015-02-30``, a whole number with more than 4,300 digits) is an error at its place, and so is
  a whole number beyond ``MAX_INT_BITS`` bits;
- every string, value or key, passes :func:`generator.read.texthygiene.first_problem` (bidirectional
  controls, invisible characters ...), located at the character itself when it is written as is;
- aliases are allowed, but a file whose aliases expand to more than ``MAX_ALIAS_NODES`` nodes or
  ``MAX_ALIAS_CHARS`` characters of text, or an alias that refers to the node that contains it,
  is refused (the "billion laughs" defence: counted by what the aliases expand to, so 5,000
  aliases of one 200 KB string are refused at the sixth); nesting deeper than ``MAX_DEPTH`` is
  refused too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.read.datehints import impossible_date
from generator.read.diagnostics import format_loc, show
from generator.read.texthygiene import first_problem

Path = tuple[str | int, ...]
"""A place in the data: ``("quotes", 2, "speaker")``."""

Mark = tuple[int, int]
"""1-based ``(line, col)``."""

MAX_NODES = 100_000
"""Nodes (values, lists, mappings) one file may hold as written: about 300 times the largest
shipped file (324; 96,000 in a 1.8 MB file of a story 300 times the shipped one). 2 MiB of
``[a,a,a,...`` would be a million: a minute and gigabytes to load; 100,000 invalid ones take
about 3 seconds."""
MAX_ALIAS_NODES = 10_000
MAX_ALIAS_CHARS = 1_000_000
"""Characters of text (scalars and keys) that aliases may add to a file, all aliases together."""
MAX_DEPTH = 100
MAX_INT_BITS = 1024
"""A whole number must be below 2**1024 in size (the range of a float): rendering a larger one as
decimal digits is slow or refused by Python."""

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_YAML_TAG = "tag:yaml.org,2002:"
_STR_TAG = f"{_YAML_TAG}str"
_TIMESTAMP_TAG = f"{_YAML_TAG}timestamp"
_INT_TAG = f"{_YAML_TAG}int"
_SCALAR_TAGS = frozenset(
    f"{_YAML_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_EXPECTED = {
    f"{_YAML_TAG}int": "a whole number",
    f"{_YAML_TAG}float": "a number",
    f"{_YAML_TAG}bool": "true or false",
    f"{_YAML_TAG}null": "no value (null or ~)",
    f"{_YAML_TAG}timestamp": "a date (YYYY-MM-DD) or a date and time",
}
"""What the value of each non-text tag must look like, for messages."""


def _implicit_patterns() -> dict[str, re.Pattern[str]]:
    """Tag -> the pattern by which YAML reads an untagged plain scalar as that tag."""
    patterns: dict[str, re.Pattern[str]] = {}
    for resolvers in Resolver.yaml_implicit_resolvers.values():
        for tag, pattern in resolvers:
            patterns.setdefault(tag, pattern)
    return {tag: patterns[tag] for tag in _EXPECTED}


_IMPLICIT = _implicit_patterns()


def tag_text(tag: str) -> str:
    """A tag as an editor writes it: ``tag:yaml.org,2002:bool`` -> ``!!bool``."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


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
    def __init__(self, text: str | None) -> None:
        self.map = SourceMap()
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()
        self._text = text
        self._seen: set[int] = set()
        self._active: set[int] = set()
        self._expanded = 0
        self._expanded_chars = 0

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
                message = f"aliases expand beyond {MAX_ALIAS_NODES} nodes"
                raise _Refused(Problem(*_mark(node), path, message))
            if isinstance(node, yaml.ScalarNode):
                self._spend(node, path, len(node.value))
        if depth > MAX_DEPTH:
            raise _Refused(Problem(*_mark(node), path, f"nested deeper than {MAX_DEPTH} levels"))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path, in_alias)
        self._active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return self._sequence(node, path, in_alias, depth)
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, in_alias, depth)
        finally:
            self._active.discard(key)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _spend(self, node: yaml.Node, path: Path, chars: int) -> None:
        """Count text that an alias adds; refuse the file past ``MAX_ALIAS_CHARS``."""
        self._expanded_chars += chars
        if self._expanded_chars > MAX_ALIAS_CHARS:
            message = f"aliases expand beyond {MAX_ALIAS_CHARS:,} characters"
            raise _Refused(Problem(*_mark(node), path, message))

    def _problem(self, node: yaml.Node, path: Path, message: str) -> None:
        self.problems.append(Problem(*_mark(node), path, message))

    def _scalar(self, node: yaml.ScalarNode, path: Path, in_alias: bool) -> Any:
        quoted = node.style in ("'", '"', "|", ">")
        self.map.scalars[path] = Scalar(node.value, quoted, node.tag)
        tag = node.tag
        if tag == _STR_TAG:
            if not in_alias:  # through an alias: checked, and reported, where it is written
                self._hygiene(node, path, node.value)
            return node.value
        if tag not in _SCALAR_TAGS:
            self._problem(node, path, f"unsupported tag {show(tag_text(tag))}; remove it")
            return None
        expected = _EXPECTED[tag]
        if not _IMPLICIT[tag].match(node.value):  # only an explicit tag gets here
            self._problem(node, path, f"{tag_text(tag)} needs {expected}, got {show(node.value)}")
            return None
        try:
            value = _SCALAR_CONSTRUCTORS[tag](self._constructor, node)
        except Exception:  # ValueError (2015-02-30, 5,000 digits) or a constructor's own slip
            if tag == _TIMESTAMP_TAG:
                self._problem(node, path, impossible_date(node.value))
            elif tag == _INT_TAG and len(node.value) > MAX_INT_BITS:  # Python's 4,300 digits
                self._problem(node, path, f"{show(node.value)} is too large for a number")
            else:
                self._problem(node, path, f"cannot read {show(node.value)} as {expected}")
            return None
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            self._problem(node, path, f"{show(node.value)} is too large for a number")
            return None
        return value

    def _hygiene(self, node: yaml.Node, path: Path, text: str) -> None:
        """Report the first character :mod:`generator.read.texthygiene` refuses, where it is."""
        found = first_problem(text)
        if found is not None:
            index, message = found
            self.problems.append(Problem(*self._char_mark(node, text, index), path, message))

    def _char_mark(self, node: yaml.Node, text: str, index: int) -> Mark:
        """Where ``text[index]`` is written, if it is written as is (not as an escape)."""
        start, end = node.start_mark.index, node.end_mark.index
        char = text[index]
        if self._text is None or self._text.count(char, start, end) != text.count(char):
            return _mark(node)
        offset = start - 1
        for _ in range(text.count(char, 0, index) + 1):
            offset = self._text.index(char, offset + 1, end)
        breaks = self._text.count("\n", start, offset)
        if breaks == 0:
            return (node.start_mark.line + 1, node.start_mark.column + 1 + offset - start)
        line_start = self._text.rindex("\n", start, offset) + 1
        return (node.start_mark.line + 1 + breaks, offset - line_start + 1)

    def _sequence(self, node: yaml.SequenceNode, path: Path, in_alias: bool, depth: int) -> Any:
        if node.tag != _SEQ_TAG:
            message = f"unsupported tag {show(tag_text(node.tag))} on a list; remove it"
            self._problem(node, path, message)
        items: list[Any] = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            self.map.positions.setdefault(item_path, _mark(item))
            items.append(self.build(item, item_path, in_alias=in_alias, depth=depth + 1))
        return items

    def _mapping(self, node: yaml.MappingNode, path: Path, in_alias: bool, depth: int) -> Any:
        if node.tag != _MAP_TAG:
            message = f"unsupported tag {show(tag_text(node.tag))} on a mapping; remove it"
            self._problem(node, path, message)
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
            if in_alias:
                self._spend(key_node, path, len(key))
            line = key_node.start_mark.line + 1
            if key in first_line:
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate key {show(key)} (first at line {first_line[key]})",
                )
                continue
            first_line[key] = line
            entry_path = (*path, key)
            if not in_alias:
                self._hygiene(key_node, entry_path, key)
            self.map.positions.setdefault(entry_path, _mark(key_node))
            result[key] = self.build(value_node, entry_path, in_alias=in_alias, depth=depth + 1)
        return result


_NODE_STARTS = (",", ":", "-", "?", "[", "{", "\n", "\r", "\x85", "\u2028", "\u2029")
"""Every node but the first follows one of these (an indicator or a line break)."""


def too_many_nodes(text: str) -> Mark | None:
    """Where the node past ``MAX_NODES`` starts, or None if ``text`` has no more nodes.

    Counted with libyaml's parser (events, not objects kept), and only when a quick count of
    the characters a node can follow allows more than ``MAX_NODES`` (most files: not at all).
    """
    if 2 * sum(text.count(char) for char in _NODE_STARTS) + 2 <= MAX_NODES:
        return None
    count = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent):
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    except yaml.YAMLError:
        return None  # composing reports the syntax error where it is
    return None


def build(node: yaml.Node, text: str | None = None) -> tuple[Any, SourceMap, list[Problem]]:
    """Build the value of a composed YAML document; return it, its source map and problems.

    ``text``, the document the node was composed from, lets a refused character be located at
    itself rather than at the start of its value.
    """
    builder = _Builder(text)
    builder.map.positions[()] = _mark(node)
    try:
        value = builder.build(node, ())
    except _Refused as refused:
        return None, builder.map, [*builder.problems, refused.problem]
    return value, builder.map, builder.problems
