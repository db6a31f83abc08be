"""Issue 10 as a reader meets it: nothing typed is lost, and the reader sees what happened.

Opening a file over answers, two tabs (and the short and full scan side by side), Dutch
amounts, notes with an e-mail address, the spiegel's other side's file, messages next to their
button, sticky progress, a 360 px phone. Runs against the built site (SITE_DIR).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import watch
from wijkcoop import data
from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.scan import load_bank, make_export

pytestmark = pytest.mark.browser

BANK = load_bank("duurzaamheidsscan")
SPIEGEL = load_bank("relatiespiegel")
PAGE = "book/scan/index.html"
SHORT_PAGE = "book/scan/kort.html"
SPIEGEL_PAGE = "book/leernetwerk/spiegel.html"
STORE = "wijkcoop-scan:duurzaamheidsscan"
AMOUNTS = json.loads(
    (Path(__file__).parent / "data" / "dutch-amounts.json").read_text(encoding="utf-8")
)
LIKERT = [i["id"] for i in BANK.items if i["type"] == "likert"]
SHORT_LIKERT = [i["id"] for i in BANK.items_for(short=True) if i["type"] == "likert"]
EURO = next(i["id"] for i in BANK.items if i["type"] == "number" and i["unit"] == "euro")


def open_scan(page, base_url, path=PAGE):
    page.goto(f"{base_url}/{path}")
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)


def answer(page, item_id: str, value) -> None:
    page.locator(f'[data-item="{item_id}"] input[id$="-{item_id}-{value}"]').check()


def checked(page, item_id: str, value) -> bool:
    return page.locator(f'[data-item="{item_id}"] input[id$="-{item_id}-{value}"]').is_checked()


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{STORE}')")
    return json.loads(raw) if raw else {}


def pick(page, label: str, text: str, name: str = "scan.json") -> None:
    page.get_by_label(label).set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode()}]
    )


def export_of(answers: dict, organisation: str = "") -> str:
    doc = make_export(BANK, answers, organisation=organisation, exported_at="2026-03-14T10:00:00Z")
    return json.dumps(doc)


# --- the page's texts live in data/scan/messages.yaml -------------------------------------------


def test_every_ui_message_is_used_by_the_front_end_and_every_used_one_exists():
    import re

    sources = "".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).parent.parent / "wijkcoop" / "websrc" / "scan").glob("*.js")
    )
    used = set(re.findall(r'"(ui-[a-z-]+)"', sources))
    messages = data.load("scan-messages")
    assert used == {k for k in messages if k.startswith("ui-")}


# --- 10.1 opening a file over answers ----------------------------------------------------------


def test_opening_a_file_over_answers_asks_first_and_can_be_undone(page, base_url):
    open_scan(page, base_url)
    mine = {k: 4 for k in LIKERT[:18]}
    for k, v in mine.items():
        answer(page, k, v)
    theirs = {k: 2 for k in LIKERT[:12]}
    pick(page, "Open een bestand", export_of(theirs, "Buurtbedrijf Noord"))
    choice = page.locator(".wks-choice")
    choice.wait_for()
    text = choice.inner_text()
    for part in ["12 antwoorden", "Buurtbedrijf Noord", "14 maart 2026", BANK.version, "18"]:
        assert part in text
    # the message sits right below the buttons, not above question 1
    tools = page.locator(".wks-tools")
    assert tools.locator(".wks-choice").count() == 1
    # cancel: nothing changed
    page.get_by_role("button", name="Annuleren").click()
    assert stored(page)["answers"] == mine
    assert "niet ingelezen" in page.locator(".wks-tools .wks-status").inner_text()
    # replace, then undo
    pick(page, "Open een bestand", export_of(theirs, "Buurtbedrijf Noord"))
    page.get_by_role("button", name="Vervangen").click()
    assert stored(page)["answers"] == theirs
    assert checked(page, LIKERT[0], 2)
    page.get_by_role("button", name="Ongedaan maken").click()
    assert stored(page)["answers"] == mine
    assert checked(page, LIKERT[0], 4)
    assert "Ongedaan gemaakt" in page.locator(".wks-tools .wks-status").inner_text()


def test_opening_a_file_over_answers_can_compare_instead(page, base_url):
    open_scan(page, base_url)
    answer(page, LIKERT[0], 5)
    pick(page, "Open een bestand", export_of({LIKERT[0]: 1}))
    page.get_by_role("button", name="Vergelijken").click()
    assert stored(page)["answers"] == {LIKERT[0]: 5}
    page.locator("td[data-diff]").first.wait_for()
    assert page.locator("table.wks-table thead th").last.inner_text() == (
        "Verandering (nu min eerder)"
    )


def test_status_is_announced_next_to_the_buttons(page, base_url):
    open_scan(page, base_url)
    pick(page, "Open een bestand", export_of({LIKERT[0]: 3}))
    status = page.locator(".wks-tools .wks-status")
    status.wait_for()
    assert status.get_attribute("role") == "status"
    assert "Bestand ingelezen: 1 antwoord" in status.inner_text()
    # the file field holds no stale file after reading, and one button per file action
    assert page.locator(".wks-tools input[type=file]").evaluate_all(
        "els => els.map(e => e.files.length)"
    ) == [0, 0]
    assert page.locator(".wks-tools input[type=file]:visible").count() == 0
    button_box = page.get_by_role("button", name="Open een bestand").bounding_box()
    status_box = status.bounding_box()
    assert 0 <= status_box["y"] - button_box["y"] < 600


def test_a_refusal_names_the_question_number_and_text(page, base_url):
    open_scan(page, base_url)
    item = BANK.items[0]
    bad = json.loads(export_of({}))
    bad["answers"] = {item["id"]: 9}
    pick(page, "Open een bestand", json.dumps(bad))
    alert = page.locator(".wks-tools .wks-alert")
    alert.wait_for()
    number = BANK.question_number(item["id"])
    assert f"vraag {number} ({item['statement']})" in alert.inner_text()
    assert item["id"] not in alert.inner_text()


# --- 10.2 two tabs and the short and full scan ---------------------------------------------------


def test_two_tabs_merge_per_answer_and_update_live(browser, base_url):
    context = browser.new_context(service_workers="block", locale="nl-NL")
    try:
        a, b = context.new_page(), context.new_page()
        open_scan(a, base_url)
        open_scan(b, base_url)
        answer(a, LIKERT[0], 4)
        answer(b, LIKERT[1], 2)
        b.fill(".wks-meta textarea", "Notitie uit tab B")
        # tab A hears about B's answer without a reload and says so
        a.wait_for_function(
            "id => document.querySelector(`[data-item='${id}'] input[value='2']`).checked",
            arg=LIKERT[1],
        )
        assert "ander tabblad" in a.locator(".wks-notice").inner_text()
        answer(a, LIKERT[2], 5)  # A saves after B: B's answer and notes survive
        for pg in (a, b):
            pg.reload()
            pg.wait_for_selector(READY_SELECTOR)
            assert checked(pg, LIKERT[0], 4)
            assert checked(pg, LIKERT[1], 2)
            assert checked(pg, LIKERT[2], 5)
            assert pg.locator(".wks-meta textarea").input_value() == "Notitie uit tab B"
        # the newer change wins per answer
        answer(b, LIKERT[0], 1)
        a.wait_for_function(
            "id => document.querySelector(`[data-item='${id}'] input[value='1']`).checked",
            arg=LIKERT[0],
        )
    finally:
        context.close()


def test_short_and_full_scan_share_answers_without_losing_any(browser, base_url):
    context = browser.new_context(service_workers="block", locale="nl-NL")
    try:
        full, short = context.new_page(), context.new_page()
        open_scan(full, base_url)
        open_scan(short, base_url, SHORT_PAGE)
        only_full = next(i for i in LIKERT if i not in SHORT_LIKERT)
        answer(full, only_full, 3)
        answer(short, SHORT_LIKERT[0], 5)  # the short page saves after the full one
        full.reload()
        full.wait_for_selector(READY_SELECTOR)
        assert checked(full, only_full, 3)
        assert checked(full, SHORT_LIKERT[0], 5)
    finally:
        context.close()


# --- 10.3 Dutch amounts ---------------------------------------------------------------------------


def test_every_shared_amount_vector_in_the_browser(page, base_url):
    open_scan(page, base_url)
    got = page.evaluate(
        """cases => cases.map(c => window.WijkcoopScan.parseAmount(c.input,
                                                                  {percent: !!c.percent}))""",
        AMOUNTS["cases"],
    )
    for case, result in zip(AMOUNTS["cases"], got, strict=True):
        if "error" in case:
            assert result == {"error": case["error"]}, case
        else:
            assert result == {"value": case["value"]}, case


@pytest.mark.parametrize(
    ("typed", "value", "understood"),
    [
        ("45.000", 45000, "= € 45.000"),
        ("€ 1.234,-", 1234, "= € 1.234"),
        ("12,5", 12.5, "= € 12,50"),
    ],
)
def test_an_amount_is_stored_as_shown(page, base_url, typed, value, understood):
    open_scan(page, base_url)
    field = page.locator(f'[data-item="{EURO}"] input[inputmode="decimal"]')
    field.fill(typed)
    assert page.locator(f'[data-item="{EURO}"] .wks-understood').inner_text() == understood
    assert stored(page)["answers"][EURO] == value
    assert field.get_attribute("aria-invalid") is None


def test_an_ambiguous_amount_is_refused_at_the_field_and_not_stored(page, base_url):
    open_scan(page, base_url)
    field = page.locator(f'[data-item="{EURO}"] input[inputmode="decimal"]')
    field.fill("45,000")
    err = page.locator(f'[data-item="{EURO}"] .wks-field-error')
    assert "komma of een punt" in err.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert EURO not in stored(page).get("answers", {})
    assert page.locator(f'[data-item="{EURO}"] .wks-understood').inner_text() == ""


# --- 10.4 notes are text --------------------------------------------------------------------------


def test_notes_with_an_email_address_are_stored_and_shown_exactly(page, base_url):
    note = "Ingevuld door Piet <piet@buurt.nl> en Fatma"
    open_scan(page, base_url)
    page.fill(".wks-meta textarea", note)
    assert page.locator(".wks-meta .wks-field-error").nth(1).inner_text() == ""
    assert stored(page)["notes"] == note
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.locator(".wks-meta textarea").input_value() == note
    assert f"Notities: {note}" in page.locator(".wks-print-head").text_content()
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar als bestand").click()
    assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["notes"] == note


# --- 10.5 the spiegel: the other side's file ------------------------------------------------------


def test_opening_the_other_sides_file_explains_and_offers_to_compare(page, base_url):
    log = watch(page)
    open_scan(page, base_url, SPIEGEL_PAGE)
    page.get_by_label("Coöperatie", exact=True).check()
    mine = next(i["id"] for i in SPIEGEL.items_for(role="cooperatie"))
    answer(page, mine, 4)
    theirs = {i["id"]: 2 for i in SPIEGEL.items_for(role="gemeente")}
    doc = make_export(SPIEGEL, theirs, role="gemeente", exported_at="2026-03-14T10:00:00Z")
    pick(page, "Open een bestand", json.dumps(doc), "relatiespiegel-gemeente.json")
    choice = page.locator(".wks-choice")
    choice.wait_for()
    assert "andere kant" in choice.inner_text()
    compare = page.get_by_role("button", name="Vergelijken")
    assert compare.evaluate("el => el === document.activeElement")
    compare.click()
    page.locator(".wks-gap-table").wait_for()
    page_state = json.loads(page.evaluate("localStorage.getItem('wijkcoop-scan:relatiespiegel')"))
    assert page_state["role"] == "cooperatie"
    assert page_state["answers"] == {mine: 4}
    assert log.problems() == []


# --- 10.7, 10.9, 10.10 progress, short scan, phone ----------------------------------------


def test_progress_stays_in_view_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    try:
        page = context.new_page()
        open_scan(page, base_url)
        answer(page, LIKERT[0], 3)
        page.locator(f'[data-item="{LIKERT[-1]}"]').scroll_into_view_if_needed()
        box = page.locator(".wks-progress").bounding_box()
        assert 0 <= box["y"] < 740
        assert page.locator(".wks-progress").inner_text().startswith("1 van ")
    finally:
        context.close()


@pytest.mark.parametrize("path", [PAGE, SHORT_PAGE, SPIEGEL_PAGE])
def test_no_horizontal_overflow_at_360_px(browser, base_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    try:
        page = context.new_page()
        open_scan(page, base_url, path)
        if path == PAGE:
            pick(page, "Open een bestand", json.dumps(data.load("scan-voorbeeld-export-2026")))
            pick(page, "Vergelijk met een eerder bestand", export_of({LIKERT[0]: 1}))
            page.locator("td[data-diff]").first.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width} px wide"
        # every cell of the results table is visible and carries its column's name
        cells = page.locator(".wks-results table.wks-table td")
        for i in range(min(cells.count(), 12)):
            cell = cells.nth(i)
            assert cell.is_visible()
            assert cell.get_attribute("data-label")
    finally:
        context.close()


def test_short_scan_hides_the_income_block_and_says_why_it_differs(page, base_url):
    open_scan(page, base_url, SHORT_PAGE)
    assert page.locator("[data-derived]").count() == 0
    assert "niet te berekenen" not in page.locator(".wks-results").inner_text()
    note = page.locator(".wks-short-note")
    assert "korte scan" in note.inner_text()
    assert note.locator("a").get_attribute("href").endswith("#scan-kort-verschil")


def test_printed_date_is_when_the_answers_were_last_changed(page, base_url):
    open_scan(page, base_url)
    page.evaluate(
        """() => { const real = Date.now; Date.now = () => Date.UTC(2026, 0, 2, 12);
                   window.__realNow = real; }"""
    )
    answer(page, LIKERT[0], 3)
    page.evaluate("() => { Date.now = window.__realNow; }")
    head = page.locator(".wks-print-head").text_content()
    assert "Ingevuld op 2 januari 2026" in head


# --- contract A and B: "niet van toepassing" and the migration report -----------------------------


def test_not_applicable_is_offered_only_where_allowed_and_left_out_of_the_score(page, base_url):
    open_scan(page, base_url)
    na_items = [i["id"] for i in BANK.items if i.get("allow_na")]
    others = [i for i in LIKERT if i not in na_items]
    assert page.locator(f'[data-item="{others[0]}"] input[value="nvt"]').count() == 0
    item = na_items[0]
    part = next(i["part"] for i in BANK.items if i["id"] == item)
    answer(page, item, "nvt")
    assert stored(page)["answers"] == {item: "nvt"}
    label = page.locator(f'[data-item="{item}"] label:has(input[value="nvt"])').inner_text()
    assert label.strip() == BANK.raw["scale"]["not_applicable"]["label"]
    # not a score, not a knowledge gap
    assert page.locator(f'td[data-score="{part}"] .wks-num-cell').inner_text() == "–"
    assert "Hier weten jullie te weinig van" not in page.locator(".wks-results").inner_text()


def test_an_older_export_is_imported_with_its_migration_report(page, base_url):
    from wijkcoop.scan import parse_export

    archived = data.load("scan-duurzaamheidsscan-1.0.0")
    answers = {i["id"]: 4 for i in archived["items"] if i["type"] == "likert"}
    doc = {
        "format": "wijkcoop-scan-export",
        "bank_id": "duurzaamheidsscan",
        "bank_version": archived["version"],
        "exported_at": "2025-11-01T09:00:00Z",
        "answers": answers,
    }
    text = json.dumps(doc)
    py = parse_export(text, BANK)
    open_scan(page, base_url)
    pick(page, "Open een bestand", text)
    status = page.locator(".wks-tools .wks-status")
    status.wait_for()
    shown = status.inner_text()
    for warning in py.warnings:
        assert warning in shown
    details = status.locator("details.wks-migration")
    moved = [e for e in py.meta["migration"] if e["kind"] != "carried"]
    assert moved
    assert details.locator("li").count() == len(moved)
    assert stored(page)["answers"] == py.answers


def test_the_findings_box_says_what_the_trainers_notebook_says(page, base_url):
    """One home for a finding's sentence (messages.yaml `finding-*`): the scan page's box
    "Hier weten jullie te weinig van" shows the sentences `wijkcoop.scan.tables.findings` gives
    the trainers' notebook for the same answers (the box once typed its own)."""
    from wijkcoop.scan import score, tables

    part = BANK.items_by_id[LIKERT[0]]["part"]
    unknown = [i for i in LIKERT if BANK.items_by_id[i]["part"] == part]
    open_scan(page, base_url)
    for item in unknown:
        answer(page, item, "x")
    answer(page, EURO, "x")  # an income question without an amount: incomplete income
    stored_answers = stored(page)["answers"]
    assert set(stored_answers) == {*unknown, EURO}
    result = score(BANK, stored_answers)
    box = {"weinig-bekend", "inkomsten-nul", "inkomsten-onvolledig"}
    expected = [tables.finding_text(result, f) for f in result.findings if f.split(":")[0] in box]
    assert len(expected) == 2  # the part's "weet ik niet" and the incomplete income
    assert page.locator(".wks-findings li").all_inner_texts() == expected
