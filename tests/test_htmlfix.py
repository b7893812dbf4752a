"""generator.outputs.htmlfix and generator.outputs.stylesheets: Material's markup fixed, the built
CSS trimmed."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO, shared_site

from generator.outputs.htmlfix import fix_page
from generator.outputs.stylesheets import (
    COLOUR_SWITCH_RULE,
    drop_colour_switch_rule,
    minify_stylesheets,
)

# As Material 9.8.2 writes them (base.html, partials/search.html).
TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">\n'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
    'autocomplete="off">\n'
)
SEARCH = (
    '<div class="md-search" data-md-component="search" role="dialog">\n'
    '<input type="text" class="md-search__input" name="query" aria-label="Rechercher" '
    'autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false">\n'
)


def test_checkboxes_lose_autocomplete_text_fields_keep_it() -> None:
    fixed = fix_page(TOGGLES + SEARCH)
    assert fixed.splitlines()[:2] == [
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
    ]
    assert 'name="query" aria-label="Rechercher" autocapitalize="off" autocorrect="off" ' in fixed
    assert 'autocomplete="off" spellcheck="false">' in fixed  # allowed on a text field


def test_the_search_dialog_is_named_as_its_field() -> None:
    fixed = fix_page(SEARCH)
    assert fixed.splitlines()[0] == (
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Rechercher">'
    )
    assert fix_page(fixed) == fixed  # a named dialog is left alone: running twice is harmless


# As Zensical 0.0.70 writes them (its classic variant's base.html and partials/header.html).
ZENSICAL_HEADER = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n'
    '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>\n'
    '<label class="md-header__button md-icon" for="__drawer" aria-label="Navigation">\n'
    '<label class="md-header__button md-icon" for="__search" aria-label="Search">\n'
    '<label class="md-nav__title" for="__drawer">\n'
)


def test_zensical_names_move_from_the_labels_to_their_checkboxes() -> None:
    fixed = fix_page(ZENSICAL_HEADER)
    assert fixed.splitlines() == [
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'aria-label="Navigation">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'aria-label="Search">',
        '<label class="md-overlay" for="__drawer"></label>',
        '<label class="md-header__button md-icon" for="__drawer">',
        '<label class="md-header__button md-icon" for="__search">',
        '<label class="md-nav__title" for="__drawer">',
    ]
    assert fix_page(fixed) == fixed


def test_a_label_keeps_its_name_when_its_checkbox_is_not_on_the_page() -> None:
    label = '<label class="md-header__button md-icon" for="__search" aria-label="Search">'
    assert fix_page(label) == label
    named = '<input class="md-toggle" id="__search" aria-label="Find">\n' + label
    assert fix_page(named) == named  # the checkbox has a name already: nothing is lost


def test_text_from_the_data_is_never_touched() -> None:
    escaped = (
        '<p>&lt;input type="checkbox" autocomplete="off"&gt; and '
        '&lt;div class="md-search" role="dialog"&gt; '
        '&lt;label class="md-overlay" for="__drawer" aria-hidden="true"&gt;</p>'
    )
    assert fix_page(escaped) == escaped
    attribute = '<a title="&lt;input type=checkbox autocomplete=off&gt;" href="#x">x</a>'
    assert fix_page(attribute) == attribute


def test_a_page_without_material_markup_is_unchanged() -> None:
    page = '<!doctype html><html lang="en"><body><p>Embed</p></body></html>'
    assert fix_page(page) == page


def test_our_stylesheets_are_minified_in_the_built_site(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "ours.css").write_text(
        "/* a comment editors keep */\n.md-typeset .fact {\n  color: red;\n}\n", encoding="utf-8"
    )
    (assets / "other.css").write_text(".x {\n  color: blue;\n}\n", encoding="utf-8")
    written = minify_stylesheets(
        tmp_path, ["assets/ours.css", "https://cdn.example.org/a.css", "../outside.css", "gone.css"]
    )
    assert written == [assets / "ours.css"]
    assert (assets / "ours.css").read_text(encoding="utf-8") == ".md-typeset .fact{color:red}"
    assert (assets / "other.css").read_text(encoding="utf-8") == ".x {\n  color: blue;\n}\n"
    assert minify_stylesheets(tmp_path, ["assets/ours.css"]) == []  # already minified


def test_chart_event_marks_keep_their_address_out_of_materials_href_rewrite() -> None:
    page = (
        '<svg class="figure-chart__events"><a class="chart-event" href="../timeline/#event-a"'
        ' aria-label="1: A"><circle r="9"></circle></a></svg>'
        '<p><a href="../timeline/">Timeline</a> &lt;a class="chart-event" href="x"&gt;</p>'
    )
    assert fix_page(page) == (
        '<svg class="figure-chart__events"><a class="chart-event" xlink:href="../timeline/#event-a"'
        ' aria-label="1: A"><circle r="9"></circle></a></svg>'
        '<p><a href="../timeline/">Timeline</a> &lt;a class="chart-event" href="x"&gt;</p>'
    )


def test_materials_colour_switch_rule_is_dropped(tmp_path: Path) -> None:
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    palette = sheets / "palette.abc.min.css"
    palette.write_text(f"a{{color:red}}{COLOUR_SWITCH_RULE}b{{color:blue}}", encoding="utf-8")
    assert drop_colour_switch_rule(tmp_path) == [palette]
    assert palette.read_text(encoding="utf-8") == "a{color:red}b{color:blue}"
    assert drop_colour_switch_rule(tmp_path) == []


@pytest.mark.slow
def test_the_built_site_has_the_trimmed_stylesheets(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    build = shared_site(tmp_path_factory)
    build.assert_ok()
    stylesheets = build.site / "assets" / "stylesheets"
    assert list(stylesheets.glob("palette.*.min.css")), "Material's palette stylesheet is built"
    for sheet in stylesheets.glob("*.css"):
        assert "data-md-color-switching" not in sheet.read_text(encoding="utf-8"), sheet.name
    ours = (build.site / "assets" / "explainer.css").read_text(encoding="utf-8")
    source = (REPO / "theme" / "assets" / "explainer.css").read_text(encoding="utf-8")
    assert "/*" in source
    assert "/*" not in ours
    assert len(ours) < 0.75 * len(source)
