"""Quotes with an insertion of ours in square brackets (checked against the source without it,
shown as ours) and one statement's versions linked: the rules with their exact messages and the
quotes page as a reader sees it. Each case edits the minimal story (tests/fixtures/minimal).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support import problems, rendered

from generator.read.verbatim import quoted_in

Edit = Callable[[str, str, str], None]

TEXT = "    text: This bridge joins two halves of one town\n"
OFFICIAL = "    speaker: council-official\n    extent: partial\n"


def test_an_insertion_is_left_out_when_the_quote_is_checked() -> None:
    excerpt = "He said it was 30 long, and then he left the town."
    assert quoted_in("it was 30 [yards] long", excerpt)
    assert quoted_in("[He] said it was 30", excerpt)
    assert quoted_in("it was 30 long, and […] the town", excerpt)
    assert not quoted_in("it was 31 [yards] long", excerpt)
    assert not quoted_in("30 [yards] and then", excerpt)  # words apart stay apart
    assert quoted_in("the [sic] town", "in the [sic] town")  # the source's own brackets


def test_a_quote_with_an_insertion_loads_and_shows_it_as_ours(story_copy: Path, edit: Edit) -> None:
    edit("quotes", TEXT, "    text: This bridge joins two halves of one [divided] town\n")
    pages = rendered(story_copy)
    quotes = pages["quotes.md"]
    assert (
        '<p markdown="span">“This bridge joins two halves of one <span class="quote__ours">'
        "&#91;divided&#93;</span> town”</p>"
    ) in quotes
    assert (
        '<p class="quote__note">Words in square brackets are ours, not the speaker’s.</p>'
    ) in quotes
    assert quotes.count("quote__note") == 1  # the other quote has no insertion
    # a link to the quote keeps the brackets, as text
    assert (
        "[“This bridge joins two halves of one &#91;divided&#93; town”]("
        in (pages["players/ines-lima.md"])
    )


def test_a_quote_not_in_its_excerpt_even_without_the_insertion(
    story_copy: Path, edit: Edit
) -> None:
    edit("quotes", TEXT, "    text: This bridge joins [the] three halves\n")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:4:5: quotes[0].text: the quote does not occur verbatim in the "
        "excerpts it cites (ex-mayor) (with its insertions in square brackets left out)"
    ]


def test_an_insertion_left_open(story_copy: Path, edit: Edit) -> None:
    edit("quotes", TEXT, "    text: This bridge joins [two halves of one town\n")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:4:5: quotes[0].text: a '[' opens an insertion of ours that no ']' "
        "closes"
    ]


def test_the_versions_of_one_statement_are_linked_both_ways(story_copy: Path, edit: Edit) -> None:
    quotes = story_copy / "quotes.yaml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8")
        + "  - id: lima-two-halves-again\n    text: joins two halves\n    speaker: ines-lima\n"
        "    extent: partial\n    version_of: lima-two-halves\n    cites: [ex-mayor]\n",
        encoding="utf-8",
    )
    page = rendered(story_copy)["quotes.md"]
    assert (
        '<p class="quote__versions" markdown="span">The same statement, as another source words '
        "it: [“…joins two halves…”](#quote-lima-two-halves-again) "
        '<span class="source-link">[Source](sources.md#excerpt-ex-mayor)</span></p>'
    ) in page
    assert (
        '<p class="quote__versions" markdown="span">The same statement, as another source words '
        "it: [“This bridge joins two halves of one town”](#quote-lima-two-halves) "
        '<span class="source-link">[Source](sources.md#excerpt-ex-mayor)</span></p>'
    ) in page
    assert page.count("quote__versions") == 2  # not the official's quote


def test_a_version_of_another_speaker_s_quote(story_copy: Path, edit: Edit) -> None:
    edit("quotes", OFFICIAL, OFFICIAL + "    version_of: lima-two-halves\n")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:18:5: quotes[1].version_of: 'lima-two-halves' is a quote by "
        "'ines-lima'; the versions of one statement have one speaker (this quote's: "
        "'council-official')"
    ]
    edit("quotes", "    version_of: lima-two-halves\n", "    version_of: official-cost\n")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:18:5: quotes[1].version_of: a quote is not another version of itself"
    ]
    edit("quotes", "    version_of: official-cost\n", "    version_of: lima-two-halfs\n")
    assert problems(story_copy) == [
        "site_data/quotes.yaml:18:5: quotes[1].version_of: unknown quote 'lima-two-halfs' (did "
        "you mean 'lima-two-halves'?)"
    ]
