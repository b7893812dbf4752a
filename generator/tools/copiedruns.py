"""The run rule of ``explainer verify``: our own text against one archived source.

Words are compared case-insensitively, accents folded; a run of :data:`RUN_LENGTH` words or
more shared with the source is copied prose, unless it is a quotation found verbatim in it
(:mod:`generator.tools.verify` says what is our own text and where each text is).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.outputs.search import fold_text
from generator.read.verbatim import normalise
from generator.tools.passages import WORD, Names, Passages, verbatim

__all__ = ["RUN_LENGTH", "RunChecker", "grams", "run_message", "shared_runs", "words"]

RUN_LENGTH = 8
"""Shared runs of this many consecutive words or more are reported."""


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


def grams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + RUN_LENGTH]) for i in range(len(tokens) - RUN_LENGTH + 1)}


def run_message(run_words: list[str], archive: Path) -> str:
    return f"shares {len(run_words)} consecutive words with {archive}: {' '.join(run_words)!r}"


class RunChecker:
    """Our text against one archived source: the run rule outside quotations, and quotations
    that share a run with the source held to be verbatim in it."""

    def __init__(
        self, archive: Path, grams: set[tuple[str, ...]], haystack: str, names: Names
    ) -> None:
        self.archive = archive
        self.grams = grams
        self.haystack = haystack
        self.names = names
        self.quoted = 0
        """Quotations of ``RUN_LENGTH``+ words found verbatim (the run rule would flag them)."""

    def __call__(self, text: Passages) -> Iterator[tuple[int, str]]:
        """(index of the word to point at, message) of each problem."""
        tokens = [w.text for w in text.words]
        for stretch in text.stretches:
            prose = self.names.prose(tokens, stretch)  # a player's name is no prose
            run_tokens = [tokens[i] for i in prose]
            for start, end in shared_runs(run_tokens, self.grams):
                first, last = stretch.index(prose[start]), stretch.index(prose[end - 1])
                words = [tokens[i] for i in stretch[first : last + 1]]  # names in it too
                yield prose[start], run_message(words, self.archive)
        for quotation, written in text.quotations:
            quoted = [tokens[i] for i in quotation.words]
            prose = self.names.prose(tokens, quotation.words)
            runs = shared_runs([tokens[i] for i in prose], self.grams)
            if verbatim(written, self.haystack):
                self.quoted += len(quoted) >= RUN_LENGTH
            elif runs:
                where = quotation.words.index
                longest = max(
                    where(prose[end - 1]) - where(prose[start]) + 1 for start, end in runs
                )
                shown = normalise(written)
                message = (
                    f"quotation not verbatim in {self.archive}: {shown!r} "
                    f"(it shares {longest} consecutive words with it)"
                )
                yield quotation.words[0], message
