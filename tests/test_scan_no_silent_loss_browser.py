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
    return [e for e in errors if "/scan.js" in e or "/scan.classic.js" in e]


def open_scan(page, href):
    page.goto(href)
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)


def choose_side(page, role: str) -> None:
    page.locator(f'.wks-role input[value="{role}"]').click()  # may be asked first: no check()


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
def blocked_profile(browser):
    """A real Chromium profile that blocks site data (cookies and storage) for every site."""
    home = Path(tempfile.mkdtemp(prefix="wijkcoop-blocked-"))
    (home / "Default").mkdir()
    prefs = {"profile": {"default_content_setting_values": {"cookies": 2}}}
    (home / "Default" / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")
    # the session's Playwright (a second sync_playwright() cannot run beside it)
    context = browser.browser_type.launch_persistent_context(
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
    return page.get_by_role("textbox", name="Notities", exact=True)


def test_notes_counter_names_the_limit_before_it_bites(page, url):
    open_scan(page, url(PAGES["scan"]))
    counter = page.locator(".wks-meta textarea ~ .wks-counter")
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
    assert "5.000" in said
    assert "10.000" in said
    assert "niet bewaard" in said
    counter = page.locator(".wks-meta textarea ~ .wks-counter")
    assert counter.inner_text() == "10.000 van 5.000 tekens"
    # ... and what was saved before stays saved until it is short enough
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert stored["notes"] == "eerder bewaard"
    notes_field(page).fill(text[:MAX_NOTES])
    assert page.locator(".wks-meta .wks-field-error:not(:empty)").count() == 0


# --- 3. payers that do not add up to the income --------------------------------------------------

INCOME = {"ink-vastgoed": "10.000", "ink-opdrachten-gemeente": "40.000", "ink-subsidie": "50.000"}
PAYERS = ["ink-betaler-gemeente", "ink-betaler-grootste", "ink-betaler-tweede", "ink-betaler-rest"]


def fill_income(page, payers: list[str]) -> None:
    for item in BANK.items:
        if item.get("derive") == "inkomsten":
            amount(page, item["id"], INCOME.get(item["id"], "0"))
    for item_id, typed in zip(PAYERS, payers, strict=True):
        amount(page, item_id, typed)


def test_payers_that_do_not_add_up_are_flagged_where_entered_and_on_the_result(page, url):
    open_scan(page, url(PAGES["scan"]))
    fill_income(page, ["20.000", "0", "0", "0"])
    at_field = page.locator('[data-totals="betalers"]')
    said = at_field.inner_text().replace("\xa0", " ")
    assert "€ 20.000" in said
    assert "€ 100.000" in said
    # the warning sits right after the last payer question, where the amounts are entered
    last = page.locator(f'[data-item="{PAYERS[-1]}"]')
    assert last.evaluate("(el, w) => el.nextElementSibling === w", at_field.element_handle())
    result = page.locator(".wks-results")
    assert "20.000" in result.locator(".wks-totals-warning").inner_text()
    share = result.locator('[data-derived="gemeente-aandeel"]').inner_text()
    spread = result.locator('[data-derived="herfindahl-betalers"]').inner_text()
    assert share == "niet te berekenen"
    assert spread == "niet te berekenen"
    assert "100%" not in result.inner_text().split("Inkomsten in cijfers")[1].split("\n")[3]
    # amounts that add up: the warning goes, the measures come back
    amount(page, PAYERS[-1], "80.000")
    assert at_field.inner_text() == ""
    assert result.locator(".wks-totals-warning").count() == 0
    assert result.locator('[data-derived="gemeente-aandeel"]').inner_text() == "20%"


# --- 4. the spiegel's side switch after answering ------------------------------------------------


def spiegel_with_answers(page, url, n: int = 3) -> list[str]:
    open_scan(page, url(PAGES["spiegel"]))
    choose_side(page, "cooperatie")
    ids = [i["id"] for i in SPIEGEL.items_for("cooperatie") if i["type"] == "likert"][:n]
    for item in ids:
        answer(page, item, 2)
    return ids


def test_switching_side_after_answering_asks_first(page, url):
    ids = spiegel_with_answers(page, url)
    choose_side(page, "gemeente")
    question = page.locator(".wks-side-choice")
    assert question.is_visible()
    assert "3 antwoorden" in question.inner_text()
    assert "coöperatie" in question.inner_text()
    # nothing switched yet: the side and the answers are as they were
    assert page.locator('.wks-role input[value="cooperatie"]').is_checked()
    assert page.locator(".wks-results h3").first.inner_text().endswith("(Coöperatie)")
    page.get_by_role("button", name="Annuleren, blijf coöperatie").click()
    assert question.is_hidden()
    assert page.locator('.wks-role input[value="cooperatie"]').is_checked()
    assert all(page.locator(f'[data-item="{i}"] input[value="2"]').is_checked() for i in ids)


def test_switching_side_keeps_the_answers_when_asked(page, url):
    ids = spiegel_with_answers(page, url)
    choose_side(page, "gemeente")
    page.get_by_role("button", name="Houd ze, als gemeente").click()
    assert page.locator('.wks-role input[value="gemeente"]').is_checked()
    assert page.locator(".wks-results h3").first.inner_text().endswith("(Gemeente)")
    kept = [i for i in ids if i in {x["id"] for x in SPIEGEL.items_for("gemeente")}]
    assert kept
    assert all(page.locator(f'[data-item="{i}"] input[value="2"]').is_checked() for i in kept)
    assert "Kijk ze even na" in page.locator(".wks-side-choice").inner_text()


def test_switching_side_to_start_fresh_can_be_undone(page, url):
    ids = spiegel_with_answers(page, url)
    choose_side(page, "gemeente")
    page.get_by_role("button", name="Begin opnieuw als gemeente").click()
    assert page.locator('.wks-role input[value="gemeente"]').is_checked()
    assert page.locator(".wks-progress").inner_text().startswith("0 van ")
    page.get_by_role("button", name="Ongedaan maken").click()
    assert page.locator('.wks-role input[value="cooperatie"]').is_checked()
    assert all(page.locator(f'[data-item="{i}"] input[value="2"]').is_checked() for i in ids)
    assert "staan er weer" in page.locator(".wks-side-choice").inner_text()


# --- 5. nothing hidden under the theme's header -------------------------------------------------

COVERED = """el => {
  const r = el.getClientRects()[0] || el.getBoundingClientRect(); // a wrapped link: its 1st line
  if (r.width === 0 || r.height === 0) return "no box";
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return "outside the window";
  const top = document.elementFromPoint(x, y);
  const label = el.labels && el.labels[0];
  const mine = (x) => x && (x === top || x.contains(top));
  if (mine(el) || mine(label)) return "";
  return "covered by " + (top ? top.tagName + "." + top.className : "nothing");
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_shift_tab_through_the_scan_never_hides_the_focus(browser, url, width):
    context = browser.new_context(
        service_workers="block", locale="nl-NL", viewport={"width": width, "height": 700}
    )
    page = context.new_page()
    try:
        open_scan(page, url(PAGES["scan"]))
        amount(page, "ink-vastgoed", "12,345")  # ambiguous: a warning below the field
        fill = page.locator('[data-item="ink-vastgoed"] .wks-field-error')
        assert fill.inner_text()
        # start at the last question and walk back through 40 stops
        last = BANK.items_for()[-1]["id"]
        page.locator(f'[data-item="{last}"] input').first.focus()
        problems = []
        for stop in range(40):
            page.keyboard.press("Shift+Tab")
            where = page.evaluate("document.activeElement.id || document.activeElement.tagName")
            why = page.evaluate(f"({COVERED})(document.activeElement)")
            if why:
                problems.append(f"stop {stop} ({where}): {why}")
        assert problems == []
        # while scrolling, the progress line is visible below the theme's bars
        progress = page.locator(".wks-progress")
        assert progress.evaluate(COVERED) == ""
    finally:
        context.close()


# --- 6. small: amounts with cents, the print header, page 2, the two-tab message -------------

AMOUNT_VECTORS = json.loads(
    (Path(__file__).parent / "data" / "dutch-amounts.json").read_text(encoding="utf-8")
)["shown"]


def test_amounts_are_shown_as_the_shared_vectors_say(page, url):
    open_scan(page, url(PAGES["scan"]))
    got = page.evaluate(
        "cases => cases.map(c => window.WijkcoopScan.fmtAmount(c.value, c.unit))", AMOUNT_VECTORS
    )
    assert got == [c["shown"] for c in AMOUNT_VECTORS]
    amount(page, "ink-vastgoed", "45.000,50")
    seen = page.locator('[data-item="ink-vastgoed"] .wks-understood')
    assert seen.inner_text() == "= € 45.000,50"


def test_print_header_with_empty_name_and_notes_has_no_null(page, url):
    open_scan(page, url(PAGES["scan"]))
    answer(page, first_likert(BANK), 3)
    page.emulate_media(media="print")
    head = page.locator(".wks-print-head").inner_text()
    assert "null" not in head
    assert "undefined" not in head
    assert head.rstrip().endswith(".")


def test_printed_result_never_has_a_page_with_only_a_heading(page, url, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is needed (apt-get install -y poppler-utils)")
    open_scan(page, url(PAGES["scan"]))
    for k, item in enumerate(i for i in BANK.items if i["type"] == "likert"):
        answer(page, item["id"], 1 + k % 5)
    fill_income(page, ["20.000", "30.000", "30.000", "20.000"])
    page.emulate_media(media="print")
    pdf = tmp_path / "uitslag.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    for n, body in enumerate(pages, 1):
        lines = [x for x in body.splitlines() if x.strip()]
        assert len(lines) > 2, f"page {n} holds only {lines}"


def test_two_tab_message_names_the_question_and_goes_after_an_own_click(browser, url):
    context = browser.new_context(service_workers="block", locale="nl-NL")
    try:
        a, b = context.new_page(), context.new_page()
        open_scan(a, url(PAGES["scan"]))
        open_scan(b, url(PAGES["scan"]))
        items = [i for i in BANK.items_for() if i["type"] == "likert"]
        answer(b, items[1]["id"], 2)
        remote = a.locator(".wks-remote")
        remote.wait_for(state="visible")
        said = remote.inner_text()
        number = BANK.question_number(items[1]["id"])
        assert f"vraag {number} ({items[1]['statement']})" in said
        answer(a, items[0]["id"], 4)  # this tab's own click
        assert remote.inner_text() == ""
    finally:
        context.close()
