"""Text in any language: a source's and an excerpt's language (BCP 47, the story's by default),
marked on the pages with ``lang`` and its direction, and our translation, shown as ours and never
checked against the source.

The golden pages come from the made-up Norvale story (tests/fixtures/norvale/: English, Arabic
and Portuguese reports of a dam breach that never happened; its README says what each record is
there to show). The rules edit the minimal story; the expected lines are written by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import FIXTURES, GOLDEN, problems, run_explainer

from generator.pages.render import Page, render_pages
from generator.pages.storyindex import Index
from generator.read.loader import load_story
from generator.schema.languages import direction, tag_for

Edit = Callable[[str, str, str], None]

NORVALE = FIXTURES / "norvale"
EXPECTED = GOLDEN / "expected-norvale"


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return {page.path: page for page in render_pages(Index(load_story(NORVALE / "site_data")))}


@pytest.mark.parametrize(
    "path",
    [
        "sources.md",
        "quotes.md",
        "stances.md",
        "embed/stances.md",
        "players/valley-relief-society.md",
        "players/ilse-marquand.md",
    ],
)
def test_golden_page(pages: dict[str, Page], path: str) -> None:
    assert pages[path].markdown == (EXPECTED / path).read_text(encoding="utf-8")


def test_an_arabic_excerpt_is_marked_right_to_left_and_its_translation_as_ours(
    pages: dict[str, Page],
) -> None:
    text = pages["sources.md"].markdown
    assert (
        '<blockquote lang="ar" dir="rtl" markdown>\n'
        '<p markdown="span">قالت جمعية إغاثة الوادي إن عدد القتلى بلغ 120 شخصاً.</p>\n'
        "</blockquote>\n"
        '<p class="excerpt__translation" markdown="span"><span class="label label--ours">Our '
        "translation</span> The Valley Relief Society said that the death toll had reached 120."
        "</p>"
    ) in text
    assert '<h2 class="source" id="source-al-wadi-toll" lang="ar" dir="rtl"' in text
    # the story's own language is not marked
    assert '<blockquote markdown>\n<p markdown="span">The Norvale dam gave way' in text


def test_a_quote_is_in_the_language_of_the_excerpt_it_is_found_in(
    pages: dict[str, Page],
) -> None:
    assert (
        '<blockquote lang="ar" dir="rtl" markdown>\n<p markdown="span">“لم نعلن هذا الرقم”</p>\n'
        "</blockquote>\n"
        '<p class="quote__translation" markdown="span"><span class="label label--ours">Our '
        "translation</span> “We did not announce this number”</p>"
    ) in pages["quotes.md"].markdown
    # linked from the speaker's page, it is marked there too
    assert (
        '<span lang="ar" dir="rtl">[<bdi>“لم نعلن هذا الرقم”</bdi>]'
        "(../quotes.md#quote-society-not-ours)</span>"
    ) in pages["players/vrs-spokesman.md"].markdown


@pytest.mark.parametrize(
    ("tag", "way"),
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa-IR", "rtl"),
        ("ur", "rtl"),
        ("az-Arab", "rtl"),  # the script decides
        ("ar-Latn", "ltr"),
        ("en", "ltr"),
        ("pt-BR", "ltr"),
        ("sr-Latn", "ltr"),
        ("ckb", "rtl"),
    ],
)
def test_direction_of_a_language(tag: str, way: str) -> None:
    assert direction(tag) == way


def test_a_language_written_as_its_name(story_copy: Path, edit: Edit) -> None:
    assert tag_for("Arabic") == "ar" and tag_for("pt_BR") == "pt-BR" and tag_for("xx") is None
    edit(
        "sources",
        "    published: 2020-03-06\n",
        "    published: 2020-03-06\n    language: Arabic\n",
    )
    assert problems(story_copy) == [
        "site_data/sources.yaml:6:5: sources[0].language: 'Arabic' is not a language tag (did "
        "you mean 'ar'?): write a BCP 47 tag such as 'en', 'ar' or 'pt-BR'"
    ]


def test_a_translation_of_a_passage_in_the_story_s_language(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        "      - id: ex-vote\n",
        "      - id: ex-vote\n        translation: The council backed the bridge.\n",
    )
    assert problems(story_copy) == [
        "site_data/sources.yaml:9:9: sources[0].excerpts[0].translation: a translation is for a "
        "passage in another language than the story's (en); give the passage's language "
        "(language: ar) or remove the translation"
    ]


def test_a_translation_of_a_quote_in_the_story_s_language(story_copy: Path, edit: Edit) -> None:
    edit(
        "quotes",
        "    extent: partial\n",
        "    extent: partial\n    translation: far from fixed\n",
    )
    assert problems(story_copy) == [
        "site_data/quotes.yaml:18:5: quotes[1].translation: a translation is for a quote in "
        "another language than the story's (en), and its excerpt is in en"
    ]


# --- verify: a translation is never checked against the source --------------------------------


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "norvale"
    shutil.copytree(NORVALE, root)
    return root


def test_the_made_up_story_verifies(tmp_path: Path) -> None:
    result = run_explainer(_copy(tmp_path), "verify", "--all")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wire-breach: 6 excerpts found verbatim; no run of 8+ words shared with our text",
        "wire-breach (version wire-breach-update): 2 excerpts found verbatim; no run of 8+ words "
        "shared with our text",
        "herald-copy: 1 excerpt found verbatim; no run of 8+ words shared with our text",
        "coastline-mayor: 2 excerpts found verbatim; no run of 8+ words shared with our text",
        "al-wadi-toll: 2 excerpts found verbatim; no run of 8+ words shared with our text",
        "al-wadi-denial: 1 excerpt found verbatim; no run of 8+ words shared with our text",
        "tempo-norvale: 3 excerpts found verbatim; no run of 8+ words shared with our text",
    ]


def test_a_translation_is_never_held_to_the_source(tmp_path: Path) -> None:
    # The wire's own sentence, word for word: as our translation it is not reported; as our
    # summary of an event, it is.
    root = _copy(tmp_path)
    copied = "The Norvale dam gave way before dawn on Tuesday and flooded the lower valley."
    sources = root / "site_data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "translation: The dam broke in the small hours of Tuesday, Mayor Tomás Serra said.",
            f"translation: {copied}",
        ),
        encoding="utf-8",
    )
    assert run_explainer(root, "verify", "--all").returncode == 0
    events = root / "site_data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text.replace("    title: The Norvale dam gives way\n", f"    title: {copied}\n"),
        encoding="utf-8",
    )
    result = run_explainer(root, "verify", "--all")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "site_data/events.yaml:10:12: events[0].title: shares 14 consecutive words with "
        "archive/herald-copy.txt: 'the norvale dam gave way before dawn on tuesday and flooded "
        "the lower valley'"
    )
