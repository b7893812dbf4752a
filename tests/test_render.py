"""Golden pages (expected Markdown written by hand) and a story made of hostile strings."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
from support import GOLDEN, REPO, load_golden_story

import generator.pipeline
from generator.pages.render import FirstPages, Page, render_pages, render_story
from generator.pages.storyindex import Index
from generator.pipeline import write_pages
from generator.read.loader import LoadResult, load_story
from generator.schema.kinds import StoryData

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition", "pymdownx.details"]


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return {page.path: page for page in render_pages(Index(load_golden_story()))}


@pytest.mark.parametrize("edited", ["actors.yaml", "events.yaml", "quotes.yaml", "story.yaml"])
def test_pages_made_first_are_handed_over_and_the_render_is_the_same(edited: str) -> None:
    # The dev server writes a save's own pages before the others are rendered: they must be the
    # very pages the whole render makes, and rendering them first must not change any other.
    # The shipped story: some of its players are in no event (the timeline's filter leaves
    # them out, however many player pages were made before it).
    story = load_story(REPO / "site_data")
    pages = {page.path: page for page in render_pages(Index(story))}
    handed: list[list[Page]] = []
    first = FirstPages(leads=lambda edit_path: edit_path.endswith(edited), made=handed.append)
    rendered, _ = render_story(Index(story), first=first)
    assert [(p.path, p.markdown) for p in rendered] == [
        (p.path, p.markdown) for p in pages.values()
    ]
    assert len(handed) == 1
    expected = [
        p.path
        for p in pages.values()
        if p.edit_path.endswith(edited) and not p.path.startswith("embed/")
    ]
    assert sorted(p.path for p in handed[0]) == sorted(expected)
    assert (edited == "actors.yaml") == ("players/index.md" in expected)


def test_page_list(pages: dict[str, Page]) -> None:
    assert [(p.path, p.title, p.edit_path) for p in pages.values()] == [
        ("timeline.md", "Timeline", "site_data/events.yaml"),
        ("players/index.md", "Who’s who", "site_data/actors.yaml"),
        ("players/anna-berg.md", "Anna Berg", "site_data/actors.yaml"),
        ("players/city-council.md", "City Council", "site_data/actors.yaml"),
        ("stances.md", "Where they stand", "site_data/positions.yaml"),
        ("figures.md", "Key figures", "site_data/figures.yaml"),
        ("quotes.md", "Quotes", "site_data/quotes.yaml"),
        ("sources.md", "Sources", "site_data/sources.yaml"),
        ("reference.md", "Data reference", "generator/schema/model.py"),
        ("updates.md", "Updates and corrections", "site_data/updates.yaml"),
        ("guide.md", "Editors’ guide", "generator/schema/model.py"),
        ("embed/timeline.md", "Timeline", "site_data/events.yaml"),
        ("embed/stances.md", "Where they stand", "site_data/positions.yaml"),
        ("embed/figures.md", "Key figures", "site_data/figures.yaml"),
    ]


def _footer(up: str = "") -> str:
    """The footer every page ends with, as written by hand in the expected pages."""
    return _expected("updates.md").split("\n\n")[-1].replace("](", f"]({up}")


def _expected(path: str) -> str:
    return (GOLDEN / "expected" / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "timeline.md",
        "players/index.md",
        "players/anna-berg.md",
        "players/city-council.md",
        "stances.md",
        "figures.md",
        "quotes.md",
        "sources.md",
        "updates.md",
        "embed/timeline.md",
        "embed/stances.md",
        "embed/figures.md",
    ],
)
def test_golden_page(pages: dict[str, Page], path: str) -> None:
    assert pages[path].markdown == _expected(path)


def test_reference_page_documents_every_field(pages: dict[str, Page]) -> None:
    text = pages["reference.md"].markdown
    kinds = ("story", "sources", "actors", "events", "figures", "quotes", "questions")
    for kind in (*kinds, "positions", "updates"):  # one section per file, naming its key
        assert f"## <code>site&#95;data/{kind}.yaml</code> {{: #file-{kind} }}" in text
        assert f"Top-level key: <code>{kind}</code>." in text
    assert text.count("## <code>site&#95;data/") == 9
    # one table row per field of every record model, nested ones included, in tables of their
    # own class (Material re-wraps every table without one after the first paint: slow here)
    row = '<tr><th scope="row"><code>{}</code></th><td>{}</td><td>{}</td><td>'
    assert row.format("date&#95;basis", "DateBasis", "yes") + "How the date was read" in text
    assert row.format("weekday", "one of: monday, tuesday, wednesday, thursday, friday, "
                      "saturday, sunday", "no") in text  # fmt: skip
    assert row.format("url", "http(s) address", "no") in text
    assert row.format("headline", "short text (at most 300 characters)", "yes") + (
        "The explainer&#39;s headline.</td></tr>"
    ) in (text)
    assert row.format("aliases", "list of short text (at most 300 characters)", "no") in text
    assert row.format("standfirst", "text (at most 4,000 characters)", "yes") in text
    assert row.format("cites", "list of id", "yes") in text
    models = text.count("\n### ")  # one heading and one table per model
    assert models > 9
    assert text.count('<table class="field-table">') == text.count("<table") == models
    assert "| --- |" not in text
    assert "### Excerpt {: #model-excerpt-sources }" in text
    assert "<code>^&#91;a-z0-9&#93;&#91;a-z0-9-&#93;&#42;$</code>" in text


def test_golden_pages_render_to_html_with_the_site_extensions(pages: dict[str, Page]) -> None:
    for page in pages.values():
        html = markdown.markdown(page.markdown, extensions=EXTENSIONS)
        assert 'markdown="' not in html, page.path  # every md_in_html block was taken
        assert "<p><" not in html.replace("<p><strong>", "").replace("<p><time", "").replace(
            "<p><span", ""
        ), page.path
        for href in re.findall(r'href="([^"]*)"', html):
            generated_file = href.lstrip("./").startswith(("data/", "feed.xml", "developments.xml"))
            assert href.startswith(("#", "https://")) or ".md" in href or generated_file, (
                page.path,
                href,
            )
    stances = markdown.markdown(pages["stances.md"].markdown, extensions=EXTENSIONS)
    assert '<th scope="row"><a href="players/anna-berg.md">Anna Berg</a></th>' in stances
    assert '<td class="stance stance--supports"><a href="#position-berg-fund">Supports</a>' in (
        stances
    )


# --- hostile strings -------------------------------------------------------------------------

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1)) '
    "{: onclick=alert(1) } {#evil .evil} {{ 7*7 }} {% if true %}jinja{% endif %} `code` "
    "*em* __strong__ a|b &lt; <a href='javascript:alert(1)'>y</a>\n--8<-- \"/etc/passwd\"\n"
    "# heading\n> quote\n- item\n1. item\n!!! note\n??? note\n| a | b |\n\x02wzxhzdk:0\x03"
)


TITLE_KEYS = {"headline", "name", "title", "unit", "question", "short", "publisher"}
"""The fields of the golden story that hold titles and names: at most 300 characters, so they
get one half of HOSTILE at a time (the test runs once with each), the other texts all of it."""
HOSTILE_HALVES = (HOSTILE[: HOSTILE.index("\n")], HOSTILE[HOSTILE.index("\n") + 1 :])


def _hostile_story(half: str) -> StoryData:
    story = load_golden_story()
    dumped = story.model_dump()

    def poison(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: poison(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [poison(v, key) for v in value]
        if key == "question" and isinstance(value, str) and not value.endswith("?"):
            return value  # a position's question id
        if isinstance(value, str) and key in TITLE_KEYS:
            return value + " " + half
        if isinstance(value, str) and key in {
            "standfirst", "text", "role", "summary", "counts", "words", "said_where", "context",
        }:  # fmt: skip
            return value + " " + HOSTILE
        if key == "aliases":
            return [half]
        if key == "label" and isinstance(value, str):  # a label is at most 80 characters
            return HOSTILE[:80]
        if isinstance(value, str) and key in {"how", "scope", "count_other"}:
            return value + " " + HOSTILE
        return value

    return StoryData.model_validate(poison(dumped))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("half", HOSTILE_HALVES, ids=["inline markup", "block markup"])
def test_hostile_text_stays_text(half: str) -> None:
    data = _hostile_story(half)
    for page in render_pages(Index(data)):
        html = markdown.markdown(page.markdown, extensions=EXTENSIONS)
        parser = _Elements()
        parser.feed(html)
        for tag, attrs in parser.tags:
            assert tag not in {"script", "img", "em", "iframe"}, (page.path, tag)
            # code: the data reference's and the guide's, and the iframe code of our own
            # "Embed this" block
            made_from_the_model = page.path in ("reference.md", "guide.md")
            assert tag != "code" or made_from_the_model or "data-embed-src" in attrs, (
                page.path,
                tag,
            )
            assert "onerror" not in attrs and "onclick" not in attrs, (page.path, tag, attrs)
            assert "evil" not in (attrs.get("class") or ""), (page.path, tag, attrs)
            assert attrs.get("id") != "evil", (page.path, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), page.path
        assert "<script" not in html and "onerror=" not in html, page.path
        assert 'href="javascript:' not in html, page.path
        if page.path in ("reference.md", "guide.md"):
            continue  # made from the model, not from the story
        # every page shows a title or name: the half of HOSTILE they hold is there, as text
        evidence = ("jinja", "&#60;script&#62;") if "jinja" in half else ("wzxhzdk",)
        assert all(shown in html for shown in evidence), page.path
        assert "49" not in html, page.path  # {{ 7*7 }} shown, not evaluated
        assert "{{" not in html and "{%" not in html, page.path
        assert "<h1" in html and html.count("<h1") == 1, page.path
        assert "<strong>strong" not in html and "<table>" not in html, page.path
        # the <details> a page may hold are our own: "Embed this", a chart's key of events
        embeds = 1 if page.path in {"timeline.md", "stances.md", "figures.md"} else 0
        keys = html.count('<details class="figure-chart__key">')
        assert html.count('<details class="embed-snippet"') == embeds, page.path
        assert html.count("<details") == embeds + keys, page.path
        assert 'class="admonition' not in html, page.path
        # (wzxhzdk: Python-Markdown's placeholder, made inert)


def test_write_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`explainer render --out`: generated pages, content pages resolved, other files copied."""
    monkeypatch.setattr(
        generator.pipeline,
        "load",
        lambda _dir, display_root=None, cache=None, project=None: LoadResult(
            load_golden_story(), []
        ),
    )
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "index.md").write_text("# Home\n\nLede.\n", encoding="utf-8")
    (content / "notes.md").write_text("See [[event:meeting]].\n", encoding="utf-8")
    (content / "img" / "a.png").write_bytes(b"\x89PNG")
    out = tmp_path / "docs"
    written = write_pages(tmp_path / "site_data", content, out)
    rel = sorted(p.relative_to(out).as_posix() for p in written)
    assert "timeline.md" in rel and "players/anna-berg.md" in rel and "img/a.png" in rel
    assert (out / "notes.md").read_text(encoding="utf-8") == (
        "See [Leaders meet in Vienna](timeline.md#event-meeting).\n\n" + _footer()
    )
    home = (out / "index.md").read_text(encoding="utf-8")
    assert home.startswith('# Home\n\nLede.\n\n<div class="what-we-know" markdown>\n')
    assert home.endswith("</div>\n\n" + _footer())
    assert (out / "timeline.md").read_text(encoding="utf-8") == _expected("timeline.md")


def test_write_pages_removes_what_only_an_earlier_render_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page of a deleted fact must not linger in the output for the next engine to publish;
    files the render never wrote (an editor's own) stay."""
    monkeypatch.setattr(
        generator.pipeline,
        "load",
        lambda _dir, display_root=None, cache=None, project=None: LoadResult(
            load_golden_story(), []
        ),
    )
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("Home.\n", encoding="utf-8")
    out = tmp_path / "docs"
    write_pages(tmp_path / "site_data", content, out)
    # As if an earlier render had written the page of a player deleted since.
    (out / "players" / "deleted-player.md").write_text("old page\n", encoding="utf-8")
    manifest = out / ".explainer-render.json"
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps([*listed, "players/deleted-player.md"]), encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")

    write_pages(tmp_path / "site_data", content, out)

    assert not (out / "players" / "deleted-player.md").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (out / "players" / "anna-berg.md").is_file()
