"""Languages of text: a BCP 47 tag (``ar``, ``pt-BR``, ``sr-Latn``) and the direction it is
written in.

A story is written in one language (``story.language``, default ``en``); a source or one of its
excerpts may be in another, and says so with its tag. The pages mark each such text with ``lang``
and ``dir`` (:func:`direction`: from the tag's script when it names one, else from its
language), so an Arabic excerpt is laid out right to left with its full stop at its end, and read
by a screen reader in Arabic. A tag is checked for its form (RFC 5646, with a language of two
or three letters: the longer forms the RFC reserves name no language, and "Arabic" would pass
as one), not against the IANA registry, which is not at hand; a language written as its name
gets the tag it means (:func:`tag_for`).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

__all__ = ["LANGUAGE_PATTERN", "LanguageTag", "direction", "same_language", "tag_for"]

LANGUAGE_PATTERN = (
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"  # language (ISO 639; no 4-8 letter one exists)
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"  # extensions
    r"(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$"  # private use
)
LanguageTag = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_PATTERN, max_length=35),
    Field(description="A language as a BCP 47 tag: 'en', 'ar', 'pt-BR'."),
]

_RTL_SCRIPTS = frozenset(
    {"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr", "mend", "yezi",
     "armi", "avst", "phnx", "nbat", "palm", "hatr", "sogd", "chrs", "elym", "narb", "sarb"}
)  # fmt: skip
"""Scripts written right to left (ISO 15924 codes, lower case)."""
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "azb", "bal", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks",
     "lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd", "syr", "ug", "ur", "yi"}
)  # fmt: skip
"""Languages whose default script is written right to left."""


def direction(tag: str) -> Literal["ltr", "rtl"]:
    """The direction ``tag``'s text is written in: its script's, else its language's."""
    language, *rest = tag.casefold().split("-")
    script = next((part for part in rest[:4] if len(part) == 4 and part.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RTL_SCRIPTS else "ltr"
    return "rtl" if language in _RTL_LANGUAGES else "ltr"


def same_language(one: str, other: str) -> bool:
    """Whether two tags name one language ('pt-BR' and 'pt' do; a translation between them is
    none)."""
    return one.casefold().split("-")[0] == other.casefold().split("-")[0]


_NAMES = {
    "albanian": "sq", "amharic": "am", "arabic": "ar", "armenian": "hy", "azerbaijani": "az",
    "bengali": "bn", "bosnian": "bs", "brazilian": "pt-BR", "brazilian-portuguese": "pt-BR",
    "catalan": "ca", "chinese": "zh", "croatian": "hr", "czech": "cs", "danish": "da",
    "dari": "prs", "dutch": "nl", "english": "en", "farsi": "fa", "filipino": "fil",
    "finnish": "fi", "french": "fr", "georgian": "ka", "german": "de", "greek": "el",
    "hausa": "ha", "hebrew": "he", "hindi": "hi", "hungarian": "hu", "indonesian": "id",
    "italian": "it", "japanese": "ja", "kazakh": "kk", "korean": "ko", "kurdish": "ku",
    "malay": "ms", "norwegian": "no", "pashto": "ps", "persian": "fa", "polish": "pl",
    "portuguese": "pt", "romanian": "ro", "russian": "ru", "serbian": "sr", "somali": "so",
    "sorani": "ckb", "spanish": "es", "swahili": "sw", "swedish": "sv", "tagalog": "tl",
    "tamil": "ta", "thai": "th", "tigrinya": "ti", "turkish": "tr", "ukrainian": "uk",
    "urdu": "ur", "uzbek": "uz", "vietnamese": "vi", "yiddish": "yi",
    "العربية": "ar", "português": "pt", "français": "fr", "español": "es", "deutsch": "de",
}  # fmt: skip
"""Names of common languages, in English and a few in their own, with their tags."""


def tag_for(written: str) -> str | None:
    """The tag a language written otherwise means: 'Arabic' -> 'ar', 'pt_BR' -> 'pt-BR'."""
    key = "-".join(written.strip().casefold().replace("_", " ").split())
    if key in _NAMES:
        return _NAMES[key]
    hyphened = written.strip().replace("_", "-")
    if hyphened != written and re.fullmatch(LANGUAGE_PATTERN, hyphened):
        return hyphened
    return None
