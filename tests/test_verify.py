"""``explainer verify``: excerpts verbatim in the archived copy; no 8-word run of ours copied.

Runs on the small story under ``tests/fixtures/verify/`` (a bridge vote), copied to a temporary
folder so each test can change it. Never reads the real story's archived source.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.read.diagnostics import DataError
from generator.tools.verify import shared_runs, verify_source, words

FIXTURE = Path(__file__).parent / "fixtures" / "verify"
ARCHIVE = Path("archive.txt")
DATA = Path("site_data")
CONTENT = Path("content")


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture story; the working directory is its folder (short file names)."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def verify() -> str:
    return verify_source("bridge-article", ARCHIVE, DATA, CONTENT)


def problems() -> list[str]:
    with pytest.raises(DataError) as caught:
        verify()
    return [str(d) for d in caught.value.diagnostics]


def test_excerpts_found_and_nothing_copied(story: Path) -> None:
    assert verify() == (
        "bridge-article: 3 excerpts found verbatim; no run of 8+ words shared with our text"
    )


def test_quote_texts_excerpts_and_the_source_headline_are_not_our_text(story: Path) -> None:
    # The fixture's quote (9 words), excerpts and headline (11 words) are all copied from the
    # archive, and the content references the quote: none of that is reported.
    assert len(words("Town council backs new bridge over the river after long wait")) == 11
    assert verify().startswith("bridge-article: 3 excerpts")


def test_missing_excerpt_is_reported_at_its_text_line(story: Path) -> None:
    edit(DATA / "sources.yaml", "to build a new bridge", "to build a new tunnel")
    assert problems() == [
        "site_data/sources.yaml:8:15: sources[0].excerpts[0].text: "
        "excerpt 'ex-vote' of 'bridge-article' not found verbatim in archive.txt"
    ]


def test_curly_quotes_and_apostrophes_are_normalised(story: Path) -> None:
    # The archive writes “...” and ’; the excerpts write straight quotes. And the other way round:
    edit(DATA / "sources.yaml", "The town's critics", "The town\u2019s critics")
    edit(ARCHIVE, "The town\u2019s critics", "The town's critics")
    assert verify().startswith("bridge-article: 3 excerpts found verbatim")


def test_whitespace_is_collapsed(story: Path) -> None:
    edit(ARCHIVE, "voted on Monday to build", "voted on\n   Monday to\tbuild")
    assert verify().startswith("bridge-article: 3 excerpts found verbatim")


def test_copied_runs_in_a_summary_and_in_content_are_reported(story: Path) -> None:
    edit(
        DATA / "events.yaml",
        "summary: Councillors approve the crossing.",
        "summary: It voted on Monday to build a new bridge over the river.",
    )
    edit(
        CONTENT / "index.md",
        "The council said yes:",
        "Officials say the town council voted on Monday to build a new tunnel:",
    )
    assert problems() == [
        "content/index.md:3:15: shares 10 consecutive words with archive.txt: "
        "'the town council voted on monday to build a new'",
        "site_data/events.yaml:11:17: events[0].summary: shares 11 consecutive words with "
        "archive.txt: 'voted on monday to build a new bridge over the river'",
    ]


def test_exactly_eight_words_are_reported(story: Path) -> None:
    edit(
        DATA / "actors.yaml",
        "role: The body that approved the crossing.",
        "role: They voted on Monday to build a new bridge, not a road.",
    )
    assert problems() == [
        "site_data/actors.yaml:6:16: actors[0].role: shares 8 consecutive words with "
        "archive.txt: 'voted on monday to build a new bridge'"
    ]


def test_seven_word_runs_are_not_reported(story: Path) -> None:
    edit(
        DATA / "events.yaml",
        "summary: Councillors approve the crossing.",
        "summary: They voted on Monday to build a new road.",
    )
    edit(
        CONTENT / "index.md",
        "The council said yes:",
        "Members voted on Monday to build a new road:",
    )
    assert verify().startswith("bridge-article: 3 excerpts")


def test_copied_run_is_found_across_wrapped_lines_and_accents(story: Path) -> None:
    edit(
        DATA / "story.yaml",
        "standfirst: Councillors said yes to a crossing the town has wanted for decades.",
        "standfirst: >-\n    The tówn council voted on\n    Monday to build a new tunnel.",
    )
    assert problems() == [
        "site_data/story.yaml:6:5: story.standfirst: shares 10 consecutive words with "
        "archive.txt: 'the town council voted on monday to build a new'"
    ]


def test_a_reference_breaks_a_run(story: Path) -> None:
    edit(
        CONTENT / "index.md",
        "The council said yes: [[event:bridge-vote]].",
        "The town council voted [[event:bridge-vote]] on Monday to build a new tunnel.",
    )
    assert verify().startswith("bridge-article: 3 excerpts")


def test_every_problem_is_reported_at_once(story: Path) -> None:
    edit(DATA / "sources.yaml", "were quiet", "were loud")
    edit(
        DATA / "positions.yaml",
        "summary: Glad the long wait is over.",
        "summary: We have waited for this bridge for twenty years.",
    )
    found = problems()
    assert len(found) == 2
    assert found[0].startswith("site_data/positions.yaml:7:14: positions[0].summary: shares 9")
    assert found[1].startswith("site_data/sources.yaml:12:15: sources[0].excerpts[2].text:")


def test_unknown_source_id(story: Path) -> None:
    with pytest.raises(DataError) as caught:
        verify_source("no-such-source", ARCHIVE, DATA, CONTENT)
    assert [str(d) for d in caught.value.diagnostics] == [
        "site_data/sources.yaml:2:1: sources: "
        "no source with id 'no-such-source' (known sources: 'bridge-article')"
    ]


def test_cli_prints_problems_and_exits_1(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(DATA / "sources.yaml", "were quiet", "were loud")
    assert main(["verify", "bridge-article", str(ARCHIVE)]) == 1
    err = capsys.readouterr().err
    assert "site_data/sources.yaml:12:15: sources[0].excerpts[2].text: excerpt 'ex-critics'" in err
    assert err.endswith("1 problem found\n")


def test_cli_success(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "bridge-article", str(ARCHIVE)]) == 0
    assert capsys.readouterr().out.startswith("bridge-article: 3 excerpts found verbatim")


def test_missing_archive(story: Path) -> None:
    with pytest.raises(DataError) as caught:
        verify_source("bridge-article", Path("gone.txt"), DATA, CONTENT)
    assert str(caught.value.diagnostics[0]).startswith(
        "gone.txt:1:1: cannot read the archived copy:"
    )


def test_shared_runs_are_maximal() -> None:
    source = words("a b c d e f g h i j")
    grams = {tuple(source[i : i + 8]) for i in range(len(source) - 7)}
    assert shared_runs(words("x a b c d e f g h i y"), grams) == [(1, 10)]
    assert shared_runs(words("a b c d e f g x"), grams) == []


# --- quotations in our own text ----------------------------------------------------------------

COUNTS = "counts: How long the town has waited."


def test_a_verbatim_quotation_may_match_the_source_word_for_word(story: Path) -> None:
    """The issue's case: a figure's counts quotes the source, in quotation marks."""
    edit(
        DATA / "figures.yaml",
        COUNTS,
        "counts: 'Years since it was said that it \"voted on Monday to build a new bridge over "
        "the river\"'",
    )
    assert verify() == (
        "bridge-article: 3 excerpts found verbatim; no run of 8+ words shared with our text "
        "outside 1 quotation of it, found verbatim"
    )


def test_a_quotation_that_is_not_verbatim_is_reported(story: Path) -> None:
    edit(
        DATA / "figures.yaml",
        COUNTS,
        "counts: 'Years since it \"voted on Monday to build a new bridge over the stream\"'",
    )
    assert problems() == [
        "site_data/figures.yaml:5:30: figures[0].counts: quotation not verbatim in archive.txt: "
        "'voted on Monday to build a new bridge over the stream' (it shares 10 consecutive "
        "words with it)"
    ]


def test_outside_quotation_marks_the_eight_word_rule_stays(story: Path) -> None:
    edit(
        DATA / "figures.yaml",
        COUNTS,
        "counts: 'They voted on Monday to build a new bridge \"over the river\"'",
    )
    assert problems() == [
        "site_data/figures.yaml:5:19: figures[0].counts: shares 8 consecutive words with "
        "archive.txt: 'voted on monday to build a new bridge'"
    ]


def test_a_mark_never_closed_quotes_nothing(story: Path) -> None:
    edit(
        DATA / "figures.yaml",
        COUNTS,
        "counts: 'A 12\" pipe: they voted on Monday to build a new bridge over it'",
    )
    assert problems() == [
        "site_data/figures.yaml:5:31: figures[0].counts: shares 9 consecutive words with "
        "archive.txt: 'voted on monday to build a new bridge over'"
    ]


def test_quotations_in_content_across_lines_curly_marks_case_and_ellipsis(story: Path) -> None:
    edit(
        CONTENT / "index.md",
        "The council said yes: [[event:bridge-vote]].",
        "Officials said “the town council voted on Monday to build\n"
        "a new bridge over the river”, and later «The town council voted … to build a new\n"
        'bridge». A paper wrote that "the town council voted on Monday to build a new road".',
    )
    assert problems() == [
        "content/index.md:5:30: quotation not verbatim in archive.txt: 'the town council "
        "voted on Monday to build a new road' (it shares 10 consecutive words with it)"
    ]


def test_a_quotation_of_another_source_is_not_this_checks_business(story: Path) -> None:
    edit(
        CONTENT / "index.md",
        "The council said yes: [[event:bridge-vote]].",
        'The opposition called it "a very expensive way to cross a very small river".',
    )
    assert verify().endswith("no run of 8+ words shared with our text")


def test_a_quotation_wrapping_a_reference(story: Path) -> None:
    edit(
        CONTENT / "index.md",
        "The mayor was pleased: [[quote:mayor-wait]]",
        'The mayor was pleased: "[[quote:mayor-wait]]"',
    )
    assert verify().endswith("no run of 8+ words shared with our text")
