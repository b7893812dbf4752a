"""Make Material's client-side search find names with and without their accents.

Material for MkDocs indexes pages with lunr, which neither folds accents nor (with Material's
default separator ``[\\s\\-]+``) splits ``L'Élysée`` into ``L`` and ``Élysée``. A reader who types
``Elysee`` or ``Francois`` would find nothing, although the data spells ``Élysée`` and
``François`` properly.

:func:`fold_search_index` post-processes the index that Material's search plugin writes
(``search/search_index.json``; Zensical's ``search.json`` has the same documents under ``items``).
Every word of a document's ``title`` and ``text`` that a reader may type differently gets its
other spellings right after it, in a hidden element: ``Élysée`` becomes ::

    <span class="ex-search-word">Élysée<span class="ex-search-fold"
    hidden="hidden">Elysee</span></span>

The other spellings are the accent-folded form (``François`` -> ``Francois``) and, when the
index's separator does not already split on apostrophes, the parts of elided words
(``L'Élysée`` -> ``Élysée``, ``Elysee``).

Why inline and hidden, and not a block of tokens appended to the text: both Material's search
worker and Zensical's split ``title`` and ``text`` into markup and text at ``<`` and ``>`` and
tokenize each text run on the separator, so the hidden spelling is a token of its own, at the
position of the word it spells. Material's result preview is the top-level element(s) of the
``text`` around the matched token, inserted as HTML (``innerHTML``); so ``Elysee`` previews the
very sentence that says ``Élysée``, and the hidden element (the ``hidden`` attribute, and
``.ex-search-fold`` in ``theme/assets/explainer.css``) keeps the spelling out of sight. The
highlight ``<mark>`` that lands inside it is shown on the visible word by the CSS rule
``.ex-search-word:has(> .ex-search-fold mark)``. Zensical's preview (in a shadow root, which
the site's CSS does not reach) rebuilds ``span`` elements with their attributes, so the
``hidden`` attribute hides the spelling there too; the word is not highlighted there.

Folding is idempotent: existing hidden spellings are removed before the words are folded again.
Nothing here imports mkdocs; the plugin calls this in ``on_post_build`` after Material's search
plugin has written the file.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

__all__ = [
    "FOLD_CLASS",
    "SEARCH_SEPARATOR",
    "WORD_CLASS",
    "fold_html",
    "fold_search_index",
    "fold_text",
    "folded_tokens",
    "unfold_html",
    "word_spellings",
]

APOSTROPHES = "'\u2019\u02bc"
"""Straight apostrophe, right single quotation mark (typographic apostrophe), modifier letter."""

SEARCH_SEPARATOR = r"[\s\-'\u2019\u02bc]+"
"""The lunr separator to set in ``mkdocs.yml`` (``plugins: - search: separator:``).

Whitespace, hyphens and apostrophes (straight and curly) split words, so that the query
``l'élysée`` and the text ``L'Élysée`` are both tokenized as ``l`` + ``élysée``.
"""

DEFAULT_SEPARATOR = r"[\s\-]+"
"""Material's default separator, assumed when the index does not say which one it uses."""

WORD_CLASS = "ex-search-word"
"""Class of the element that wraps a word and its hidden spellings."""

FOLD_CLASS = "ex-search-fold"
"""Class of the hidden element that holds a word's other spellings."""

_OPEN_WORD = f'<span class="{WORD_CLASS}">'
_OPEN_FOLD = f'<span class="{FOLD_CLASS}" hidden="hidden">'
"""``hidden="hidden"``, not a bare ``hidden``: Zensical's preview re-creates the element with
preact, which sets the attribute's value as the ``hidden`` property; ``""`` would show it."""
_CLOSE = "</span>"

_WORD = re.compile(rf"\w+(?:[{APOSTROPHES}]\w+)*")
_APOSTROPHE = re.compile(rf"[{APOSTROPHES}]")
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_MARKUP = re.compile(r"(<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);)")
"""Tags and character references: kept as they are, words are looked for between them."""
_FOLDED = re.compile(
    re.escape(_OPEN_WORD) + r"([^<]*)" + re.escape(_OPEN_FOLD) + r"[^<]*" + re.escape(_CLOSE * 2)
)


@functools.lru_cache(maxsize=65536)
def fold_text(word: str) -> str:
    """Return ``word`` without accents: NFKD, then drop the combining marks.

    >>> fold_text("Élysée")
    'Elysee'
    """
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=64)
def _separator(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error:  # a JavaScript-only construct: assume Material's default
        return re.compile(DEFAULT_SEPARATOR)


@functools.lru_cache(maxsize=65536)
def _spellings(word: str, separator: str) -> tuple[str, ...]:
    pieces = [p for p in _separator(separator).split(word) if p]
    indexed = {p.casefold() for p in pieces}
    parts = _APOSTROPHE.split(word)
    if len(parts) > 1:  # an elision or a possessive: its parts, unless the separator split them
        parts = [p for p in parts if len(p) >= 2 and p.casefold() not in indexed]
    else:
        parts = []
    out: list[str] = []
    seen = set(indexed)

    def add(token: str) -> None:
        key = token.casefold()
        if key not in seen:
            seen.add(key)
            out.append(token)

    for piece in pieces:
        add(fold_text(piece))
    for part in parts:
        add(part)
        add(fold_text(part))
    return tuple(out)


def word_spellings(word: str, separator: str = SEARCH_SEPARATOR) -> list[str]:
    """The other spellings a reader may type for ``word``, which ``separator`` does not index.

    ``word`` is split on ``separator`` as lunr does; each piece contributes its accent-folded
    form. If the separator leaves an apostrophe inside the word, its parts of two or more letters
    are spellings too (the elided article ``L'`` or ``d'`` is dropped), with their folded forms.
    Spellings that are already pieces of the word (compared case-insensitively) are left out.

    >>> word_spellings("L'Élysée")
    ['Elysee']
    >>> word_spellings("L'Élysée", r"[\\s\\-]+")
    ["L'Elysee", 'Élysée', 'Elysee']
    """
    if word.isascii() and _APOSTROPHE.search(word) is None:
        return []  # nothing to fold or split: most words; skipping them keeps big sites fast
    return list(_spellings(word, separator))


def unfold_html(text: str) -> str:
    """``text`` without the hidden spellings that :func:`fold_html` added."""
    if _OPEN_WORD not in text:
        return text
    return _FOLDED.sub(r"\1", text)


def fold_html(text: str, separator: str = SEARCH_SEPARATOR) -> str:
    """Insert each word's other spellings (:func:`word_spellings`) right after it, hidden.

    ``text`` is an index field: HTML whose text is escaped. Tags and character references are
    left alone; a word with other spellings becomes ``<span class="ex-search-word">word<span
    class="ex-search-fold" hidden="hidden">spelling spelling</span></span>``. Idempotent.
    """
    text = unfold_html(text)
    chunks = _MARKUP.split(text)

    def replace(match: re.Match[str]) -> str:
        word = match.group()
        extra = word_spellings(word, separator)
        if not extra:
            return word
        # The spellings are made of word characters and apostrophes: nothing to escape.
        return f"{_OPEN_WORD}{word}{_OPEN_FOLD}{' '.join(extra)}{_CLOSE}{_CLOSE}"

    for i in range(0, len(chunks), 2):  # even items are text, odd ones markup
        if not chunks[i].isascii() or _APOSTROPHE.search(chunks[i]) is not None:
            chunks[i] = _WORD.sub(replace, chunks[i])
    return "".join(chunks)


def _words(text: str) -> list[str]:
    """The words of an index text, ignoring HTML tags and character references."""
    return _WORD.findall(_ENTITY.sub(" ", _TAG.sub(" ", text)))


def folded_tokens(text: str, separator: str = SEARCH_SEPARATOR) -> list[str]:
    """The other spellings of the words of ``text``, in order of first appearance, once each.

    The hidden spellings already in ``text`` are ignored. Spellings that the text has as words
    elsewhere are listed all the same: :func:`fold_html` adds them after every word they spell,
    so that an unaccented query previews and ranks like the accented one.
    """
    out: list[str] = []
    seen: set[str] = set()
    for word in _words(unfold_html(text)):
        for token in word_spellings(word, separator):
            if token.casefold() not in seen:
                seen.add(token.casefold())
                out.append(token)
    return out


def fold_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of a Material ``search_index.json`` structure with other spellings added.

    ``index`` is ``{"config": {...}, "docs": [{"location", "title", "text", ...}, ...]}``. Each
    doc's ``title`` and ``text`` go through :func:`fold_html` with the separator of
    ``index["config"]`` (Material's default if it has none). Other keys, and the input itself,
    are left unchanged; folding a folded index changes nothing.
    """
    config = index.get("config")
    separator = DEFAULT_SEPARATOR
    if isinstance(config, dict) and isinstance(config.get("separator"), str):
        separator = config["separator"]
    docs: list[dict[str, Any]] = []
    for doc in index.get("docs", []):
        new = dict(doc)
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                new[field] = fold_html(doc[field], separator)
        docs.append(new)
    return {**index, "docs": docs}
