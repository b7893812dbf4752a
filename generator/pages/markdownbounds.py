"""What a hand-written page may hold so that Markdown's work on it stays bounded, and its inline
code spans found in one pass.

Python-Markdown (and so both engines) does work that grows faster than a page's length on some
text, measured here on 2 cores:

- every inline match rebuilds its paragraph's text, so a paragraph's work grows with the square
  of its length when it is dense with entities, emphasis or escapes: a paragraph has at most
  :data:`PARAGRAPH_MAX` characters;
- each ``[`` is followed to its matching ``]`` (by each of the link, image and reference
  processors), or to the end of the paragraph when there is none: 5,000 unclosed ``[`` took
  4.3 s, 20,000 minutes; each tag opener (``<`` and a letter, ``/``, ``!`` or ``?``) is followed
  to the next ``>`` of the page by the HTML parser: 3,000 unclosed ``<a `` took 3.4 s. How far
  all these searches reach is counted exactly, in one pass, and a page may make them reach
  :data:`SCAN_BUDGET` characters in all (about a second at worst; a real page of 1,200
  references reaches under 100,000).

A line of 120,000 backticks used to hang ``explainer check`` itself, in a regular expression
that looked for code spans by backtracking; :func:`code_spans` walks the backtick runs once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from generator.read.diagnostics import Diagnostic

__all__ = ["PARAGRAPH_MAX", "SCAN_BUDGET", "code_spans", "markdown_bounds"]

PARAGRAPH_MAX = 20_000
"""The most characters of a paragraph (lines without a blank one between them): about 3,000
words. A paragraph dense with escapes takes Markdown 0.05 s at this length, 1 s at 160,000."""

SCAN_BUDGET = 3_000_000
"""How many characters in all Markdown may have to look through, on one page, for the ends of
its square brackets and tags."""

_RUN = re.compile(r"`+")
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)  # an escaped character, or a bracket
_TAG_OPENER = re.compile(r"<[A-Za-z/!?]")
_TAG_CLOSER = re.compile(">")


def code_spans(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each inline code span of ``line``: a run of backticks up to the next
    run of as many (a run without one is plain text). Each run is looked at a bounded number of
    times, whatever the line holds."""
    runs = [(m.start(), m.end()) for m in _RUN.finditer(line)]
    by_length: dict[int, list[int]] = {}  # run length -> the runs of that length, in order
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    seen = dict.fromkeys(by_length, 0)  # per length: how many of its runs lie behind us
    spans: list[tuple[int, int]] = []
    number = 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[end - start]
        at = seen[end - start]
        while at < len(same) and same[at] <= number:
            at += 1
        seen[end - start] = at
        if at < len(same):
            spans.append((start, runs[same[at]][1]))
            number = same[at] + 1
        else:
            number += 1
    return spans


def _paragraphs(lines: list[str]) -> Iterator[tuple[int, int, int]]:
    """(first line number, offset in the text, length) of each run of non-blank lines, its
    lines joined by one line break each."""
    offset = 0
    first: int | None = None
    begin = length = 0
    for number, line in enumerate(lines):
        if line.strip():
            if first is None:
                first, begin, length = number, offset, 0
            else:
                length += 1  # the line break between two lines
            length += len(line.rstrip("\r\n"))
        elif first is not None:
            yield first, begin, length
            first = None
        offset += len(line)
    if first is not None:
        yield first, begin, length


def _bracket_reach(text: str, begin: int, length: int) -> Iterator[tuple[int, int]]:
    """(offset of a '[', how far the search for its ']' reaches) for the paragraph at
    ``begin``: to its matching ']', or to the paragraph's end. Code spans and escaped brackets
    are left out, as Markdown reads them first."""
    end = begin + length
    spans = [
        (line_start + start, line_start + stop)
        for line_start, line_end in _line_ranges(text, begin, end)
        for start, stop in code_spans(text[line_start:line_end])
    ]
    span = 0
    open_at: list[int] = []
    for match in _BRACKET.finditer(text, begin, end):
        position = match.start()
        while span < len(spans) and spans[span][1] <= position:
            span += 1
        if match.group() in ("[", "]") and not (span < len(spans) and spans[span][0] <= position):
            if match.group() == "[":
                open_at.append(position)
            elif open_at:
                opened = open_at.pop()
                yield opened, position - opened
    for opened in open_at:
        yield opened, end - opened - 1


def _line_ranges(text: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    start = begin
    while start < end:
        stop = text.find("\n", start, end)
        stop = end if stop == -1 else stop
        yield start, stop
        start = stop + 1


def _tag_reach(text: str) -> Iterator[tuple[int, int]]:
    """(offset of a tag opener, how far the search for its '>' reaches): to the next '>' of the
    page, or to its end."""
    closers = [m.start() for m in _TAG_CLOSER.finditer(text)]
    after = 0
    for opener in _TAG_OPENER.finditer(text):
        after = bisect.bisect_right(closers, opener.start(), lo=after)
        close = closers[after] if after < len(closers) else len(text)
        yield opener.start(), close - opener.start() - 1


def markdown_bounds(text: str, label: str) -> list[Diagnostic]:
    """Every paragraph over :data:`PARAGRAPH_MAX` of the page ``text`` (named ``label`` in the
    messages), and one line when its brackets and tags reach beyond :data:`SCAN_BUDGET`."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for each in lines:
        starts.append(starts[-1] + len(each))

    def where(offset: int) -> tuple[int, int]:
        number = bisect.bisect_right(starts, offset) - 1
        return number + 1, offset - starts[number] + 1

    problems: list[Diagnostic] = []
    total = 0
    worst = (-1, 0)  # (reach, -offset): the first of the farthest-reaching openers
    for first, begin, length in _paragraphs(lines):
        if length > PARAGRAPH_MAX:
            message = f"this paragraph is {length:,} characters long; at most {PARAGRAPH_MAX:,}"
            problems.append(Diagnostic(label, first + 1, 1, "", f"{message}: split it"))
        for opened, reach in _bracket_reach(text, begin, length):
            total += reach
            worst = max(worst, (reach, -opened))
    for opened, reach in _tag_reach(text):
        total += reach
        worst = max(worst, (reach, -opened))
    if total > SCAN_BUDGET:
        line, col = where(-worst[1])
        message = (
            f"the square brackets and tags from here make Markdown look through {total:,} "
            f"characters for where they close (a page may make it look through "
            f"{SCAN_BUDGET:,}): close each '[' with ']' and each tag with '>', or write \\[ "
            "and &lt;"
        )
        problems.append(Diagnostic(label, line, col, "", message))
    return problems
