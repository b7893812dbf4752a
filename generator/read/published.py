"""The data of the last published build, and the two sides ``explainer diff`` compares.

A :class:`Side` is one version of a story as the open data holds it (``data/story.json``'s
JSON) with a way to point at each of its values (``file:line:col``): a data folder (each value
in its YAML file), or a published ``story.json`` (each value in that file). The published build
is read through a path (default ``site/data/story.json`` beside ``mkdocs.yml``: a symbolic link,
as a site swapped in atomically may be, is followed) or an http(s) address; nothing published
there yet (no file, HTTP 404) is no comparison, not a problem. :func:`compare_sides` makes the
lines of :mod:`generator.read.factdiff`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.read.checks import ValidFile
from generator.read.datafile import Missing, Unreadable, read_bounded
from generator.read.diagnostics import DataError, Diagnostic
from generator.read.factdiff import Comparison, Locate
from generator.read.loader import display_path, load
from generator.read.sourcemap import Path as DataPath
from generator.read.sourcemap import SourceMap, build
from generator.schema.kinds import STORY_FILE

__all__ = [
    "DEFAULT_PUBLISHED",
    "Published",
    "PublishedError",
    "Side",
    "compare_sides",
    "files_locator",
    "folder_side",
    "json_side",
    "published_spec",
    "read_published",
    "side_of",
]

DEFAULT_PUBLISHED = "site/data/story.json"
"""Where the published build's data is, relative to ``mkdocs.yml``: the site a build replaces."""
MAX_PUBLISHED_BYTES = 256 * 1024 * 1024
"""A published ``story.json`` larger than this is refused (the k=100 bench story's is ~5 MB)."""
TIMEOUT = 10
"""Seconds to wait for a published build at an http(s) address."""


def published_spec(setting: object, config_dir: Path) -> str | None:
    """The plugin's ``published`` setting (None: not set) as a build reads it: ``''`` compares
    with nothing (None), an http(s) address is kept, a path is made absolute from the folder of
    mkdocs.yml (so it does not depend on where the command runs)."""
    spec = DEFAULT_PUBLISHED if setting is None else str(setting)
    if not spec:
        return None
    return spec if _is_address(spec) else str((config_dir / spec).absolute())


class PublishedError(Exception):
    """The published build's data cannot be read or is not a story's: where, and why."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass
class Side:
    """One version of a story, as JSON, and where each of its values is."""

    data: dict[str, Any]
    name: str
    """How messages name it: a folder, a file, an address."""
    _locate: Locate | None = None
    _text: str | None = field(default=None, repr=False)

    def locate(self, path: DataPath) -> tuple[str, int, int]:
        if self._locate is None:  # a JSON file's marks, worked out only when a line is said
            self._locate = _json_locator(self._text or "", self.name)
        return self._locate(path)


def _is_address(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def files_locator(files: Mapping[str, ValidFile]) -> Locate:
    """Where a path of the story's JSON is in the data files that hold it."""

    def locate(path: DataPath) -> tuple[str, int, int]:
        file = files.get(str(path[0])) if path else None
        if file is None:
            file = files[STORY_FILE]
        line, col = file.sourcemap.locate(path)
        return file.display, line, col

    return locate


def _json_locator(text: str, name: str) -> Locate:
    marks = SourceMap()
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)  # JSON is YAML: its node marks
        if node is not None:
            marks = build(node, text)[1]
    except yaml.YAMLError:
        pass

    def locate(path: DataPath) -> tuple[str, int, int]:
        line, col = marks.locate(path)
        return name, line, col

    return locate


def json_side(text: str, name: str) -> Side:
    """A published ``story.json``'s text as a side; raises :class:`PublishedError`."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise PublishedError(name, f"not JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get(STORY_FILE), dict):
        raise PublishedError(name, "not a story's data/story.json (no 'story' record)")
    return Side(data, name, _text=text)


def folder_side(data_dir: Path, display_root: Path | None = None) -> Side:
    """A data folder as a side; raises :class:`DataError` with every problem of its data."""
    loaded = load(data_dir, display_root=display_root)
    if loaded.data is None or loaded.diagnostics:
        raise DataError(loaded.diagnostics)
    name = display_path(data_dir, display_root)
    return Side(loaded.data.model_dump(mode="json"), name, files_locator(loaded.files))


def read_published(spec: str, root: Path, display_root: Path | None = None) -> Side | None:
    """The published build's data at ``spec`` (a path relative to ``root``, or an http(s)
    address); None when nothing is published there yet. Raises :class:`PublishedError`."""
    if _is_address(spec):
        try:
            with urllib.request.urlopen(spec, timeout=TIMEOUT) as response:  # http(s) only
                raw = response.read(MAX_PUBLISHED_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise PublishedError(spec, f"HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", None) or error
            raise PublishedError(spec, f"cannot read it: {reason}") from None
        if len(raw) > MAX_PUBLISHED_BYTES:
            raise PublishedError(spec, f"larger than {MAX_PUBLISHED_BYTES:,} bytes")
        name = spec
    else:
        path = root / spec
        name = display_path(path, display_root)
        try:
            raw = read_bounded(path, MAX_PUBLISHED_BYTES)
        except Missing:
            return None
        except Unreadable as error:
            raise PublishedError(name, error.message) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PublishedError(name, "not UTF-8") from None
    return json_side(text, name)


class Published:
    """The published build a build compares with: read again only when its file changed (an
    address: once per object, not on every save of ``mkdocs serve``)."""

    def __init__(self, spec: str, root: Path) -> None:
        self.spec = spec
        """A path (relative to ``root``, or absolute) or an http(s) address."""
        self.root = root
        self._read: tuple[object, Side | None, str, Diagnostic | None] | None = None

    def _key(self) -> object:
        if _is_address(self.spec):
            return self.spec
        path = self.root / self.spec
        try:
            stat = path.stat()  # through a symbolic link: the site swapped in
        except OSError:
            return (str(path), None)
        return (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def read(self) -> tuple[Side | None, str, Diagnostic | None]:
        """Its data (None: nothing published there yet, or unreadable), what was read (or
        that nothing was), and why it could not be read (a warning: a silent change could
        pass unseen)."""
        key = self._key()
        if self._read is None or self._read[0] != key:
            spec, root = self.spec, self.root
            where = spec if _is_address(spec) else display_path(root / spec, root)
            side: Side | None = None
            problem = None
            try:
                side = read_published(spec, root, root)
                if side is None:
                    where = f"nothing published at {where} yet"
            except PublishedError as error:
                message = f"cannot compare with it: {error.reason}"
                problem = Diagnostic(error.where, 1, 1, "warning", message)
            self._read = (key, side, where, problem)
        return self._read[1], self._read[2], self._read[3]


def side_of(spec: str, display_root: Path | None = None) -> Side:
    """``explainer diff``'s argument as a side: a data folder, a ``story.json`` file (a
    published site's folder is read through its ``data/story.json``), or an http(s) address.
    Raises :class:`PublishedError` or :class:`DataError`."""
    if not _is_address(spec):
        path = Path(spec)
        if (path / "data" / "story.json").is_file():
            path = path / "data" / "story.json"
        elif path.is_dir():
            return folder_side(path, display_root)
        spec = str(path)
    found = read_published(spec, Path.cwd(), display_root)
    if found is None:
        raise PublishedError(spec, "nothing there")
    return found


def compare_sides(old: Side, new: Side) -> Comparison:
    """:class:`~generator.read.factdiff.Comparison` of ``new`` against ``old``, located in
    ``new``."""
    return Comparison.of(old.data, new.data, new.locate)
