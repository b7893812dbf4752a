"""Hold one source's excerpts, and our own text, to an archived plain-text copy of the source.

``explainer verify SOURCE_ID ARCHIVE`` checks two things and reports every problem at once, each
located as ``file:line:col``:

1. every excerpt of the source occurs verbatim in the archived copy, once curly quotes and
   apostrophes are made straight and all runs of whitespace are collapsed to one space;
2. none of our own text shares a run of ``RUN_LENGTH`` (8) or more consecutive words with the
   archived copy. "Our own text" is every text field of every record except the source's words
   (quote texts, excerpt texts, the source's headline, publisher and url, and a date basis's
   ``words``) and ids, plus every line of ``content/**/*.md`` except ``[[kind:id]]`` references
   (the renderer expands those, e.g. to a quote's text). Words are compared case-insensitively,
   with accents folded (``François`` matches the source's ``Francois``) and the same quote
   normalisation; a run never crosses a reference, a quotation or a blank line.

A passage of our own text between double quotation marks (``"..."``, ``“...”``, ``«...»``, on
one line or across the lines of one paragraph) is a quotation: it may match the source word for
word, and then it must be verbatim in the archived copy. A quotation that shares a run of
``RUN_LENGTH`` words with the source but is not found verbatim in it (case aside; ``...`` or
``…`` for words left out) is reported; one that shares no such run quotes another source, which
this check does not read. Single quotation marks are apostrophes here, never quotation marks; a
mark that is never closed in its paragraph quotes nothing.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import yaml
from pydantic import BaseModel

from generator.outputs.search import fold_text
from generator.read.contentfiles import walk_content
from generator.read.datafile import Missing, Unreadable, read_bounded
from generator.read.diagnostics import DataError, Diagnostic, format_loc
from generator.read.loader import display_path, load_story
from generator.read.verbatim import normalise
from generator.schema.kinds import StoryData
from generator.schema.model import SLUG_PATTERN
from generator.tools.passages import WORD, Passages, Word, fold, passages, verbatim

RUN_LENGTH = 8
"""Shared runs of this many consecutive words or more are reported."""

DataPath = tuple[str | int, ...]

_SLUG = re.compile(SLUG_PATTERN)

# Fields that hold the source's own words (or its metadata), not ours: (model name, field name).
_SOURCE_WORDS = frozenset(
    {
        ("Quote", "text"),
        ("Excerpt", "text"),
        ("Source", "headline"),
        ("Source", "publisher"),
        ("Source", "url"),
        ("DateBasis", "words"),
    }
)


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text``, accents folded, after :func:`normalise`."""
    return WORD.findall(fold_text(normalise(text).lower()))


def shared_runs(tokens: list[str], source_grams: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Maximal runs ``(start, end)`` (end exclusive) of ``tokens`` of at least ``RUN_LENGTH``
    words that also occur, word for word, in the text ``source_grams`` was made from."""
    runs: list[tuple[int, int]] = []
    i = 0
    last_start = len(tokens) - RUN_LENGTH
    while i <= last_start:
        if tuple(tokens[i : i + RUN_LENGTH]) not in source_grams:
            i += 1
            continue
        j = i
        while j + 1 <= last_start and tuple(tokens[j + 1 : j + 1 + RUN_LENGTH]) in source_grams:
            j += 1
        runs.append((i, j + RUN_LENGTH))
        i = j + RUN_LENGTH
    return runs


def _grams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN_LENGTH]) for i in range(len(tokens) - RUN_LENGTH + 1)}


def _run_message(run_words: list[str], archive: Path) -> str:
    return f"shares {len(run_words)} consecutive words with {archive}: {' '.join(run_words)!r}"


# --- where values are in the YAML files --------------------------------------------------------


@dataclass(frozen=True)
class _Marks:
    """Where the values of one YAML file are."""

    at: dict[DataPath, tuple[int, int]]
    """Path -> 1-based (line, col): a text at its value (a block scalar ``>-`` at its indicator,
    on its key's line); a list or mapping under a key at that key."""
    words: dict[DataPath, list[Word]]
    """Path of a text -> the words of the text as written in the file, where each is."""


def _yaml_marks(path: Path, project: Path) -> _Marks:
    marks = _Marks({}, {})
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        text = read_bounded(path, within=project).decode("utf-8")
        root = yaml.compose(text, Loader=loader)
    except (Unreadable, UnicodeDecodeError, yaml.YAMLError):
        return marks  # load_story has already reported anything wrong with the file
    lines = text.splitlines()

    def written_words(node: yaml.ScalarNode) -> list[Word]:
        first, last = node.start_mark.line, node.end_mark.line
        found: list[Word] = []
        for number in range(first, min(last, len(lines) - 1) + 1):
            line = lines[number]
            begin = node.start_mark.column if number == first else 0
            stop = node.end_mark.column if number == last else len(line)
            for match in WORD.finditer(fold(line[begin:stop])):
                found.append(Word(match.group(), number + 1, begin + match.start() + 1))
        return found

    def visit(node: yaml.Node, at: DataPath, depth: int, where: yaml.Node) -> None:
        marks.at[at] = (where.start_mark.line + 1, where.start_mark.column + 1)
        if depth > 100:
            return
        if isinstance(node, yaml.ScalarNode):
            marks.words[at] = written_words(node)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    mark = value if isinstance(value, yaml.ScalarNode) else key
                    visit(value, (*at, str(key.value)), depth + 1, mark)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, (*at, index), depth + 1, item)

    if root is not None:
        visit(root, (), 0, root)
    return marks


class _Locator:
    """Finds the file, line and column of a value of the loaded data."""

    def __init__(self, data_dir: Path, project: Path) -> None:
        self.data_dir = data_dir
        self.project = project
        self._marks: dict[str, _Marks] = {}

    def file(self, at: DataPath) -> Path:
        return self.data_dir / f"{at[0]}.yaml"

    def __call__(
        self, at: DataPath, message: str, word: int = 0, tokens: list[str] | None = None
    ) -> Diagnostic:
        """A diagnostic at the value ``at``; or at its ``word``-th word, when the words as
        written in the file are the value's ``tokens`` (escapes can make them differ)."""
        kind = str(at[0])
        if kind not in self._marks:
            self._marks[kind] = _yaml_marks(self.file(at), self.project)
        marks = self._marks[kind]
        # The value itself, or failing that the nearest enclosing value that was written down.
        for end in range(len(at), 0, -1):
            if at[:end] in marks.at:
                line, col = marks.at[at[:end]]
                break
        else:
            line, col = 1, 1
        written = marks.words.get(at, [])
        if tokens is not None and [w.text for w in written] == tokens:
            line, col = written[word].line, written[word].col
        return Diagnostic(display_path(self.file(at)), line, col, format_loc(at), message)


# --- our own text ------------------------------------------------------------------------------


def _own_texts(value: object, at: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Every text of our own under ``value``: ``(path, text)``."""
    if isinstance(value, BaseModel):
        model = type(value).__name__
        for name in type(value).model_fields:
            if (model, name) not in _SOURCE_WORDS:
                yield from _own_texts(getattr(value, name), (*at, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _own_texts(item, (*at, index))
    elif isinstance(value, str) and not isinstance(value, Enum) and not _SLUG.match(value):
        yield at, value


def _data_texts(data: StoryData) -> Iterator[tuple[DataPath, str]]:
    for name in type(data).model_fields:
        yield from _own_texts(getattr(data, name), (name,))


# --- the command -------------------------------------------------------------------------------


class NothingVerified(DataError):
    """The story's data has problems: no source was held to its archive."""

    def report(self) -> str:
        return (
            f"{super().report()}\nnothing was verified: the story's data has problems (above); "
            "fix them and run explainer verify again"
        )


def _load(data_dir: Path, project: Path) -> StoryData:
    try:
        return load_story(data_dir, project=project)
    except DataError as error:
        raise NothingVerified(error.diagnostics) from None


def verify_source(
    source_id: str, archive: Path, data_dir: Path, content_dir: Path, root: Path | None = None
) -> str:
    """Check ``source_id``'s excerpts and all our own text against ``archive``.

    Returns a one-line summary; raises :class:`DataError` with every problem found
    (:class:`NothingVerified` when the data itself has problems). ``root``: the project folder,
    which no data or content file may lead out of (default: the data folder's parent);
    ``archive``, named by the caller, may be anywhere, but it must be a regular file.
    """
    root = data_dir.parent if root is None else root
    data = _load(data_dir, root)
    locate = _Locator(data_dir, root)
    index = next((i for i, s in enumerate(data.sources) if s.id == source_id), None)
    if index is None:
        known = ", ".join(repr(s.id) for s in data.sources) or "none"
        raise DataError(
            [locate(("sources",), f"no source with id {source_id!r} (known sources: {known})")]
        )
    problems, summary = _verify(data, index, _Archive(archive, None), locate, content_dir)
    if problems:
        raise DataError(problems)
    return summary


def verify_all(data_dir: Path, content_dir: Path, root: Path) -> str:
    """Check every source against its archived copy, in one run: ``archive`` of each source
    (relative to ``root``, the project folder, and inside it), else ``archive/<id>.txt``.

    Returns one summary line per source; raises :class:`DataError` with every problem found
    (:class:`NothingVerified` when the data itself has problems).
    """
    data = _load(data_dir, root)
    locate = _Locator(data_dir, root)
    problems: list[Diagnostic] = []
    summaries: list[str] = []
    for index, source in enumerate(data.sources):
        archive = _Archive(root / (source.archive or f"archive/{source.id}.txt"), root)
        found, summary = _verify(data, index, archive, locate, content_dir)
        problems += found
        summaries.append(summary)
    if problems:
        raise DataError(problems)
    return "\n".join(summaries)


@dataclass(frozen=True)
class _Archive:
    """An archived copy and the folder it must not lead out of (None: named by the user)."""

    path: Path
    within: Path | None

    def read(self) -> str:
        """Its text; raises :class:`Unreadable` (a pipe, a device, a link out of the project,
        a file over 2 MiB: never read, never waited on) or :class:`UnicodeDecodeError`."""
        try:
            raw = read_bounded(self.path, within=self.within)
        except Missing:
            raise Unreadable(os.strerror(errno.ENOENT)) from None
        return raw.decode("utf-8")


def _verify(
    data: StoryData, index: int, source_archive: _Archive, locate: _Locator, content_dir: Path
) -> tuple[list[Diagnostic], str]:
    source = data.sources[index]
    source_id = source.id
    archive = source_archive.path
    try:
        archived = source_archive.read()
    except (Unreadable, UnicodeDecodeError) as error:
        reason = error.message if isinstance(error, Unreadable) else str(error)
        return [Diagnostic(str(archive), 1, 1, "", f"cannot read the archived copy: {reason}")], ""

    problems: list[Diagnostic] = []
    haystack = normalise(archived)
    for number, excerpt in enumerate(source.excerpts):
        if normalise(excerpt.text) not in haystack:
            problems.append(
                locate(
                    ("sources", index, "excerpts", number, "text"),
                    f"excerpt {excerpt.id!r} of {source_id!r} not found verbatim in {archive}",
                )
            )

    check = _Checker(archive, _grams(words(archived)), normalise(archived).casefold())
    for at, text in _data_texts(data):
        found = passages(text)
        tokens = [w.text for w in found.words]
        for word_index, message in check(found):
            problems.append(locate(at, message, word_index, tokens))

    content = walk_content(content_dir, locate.project, display_root=Path.cwd())
    problems += content.problems
    for rel, page in sorted(content.files.items()):
        if not rel.endswith(".md"):
            continue
        try:
            text = read_bounded(page, within=locate.project).decode("utf-8")
        except (Unreadable, UnicodeDecodeError) as error:
            reason = error.message if isinstance(error, Unreadable) else str(error)
            problems.append(Diagnostic(content.label(rel), 1, 1, "", f"cannot read: {reason}"))
            continue
        found = passages(text)
        for word_index, message in check(found):
            word = found.words[word_index]
            problems.append(Diagnostic(content.label(rel), word.line, word.col, "", message))

    count = len(source.excerpts)
    summary = (
        f"{source_id}: {count} excerpt{'s' if count != 1 else ''} found verbatim; "
        f"no run of {RUN_LENGTH}+ words shared with our text"
    )
    if check.quoted:
        n = check.quoted
        summary += f" outside {n} quotation{'s' if n != 1 else ''} of it, found verbatim"
    return problems, summary


class _Checker:
    """Our text against one archived source: the run rule outside quotations, and quotations
    that share a run with the source held to be verbatim in it."""

    def __init__(self, archive: Path, grams: set[tuple[str, ...]], haystack: str) -> None:
        self.archive = archive
        self.grams = grams
        self.haystack = haystack
        self.quoted = 0
        """Quotations of ``RUN_LENGTH``+ words found verbatim (the run rule would flag them)."""

    def __call__(self, text: Passages) -> Iterator[tuple[int, str]]:
        """(index of the word to point at, message) of each problem."""
        tokens = [w.text for w in text.words]
        for stretch in text.stretches:
            run_tokens = [tokens[i] for i in stretch]
            for start, end in shared_runs(run_tokens, self.grams):
                yield stretch[start], _run_message(run_tokens[start:end], self.archive)
        for quotation, written in text.quotations:
            quoted = [tokens[i] for i in quotation.words]
            runs = shared_runs(quoted, self.grams)
            if verbatim(written, self.haystack):
                self.quoted += len(quoted) >= RUN_LENGTH
            elif runs:
                longest = max(end - start for start, end in runs)
                shown = normalise(written)
                message = (
                    f"quotation not verbatim in {self.archive}: {shown!r} "
                    f"(it shares {longest} consecutive words with it)"
                )
                yield quotation.words[0], message
