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
from collections.abc import Iterable
from dataclasses import dataclass

MAX_VALUE_CHARS = 80
"""A quoted value longer than this is shown by its first ``SHOWN_CHARS`` and its length."""
SHOWN_CHARS = 50
MAX_MESSAGE_CHARS = 1_000
"""A message (or field location) still longer than this after cutting values is cut itself."""

_UNPRINTABLE = re.compile(
    # Control characters, line and paragraph separators, and format (invisible) characters:
    # Unicode categories Cc, Zl, Zp and Cf (tests/test_hostile_input.py holds this to unicodedata).
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
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
    """``text`` with line breaks, control and invisible characters written as ``\\n``,
    ``\\x00``, ``\\u202e``: one line, and nothing hidden."""
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


class DataError(Exception):
    """Raised once, after every problem of a run was collected; sorted by file and line."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sorted(set(diagnostics))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        count = len(lines)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found")
        return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the candidate closest to ``word``, or ``''`` if none is
    close (:func:`difflib.get_close_matches`, default cutoff)."""
    match = difflib.get_close_matches(word, list(candidates), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


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
