"""Sharing: Open Graph and Twitter card meta on every page, and a 1200×630 PNG per page kind.

Unit tests of the values (generator/outputs/sharemeta.py) with expected text written from the data
by hand; then built sites of both stories, by MkDocs and by Zensical: every page carries the meta,
each og:image is a PNG of the site, 1200×630 by its header; og:url is the page's absolute
address with a site_url and absent without; hostile text comes out as text; the images are the
same bytes in two builds.
"""

from __future__ import annotations

import re
import shutil
import struct
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import (
    PROJECT_PARTS,
    REPO,
    Build,
    copy_project,
    html_files,
    run_make,
    run_mkdocs_build,
    shared_site,
)

from generator.outputs.jsonld import page_document
from generator.outputs.shareimage import Card, draw, images
from generator.outputs.sharemeta import share_images, share_meta
from generator.pages.storyindex import Index
from generator.read.loader import load_story

SURFSIDE = REPO / "examples" / "surfside-collapse"
REQUIRED = ("og:title", "og:description", "og:image", "og:type", "twitter:card", "twitter:image")


class MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key and (key.startswith(("og:", "twitter:"))):
            self.meta.setdefault(key, []).append(found.get("content") or "")


def share_tags(page: Path) -> dict[str, str]:
    parser = MetaParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    for key, values in parser.meta.items():
        assert len(values) == 1, f"{page}: {key} given {len(values)} times"
    return {key: values[0] for key, values in parser.meta.items()}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's signature and IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pages(site: Path) -> list[Path]:
    return [p for p in html_files(site) if p.name != "404.html"]


def page_address(site: Path, page: Path) -> str:
    """The site-relative address of a built page (directory URLs)."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


# --- the values --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hollande() -> Index:
    return Index(load_story(REPO / "site_data"))


def test_player_page_values_without_a_site_address(hollande: Index) -> None:
    meta = share_meta(
        hollande,
        "players/vladimir-putin.md",
        title="Vladimir Putin",
        site_name="Hollande in Moscow, explained",
    )
    assert meta.title == "Vladimir Putin - Hollande in Moscow, explained"
    assert meta.description.startswith("Vladimir Putin: President of Russia and Hollande's host")
    assert meta.url is None
    assert meta.image == "../../assets/images/share/players.png"
    assert (meta.width, meta.height) == (1200, 630)


def test_values_with_a_site_address(hollande: Index) -> None:
    site = "https://example.org/hollande/"
    home = share_meta(hollande, "index.md", title="x", site_name="S", site_url=site)
    assert home.title == (
        "Hollande goes to Moscow: what France wants from Putin, and why a deal looks hard"
    )
    assert home.description.startswith("Less than two weeks after the Paris attacks, France's")
    assert home.url == "https://example.org/hollande/"
    assert home.image == "https://example.org/hollande/assets/images/share/home.png"
    timeline = share_meta(hollande, "timeline.md", title="Timeline", site_name="S", site_url=site)
    assert timeline.url == "https://example.org/hollande/timeline/"
    assert timeline.image == "https://example.org/hollande/assets/images/share/timeline.png"
    assert timeline.description == (
        "Every event of the story in date order, each with the sources it rests on."
    )
    embed = share_meta(hollande, "embed/stances.md", title="Where they stand", site_name="S")
    assert embed.image == "../../assets/images/share/stances.png"


def test_description_is_the_pages_own_then_the_kinds_then_the_sites(hollande: Index) -> None:
    own = share_meta(
        hollande, "quotes.md", title="Quotes", site_name="S", description="Our own words."
    )
    assert own.description == "Our own words."
    kind = share_meta(hollande, "quotes.md", title="Quotes", site_name="S")
    assert (
        kind.description
        == "Every quote word for word, who said it, where and when, with its source."
    )
    other = share_meta(
        hollande, "about.md", title="About us", site_name="S", site_description="The site."
    )
    assert other.description == "The site."
    assert other.image == "../assets/images/share/home.png"  # hand-written pages: the home card


def test_news_article_image_is_the_home_share_image(hollande: Index) -> None:
    article = page_document(hollande.data, "index.md")
    assert article is not None and article["image"] == "assets/images/share/home.png"
    absolute = page_document(hollande.data, "index.md", site_url="https://example.org/h/")
    assert absolute is not None
    assert absolute["image"] == "https://example.org/h/assets/images/share/home.png"


def test_one_image_per_page_kind_each_1200_by_630(hollande: Index) -> None:
    drawn = share_images(hollande)
    names = sorted(path.removeprefix("assets/images/share/") for path in drawn)
    assert names == [
        "figures.png",
        "guide.png",
        "home.png",
        "players.png",
        "quotes.png",
        "reference.png",
        "sources.png",
        "stances.png",
        "timeline.png",
        "updates.png",
    ]
    assert {png_size(png) for png in drawn.values()} == {(1200, 630)}


def test_drawing_is_deterministic_and_cached(tmp_path: Path) -> None:
    card = Card("test", "François Hollande à l’Élysée — “a test”", "Who’s who")
    assert draw(card) == draw(card)
    first = images([card], tmp_path / "cache")
    (cached,) = (tmp_path / "cache").iterdir()
    assert cached.read_bytes() == first["test"]
    cached.write_bytes(b"from the cache")  # a card drawn before is not drawn again
    assert images([card], tmp_path / "cache") == {"test": b"from the cache"}
    changed = Card("test", "François Hollande à l’Élysée — “a test”", "Quotes")
    assert images([changed], tmp_path / "cache")["test"] == draw(changed)


# --- built sites -------------------------------------------------------------------------------


def assert_every_page_shares(site: Path, site_url: str | None = None) -> None:
    built = pages(site)
    assert len(built) > 10
    for page in built:
        tags = share_tags(page)
        missing = [key for key in REQUIRED if not tags.get(key)]
        assert missing == [], f"{page.relative_to(site)}: no {missing}"
        assert tags["twitter:card"] == "summary_large_image"
        address = page_address(site, page)
        image = tags["og:image"]
        if site_url is None:
            assert "og:url" not in tags, page
            target = urllib.parse.urljoin(f"http://site.test/{address}", image)
        else:
            assert tags["og:url"] == site_url + address
            assert image.startswith(site_url), image
            target = "http://site.test/" + image.removeprefix(site_url)
        path = site / urllib.parse.urlsplit(target).path.lstrip("/")
        assert path.suffix == ".png" and path.is_file(), f"{page}: {image}"
        assert png_size(path.read_bytes()) == (1200, 630)
        assert tags["twitter:image"] == image


@pytest.mark.slow
def test_every_page_of_the_shipped_story_shares(tmp_path_factory: pytest.TempPathFactory) -> None:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    assert_every_page_shares(build.site)
    home = share_tags(build.site / "index.html")
    assert home["og:image"] == "assets/images/share/home.png"
    assert home["og:description"].startswith("Less than two weeks after the Paris attacks")
    player = share_tags(build.site / "players" / "francois-hollande" / "index.html")
    assert player["og:title"] == "François Hollande - Hollande in Moscow, explained"


@pytest.fixture(scope="module")
def surfside_with_site_url(tmp_path_factory: pytest.TempPathFactory) -> Build:
    base = tmp_path_factory.mktemp("share-surfside")
    root = base / "examples" / "surfside-collapse"
    shutil.copytree(SURFSIDE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(f"site_url: https://example.org/surfside/\n{text}", encoding="utf-8")
    build = run_mkdocs_build(root)
    build.assert_ok()
    return build


@pytest.mark.slow
def test_every_page_of_surfside_shares_with_absolute_addresses(
    surfside_with_site_url: Build,
) -> None:
    assert_every_page_shares(surfside_with_site_url.site, "https://example.org/surfside/")
    figures = share_tags(surfside_with_site_url.site / "figures" / "index.html")
    assert "A chart of Confirmed deaths" in figures["og:image:alt"]


@pytest.mark.slow
def test_share_images_are_the_same_bytes_in_two_builds(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Each build draws afresh (its own project folder, so its own cache)."""
    first = shared_site(tmp_path_factory)
    second = run_mkdocs_build(copy_project(tmp_path / "again"))
    second.assert_ok()
    share = Path("assets/images/share")
    names = sorted(p.name for p in (first.site / share).iterdir())
    assert len(names) == 10
    for name in names:
        assert (first.site / share / name).read_bytes() == (second.site / share / name).read_bytes()


@pytest.mark.slow
def test_zensical_pages_share_too(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", ("mkdocs.yml", "content", "site_data", "Makefile"))
    build = run_make(root, "build-zensical", "site-zensical")
    build.assert_ok()
    assert_every_page_shares(build.site)
    player = share_tags(build.site / "players" / "francois-hollande" / "index.html")
    assert player["og:title"] == "François Hollande - Hollande in Moscow, explained"


HOSTILE = '</title><script>alert(1)</script>" onmouseover="alert(2)'


@pytest.mark.slow
def test_hostile_text_is_escaped_in_the_meta(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", (*PROJECT_PARTS, "Makefile"))
    actors = root / "site_data" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    text = re.sub(r"^(    name: ).*$", rf'\1"{quoted}"', text, count=1, flags=re.MULTILINE)
    actors.write_text(text, encoding="utf-8")
    index = root / "content" / "index.md"
    description = "A 'quoted' <script>alert(3)</script> & \"more\""
    front = f"---\ndescription: '{description.replace(chr(39), chr(39) * 2)}'\n---\n\n"
    index.write_text(front + index.read_text(encoding="utf-8"), encoding="utf-8")
    build = run_mkdocs_build(root)
    build.assert_ok()
    zensical = run_make(root, "build-zensical", "site-zensical")
    zensical.assert_ok()
    for site in (zensical.site, build.site):  # MkDocs' last: the home page is checked below
        page = site / "players" / "francois-hollande" / "index.html"
        assert share_tags(page)["og:title"] == f"{HOSTILE} - Hollande in Moscow, explained"
        assert share_tags(site / "index.html")["og:description"] == description
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]  # the name is data from YAML: nowhere markup
        assert "<script>alert" not in head
        assert 'onmouseover="' not in head
    # The home page's description is the content page's own front matter: our tags escape it.
    # (Material's own <meta name="description"> prints it as written: content/ is the editors'
    # Markdown, where HTML is allowed anyway.)
    home = (build.site / "index.html").read_text(encoding="utf-8")
    ours = re.findall(r'<meta (?:property="og:|name="twitter:)[^>]*>', home)
    assert len(ours) == 14  # og:url only with a site_url
    assert not [tag for tag in ours if "<script" in tag or 'more"' in tag]


def test_front_matter_for_zensical_keeps_the_pages_own(hollande: Index) -> None:
    import yaml

    from generator.outputs.sharefront import ShareSite, content_title, with_share

    page = '---\ntitle: About "us"\ndescription: Who we are.\n---\n\n# About [us](x.md)\n'
    assert content_title(page) == 'About "us"'
    assert content_title("# About [us](x.md) and `code`\n") == "About us and code"
    written = with_share(hollande, "about.md", page, ShareSite("S", site_url="https://e.org/"))
    front, body = written.removeprefix("---\n").split("---\n", 1)
    assert body == "\n# About [us](x.md)\n"
    meta = yaml.safe_load(front)
    assert meta["title"] == 'About "us"' and meta["description"] == "Who we are."
    assert meta["explainer_share"]["title"] == 'About "us" - S'
    assert meta["explainer_share"]["description"] == "Who we are."
    assert meta["explainer_share"]["url"] == "https://e.org/about/"
    bare = with_share(hollande, "timeline.md", "# Timeline\n", ShareSite("S"), title="Timeline")
    assert bare.startswith("---\nexplainer_share:\n") and bare.endswith("---\n\n# Timeline\n")
