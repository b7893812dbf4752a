"""End-to-end: real `mkdocs build --strict` runs on a copy of the project in a temporary folder.

One good build is shared by the whole session (``support.shared_site``, used by other modules too).
A failing build must fail loudly here, never be skipped: every test that needs the site asserts
on the build's exit code first and shows its output.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from support import (
    PROJECT_PARTS,
    REPO,
    Build,
    break_quotes,
    copy_project,
    element_ids,
    html_files,
    load_yaml,
    run_make,
    run_mkdocs_build,
    search_tokens,
    shared_site,
    shipped_fact_ids,
    tree_digest,
)

from generator.outputs.search import fold_html, unfold_html

pytestmark = pytest.mark.slow

# The pages the plugin generates, besides one page per player (players/<id>.md).
EXPECTED_PAGES = (
    "index.html",
    "timeline/index.html",
    "players/index.html",
    "stances/index.html",
    "figures/index.html",
    "quotes/index.html",
    "sources/index.html",
    "reference/index.html",
    "404.html",
)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    return build


# --- the shipped site builds ---------------------------------------------------------------------


def test_strict_build_passes_without_warnings(site_build: Build) -> None:
    assert "WARNING" not in site_build.output, site_build.output
    assert "Traceback" not in site_build.output, site_build.output


def test_every_expected_page_exists(site_build: Build) -> None:
    actors = load_yaml(REPO / "site_data" / "actors.yaml")["actors"]
    expected = [*EXPECTED_PAGES, *(f"players/{a['id']}/index.html" for a in actors)]
    missing = [page for page in expected if not (site_build.site / page).is_file()]
    assert missing == []
    assert (site_build.site / "assets" / "explainer.css").is_file()


def test_every_page_links_the_explainer_css(site_build: Build) -> None:
    without = [
        p.relative_to(site_build.site).as_posix()
        for p in html_files(site_build.site)
        if 'assets/explainer.css"' not in p.read_text(encoding="utf-8")
    ]
    assert without == []


def test_every_fact_id_is_an_element_id(site_build: Build) -> None:
    expected = shipped_fact_ids()
    assert len(expected) > 20, "the shipped data should have facts"
    built: set[str] = set()
    for page in html_files(site_build.site):
        built.update(element_ids(page))
    missing = [fact for fact in expected if fact not in built]
    assert missing == []


def test_no_duplicate_element_ids_on_any_page(site_build: Build) -> None:
    duplicates = {}
    for page in html_files(site_build.site):
        ids = element_ids(page)
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            duplicates[page.relative_to(site_build.site).as_posix()] = repeated
    assert duplicates == {}


# --- search: accents folded, elisions split ------------------------------------------------------


def test_search_index_has_folded_forms(site_build: Build) -> None:
    index = json.loads((site_build.site / "search" / "search_index.json").read_text("utf-8"))
    separator = index["config"]["separator"]
    assert re.split(separator, "L'Élysée l’Élysée") == ["L", "Élysée", "l", "Élysée"]

    docs = index["docs"]
    francois = [d for d in docs if "François" in d["title"] + d["text"]]
    elysee = [d for d in docs if "Élysée" in d["title"] + d["text"]]
    assert francois, "some page should mention François Hollande"
    assert elysee, "some page should mention the Élysée"
    for doc in francois:
        tokens = search_tokens(doc["title"] + " " + doc["text"], separator)
        assert {"françois", "francois"} <= tokens, doc["location"]
    for doc in elysee:
        tokens = search_tokens(doc["title"] + " " + doc["text"], separator)
        assert {"élysée", "elysee"} <= tokens, doc["location"]
    # the spellings sit hidden after their words (what a result preview shows is the page's
    # text): taking them out leaves no trace, and folding again gives the same index
    for doc in docs:
        for field in ("title", "text"):
            plain = unfold_html(doc[field])
            assert "ex-search" not in plain, (doc["location"], field)
            assert fold_html(plain, separator) == doc[field], (doc["location"], field)


# --- a data error stops the build and leaves the site as it was ---------------------------------


def assert_reports_data_error(build: Build, line: int) -> None:
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    where = re.findall(r"site_data/quotes\.yaml:(\d+):(\d+)", build.output)
    assert where, f"no file:line:col in:\n{build.output}"
    assert str(line) in {ln for ln, _ in where}, build.output
    assert "nobody-we-know" in build.output, build.output


def test_data_error_fails_mkdocs_build_and_keeps_site(site_build: Build, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    shutil.copytree(site_build.site, root / "site")  # a previous good build
    before = tree_digest(root / "site")
    line = break_quotes(root)

    build = run_mkdocs_build(root)

    assert_reports_data_error(build, line)
    assert tree_digest(root / "site") == before


def test_failed_make_build_leaves_site_as_it_was(tmp_path: Path) -> None:
    """The Makefile's own publish: build into a folder of site.builds/, publish it only on
    success (tests/test_publish.py kills it at every step and runs two at once)."""
    root = copy_project(tmp_path / "project", (*PROJECT_PARTS, "Makefile"))
    first = run_make(root, "build", "site")
    first.assert_ok()
    assert (root / "site" / "index.html").is_file()
    built = [p for p in (root / "site.builds").iterdir() if p.name != ".lock"]
    assert built == [(root / "site").resolve()]
    before = tree_digest(root / "site")
    line = break_quotes(root)

    failed = run_make(root, "build", "site")

    assert_reports_data_error(failed, line)
    assert tree_digest(root / "site") == before
    assert [p for p in (root / "site.builds").iterdir() if p.name != ".lock"] == built
