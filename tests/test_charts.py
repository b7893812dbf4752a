"""The figure charts: their structure and numbers (not pixels), their words, their links.

The numbers are worked out by hand from tests/golden/developing/figures.yaml and the scale the
chart declares (generator/pages/charts.py and generator/pages/timeaxis.py): a viewBox 360 wide, the
plot from x 36 to 348 and from y 20 (top of the value axis) to 160 (zero). The toll's reports: at
least 12 (ministry, 2 May, no time), 14–18 (the mayor, 3 May by its source's publication, no time,
above the next one in the file), 15 (ministry, 3 May 9:00). Two days, each 156 wide; the highest
number 18 gives a value axis to 20 in steps of 5, so a value v is at y = 160 - 7 v.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from support import GOLDEN, load_golden_story

from generator.pages.charts import figure_chart
from generator.pages.chartwords import trend_sentence
from generator.pages.figures import FigureView, view
from generator.pages.render import Page, render_pages
from generator.pages.storyindex import Index
from generator.pages.timeaxis import resolve_links
from generator.schema.model import Figure, Source

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    index = Index(load_golden_story(GOLDEN / "developing"))
    return {page.path: page for page in render_pages(index)}


def chart_block(markdown: str) -> ET.Element:
    start = markdown.index('<div class="figure-chart"')
    end = markdown.index("</details>\n</div>", start) + len("</details>\n</div>")
    block = markdown[start:end].replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ')
    return ET.fromstring(block)


def test_the_chart_sits_in_the_card_above_the_table(pages: dict[str, Page]) -> None:
    text = pages["figures.md"].markdown
    assert text.count('<div class="figure-chart"') == 1
    assert text.index('class="figure-card__differ"') < text.index('<div class="figure-chart"')
    assert text.index('<div class="figure-chart"') < text.index('<figcaption id="history-dead">')
    # Python-Markdown must take it as one raw HTML block: a blank line after it, none inside
    block = text[text.index('<div class="figure-chart"') : text.index("<figure class=")]
    assert block.endswith("</div>\n\n") and "\n\n" not in block.rstrip("\n")


def test_the_plot_is_an_image_with_a_title_and_a_description(pages: dict[str, Page]) -> None:
    div = chart_block(pages["figures.md"].markdown)
    assert div.get("data-search-exclude") is not None
    svg = div.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    assert svg.get("viewBox", "").startswith("0 0 360 ")
    assert svg.get("aria-labelledby") == "chart-dead-title chart-dead-desc"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert (title.get("id"), desc.get("id")) == ("chart-dead-title", "chart-dead-desc")
    assert title.text == "People killed by the flood: every report over time"
    assert desc.text == (
        "Rose from at least 12 on 2 May 2024 to 15 on 3 May 2024; sources differ by up to 3. "
        "2 reporters: The ministry and The mayor. "
        "An upward caret marks a floor (“at least”, “more than”). A shaded band is a range. "
        "The ringed point is the number shown above, 15. The table below holds every report."
    )


def _texts(svg: ET.Element, css: str) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text") if t.get("class") == css]


def test_axes_and_legend(pages: dict[str, Page]) -> None:
    svg = chart_block(pages["figures.md"].markdown).find(f"{SVG}svg")
    assert svg is not None
    assert _texts(svg, "chart-tick") == ["0", "5", "10", "15", "20"]
    ticks = [t.get("y") for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-tick"]
    assert ticks == ["164", "129", "94", "59", "24"]  # y of each value, + 4 to sit on its line
    assert _texts(svg, "chart-day") == ["2 May", "3 May"]
    days = [t.get("x") for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-day"]
    assert days == ["114", "270"]  # the middle of each day's band
    assert _texts(svg, "chart-name") == [
        "The ministry",
        "The mayor",
        "at least / more than",
        "a range",
        "shown above: 15 (3 May 2024)",
    ]


def _points(svg: ET.Element) -> list[dict[str, Any]]:
    return [
        dict(g.attrib)
        for g in svg.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("chart-point ")
    ]


def test_each_report_is_a_point_in_time_order(pages: dict[str, Page]) -> None:
    svg = chart_block(pages["figures.md"].markdown).find(f"{SVG}svg")
    assert svg is not None
    points = _points(svg)
    assert [(p["data-report"], p["data-reporter"], p["data-day"]) for p in points] == [
        ("dead-wire", "ministry", "2024-05-02"),
        ("dead-mayor", "mayor", "2024-05-03"),
        ("dead-paper", "ministry", "2024-05-03"),
    ]
    assert [(p["data-low"], p["data-high"], p["data-qualifier"]) for p in points] == [
        ("12", "12", "at-least"),
        ("14", "18", "exact"),
        ("15", "15", "exact"),
    ]
    assert [p.get("data-headline") for p in points] == [None, None, "true"]
    # the two reporters differ by their series (colour, dash and marker shape)
    assert [p["class"] for p in points] == [
        "chart-point chart-series--1",
        "chart-point chart-series--2",
        "chart-point chart-series--1",
    ]


def test_where_each_report_is_drawn(pages: dict[str, Page]) -> None:
    svg = chart_block(pages["figures.md"].markdown).find(f"{SVG}svg")
    assert svg is not None
    groups = {
        g.get("data-report"): g
        for g in svg.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("chart-point ")
    }
    # x: an untimed report alone on its day at noon; 9:00 is 9/24 of 3 May's band (36 + 156 +
    # 58.5); the mayor's untimed range comes before it in the file: halfway from the day's start
    # to 9:00, 4:30, 3/16 of the band (192 + 29.25, its square's corner 4 to the left)
    wire, mayor, paper = groups["dead-wire"], groups["dead-mayor"], groups["dead-paper"]
    assert wire[0].attrib == {"class": "chart-marker", "cx": "114", "cy": "76", "r": "4.5"}
    assert paper[0].tag == f"{SVG}circle" and paper[0].get("class") == "chart-ring"
    assert (paper[1].get("cx"), paper[1].get("cy")) == ("250.5", "55")  # 15 -> 160 - 105
    # the range's marker (a square for the second reporter) at its middle, 16 -> y 48
    assert mayor[0].attrib == {
        "class": "chart-marker",
        "x": "217.2",
        "y": "44",
        "width": "8",
        "height": "8",
    }
    # the floor: a caret above the "at least" point only
    floors = [
        g.get("data-report") for g in groups.values() for e in g if e.get("class") == "chart-floor"
    ]
    assert floors == ["dead-wire"]
    labels = {
        g.get("data-report"): [e.text for e in g if e.tag == f"{SVG}text"] for g in groups.values()
    }
    assert labels == {"dead-wire": ["12"], "dead-mayor": ["14–18"], "dead-paper": ["15"]}
    mayor_label = next(e for e in mayor if e.tag == f"{SVG}text")
    assert (mayor_label.get("x"), mayor_label.get("y")) == ("221.2", "25")  # above 18 (y 34)


def test_step_lines_and_the_band(pages: dict[str, Page]) -> None:
    svg = chart_block(pages["figures.md"].markdown).find(f"{SVG}svg")
    assert svg is not None
    lines = [  # the legend's samples are in its own groups, not children of the plot
        (p.get("class"), p.get("d"), p.get("stroke-dasharray"))
        for p in svg.findall(f"{SVG}path")
        if (p.get("class") or "").startswith("chart-line")
    ]
    assert lines == [
        # the ministry: 12 from noon on 2 May to 9:00 on 3 May, then 15 to the end of that day
        ("chart-line chart-series chart-series--1", "M114 76H250.5V55H348", None),
        # the mayor: the middle of 14–18 from 4:30 on 3 May to its end, dashed
        ("chart-line chart-series chart-series--2", "M221.2 48H348", "6 3"),
    ]
    bands = [r.attrib for r in svg.iter(f"{SVG}rect") if "chart-series--2" in r.get("class", "")]
    assert bands[0] == {
        "class": "chart-band chart-series chart-series--2",
        "x": "221.2",
        "y": "34",  # 18
        "width": "126.8",  # to the day's end, 348
        "height": "28",  # down to 14 at y 62
    }


def test_the_events_of_those_days_are_numbered_links(pages: dict[str, Page]) -> None:
    div = chart_block(pages["figures.md"].markdown)
    strip = div.findall(f"{SVG}svg")[1]
    assert strip.get("aria-label") == "Events of the timeline in these days"
    links = list(strip.iter(f"{SVG}a"))
    # "The river floods the town" is dated to May only: no day to put it on
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("timeline.md#event-girl-trapped", "1: A girl is reported trapped alive, 2 May 2024"),
        ("timeline.md#event-toll-given", "2: The ministry gives a new toll, 3 May 2024"),
    ]
    assert [a.find(f"{SVG}circle").get("cx") for a in links] == ["114", "270"]  # type: ignore[union-attr]
    key = div.find("details/ol")
    assert key is not None
    assert ["".join(li.itertext()) for li in key] == [
        "A girl is reported trapped alive (2 May 2024)",
        "The ministry gives a new toll (3 May 2024)",
    ]


def test_the_embed_shows_the_chart_and_links_back(pages: dict[str, Page]) -> None:
    text = pages["embed/figures.md"].markdown
    assert "[People killed by the flood](../figures.md#figure-dead)" in text
    div = chart_block(text)
    desc = div.find(f"{SVG}svg/{SVG}desc")
    assert desc is not None and desc.text is not None
    assert desc.text.endswith(
        "The ringed point is the number shown above, 15. "
        "Every report is in a table on the figures page."
    )
    links = [a.get("href") for a in div.iter(f"{SVG}a")]
    assert links == ["../timeline.md#event-girl-trapped", "../timeline.md#event-toll-given"]
    assert "Embed this set of key figures and charts" in pages["figures.md"].markdown


def test_text_from_yaml_is_escaped_in_the_chart() -> None:
    story = load_golden_story(GOLDEN / "developing")
    figure = story.figures[0].model_copy(update={"label": 'Dead <script>&amp; "x"'})
    index = Index(story.model_copy(update={"figures": [figure]}))
    text = next(p for p in render_pages(index) if p.path == "figures.md").markdown
    chart = text[text.index('<div class="figure-chart"') : text.index("<figure class=")]
    assert "<script>" not in chart and '"x"' not in chart
    assert "Dead &#60;script&#62;&#38;amp; &#34;x&#34;: every report over time" in chart


def test_big_numbers_fit_the_value_axis_margin() -> None:
    fv = figure_view(
        {"value": 1_200_000, "as_of": dt.date(2023, 1, 1)},
        {"low": 1_300_000, "high": 1_500_000, "as_of": dt.date(2023, 1, 9)},
    )
    svg = ET.fromstring(
        figure_chart(fv, [], name_of=str, event_href=str).replace(
            "<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1
        )
    ).find(f"{SVG}svg")
    assert svg is not None
    assert _texts(svg, "chart-tick") == ["0", "500k", "1m", "1.5m"]
    assert _texts(svg, "chart-day") == ["1 Jan", "3 Jan", "5 Jan", "7 Jan", "9 Jan"]
    labels = [t.text for t in svg.iter(f"{SVG}text") if "chart-label" in (t.get("class") or "")]
    assert labels == ["1,200,000", "1,300,000–1,500,000"]


def test_a_span_across_years_names_the_year_of_each_day() -> None:
    fv = figure_view(
        {"value": 3, "as_of": dt.date(2023, 12, 30)}, {"value": 5, "as_of": dt.date(2024, 1, 2)}
    )
    svg = ET.fromstring(
        figure_chart(fv, [], name_of=str, event_href=str).replace(
            "<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1
        )
    ).find(f"{SVG}svg")
    assert svg is not None
    # four days of 78 units: room for every name
    assert _texts(svg, "chart-day") == ["30 Dec ’23", "31 Dec ’23", "1 Jan ’24", "2 Jan ’24"]


# --- the description's words -------------------------------------------------------------------

SOURCE = Source.model_validate(
    {"id": "wire", "publisher": "Wire", "published": dt.date(2024, 5, 1),
     "excerpts": [{"id": "w1", "text": "A number."}]}
)  # fmt: skip


def figure_view(*reports: dict[str, Any], rule: str = "latest") -> FigureView:
    figure = Figure.model_validate(
        {
            "id": "toll",
            "label": "Deaths",
            "unit": "people",
            "counts": "People killed",
            "headline_rule": rule,
            "reports": [{"id": f"r{n}", "cites": ["w1"], **r} for n, r in enumerate(reports)],
        }
    )
    return view(figure, lambda excerpt: SOURCE)


def test_a_rise_told_by_one_reporter() -> None:
    fv = figure_view(
        {"value": 223, "as_of": dt.date(2021, 9, 20), "reported_by": ["a"]},
        {"value": 273, "as_of": dt.date(2021, 9, 22), "reported_by": ["a"]},
    )
    assert trend_sentence(fv) == "Rose from 223 on 20 September 2021 to 273 on 22 September 2021."


def test_sources_that_differ_on_one_day() -> None:
    fv = figure_view(
        {"value": 223, "as_of": dt.date(2021, 9, 20), "reported_by": ["a"]},
        {"value": 268, "as_of": dt.date(2021, 9, 22), "reported_by": ["b"]},
        {"value": 273, "as_of": dt.date(2021, 9, 22), "reported_by": ["a"]},
    )
    assert trend_sentence(fv) == (
        "Rose from 223 on 20 September 2021 to 273 on 22 September 2021; sources differ by up to 5."
    )


def test_a_range_and_an_at_least_floor() -> None:
    ranged = figure_view(
        {"low": 10, "high": 12, "as_of": dt.date(2024, 5, 1)},
        {"low": 14, "high": 18, "as_of": dt.date(2024, 5, 2)},
    )
    assert trend_sentence(ranged) == "Rose from 10–12 on 1 May 2024 to 14–18 on 2 May 2024."
    floor = figure_view(
        {"value": 12, "qualifier": "at-least", "as_of": dt.date(2024, 5, 1)},
        {"value": 12, "as_of": dt.date(2024, 5, 2)},
    )
    assert trend_sentence(floor) == "Went from at least 12 on 1 May 2024 to 12 on 2 May 2024."


def test_a_fall_a_steady_number_and_a_range_against_a_number() -> None:
    fell = figure_view(
        {"value": 30, "as_of": dt.date(2024, 5, 1)}, {"value": 25, "as_of": dt.date(2024, 5, 3)}
    )
    assert trend_sentence(fell) == "Fell from 30 on 1 May 2024 to 25 on 3 May 2024."
    steady = figure_view(
        {"value": 15, "as_of": dt.date(2024, 5, 1)}, {"value": 15, "as_of": dt.date(2024, 5, 2)}
    )
    assert trend_sentence(steady) == "Stayed at 15 from 1 May 2024 to 2 May 2024."
    # 15 against 14–18 on the same day: neither a rise nor a fall; they differ by up to 3
    # (18 - 15); the headline is the lowest of the latest
    both = figure_view(
        {"value": 15, "as_of": dt.date(2024, 5, 2), "reported_by": ["a"]},
        {"low": 14, "high": 18, "as_of": dt.date(2024, 5, 2), "reported_by": ["b"]},
        rule="most-conservative",
    )
    assert trend_sentence(both) == (
        "Went from 15 to 14–18 on 2 May 2024; sources differ by up to 3."
    )


# --- links in raw HTML -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "href", "directory", "plain"),
    [
        ("figures.md", "timeline.md#event-x", "../timeline/#event-x", "timeline.html#event-x"),
        ("embed/figures.md", "../timeline.md#e", "../../timeline/#e", "../timeline.html#e"),
        ("index.md", "timeline.md#e", "timeline/#e", "timeline.html#e"),
        ("figures.md", "index.md#e", "../#e", "index.html#e"),
        ("players/index.md", "../timeline.md", "../timeline/", "../timeline.html"),
        ("figures.md", "figures.md#e", "./#e", "figures.html#e"),
    ],
)
def test_event_links_become_the_built_pages_addresses(
    page: str, href: str, directory: str, plain: str
) -> None:
    html = f'<p><a class="chart-event" href="{href}"><a href="{href}">'
    assert resolve_links(html, page) == (
        f'<p><a class="chart-event" href="{directory}"><a href="{href}">'
    )
    assert resolve_links(html, page, directory_urls=False) == (
        f'<p><a class="chart-event" href="{plain}"><a href="{href}">'
    )


# --- a date known only between bounds ------------------------------------------------------------


def test_a_bounded_date_is_worded_as_a_bound_never_as_the_day() -> None:
    first = {"value": 10, "as_of": dt.date(2024, 5, 1)}
    before = figure_view(
        {"value": 10, "as_of": dt.date(2024, 5, 1), "as_of_qualifier": "on-or-before"},
        {"value": 15, "as_of": dt.date(2024, 5, 3)},
    )
    assert trend_sentence(before) == (
        "Rose from 10 some day on or before 1 May 2024 to 15 on 3 May 2024."
    )
    between = figure_view(
        first,
        {"value": 15, "as_of": dt.date(2024, 5, 2), "as_of_qualifier": "between",
         "as_of_end": dt.date(2024, 5, 3)},
    )  # fmt: skip
    assert trend_sentence(between) == (
        "Rose from 10 on 1 May 2024 to 15 some day between 2 and 3 May 2024."
    )
    about = figure_view(
        first, {"value": 15, "as_of": dt.date(2024, 5, 3), "as_of_qualifier": "about"}
    )
    assert trend_sentence(about) == "Rose from 10 on 1 May 2024 to 15 about 3 May 2024."
    steady = figure_view(
        {"value": 15, "as_of": dt.date(2024, 5, 1), "as_of_qualifier": "about"},
        {"value": 15, "as_of": dt.date(2024, 5, 2)},
    )
    assert trend_sentence(steady) == "Stayed at 15 from about 1 May 2024 to 2 May 2024."


def _chart_svg(fv: FigureView) -> ET.Element:
    svg = ET.fromstring(
        figure_chart(fv, [], name_of=str, event_href=str).replace(
            "<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1
        )
    ).find(f"{SVG}svg")
    assert svg is not None
    return svg


def _spans(svg: ET.Element) -> dict[str, list[str]]:
    """Report id -> the path of its date span (none for most)."""
    return {
        g.get("data-report") or "": [
            p.get("d") or "" for p in g if p.get("class") == "chart-day-span"
        ]
        for g in svg.iter(f"{SVG}g")
        if g.get("data-report")
    }


def _marker_x(svg: ET.Element, report: str) -> float:
    """The x of a report's marker (the one reporter's series: a circle)."""
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("data-report") == report)
    circle = next(e for e in group if "chart-marker" in (e.get("class") or ""))
    return float(circle.get("cx") or "nan")


def test_a_bounded_date_is_drawn_as_the_days_it_may_be_from() -> None:
    # The axis runs to 5 May, the last day r1 may be from: five days of 62.4 units from x 36
    # to 348. The value axis to 15 in steps of 5: a value v is at y = 160 - 140 v / 15; a span
    # 12 under its point.
    fv = figure_view(
        {"value": 10, "as_of": dt.date(2024, 5, 1)},
        # some day from 2 to 5 May: from the start of 2 May (x 98.4) to the end of 5 May (348)
        {"value": 12, "as_of": dt.date(2024, 5, 2), "as_of_qualifier": "between",
         "as_of_end": dt.date(2024, 5, 5)},
        # on or before 3 May: the point at noon of 3 May (x 192), its bound the end of 3 May
        # (223.2, a tick), and 28 units before the point (164) an arrowhead: the days run on
        {"value": 15, "as_of": dt.date(2024, 5, 3), "as_of_qualifier": "on-or-before"},
    )  # fmt: skip
    svg = _chart_svg(fv)
    assert _texts(svg, "chart-tick") == ["0", "5", "10", "15"]
    assert _texts(svg, "chart-day")[-1] == "5 May"
    assert _spans(svg) == {
        "r0": [],
        "r1": ["M98.4 60H348M98.4 57v6M348 57v6"],  # 12: y 48, its span at 60
        "r2": ["M164 32H223.2M164 32l4 -3M164 32l4 3M223.2 29v6"],  # 15: y 20, span at 32
    }
    assert _marker_x(svg, "r2") == 192  # within its span, 164 to 223.2
    names = " ".join(_texts(svg, "chart-name"))  # the legend, its lines wrapped
    assert names == "wire the days its date may fall on shown above: 15 (on or before 3 May 2024)"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    # 15 may be from before 1 May: which came first, the dates do not say
    assert desc.text.startswith(
        "10 on 1 May 2024 and 15 some day on or before 3 May 2024, in an order the dates do not "
        "settle. "
    )
    assert (
        "A dotted line by a point spans the days its number may be from, for a date known only "
        "between bounds. An arrowhead on one means the days run on past it." in desc.text
    )


def test_a_strict_bound_stands_at_its_edge_and_an_open_bound_at_the_axis_end_gets_a_day() -> None:
    # "before 1 May", the first day: the axis starts a day earlier, 30 April, so its days show
    # running on; "after 2 May", the last: the axis ends a day later. Four days of 78 units.
    fv = figure_view(
        {"value": 10, "as_of": dt.date(2024, 5, 1), "as_of_qualifier": "before"},
        {"value": 15, "as_of": dt.date(2024, 5, 2), "as_of_qualifier": "after"},
    )
    svg = _chart_svg(fv)
    assert _texts(svg, "chart-day")[0] == "30 Apr" and _texts(svg, "chart-day")[-1] == "3 May"
    # before 1 May: at the start of 1 May (x 114), the tick there, the arrow 28 units before;
    # after 2 May: at the end of 2 May (270), the tick there, the arrow 28 units after.
    # Values to 15: 10 at y 66.7 (span at 78.7), 15 at y 20 (span at 32).
    assert _spans(svg) == {
        "r0": ["M86 78.7H114M86 78.7l4 -3M86 78.7l4 3M114 75.7v6"],
        "r1": ["M270 32H298M270 29v6M298 32l-4 -3M298 32l-4 3"],
    }
    assert (_marker_x(svg, "r0"), _marker_x(svg, "r1")) == (114, 270)  # at their bounds
    assert trend_sentence(fv) == (
        "Rose from 10 some day before 1 May 2024 to 15 some day after 2 May 2024."
    )


def test_an_order_the_bounded_dates_do_not_settle_is_not_told_as_a_rise() -> None:
    # "on or before 3 May" may be any day up to 3 May; "on or after" may be 3 May, earlier in it
    for qualifier in ("on-or-before", "on-or-after"):
        both = figure_view(
            {"value": 10, "as_of": dt.date(2024, 5, 3)},
            {"value": 15, "as_of": dt.date(2024, 5, 3), "as_of_qualifier": qualifier},
        )
        words = qualifier.replace("-", " ")
        assert trend_sentence(both) == (
            f"10 on 3 May 2024 and 15 some day {words} 3 May 2024, in an order the dates do "
            "not settle."
        )
    same = figure_view(
        {"value": 15, "as_of": dt.date(2024, 5, 3)},
        {"value": 15, "as_of": dt.date(2024, 5, 3), "as_of_qualifier": "on-or-before"},
    )
    assert trend_sentence(same) == (
        "Stood at 15 on 3 May 2024 and some day on or before 3 May 2024."
    )
    # an exact day, then one known to be later: settled
    later = figure_view(
        {"value": 10, "as_of": dt.date(2024, 5, 1)},
        {"value": 15, "as_of": dt.date(2024, 5, 1), "as_of_qualifier": "after"},
    )
    assert trend_sentence(later) == "Rose from 10 on 1 May 2024 to 15 some day after 1 May 2024."


def test_a_report_drawn_apart_with_a_bounded_date() -> None:
    fv = figure_view(
        {"value": 10, "as_of": dt.date(2024, 5, 1)},
        {"value": 12, "as_of": dt.date(2024, 5, 2), "as_of_qualifier": "on-or-before",
         "status": [{"status": "retracted", "date": dt.date(2024, 5, 4), "by": ["gov"],
                     "cites": ["w1"]}]},
        {"value": 11, "as_of": dt.date(2024, 5, 3)},
    )  # fmt: skip
    svg = _chart_svg(fv)
    # three days of 104 units; values to 15. The cross at noon of 2 May (x 192), y 48; its
    # span 10 under it, from 28 units before the cross to the end of 2 May (244)
    assert _spans(svg)["r1"] == ["M164 58H244M164 58l4 -3M164 58l4 3M244 55v6"]
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "12 as of some day on or before 2 May 2024, retracted by gov on 4 May 2024" in desc.text


def test_a_day_known_to_the_day_or_about_draws_no_span() -> None:
    fv = figure_view(
        {"value": 10, "as_of": dt.date(2024, 5, 1)},
        {"value": 15, "as_of": dt.date(2024, 5, 3), "as_of_qualifier": "about"},
    )
    svg = _chart_svg(fv)
    assert not [p for p in svg.iter(f"{SVG}path") if p.get("class") == "chart-day-span"]
    assert " ".join(_texts(svg, "chart-name")) == "wire shown above: 15 (about 3 May 2024)"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and "dotted" not in (desc.text or "")


def test_a_bound_at_the_calendars_edge_draws_without_error() -> None:
    # A day before 1 January of year 1, or after 31 December 9999, is not in the calendar: the
    # chart and its words are still made (they ended in OverflowError).
    for first, last in (
        ({"value": 10, "as_of": dt.date(1, 1, 1), "as_of_qualifier": "before"},
         {"value": 15, "as_of": dt.date(1, 1, 3)}),
        ({"value": 10, "as_of": dt.date(9999, 12, 29)},
         {"value": 15, "as_of": dt.date(9999, 12, 31), "as_of_qualifier": "after"}),
    ):  # fmt: skip
        fv = figure_view(first, last)
        assert "some day" in trend_sentence(fv)
        assert len([p for p in _spans(_chart_svg(fv)).values() if p]) == 1
