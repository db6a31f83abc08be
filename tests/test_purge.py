"""Only the CSS a page uses (issue 23, item 4): the theme stylesheets and Sphinx's basic.css are
purged at build time to the rules the built pages use; the pages look the same before and after."""

from __future__ import annotations

import base64
import re

import pytest

from tests.browser import serve, site_dir
from wijkcoop.book import assets, purge

# --- unit ------------------------------------------------------------------------------------

CSS = (
    ":root{--a:1}html[data-theme=dark]{--a:2}"
    ".used{color:red}.unused{color:blue}.used,.unused .x{margin:0}"
    "@media (min-width:960px){.unused{display:none}}"
    "@media print{.used{display:none}}"
    "@font-face{font-family:x;src:url(x.woff2)}"
    ".a:not(.nowhere){top:0}#gone{left:0}.show{opacity:1}"
    '.b::before{content:"{"}'
)


def test_purge_keeps_what_the_pages_use_and_drops_the_rest():
    out = purge.purge_css(CSS, {"used", "a", "b"})
    assert ":root{--a:1}" in out
    assert "html[data-theme=dark]{--a:2}" in out
    assert ".used{color:red}" in out
    assert ".unused" not in out
    assert ".used{margin:0}" in out  # one selector of the list stays
    assert "@media (min-width:960px)" not in out  # emptied block goes
    assert "@media print{.used{display:none}}" in out
    assert "@font-face" in out
    assert ".a:not(.nowhere){top:0}" in out  # a class inside :not() is not required
    assert "#gone" not in out
    assert ".show" not in out  # nothing is kept on a list: a script's words count (below)
    assert ".show{opacity:1}" in purge.purge_css(CSS, {"show"})
    assert '.b::before{content:"{"}' in out


def test_used_names_come_from_pages_and_scripts():
    names = purge.used_names(
        ['<div class="a b" id="c"></div>'], ["el.classList.add('highlighted')"]
    )
    assert {"a", "b", "c", "highlighted"} <= names


# --- the built site --------------------------------------------------------------------------


def _theme_css() -> str:
    source = purge.theme_source(*purge.THEME_SHEETS[0][1:])
    return assets.trim_theme_css(source.read_text(encoding="utf-8"))


@pytest.mark.site
def test_every_class_the_pages_use_keeps_its_theme_rules(site):
    full = _theme_css()
    purged = (site / "_static" / purge.THEME_SHEETS[0][0]).read_text(encoding="utf-8")
    assert len(purged) < len(full) * 0.6, "the stylesheet was not purged"
    # classes the theme styles on their own (".x{" or ".x," as a whole selector)
    styled = set(re.findall(r"(?:^|[{},])\.(-?[_a-zA-Z][\w-]*)(?=[{,])", full))
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts]
    used = purge.used_names((p.read_text(encoding="utf-8") for p in pages), [])
    assert len(used & styled) > 30  # the check below has something to check
    missing = sorted(
        c for c in used & styled if not re.search(rf"\.{re.escape(c)}(?![\w-])", purged)
    )
    assert missing == []
    for key in ("html[data-theme=dark]", ".bd-sidebar-primary", ".bd-header", ".show"):
        assert key in purged, key
    # Bootstrap's script is not served (controls.js instead): its tooltips' and modals' rules go
    for gone in (".tooltip-inner", ".bs-tooltip-", ".modal-backdrop", ".fade"):
        assert gone not in purged, gone


def test_basic_css_is_purged_into_theme_css(site):
    served = (site / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    basic = (site / "_static" / "basic.css").read_text(encoding="utf-8")
    assert "@import" not in served
    assert len(served) < len(basic) * 0.6
    for key in ("div.body", "table.docutils", ".highlighted"):  # pages and scripts use them
        assert key in served, key
    assert "div.sphinxsidebar" not in served  # the theme has no Sphinx sidebar


PAGES = [
    "book/index.html",
    "book/wat-is/vormen.html",
    "book/scan/index.html",
    "book/scan/kort.html",
    "book/leernetwerk/spiegel.html",
    "book/leernetwerk/groepsbeeld.html",
    "notebooks/groepsanalyse.html",
    "book/naslag/begrippen.html",
    "book/zelftoets/wat-is.html",
    "search.html?q=wijkcooperatie",
]

DIFF_JS = """async ([a, b]) => {
  const load = (src) => new Promise((ok) => {
    const i = new Image(); i.onload = () => ok(i); i.src = src; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return 1;
  const data = (img) => { const c = document.createElement('canvas'); c.width = img.width;
    c.height = img.height; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    return g.getImageData(0, 0, img.width, img.height).data; };
  const p = data(x), q = data(y);
  let off = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i+1] - q[i+1]), Math.abs(p[i+2] - q[i+2]));
    if (d > 40) off++;
  }
  return off / (p.length / 4);
}"""


def _basic_css() -> str:
    """Sphinx's basic.css as styles/theme.css serves it before purging."""
    text = (site_dir() / "_static" / "basic.css").read_text(encoding="utf-8")
    return re.sub(r"url\((['\"]?)(?!data:|/|\.\./)", r"url(\1../", text)


def _shots(browser, url: str, width: int, css: str | None) -> list[str]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    if css is not None:
        page.route(
            "**/styles/pydata-sphinx-theme.css*",
            lambda route: route.fulfill(body=css, content_type="text/css"),
        )
        basic = _basic_css()
        page.route(
            "**/styles/theme.css*",
            lambda route: route.fulfill(body=basic, content_type="text/css"),
        )
    # Requests still on their way: the search page loads a result's text as it nears the screen.
    inflight: set = set()
    page.on("request", lambda r: inflight.add(r))
    page.on("requestfinished", lambda r: inflight.discard(r))
    page.on("requestfailed", lambda r: inflight.discard(r))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(600)
    shots = []
    for fraction in (0, 0.4):
        page.evaluate("f => window.scrollTo(0, document.body.scrollHeight * f)", fraction)
        page.wait_for_timeout(200)
        for _ in range(100):  # at most 5 s; a loaded text is drawn in the next frames
            if not inflight:
                break
            page.wait_for_timeout(50)
        page.wait_for_timeout(200)
        png = page.screenshot(animations="disabled", caret="hide")
        shots.append("data:image/png;base64," + base64.b64encode(png).decode())
    page.close()
    return shots


@pytest.fixture(scope="module")
def base():
    with serve(site_dir()) as url:
        yield url


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_pages_look_the_same_with_the_purged_stylesheet(browser, base, path, width):
    full = _theme_css()
    before = _shots(browser, f"{base}/{path}", width, full)
    after = _shots(browser, f"{base}/{path}", width, None)
    page = browser.new_page()
    for a, b in zip(before, after, strict=True):
        assert page.evaluate(DIFF_JS, [a, b]) <= 0.001, (path, width)
    page.close()
