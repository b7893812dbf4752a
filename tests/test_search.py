"""Unit tests for generator.search: accent folding and elision splitting of the search index."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from generator.search import SEARCH_SEPARATOR, fold_search_index, fold_text, folded_tokens


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Élysée", "Elysee"),
        ("François", "Francois"),
        ("Hollande", "Hollande"),
        ("Ñandú", "Nandu"),
        ("ﬁn", "fin"),  # NFKD also unpacks compatibility ligatures
        ("L'Élysée", "L'Elysee"),
    ],
)
def test_fold_text(word: str, folded: str) -> None:
    assert fold_text(word) == folded


def test_folded_tokens_accents_and_elision() -> None:
    text = "François Hollande met Putin after talks at L'Élysée and l’Élysée again."
    assert folded_tokens(text) == ["Francois", "L'Elysee", "Élysée", "Elysee", "l’Elysee"]


def test_folded_tokens_skips_words_already_present_case_insensitively() -> None:
    assert folded_tokens("Elysee and élysée and L'Élysée") == ["L'Elysee"]


def test_folded_tokens_ignores_tags_and_entities() -> None:
    assert folded_tokens('<p class="é">caf&eacute; &amp; Café</p>') == ["Cafe"]


def test_folded_tokens_nothing_to_add() -> None:
    assert folded_tokens("Vladimir Putin and Turkey") == []


def test_folded_tokens_drops_one_letter_elided_article_but_keeps_possessive_stem() -> None:
    assert folded_tokens("d'Assad Russia's") == ["Assad", "Russia"]


def _index() -> dict[str, Any]:
    return {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]},
        "docs": [
            {"location": "", "title": "Home", "text": "<p>François Hollande flies.</p>"},
            {"location": "players/#elysee", "title": "The Élysée", "text": "L'Élysée Palace"},
            {"location": "figures/", "title": "Figures", "text": "130 people"},
            {"location": "empty/", "title": "Café", "text": ""},
            {"location": "tags/", "title": "T", "text": "é", "tags": ["x"], "boost": 2},
        ],
    }


def test_fold_search_index_exact() -> None:
    index = _index()
    before = copy.deepcopy(index)
    out = fold_search_index(index)
    assert index == before, "input must not be mutated"
    assert out["config"] == index["config"]
    assert out["docs"] == [
        {"location": "", "title": "Home", "text": "<p>François Hollande flies.</p> Francois"},
        {
            "location": "players/#elysee",
            "title": "The Élysée",
            "text": "L'Élysée Palace Elysee L'Elysee",
        },
        {"location": "figures/", "title": "Figures", "text": "130 people"},
        {"location": "empty/", "title": "Café", "text": "Cafe"},
        {"location": "tags/", "title": "T", "text": "é e", "tags": ["x"], "boost": 2},
    ]


def test_fold_search_index_is_idempotent() -> None:
    once = fold_search_index(_index())
    assert fold_search_index(once) == once


def test_fold_search_index_all_spellings_match_as_lunr_tokens() -> None:
    """With the recommended separator, every spelling a reader types is a token of the doc."""
    out = fold_search_index(_index())
    sep = re.compile(SEARCH_SEPARATOR)
    tokens = set()
    for doc in out["docs"][:2]:
        tokens |= {t.lower().strip(".,<>/p") for t in sep.split(doc["text"]) if t}
    for query in ["Francois", "François", "Elysee", "Élysée"]:
        assert query.lower() in tokens, query


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("L'Élysée", ["L", "Élysée"]),
        ("l’Élysée", ["l", "Élysée"]),
        ("Jean-Yves  Le Drian", ["Jean", "Yves", "Le", "Drian"]),
    ],
)
def test_separator_splits_apostrophes_hyphens_whitespace(text: str, tokens: list[str]) -> None:
    assert [t for t in re.split(SEARCH_SEPARATOR, text) if t] == tokens
