"""[[kind:id]] references: each kind, relative links, exact messages, code left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import load_golden_story

from generator.pages.content import resolve_references
from generator.pages.contentcheck import check_content
from generator.pages.linker import Linker
from generator.pages.storyindex import Index
from generator.read.diagnostics import DataError, Diagnostic
from generator.schema import kinds

DATA = Index(load_golden_story())


def resolve(text: str, page_path: str = "index.md") -> str:
    return resolve_references(text, DATA, page_path=page_path, file_label="content/index.md")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("[[event:meeting]]", "[Leaders meet in Vienna](timeline.md#event-meeting)"),
        (
            "[[event:council-vote]]",
            "[Council votes on the plan](timeline.md#event-council-vote) "
            '<span class="label label--claim">Claim by [Anna Berg](players/anna-berg.md)</span>',
        ),
        ("[[actor:anna-berg]]", "[Anna Berg](players/anna-berg.md)"),
        ("[[figure:signatures]]", "[about 1,200 people](figures.md#figure-signatures)"),
        (
            "[[quote:good-start]]",
            "[“…a good start…”](quotes.md#quote-good-start), [Anna Berg](players/anna-berg.md) "
            '<span class="source-link">[Source](sources.md#excerpt-mayor-said)</span>',
        ),
        (
            "[[quote:we-voted]]",
            "[“We voted.”](quotes.md#quote-we-voted), [City Council](players/city-council.md) "
            '<span class="source-link">[Source](sources.md#excerpt-council-split)</span>',
        ),
        (
            "[[position:berg-fund]]",
            "[Anna Berg: Supports (Fund the plan)](stances.md#position-berg-fund)",
        ),
        ("[[question:referendum]]", "[Should voters decide?](stances.md#question-referendum)"),
        (
            "[[excerpt:meeting-text]]",
            "[“The two leaders met in Vienna on Thursday.”](sources.md#excerpt-meeting-text)",
        ),
        ("[[source:wire-story]]", "[Council splits over plan](sources.md#source-wire-story)"),
    ],
)
def test_each_kind(reference: str, expected: str) -> None:
    assert resolve(f"See {reference}.\n") == f"See {expected}.\n"


def test_a_claim_shows_its_current_status_first() -> None:
    """A denied position must not read as a plain "Supports" in the narrative either."""
    story = DATA.data
    denied = {
        "status": [
            {"status": "reported", "date": "2020-03-01", "cites": ["mayor-said"]},
            {
                "status": "denied",
                "date": "2020-03-05",
                "by": ["city-council"],
                "cites": ["council-split"],
            },
        ]
    }
    position = type(story.positions[0]).model_validate(
        {**story.positions[0].model_dump(), **denied}, strict=False
    )
    data = story.model_copy(update={"positions": [position, *story.positions[1:]]})
    resolved = resolve_references(
        "[[position:berg-fund]] and [[position:council-fund]]",
        Index(data),
        page_path="index.md",
        file_label="content/index.md",
    )
    assert resolved == (
        '<span class="label label--status label--denied">Denied by '
        "[City Council](players/city-council.md), 5 March 2020</span> "
        "[Anna Berg: Supports (Fund the plan)](stances.md#position-berg-fund) and "
        "[City Council: Conditional (Fund the plan)](stances.md#position-council-fund)"
    )


@pytest.mark.parametrize("opening", ['"', "“", "«"])
def test_an_excerpt_that_opens_with_its_own_quotation_mark_gets_no_second_pair(
    opening: str,
) -> None:
    """Excerpts are verbatim and may open with the source's mark: ours would double it."""
    closing = {'"': '"', "“": "”", "«": "»"}[opening]
    text = f"{opening}We voted,{closing} the council said."
    story = DATA.data
    wire = story.sources[1]
    excerpt = wire.excerpts[0].model_copy(update={"text": text})
    data = story.model_copy(
        update={"sources": [story.sources[0], wire.model_copy(update={"excerpts": [excerpt]})]}
    )
    resolved = resolve_references(
        "[[excerpt:council-split]]",
        Index(data),
        page_path="index.md",
        file_label="content/index.md",
    )
    shown = text.replace('"', "&#34;")
    assert resolved == f"[{shown}](sources.md#excerpt-council-split)"


def test_links_are_relative_to_the_page() -> None:
    assert resolve("[[event:meeting]]", "analysis/deep.md") == (
        "[Leaders meet in Vienna](../timeline.md#event-meeting)"
    )
    assert resolve("[[actor:city-council]]", "players/notes.md") == (
        "[City Council](city-council.md)"
    )
    assert resolve("[[event:meeting]]", "timeline.md") == "[Leaders meet in Vienna](#event-meeting)"


def test_unknown_references_are_all_reported_with_line_and_column() -> None:
    text = (
        "# Title\n\nHe said [[quote:good-strat]].\nAnd [[qoute:good-start]] and [[actor:nobody]].\n"
    )
    with pytest.raises(DataError) as caught:
        resolve(text)
    assert caught.value.report() == (
        "content/index.md:3:9: [[quote:good-strat]]: unknown quote 'good-strat' "
        "(did you mean 'good-start'?)\n"
        "content/index.md:4:5: [[qoute:good-start]]: unknown reference kind 'qoute' "
        "(did you mean 'quote'?); kinds: source, excerpt, actor, event, figure, report, quote, "
        "question, position, update\n"
        "content/index.md:4:30: [[actor:nobody]]: unknown actor 'nobody'\n"
        "3 problems found"
    )


def test_code_is_left_alone() -> None:
    text = (
        "```markdown\n[[quote:nope]]\n```\n"
        "~~~~\n[[event:nope]]\n```\nstill code [[event:nope]]\n~~~~\n"
        "Inline `[[actor:nope]]` and ``a [[actor:nope]] b`` stay; [[actor:anna-berg]] links.\n"
    )
    assert resolve(text) == text.replace("[[actor:anna-berg]]", "[Anna Berg](players/anna-berg.md)")


def test_check_content_reports_without_raising(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "more").mkdir(parents=True)
    (content / "index.md").write_text("[[event:meeting]] [[event:meetin]]\n", encoding="utf-8")
    (content / "more" / "b.md").write_text("\n  [[figure:x]]\n", encoding="utf-8")
    assert check_content(content, DATA, display_root=tmp_path) == [
        Diagnostic(
            "content/index.md", 1, 19, "[[event:meetin]]",
            "unknown event 'meetin' (did you mean 'meeting'?)",
        ),
        Diagnostic("content/more/b.md", 2, 3, "[[figure:x]]", "unknown figure 'x'"),
    ]  # fmt: skip


def test_check_content_reports_every_unknown_reference_of_a_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("[[event:nope]] [[event:meeting]] [[quote:no]]\n", "utf-8")
    assert [str(d) for d in check_content(content, DATA, display_root=tmp_path)] == [
        "content/index.md:1:1: [[event:nope]]: unknown event 'nope'",
        "content/index.md:1:34: [[quote:no]]: unknown quote 'no'",
    ]


def test_check_content_reports_a_page_that_is_not_utf8(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_bytes(b"Intro\nCaf\xe9 [[event:meetin]]\n")
    (content / "other.md").write_text("[[figure:x]]\n", encoding="utf-8")
    assert [str(d) for d in check_content(content, DATA, display_root=tmp_path)] == [
        "content/index.md:2:4: invalid UTF-8 byte 0xe9; save the file as UTF-8",
        "content/other.md:1:1: [[figure:x]]: unknown figure 'x'",
    ]


def test_every_worded_kind_has_its_wording_and_no_other_does() -> None:
    """``Kind.worded`` is the one place that says a kind's links have words of their own: the
    Linker has a method of that name for each such kind, and ``[[kind:id]]`` of any other kind
    reads as its label field."""
    worded = {kind.name for kind in kinds.KINDS if kind.worded}
    assert worded == {
        "actor",
        "figure",
        "report",
        "quote",
        "position",
        "question",
        "excerpt",
        "source",
    }
    assert all(callable(getattr(Linker, name, None)) for name in worded)
