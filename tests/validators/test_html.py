"""Every built page of every story passes the Nu Html Checker (vnu.jar) with no error.

The stories: the shipped one at the top of the repository, the long story of the tests (the
shipped one at k=10, its lists in parts: ``support.shared_long_site``), each ``examples/<name>/``
with a ``mkdocs.yml`` (same layout: ``site_data/``, ``content/``) and the made-up three-update
story of ``tests/fixtures/three-updates/`` (its as-it-stood pages), each built with a strict
``mkdocs build`` into the test's temporary folder. One Java process checks every page of every
build. A planted fault shows that the checker, run this way, does report what Material writes
without ``generator/outputs/htmlfix.py`` and ``theme/partials/toc.html``.

The shipped story built by Zensical (``make build-zensical``, the session's one build) is held
to the same: its own templates write other faults, which ``generator/engines/zensical.py`` fixes
after the build with the same ``generator/outputs/htmlfix.py``; Zensical's original markup, put back
into a page, shows the checker reporting them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support import (
    MKDOCS,
    REPO,
    Build,
    build_env,
    html_files,
    shared_long_site,
    shared_site,
    shared_three_updates_site,
    shared_zensical_site,
)

from .support import VnuMessage, run_vnu, vnu_errors

pytestmark = pytest.mark.slow


def example_configs() -> list[Path]:
    return sorted((REPO / "examples").glob("*/mkdocs.yml"))


def build_example(config: Path, site: Path) -> Build:
    """A strict build of an example story, its site written outside the repository."""
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(config.parent, site, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="module")
def story_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Story name -> its finished build: ``shipped`` and one per ``examples/<name>/``."""
    builds = {
        "shipped": shared_site(tmp_path_factory),
        "long": shared_long_site(tmp_path_factory),
        # the as-it-stood pages: the shipped stories have none (see tests/test_asof.py)
        "three-updates": shared_three_updates_site(tmp_path_factory),
    }
    for config in example_configs():
        name = config.parent.name
        builds[name] = build_example(config, tmp_path_factory.mktemp(f"example-{name}") / "site")
    return builds


def test_every_page_of_every_story_has_no_html_error(story_sites: dict[str, Build]) -> None:
    pages: list[Path] = []
    for name, build in story_sites.items():
        build.assert_ok()
        found = html_files(build.site)
        assert len(found) > 5, f"{name}: only {len(found)} pages built"
        pages += found
    shipped = html_files(story_sites["shipped"].site)
    kinds = {p.relative_to(story_sites["shipped"].site).parts[0] for p in shipped}
    assert {"index.html", "404.html", "players", "embed", "updates"} <= kinds  # every page kind
    built = story_sites["three-updates"].site
    assert {p.relative_to(built).parts[0] for p in html_files(built)} >= {"as-of"}
    long = {
        p.relative_to(story_sites["long"].site).as_posix()
        for p in html_files(story_sites["long"].site)
    }
    assert {  # the long story's lists in parts: each overview has parts
        "timeline/2015-11/index.html",
        "players/index/1/index.html",
        "stances/work-with-putin/index.html",
        "quotes/1/index.html",
        "sources/cited-by/ex-orlov-offer/index.html",
    } <= long
    errors = vnu_errors(run_vnu(pages))
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(map(str, errors[:40]))


def test_the_checker_reports_a_planted_fault(story_sites: dict[str, Build], tmp_path: Path) -> None:
    """Material's own markup, put back into a built page: both faults are found, at their lines."""
    home = (story_sites["shipped"].site / "index.html").read_text(encoding="utf-8")
    checkbox = 'data-md-toggle="drawer" type="checkbox" id="__drawer"'
    assert checkbox + ">" in home  # htmlfix removed Material's autocomplete="off"
    planted = home.replace(checkbox + ">", checkbox + ' autocomplete="off">', 1)
    planted = re.sub(
        r"(<article[^>]*>)", r'\1<label for="__nowhere">planted</label>', planted, count=1
    )
    page = tmp_path / "planted.html"
    page.write_text(planted, encoding="utf-8")
    lines = planted.splitlines()
    autocomplete_line = next(n for n, t in enumerate(lines, 1) if 'autocomplete="off">' in t)
    label_line = next(n for n, t in enumerate(lines, 1) if 'for="__nowhere"' in t)

    errors = vnu_errors(run_vnu([page]))
    found = sorted((e.line, e.message) for e in errors)
    assert found == [
        (
            autocomplete_line,
            "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
            "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
            "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        ),
        (
            label_line,
            "The value of the “for” attribute of the “label” element must be the ID of a "
            "non-hidden form control.",
        ),
    ]


# --- the Zensical build --------------------------------------------------------------------------

ZENSICAL_FAULTS = (
    # (as htmlfix writes it, as Zensical 0.0.70 writes it)
    (
        'type="checkbox" id="__drawer" aria-label="Navigation">',
        'type="checkbox" id="__drawer" autocomplete="off">',
    ),
    (
        '<label class="md-header__button md-icon" for="__drawer">',
        '<label class="md-header__button md-icon" for="__drawer" aria-label="Navigation">',
    ),
    (
        '<label class="md-overlay" for="__drawer">',
        '<label class="md-overlay" for="__drawer" aria-hidden="true">',
    ),
)


@pytest.fixture(scope="module")
def zensical_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[VnuMessage]]:
    """ "pages": the checker's errors about every page of the Zensical build; "planted": about
    its home page with Zensical's own markup put back (one Java process for both)."""
    build = shared_zensical_site(tmp_path_factory)
    build.assert_ok()
    pages = html_files(build.site)
    kinds = {p.relative_to(build.site).parts[0] for p in pages}
    assert {"index.html", "404.html", "players", "embed", "updates", "reference"} <= kinds
    home = (build.site / "index.html").read_text(encoding="utf-8")
    for fixed, original in ZENSICAL_FAULTS:
        assert home.count(fixed) == 1, fixed
        home = home.replace(fixed, original)
    planted = tmp_path_factory.mktemp("zensical-planted") / "planted.html"
    planted.write_text(home, encoding="utf-8")
    errors = vnu_errors(run_vnu([*pages, planted]))
    return {
        "pages": [e for e in errors if Path(e.file) != planted],
        "planted": [e for e in errors if Path(e.file) == planted],
    }


def test_every_page_of_the_zensical_build_has_no_html_error(
    zensical_errors: dict[str, list[VnuMessage]],
) -> None:
    errors = zensical_errors["pages"]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(map(str, errors[:40]))


def test_the_checker_reports_zensicals_own_markup(
    zensical_errors: dict[str, list[VnuMessage]],
) -> None:
    assert sorted(e.message for e in zensical_errors["planted"]) == [
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        "The “aria-hidden” attribute must not be used on any “label” element that is "
        "associated with a labelable element.",
        "The “aria-label” attribute must not be used on any “label” element that is "
        "associated with a labelable element.",
    ]
