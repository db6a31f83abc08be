"""Light, valid pages: SVG icons instead of fontawesome.js, assets only where used, one head.

Unit tests for wijkcoop.book.assets, .meta and .outputs, and checks of the built site (marked
``browser``: they need ``make book``; the icon test drives Chromium).
"""

from __future__ import annotations

import re

import pytest

from wijkcoop.book import assets, meta, outputs

# --- unit ------------------------------------------------------------------------------------


def test_icon_table_has_the_icons_the_theme_uses():
    table = assets.icon_table()
    for name in ("bars", "magnifying-glass", "chevron-down", "arrow-up", "circle-half-stroke"):
        width, height, path = table[("fas", name)]
        assert width > 0
        assert height > 0
        assert path.startswith("M")


def test_icons_become_an_svg_sprite_with_their_classes_and_attributes():
    page = (
        '<html><body class="x"><button><i class="theme-switch fa-solid fa-sun fa-lg" '
        'data-mode="light"></i></button><span class="fa-solid fa-bars"></span>'
        '<i class="fa-solid fa-sun fa-lg"></i></body></html>'
    )
    out = assets.inline_icons(page)
    assert "<i " not in out
    assert "fa-solid" not in out
    assert out.count('<symbol id="wc-icon-fas-sun"') == 1
    assert out.count('<use href="#wc-icon-fas-sun">') == 2
    assert 'class="svg-inline--fa theme-switch fa-sun fa-lg" data-mode="light"' in out
    assert out.index("<symbol") > out.index('<body class="x">')


def test_unknown_icon_is_left_alone():
    page = '<body><i class="fa-solid fa-no-such-icon"></i></body>'
    assert assets.inline_icons(page) == page


@pytest.mark.parametrize(
    ("name", "body", "kept"),
    [
        ("_static/sphinx-design.min.css", '<div class="sd-card">', True),
        ("_static/sphinx-design.min.css", "<p>tekst</p>", False),
        ("_static/pygments.css", '<div class="highlight-python notranslate">', True),
        ("_static/pygments.css", "<p>tekst</p>", False),
        ("_static/mystnb.abc.css", '<div class="cell docutils container">', True),
        ("_static/leernet.css", '<a href="x.html#leernet-spiegel">', False),
        ("_static/leernet.css", '<div class="leernet-handout">', True),
        ("_static/sphinx-thebe.css", '<div class="cell">', False),
        ("_static/site.css", "", True),
    ],
)
def test_assets_stay_only_where_the_page_uses_them(name, body, kept):
    assert assets.keep_asset(name, body) is kept


def test_theme_css_loses_font_icon_rules_only():
    css = '.a{color:red}.fa-bars:before{content:"\\f0c9"}.fa-x:before,.fa-y:after{content:"z"}.b{}'
    assert assets.trim_theme_css(css) == ".a{color:red}.b{}"


def test_css_glyphs_are_the_private_use_characters_of_the_icon_variables():
    css = 'html{--pst-icon-bell:"\uf0f3";--pst-icon-x:"\\f105";--pst-font-size-icon:1.5rem}'
    assert assets.css_glyphs(css) == {"\uf0f3", "\uf105"}


def test_core_scripts_become_one():
    head = (
        '<script src="../_static/documentation_options.js?v=1"></script>\n'
        '    <script src="../_static/doctools.js?v=2"></script>\n'
        '    <script src="../_static/sphinx_highlight.js?v=3"></script>'
    )
    assert assets.bundle_core_scripts(head) == '<script src="../_static/wijkcoop-core.js"></script>'


def test_core_bundle_gets_only_the_messages_its_scripts_ask_for():
    catalogue = (
        'Documentation.addTranslations({"locale": "nl", "messages": {"Hide Search Matches": '
        '"Zoekresultaten verbergen", "Search": "Zoeken", "a, b": "c"}, "plural_expr": "(n != 1)"});'
    )
    scripts = "x + _(\"Hide Search Matches\") + Documentation.gettext('a, b')"
    out = assets.core_translations(catalogue, scripts)
    assert out == (
        'Documentation.addTranslations({"locale": "nl", "messages": {"Hide Search Matches": '
        '"Zoekresultaten verbergen", "a, b": "c"}, "plural_expr": "(n != 1)"});'
    )
    with pytest.raises(ValueError, match="addTranslations"):
        assets.core_translations("var x = 1;", scripts)


def test_description_is_the_first_real_paragraph_cut_at_a_word():
    body = "<p>Kort.</p><p>Een <em>wijkcoöperatie</em> is " + "een organisatie " * 20 + "</p>"
    text = meta.description(body, "Titel")
    assert text.startswith("Een wijkcoöperatie is een organisatie")
    assert len(text) <= meta.MAX_LENGTH
    assert text.endswith("…")
    assert meta.description("<p>Kort.</p>", "Titel – Boek") == "Titel – Boek"


def test_one_viewport_tag_stays():
    head = (
        '<meta name="viewport" content="a" />\n<meta name="viewport" content="b"/>'
        '<meta name="viewport" content="c">'
    )
    assert meta.one_viewport(head) == '<meta name="viewport" content="a" />'


def test_pandas_style_blocks_are_removed():
    style = (
        "<style scoped>\n    .dataframe tbody tr th:only-of-type {\n        vertical-align: "
        "middle;\n    }\n\n    .dataframe tbody tr th {\n        vertical-align: top;\n    }\n\n"
        "    .dataframe thead th {\n        text-align: right;\n    }\n</style>\n"
    )
    body = f"<div>{style}<table class='dataframe'></table></div>"
    assert outputs.drop_pandas_styles(body) == "<div><table class='dataframe'></table></div>"


# --- the built site ----------------------------------------------------------------------------


def _pages(site):
    return [
        p for p in site.rglob("*.html") if "_static" not in p.parts and p != site / "index.html"
    ]


@pytest.mark.browser
def test_no_page_loads_fontawesome_js_or_keeps_font_icons(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text, page
        assert not re.search(r'<(i|span)\b[^>]*class="[^"]*\bfa-(solid|regular|brands)\b', text), (
            page
        )


@pytest.mark.site
def test_only_the_search_page_loads_the_whole_message_catalogue(site):
    for page in _pages(site):
        loads = "_static/translations.js" in page.read_text(encoding="utf-8")
        assert loads == (page == site / "search.html"), page
    core = (site / "_static" / assets.CORE_BUNDLE).read_text(encoding="utf-8")
    assert '"Hide Search Matches": "Zoekresultaten verbergen"' in core


@pytest.mark.browser
def test_search_matches_link_is_dutch_without_the_catalogue(page, base_url):
    page.goto(f"{base_url}/book/gebruik/index.html?highlight=wijkcoöperatie")
    link = page.locator("#searchbox .highlight-link a")
    assert link.text_content() == "Zoekresultaten verbergen"
    page.locator("span.highlighted").first.wait_for(state="attached")


@pytest.mark.browser
def test_every_page_has_one_viewport_and_a_description(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert text.count('<meta name="viewport"') == 1, page
        described = re.findall(r'<meta name="description" content="([^"]{20,})"', text)
        assert len(described) == 1, page


@pytest.mark.browser
def test_no_scoped_style_in_the_built_pages(site):
    offenders = [str(p) for p in _pages(site) if "<style scoped" in p.read_text(encoding="utf-8")]
    assert offenders == []


@pytest.mark.browser
def test_icon_font_is_subset(site):
    font = site / "_static" / assets.SOLID_FONT
    assert 0 < font.stat().st_size < 20_000


@pytest.mark.browser
def test_icons_are_drawn(page, base_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{base_url}/book/gebruik/index.html")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('svg.svg-inline--fa')]"
        ".filter((s) => s.getBoundingClientRect().width > 0)"
        ".map((s) => s.querySelector('use').getBBox().width)"
    )
    assert len(sizes) >= 5
    assert all(w > 0 for w in sizes)


def test_icon_title_becomes_an_svg_title_element():
    out = assets.inline_icons('<body><i class="fa-solid fa-sun" title="Licht"></i></body>')
    assert ' title="' not in out
    assert "<title>Licht</title><use" in out


def test_inline_favicon_is_a_valid_url():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>A b</title><rect fill="#fff"/></svg>'
    out = assets.inline_favicon('<link rel="icon" href="../_static/favicon.svg"/>', svg)
    href = out.split('href="', 1)[1].split('"', 1)[0]
    assert href.startswith("data:image/svg+xml,")
    assert " " not in href
    assert "#" not in href
