"""A reader types a name into Material's search box and lands on the right page and fact.

The plugin folds accents into search/search_index.json (``Francois`` finds ``François``) and
mkdocs.yml splits words on apostrophes (``Élysée`` is found inside ``l'Élysée``). The folded
spellings sit in hidden elements right after their words (generator/outputs/search.py), so the
preview a reader sees under a result is the page's own sentence, accents intact. On the page a
result leads to, theme/assets/fold-highlight.js marks the words an unaccented query spells
(``?h=elysee`` marks ``Élysée``) as Material marks those an accented one spells.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, Route, expect
from support import Build

from .support import Server, goto, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def fold(text: str) -> str:
    """Accent- and case-folded, as fold-highlight.js compares words: NFD, no marks, lower."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def result_paths(results: Locator, server: Server) -> list[str]:
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    return [server.path(h) + ("#" + h.split("#", 1)[1] if "#" in h else "") for h in hrefs]


# query, the result to click (site path + fragment), what the landing page must show
CASES = [
    # Orlov: his player page, which carries his quote (linked to the Quotes page).
    ("Orlov", "players/alexander-orlov/", "h1", "Alexander Orlov"),
    # barrel: the stance question about barrel bombs.
    (
        "barrel",
        "stances/#question-barrel-bombing",
        "#question-barrel-bombing",
        "stop barrel-bombing civilians",
    ),
    # Francois, typed without the cedilla: François Hollande's page.
    ("Francois", "players/francois-hollande/", "h1", "François Hollande"),
    # Élysée, typed with accents: the timeline, whose Élysée meeting event is highlighted.
    ("Élysée", "timeline/", "#event-elysee-meeting", "Élysée Palace"),
    # and typed without them
    ("Elysee", "timeline/", "#event-elysee-meeting", "Élysée Palace"),
    # François, typed with the cedilla
    ("François", "players/francois-hollande/", "h1", "François Hollande"),
    # l'elysee, split like the text into "l" and "elysee" ("l" alone matches many pages; the
    # timeline is among the results, as it is for l'Élysée)
    ("l'elysee", "timeline/", "#event-elysee-meeting", "Élysée Palace"),
]


@pytest.mark.parametrize(("query", "target", "selector", "text"), CASES)
def test_search_finds_the_fact_and_the_result_leads_there(
    page: Page, server: Server, query: str, target: str, selector: str, text: str
) -> None:
    results = search(page, server, query)
    paths = result_paths(results, server)
    assert target in paths, f"{query!r}: no result leads to {target}; results: {paths}"
    link = results.nth(paths.index(target))
    link.click()
    page.wait_for_url(lambda url: server.path(url) == target.split("#")[0])
    if "#" in target:
        assert page.evaluate("location.hash") == "#" + target.split("#")[1]
    landed = page.locator(selector).first
    expect(landed).to_contain_text(text)
    expect(landed).to_be_in_viewport()
    # search.highlight marks the query inside the fact it found: Material for the query as
    # typed, fold-highlight.js for the words only its accent-folded form spells (?h=elysee marks
    # "Élysée"). Not for l'elysee: ?h=l+elysee, and Material marks every "l" first.
    if query != "l'elysee":
        mark = landed.locator("mark[data-md-highlight]").first
        expect(mark).to_be_visible()
        assert fold(mark.inner_text()) == fold(query), mark.inner_text()


def test_search_results_are_not_duplicated(page: Page, server: Server) -> None:
    for query in ("Elysee", "Francois"):
        paths = result_paths(search(page, server, query), server)
        assert len(paths) == len(set(paths)), f"{query!r}: duplicate results {paths}"


# query, its first result (site path), a phrase of the page its preview shows, the word the query
# spells differently, and that spelling (hidden in the index, never shown)
PREVIEWS = [
    ("Elysee", "timeline/", "receives Putin at the Élysée Palace", "Élysée", "Elysee"),
    ("Élysée", "timeline/", "receives Putin at the Élysée Palace", "Élysée", "Elysee"),
    ("Francois", "players/francois-hollande/", "President of France", "François", "Francois"),
    ("François", "players/francois-hollande/", "President of France", "François", "Francois"),
]

ACCENT_COLOUR = """e => {
    const probe = document.createElement("span");
    probe.style.color = "var(--md-accent-fg-color)";
    e.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
}"""
"""The colour Material gives a <mark> in search results, computed inside element ``e``."""


@pytest.mark.parametrize(("query", "first", "phrase", "word", "spelling"), PREVIEWS)
def test_result_preview_shows_the_real_text(
    page: Page, server: Server, query: str, first: str, phrase: str, word: str, spelling: str
) -> None:
    """The first result's preview is the page's own text: accents intact, no token list.

    The spelling an unaccented query matched is in the index, hidden right after the word it
    spells; it must not show, and the word carries the highlight instead.
    """
    results = search(page, server, query)
    assert result_paths(results, server)[0] == first
    item = page.locator("li.md-search-result__item").first
    expect(item.locator(".ex-search-fold").first).to_be_attached()  # the mechanism is in use
    shown = item.inner_text()  # what a reader sees: innerText leaves hidden elements out
    assert word in shown and phrase in shown, shown
    assert re.search(rf"\b{spelling}\b", shown) is None, f"{spelling!r} shows in {shown!r}"
    for fold in item.locator(".ex-search-fold").all():
        expect(fold).to_be_hidden()
    # the highlight is on the visible word: Material's <mark> on the word itself (accented
    # query), or on its hidden spelling, which explainer.css carries over to the word
    marked = item.locator(".ex-search-word:has(mark)").first
    expect(marked).to_be_visible()
    assert marked.inner_text() == word
    visible_mark = marked.locator("mark:visible")
    shows_mark = visible_mark if visible_mark.count() else marked
    colour = shows_mark.evaluate("e => getComputedStyle(e).color")
    assert colour == marked.evaluate(ACCENT_COLOUR)
    text_colour = item.locator("article p").last.evaluate("e => getComputedStyle(e).color")
    assert colour != text_colour, "the highlighted word looks like the rest of the preview"


# --- the landing page of an accent-folded query --------------------------------------------------

CONTENT = '[data-md-component="content"]'
HIGHLIGHT = f"{CONTENT} mark[data-md-highlight]"
NESTED = f"{CONTENT} mark mark, {CONTENT} [data-md-highlight] [data-md-highlight]"


def content_html(page: Page) -> str:
    """The content's HTML, without the ``?h=`` Material writes into the permalinks' addresses."""
    html: str = page.evaluate(f"() => document.querySelector('{CONTENT}').innerHTML")
    return re.sub(r"\?h=[^#\"]*", "", html)


def open_highlighted(page: Page, server: Server, path: str, terms: str) -> str:
    """Open ``path?h=terms``, wait until a word is marked; return the content's HTML."""
    goto(page, server, f"{path}?h={quote(terms)}")
    expect(page.locator(HIGHLIGHT).first).to_be_visible()
    return content_html(page)


def without_fold_highlight(page: Page) -> None:
    """Serve fold-highlight.js empty to this page: only Material's highlighter runs."""
    page.route(
        "**/assets/fold-highlight.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )


# query typed without accents, the result to click, the word its landing page must mark
FOLDED = [
    ("Francois", "players/francois-hollande/", "François"),
    ("Elysee", "timeline/", "Élysée"),
]


@pytest.mark.parametrize(("query", "target", "word"), FOLDED)
def test_an_unaccented_query_is_highlighted_on_the_landing_page(
    page: Page, server: Server, query: str, target: str, word: str
) -> None:
    """Search without accents, click the result: the page marks the accented word, as Material
    marks it for the accented query (same element, same look), through instant navigation."""
    results = search(page, server, query)
    paths = result_paths(results, server)
    assert target in paths, f"{query!r}: no result leads to {target}; results: {paths}"
    results.nth(paths.index(target)).click()
    page.wait_for_url(lambda url: server.path(url) == target)
    assert f"h={query.lower()}" in page.url, page.url  # Material's ?h=, the query as typed
    marks = page.locator(HIGHLIGHT)
    expect(marks.first).to_be_visible()
    assert set(marks.all_inner_texts()) == {word}, marks.all_inner_texts()
    expect(page.locator(NESTED)).to_have_count(0)
    # the same markup as Material's own highlight of the accented word: the page's content is
    # exactly what ?h=<the accented word> gives without this script
    folded_html = content_html(page)
    plain = page.context.new_page()
    without_fold_highlight(plain)
    material_html = open_highlighted(plain, server, target, word.lower())
    assert folded_html == material_html
    colour = marks.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == plain.locator(HIGHLIGHT).first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour


# page, ?h= with accented terms (Material marks these itself), the words marked
ACCENTED = [
    ("players/francois-hollande/", "françois", {"François"}),
    ("timeline/", "élysée", {"Élysée"}),
    ("players/francois-hollande/", "françois hollande", {"François Hollande", "Hollande"}),
    ("", "élysée françois", {"Élysée", "François"}),
]


@pytest.mark.parametrize(("path", "terms", "words"), ACCENTED)
def test_accented_terms_are_highlighted_as_material_does(
    page: Page, server: Server, path: str, terms: str, words: set[str]
) -> None:
    """Material already marks accented terms: the script adds nothing, no mark in a mark."""
    html = open_highlighted(page, server, path, terms)
    assert set(page.locator(HIGHLIGHT).all_inner_texts()) == words
    expect(page.locator(NESTED)).to_have_count(0)
    plain = page.context.new_page()
    without_fold_highlight(plain)
    assert open_highlighted(plain, server, path, terms) == html


def test_unaccented_terms_match_folded_words_and_their_beginnings(
    page: Page, server: Server
) -> None:
    """``?h=`` typed in capitals, without accents, or as a word's beginning (as Material marks
    a term's letters, not the whole word): the marked text is the page's own, accents intact."""
    open_highlighted(page, server, "timeline/", "ELYSEE")
    assert set(page.locator(HIGHLIGHT).all_inner_texts()) == {"Élysée"}
    open_highlighted(page, server, "timeline/", "elys")
    assert set(page.locator(HIGHLIGHT).all_inner_texts()) == {"Élys"}
    # Material marks "l" anywhere (the "l" of l'Élysée and the one inside "Élysée"); the rest of
    # the word is marked with it, as one mark
    open_highlighted(page, server, "timeline/", "l elysee")
    assert "Élysée" in page.locator(HIGHLIGHT).all_inner_texts()
    expect(page.locator(NESTED)).to_have_count(0)


PROBE = (
    '<div id="fold-probe">'
    '<p id="fold-shown">Élysée <code>Élysée</code> <kbd>Élysée</kbd>'
    '<span hidden>Élysée</span><span style="display: none">Élysée</span>'
    '<span class="ex-search-fold" hidden="hidden">Elysee</span></p>'
    '<p id="fold-nfd">E\u0301lyse\u0301e</p>'
    "<pre>Élysée</pre>"
    '<details><summary>More</summary><p id="fold-closed">Élysée</p></details>'
    '<script type="text/plain">Élysée</script><style>/* Élysée */</style>'
    "</div>"
)
"""Text the highlighter must mark (the first Élysée, a decomposed one) and must not."""


def test_code_and_hidden_text_are_left_alone(page: Page, server: Server) -> None:
    def inject(route: Route) -> None:
        response = route.fetch()
        opening = '<article class="md-content__inner md-typeset">'
        body = response.text()
        assert body.count(opening) == 1
        route.fulfill(response=response, body=body.replace(opening, opening + PROBE))

    page.route(re.compile(r".*/timeline/(\?.*)?$"), inject)
    open_highlighted(page, server, "timeline/", "elysee")
    probe = page.locator("#fold-probe")
    expect(probe).to_be_attached()
    marks = probe.locator("mark[data-md-highlight]")
    assert marks.all_text_contents() == ["Élysée", "E\u0301lyse\u0301e"]
    expect(page.locator("#fold-shown > mark")).to_have_text("Élysée")
    expect(page.locator("#fold-nfd > mark")).to_have_text("E\u0301lyse\u0301e")
    assert (
        probe.locator("code, kbd, pre, [hidden], details, script, style").evaluate_all(
            "els => els.filter(e => e.querySelector('mark')).map(e => e.outerHTML)"
        )
        == []
    )


def test_pages_carry_no_hidden_spellings(built_site: Build) -> None:
    """The hidden spellings (generator/outputs/search.py) are in the search index only: no page has
    one, so the highlighter never meets them, and a page's text is only what a reader sees."""
    pages = [p for p in built_site.site.rglob("*.html") if "ex-search-" in p.read_text("utf-8")]
    assert pages == []
    index = built_site.site / "search" / "search_index.json"
    assert 'class=\\"ex-search-fold\\"' in index.read_text("utf-8")
