"""Sources as they develop: a page that changed under one address (its versions, each checked
against its own archived copy), how a publisher is known, and agency copy relayed by several
outlets, counted once and shown as the agency's copy.

The rules edit the minimal story; `explainer verify --all` runs on the bridge-vote fixture
(tests/fixtures/verify); the expected lines are written by hand.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from support import FIXTURES, problems, rendered, run_explainer

Edit = Callable[[str, str, str], None]

GAZETTE = "    published: 2020-03-06\n    url: https://example.org/riverside-footbridge\n"


# --- the rules --------------------------------------------------------------------------------


def test_a_publisher_basis_without_a_publisher(story_copy: Path, edit: Edit) -> None:
    edit("sources", GAZETTE, GAZETTE + "    publisher_basis:\n      rule: address\n")
    assert problems(story_copy) == [
        "site_data/sources.yaml:7:5: sources[0].publisher_basis: publisher_basis is given but "
        "publisher is not"
    ]


def test_a_publisher_read_from_an_address_needs_the_address(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        GAZETTE,
        "    published: 2020-03-06\n    publisher: The Gazette\n"
        "    publisher_basis:\n      rule: address\n",
    )
    assert problems(story_copy) == [
        "site_data/sources.yaml:7:5: sources[0].publisher_basis: rule address reads the "
        "publisher from the source's url: add 'url'"
    ]


def test_an_inferred_publisher_says_how(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        GAZETTE,
        GAZETTE + "    publisher: The Gazette\n    publisher_basis:\n      rule: inferred\n",
    )
    assert problems(story_copy) == [
        "site_data/sources.yaml:8:5: sources[0].publisher_basis: rule inferred needs 'reason': "
        "how the publisher was worked out"
    ]


def test_a_publisher_rule_typed_as_a_word(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        GAZETTE,
        GAZETTE + "    publisher: The Gazette\n    publisher_basis:\n      rule: domain\n",
    )
    assert problems(story_copy) == [
        "site_data/sources.yaml:9:7: sources[0].publisher_basis.rule: 'domain' is not allowed; "
        "expected 'stated', 'address' or 'inferred' (did you mean 'address': read from the "
        "source's address (its url)?)"
    ]


VERSIONS = (
    "    versions:\n"
    "      - id: gazette-update\n"
    "        date: 2020-03-07\n"
    "        showed: The same headline over a new cost estimate.\n"
)


def test_versions_go_oldest_first_and_not_before_the_publication(
    story_copy: Path, edit: Edit
) -> None:
    edit(
        "sources",
        GAZETTE,
        GAZETTE
        + VERSIONS
        + "      - id: gazette-first\n        date: 2020-03-05\n        showed: An older page.\n",
    )
    assert problems(story_copy) == [
        "site_data/sources.yaml:12:9: sources[0].versions[1].date: 2020-03-05 is before the "
        "publication of 'gazette-footbridge' on 2020-03-06"
    ]
    edit("sources", "        date: 2020-03-05\n", "        date: 2020-03-06\n")
    assert problems(story_copy) == [
        "site_data/sources.yaml:12:9: sources[0].versions[1].date: 2020-03-06 is before the "
        "version above it (2020-03-07): versions go oldest first"
    ]


def test_an_excerpt_names_a_version_of_its_own_source(story_copy: Path, edit: Edit) -> None:
    sources = story_copy / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "  - id: radio-footbridge\n    excerpts:\n      - id: ex-radio\n"
        "        text: The footbridge was approved.\n        version: gazette-update\n",
        encoding="utf-8",
    )
    edit("sources", GAZETTE, GAZETTE + VERSIONS)
    assert problems(story_copy) == [
        "site_data/sources.yaml:25:9: sources[1].excerpts[0].version: 'gazette-update' is a "
        "version of 'gazette-footbridge', not of this excerpt's source 'radio-footbridge' (it "
        "has no versions)"
    ]
    edit("sources", "        version: gazette-update\n", "        version: gazette-updat\n")
    assert problems(story_copy) == [
        "site_data/sources.yaml:25:9: sources[1].excerpts[0].version: unknown version "
        "'gazette-updat' (did you mean 'gazette-update'?)"
    ]


# --- the sources page -------------------------------------------------------------------------


AGENCY_COPIES = """\
  - id: courier-copy
    headline: Footbridge approved
    publisher: AP
    publisher_basis:
      rule: inferred
      reason: Word for word the story that the Herald credits to the AP.
    found_at: the Courier
    excerpts:
      - id: ex-courier
        text: The council approved the footbridge.
  - id: herald-copy
    publisher: AP
    found_at: the Herald
    url: https://example.org/herald/footbridge
    published: 2020-03-06
    excerpts:
      - id: ex-herald
        text: The council approved the footbridge, the AP reports.
"""


def test_agency_copy_is_shown_as_the_agency_s_and_counted_once(
    story_copy: Path, edit: Edit
) -> None:
    sources = story_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + AGENCY_COPIES, encoding="utf-8")
    edit("events", "    claimed_by: ines-lima\n    cites: [ex-vote]\n",
         "    claimed_by: ines-lima\n    cites: [ex-vote, ex-courier, ex-herald]\n")  # fmt: skip
    pages = rendered(story_copy)
    page = pages["sources.md"]
    assert (
        '<p class="source__meta" markdown="span">AP copy, at the Courier (publisher inferred by '
        "the editor: Word for word the story that the Herald credits to the AP.); published on a "
        "date the copy does not give</p>"
    ) in page
    assert (
        '<p class="source__meta" markdown="span">AP copy, at the Herald; published <time '
        'datetime="2020-03-06">6 March 2020</time>. <a class="source__url" '
        'href="https://example.org/herald/footbridge">Read the source</a></p>'
    ) in page
    # the gazette, and the AP's story found at two outlets: three sources, two independent
    assert '<span class="source-count">3 sources, 2 independent</span>' in pages["timeline.md"]


def test_a_publisher_named_from_the_address(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        GAZETTE,
        GAZETTE + "    publisher: Example Gazette\n    publisher_basis:\n      rule: address\n",
    )
    assert (
        "Example Gazette (publisher named from the source’s address), published <time "
        'datetime="2020-03-06">6 March 2020</time>.'
    ) in rendered(story_copy)["sources.md"]


def test_a_page_that_changed_shows_its_versions(story_copy: Path, edit: Edit) -> None:
    edit(
        "sources",
        GAZETTE,
        GAZETTE + VERSIONS + "        headline: Riverside backs footbridge after long row\n",
    )
    edit(
        "sources",
        "        text: The council voted 7-2 on Thursday to fund the footbridge, Mayor Ines Lima "
        "said.\n",
        "        text: The council voted 7-2 on Thursday to fund the footbridge, Mayor Ines Lima "
        "said.\n        version: gazette-update\n",
    )
    page = rendered(story_copy)["sources.md"]
    assert (
        '<li id="version-gazette-update" markdown="span"><time datetime="2020-03-07">7 March '
        "2020</time>: The same headline over a new cost estimate. Its headline: “Riverside "
        "backs footbridge after long row”.</li>"
    ) in page
    assert (
        '<p class="excerpt__version" markdown="span">From [the version of 7 March 2020]'
        "(#version-gazette-update).</p>"
    ) in page


# --- verify: each version against its own copy ------------------------------------------------


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "verify", root)
    (root / "archive").mkdir()
    shutil.move(root / "archive.txt", root / "archive" / "bridge-article.txt")
    return root


def test_each_version_is_verified_against_its_own_copy(tmp_path: Path) -> None:
    root = _project(tmp_path)
    sources = root / "site_data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace(
            "    excerpts:\n",
            "    versions:\n      - id: bridge-article-update\n        date: 2020-03-05\n"
            "        showed: The vote, now with its cost.\n    excerpts:\n",
        )
        + "      - id: ex-cost\n        text: The bridge will cost four million.\n"
        "        version: bridge-article-update\n",
        encoding="utf-8",
    )
    (root / "archive" / "bridge-article-update.txt").write_text(
        "The town council voted on Monday to build a new bridge over the river.\n"
        "The bridge will cost four million.\n",
        encoding="utf-8",
    )
    result = run_explainer(root, "verify", "--all")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "bridge-article: 3 excerpts found verbatim; no run of 8+ words shared with our text",
        "bridge-article (version bridge-article-update): 1 excerpt found verbatim; no run of 8+ "
        "words shared with our text",
    ]
    # the version's passage is not in the source's own copy, and is not looked for there
    (root / "archive" / "bridge-article-update.txt").write_text("Another page.\n", "utf-8")
    result = run_explainer(root, "verify", "--all")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "site_data/sources.yaml:18:15: sources[0].excerpts[3].text: excerpt 'ex-cost' of "
        "'bridge-article' not found verbatim in archive/bridge-article-update.txt",
        "1 problem found",
    ]
