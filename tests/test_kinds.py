"""The registry of record kinds: a new kind declared in one place reaches every part.

``tests/toykind/toy_kind.py`` declares "places" (and a ``place`` reference on events) and
nothing else is edited: validation, reference checks with did-you-mean, the page of its own,
open data (JSON and CSV) and the data reference all have to pick it up from the declaration.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, build_env, copy_project

TOY = REPO / "tests" / "toykind"

PLACES = """\
# yaml-language-server: $schema=../schema/places.schema.json
places:
  - id: moscow
    name: Moscow
    country: Russia
    named_on: 2015-11-25
    cites: [ex-moscow-trip]
  - id: elysee-palace
    name: Élysée Palace
    cites: [ex-elysee-caption]
"""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = build_env()
    env["PYTHONPATH"] = str(TOY)
    return subprocess.run(
        [sys.executable, str(TOY / "run_with_toy_kind.py"), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def place_events(root: Path, place: str) -> int:
    """Give the first event a place; return the line of ``place:`` (1-based)."""
    path = root / "site_data" / "events.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    title:"))
    lines.insert(at, f"    place: {place}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return at + 1


@pytest.fixture(scope="module")
def toy_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("toy"))
    (root / "site_data" / "places.yaml").write_text(PLACES, encoding="utf-8")
    return root


def test_the_toy_kind_validates(toy_project: Path) -> None:
    place_events(toy_project, "elysee-palace")
    result = run(toy_project, "explainer", "check")
    assert result.returncode == 0, result.stderr
    assert "2 places" in result.stdout


def test_a_dangling_reference_to_it_is_located_with_a_did_you_mean(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    (root / "site_data" / "places.yaml").write_text(PLACES, encoding="utf-8")
    line = place_events(root, "elysee-palce")
    result = run(root, "explainer", "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"site_data/events.yaml:{line}:5: events[0].place: unknown place 'elysee-palce' "
        "(did you mean 'elysee-palace'?)",
        "1 problem found",
    ]


def test_a_missing_data_file_of_the_toy_kind_is_reported(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    result = run(root, "explainer", "check")
    assert result.returncode == 1
    assert "site_data/places.yaml:1:1: " in result.stderr


def test_it_reaches_its_page_open_data_and_the_data_reference(toy_project: Path) -> None:
    result = run(toy_project, "mkdocs", "build", "--strict", "--site-dir", "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = toy_project / "site"

    page = (site / "places" / "index.html").read_text(encoding="utf-8")
    assert 'id="place-moscow"' in page and "Élysée Palace" in page
    assert "Country: Russia" in page
    assert 'href="../sources/#excerpt-ex-moscow-trip"' in page  # a fact: its source link

    story = json.loads((site / "data" / "story.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in story["places"]] == ["moscow", "elysee-palace"]
    assert story["events"][0]["place"] == "elysee-palace"
    schema = json.loads((site / "data" / "story.schema.json").read_text(encoding="utf-8"))
    assert "places" in schema["properties"]

    rows = list(csv.reader(io.StringIO((site / "data" / "places.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["id", "name", "country", "named_on", "cites"]
    assert rows[1] == ["moscow", "Moscow", "Russia", "2015-11-25", "ex-moscow-trip"]

    # A date field the model marks as the day it happened makes a development, with no list
    # of kinds to edit: in the open data and the feed of developments.
    developments = json.loads((site / "data" / "developments.json").read_text("utf-8"))
    moscow = [d for d in developments["developments"] if d["record"] == "moscow"]
    assert moscow == [
        {
            "id": "moscow",
            "date": "2015-11-25",
            "time": None,
            "utc_offset": None,
            "date_inferred": False,
            "what": "place",
            "record": "moscow",
            "about": [{"kind": "place", "id": "moscow"}],
            "title": "Moscow",
            "url": "places/#place-moscow",
        }
    ]
    assert "<title>Moscow</title>" in (site / "developments.xml").read_text("utf-8")

    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert "site_data/places.yaml" in reference
    assert "The place" in reference and "s name." in reference
    assert "Id of the place where it happened." in reference
