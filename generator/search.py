"""Make Material's client-side search find names with and without their accents.

Material for MkDocs indexes pages with lunr, which neither folds accents nor (with Material's
default separator ``[\\s\\-]+``) splits ``L'Élysée`` into ``L`` and ``Élysée``. A reader who types
``Elysee`` or ``Francois`` would find nothing, although the data spells ``Élysée`` and
``François`` properly.

:func:`fold_search_index` post-processes the index that Material's search plugin writes
(``search/search_index.json``): for each document it appends to ``text`` the extra tokens a
reader may type, namely

* the accent-folded form of every word that has accents (``François`` -> ``Francois``), and
* the parts of elided words (``L'Élysée`` -> ``Élysée``, and folded, ``Elysee``).

Tokens that the document already contains as words are not added again, so folding is
idempotent: running it twice gives the same index. Nothing here imports mkdocs; the plugin calls
this in ``on_post_build`` after Material's search plugin has written the file.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

__all__ = ["SEARCH_SEPARATOR", "fold_search_index", "fold_text", "folded_tokens"]

APOSTROPHES = "'\u2019\u02bc"
"""Straight apostrophe, right single quotation mark (typographic apostrophe), modifier letter."""

SEARCH_SEPARATOR = r"[\s\-'\u2019\u02bc]+"
"""The lunr separator to set in ``mkdocs.yml`` (``plugins: - search: separator:``).

Whitespace, hyphens and apostrophes (straight and curly) split words, so that the query
``l'élysée`` and the text ``L'Élysée`` are both tokenized as ``l`` + ``élysée``.
"""

_WORD = re.compile(rf"\w+(?:[{APOSTROPHES}]\w+)*")
_APOSTROPHE = re.compile(rf"[{APOSTROPHES}]")
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


@functools.lru_cache(maxsize=65536)
def fold_text(word: str) -> str:
    """Return ``word`` without accents: NFKD, then drop the combining marks.

    >>> fold_text("Élysée")
    'Elysee'
    """
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    """The words of an index text, ignoring HTML tags and character references."""
    return _WORD.findall(_ENTITY.sub(" ", _TAG.sub(" ", text)))


def folded_tokens(text: str) -> list[str]:
    """The extra tokens for ``text``, in order of first appearance, without duplicates.

    Candidates are each word, and for a word with apostrophes each part of two or more letters
    (the elided article ``L'`` or ``d'`` is dropped); a candidate is kept if it is a part or its
    accent-folded form differs from it, and the folded form is added too. Candidates that the
    text already has as whole words (compared case-insensitively) are left out.
    """
    words = _words(text)
    present = {w.casefold() for w in words}
    out: list[str] = []
    seen: set[str] = set()

    def add(token: str) -> None:
        key = token.casefold()
        if key not in present and key not in seen:
            seen.add(key)
            out.append(token)

    for word in words:
        if word.isascii() and "'" not in word:
            continue  # nothing to fold or split: most words; skipping them keeps big sites fast
        parts = [p for p in _APOSTROPHE.split(word) if len(p) >= 2]
        if len(parts) == 1 and parts[0] == word:
            parts = []
        for candidate in [word, *parts]:
            if candidate != word:
                add(candidate)
            folded = fold_text(candidate)
            if folded != candidate:
                add(folded)
    return out


def fold_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of a Material ``search_index.json`` structure with folded tokens added.

    ``index`` is ``{"config": {...}, "docs": [{"location", "title", "text", ...}, ...]}``. For each
    doc, the extra tokens of its title and text (see :func:`folded_tokens`) are appended to its
    ``text``, separated by a space. Other keys, and the input itself, are left unchanged.
    """
    docs: list[dict[str, Any]] = []
    for doc in index.get("docs", []):
        title = str(doc.get("title", ""))
        text = str(doc.get("text", ""))
        extra = folded_tokens(f"{title} {text}")
        new = dict(doc)
        if extra:
            new["text"] = f"{text} {' '.join(extra)}" if text else " ".join(extra)
        docs.append(new)
    return {**index, "docs": docs}
