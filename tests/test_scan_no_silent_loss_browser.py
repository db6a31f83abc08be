"""Issue 20 as the reader met it: nothing typed or chosen is lost without a word.

Each scenario runs over http and from ``file://`` (the classic build): site data blocked (a
throwing ``localStorage`` and a real Chromium profile that blocks site data), a 10.000-character
paste into the notes, payers that do not add up to the income, a side switch in the spiegel
after answering, Shift+Tab through the scan with a warning shown (360 px and desktop), Dutch
amounts with cents, the print header with empty fields and the two-tab message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.browser import CHROMIUM_ARGS, chromium_path
from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.scan import load_bank
from wijkcoop.scan.exchange import MAX_NOTES

pytestmark = pytest.mark.browser

BANK = load_bank("duurzaamheidsscan")
SPIEGEL = load_bank("relatiespiegel")
PAGES = {
    "scan": "book/scan/index.html",
    "kort": "book/scan/kort.html",
    "spiegel": "book/leernetwerk/spiegel.html",
}
STORE = "wijkcoop-scan:duurzaamheidsscan"
THROWING_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
});
"""


@pytest.fixture(params=["http", "file"])
def url(request, site):
    """The URL of a page of the built site, over http and from disk (file://)."""
    if request.param == "file":
        return lambda rel: (site / rel).as_uri()
    base = request.getfixturevalue("base_url")
    return lambda rel: f"{base}/{rel}"


def errors_of(page) -> list[str]:
    """Uncaught errors raised by the scan's own script (the theme's are not ours)."""
    found: list[str] = []
    page.on("pageerror", lambda e: found.append(f"{e}\n{e.stack or ''}"))
    return found


def ours(errors: list[str]) -> list[str]:
    return [e for e in errors if "scan" in e and ".js" in e]


def open_scan(page, href):
    page.goto(href)
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)


def choose_side(page, role: str) -> None:
    page.locator(f'.wks-role input[value="{role}"]').check()


def answer(page, item_id: str, value) -> None:
    page.locator(f'[data-item="{item_id}"] input[id$="-{item_id}-{value}"]').check()


def amount(page, item_id: str, text: str) -> None:
    page.locator(f'[data-item="{item_id}"] input[type="text"]').fill(text)


def first_likert(bank, role=None, short=False) -> str:
    return next(i["id"] for i in bank.items_for(role, short) if i["type"] == "likert")


# --- 1. storage blocked: the scan works in memory and says so once, at the top ---------------


def assert_works_without_storage(page, rel: str) -> None:
    if rel == PAGES["spiegel"]:
        choose_side(page, SPIEGEL.roles[0])
        bank, role = SPIEGEL, SPIEGEL.roles[0]
    else:
        bank, role = BANK, None
    short = rel == PAGES["kort"]
    assert page.locator(".wks-item").count() == len(bank.items_for(role, short))
    notice = page.locator(".wks-sticky .wks-storage-off")
    assert notice.count() == 1
    assert "bewaart je antwoorden niet" in notice.inner_text()
    item = first_likert(bank, role, short)
    answer(page, item, 4)
    assert page.locator(".wks-progress").inner_text().startswith("1 van ")
    # said once: answering does not add a second warning
    assert page.locator(".wks-notice-alert").inner_text() == ""
    assert page.locator(".wks-storage-off").count() == 1
    with page.expect_download() as info:
        notice.get_by_role("button", name="Bewaar nu als bestand").click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["answers"] == {item: 4}
    assert "is gemaakt" in notice.inner_text()


@pytest.mark.parametrize("which", list(PAGES))
def test_throwing_local_storage_leaves_a_working_scan_with_one_message(browser, url, which):
    context = browser.new_context(service_workers="block", locale="nl-NL", accept_downloads=True)
    context.add_init_script(THROWING_STORAGE)
    page = context.new_page()
    errors = errors_of(page)
    try:
        open_scan(page, url(PAGES[which]))
        assert_works_without_storage(page, PAGES[which])
        assert ours(errors) == []
    finally:
        context.close()


@pytest.fixture
def blocked_profile():
    """A real Chromium profile that blocks site data (cookies and storage) for every site."""
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="wijkcoop-blocked-"))
    (home / "Default").mkdir()
    prefs = {"profile": {"default_content_setting_values": {"cookies": 2}}}
    (home / "Default" / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(home),
            executable_path=chromium_path(),
            args=CHROMIUM_ARGS,
            locale="nl-NL",
            accept_downloads=True,
            service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("which", list(PAGES))
def test_profile_with_site_data_blocked_leaves_a_working_scan(blocked_profile, url, which):
    page = blocked_profile.new_page()
    errors = errors_of(page)
    open_scan(page, url(PAGES[which]))
    # the profile really blocks storage: reading it throws, as in the reader's browser
    denied = page.evaluate("() => { try { localStorage; return false } catch { return true } }")
    assert denied
    assert_works_without_storage(page, PAGES[which])
    assert ours(errors) == []


# --- 2. notes: the limit is named before it bites, nothing is cut ------------------------------


def notes_field(page):
    return page.get_by_label("Notities")


def test_notes_counter_names_the_limit_before_it_bites(page, url):
    open_scan(page, url(PAGES["scan"]))
    counter = page.locator(".wks-counter")
    assert counter.inner_text() == f"0 van {MAX_NOTES:_} tekens".replace("_", ".")
    notes_field(page).fill("Ingevuld door Ans en Piet")
    assert counter.inner_text() == "25 van 5.000 tekens"


def test_a_paste_over_the_limit_is_kept_whole_and_refused_next_to_the_field(page, url):
    open_scan(page, url(PAGES["scan"]))
    notes_field(page).fill("eerder bewaard")
    text = ("Dit is een lange notitie over de wijk. " * 260)[:10_000]
    notes_field(page).fill(text)
    # nothing the reader typed is dropped from the field...
    assert notes_field(page).input_value() == text
    error = page.locator(".wks-meta .wks-field-error:not(:empty)")
    said = error.inner_text()
    assert "5.000" in said and "10.000" in said and "niet bewaard" in said
    assert page.locator(".wks-counter").inner_text() == "10.000 van 5.000 tekens"
    # ... and what was saved before stays saved until it is short enough
    if not url("x").startswith("file:"):
        stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
        assert stored["notes"] == "eerder bewaard"
    notes_field(page).fill(text[:MAX_NOTES])
    assert page.locator(".wks-meta .wks-field-error:not(:empty)").count() == 0
