"""Phones: a story with long names and labels, every page at 320 and 390 px wide, nothing
sticking out of the screen and no word of a name broken in two.

``tests/fixtures/phones`` is a made-up story built for this (with this project's mkdocs.yml and
theme): players of about 60 characters (one with a word of 35 letters, one with a word of 17,
one in Arabic), claims and
denials by them ("Denied by Red Crescent Society of the Northern Valmorra Coast Region, 17
September 2023"), questions whose short headings are as long, four reporters of one figure, and
events 48 years apart. The page's ``overflow-x: hidden`` hides a sideways scroll, not the loss:
so the test looks at every element of the content, not at the page's scroll width. An element
inside a box that scrolls sideways (the stance matrix, a wide table) counts only through that
box.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ViewportSize
from support import FIXTURES, copy_project, run_mkdocs_build

from .conftest import serve_site
from .support import Server, Watch, goto

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STORY = FIXTURES / "phones"
WIDTHS = (320, 390)

STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  const out = [];
  for (const element of document.querySelectorAll('.md-content *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (getComputedStyle(element).visibility === 'hidden') continue;
    if (box.left >= -0.5 && box.right <= width + 0.5) continue;
    if (scrolls(element)) continue;
    const name = element.tagName.toLowerCase() + '.' + [...element.classList].join('.');
    const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
    out.push(`${name} from ${Math.round(box.left)} to ${Math.round(box.right)} px: ${text}`);
  }
  return out;
}"""
"""Every element of the page's content that reaches past either side of the screen, but for
those inside a box that scrolls sideways."""

LONGEST_WHOLE_WORD = 20
"""A word of a name with at most this many characters is never broken across lines
("Intergovernmental", 17, was "Intergovernme" / "ntal" in the stance matrix at a phone's
width); a longer one may be, where it reaches the edge."""

BROKEN_WORDS = """(longest) => {
  const out = [];
  const names = '.label a, table.stance-matrix a, table.figure-history a';
  for (const link of document.querySelectorAll(names)) {
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-\\u2010\\u2011]+/g)) {
        if (word[0].length > longest) continue;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const pieces = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (new Set(pieces.map((rect) => Math.round(rect.top))).size > 1) {
          out.push(`"${word[0]}" broken across lines`);
        }
      }
    }
  }
  return out;
}"""
"""Every word of a name (in a label, the stance matrix or a figure's table of reports; hyphens
part words) of at most ``longest`` characters broken across lines."""


@pytest.fixture(scope="module")
def phones(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, list[str]]]:
    root = copy_project(tmp_path_factory.mktemp("phones"), ("mkdocs.yml", "theme"))
    shutil.copytree(STORY / "site_data", root / "site_data")
    shutil.copytree(STORY / "content", root / "content")
    run_mkdocs_build(root, "site").assert_ok()
    site = root / "site"
    pages = [
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in sorted(site.rglob("*.html"))
    ]
    with serve_site(site) as served:
        yield served, pages


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_sticks_out_and_no_name_breaks_inside_a_word(
    browser: Browser, phones: tuple[Server, list[str]], width: int
) -> None:
    server, pages = phones
    viewport: ViewportSize = {"width": width, "height": 800}
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    watch = Watch().attach(context)
    try:
        page = context.new_page()
        sticking_out: dict[str, list[str]] = {}
        broken: dict[str, list[str]] = {}
        for path in pages:
            goto(page, server, path)
            if found := page.evaluate(STICKING_OUT):
                sticking_out[path or "/"] = found[:5]
            if found := page.evaluate(BROKEN_WORDS, LONGEST_WHOLE_WORD):
                broken[path or "/"] = found[:5]
        # the story holds what the test is about: a denial by a long name, wrapped in its label
        goto(page, server, "stances/")
        label = page.locator(".label--denied", has_text="Northern Valmorra Coast Region").first
        box = label.bounding_box()
        assert box is not None and box["height"] > 30, box  # two lines at least
    finally:
        context.close()
    assert (sticking_out, broken) == ({}, {})
    assert watch.foreign(server) == []
