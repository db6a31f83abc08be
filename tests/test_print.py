"""Printing a single page from the browser (issue 15.5): the text only, with link addresses."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

#: A text page, a notebook page and the trainers' guide: each kind of page a reader prints.
PAGES = [
    "book/relatie/financiering.html",
    "notebooks/impact-2-waarde.html",
    "book/leernetwerk/trainers.html",
]
CHROME = [
    ".bd-header",
    ".bd-sidebar-primary",
    ".bd-sidebar-secondary",
    ".prev-next-area",
    ".bd-footer",
]


@pytest.mark.parametrize("path", PAGES)
def test_print_leaves_out_the_site_around_the_text(page, base_url, path):
    page.goto(f"{base_url}/{path}")
    for selector in CHROME:  # present on screen, so the check below can fail
        assert page.locator(selector).count() >= 1, f"{selector} not on {path}"
    page.emulate_media(media="print")
    for selector in CHROME:
        shown = page.locator(selector).evaluate_all(
            "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
        )
        assert shown == 0, f"{selector} is printed on {path}"
    buttons = page.locator("article button, .bd-article .sd-btn").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).length"
    )
    assert buttons == 0
    title = page.locator("article.bd-article h1").inner_text().strip("#\n ")
    printed = page.evaluate("() => document.body.innerText")
    assert title in printed, "the page title is not printed"
    assert page.locator("article.bd-article p").first.is_visible()


def test_print_shows_where_a_link_goes(page, base_url):
    page.goto(f"{base_url}/{PAGES[0]}")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => [...document.querySelectorAll('.bd-article a[href^="http"]')]
                 .filter(a => !a.querySelector('img'))
                 .map(a => [a.href, getComputedStyle(a, '::after').content])"""
    )
    assert shown, "the page has no external link to check"
    for href, content in shown:
        assert href.rstrip("/") in content, (href, content)
