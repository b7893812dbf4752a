"""Diagnostics: one problem in the data, said with where it is; one error carrying them all.

Every message is made one line and short here, in one place, whoever wrote it: a
:class:`Diagnostic` escapes line breaks, control and invisible characters (``'first
line\\nsecond line'``), cuts a quoted value longer than ``MAX_VALUE_CHARS`` to its start and its
length (``'aaaa…' (1,048,576 characters)``), and cuts what is still longer than
``MAX_MESSAGE_CHARS``. :func:`show` quotes a value that way for a message.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

MAX_VALUE_CHARS = 80
"""A quoted value longer than this is shown by its first ``SHOWN_CHARS`` and its length."""
SHOWN_CHARS = 50
MAX_MESSAGE_CHARS = 1_000
"""A message (or field location) still longer than this after cutting values is cut itself."""
MAX_PROBLEMS_PER_FILE = 1_000
"""More problems than this in one file are not shown: one line says so instead."""

_UNPRINTABLE = re.compile(
    # Control characters, line and paragraph separators, format (invisible) characters, and the
    # spaces that are not U+0020: Unicode categories Cc, Zl, Zp, Cf and Zs but for the space
    # (tests/test_hostile_input.py holds this to unicodedata).
    "[\x00-\x1f\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u1680"
    "\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_QUOTED = re.compile(r"'(?:[^']|'')*'")


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: str) -> str:
    """``text`` with line breaks, control and invisible characters and odd spaces written as
    ``\\n``, ``\\x00``, ``\\u202e``, ``\\xa0``: one line, and nothing hidden."""
    return _UNPRINTABLE.sub(_escape_one, text)


def show(value: str) -> str:
    """``value`` for a message: single-quoted as YAML writes it, escaped, long values cut."""
    if len(value) > MAX_VALUE_CHARS:
        cut = value[:SHOWN_CHARS].replace("'", "''")
        return f"'{escape(cut)}…' ({len(value):,} characters)"
    return "'" + escape(value.replace("'", "''")) + "'"


def _cut_quoted(match: re.Match[str]) -> str:
    quoted = match.group()
    if len(quoted) <= MAX_VALUE_CHARS + 2:
        return quoted
    return show(quoted[1:-1].replace("''", "'"))


def one_line(text: str) -> str:
    """``text`` as one short line: quoted values cut (:func:`show`), the rest escaped and cut."""
    if "'" in text:
        text = _QUOTED.sub(_cut_quoted, text)
    text = escape(text)
    if len(text) > MAX_MESSAGE_CHARS:
        text = f"{text[: MAX_MESSAGE_CHARS - 100]}… (cut from {len(text):,} characters)"
    return text


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as ``file:line:col`` (1-based) with a readable field location.

    ``file``, ``loc`` and ``message`` are made one short line on creation (:func:`one_line`), so
    every way of showing a diagnostic (the command, the log, the error page) gets the same.
    """

    file: str
    line: int
    col: int
    loc: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", escape(self.file))
        object.__setattr__(self, "loc", one_line(self.loc))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.loc}: {self.message}" if self.loc else f"{where}: {self.message}"


def _order(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    """The dataclass order as a key: sorting 100,000 diagnostics by it is ten times faster."""
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.loc, diagnostic.message)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Without duplicates, by file, line, column, field and message."""
    return sorted(set(diagnostics), key=_order)


def _too_many_message(limit: int) -> str:
    return f"more problems in this file than the {limit:,} shown; fix these and check again"


def too_many(file: str, limit: int = MAX_PROBLEMS_PER_FILE) -> Diagnostic:
    """The line that stands for the problems of ``file`` beyond the first ``limit``."""
    return Diagnostic(file, 1, 1, "", _too_many_message(limit))


def cap_per_file(
    diagnostics: Iterable[Diagnostic], limit: int = MAX_PROBLEMS_PER_FILE
) -> list[Diagnostic]:
    """Sorted (:func:`sort_diagnostics`), at most ``limit`` per file, plus :func:`too_many`
    for each file that has more; a file's earlier :func:`too_many` line counts as more."""
    said_too_many = _too_many_message(limit)
    out: list[Diagnostic] = []
    kept: dict[str, int] = {}
    over: set[str] = set()
    for diagnostic in sort_diagnostics(diagnostics):
        if diagnostic.message == said_too_many or kept.get(diagnostic.file, 0) >= limit:
            over.add(diagnostic.file)
        else:
            kept[diagnostic.file] = kept.get(diagnostic.file, 0) + 1
            out.append(diagnostic)
    return sort_diagnostics([*out, *(too_many(file, limit) for file in over)])


WARNING = "warning"
"""A warning is a :class:`Diagnostic` whose ``loc`` is this: ``file:line:col: warning: ...``
(``explainer check`` exits 0 on warnings alone; ``--strict`` and ``mkdocs build --strict``
count them)."""


def warning(file: str, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(file, line, col, WARNING, message)


class DataError(Exception):
    """Raised once, after every problem of a run was collected; sorted by file and line."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sort_diagnostics(diagnostics)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        count = len(lines)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found")
        return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the candidate closest to ``word``, or ``''`` if none is
    close (:func:`difflib.get_close_matches`, default cutoff). For a short, fixed list (field
    names, enum values); a story's ids go through :class:`Suggestions`."""
    match = difflib.get_close_matches(word, list(candidates), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


SUGGESTION_BUDGET = 300_000
"""How many (unknown id, candidate) pairs one run may compare for "did you mean": about a
second. Comparing each unknown reference with every id took 145 s for 5,000 unknown players
among 3,000; a typo in a real story costs a few hundred pairs."""


class Suggestions:
    """:func:`did_you_mean` for a run's unknown ids: worked out once per distinct (id, list of
    candidates), and only while the run's budget of comparisons lasts; beyond it the message
    goes without a suggestion. Each list of candidates is made once, when first needed."""

    def __init__(self, budget: int = SUGGESTION_BUDGET) -> None:
        self.left = budget
        self._said: dict[tuple[Hashable, str], str] = {}
        self._lists: dict[Hashable, list[str]] = {}

    def hint(self, word: str, group: Hashable, candidates: Callable[[], Iterable[str]]) -> str:
        """The suggestion for ``word`` among the candidates of ``group`` (``candidates()``
        lists them, called once per group)."""
        key = (group, word)
        if key not in self._said:
            if group not in self._lists:
                self._lists[group] = list(candidates())
            listed = self._lists[group]
            if len(listed) > self.left:
                self._said[key] = ""
            else:
                self.left -= len(listed)
                self._said[key] = did_you_mean(word, listed)
        return self._said[key]


def format_loc(parts: Iterable[str | int]) -> str:
    """('quotes', 2, 'speaker') -> 'quotes[2].speaker'; a long key is cut to its start."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if len(part) <= MAX_VALUE_CHARS else part[:SHOWN_CHARS] + "…"
            out += f".{name}" if out else name
    return out
