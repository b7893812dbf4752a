"""Contested numbers, on a made-up story (tests/fixtures/contested/: no such town, agency or
bulletin exists): a toll registered, relayed through a UN office then denied by the aid group it
was attributed to and withdrawn by the office, an estimate denied, a count given jointly by two
reporters, a count passed on by a minister, a number we worked out from another ("a reduction
of two"), and a count of the missing from eight reporters, with long names and one in Arabic.

Every expectation is written by hand from the data: "What we know" and the first card as golden
files (tests/golden/expected-contested/), the charts' numbers worked out below from the scale
they declare (generator/pages/charts.py, generator/pages/timeaxis.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from support import FIXTURES, GOLDEN, load_golden_story

from generator.pages.render import Page, render_pages
from generator.pages.storyindex import Index
from generator.pages.summary import what_we_know

STORY = FIXTURES / "contested" / "site_data"
EXPECTED = GOLDEN / "expected-contested"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_golden_story(STORY))


@pytest.fixture(scope="module")
def pages(index: Index) -> dict[str, Page]:
    return {page.path: page for page in render_pages(index)}


def card(markdown: str, figure: str) -> str:
    start = markdown.index(f'<div class="fact fact--figure figure-card" id="figure-{figure}"')
    return markdown[start : markdown.index('<div class="figure-chart"', start)]


def plot(markdown: str, figure: str) -> ET.Element:
    start = markdown.index(
        '<svg class="figure-chart__plot" viewBox="0 ', markdown.index(f'id="figure-{figure}"')
    )
    end = markdown.index("</svg>", start) + len("</svg>")
    return ET.fromstring(markdown[start:end].replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def points(svg: ET.Element) -> dict[str, dict[str, Any]]:
    out = {}
    for g in svg.iter(f"{SVG}g"):
        if (g.get("class") or "").startswith("chart-point "):
            out[g.get("data-report") or ""] = {**g.attrib, "children": list(g)}
    return out


# --- "What we know" and the card: golden, by hand ----------------------------------------------


def test_what_we_know(index: Index) -> None:
    """The editor's choice said as such with the latest number that stands from each source,
    who gave each; the reports set apart counted, not repeated; each contested claim once, with
    every record that carries it (the UN bulletin's withdrawal: an event and a report)."""
    assert what_we_know(index) == (EXPECTED / "what-we-know.md").read_text(encoding="utf-8")


def test_the_card_of_a_contested_toll(pages: dict[str, Page]) -> None:
    expected = (EXPECTED / "figure-dead-card.md").read_text(encoding="utf-8")
    assert card(pages["figures.md"].markdown, "dead") == expected


def test_a_one_report_figure_says_who_gave_it_and_when() -> None:
    """A story whose figures were each reported once shows them all, each with its source when
    no reporter is named (tests/golden/story: the petition's signatures, as a report said)."""
    text = what_we_know(Index(load_golden_story()))
    assert (
        "- **[about 1,200 people](figures.md#figure-signatures)** (as reported on "
        '<time datetime="2024-03-08">8 March 2024</time>, according to [Leaders meet in Vienna]'
        "(sources.md#source-daily-report)): Signatures on the petition\n"
    ) in text


# --- the history table: every report, who gave it and who passed it on -------------------------


def rows(markdown: str, figure: str) -> list[tuple[str, str, str, str]]:
    start = markdown.index(f'<figcaption id="history-{figure}">')
    body = markdown[start : markdown.index("</tbody>", start)]
    out = []
    for row in body.split("<tr id=")[1:]:
        cells = [c.split("</td>")[0] for c in row.split('<td markdown="span">')[1:]]
        head = row.split(" markdown>")[0]
        out.append((head, cells[1], cells[2], cells[3]))
    return out


def test_the_history_marks_apart_relays_kinds_scopes_and_our_reading(
    pages: dict[str, Page],
) -> None:
    assert rows(pages["figures.md"].markdown, "dead") == [
        (
            '"report-dead-registered"',
            '3,000 <span class="report-notes">(registered)</span>',
            "[The Ministry of Health and Population of the Eastern Administration]"
            "(players/health-ministry.md)",
            '<span class="source-link">[Source](sources.md#excerpt-ex-toll-3000)</span>',
        ),
        (
            '"report-dead-relayed" class="figure-history__apart"',
            '<span class="label label--status label--retracted">Retracted by [United Nations '
            "Office for the Coordination of Humanitarian Affairs](players/un-office.md), "
            "16 September 2023</span> 11,300",
            "[Marrow Valley Red Crescent Society](players/red-crescent.md), via [United Nations "
            "Office for the Coordination of Humanitarian Affairs](players/un-office.md) "
            '<span class="source-link">[Source](sources.md#excerpt-ex-ocha-11300)</span>',
            '<span class="source-link">[Source](sources.md#excerpt-ex-agency-relay)</span>',
        ),
        (
            '"report-dead-mayor" class="figure-history__apart"',
            '<span class="label label--status label--denied">Denied by [The Ministry of Health '
            "and Population of the Eastern Administration](players/health-ministry.md), "
            "15 September 2023</span> up to 20,000 "
            '<span class="report-notes">(an estimate)</span>',
            "[Amira Haddad-Castellanos](players/mayor.md)",
            '<span class="source-link">[Source](sources.md#excerpt-ex-mayor-20000)</span>',
        ),
        (
            '"report-dead-joint" class="figure-history__headline"',
            'nearly 4,000 <span class="report-notes">(confirmed · covers Port Selin)</span> '
            '<span class="label label--headline">Shown above</span>',
            "[The head of the emergency services](players/emergency-chief.md) and "
            "[The president&#39;s office](players/presidency.md)",
            '<span class="source-link">[Source](sources.md#excerpt-ex-nearly-4000)</span>',
        ),
        (
            '"report-dead-who"',
            '3,958 <span class="report-notes">(identified only)</span>',
            "[World Health Organization](players/who.md), via [The interior minister]"
            '(players/interior-minister.md) <span class="source-link">[Source]'
            "(sources.md#excerpt-ex-who-3958)</span>",
            '<span class="source-link">[Source](sources.md#excerpt-ex-who-3958)</span>',
        ),
        (
            '"report-dead-less-two"',
            '3,956 <span class="label label--derived">Our reading</span> '
            '<span class="report-derivation">The 3,958 identified dead, reduced by two after two '
            "bodies were recorded twice. (from [3,958 people](#report-dead-who))</span>",
            "[The Ministry of Health and Population of the Eastern Administration]"
            "(players/health-ministry.md)",
            '<span class="source-link">[Source](sources.md#excerpt-ex-reduction)</span>',
        ),
    ]


def test_reports_of_one_day_go_by_time_else_by_the_file(pages: dict[str, Page]) -> None:
    """12 September: 248 at 8:00, 223 with no time, 230 at 18:00 (the file's order, which the
    times agree with): a fall and a rise within one day, in that order."""
    ids = [row[0].split('"')[1] for row in rows(pages["figures.md"].markdown, "missing")]
    assert ids[:3] == ["report-missing-248", "report-missing-223", "report-missing-230"]
    assert ids[-5:] == [
        "report-missing-mayor",
        "report-missing-army",
        "report-missing-coast",
        "report-missing-un-500",
        "report-missing-ministry",
    ]


# --- the charts: worked out by hand ----------------------------------------------------------
#
# Deaths: six days (11-16 September), each 312 / 6 = 52 wide from x 36. The value axis follows
# the reports that stand (the largest 4,000: an axis to 4,000 in steps of 1,000), so a value v
# is at y = 160 - 140 v / 4000. The two reports drawn apart, 11,300 and 20,000, are above it:
# each in a row of its own over the plot (y -8, then -24), the view box 32 higher.


def test_the_toll_chart_describes_what_stands_and_what_is_set_apart(
    pages: dict[str, Page],
) -> None:
    svg = plot(pages["figures.md"].markdown, "dead")
    assert svg.get("viewBox") == "0 -32 360 382"  # a legend of nine rows: 198 + 8 * 18 + 8
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text == "Deaths: every report over time"
    assert desc is not None
    assert desc.text == (
        "Rose from 3,000 on 11 September 2023 to 3,956 (our reading) on 16 September 2023, the "
        "latest report that stands; sources differ by up to 2. 3 reporters: The Ministry of "
        "Health and Population of the Eastern Administration, The head of the emergency services "
        "with The president's office and World Health Organization. A downward caret marks a "
        "ceiling (“up to”, “fewer than”, “nearly”, “almost”). Drawn apart as a cross, on no line "
        "and counted in none of these numbers: 11,300 of 14 September 2023, retracted by United "
        "Nations Office for the Coordination of Humanitarian Affairs on 16 September 2023; up to "
        "20,000 of 14 September 2023, denied by The Ministry of Health and Population of the "
        "Eastern Administration on 15 September 2023. The ringed point is the number shown "
        "above, 4,000, the editor’s choice. The table below holds every report."
    )


def test_where_each_report_of_the_toll_is_drawn(pages: dict[str, Page]) -> None:
    svg = plot(pages["figures.md"].markdown, "dead")
    found = points(svg)
    placed = {
        report: (p["class"], p.get("data-status"), p.get("data-off-scale"))
        for report, p in found.items()
    }
    assert placed == {
        "dead-registered": ("chart-point chart-series--1", None, None),
        "dead-relayed": ("chart-point chart-apart-point", "retracted", "true"),
        "dead-mayor": ("chart-point chart-apart-point", "denied", "true"),
        "dead-joint": ("chart-point chart-series--2", None, None),
        "dead-who": ("chart-point chart-series--3", None, None),
        "dead-less-two": ("chart-point chart-series--1", None, None),
    }
    # 14 September: the two reports set apart, untimed, at a third and two thirds of the day
    # (36 + 3.333 * 52, 36 + 3.667 * 52), each a cross of two strokes, in its row
    relayed, mayor = found["dead-relayed"]["children"], found["dead-mayor"]["children"]
    assert relayed[0].attrib == {
        "class": "chart-apart",
        "d": "M204.3 -13l10 10M204.3 -3l10 -10",
    }
    assert mayor[0].get("d") == "M221.7 -29l10 10M221.7 -19l10 -10"
    # each labelled beside its cross, with its qualifier and status, an arrow for "above"
    assert [(e.text, e.get("text-anchor")) for e in relayed if e.tag == f"{SVG}text"] == [
        ("↑ 11,300 retracted", "start")
    ]
    # (the second would run past the plot's right edge: 226.7 + 10 + 21 characters of 7.28)
    assert [(e.text, e.get("text-anchor")) for e in mayor if e.tag == f"{SVG}text"] == [
        ("↑ up to 20,000 denied", "end")
    ]
    # no line passes through them: the ministry's line runs 3,000 (y 55) from noon on 11
    # September to its next report, 3,956 on 16 September (after the 9:30 report, halfway
    # to the day's end: 36 + 5.698 * 52 = 332.3, y 21.5), then to the end of that day
    lines = {
        (p.get("class") or "").split()[-1]: p.get("d")
        for p in svg.findall(f"{SVG}path")
        if (p.get("class") or "").startswith("chart-line")
    }
    assert lines["chart-series--1"] == "M62 55H332.3V21.5H348"
    # the joint report: 15 September at noon (36 + 4.5 * 52), 4,000 at y 20, ringed
    joint = found["dead-joint"]["children"]
    assert joint[0].attrib == {"class": "chart-ring", "cx": "270", "cy": "20", "r": "9"}
    # the WHO's, at 9:30: 36 + (5 + 570 / 1440) * 52
    who = found["dead-who"]["children"]
    assert who[0].get("points", "").startswith("316.6,")


def test_the_legend_names_what_stands_and_what_the_cross_means(pages: dict[str, Page]) -> None:
    svg = plot(pages["figures.md"].markdown, "dead")
    names = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-name"]
    assert names == [
        "The Ministry of Health and Population of",
        "the Eastern Administration",
        "The head of the emergency services with",
        "The president's office",
        "World Health Organization",
        "up to / fewer than / nearly / almost",
        "disputed, denied or retracted: not",
        "counted, on no line",
        "shown above: 4,000 (15 September 2023)",
    ]


# Missing: three days (12-14 September), each 104 wide; the largest number that stands is
# "more than 1,000" (an axis to 1,000 in steps of 250: y = 160 - 0.14 v). Eight reporters.


def test_eight_reporters_each_have_a_style_of_their_own(pages: dict[str, Page]) -> None:
    svg = plot(pages["figures.md"].markdown, "missing")
    keys = [g for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("chart-key ")]
    styles = []
    for key in keys:
        line, mark = key[0], key[1]
        styles.append(
            (
                (key.get("class") or "").split()[-1],
                mark.tag.split("}")[1],
                mark.get("class"),
                line.get("stroke-dasharray"),
            )
        )
    assert styles == [
        ("chart-series--1", "circle", "chart-marker", None),
        ("chart-series--2", "rect", "chart-marker", "6 3"),
        ("chart-series--3", "polygon", "chart-marker", "2 3"),  # a diamond
        ("chart-series--4", "polygon", "chart-marker", "8 3 2 3"),  # a triangle
        ("chart-series--5", "polygon", "chart-marker", "4 4"),  # a cross
        ("chart-series--6", "polygon", "chart-marker", "1 3"),  # a bar
        ("chart-series--7", "circle", "chart-marker chart-marker--hollow", "10 4"),
        ("chart-series--8", "rect", "chart-marker chart-marker--hollow", "8 3 2 3 2 3"),
    ]
    names = ["".join(t.text or "" for t in key if t.tag == f"{SVG}text") for key in keys]
    assert names[4] == "المركز الوطني لمكافحة الأمراض"
    assert names[7] == "The coast guard"


def test_a_fall_and_a_rise_within_a_day_are_spread_across_it(pages: dict[str, Page]) -> None:
    svg = plot(pages["figures.md"].markdown, "missing")
    found = points(svg)
    centres = {
        report: (p["children"][0].get("cx"), p["children"][0].get("cy"))
        for report, p in found.items()
        if report in ("missing-248", "missing-223", "missing-230")
    }
    # 8:00 is a third of the day (36 + 104 / 3); 18:00 three quarters (36 + 78); the untimed
    # 223 halfway between them (36 + 0.5417 * 104); y 160 - 0.14 v
    assert centres == {
        "missing-248": ("70.7", "125.3"),
        "missing-223": ("92.3", "128.8"),
        "missing-230": ("114", "127.8"),
    }


def test_a_disputed_count_within_the_axis_is_a_cross_at_its_value(
    pages: dict[str, Page],
) -> None:
    svg = plot(pages["figures.md"].markdown, "missing")
    disputed = points(svg)["missing-un-500"]
    assert disputed["class"] == "chart-point chart-apart-point"
    assert disputed["data-status"] == "disputed" and "data-off-scale" not in disputed
    # 14 September's fourth of five untimed reports: 36 + (2 + 4 / 6) * 104; 500 at y 90
    assert disputed["children"][0].get("d") == "M308.3 85l10 10M308.3 95l10 -10"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None
    # the spread leaves the disputed 500 out: more than 1,000 against 198 on 14 September
    assert desc.text == (
        "Fell from 248 on 12 September 2023 to 221 on 14 September 2023, the latest report that "
        "stands; sources differ by up to 802. 8 reporters: The Ministry of Health and Population "
        "of the Eastern Administration, Marrow Valley Red Crescent Society, United Nations "
        "Office for the Coordination of Humanitarian Affairs, Port Selin General Hospital and "
        "the Eastern Region Trauma Centre, المركز الوطني لمكافحة الأمراض, Amira "
        "Haddad-Castellanos, The army's eastern command (Joint Operations Room, Port Selin "
        "sector) and The coast guard. An upward caret marks a floor (“at least”, “more than”). "
        "Drawn apart as a cross, on no line and counted in none of these numbers: 500 of 14 "
        "September 2023, disputed by The Ministry of Health and Population of the Eastern "
        "Administration on 14 September 2023. The ringed point is the number shown above, 221. "
        "The table below holds every report."
    )
