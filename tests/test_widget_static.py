"""Notebook pages render their anywidget outputs in the static site, with no kernel.

``wijkcoop/web/anywidget-static.js`` gives each embedded anywidget view a local model and
renders it with the widget's own ES module (for the scan: the same ``scan.js`` as the book's
scan page). Answering in the rendered widget updates its results, as in Jupyter.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser import site_dir, watch
from tests.test_site import _pages

pytestmark = pytest.mark.browser

VIEW = "application/vnd.jupyter.widget-view+json"
STATE_RE = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.S
)


def _anywidget_views(html: str) -> int:
    m = STATE_RE.search(html)
    if not m:
        return 0
    state = json.loads(m.group(1))["state"]
    ids = re.findall(r'widget-view\+json">\{[^<]*"model_id": "([0-9a-f]+)"', html)
    return sum(1 for i in ids if state.get(i, {}).get("model_name") == "AnyModel")


def _widget_pages(site) -> list[str]:
    return [p for p in _pages() if VIEW in (site / p).read_text(encoding="utf-8")]


def _widget_pages_at_collection() -> list[str]:
    root = site_dir()
    return _widget_pages(root) if root.exists() else ["<no built site>"]


def test_some_notebook_page_has_a_widget(site):
    assert any(
        _anywidget_views((site / p).read_text(encoding="utf-8")) for p in _widget_pages(site)
    )


@pytest.mark.parametrize("rel", _widget_pages_at_collection())
def test_widget_page_renders_every_anywidget(page, base_url, site, rel):
    expected = _anywidget_views((site / rel).read_text(encoding="utf-8"))
    log = watch(page)
    page.goto(f"{base_url}/{rel}", wait_until="networkidle")
    page.wait_for_function(
        "n => document.querySelectorAll('.wijkcoop-anywidget').length === n",
        arg=expected,
        timeout=60_000,
    )
    assert log.problems() == []


def test_scan_widget_reacts_without_kernel(page, base_url, site):
    rel = next(p for p in _widget_pages(site) if "scan" in p)
    page.goto(f"{base_url}/{rel}", wait_until="networkidle")
    widget = page.locator('.wijkcoop-anywidget[data-scan-ready="true"]').first
    widget.wait_for()
    table = widget.locator("table").first
    before = table.inner_text()
    fieldset = widget.locator("fieldset").first
    radios = fieldset.locator('input[type="radio"]')
    target = next(radios.nth(i) for i in range(radios.count()) if not radios.nth(i).is_checked())
    target.check()
    page.wait_for_function(
        "([el, old]) => el.innerText !== old", arg=[table.element_handle(), before]
    )
    assert table.inner_text() != before


def test_scan_widget_links_to_the_book(page, base_url, site):
    """In the book the widget's "lees meer" links point to existing sections (empty in Jupyter)."""
    rel = next(p for p in _widget_pages(site) if "scan" in p)
    page.goto(f"{base_url}/{rel}", wait_until="networkidle")
    widget = page.locator('.wijkcoop-anywidget[data-scan-ready="true"]').first
    widget.wait_for()
    hrefs = widget.locator("a.wks-booklink").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) >= 10
    for href in set(hrefs):
        path, _, anchor = href.removeprefix(base_url + "/").partition("#")
        target = site / path
        assert target.exists(), href
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
