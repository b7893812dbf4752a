"""Bounded work for any input: what a hostile or careless contributor could make the generator do
without end, each case run against a deadline.

Each case runs in a forked child (pytest has no timeout plugin here): work that grows without
bound fails as "still running after N s" instead of hanging the suite, and the child is killed.
The expected values are worked out by hand from the data each case writes:

- a time axis is marked at calendar boundaries chosen by its span (days, months, then 1 January
  of every 1, 2, 5, 10, 20, 50, ... years), never once per day;
- a share image wraps or cuts a word too long for its line;
- titles and names have at most 300 characters, other texts at most 4,000, numbers lie within
  10^15 of zero: each a located message;
- a hand-written page's paragraph has at most 20,000 characters, and its unclosed brackets and
  tags may not make Markdown scan more than 3,000,000 characters looking for their ends;
- "did you mean" is worked out once per distinct unknown id, within a budget per run.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import shutil
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
from PIL import Image
from support import MINIMAL

from generator.cli import main
from generator.outputs.shareimage import Card, draw
from generator.outputs.sharetext import fit
from generator.pages.content import find_references
from generator.pipeline import StoryBuild
from generator.read.diagnostics import Suggestions

DEADLINE = 20.0
"""Seconds a case may take. Each takes well under 2 s here; the unbounded code took from half a
minute to hours on the same input (68 s for a share image of a 10,000-character word, 145 s for
5,000 unknown references)."""


def _child(send: Connection, work: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        send.send(("ok", work(*args)))
    except BaseException as error:  # reported to the parent, which fails the test with it
        send.send(("error", f"{type(error).__name__}: {str(error)[:2000]}"))


def within(seconds: float, work: Callable[..., Any], *args: Any) -> Any:
    """``work(*args)`` in a forked child: its result, or the test fails if the child is still
    running after ``seconds`` (the child is killed) or raised."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work, args), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            pytest.fail(f"{getattr(work, '__name__', work)}: still running after {seconds:g} s")
        status, value = receive.recv()
    finally:
        child.kill()
        child.join()
    if status != "ok":
        pytest.fail(f"{getattr(work, '__name__', work)} raised {value}")
    return value


# --- a story to change -------------------------------------------------------------------------


def make_story(root: Path, edits: dict[str, list[tuple[str, str]]], index: str = "") -> Path:
    """The minimal story under ``root`` with ``edits`` (file kind -> (old, new) pairs, each old
    text found once) and ``content/index.md``."""
    shutil.copytree(MINIMAL, root / "site_data")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text(index or "# Riverside\n\nThe story.\n", "utf-8")
    for kind, pairs in edits.items():
        path = root / "site_data" / f"{kind}.yaml"
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, (kind, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return root


def check(root: Path) -> tuple[int, list[str]]:
    """``explainer check site_data`` in ``root``: (exit code, every line it printed)."""
    os.chdir(root)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "site_data"])
    lines = [line for line in (out.getvalue() + err.getvalue()).splitlines() if line]
    return code, [line for line in lines if ": warning: story: no " not in line]


def page(root: Path, path: str) -> str:
    """The Markdown of one generated page of the story under ``root``."""
    result = StoryBuild(root / "site_data", root / "content", root, share_images=False).run()
    assert result.ok, [str(d) for d in result.diagnostics]
    return next(p.markdown for p in result.pages if p.path == path)


# --- time axes ---------------------------------------------------------------------------------


def chart_counts(root: Path) -> tuple[list[str], int, int]:
    """(the figure chart's day-axis labels, its <line> elements, the figures page's length)."""
    markdown = page(root, "figures.md")
    chart = markdown[markdown.index('<div class="figure-chart"') : markdown.index("</svg>")]
    labels = re.findall(r'class="chart-day"[^>]*>([^<]*)<', chart)
    return labels, chart.count("<line "), len(markdown)


INFERRED = [  # the events' dates as the editor's inference: no arithmetic on a publication date
    (
        "      rule: stated\n      words: on March 4, 2020\n",
        "      rule: inferred\n      words: on March 4, 2020\n      reason: Worked out.\n",
    ),
    (
        "      rule: weekday\n      words: on Thursday\n      weekday: thursday\n"
        "      direction: previous\n",
        "      rule: inferred\n      words: on Thursday\n      reason: Worked out.\n",
    ),
]


def two_reports(first: str, last: str, published: str = "2020-03-06") -> dict[str, Any]:
    later = (
        f"        as_of: {first}\n        cites: [ex-official]\n"
        "      - id: bridge-cost-later\n        value: 14\n"
        f"        as_of: {last}\n        cites: [ex-official]\n"
    )
    return {
        "figures": [("        cites: [ex-official]\n", later)],
        "sources": [("published: 2020-03-06", f"published: {published}")],
        "events": INFERRED,
    }


@pytest.mark.parametrize(
    ("first", "last", "published", "labels"),
    [
        # 1905-01-01 to 2020-03-01: 20-year steps give six boundaries, 1920 to 2020 (ten-year
        # steps would give twelve; a 312-unit axis holds seven labels of a year)
        ("1905-01-01", "2020-03-01", "2020-03-06",
         ["1920", "1940", "1960", "1980", "2000", "2020"]),
        # year 1 to 9999: every 2000 years (every 1000 would be nine labels)
        ("0001-01-01", "9999-12-31", "9999-12-31", ["2000", "4000", "6000", "8000"]),
    ],
)  # fmt: skip
def test_a_figure_over_centuries_marks_years_not_days(
    tmp_path: Path, first: str, last: str, published: str, labels: list[str]
) -> None:
    # was one <line> per day: 42,070 for 115 years (2.8 MB of Markdown)
    root = make_story(tmp_path, two_reports(first, last, published))
    shown, lines, size = within(DEADLINE, chart_counts, root)
    assert shown == labels
    # the value axis of 14: gridlines at 0, 5, 10 and 15; the time axis; a tick per label
    assert lines == 4 + 1 + len(labels)
    assert size < 20_000


def test_a_figure_over_two_years_marks_months(tmp_path: Path) -> None:
    # 2019-01-10 to 2020-03-01: 14 month starts; every 6 months gives Jul 2019, Jan 2020
    root = make_story(tmp_path, two_reports("2019-01-10", "2020-03-01"))
    shown, lines, _ = within(DEADLINE, chart_counts, root)
    assert shown == ["1 Jul ’19", "1 Jan ’20"]
    assert lines == 4 + 1 + 2


def strip_ticks(root: Path) -> tuple[list[str], int]:
    """(the timeline strip's axis labels, the timeline page's length)."""
    markdown = page(root, "timeline.md")
    return re.findall(r'class="timeline-strip__tick[^"]*"[^>]*>([^<]*)<', markdown), len(markdown)


@pytest.mark.parametrize(
    ("first", "last", "published", "labels"),
    [
        # 4 March 1 to 5 March 2020, one piece (pages/stripaxis.py): 1 January of a year, the
        # roundest first, each kept if it clears those kept (2.4% a character, 1.2% between):
        # 1000 at 49.5%, then of the hundreds 500 (24.7%), 700 (34.6%) and 1300 (64.3%); the end's
        # "5 Mar 2020" takes the last 26%, and each other year would touch a label kept
        ("0001-03-04", "2020-03-05", "2020-03-06",
         ["4 Mar 1", "500", "700", "1000", "1300", "5 Mar 2020"]),
        # 1 January 1 to 31 December 9999: of the thousands only 3000 (30%) and 5000 (50%) clear
        # the ends ("1 Jan 1" the first 19%, "31 Dec 9999" the last 29%) and each other; of the
        # hundreds, 6100 (61%) fits between 5000 and the end; nothing more does (and 31 December
        # 9999, the last day there is, has no day after it to overflow into)
        ("0001-01-01", "9999-12-31", "9999-12-31",
         ["1 Jan 1", "3000", "5000", "6100", "31 Dec 9999"]),
    ],
)  # fmt: skip
def test_the_timeline_strip_over_millennia_marks_years_not_months(
    tmp_path: Path, first: str, last: str, published: str, labels: list[str]
) -> None:
    # was one tick per month: 19,385 for 2019 years, 95,993 for 10,000 (8.7 MB)
    root = make_story(
        tmp_path,
        {
            "events": [
                ("date: 2020-03-04\n", f"date: {first}\n"),
                ("date: 2020-03-05\n", f"date: {last}\n"),
                *INFERRED,
            ],
            "sources": [("published: 2020-03-06", f"published: {published}")],
        },
    )
    shown, size = within(DEADLINE, strip_ticks, root)
    assert shown == labels
    assert size < 30_000


# --- share images ------------------------------------------------------------------------------


def draw_size(title: str, text: str, home: bool) -> tuple[int, int]:
    png = draw(Card(name="card", kicker=title, title=title, text=text, home=home))
    with Image.open(io.BytesIO(png)) as image:
        return image.size


@pytest.mark.parametrize("home", [True, False])
@pytest.mark.parametrize(
    "title",
    [" ".join(["w" * 60_000] * 3), "m" * 300_000],
    ids=["three 60,000-character words", "one 300,000-character word"],
)
def test_a_share_image_of_huge_words_is_drawn_in_time(title: str, home: bool) -> None:
    # was quadratic (10,000 characters: 68 s) and, at 300,000, Pillow's DecompressionBombError
    assert within(DEADLINE, draw_size, title, title, home) == (1200, 630)


def fitted(text: str, width: int, lines: int) -> tuple[list[str], list[float]]:
    font, shown = fit(text, width, lines, (40,))
    return shown, [font.getlength(line) for line in shown]


def test_a_word_too_long_for_its_line_is_broken_and_the_last_line_cut() -> None:
    word = "Wolfeschlegelsteinhausenbergerdorff" * 20  # 700 letters, several lines' worth
    shown, widths = within(DEADLINE, fitted, f"Mr {word} speaks", 600, 3)
    assert len(shown) == 3
    # the long word starts a line of its own, as a browser breaks it, and ends where it reaches
    # the edge
    assert shown[0] == "Mr" and shown[1].startswith("Wolfe") and shown[-1].endswith("…")
    assert all(width <= 600 for width in widths)
    # nothing is lost but what the last line cuts: the lines read as the start of the text
    joined = shown[0] + " " + "".join(shown[1:])[:-1]
    assert f"Mr {word}".startswith(joined)


# --- length and number limits ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "old", "new", "line"),
    [
        (
            "events",
            "title: The mayor makes the case for the bridge",
            "title: " + "x" * 150_000,
            "site_data/events.yaml:8:5: events[0].title: is 150,000 characters long; at most 300",
        ),
        (
            "events",
            "summary: Inês Lima tells reporters the footbridge would unite the town.",
            "summary: " + "a&<" * 2_000,
            "site_data/events.yaml:9:5: events[0].summary: is 6,000 characters long; at most 4,000",
        ),
        (
            "actors",
            "name: Inês Lima",
            "name: " + "Lima " * 60 + "Lima!",
            "site_data/actors.yaml:4:5: actors[0].name: is 305 characters long; at most 300",
        ),
    ],
)
def test_a_text_over_its_limit_is_one_located_line(
    tmp_path: Path, kind: str, old: str, new: str, line: str
) -> None:
    # was accepted, and the build then hung in Markdown (150,000 characters of entities)
    root = make_story(tmp_path, {kind: [(old, new)]})
    assert within(DEADLINE, check, root) == (1, [line, "1 problem found"])


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (str(2**1023), str(2**1023)[:50] + "…"),
        ("1.7e+308", "1.7e+308"),
        ("-1.0e+16", "-1.0e+16"),
        ("1000000000000001", "1000000000000001"),
    ],
)
def test_a_number_out_of_range_is_one_located_line(
    tmp_path: Path, written: str, shown: str
) -> None:
    # was OverflowError: int too large to convert to float, in the chart and the share image
    root = make_story(tmp_path, two_reports("2020-01-01", "2020-03-01"))
    path = root / "site_data" / "figures.yaml"
    path.write_text(path.read_text("utf-8").replace("value: 14", f"value: {written}"), "utf-8")
    line = (
        f"site_data/figures.yaml:13:9: figures[0].reports[1].value: the number {shown} is "
        "out of range: at most 10^15 (1,000,000,000,000,000) either side of zero; give it "
        "in a larger unit"
    )
    assert within(DEADLINE, check, root) == (1, [line, "1 problem found"])


def test_numbers_at_the_ends_of_the_range_are_drawn(tmp_path: Path) -> None:
    # 1 October 2019 to 1 March 2020: six month starts; every second month gives three
    root = make_story(tmp_path, two_reports("2019-10-01", "2020-03-01"))
    path = root / "site_data" / "figures.yaml"
    text = path.read_text("utf-8").replace("value: 12", "value: 1000000000000000")
    path.write_text(text.replace("value: 14", "value: 1.0e+15"), "utf-8")
    code, lines = within(DEADLINE, check, root)
    assert code == 0, lines
    labels, _, _ = within(DEADLINE, chart_counts, root)
    assert labels == ["1 Nov ’19", "1 Jan ’20", "1 Mar ’20"]


# --- hand-written pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (
            "`" * 120_000,  # was a hang in check's own search for code spans
            "content/index.md:3:1: this paragraph is 120,000 characters long; at most 20,000: "
            "split it",
        ),
        (
            "[" * 5_000,  # Markdown: 4 s; 20,000 of them, minutes
            "content/index.md:3:1: the square brackets and tags from here make Markdown look "
            "through 12,497,500 characters for where they close (a page may make it look "
            "through 3,000,000): close each '[' with ']' and each tag with '>', or write \\[ "
            "and &lt;",
        ),
        (
            "x <a " * 3_000,  # Markdown's HTML parser: 20,000 characters of this, 3.4 s
            "content/index.md:3:3: the square brackets and tags from here make Markdown look "
            "through 22,501,500 characters for where they close (a page may make it look "
            "through 3,000,000): close each '[' with ']' and each tag with '>', or write \\[ "
            "and &lt;",
        ),
    ],
    ids=["120,000 backticks", "5,000 open brackets", "3,000 open tags"],
)
def test_a_page_markdown_would_choke_on_is_one_located_line(
    tmp_path: Path, body: str, line: str
) -> None:
    root = make_story(tmp_path, {}, index=f"# Riverside\n\n{body}\n")
    assert within(DEADLINE, check, root) == (1, [line, "1 problem found"])


def references_in(text: str) -> list[tuple[str, int, int]]:
    return [(ref.id, ref.line, ref.col) for ref in find_references(text)]


def test_looking_for_code_spans_takes_one_pass() -> None:
    # was a regular expression that backtracked: 16,000 backticks 2.2 s, 120,000 a hang
    line = "`" * 200_000 + " [[quote:a]] `[[quote:b]]` `` [[quote:c]] `` ```[[quote:d]]"
    assert within(DEADLINE, references_in, line) == [("a", 1, 200_002), ("d", 1, 200_049)]


def test_a_long_page_of_links_is_within_the_bounds(tmp_path: Path) -> None:
    # 400 paragraphs of five references each: a real page, however long, passes
    paragraph = " ".join(["The mayor [[actor:ines-lima]] said so [[quote:lima-two-halves]]."] * 3)
    root = make_story(tmp_path, {}, index="# Riverside\n\n" + f"{paragraph}\n\n" * 400)
    code, lines = within(DEADLINE, check, root)
    assert (code, lines[-1:]) == (0, [lines[-1]]) and lines[-1].startswith("site_data: ok (")


# --- "did you mean" ----------------------------------------------------------------------------


def test_thousands_of_unknown_references_are_checked_in_time(tmp_path: Path) -> None:
    # 5,000 positions naming unknown players, questions and excerpts among 3,000 players:
    # was one suggestion search per reference, 145 s
    root = make_story(tmp_path, {})
    data = root / "site_data"
    lines = ["# yaml-language-server: $schema=../schema/positions.schema.json", "positions:"]
    for n in range(5_000):
        lines += [
            f"  - id: pos-{n}",
            f"    actor: actor-{n}",
            f"    question: question-{n % 7}",
            "    stance: supports",
            "    summary: x.",
            f"    cites: [ex-{n}]",
        ]
    (data / "positions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    players = ["# yaml-language-server: $schema=../schema/actors.schema.json", "actors:"]
    for n in range(3_000):
        players += [
            f"  - id: known-actor-{n}",
            f"    name: A {n}",
            "    kind: person",
            "    role: x.",
            "    cites: [ex-vote]",
        ]
    (data / "actors.yaml").write_text("\n".join(players) + "\n", encoding="utf-8")
    # 3 s here; a longer deadline than the others, as loading 8,000 records is real work that
    # a machine shared with other builds slows down (it still tells 145 s from 3)
    code, out = within(3 * DEADLINE, check, root)
    assert code == 1
    assert out[:3] == [
        "site_data/events.yaml:10:14: events[0].actors[0]: unknown actor 'ines-lima'",
        "site_data/events.yaml:21:14: events[1].actors[0]: unknown actor 'riverside-council'",
        "site_data/events.yaml:22:5: events[1].claimed_by: unknown actor 'ines-lima'",
    ]
    # the first unknown player of positions.yaml is close to a known one
    assert (
        "site_data/positions.yaml:4:5: positions[0].actor: unknown actor 'actor-0' "
        "(did you mean 'known-actor-0'?)"
    ) in out


def test_suggestions_are_searched_once_per_id_within_a_budget() -> None:
    listed: list[str] = []

    def players() -> list[str]:
        listed.append("players")
        return ["known-actor-1", "known-actor-2"]

    suggestions = Suggestions(budget=4)
    assert suggestions.hint("actor-1", "actor", players) == " (did you mean 'known-actor-1'?)"
    assert suggestions.hint("actor-1", "actor", players) == " (did you mean 'known-actor-1'?)"
    assert suggestions.left == 2  # the second time was the first one's answer
    assert suggestions.hint("actor-2", "actor", players) == " (did you mean 'known-actor-2'?)"
    assert suggestions.hint("actor-3", "actor", players) == ""  # the budget is spent
    assert listed == ["players"]


# --- texts at their limits ---------------------------------------------------------------------


def convert_every_page(root: Path) -> int:
    """Every generated page of the story under ``root`` through Python-Markdown with the
    extensions of mkdocs.yml, as MkDocs builds them: how many pages."""
    result = StoryBuild(root / "site_data", root / "content", root, share_images=False).run()
    assert result.ok, [str(d) for d in result.diagnostics]
    extensions = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.details", "toc"]
    for generated in result.pages:
        markdown.Markdown(extensions=extensions).convert(generated.markdown)
    return len(result.pages)


def test_titles_and_texts_at_their_limits_convert_in_time(tmp_path: Path) -> None:
    # What costs Markdown most in data text: characters it must see as escapes (each one an
    # entity, &#91;), at the longest a title or text may be.
    title = ("[<&*_`" * 50)[:300]
    text = ("[<&*_`|" * 600)[:4_000]
    root = make_story(
        tmp_path,
        {
            "events": [
                ("title: The mayor makes the case for the bridge", f"title: '{title}'"),
                ("title: The council votes to fund the footbridge", f"title: '{title}'"),
                (
                    "summary: Inês Lima tells reporters the footbridge would unite the town.",
                    f"summary: '{text}'",
                ),
            ],
            "actors": [
                ("name: Inês Lima", f"name: '{title}'"),
                ("role: Mayor of Riverside, who backs the footbridge.", f"role: '{text}'"),
            ],
        },
    )
    assert within(DEADLINE, convert_every_page, root) > 10
