"""Text hygiene: the characters no name, id or text of the story may hold, and where they may.

The loader runs :func:`first_problem` on every string it reads (values and keys), so every field
is covered without code per field. Refused:

- bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make
  text display in another order than it is stored ("Trojan source");
- the direction marks LRM, RLM and ALM (U+200E, U+200F, U+061C) in a string without a
  right-to-left letter (Hebrew, Arabic ...): there they can only move neutral characters around;
  in right-to-left text they place punctuation and digits and are allowed;
- the joiners ZWNJ and ZWJ (U+200C, U+200D) except between two letters or marks of a script that
  uses them (Arabic and Persian, Syriac, N'Ko, Mongolian, the Indic scripts, Myanmar, Khmer) or
  between the parts of an emoji sequence (``👩‍💻``);
- every other invisible (format) character: zero-width space U+200B, word joiner U+2060, a
  byte-order mark U+FEFF inside text, U+180E, soft hyphen U+00AD, tag characters ...; the
  visible Arabic and Syriac number signs (U+0600-U+0605, U+06DD, U+070F ...) are allowed;
- control characters other than tab and line feed, and the line and paragraph separators
  U+2028, U+2029 (a YAML escape such as ``"\\0"`` can write them).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["first_problem"]

_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""Every character a rule above may refuse (Cc, Cf, Zl, Zp but for the allowed ones)."""

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
_JOINERS = frozenset("\u200c\u200d")

_JOINING_SCRIPTS = (
    (0x0600, 0x06FF),  # Arabic (Persian, Urdu ...)
    (0x0700, 0x074F),  # Syriac
    (0x0750, 0x077F),  # Arabic Supplement
    (0x07C0, 0x07FF),  # N'Ko
    (0x0870, 0x08FF),  # Arabic Extended-B and -A
    (0x0900, 0x0DFF),  # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil ... Sinhala
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1800, 0x18AF),  # Mongolian
    (0x1CD0, 0x1CFF),  # Vedic Extensions
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFE),  # Arabic Presentation Forms-B
)
_EMOJI = ((0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))
_EMOJI_TAILS = frozenset("\ufe0f") | frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))
"""What may stand between an emoji and a ZWJ: the emoji presentation selector, skin tones."""


def _in(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in ranges)


def _joins(char: str) -> bool:
    """A letter or mark of a script that uses the joiners, or part of an emoji."""
    if _in(char, _JOINING_SCRIPTS):
        return unicodedata.category(char)[0] in "LM"
    return _in(char, _EMOJI) and unicodedata.category(char) == "So"


def _joiner_allowed(text: str, index: int) -> bool:
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    if before in _EMOJI_TAILS:
        return index >= 2 and _joins(text[index - 2]) and _joins(after)
    return _joins(before) and _joins(after)


def _has_right_to_left_letter(text: str) -> bool:
    return any(
        unicodedata.bidirectional(char) in ("R", "AL") and char not in _DIRECTION_MARKS
        for char in text
    )


def _allowed(text: str, index: int, rtl: list[bool]) -> bool:
    char = text[index]
    if char in _JOINERS:
        return _joiner_allowed(text, index)
    if char in _DIRECTION_MARKS:
        if not rtl:
            rtl.append(_has_right_to_left_letter(text))
        return rtl[0]
    return False


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} {name}" if name else code


def _message(char: str) -> str:
    name = _name(char)
    if char in _BIDI_CONTROLS:
        return f"bidirectional control {name} can make text read differently from what it is"
    if char in _DIRECTION_MARKS:
        return f"direction mark {name} in text without a right-to-left letter"
    if char in _JOINERS:
        return (
            f"{name} outside a word of a script that joins letters (Arabic, Persian, Indic ...) "
            "or an emoji sequence"
        )
    category = unicodedata.category(char)
    if category == "Cc":
        return f"control character {name}"
    if category in ("Zl", "Zp"):
        return f"{name} breaks lines unseen; write a plain line break"
    return f"invisible character {name}"


def first_problem(text: str) -> tuple[int, str] | None:
    """``(index, message)`` of the first character of ``text`` the rules refuse, or None.

    The message ends with how many more refused characters the text holds, if any.
    """
    found = _SUSPECT.search(text)
    if found is None:
        return None
    rtl: list[bool] = []  # computed once, on the first direction mark
    refused = [
        match.start()
        for match in _SUSPECT.finditer(text, found.start())
        if not _allowed(text, match.start(), rtl)
    ]
    if not refused:
        return None
    first = refused[0]
    message = _message(text[first])
    if "line break" not in message:
        message += "; remove it"
    if len(refused) > 1:
        more = len(refused) - 1
        message += f" (and {more} more in this value)"
    return first, message
