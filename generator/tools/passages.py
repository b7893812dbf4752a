"""Our own text, word by word: the stretches a copied run could span, and the quotations.

:func:`passages` reads a text (a YAML value, or a whole page of ``content/``) as words, each with
its line and column, grouped into the stretches of unquoted words a run copied from a source
could span (a ``[[kind:id]]`` reference or a blank line ends one) and the quotations: passages
between double quotation marks (``"..."``, ``“...”``, ``«...»``), on one line or across the lines
of one paragraph. Single quotation marks are apostrophes here; a mark not closed by the end of
its paragraph quotes nothing. :func:`verbatim` says whether a quotation occurs in a source.
``explainer verify`` (:mod:`generator.tools.verify`) holds both to an archived source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.outputs.search import fold_text
from generator.read.verbatim import in_order, normalise, straighten

__all__ = [
    "REFERENCE",
    "WORD",
    "Names",
    "Passages",
    "Quotation",
    "Word",
    "fold",
    "passages",
    "verbatim",
]

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
REFERENCE = re.compile(r"\[\[[^\[\]]*\]\]")


@dataclass(frozen=True)
class Word:
    text: str
    line: int
    col: int


@dataclass
class Quotation:
    """A passage between quotation marks: where its text is, and its words."""

    start: tuple[int, int]
    """(line index, offset) just after the opening mark."""
    end: tuple[int, int] = (0, 0)
    words: list[int] = field(default_factory=list)
    """Indices into the passage's words."""


@dataclass
class Passages:
    """Our own text, word by word: the stretches a copied run could span, and the quotations."""

    words: list[Word] = field(default_factory=list)
    stretches: list[list[int]] = field(default_factory=list)
    quotations: list[tuple[Quotation, str]] = field(default_factory=list)
    """Each quotation with its text as written (references left out)."""


_TOKEN = re.compile(r"(?P<ref>\[\[[^\[\]]*\]\])|(?P<mark>[\"«»])|(?P<word>[^\W_]+(?:'[^\W_]+)*)")


def passages(text: str) -> Passages:
    """Split ``text`` into unquoted stretches and quotations. A ``[[...]]`` reference or a blank
    line ends a stretch; a quotation not closed by the end of its paragraph quotes nothing."""
    lines = text.splitlines()
    out = Passages()
    stretch: list[int] = []
    before: list[int] = []  # the stretch an open quotation interrupted
    quote: Quotation | None = None

    def end_stretch(words: list[int]) -> None:
        if words:
            out.stretches.append(words)

    def end_paragraph() -> None:
        nonlocal stretch, quote
        if quote is not None:  # never closed: its mark was no quotation mark
            stretch, quote = before + quote.words, None
        end_stretch(stretch)
        stretch = []

    for number, line in enumerate(lines):
        if not line.strip():
            end_paragraph()
            continue
        for match in _TOKEN.finditer(fold(line)):
            kind, token = match.lastgroup, match.group()
            if kind == "ref" and quote is None:
                end_stretch(stretch)
                stretch = []
            elif kind == "mark" and quote is None and token in '"«':
                before, stretch = stretch, []
                quote = Quotation((number, match.end()))
            elif kind == "mark" and quote is not None and token in '"»':
                quote.end = (number, match.start())
                out.quotations.append((quote, _between(lines, quote.start, quote.end)))
                end_stretch(before)
                quote = None
            elif kind == "word":
                out.words.append(Word(token, number + 1, match.start() + 1))
                (quote.words if quote is not None else stretch).append(len(out.words) - 1)
    end_paragraph()
    return out


def _between(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    if start[0] == end[0]:
        text = lines[start[0]][start[1] : end[1]]
    else:
        middle = lines[start[0] + 1 : end[0]]
        text = "\n".join([lines[start[0]][start[1] :], *middle, lines[end[0]][: end[1]]])
    return REFERENCE.sub(" ", text)


_ELLIPSIS = re.compile(r"\s*(?:\[\.\.\.\]|\[…\]|\.\.\.|…)\s*")


def verbatim(quoted: str, haystack: str) -> bool:
    """Whether the quotation occurs in ``haystack`` (normalised and casefolded), its parts in
    order when ``...`` or ``…`` marks words left out; punctuation at either end aside."""
    parts = [p.strip(" ,.;:!?") for p in _ELLIPSIS.split(normalise(quoted).casefold())]
    return in_order(parts, haystack)


def fold(text: str) -> str:
    """Lower-case, straight quotes, accents folded, keeping one character per character so that
    match offsets stay columns of the original line."""
    out = []
    for ch in straighten(text).lower():
        bare = fold_text(ch)
        out.append(bare if len(bare) == 1 else ch)
    return "".join(out)


class Names:
    """The players' names and aliases, as words: they are no prose, so the words of a run that
    make up a name are left out on both sides (our text and the source) before runs are
    compared ("the UN Office for the Coordination of Humanitarian Affairs said" shares no run of
    eight words of prose with its source; "the Town council voted on Monday to build a new"
    still shares eight)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for name in names:
            tokens = tuple(word.text for word in passages(name).words)
            if tokens:
                self.by_first.setdefault(tokens[0], []).append(tokens)
        for found in self.by_first.values():
            found.sort(key=len, reverse=True)  # the longest name first: "Levine Cava", "Cava"

    def prose(self, tokens: list[str], stretch: Iterable[int]) -> list[int]:
        """The indices of ``stretch`` (into ``tokens``) whose words are not part of a name."""
        order = list(stretch)
        kept: list[int] = []
        position = 0
        while position < len(order):
            words = [tokens[i] for i in order[position : position + 32]]
            length = next(
                (
                    len(name)
                    for name in self.by_first.get(words[0], ())
                    if tuple(words[: len(name)]) == name
                ),
                0,
            )
            if length:
                position += length
            else:
                kept.append(order[position])
                position += 1
        return kept
