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
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, MKDOCS, REPO, Build, build_env, shared_site

from generator.outputs.search import unfold_html
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


def _verify_all(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "verify", "--all"],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_official_name_of_nine_words_is_not_copied_prose(tmp_path: Path) -> None:
    """content/index.md names the Regional Office for the Coordination of Emergency Relief
    Operations, as the wire does: a player's name, so no copied run. The same words when they
    are no player's name are reported."""
    root = tmp_path / "norvale"
    shutil.copytree(NORVALE, root)
    assert _verify_all(root).returncode == 0
    actors = root / "site_data" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text.replace(
            "    name: Regional Office for the Coordination of Emergency Relief Operations\n",
            "    name: The relief office\n",
        ),
        encoding="utf-8",
    )
    result = _verify_all(root)
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


def _build(root: Path, site: Path) -> Build:
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Build(root, site, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    built = {"shipped": shared_site(tmp_path_factory)}
    for name in ("surfside", "norvale"):
        built[name] = _build(STORIES[name], tmp_path_factory.mktemp(name) / "site")
    return built


def _index_texts(site: Path) -> dict[str, str]:
    """Each indexed page's location -> its text as a reader reads it (folds, tags and entities
    out, whitespace one space)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]*>", " ", unfold_html(doc["text"])))
        page = doc["location"].split("#")[0]
        out[page] = out.get(page, "") + " " + " ".join(text.split())
    return out


@pytest.mark.slow
@pytest.mark.parametrize("story", list(STORIES))
def test_every_alias_is_found_by_search_on_its_player_s_page(
    sites: dict[str, Build], story: str
) -> None:
    build = sites[story]
    build.assert_ok()
    texts = _index_texts(build.site)
    data = load_story(STORIES[story] / "site_data")
    aliases = [(actor.id, alias) for actor in data.actors for alias in actor.aliases]
    assert aliases, f"{story} has no aliases"
    missing = [
        (actor_id, alias)
        for actor_id, alias in aliases
        if "Also known as:" not in texts.get(f"players/{actor_id}/", "")
        or alias not in texts.get(f"players/{actor_id}/", "")
    ]
    assert missing == []
