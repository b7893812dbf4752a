"""A figure named in prose: by its label or its bare number (``[[figure:x|label]]``,
``|value``), with a capital at the start of a sentence, and a warning where the writer's own
qualifier stands before a reference that words one ("More than [[figure:x]]")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES, load_golden_story, run_explainer

from generator.pages.content import resolve_references
from generator.pages.contentcheck import check_content, content_warnings
from generator.pages.storyindex import Index
from generator.read.diagnostics import DataError

STORY = Index(load_golden_story())
"""tests/golden/story: the petition's signatures, about 1,200 people (one report)."""


def resolve(text: str) -> str:
    return resolve_references(text, STORY, page_path="index.md", file_label="content/index.md")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("[[figure:signatures]]", "[about 1,200 people](figures.md#figure-signatures)"),
        (
            "[[figure:signatures|label]]",
            "[Signatures on the petition](figures.md#figure-signatures)",
        ),
        ("[[figure:signatures|value]]", "[1,200](figures.md#figure-signatures)"),
        (
            "[[report:signatures-reported]]",
            "[about 1,200 people](figures.md#report-signatures-reported)",
        ),
        ("[[report:signatures-reported|value]]", "[1,200](figures.md#report-signatures-reported)"),
    ],
)
def test_a_figure_by_its_number_its_label_or_its_bare_value(reference: str, expected: str) -> None:
    assert resolve(f"They counted {reference} in all.\n") == f"They counted {expected} in all.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[[figure:signatures]] signed.",
            "[About 1,200 people](figures.md#figure-signatures) signed.",
        ),
        ("Then [[figure:signatures]] signed.", "Then [about 1,200 people]"),
        ("It grew. [[figure:signatures]] signed.", "It grew. [About 1,200 people]"),
        ("Did it? [[figure:signatures]] did.", "Did it? [About 1,200 people]"),
        ("- [[figure:signatures]] signed.", "- [About 1,200 people]"),
        ("1. [[figure:signatures]] signed.", "1. [About 1,200 people]"),
        ("## [[figure:signatures]] signed", "## [About 1,200 people]"),
        ("> *[[figure:signatures]]* signed.", "> *[About 1,200 people]"),
        ("“[[figure:signatures]] signed,” she said.", "“[About 1,200 people]"),
        ("**Signed:** [[figure:signatures]].", "**Signed:** [about 1,200 people]"),
        ("A line that goes on\n[[figure:signatures]] signed.", "goes on\n[about 1,200 people]"),
        ("A line that ends.\n[[figure:signatures]] signed.", "ends.\n[About 1,200 people]"),
        ("Lede.\n\n[[figure:signatures]] signed.", "Lede.\n\n[About 1,200 people]"),
        # the label and the bare number start as they are
        ("[[figure:signatures|label]] grew.", "[Signatures on the petition]"),
        ("[[figure:signatures|value]] signed.", "[1,200]"),
    ],
)
def test_a_capital_at_the_start_of_a_sentence(text: str, expected: str) -> None:
    assert expected in resolve(text + "\n")


def test_unknown_wordings_are_said_exactly(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text(
        "Signed by [[figure:signatures|lable]] and [[quote:good-start|value]].\n", "utf-8"
    )
    assert [str(d) for d in check_content(content, STORY, display_root=tmp_path)] == [
        "content/index.md:1:11: [[figure:signatures|lable]]: unknown wording 'lable' of a "
        "figure (did you mean 'label'?); write [[figure:signatures]], or end it with |label or "
        "|value",
        "content/index.md:1:43: [[quote:good-start|value]]: a quote reference has no other "
        "wordings: write [[quote:good-start]]",
    ]
    with pytest.raises(DataError):
        resolve("[[figure:signatures|lable]]\n")


def _warnings(tmp_path: Path, text: str) -> list[str]:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "index.md").write_text(text, "utf-8")
    return [str(d) for d in content_warnings(content, STORY, display_root=tmp_path)]


def test_a_qualifier_said_twice_is_warned_at_the_reference(tmp_path: Path) -> None:
    assert _warnings(tmp_path, "Intro.\n\nMore than [[figure:signatures]] signed.\n") == [
        "content/index.md:3:11: warning: [[figure:signatures]]: 'More than' stands just before a "
        "reference that words its own qualifier ('about 1,200 people'), so it would read twice: "
        "write [[figure:signatures|value]] for the bare number, or leave out 'More than'"
    ]
    # a report, across a line break, after emphasis
    assert _warnings(tmp_path, "It was roughly\n**[[report:signatures-reported]]**.\n") == [
        "content/index.md:2:3: warning: [[report:signatures-reported]]: 'roughly' stands just "
        "before a reference that words its own qualifier ('about 1,200 people'), so it would "
        "read twice: write [[report:signatures-reported|value]] for the bare number, or leave "
        "out 'roughly'"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "More than [[figure:signatures|value]] signed.\n",  # the bare number: the writer's own
        "In all, [[figure:signatures]] signed.\n",  # no qualifier before it
        "Someone said [[figure:signatures]].\n",  # "some" inside a word is not "some"
        "`More than [[figure:signatures]]` in code.\n",
    ],
)
def test_no_warning(tmp_path: Path, text: str) -> None:
    assert _warnings(tmp_path, text) == []


def test_a_qualifier_before_an_exact_headline_reads_once(tmp_path: Path) -> None:
    """The contested story's missing: 221 people, exact; "more than 221" is the writer's."""
    index = Index(load_golden_story(FIXTURES / "contested" / "site_data"))
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("More than [[figure:missing]] are missing.\n", "utf-8")
    assert content_warnings(content, index, display_root=tmp_path) == []
    (content / "index.md").write_text("Almost [[figure:dead]] died.\n", "utf-8")
    assert [str(d) for d in content_warnings(content, index, display_root=tmp_path)] == [
        "content/index.md:1:8: warning: [[figure:dead]]: 'Almost' stands just before a "
        "reference that words its own qualifier ('nearly 4,000 people'), so it would read "
        "twice: write [[figure:dead|value]] for the bare number, or leave out 'Almost'"
    ]


def test_check_lists_the_warning_and_strict_fails_on_it(tmp_path: Path) -> None:
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "contested", root)
    page = root / "content" / "index.md"
    page.write_text(
        page.read_text("utf-8").replace("[[figure:dead]] is", "Nearly [[figure:dead]] is"), "utf-8"
    )

    warning = (
        "content/index.md:8:8: warning: [[figure:dead]]: 'Nearly' stands just before a "
        "reference that words its own qualifier ('nearly 4,000 people'), so it would read "
        "twice: write [[figure:dead|value]] for the bare number, or leave out 'Nearly'"
    )
    loose = run_explainer(root, "check")
    assert loose.returncode == 0, loose.stderr
    assert warning in loose.stderr.splitlines()
    assert loose.stdout.endswith(
        "; 1 warning: examples or placeholders to replace, or a qualifier said twice\n"
    )
    strict = run_explainer(root, "check", "--strict")
    assert strict.returncode == 1
    assert warning in strict.stderr.splitlines()
