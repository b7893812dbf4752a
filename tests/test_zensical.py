"""The explainer builds with Zensical from the same mkdocs.yml, with the same pages and facts.

Unit tests cover the derived config and the search index folding. The end-to-end tests build the
shipped story once per session with each engine: MkDocs with the plugin (the build test_build.py
shares) and Zensical through `make build-zensical` in a copy of the project, then compare them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import (
    PROJECT_PARTS,
    REPO,
    THREE_UPDATES,
    Build,
    break_quotes,
    copy_project,
    element_ids,
    html_files,
    load_yaml,
    run_make,
    search_tokens,
    shared_site,
    shared_three_updates_site,
    shared_zensical_site,
    shipped_fact_ids,
    tree_digest,
)
from test_privacy import scan_file, scan_vendored_js

from generator.engines.mkdocsyml import load_mkdocs_config, plugin_config
from generator.engines.zensical import (
    dump_config,
    fold_zensical_search_index,
    main,
    theme_folder,
    zensical_config,
)
from generator.outputs.sharemeta import share_images
from generator.outputs.theme import THEME_DIR
from generator.pages.content import content_page
from generator.pages.render import render_pages
from generator.pages.storyindex import Index
from generator.pipeline import RENDER_MANIFEST, site_files, write_pages

ZENSICAL_DORMANT_URLS = {
    # Loaded only for images that the glightbox plugin (not configured) marks up: checked below.
    "https://unpkg.com/glightbox@3/dist/",
    # Loaded only for runnable Python blocks (pyodide) and their editor: checked below.
    "https://cdn.jsdelivr.net/pyodide/",
    "https://unpkg.com/pyodide@",
    "https://unpkg.com/ace-builds@",
    # Namespaces the bundle uses to create elements, never requested.
    "http://www.w3.org/",
}
"""URL literals in Zensical 0.0.70's JavaScript bundle that this site never requests."""

JSON_LD_CONTEXTS = {"https://schema.org"}
"""The ``@context`` of the home page's JSON-LD: a vocabulary name that browsers never fetch."""


# --- unit: the derived config ------------------------------------------------------------------


def derive(text: str, tmp_path: Path) -> dict[str, Any]:
    source = tmp_path / "mkdocs.yml"
    source.write_text(text, encoding="utf-8")
    work = tmp_path / "build" / "zensical"
    return zensical_config(
        load_mkdocs_config(source),
        source_dir=tmp_path,
        config_dir=work,
        docs_dir=work / "docs",
        site_dir=work / "site",
    )


def test_derived_config_follows_the_shipped_mkdocs_yml(tmp_path: Path) -> None:
    shipped = load_mkdocs_config(REPO / "mkdocs.yml")
    derived = derive((REPO / "mkdocs.yml").read_text(encoding="utf-8"), tmp_path)

    assert plugin_config(shipped) == {"data_dir": "site_data"}
    assert plugin_config(derived) is None
    assert plugin_config(derived, "search") == plugin_config(shipped, "search")
    assert (derived["docs_dir"], derived["site_dir"]) == ("docs", "site")
    # the generator's own theme (the shipped story has no overrides of its own)
    work = tmp_path / "build" / "zensical"
    assert (work / derived["theme"]["custom_dir"]).resolve() == THEME_DIR.resolve()
    assert derived["theme"]["variant"] == "classic"
    assert derived["theme"]["font"] is False
    unchanged = set(shipped) - {"docs_dir", "site_dir", "theme", "plugins"}
    assert {k: derived[k] for k in unchanged} == {k: shipped[k] for k in unchanged}
    # What is written reads back as the same settings.
    assert yaml.safe_load(dump_config(derived)) == derived


def test_derived_config_keeps_tags_and_other_plugin_forms(tmp_path: Path) -> None:
    derived = derive(
        "site_name: x\n"
        "theme: {name: material, variant: modern}\n"
        "watch: [extra]\n"
        "plugins: {search: {}, explainer: {data_dir: d}}\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        tmp_path,
    )
    assert derived["plugins"] == {"search": {}}
    assert {k: v for k, v in derived["theme"].items() if k != "custom_dir"} == {
        "name": "material",
        "variant": "modern",
    }
    assert derived["watch"] == ["../../extra"]
    text = dump_config(derived)
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    assert load_mkdocs_config_text(text)["plugins"] == {"search": {}}


def load_mkdocs_config_text(text: str) -> dict[str, Any]:
    return yaml.load(text, Loader=yaml.Loader)  # type: ignore[no-any-return]


# --- unit: search index ------------------------------------------------------------------------


def test_zensical_search_index_is_folded_like_mkdocs() -> None:
    index: dict[str, Any] = {
        "config": {"lang": ["en"], "separator": r"[\s\-'’]+"},
        "items": [
            {
                "location": "",
                "level": 1,
                "title": "François",
                "text": "<p>L’Élysée</p>",
                "tags": [],
            },
            {"location": "x/", "level": 1, "title": "Plain", "text": "<p>nothing</p>", "tags": []},
        ],
    }
    before = json.dumps(index)
    folded = fold_zensical_search_index(index)

    assert json.dumps(index) == before, "the input is left unchanged"
    assert folded["config"] == index["config"]
    first, second = folded["items"]
    # each word's other spellings right after it, hidden (generator.outputs.search.fold_html;
    # hidden= "hidden", which Zensical's preview keeps); the index's own separator splits
    # apostrophes, so "Élysée" is already a token of its own and only the folded "Elysee" is added
    assert first["title"] == (
        '<span class="ex-search-word">François'
        '<span class="ex-search-fold" hidden="hidden">Francois</span></span>'
    )
    assert first["text"] == (
        '<p><span class="ex-search-word">L’Élysée'
        '<span class="ex-search-fold" hidden="hidden">Elysee</span></span></p>'
    )
    assert {**first, "title": "", "text": ""} == {**index["items"][0], "title": "", "text": ""}
    assert second == index["items"][1]
    assert fold_zensical_search_index(folded) == folded, "idempotent"


def test_a_site_url_that_is_not_http_stops_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nsite_url: ftp://host/\nplugins:\n  - explainer\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["--config", "mkdocs.yml", "--zensical", "false"]) == 1
    assert capsys.readouterr().err == (
        "mkdocs.yml: site_url must be an http(s) address, got 'ftp://host/'\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]


# --- what `explainer render` writes is what the plugin serves ------------------------------------


def plugin_pages(root: Path) -> dict[str, str]:
    """Docs-relative path -> Markdown, as the plugin hands each page to MkDocs' Markdown step."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    pages: dict[str, str] = {}
    for file in files:
        if file.is_documentation_page():
            page = Page(None, file, config)
            markdown = config.plugins.on_page_markdown(
                file.content_string, page=page, config=config, files=files
            )
            pages[file.src_uri] = markdown
        elif file.generated_by is not None:  # a generated asset (feed, data file, ...)
            pages[file.src_uri] = as_written(file.src_uri, file.content_bytes)
        elif file.abs_src_path and Path(file.abs_src_path).is_relative_to(config.docs_dir):
            pages[file.src_uri] = as_written(file.src_uri, Path(file.abs_src_path).read_bytes())
    return pages


def as_written(path: str, content: bytes) -> str:
    """Markdown as text (for a readable diff), anything else as its bytes."""
    return content.decode("utf-8") if path.endswith(".md") else f"<bytes {content!r}>"


def written_pages(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): as_written(p.name, p.read_bytes())
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != RENDER_MANIFEST  # render's own list; engines skip dotfiles
    }


def test_render_writes_exactly_what_the_plugin_serves(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "content" / "img").mkdir()
    (root / "content" / "img" / "map.svg").write_text("<svg/>", encoding="utf-8")
    out = tmp_path / "out"

    write_pages(root / "site_data", root / "content", out)

    served = plugin_pages(root)
    assert sorted(written_pages(out)) == sorted(served)
    assert written_pages(out) == served


def test_render_pages_and_resolved_content_are_what_is_written(tmp_path: Path) -> None:
    from generator.read.loader import load_story

    out = tmp_path / "out"
    written = write_pages(REPO / "site_data", REPO / "content", out)
    data = load_story(REPO / "site_data")
    index = Index(data)
    expected = {p.path: p.markdown for p in render_pages(index)}
    expected.update(site_files(index))  # open data and the feed
    for page in sorted((REPO / "content").rglob("*.md")):
        rel = page.relative_to(REPO / "content").as_posix()
        text = page.read_text(encoding="utf-8")
        expected[rel] = content_page(text, index, page_path=rel, file_label=rel)
    images = share_images(index)
    assert sorted(p.relative_to(out).as_posix() for p in written) == sorted({**expected, **images})
    assert {k: (out / k).read_bytes() for k in images} == images
    # bytes decoded as they are: the CSV files end their lines with CRLF
    assert {k: (out / k).read_bytes().decode("utf-8") for k in expected} == expected


# --- end to end: both engines ------------------------------------------------------------------


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = shared_zensical_site(tmp_path_factory)
    build.assert_ok()
    return build


@pytest.fixture(scope="session")
def mkdocs_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    return build


def page_paths(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in html_files(site)}


def all_ids(site: Path) -> set[str]:
    ids: set[str] = set()
    for page in html_files(site):
        ids.update(element_ids(page))
    return ids


@pytest.mark.slow
def test_zensical_build_is_clean(zensical_build: Build) -> None:
    assert "Traceback" not in zensical_build.output, zensical_build.output
    assert "Warning" not in zensical_build.output, zensical_build.output
    assert (zensical_build.site / "assets" / "explainer.css").is_file()
    # Published as a link to its one build (generator/engines/publish.py).
    assert (zensical_build.root / "site-zensical").is_symlink()
    builds = zensical_build.root / "site-zensical.builds"
    assert [p.resolve() for p in builds.iterdir() if p.name != ".lock"] == [
        zensical_build.site.resolve()
    ]


@pytest.mark.slow
def test_both_engines_build_the_same_pages(mkdocs_build: Build, zensical_build: Build) -> None:
    actors = load_yaml(REPO / "site_data" / "actors.yaml")["actors"]
    players = {f"players/{a['id']}/index.html" for a in actors}
    built_by_mkdocs = page_paths(mkdocs_build.site)
    assert players <= built_by_mkdocs
    assert {"index.html", "timeline/index.html", "sources/index.html"} <= built_by_mkdocs
    assert page_paths(zensical_build.site) == built_by_mkdocs


THEME_OUTPUT = re.compile(
    r"^(?:assets/(?:javascripts|stylesheets|images)/|search/|sitemap\.xml|404\.html$|.*\.html$)"
)
"""What each engine's theme and search write in its own way (pages are compared above)."""


@pytest.mark.slow
def test_every_other_file_of_the_mkdocs_site_is_in_the_zensical_site(
    mkdocs_build: Build, zensical_build: Build
) -> None:
    """Files the plugin or the docs add beside the pages (CSS, feeds, data) exist in both."""
    ours = {
        p.relative_to(mkdocs_build.site).as_posix()
        for p in mkdocs_build.site.rglob("*")
        if p.is_file() and not THEME_OUTPUT.match(p.relative_to(mkdocs_build.site).as_posix())
    }
    assert "assets/explainer.css" in ours
    missing = sorted(f for f in ours if not (zensical_build.site / f).is_file())
    assert missing == [], "not built by make build-zensical (or list it in the README)"


@pytest.mark.slow
def test_both_engines_publish_the_pages_as_they_stood_and_the_developments(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """The made-up three-update story, whose two earlier days have pages of their own, built
    by both engines: the same pages, the developments' files and feed beside the others."""
    built = shared_three_updates_site(tmp_path_factory)
    built.assert_ok()
    site = tmp_path / "site-zensical"
    code = main(
        [
            "--config",
            str(THREE_UPDATES / "mkdocs.yml"),
            "--work",
            str(tmp_path / "work"),
            "--site-dir",
            str(site),
        ]
    )
    assert code == 0
    as_of = {"as-of/2019-03-04/index.html", "as-of/2019-06-20/index.html"}
    assert as_of <= page_paths(built.site)
    assert page_paths(site) == page_paths(built.site)
    for name in (
        "data/developments.json",
        "data/developments.schema.json",
        "data/developments.csv",
        "developments.xml",
    ):
        assert (site / name).read_bytes() == (built.site / name).read_bytes(), name
    page = (site / "as-of" / "2019-06-20" / "index.html").read_text(encoding="utf-8")
    assert "This is not the current explainer." in page
    assert 'src="../../assets/since-last-visit.js"' in page


@pytest.mark.slow
def test_every_fact_id_on_both(mkdocs_build: Build, zensical_build: Build) -> None:
    actors = load_yaml(REPO / "site_data" / "actors.yaml")["actors"]
    expected = [*shipped_fact_ids(), *(f"actor-{a['id']}" for a in actors)]
    for prefix in ("event-", "quote-", "figure-", "position-", "actor-", "excerpt-"):
        assert any(fact.startswith(prefix) for fact in expected), prefix
    for build in (mkdocs_build, zensical_build):
        built = all_ids(build.site)
        assert [fact for fact in expected if fact not in built] == [], build.site
    fact = re.compile(r"^(?:event|quote|figure|position|actor|excerpt)-")
    assert {i for i in all_ids(zensical_build.site) if fact.match(i)} == {
        i for i in all_ids(mkdocs_build.site) if fact.match(i)
    }


@pytest.mark.slow
def test_no_file_of_either_site_references_another_host(
    mkdocs_build: Build, zensical_build: Build
) -> None:
    offenders = {}
    for build in (mkdocs_build, zensical_build):
        for path in sorted(build.site.rglob("*")):
            if not path.is_file() or path.suffix not in {".html", ".css", ".js"}:
                continue  # data files (feed, open data, search index): test_privacy.py
            if build is zensical_build and path.suffix == ".js":
                found = [
                    (what, url)
                    for what, url in scan_vendored_js(path.read_text(encoding="utf-8"))
                    if not any(url.startswith(known) for known in ZENSICAL_DORMANT_URLS)
                ]
            else:
                found = scan_file(path)  # Material's own dormant URLs are allowed there
            found = [(what, url) for what, url in found if url not in JSON_LD_CONTEXTS]
            if found:
                offenders[str(path)] = sorted(set(found))
    assert offenders == {}


@pytest.mark.slow
def test_zensical_dormant_urls_stay_dormant(zensical_build: Build) -> None:
    derived = load_mkdocs_config(zensical_build.root / "build" / "zensical" / "mkdocs.yml")
    assert plugin_config(derived, "glightbox") is None, "glightbox loads unpkg.com"
    assert not derived.get("repo_url"), "repo_url fetches facts from the forge's API"
    for page in html_files(zensical_build.site):
        html = page.read_text(encoding="utf-8")
        assert "glightbox" not in html, page
        assert "pyodide" not in html, page
        assert 'class="mermaid"' not in html, page
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page


@pytest.mark.slow
def test_zensical_search_index_has_folded_forms(zensical_build: Build) -> None:
    index = json.loads((zensical_build.site / "search.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"]
    assert re.split(separator, "L'Élysée l’Élysée") == ["L", "Élysée", "l", "Élysée"]
    items = index["items"]
    francois = [d for d in items if "François" in d["title"] + d["text"]]
    elysee = [d for d in items if "Élysée" in d["title"] + d["text"]]
    assert francois and elysee
    for doc in francois:
        assert {"françois", "francois"} <= search_tokens(f"{doc['title']} {doc['text']}", separator)
    for doc in elysee:
        assert {"élysée", "elysee"} <= search_tokens(f"{doc['title']} {doc['text']}", separator)


@pytest.mark.slow
def test_data_error_fails_build_zensical_and_keeps_site(
    zensical_build: Build, tmp_path: Path
) -> None:
    root = copy_project(tmp_path / "project", (*PROJECT_PARTS, "Makefile"))
    shutil.copytree(zensical_build.site, root / "site-zensical")
    before = tree_digest(root / "site-zensical")
    line = break_quotes(root)

    failed = run_make(root, "build-zensical", "site-zensical")

    assert failed.returncode != 0, failed.output
    assert "Traceback" not in failed.output, failed.output
    assert f"site_data/quotes.yaml:{line}:" in failed.output, failed.output
    assert "nobody-we-know" in failed.output, failed.output
    assert tree_digest(root / "site-zensical") == before


def test_a_story_with_overrides_of_its_own_gets_them_over_the_generators_theme(
    tmp_path: Path,
) -> None:
    own = tmp_path / "theme" / "assets"
    own.mkdir(parents=True)
    (own / "explainer.css").write_text(".ours{color:teal}\n", encoding="utf-8")
    config = load_mkdocs_config_text("site_name: x\ntheme: {name: material, custom_dir: theme}\n")
    merged = theme_folder(config, tmp_path, tmp_path / "work")
    assert merged == tmp_path / "work" / "theme"
    assert (merged / "assets" / "explainer.css").read_text(
        encoding="utf-8"
    ) == ".ours{color:teal}\n"
    assert (merged / "main.html").read_bytes() == (THEME_DIR / "main.html").read_bytes()
    bare = load_mkdocs_config_text("site_name: x\ntheme: {name: material}\n")
    assert theme_folder(bare, tmp_path, tmp_path / "work") == THEME_DIR
