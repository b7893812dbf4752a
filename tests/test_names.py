"""Players' names and aliases: every alias shown on the player's page and found by search in
every story, and a name or alias never counted by `explainer verify` as copied prose (an
official name of eight words or more was refused as copied text).

Expected lines are written by hand; the search index is read from strict builds of the shipped
story, the Surfside example and the made-up Norvale story (tests/fixtures/norvale/).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from support import (
    FIXTURES,
    REPO,
    Build,
    rendered,
    run_explainer,
    run_mkdocs_build,
    shared_site,
)

from generator.outputs.search import fold_text, unfold_html
from generator.read.loader import load_story
from generator.tools.passages import Names, passages

NORVALE = FIXTURES / "norvale"
STORIES = {
    "shipped": REPO,
    "surfside": REPO / "examples" / "surfside-collapse",
    "norvale": NORVALE,
}


def test_the_words_of_a_name_are_no_prose() -> None:
    text = passages("Yesterday the UN Office for the Coordination of Humanitarian Affairs said so")
    tokens = [word.text for word in text.words]
    names = Names(["UN Office for the Coordination of Humanitarian Affairs", "OCHA"])
    kept = names.prose(tokens, text.stretches[0])
    assert [tokens[i] for i in kept] == ["yesterday", "the", "said", "so"]
    # the longest name that stands there: "Levine Cava", not "Cava" and a stray "Levine"
    text = passages("Mayor Levine Cava spoke")
    tokens = [word.text for word in text.words]
    kept = Names(["Cava", "Levine Cava"]).prose(tokens, text.stretches[0])
    assert [tokens[i] for i in kept] == ["mayor", "spoke"]


def test_an_official_name_of_nine_words_is_not_copied_prose(tmp_path: Path) -> None:
    """content/index.md names the Regional Office for the Coordination of Emergency Relief
    Operations, as the wire does: a player's name, so no copied run. The same words when they
    are no player's name are reported."""
    root = tmp_path / "norvale"
    shutil.copytree(NORVALE, root)
    assert run_explainer(root, "verify", "--all").returncode == 0
    actors = root / "site_data" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text.replace(
            "    name: Regional Office for the Coordination of Emergency Relief Operations\n",
            "    name: The relief office\n",
        ),
        encoding="utf-8",
    )
    result = run_explainer(root, "verify", "--all")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/index.md:18:1: shares 10 consecutive words with "
        "archive/wire-breach-update.txt: 'the regional office for the coordination of emergency "
        "relief operations'",
        "content/index.md:18:1: shares 10 consecutive words with archive/wire-breach.txt: 'the "
        "regional office for the coordination of emergency relief operations'",
        "2 problems found",
    ]


# --- every alias, on its page and in the search index of every story ---------------------------


def test_the_player_page_shows_the_aliases_that_are_more_than_a_spelling() -> None:
    """ "Francois Hollande" only spells "François Hollande" without its accents (search finds it
    by folding); "Hollande" is another name for him. The Arabic alias keeps its direction."""
    shipped = rendered(REPO / "site_data")["players/francois-hollande.md"]
    assert '<p class="fact__aliases" markdown="span">Also known as: <bdi>Hollande</bdi></p>' in (
        shipped
    )
    norvale = rendered(NORVALE / "site_data")
    assert (
        "Also known as: <bdi>Serra</bdi>, <bdi>Prefeito Tomás Serra</bdi></p>"
        in norvale["players/tomas-serra.md"]
    )
    assert (
        "Also known as: <bdi>VRS</bdi>, <bdi>جمعية إغاثة الوادي</bdi></p>"
        in (norvale["players/valley-relief-society.md"])
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    built = {"shipped": shared_site(tmp_path_factory)}
    for name in ("surfside", "norvale"):
        site = tmp_path_factory.mktemp(name) / "site"
        built[name] = run_mkdocs_build(STORIES[name], str(site))
    return built


def _plain(text: str) -> str:
    return " ".join(fold_text(text).casefold().split())


@pytest.mark.slow
@pytest.mark.parametrize("story", list(STORIES))
def test_every_alias_is_found_by_search_on_its_player_s_page(
    sites: dict[str, Build], story: str
) -> None:
    """Each alias is in the indexed text of its player's page, accents aside: shown after "Also
    known as:", or, for one that only spells the name without its accents ("Francois Hollande"),
    as the name itself (search folds accents: "Francois" finds "François")."""
    build = sites[story]
    build.assert_ok()
    index = json.loads((build.site / "search" / "search_index.json").read_text("utf-8"))
    pages: dict[str, str] = {}
    for doc in index["docs"]:  # as a reader reads it: no hidden spellings, markup or entities
        indexed = unfold_html(f"{doc['title']} {doc['text']}")
        text = html.unescape(re.sub(r"<[^>]*>", " ", indexed))
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + _plain(text)
    data = load_story(STORIES[story] / "site_data")
    aliases = [(actor, alias) for actor in data.actors for alias in actor.aliases]
    assert aliases, f"{story} has no aliases"
    missing = [
        (actor.id, alias)
        for actor, alias in aliases
        if _plain(alias) not in pages.get(f"players/{actor.id}/", "")
    ]
    assert missing == []
    shown = [
        actor
        for actor in data.actors
        if any(_plain(a) != _plain(actor.name) for a in actor.aliases)
    ]
    assert all("also known as:" in pages[f"players/{actor.id}/"] for actor in shown)
