"""What the values of a closed list mean, and the words an editor may type for them instead.

An enum (``ClaimStatus``, ``Stance``) declares here, beside its values, what each one means (a
short gloss, which also writes the field's description) and the other words that mean it
("withdrawn" for ``retracted``, "yes" for ``supports``). A value that is not allowed then gets a
"did you mean" by meaning first and by spelling only when the word means nothing known
(:func:`suggest`, used by :mod:`generator.read.validation`): a spelling never wins over a
meaning, so "contradicted" was never to be answered with "did you mean 'retracted'?", the value
that means the opposite (the claimant withdrew it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

__all__ = ["Meaning", "declare", "described", "meanings_of", "suggest"]


@dataclass(frozen=True)
class Meaning:
    """One value of a closed list: what it means, and other words for it."""

    value: str
    gloss: str
    """What it means, in a few words ("whoever made it withdraws it")."""
    words: tuple[str, ...] = ()
    """Words an editor may write for it instead, in lower case."""


_DECLARED: dict[frozenset[str], tuple[Meaning, ...]] = {}
"""The values of each declared enum -> what each means (found by the values, which is all a
validation error gives)."""


def declare(enum: type[Enum], meanings: Mapping[Enum, tuple[str, tuple[str, ...]]]) -> None:
    """Say what each value of ``enum`` means: value -> (gloss, other words for it)."""
    values = [str(member.value) for member in enum]
    missing = [value for value in values if enum(value) not in meanings]
    if missing:
        raise ValueError(f"{enum.__name__}: no meaning for {', '.join(missing)}")
    _DECLARED[frozenset(values)] = tuple(
        Meaning(str(member.value), *meanings[member]) for member in enum
    )


def meanings_of(values: Iterable[str]) -> tuple[Meaning, ...]:
    """The meanings declared for the enum whose values are ``values`` (none if undeclared)."""
    return _DECLARED.get(frozenset(values), ())


def described(enum: type[Enum]) -> str:
    """A field description from the glosses: "reported: the claim is made; disputed: ..."."""
    return "; ".join(f"{m.value}: {m.gloss}" for m in meanings_of(str(e.value) for e in enum))


_SEPARATORS = re.compile(r"[\s_]+")


def _key(word: str) -> str:
    return _SEPARATORS.sub("-", word.strip().casefold())


def suggest(word: str, values: Iterable[str]) -> str:
    """`` (did you mean 'retracted': whoever made it withdraws it?)`` for ``word`` among
    ``values``: the value the word means, else the value spelt closest to it, with its gloss
    where one is declared; ``''`` when none is close."""
    choices = list(values)
    meanings = {m.value: m for m in meanings_of(choices)}
    key = _key(word)
    by_word = {w: m for m in meanings.values() for w in (m.value, *m.words)}
    found = by_word.get(key) or by_word.get(key.replace("-", ""))
    if found is None:
        close = difflib.get_close_matches(key, choices, n=1)
        if not close:
            return ""
        found = meanings.get(close[0]) or Meaning(close[0], "")
    gloss = f": {found.gloss}" if found.gloss else ""
    return f" (did you mean '{found.value}'{gloss}?)"
