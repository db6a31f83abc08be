"""The theme's header controls without Bootstrap's script (issue 23: a text page ≤ 70 KiB).

``controls.js`` (wijkcoop/web/) replaces ``scripts/bootstrap.js`` on every page: the download
menu by mouse and by keyboard, the back-to-top button, the icon buttons' names, and a
``bootstrap.Tooltip`` for the theme script. Unit tests for the page rewrite in
wijkcoop.book.assets; the rest needs the built site and drives Chromium.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import watch
from wijkcoop.book import assets

TEXT_PAGE = "book/gebruik/index.html"
MENU = ".dropdown-download-buttons .dropdown-menu"
TOGGLE = '.dropdown-download-buttons [data-bs-toggle="dropdown"]'

# --- unit ------------------------------------------------------------------------------------

HEAD = (
    '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=ab" />\n'
    '<link rel="preload" as="script" href="../_static/scripts/pydata-sphinx-theme.js?digest=ab" />'
)
BODY = (
    '<script defer src="../_static/scripts/bootstrap.js?digest=ab"></script>\n'
    '<script defer src="../_static/scripts/pydata-sphinx-theme.js?digest=ab"></script>'
)


def test_bootstrap_script_becomes_controls_before_the_theme_script():
    out = assets.replace_bootstrap_script(HEAD + BODY, "1234abcd")
    assert "bootstrap.js" not in out
    assert "pydata-sphinx-theme.js?digest=ab" in out  # its preload and script stay
    controls = out.index('<script defer src="../_static/controls.js?v=1234abcd"></script>')
    assert controls < out.index('<script defer src="../_static/scripts/pydata-sphinx-theme.js')


def test_unloaded_theme_scripts_are_removed_from_static(tmp_path):
    static = tmp_path / "_static"
    (static / "scripts").mkdir(parents=True)
    for rel in [*assets.UNLOADED_SCRIPTS, "scripts/pydata-sphinx-theme.js"]:
        (static / rel).write_text("x" * 10, encoding="utf-8")
    assert assets.drop_unloaded_scripts(static) == (6, 60)
    assert [p.name for p in (static / "scripts").iterdir()] == ["pydata-sphinx-theme.js"]
    assert assets.drop_unloaded_scripts(static) is None  # a second build finds nothing to do


def test_a_stylesheet_map_goes_only_when_its_sheet_no_longer_names_it(tmp_path):
    styles = tmp_path / "_static" / "styles"
    styles.mkdir(parents=True)
    (styles / "purged.css").write_text("a{color:red}", encoding="utf-8")
    (styles / "purged.css.map").write_text("{}", encoding="utf-8")
    (styles / "kept.css").write_text("a{}\n/*# sourceMappingURL=kept.css.map */", encoding="utf-8")
    (styles / "kept.css.map").write_text("{}", encoding="utf-8")
    assert assets.drop_unloaded_scripts(tmp_path / "_static") == (1, 2)
    assert sorted(p.name for p in styles.iterdir()) == ["kept.css", "kept.css.map", "purged.css"]


# --- the built site ----------------------------------------------------------------------------


@pytest.mark.site
def test_site_does_not_ship_the_unloaded_theme_scripts(site):
    """bootstrap.js and fontawesome.js (3,6 MB with their maps) are loaded by no page."""
    left = [rel for rel in assets.UNLOADED_SCRIPTS if (site / "_static" / rel).exists()]
    assert not left
    assert assets.orphaned_style_maps(site / "_static") == []  # 1,4 MB of maps of purged sheets
    assert (site / "_static" / "scripts" / "pydata-sphinx-theme.js").exists()


def _pages(site):
    return [p for p in site.rglob("*.html") if "_static" not in p.parts]


@pytest.mark.site
def test_no_built_page_loads_bootstrap_js(site):
    pages = _pages(site)
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "bootstrap.js" not in text, page
        if "data-bs-toggle" in text:
            assert re.search(r'<script defer src="[^"]*_static/controls\.js\?v=\w+"', text), page


PAGES = [
    TEXT_PAGE,
    "book/index.html",
    "book/wat-is/vormen.html",
    "book/scan/index.html",
    "notebooks/impact-2-waarde.html",
    "search.html?q=wijkcooperatie",
    "genindex.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_request_no_bootstrap_js_and_run_without_errors(page, base_url, path):
    log = watch(page)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    assert any("/_static/controls.js" in u for u in requested)
    assert not [u for u in requested if "bootstrap" in u]
    assert page.evaluate("typeof new window.bootstrap.Tooltip(document.body, {}).show") == (
        "function"
    )
    assert log.problems() == []


def _menu_open(page) -> bool:
    return page.locator(MENU).is_visible()


def test_download_menu_by_keyboard_only(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}/{TEXT_PAGE}")
    toggle = page.locator(TOGGLE)
    # Tab from the top of the page to the toggle, as a keyboard user would.
    for _ in range(300):
        page.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the download toggle cannot be reached with Tab")
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert _menu_open(page)
    assert toggle.get_attribute("aria-expanded") == "true"
    items = page.locator(f"{MENU} .dropdown-item")
    assert items.count() == 2
    page.keyboard.press("ArrowDown")
    assert items.nth(0).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert items.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")  # stays on the last item
    assert items.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowUp")
    assert items.nth(0).evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    assert not _menu_open(page)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("el => el === document.activeElement")  # focus back on the toggle
    page.keyboard.press(" ")
    assert _menu_open(page)
    page.keyboard.press(" ")
    assert not _menu_open(page)
    page.keyboard.press("ArrowDown")  # opens the menu on its first item
    assert _menu_open(page)
    assert items.nth(0).evaluate("el => el === document.activeElement")
    page.keyboard.press("Shift+Tab")  # back to the toggle: the menu stays
    assert _menu_open(page)
    page.keyboard.press("Shift+Tab")  # focus leaves the menu: it closes
    assert not _menu_open(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_download_menu_by_mouse(page, base_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base_url}/{TEXT_PAGE}")
    toggle = page.locator(TOGGLE)
    toggle.click()
    assert _menu_open(page)
    assert toggle.get_attribute("aria-expanded") == "true"
    box = page.locator(MENU).bounding_box()
    tbox = toggle.bounding_box()
    assert box is not None
    assert tbox is not None
    assert box["x"] >= 0  # inside the window
    assert box["x"] + box["width"] <= width
    assert box["y"] >= tbox["y"] + tbox["height"]  # below the toggle
    page.mouse.click(width // 2, 500)  # outside
    assert not _menu_open(page)
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert _menu_open(page)
    toggle.click()  # the toggle closes it again
    page.mouse.move(width // 2, 500)  # (the theme's CSS also shows it while hovered)
    assert not _menu_open(page)


def test_back_to_top(page, base_url):
    page.set_viewport_size({"width": 360, "height": 740})  # the book theme hides it from 1200 px
    page.goto(f"{base_url}/{TEXT_PAGE}")
    button = page.locator("#pst-back-to-top")
    assert not button.is_visible()
    page.evaluate("window.scrollTo(0, 3000)")
    page.wait_for_function("window.scrollY > 2000")
    page.evaluate("window.scrollBy(0, -400)")  # scrolling back up shows it
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("window.scrollY === 0")


#: The header's icon buttons and the names screen readers announce (as with Bootstrap's script,
#: which gave an icon-only button its title as aria-label).
NAMES = [
    ("button", "Menu tonen of verbergen"),
    ("button", "Volledig scherm"),
    ("button", "Kleurmodus"),
    ("button", "Download deze pagina"),
    ("button", "Inhoud van deze pagina tonen of verbergen"),
]


def test_icon_buttons_keep_their_names_and_tooltips(page, base_url):
    found = set()
    for width in (360, 1280):  # some buttons show only on phones, some only on wide screens
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{base_url}/{TEXT_PAGE}")
        found |= {n for n in NAMES if page.get_by_role(n[0], name=n[1], exact=True).count()}
    assert sorted(set(NAMES) - found) == []
    # A mouse user sees each name as the browser's tooltip.
    missing = page.evaluate(
        "() => [...document.querySelectorAll('[data-bs-toggle=tooltip]')]"
        ".filter((el) => !el.getAttribute('title')).map((el) => el.outerHTML.slice(0, 80))"
    )
    assert missing == []
