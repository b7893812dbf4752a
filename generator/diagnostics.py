"""Diagnostics: one problem in the data, said with where it is; one error carrying them all."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as ``file:line:col`` (1-based) with a readable field location."""

    file: str
    line: int
    col: int
    loc: str
    message: str

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
    """('quotes', 2, 'speaker') -> 'quotes[2].speaker'."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
