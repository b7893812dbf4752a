"""Text compared as readers compare it: one normalisation for "is this verbatim?".

The load-time quote check (a quote occurs in the excerpt it cites) and ``explainer verify`` (an
excerpt occurs in the archived source) must agree on what counts as the same words, so both
straighten the same quotation marks and collapse whitespace here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = [
    "INSERTION",
    "OMISSION",
    "folded",
    "in_order",
    "normalise",
    "quoted_in",
    "straighten",
]

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′ (prime, typed for an apostrophe)
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″ (double prime, typed for a quotation mark)
    }
)
_WHITESPACE = re.compile(r"\s+")


def straighten(text: str) -> str:
    """Curly quotation marks and apostrophes made straight (one character for one)."""
    return text.translate(_QUOTE_MARKS)


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Quotation marks straightened, every run of whitespace made one space, trimmed.

    Cached: every quote and date basis citing an excerpt normalises it again (3,000 quotes
    citing one 1.4 MB excerpt took over three minutes); a check run clears the cache after.
    """
    return _WHITESPACE.sub(" ", straighten(text)).strip()


@functools.lru_cache(maxsize=4096)
def folded(text: str) -> str:
    """:func:`normalise`, then case-folded (for words that may differ in case)."""
    return normalise(text).casefold()


OMISSION = re.compile(r"\[(?:\.\.\.|…)\]")
"""``[…]`` or ``[...]`` in a quote: words of the speaker's left out."""
INSERTION = re.compile(r"\[(?!(?:\.\.\.|…)\])[^\[\]]*\]")
"""Words of ours inside a quote, in square brackets ("it was 30 [yards] long")."""


def quoted_in(quote: str, excerpt: str) -> bool:
    """Whether ``quote`` occurs in ``excerpt`` (both normalised): as it is, or with its
    insertions in square brackets left out, its parts in order where ``[…]`` leaves words out.

    An insertion adds words of ours, so the words on either side of it must be next to each
    other in the excerpt; an omission may stand for any words. (A quote that copies the
    source's own brackets, "[sic]", is found as it is.)
    """
    text, haystack = normalise(quote), normalise(excerpt)
    if text in haystack:
        return True
    pieces = [
        _WHITESPACE.sub(" ", INSERTION.sub(" ", part)).strip() for part in OMISSION.split(text)
    ]
    return any(pieces) and in_order(pieces, haystack)


def in_order(parts: Iterable[str], haystack: str) -> bool:
    """Whether every non-empty part occurs in ``haystack``, each after the one before it."""
    position = 0
    for part in filter(None, parts):
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True
