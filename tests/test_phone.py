"""Phone width: no page scrolls sideways at 360 px; one search field on desktop."""

from __future__ import annotations

import pytest

WIDTH = 360

OVERFLOW_JS = """
() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1
                    && getComputedStyle(el).position !== 'fixed'
                    && el.closest('[hidden], .d-none') === null)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  return [root.scrollWidth, root.clientWidth, wide];
}
"""


def _pages(site) -> list[str]:
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if "_static" not in p.parts and p != site / "index.html"  # the root only redirects
    )


@pytest.mark.browser
def test_no_page_overflows_at_360px(browser, base_url, site):
    pages = _pages(site)
    assert len(pages) > 20
    context = browser.new_context(viewport={"width": WIDTH, "height": 740})
    page = context.new_page()
    overflowing = []
    for rel in pages:
        page.goto(f"{base_url}/{rel}", wait_until="load")
        scroll, client, wide = page.evaluate(OVERFLOW_JS)
        if scroll > client:
            overflowing.append(f"{rel}: {scroll} > {client} ({', '.join(wide)})")
    context.close()
    assert overflowing == []


@pytest.mark.browser
def test_desktop_shows_one_search_field(browser, base_url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{base_url}/book/gebruik/index.html", wait_until="load")
    visible = page.evaluate(
        "() => [...document.querySelectorAll('.search-button-field, form.bd-search')]"
        ".filter((el) => el.closest('dialog') === null && el.offsetParent !== null"
        " && el.getBoundingClientRect().width > 0).length"
    )
    page.close()
    assert visible == 1
