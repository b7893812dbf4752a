"""Unit tests for generator.outputs.search: accent folding and elision splitting of the search
index."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from generator.outputs.search import (
    DEFAULT_SEPARATOR,
    SEARCH_SEPARATOR,
    fold_html,
    fold_search_index,
    fold_text,
    folded_tokens,
    unfold_html,
    word_spellings,
)

ELIDED = "L'Élysée"


def hide(word: str, spellings: str) -> str:
    """What :func:`fold_html` makes of ``word`` with its other ``spellings``."""
    return (
        f'<span class="ex-search-word">{word}'
        f'<span class="ex-search-fold" hidden="hidden">{spellings}</span></span>'
    )


L_ELYSEE = hide(ELIDED, "Elysee")


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


@pytest.mark.parametrize(
    ("word", "separator", "spellings"),
    [
        ("François", SEARCH_SEPARATOR, ["Francois"]),
        ("Hollande", SEARCH_SEPARATOR, []),
        # the separator splits "L'Élysée" into "L" + "Élysée": only the folded piece is missing
        ("L'Élysée", SEARCH_SEPARATOR, ["Elysee"]),
        ("l’Élysée", SEARCH_SEPARATOR, ["Elysee"]),
        ("Russia's", SEARCH_SEPARATOR, []),
        ("Jean-Édouard", SEARCH_SEPARATOR, ["Edouard"]),
        # Material's default separator keeps "L'Élysée" whole: its parts are spellings too
        ("L'Élysée", DEFAULT_SEPARATOR, ["L'Elysee", "Élysée", "Elysee"]),
        ("d'Assad", DEFAULT_SEPARATOR, ["Assad"]),  # the one-letter elided article is dropped
        ("Russia's", DEFAULT_SEPARATOR, ["Russia"]),
        ("L'Elysee", DEFAULT_SEPARATOR, ["Elysee"]),
    ],
)
def test_word_spellings(word: str, separator: str, spellings: list[str]) -> None:
    assert word_spellings(word, separator) == spellings


def test_word_spellings_with_a_separator_python_cannot_compile_assumes_the_default() -> None:
    assert word_spellings("L'Élysée", "[") == word_spellings("L'Élysée", DEFAULT_SEPARATOR)


def test_fold_html_puts_each_spelling_right_after_its_word_hidden() -> None:
    text = "<p>François Hollande met Putin at L'Élysée.</p><p>Élysée again, François.</p>"
    assert fold_html(text) == (
        f"<p>{hide('François', 'Francois')} Hollande met Putin at {L_ELYSEE}."
        f"</p><p>{hide('Élysée', 'Elysee')} again, {hide('François', 'Francois')}.</p>"
    )


def test_fold_html_leaves_tags_and_character_references_alone() -> None:
    text = '<p class="é" title="François">caf&eacute; &amp; Café &lt;b&gt;Noël&lt;/b&gt;</p>'
    assert fold_html(text) == (
        f'<p class="é" title="François">caf&eacute; &amp; {hide("Café", "Cafe")} '
        f"&lt;b&gt;{hide('Noël', 'Noel')}&lt;/b&gt;</p>"
    )


def test_fold_html_nothing_to_add_returns_the_text() -> None:
    text = "<p>Vladimir Putin and Turkey; Russia's jet</p>"
    assert fold_html(text) == text
    assert fold_html("") == ""


def test_fold_html_is_idempotent_and_unfold_restores_the_text() -> None:
    text = "<p>L'Élysée, d'Assad and François</p> Café"
    for separator in (SEARCH_SEPARATOR, DEFAULT_SEPARATOR):
        once = fold_html(text, separator)
        assert once != text
        assert fold_html(once, separator) == once
        assert unfold_html(once) == text


def test_folded_tokens_lists_each_spelling_once() -> None:
    text = "François Hollande met Putin after talks at L'Élysée and l’Élysée again."
    assert folded_tokens(text) == ["Francois", "Elysee"]
    assert folded_tokens(text, DEFAULT_SEPARATOR) == [
        "Francois",
        "L'Elysee",
        "Élysée",
        "Elysee",
        "l’Elysee",
    ]
    assert folded_tokens(fold_html(text)) == folded_tokens(text)
    assert folded_tokens("Vladimir Putin and Turkey") == []


def _index(separator: str = SEARCH_SEPARATOR) -> dict[str, Any]:
    return {
        "config": {"lang": ["en"], "separator": separator, "pipeline": ["stopWordFilter"]},
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
        {
            "location": "",
            "title": "Home",
            "text": f"<p>{hide('François', 'Francois')} Hollande flies.</p>",
        },
        {
            "location": "players/#elysee",
            "title": f"The {hide('Élysée', 'Elysee')}",
            "text": f"{L_ELYSEE} Palace",
        },
        {"location": "figures/", "title": "Figures", "text": "130 people"},
        {"location": "empty/", "title": hide("Café", "Cafe"), "text": ""},
        {"location": "tags/", "title": "T", "text": hide("é", "e"), "tags": ["x"], "boost": 2},
    ]


def test_fold_search_index_uses_the_index_separator() -> None:
    out = fold_search_index(_index(DEFAULT_SEPARATOR))
    spellings = "L'Elysee Élysée Elysee"
    assert out["docs"][1]["text"] == f"{hide(ELIDED, spellings)} Palace"
    # no config at all (Zensical's items passed on their own): Material's default separator
    bare = fold_search_index({"docs": _index()["docs"]})
    assert bare["docs"][1]["text"] == out["docs"][1]["text"]


@pytest.mark.parametrize("separator", [SEARCH_SEPARATOR, DEFAULT_SEPARATOR])
def test_fold_search_index_is_idempotent(separator: str) -> None:
    once = fold_search_index(_index(separator))
    assert fold_search_index(once) == once


# --- what Material's search worker makes of the folded text --------------------------------------


def material_sections(text: str) -> list[tuple[int, str]]:
    """Material's ``extract`` (integrations/search/internal/extract): ``(block, text)`` runs.

    A port of the worker's scanner: text between tags is a run; a block ends when a top-level
    element closes. The worker tokenizes each run on the separator on its own.
    """
    runs: list[tuple[int, str]] = []
    block = start = stack = 0
    end = 0
    while end < len(text):
        if text[end] == "<" and end > start:
            runs.append((block, text[start:end]))
            start = end
        elif text[end] == ">":
            if text[start + 1 : start + 2] == "/":
                stack -= 1
                if stack == 0:
                    block += 1
            elif text[end - 1] != "/":
                stack += 1
            start = end + 1
        end += 1
    if end > start:
        runs.append((block, text[start:end]))
    return runs


def material_tokens(text: str, separator: str) -> list[tuple[int, str]]:
    sep = re.compile(separator)
    return [
        (block, token.lower())
        for block, run in material_sections(text)
        for token in sep.split(run)
        if token
    ]


def test_every_spelling_is_a_token_in_the_block_of_its_word() -> None:
    """``Elysee`` is a token of the same block (the preview Material shows) as ``Élysée``."""
    text = "<ul> <li>Hollande receives Putin at the Élysée Palace.</li> </ul> <p>François</p>"
    tokens = material_tokens(fold_html(text), SEARCH_SEPARATOR)
    assert (0, "élysée") in tokens and (0, "elysee") in tokens
    assert (1, "françois") in tokens and (1, "francois") in tokens
    # without the hidden spellings the tokens and blocks are the same, minus the spellings
    plain = material_tokens(text, SEARCH_SEPARATOR)
    assert [t for t in tokens if t[1] not in ("elysee", "francois")] == plain


def test_fold_search_index_all_spellings_match_as_lunr_tokens() -> None:
    """With the recommended separator, every spelling a reader types is a token of the doc."""
    out = fold_search_index(_index())
    tokens = set()
    for doc in out["docs"][:2]:
        for field in ("title", "text"):
            tokens |= {t.strip(".,") for _, t in material_tokens(doc[field], SEARCH_SEPARATOR)}
    for query in ["Francois", "François", "Elysee", "Élysée", "l"]:
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
