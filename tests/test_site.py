"""The built site: every page loads with no request to another host and no error."""

from __future__ import annotations

import re

import pytest

from tests.browser import site_dir, watch

pytestmark = pytest.mark.browser


def _pages() -> list[str]:
    root = site_dir()
    if not root.exists():
        return ["<no built site: run make book>"]
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


@pytest.mark.parametrize("path", _pages())
def test_page_loads_cleanly(page, base_url, site, path):
    assert (site / path).exists(), f"{path} missing from the built site"
    html = (site / path).read_text(encoding="utf-8")
    log = watch(page)
    response = page.goto(f"{base_url}/{path}", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    redirect = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', html)
    if redirect:  # the root page forwards at once: judge the page it lands on, fully loaded
        page.wait_for_url(f"{base_url}/{redirect.group(1)}")
        page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)
    assert log.problems() == [], f"{path}: " + "; ".join(log.problems())


@pytest.mark.usefixtures("site")
def test_every_page_is_tested():
    pages = _pages()
    assert "book/index.html" in pages
    assert len(pages) >= 3


def test_footer_shows_what_the_build_is_and_its_date(page, base_url, site):
    from wijkcoop.publish.identity import read_site

    me = read_site(site)
    page.goto(f"{base_url}/book/index.html")
    footer = page.locator(".wijkcoop-footer").first.inner_text()
    assert me.date in footer
    if me.edition:
        assert f"Editie {me.version}, gebouwd op {me.date}" in footer
    else:  # a development build never calls itself an edition
        assert f"Ontwikkelversie na editie {me.version} (commit {me.commit}" in footer
        assert "geen editie" in footer


def test_chart_page_draws_svg_from_local_vega(page, base_url, site):
    """Pages with an Altair chart load the vendored Vega and draw it; other pages do not."""
    chart_pages = [p for p in _pages() if "wijkcoop-vega" in (site / p).read_text(encoding="utf-8")]
    assert chart_pages, "no page with a chart in the built site"
    log = watch(page)
    page.goto(f"{base_url}/{chart_pages[0]}", wait_until="networkidle")
    page.wait_for_selector(".wijkcoop-vega svg, .wijkcoop-vega canvas", timeout=10_000)
    assert log.problems() == []
    plain = (site / "book/index.html").read_text(encoding="utf-8")
    assert "vega-bundle" not in plain


@pytest.mark.parametrize("path", _pages())
def test_theme_labels_are_dutch(site, path):
    """Screen readers announce these labels: none of the theme's English ones may remain."""
    from wijkcoop.book.site import DUTCH_CHROME

    html = (site / path).read_text(encoding="utf-8")
    assert [english for english in DUTCH_CHROME if english in html] == []


def test_watch_reports_missing_files_and_foreign_hosts(page, base_url):
    """The checks above can fail: a missing local file and a request elsewhere are both caught."""
    log = watch(page)
    page.goto(f"{base_url}/book/index.html", wait_until="networkidle")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.src = '../_static/bestaat-niet.js'; document.head.append(s);
                   const i = document.createElement('img');
                   i.src = 'https://example.invalid/x.png'; document.body.append(i); }"""
    )
    page.wait_for_timeout(500)
    problems = " ".join(log.problems())
    assert "HTTP error: 404" in problems
    assert "bestaat-niet.js" in problems
    assert "request to another host: https://example.invalid/x.png" in problems
