"""The story's developments as data: every dated development in one list, newest first, with
what it is about, in ``data/developments.json`` (valid against its schema), its CSV and the
Atom feed of developments.

Expected values are written by hand from ``tests/fixtures/three-updates/site_data/``: a claim
reported (4 March 2019), denied (20 June 2019) and confirmed (10 January 2024), a toll of at
least 12, then 31, then 29, events of September 1987 (a month), March 2019 and January 2024, and
three updates of ours.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import MINIMAL, THREE_UPDATES

from generator.outputs.developments import DevelopmentsFile
from generator.pages.storyindex import Index
from generator.pipeline import site_files
from generator.read.history import developments
from generator.read.loader import load_story
from generator.schema.kinds import StoryData
from generator.tools.synthetic import write_scaled_story

ATOM = "{http://www.w3.org/2005/Atom}"
CLAIM = "The spillway repairs are left unfinished"
DEATHS = "People who died in the breach, by the coroner's count and then the inquiry's"


@pytest.fixture(scope="module")
def story() -> StoryData:
    return load_story(THREE_UPDATES / "site_data")


@pytest.fixture(scope="module")
def files(story: StoryData) -> dict[str, str]:
    return site_files(Index(story), site_url="https://example.org/alder/")


def test_every_dated_development_newest_first(story: StoryData) -> None:
    listed = [(str(d.day), d.time, d.what, d.id, d.about) for d in developments(story)]
    assert listed == [
        (
            "2024-01-10",
            None,
            "update",
            "inquiry-findings",
            (("figure", "deaths"), ("event", "repairs-unfinished"), ("event", "inquiry-finding")),
        ),
        ("2024-01-10", None, "report", "deaths-final", (("figure", "deaths"),)),
        ("2024-01-10", None, "event", "inquiry-finding", (("event", "inquiry-finding"),)),
        (
            "2024-01-10",
            None,
            "status",
            "repairs-unfinished-status-3",
            (("event", "repairs-unfinished"),),
        ),
        (
            "2019-06-20",
            None,
            "update",
            "toll-31-and-denial",
            (("figure", "deaths"), ("event", "repairs-unfinished")),
        ),
        ("2019-06-20", None, "report", "deaths-june", (("figure", "deaths"),)),
        (
            "2019-06-20",
            None,
            "status",
            "repairs-unfinished-status-2",
            (("event", "repairs-unfinished"),),
        ),
        # the update has a time of day: on its day it comes after the untimed ones
        ("2019-03-04", "18:00", "update", "first-version", ()),
        ("2019-03-04", None, "report", "deaths-first-count", (("figure", "deaths"),)),
        (
            "2019-03-04",
            None,
            "status",
            "repairs-unfinished-status-1",
            (("event", "repairs-unfinished"),),
        ),
        ("2019-03-03", None, "event", "breach", (("event", "breach"),)),
        ("1987-09", None, "event", "repairs-unfinished", (("event", "repairs-unfinished"),)),
        ("1987-09", None, "event", "repairs-begin", (("event", "repairs-begin"),)),
    ]


def test_a_report_without_as_of_is_dated_by_its_source_and_says_so() -> None:
    minimal = load_story(MINIMAL)
    report = next(d for d in developments(minimal) if d.what == "report")
    assert (str(report.day), report.inferred) == ("2020-03-06", True)  # gazette-footbridge
    said = next(d for d in developments(minimal) if d.what == "quote")  # said_on 2020-03-04
    assert (said.id, str(said.day), said.inferred) == ("lima-two-halves", "2020-03-04", False)


def test_the_json_file_validates_against_its_model_and_words_each(files: dict[str, str]) -> None:
    listed = DevelopmentsFile.model_validate_json(files["data/developments.json"]).developments
    assert [(e.title, e.url) for e in listed] == [
        (
            "Development: The inquiry confirmed that the repairs were never completed and put "
            "the final toll at 29.",
            "updates/#update-inquiry-findings",
        ),
        (f"{DEATHS}: 29 people", "figures/#report-deaths-final"),
        ("The inquiry finds the repairs were never completed", "timeline/#event-inquiry-finding"),
        (
            f"Confirmed by The Alder Creek public inquiry: {CLAIM}",
            "timeline/#event-repairs-unfinished",
        ),
        (
            "Development: The coroner's toll rose to 31, and the builder denied that the repairs "
            "were left unfinished.",
            "updates/#update-toll-31-and-denial",
        ),
        (f"{DEATHS}: 31 people", "figures/#report-deaths-june"),
        (f"Denied by عبد الرحمن الخطيب: {CLAIM}", "timeline/#event-repairs-unfinished"),
        ("Update: Explainer published, the day after the breach.", "updates/#update-first-version"),
        (f"{DEATHS}: at least 12 people", "figures/#report-deaths-first-count"),
        (
            f"Reported by Maria Fernanda de los Ángeles Villanueva-Ortiz: {CLAIM}",
            "timeline/#event-repairs-unfinished",
        ),
        ("The Alder Creek dam gives way", "timeline/#event-breach"),
        (CLAIM, "timeline/#event-repairs-unfinished"),
        ("Repairs to the dam's spillway begin", "timeline/#event-repairs-begin"),
    ]
    first = json.loads(files["data/developments.json"])["developments"][7]
    assert first == {
        "id": "first-version",
        "date": "2019-03-04",
        "time": "18:00",
        "utc_offset": "+00:00",
        "date_inferred": False,
        "what": "update",
        "record": "first-version",
        "about": [],
        "title": "Update: Explainer published, the day after the breach.",
        "url": "updates/#update-first-version",
    }
    schema = json.loads(files["data/developments.schema.json"])
    assert schema["title"] == "data/developments.json"
    assert schema["required"] == ["developments"]


def test_the_csv_has_one_row_per_development(files: dict[str, str]) -> None:
    text = files["data/developments.csv"]
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [
        "id",
        "date",
        "time",
        "utc_offset",
        "date_inferred",
        "what",
        "record",
        "about",
        "title",
        "url",
    ]
    assert len(rows) == 14
    assert rows[1][7] == "figure:deaths;event:repairs-unfinished;event:inquiry-finding"
    # a text cell that a spreadsheet would run as a formula is guarded, as in every CSV
    assert rows[8][:5] == ["first-version", "2019-03-04", "18:00", "'+00:00", "false"]
    assert rows[12] == [
        "repairs-unfinished",
        "1987-09",
        "",
        "",
        "false",
        "event",
        "repairs-unfinished",
        "event:repairs-unfinished",
        CLAIM,
        "timeline/#event-repairs-unfinished",
    ]


def test_the_feed_of_developments(files: dict[str, str]) -> None:
    feed = ET.fromstring(files["developments.xml"])
    assert feed.findtext(f"{ATOM}id") == "https://example.org/alder/developments.xml"
    assert feed.findtext(f"{ATOM}updated") == "2024-01-10T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 13
    stamps = [e.findtext(f"{ATOM}updated") for e in entries]
    assert stamps[7] == "2019-03-04T18:00:00+00:00"  # the update's time and offset
    assert stamps[-1] == "1987-09-01T00:00:00Z"  # a month: its first day
    link = entries[6].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == "https://example.org/alder/timeline/#event-repairs-unfinished"
    assert entries[6].findtext(f"{ATOM}title") == f"Denied by عبد الرحمن الخطيب: {CLAIM}"
    assert entries[6].find(f"{ATOM}category").get("term") == "status"  # type: ignore[union-attr]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 13


def test_the_feed_carries_the_newest_hundred(tmp_path: Path) -> None:
    write_scaled_story(load_story(THREE_UPDATES / "site_data"), 10, tmp_path / "site_data")
    scaled = load_story(tmp_path / "site_data")
    made = site_files(Index(scaled))
    listed = json.loads(made["data/developments.json"])["developments"]
    assert len(listed) == 3 + 10 * 10  # the updates are shared; the rest grows with k
    feed = ET.fromstring(made["developments.xml"])
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [entry["title"] for entry in listed[:100]]
