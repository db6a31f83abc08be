"""The built book opened from disk (file://), as from a USB stick in a workshop room.

Chromium refuses ``<script type="module">`` on a file:// page, so the scan pages load the
classic build of the same sources (``scan.classic.js``, see wijkcoop/publish/webbuild.py).
These tests run the key flows from file:// with no console error: fill in, autosave and
reload, export, import, compare and the print view, for the scan, the short scan, the
spiegel and the static widget of a notebook page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import watch
from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.scan import load_bank

pytestmark = pytest.mark.browser

BANK = load_bank("duurzaamheidsscan")
SPIEGEL = load_bank("relatiespiegel")


@pytest.fixture
def file_url(site):
    return lambda rel: (site / rel).as_uri()


def open_from_disk(page, url):
    log = watch(page)
    page.goto(url)
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)
    return log


def export_file(page) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar als bestand").click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def pick(page, label: str, text: str) -> None:
    page.get_by_label(label).set_input_files(
        files=[{"name": "scan.json", "mimeType": "application/json", "buffer": text.encode()}]
    )


def first_item_answer(page, item_id: str, value: int) -> None:
    page.locator(f'[data-item="{item_id}"] input[id$="-{item_id}-{value}"]').check()


@pytest.mark.parametrize("rel", ["book/scan/index.html", "book/scan/kort.html"])
def test_scan_works_from_a_file_url(page, file_url, rel):
    log = open_from_disk(page, file_url(rel))
    assert page.url.startswith("file://")
    items = page.eval_on_selector_all(".wks-item", "els => els.map(e => e.dataset.item)")
    short = rel.endswith("kort.html")
    assert items == [i["id"] for i in BANK.items_for(short=short)]
    # fill in, autosave, reload
    first, second = items[0], items[1]
    first_item_answer(page, first, 4)
    first_item_answer(page, second, 2)
    page.fill('.wks-meta input[type="text"]', "Coöperatie op de stick")
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.locator(f'input[id$="-{first}-4"]').is_checked()
    assert page.locator('.wks-meta input[type="text"]').input_value() == "Coöperatie op de stick"
    # export, change, compare with the file, then open it over the changed answers
    doc = json.loads(export_file(page))
    assert doc["answers"] == {first: 4, second: 2}
    first_item_answer(page, first, 1)
    pick(page, "Vergelijk met een eerder bestand", json.dumps(doc))
    page.locator(
        f'td[data-diff="{next(i["part"] for i in BANK.items if i["id"] == first)}"]'
    ).wait_for()
    pick(page, "Open een bestand", json.dumps(doc))
    page.get_by_role("button", name="Vervangen").click()
    assert page.locator(f'input[id$="-{first}-4"]').is_checked()
    # print view: the sheet's header, no buttons
    page.emulate_media(media="print")
    assert page.locator(".wks-print-head").is_visible()
    assert "Ingevuld op" in page.locator(".wks-print-head").inner_text()
    assert not page.locator(".wks-tools").is_visible()
    assert log.problems() == []


def test_spiegel_works_from_a_file_url(page, file_url):
    log = open_from_disk(page, file_url("book/leernetwerk/spiegel.html"))
    page.get_by_label("Coöperatie", exact=True).check()
    first = next(i["id"] for i in SPIEGEL.items_for(role="cooperatie"))
    first_item_answer(page, first, 5)
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.locator(f'input[id$="-{first}-5"]').is_checked()
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar als bestand").click()
    assert info.value.suggested_filename.startswith("relatiespiegel-cooperatie-")
    assert log.problems() == []


def test_notebook_widget_works_from_a_file_url(page, site):
    from tests.test_widget_static import _anywidget_views, _widget_pages

    rel = next(p for p in _widget_pages(site) if "scan" in p)
    expected = _anywidget_views((site / rel).read_text(encoding="utf-8"))
    log = watch(page)
    page.goto((site / rel).as_uri())
    page.wait_for_function(
        "n => document.querySelectorAll('.wijkcoop-anywidget').length === n",
        arg=expected,
        timeout=60_000,
    )
    widget = page.locator('.wijkcoop-anywidget[data-scan-ready="true"]').first
    widget.wait_for()
    table = widget.locator("table").first
    before = table.inner_text()
    radios = widget.locator("fieldset").first.locator('input[type="radio"]')
    target = next(radios.nth(i) for i in range(radios.count()) if not radios.nth(i).is_checked())
    target.check()
    assert table.inner_text() != before
    assert log.problems() == []
