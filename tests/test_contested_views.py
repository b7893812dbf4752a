"""A figure's reports that stand and those set apart; the order of one day's reports and their
places in its band; the chart's reporter styles up to twelve and "others" beyond; open data and
share values of the new fields. Expectations written by hand from the data below."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from support import FIXTURES, load_golden_story

from generator.outputs.opendata import csv_files
from generator.outputs.sharemeta import share_cards, share_meta
from generator.pages.charts import figure_chart
from generator.pages.chartstyle import NAMED, STYLES
from generator.pages.figures import FigureView, view
from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.pages.timeaxis import day_fractions
from generator.schema.model import Figure, Source

SVG = "{http://www.w3.org/2000/svg}"
SOURCE = Source.model_validate(
    {"id": "wire", "publisher": "Wire", "published": dt.date(2024, 5, 9),
     "excerpts": [{"id": "w1", "text": "A number."}]}
)  # fmt: skip
DAY = dt.date(2024, 5, 2)
DENIED = [{"status": "denied", "date": dt.date(2024, 5, 4), "by": ["x"], "cites": ["w1"]}]


def figure_view(*reports: dict[str, Any], rule: str = "latest") -> FigureView:
    figure = Figure.model_validate(
        {
            "id": "toll",
            "label": "Deaths",
            "unit": "people",
            "counts": "People killed",
            "headline_rule": rule,
            "reports": [
                {"id": f"r{n}", "cites": ["w1"], "as_of": DAY, **r} for n, r in enumerate(reports)
            ],
        }
    )
    return view(figure, lambda excerpt: SOURCE)


def ids(dated: list[Any]) -> list[str]:
    return [d.report.id for d in dated]


# --- what stands ---------------------------------------------------------------------------


def test_a_denied_report_is_never_the_headline_nor_among_the_latest() -> None:
    fv = figure_view(
        {"value": 10, "reported_by": ["a"]},
        {"value": 50, "reported_by": ["b"], "status": DENIED},
    )
    assert fv.headline.report.id == "r0"  # the latest that stands, not the later denied 50
    assert ids(fv.latest_by_reporter) == ["r0"]
    assert ids(fv.set_apart) == ["r1"] and ids(fv.standing) == ["r0"]
    assert not fv.differs


def test_the_most_conservative_rule_looks_only_at_what_stands() -> None:
    fv = figure_view(
        {"value": 10, "reported_by": ["a"]},
        {"value": 4, "reported_by": ["b"], "status": DENIED},
        {"value": 12, "reported_by": ["c"]},
        rule="most-conservative",
    )
    assert fv.headline.report.id == "r0"  # 10, not the denied 4
    assert ids(fv.latest_by_reporter) == ["r0", "r2"] and fv.differs


def test_a_figure_none_of_whose_reports_stands_keeps_its_latest_as_headline() -> None:
    fv = figure_view({"value": 10, "status": DENIED}, {"value": 12, "status": DENIED})
    assert fv.headline.report.id == "r1" and not fv.headline.standing
    assert fv.latest_by_reporter == [] and ids(fv.set_apart) == ["r0", "r1"]


def test_two_reporters_together_are_one_reporter() -> None:
    fv = figure_view({"value": 10, "reported_by": ["a", "b"]}, {"value": 12, "reported_by": ["a"]})
    assert [d.reporter for d in fv.latest_by_reporter] == ["a+b", "a"] and fv.differs


# --- one day's order and places -------------------------------------------------------------


def test_one_days_reports_in_the_files_order_the_timed_ones_by_their_times() -> None:
    fv = figure_view(
        {"value": 1, "time": "18:00", "utc_offset": "+00:00"},
        {"value": 2},
        {"value": 3, "time": "08:00", "utc_offset": "+00:00"},
        {"value": 4},
        {"value": 5, "as_of": dt.date(2024, 5, 1)},
    )
    # the day before first; on 2 May the timed reports take the timed places (first and third)
    # in time order: 08:00 (r2), then 18:00 (r0); the untimed keep theirs
    assert ids(fv.history) == ["r4", "r2", "r1", "r0", "r3"]


def test_times_in_other_offsets_are_ordered_by_the_clock_of_the_world() -> None:
    fv = figure_view(
        {"value": 1, "time": "09:00", "utc_offset": "+02:00"},  # 07:00 UTC
        {"value": 2, "time": "08:00", "utc_offset": "+00:00"},  # 08:00 UTC
        {"value": 3, "time": "10:00", "utc_offset": "+05:00"},  # 05:00 UTC
    )
    assert ids(fv.history) == ["r2", "r0", "r1"]


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ([None], [0.5]),
        ([None, None], [1 / 3, 2 / 3]),
        (["06:00", None], [0.25, 0.625]),
        ([None, "12:00", None], [0.25, 0.5, 0.75]),
        (["08:00", None, "18:00"], [1 / 3, 13 / 24, 0.75]),
        # a local time earlier than the one above it (another offset) never runs back
        (["10:00", "09:00"], [10 / 24, 10 / 24]),
    ],
)
def test_day_fractions(times: list[str | None], expected: list[float]) -> None:
    assert day_fractions(times) == pytest.approx(expected)


# --- reporters' styles ----------------------------------------------------------------------


def test_twelve_styles_unlike_each_other_in_shape_dash_and_colour() -> None:
    assert NAMED == len(STYLES) == 12
    assert len({(s.shape, s.hollow) for s in STYLES}) == 12
    assert len({s.dash for s in STYLES}) == 12
    assert len({s.css for s in STYLES}) == 12


def _chart(reporters: int) -> ET.Element:
    fv = figure_view(*({"value": 10 + n, "reported_by": [f"r-{n}"]} for n in range(reporters)))
    html = figure_chart(fv, [], name_of=lambda r: f"Reporter {r[2:]}", event_href=str)
    svg = ET.fromstring(html.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)).find(f"{SVG}svg")
    assert svg is not None
    return svg


def test_twelve_reporters_have_twelve_styles() -> None:
    svg = _chart(12)
    classes = [g.get("class") for g in svg.iter(f"{SVG}g") if g.get("data-report")]
    assert classes == [f"chart-point chart-series--{n}" for n in range(1, 13)]


def test_beyond_twelve_the_rest_are_others_and_named_in_the_table() -> None:
    svg = _chart(14)
    classes = [g.get("class") for g in svg.iter(f"{SVG}g") if g.get("data-report")]
    assert classes == [
        *(f"chart-point chart-series--{n}" for n in range(1, 12)),
        "chart-point chart-series--others",
        "chart-point chart-series--others",
        "chart-point chart-series--others",
    ]
    names = [  # a name too long for one row wraps onto the next
        " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
        for g in svg.iter(f"{SVG}g")
        if (g.get("class") or "").startswith("chart-key ")
    ]
    assert len(names) == 12
    assert names[-1] == "Others: 3 more reporters (the table names each)"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and "14 reporters: Reporter 0, Reporter 1," in (desc.text or "")


# --- open data and share values --------------------------------------------------------------


@pytest.fixture(scope="module")
def contested() -> Index:
    return Index(load_golden_story(FIXTURES / "contested" / "site_data"))


def test_reports_csv_has_the_new_columns(contested: Index) -> None:
    text = csv_files(contested.data)["reports"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}
    assert rows["dead-joint"]["reported_by"] == "emergency-chief;presidency"
    assert rows["dead-joint"]["count_type"] == "confirmed"
    assert rows["dead-joint"]["scope"] == "Port Selin"
    assert rows["dead-joint"]["qualifier"] == "nearly"
    assert rows["dead-relayed"]["via"] == "un-office"
    assert rows["dead-relayed"]["status"] == "denied;retracted"
    assert rows["dead-less-two"]["derived.how"] == (
        "The 3,958 identified dead, reduced by two after two bodies were recorded twice."
    )
    assert rows["dead-less-two"]["derived.reports"] == "dead-who"
    assert rows["sheltered-reported"]["count_other"] == "registered at shelters"


def test_share_values_name_figures_by_their_labels_and_leave_apart_numbers_off(
    contested: Index,
) -> None:
    meta = share_meta(contested, "figures.md", title="Key figures", site_name="Port Selin")
    assert meta.image_alt == (
        "Key figures: The Port Selin flood: one toll, told many ways. A chart of Deaths; People "
        "missing over time, one line per source"
    )
    (card,) = [c for c in share_cards(contested) if c.name == "figures"]
    deaths = card.charts[0]
    assert (deaths.title, deaths.headline) == ("Deaths", "nearly 4,000 people")
    assert [s.label for s in deaths.series] == [
        "The Ministry of Health and Population of the Eastern Administration",
        "The head of the emergency services and The president's office",
        "World Health Organization",
    ]
    values = sorted(p.low for s in deaths.series for p in s.points)
    assert values == [3000, 3956, 3958, 4000]  # not the withdrawn 11,300 nor the denied 20,000


def test_text_of_the_new_fields_stays_text(contested: Index) -> None:
    """Labels, derivations, scopes, other kinds of count and reporters' names with markup in
    them, on every page and in every chart."""
    hostile = '<script>alert(1)</script>[x](javascript:alert(1)) {{ 7*7 }} *em* a|b "q"'
    data = contested.data.model_dump()
    for figure in data["figures"]:
        figure["label"] = hostile
        for report in figure["reports"]:
            if report["derived"]:
                report["derived"]["how"] = hostile
            if report["scope"]:
                report["scope"] = hostile
            if report["count_other"]:
                report["count_other"] = hostile
    for actor in data["actors"]:
        actor["name"] = hostile
    index = Index(type(contested.data).model_validate(data))
    for page in render_pages(index):  # (the editors' guide names <script> in code, as ours)
        assert "<script>alert" not in page.markdown, page.path
        assert "](javascript:alert" not in page.markdown, page.path
        assert "{{ 7*7 }}" not in page.markdown, page.path
    figures = next(p for p in render_pages(index) if p.path == "figures.md").markdown
    start = figures.index('<svg class="figure-chart__plot"')
    ET.fromstring(figures[start : figures.index("</svg>", start) + 6])  # still well-formed
