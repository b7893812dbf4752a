"""What a fuzzer (and an attacker, or a careless editor) found, each class as one exact line.

Every case runs ``explainer check`` in this process and expects exit 1 with exactly one located
problem line and the count; the files are written the way the finding made them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from support import REPO

from generator.cli import main
from generator.read.datafile import MAX_FILE_BYTES
from generator.read.diagnostics import Diagnostic, escape, one_line, show
from generator.read.loader import load_story, modeline
from generator.read.sourcemap import MAX_ALIAS_CHARS, MAX_NODES
from generator.read.texthygiene import first_problem

Edit = Callable[[str, str, str], None]
Check = Callable[..., tuple[int, list[str]]]


@pytest.fixture
def check(
    story_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Check:
    """``explainer check site_data`` in the story copy's folder: (exit code, stderr lines)."""
    monkeypatch.chdir(story_copy.parent)

    def run(data_dir: str = "site_data") -> tuple[int, list[str]]:
        code = main(["check", data_dir])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return code, captured.err.splitlines()

    return run


def one_problem(line: str) -> tuple[int, list[str]]:
    return 1, [line, "1 problem found"]


# --- explicit YAML tags with values their constructor cannot build ------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "!!bool needs true or false, got 'maybe'"),  # was KeyError
        (
            "!!timestamp nope",  # was AttributeError
            "!!timestamp needs a date (YYYY-MM-DD) or a date and time, got 'nope'",
        ),
        ("!!int x", "!!int needs a whole number, got 'x'"),
        ("!!int 0x", "!!int needs a whole number, got '0x'"),
        ("!!int 0b_", "cannot read '0b_' as a whole number"),  # the pattern passes, int() fails
        ("!!float", "!!float needs a number, got ''"),  # was IndexError
        ("!!float ._", "!!float needs a number, got '._'"),
        ("!!null x", "!!null needs no value (null or ~), got 'x'"),  # was silently None
        ("!!binary aGVsbG8=", "unsupported tag '!!binary'; remove it"),  # no field holds bytes
        ("!!binary 12", "unsupported tag '!!binary'; remove it"),  # was a two-line message
        (
            "!!timestamp 2015-02-30",
            "impossible date '2015-02-30': February 2015 has 28 days",
        ),
        (
            "!!timestamp 2020-01-01 10:00:00 +99",
            "impossible date '2020-01-01 10:00:00 +99': its time or offset from UTC is out of "
            "range",
        ),
        ("!!str [a]", "unsupported tag '!!str' on a list; remove it"),
        ("!!int {a: 1}", "unsupported tag '!!int' on a mapping; remove it"),
        ("!local x", "unsupported tag '!local'; remove it"),
        (
            "9" * 5000,  # more digits than Python turns into an int
            "'99999999999999999999999999999999999999999999999999…' (5,000 characters) "
            "is too large for a number",
        ),
        (
            "0x" + "f" * 300,  # hex has no digit limit; its decimal form would be 361 digits
            "'0xffffffffffffffffffffffffffffffffffffffffffffffff…' (302 characters) "
            "is too large for a number",
        ),
    ],
)
def test_tag_with_a_bad_value(check: Check, edit: Edit, value: str, message: str) -> None:
    edit("figures", "value: 12", f"value: {value}")
    assert check() == one_problem(
        f"site_data/figures.yaml:8:16: figures[0].reports[0].value: {message}"
    )


def test_tags_with_good_values_are_read(story_copy: Path, edit: Edit) -> None:
    edit("figures", "value: 12", 'value: !!int "12"')
    edit("figures", "qualifier: about", "qualifier: !!str about")
    report = load_story(story_copy).figures[0].reports[0]
    assert (report.value, report.qualifier.value) == (12, "about")


# --- data files that are not regular files of bounded size -------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (Path.mkdir, "a folder, not a regular file"),
        (_fifo, "a named pipe (FIFO), not a regular file"),  # was a hang
        (_socket, "a socket, not a regular file"),
        (
            lambda path: path.symlink_to("/dev/zero"),  # was read until MemoryError
            "a symbolic link leading outside the project (to /dev/zero); only files inside the "
            "project are read",
        ),
        (
            lambda path: path.symlink_to(path.name),  # was RuntimeError from display_path
            "a symbolic link loop (the link leads back to itself)",
        ),
        (
            lambda path: path.symlink_to("old-figures.yaml"),
            "a symbolic link to a missing file (old-figures.yaml)",
        ),
        (
            lambda path: path.write_bytes(b"#" * (MAX_FILE_BYTES + 1)),
            "file is too large: 2,097,153 bytes; the limit is 2,097,152 bytes (2 MiB)",
        ),
    ],
)
def test_data_file_that_is_not_a_regular_file(
    check: Check, story_copy: Path, make: Callable[[Path], None], message: str
) -> None:
    path = story_copy / "figures.yaml"
    path.unlink()
    make(path)
    assert check() == one_problem(f"site_data/figures.yaml:1:1: {message}")


def test_a_file_at_the_size_limit_is_read(story_copy: Path) -> None:
    path = story_copy / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    padding = MAX_FILE_BYTES - len(text.encode()) - 2
    path.write_text(text + "#" + "x" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_story(story_copy).figures[0].reports[0].value == 12


def test_a_symbolic_link_to_a_file_is_read(story_copy: Path) -> None:
    path = story_copy / "figures.yaml"
    path.rename(story_copy.parent / "figures-elsewhere.yaml")
    path.symlink_to(story_copy.parent / "figures-elsewhere.yaml")
    assert load_story(story_copy).figures[0].reports[0].value == 12


def test_data_folder_that_is_a_symbolic_link_loop(check: Check, story_copy: Path) -> None:
    (story_copy.parent / "loop").symlink_to("loop")
    code, lines = check("loop")
    assert code == 1
    assert lines[0].startswith("loop:1:1: a symbolic link loop; expected a folder with story.yaml")


def test_named_pipe_as_a_real_process(story_copy: Path) -> None:
    """The hang was in a real ``explainer check``: run one, with a deadline."""
    path = story_copy / "quotes.yaml"
    path.unlink()
    os.mkfifo(path)
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "site_data"],
        cwd=story_copy.parent,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "site_data/quotes.yaml:1:1: a named pipe (FIFO), not a regular file\n1 problem found\n",
    )


# --- date arithmetic at the ends of the calendar -------------------------------------------------


@pytest.mark.parametrize(
    ("published", "direction", "message"),
    [
        (
            "0001-01-02",  # a Tuesday: the Thursday before it would be in year 0
            "previous",
            "the thursday before the publication of 'gazette-footbridge' on 0001-01-02 "
            "falls outside the calendar (0001-01-01 to 9999-12-31)",
        ),
        (
            "9999-12-31",  # a Friday: the Thursday after it would be in year 10000
            "next",
            "the thursday after the publication of 'gazette-footbridge' on 9999-12-31 "
            "falls outside the calendar (0001-01-01 to 9999-12-31)",
        ),
    ],
)
def test_weekday_rule_past_the_calendar(
    check: Check, edit: Edit, published: str, direction: str, message: str
) -> None:
    """Was ``OverflowError: date value out of range`` from the date arithmetic."""
    edit("sources", "published: 2020-03-06", f"published: {published}")
    edit("events", "direction: previous", f"direction: {direction}")
    assert check() == one_problem(f"site_data/events.yaml:13:5: events[1].date: {message}")


# --- aliases, bounded by what they expand to ---------------------------------------------------


def test_aliases_of_a_long_string_are_refused_by_size(check: Check, story_copy: Path) -> None:
    """5,000 aliases of one 200 KB string passed (5,000 nodes), then the build ran out of memory."""
    text = (story_copy / "questions.yaml").read_text(encoding="utf-8")
    aliases = ", ".join(["*s"] * 5000)
    bomb = text.replace("questions:\n", f"big: &s {'x' * 200_000}\nmany: [{aliases}]\nquestions:\n")
    (story_copy / "questions.yaml").write_text(bomb, encoding="utf-8")
    expected = f"aliases expand beyond {MAX_ALIAS_CHARS:,} characters"
    assert check() == one_problem(f"site_data/questions.yaml:2:6: many[5]: {expected}")


# --- files that would take minutes, or print a million lines -----------------------------------


def test_a_file_of_too_many_values_is_refused(check: Check, story_copy: Path) -> None:
    """2 MiB of ``[a,a,a,...`` was a million values: a minute, 2.6 GB and a million lines."""
    items = "a," * MAX_NODES
    (story_copy / "events.yaml").write_text(f"{modeline('events')}\nevents: [{items}]\n")
    # the mapping, the key, the list, then items: value 100,001 is item 99,998, at column
    # 10 + 2 * 99,997
    assert check() == one_problem(
        "site_data/events.yaml:2:200004: more than 100,000 values in one file; split the file"
    )


def test_at_most_a_thousand_problems_per_file_are_shown(check: Check, story_copy: Path) -> None:
    items = ", ".join(["a"] * 1500)
    (story_copy / "events.yaml").write_text(f"{modeline('events')}\nevents: [{items}]\n")
    code, lines = check()
    assert code == 1
    assert len(lines) == 1002
    assert lines[0] == (
        "site_data/events.yaml:1:1: more problems in this file than the 1,000 shown; "
        "fix these and check again"
    )
    assert lines[1] == (
        "site_data/events.yaml:2:10: events[0]: expected a mapping (key: value lines), got 'a'"
    )
    assert lines[1000].startswith("site_data/events.yaml:2:3007: events[999]: ")
    assert lines[-1] == "1001 problems found"


# --- one problem, one short line ---------------------------------------------------------------


def test_a_value_with_a_line_break_stays_on_one_line(check: Check, edit: Edit) -> None:
    edit("actors", "kind: person", 'kind: "first line\\nsecond line"')
    assert check() == one_problem(
        "site_data/actors.yaml:5:5: actors[0].kind: 'first line\\nsecond line' is not allowed; "
        "expected 'person', 'country', 'organisation', 'group' or 'anonymous'"
    )


def test_a_megabyte_value_is_cut_with_its_length(check: Check, edit: Edit) -> None:
    edit("actors", "kind: person", f"kind: {'a' * 1_048_576}")
    assert check() == one_problem(
        "site_data/actors.yaml:5:5: actors[0].kind: "
        f"'{'a' * 50}…' (1,048,576 characters) is not allowed; "
        "expected 'person', 'country', 'organisation', 'group' or 'anonymous'"
    )


def test_messages_built_elsewhere_are_cut_and_escaped_too(check: Check, edit: Edit) -> None:
    """The cross-file checks quote values in their own words; the one formatter still applies."""
    edit("events", "words: on Thursday", f'words: "on\\nFriday {"b" * 200}"')
    assert check() == one_problem(
        "site_data/events.yaml:16:7: events[1].date_basis.words: the words "
        f"'on\\nFriday {'b' * 40}…' (210 characters) do not occur in the excerpts cited (ex-vote)"
    )


def test_a_key_with_a_line_break_and_a_long_key(check: Check, edit: Edit) -> None:
    edit(
        "questions",
        "    short: Funding\n",
        f'    short: Funding\n    "a\\nb": 1\n    {"k" * 500}: 2\n',
    )
    code, lines = check()
    assert (code, lines) == (
        1,
        [
            "site_data/questions.yaml:6:5: questions[0].a\\nb: unknown field 'a\\nb'; "
            "allowed: id, question, short, summary, kind, unanswered",
            f"site_data/questions.yaml:7:5: questions[0].{'k' * 50}…: unknown field "
            f"'{'k' * 50}…' (500 characters); allowed: id, question, short, summary, kind, "
            "unanswered",
            "2 problems found",
        ],
    )


def test_one_line_cuts_whatever_is_still_too_long() -> None:
    message = one_line("x" * 5000)
    assert len(message) < 1000
    assert message.endswith("… (cut from 5,000 characters)")
    assert "\n" not in str(Diagnostic("f.yaml", 1, 1, "a\nb", "c\rd\u202e"))


def test_show_and_escape() -> None:
    assert show("it's") == "'it''s'"
    assert show("tab\there") == "'tab\\there'"
    assert escape("\x00\x7f\u2028\U000e0041") == "\\x00\\x7f\\u2028\\U000e0041"


def test_every_control_format_and_odd_space_character_is_escaped() -> None:
    """The character class in diagnostics.py against this Python's Unicode database."""
    hidden = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp", "Zs") and code != 0x20
    ]
    assert [char for char in hidden if escape(char) == char] == []
    assert escape("a b\xa0c\u3000") == "a b\\xa0c\\u3000"
    assert escape("é中 Ω\t") == "é中 Ω\\t"


# --- text hygiene ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "col", "message"),
    [
        (
            "Inês\u202e Lima",
            15,
            "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE can make text read "
            "differently from what it is; remove it",
        ),
        (
            '"Inês\\u2066 Lima"',  # written as an escape: located at the value
            11,
            "bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE can make text read "
            "differently from what it is; remove it",
        ),
        (
            "Inês\u200bLi\u200bma\u200b",
            15,
            "invisible character U+200B ZERO WIDTH SPACE; remove it (and 2 more in this value)",
        ),
        ("Inês\ufeffLima", 15, "invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE; remove it"),
        ("Inês\u2060Lima", 15, "invisible character U+2060 WORD JOINER; remove it"),
        ("Inês\u180eLima", 15, "invisible character U+180E MONGOLIAN VOWEL SEPARATOR; remove it"),
        ("In\u00adês", 13, "invisible character U+00AD SOFT HYPHEN; remove it"),
        ("Inês\U000e0041", 15, "invisible character U+E0041 TAG LATIN CAPITAL LETTER A; remove it"),
        (
            "Inê\u200ds Lima",  # a joiner between two Latin letters joins nothing
            14,
            "U+200D ZERO WIDTH JOINER outside a word of a script that joins letters "
            "(Arabic, Persian, Indic ...) or an emoji sequence; remove it",
        ),
        (
            "\u200cInês",  # at the start
            11,
            "U+200C ZERO WIDTH NON-JOINER outside a word of a script that joins letters "
            "(Arabic, Persian, Indic ...) or an emoji sequence; remove it",
        ),
        (
            "Inês\u200f 2020",
            15,
            "direction mark U+200F RIGHT-TO-LEFT MARK in text without a right-to-left letter; "
            "remove it",
        ),
        ('"Inês\\0"', 11, "control character U+0000; remove it"),
        ('"Inês\\r"', 11, "control character U+000D; remove it"),
        ('"Inês\\L"', 11, "U+2028 LINE SEPARATOR breaks lines unseen; write a plain line break"),
    ],
)
def test_refused_characters_in_a_name(
    check: Check, edit: Edit, name: str, col: int, message: str
) -> None:
    edit("actors", "name: Inês Lima", f"name: {name}")
    assert check() == one_problem(f"site_data/actors.yaml:4:{col}: actors[0].name: {message}")


def test_refused_character_in_an_id_is_said_once(check: Check, edit: Edit) -> None:
    edit("questions", "id: fund-bridge", "id: fund\u200b-bridge")
    assert check() == one_problem(
        "site_data/questions.yaml:3:13: questions[0].id: invisible character U+200B "
        "ZERO WIDTH SPACE; remove it"
    )


def test_refused_character_in_a_key(check: Check, edit: Edit) -> None:
    edit("questions", "    short: Funding", "    sho\u202ert: Funding")
    assert check() == (
        1,
        [
            "site_data/questions.yaml:3:5: questions[0]: missing required field 'short'",
            "site_data/questions.yaml:5:8: questions[0].sho\\u202ert: bidirectional control "
            "U+202E RIGHT-TO-LEFT OVERRIDE can make text read differently from what it is; "
            "remove it",
            "2 problems found",
        ],
    )


def test_refused_character_in_folded_text_is_located_at_itself(check: Check, edit: Edit) -> None:
    edit(
        "actors",
        "role: Mayor of Riverside, who backs the footbridge.",
        "role: >-\n      Mayor of Riverside,\n      who\u2067 backs the footbridge.",
    )
    assert check() == one_problem(
        "site_data/actors.yaml:8:10: actors[0].role: bidirectional control U+2067 "
        "RIGHT-TO-LEFT ISOLATE can make text read differently from what it is; remove it"
    )


@pytest.mark.parametrize(
    "name",
    [
        "می\u200cخواهم",  # Persian: ZWNJ between two Arabic letters
        "क्\u200dष",  # Devanagari: ZWJ after a virama
        "ශ්\u200dරී",  # Sinhala
        "👩\u200d💻",  # emoji sequence
        "🏳\ufe0f\u200d🌈",  # emoji, presentation selector, ZWJ, emoji
        "שלום\u200f 2020",  # RLM in Hebrew text
        "مرحبا\u061c 2020",  # ALM in Arabic text
        "Ağrı, Ærø, Łódź, 中文, Ελλάδα",
    ],
)
def test_characters_a_script_needs_are_allowed(story_copy: Path, edit: Edit, name: str) -> None:
    edit("actors", "name: Inês Lima", f"name: {name}")
    assert load_story(story_copy).actors[0].name == name


def test_hygiene_rule_covers_only_what_it_says() -> None:
    """Every character the rule can refuse is a control, separator or format character."""
    assert first_problem("plain text, with tabs\tand\nline feeds") is None
    refusable = [
        code for code in range(sys.maxunicode + 1) if first_problem(f"a{chr(code)}a") is not None
    ]
    categories = {unicodedata.category(chr(code)) for code in refusable}
    # Cn: U+13439-U+1343F, Egyptian hieroglyph format controls from Unicode 15 on
    assert categories <= {"Cc", "Cf", "Zl", "Zp", "Cn"}
    assert {0x202E, 0x200B, 0xFEFF, 0x2060, 0x180E, 0x200D, 0x200E} <= set(refusable)
    assert 0x0600 not in refusable  # ARABIC NUMBER SIGN: visible


def test_shipped_story_is_clean() -> None:
    assert load_story(REPO / "site_data").actors


def test_modeline_is_not_cut(check: Check, edit: Edit) -> None:
    edit("positions", f"{modeline('positions')}\n", "")
    assert check() == one_problem(
        "site_data/positions.yaml:1:1: the first line must be the schema line "
        f"'{modeline('positions')}'"
    )
