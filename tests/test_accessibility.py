"""WCAG 2.1 A/AA checks with axe-core on every page of the built site.

axe-core ships inside the ``axe-playwright-python`` wheel (no download at test time); it is
injected into each page after load. Automated checks find only part of what WCAG asks, so the
README lists the manual checks (keyboard walk-through, screen reader, zoom to 200 %).
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from tests.test_site import _pages

pytestmark = pytest.mark.browser

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    page.evaluate(AXE_JS)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])}x, first at {v['nodes'][0]['target']}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("path", _pages())
def test_page_has_no_axe_violations(page, base_url, path):
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    assert axe_violations(page) == []


def test_axe_detects_a_violation(page, base_url):
    """The check itself works: an image without alt text is reported."""
    page.goto(f"{base_url}/book/index.html", wait_until="networkidle")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = 'x.png';"
        " document.querySelector('main').appendChild(i); }"
    )
    assert any(v.startswith("image-alt") for v in axe_violations(page))


def test_pages_declare_dutch(page, base_url):
    page.goto(f"{base_url}/book/index.html")
    assert page.evaluate("document.documentElement.lang") == "nl"
