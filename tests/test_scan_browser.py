"""The scan in Chromium: keyboard use, persistence, files, bad input, compare, print, parity.

Runs against the built site (SITE_DIR); the scan page needs no kernel and no network.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from tests.scan_fixtures import TWO_SIDED, bad_imports
from tests.test_scan_engine import assert_close
from wijkcoop import data
from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.scan import ExportError, compare, load_bank, load_bank_path, parse_export, score

pytestmark = pytest.mark.browser

BANK = load_bank("duurzaamheidsscan")
MESSAGES = data.load("scan-messages")  # the data file itself, not the engine's copy
PAGE = "book/scan/index.html"
SHORT_PAGE = "book/scan/kort.html"
STORE = "wijkcoop-scan:duurzaamheidsscan"


def open_scan(page, base_url, path=PAGE):
    page.goto(f"{base_url}/{path}")
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{STORE}')")
    return json.loads(raw) if raw else {}


def answer(page, item_id: str, value) -> None:
    """Click an answer (helper for tests that are not about the keyboard)."""
    suffix = "x" if value == "?" else str(value)
    page.locator(f'[data-item="{item_id}"] input[id$="-{item_id}-{suffix}"]').check()


def table_scores(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('td[data-score]')]
              .map(td => [td.dataset.score, td.querySelector('.wks-num-cell').textContent]))"""
    )


def half_up(x: float) -> int:
    """Rounding as the page shows it (JavaScript's Math.round)."""
    return math.floor(x + 0.5)


def shown(x) -> str:
    return "–" if x is None else str(half_up(x))


def module_url(page) -> str:
    """The page's scan script; the tests call its API through the global it sets."""
    return page.evaluate("document.querySelector('script[src*=\"scan.classic.js\"]').src")


SOME = {"sk-bonding-2": 4, "sk-bonding-3": 2, "ld-kansen-2": "?", "sk-linking-1": 1}


def fill_some(page) -> None:
    for k, v in SOME.items():
        answer(page, k, v)


# --- loading ----------------------------------------------------------------------------------


def test_scan_page_is_ready_without_any_foreign_request(page, base_url):
    log = watch_page(page)
    open_scan(page, base_url)
    page.wait_for_load_state("networkidle")
    assert log.problems() == []
    assert page.locator(".wks-item").count() == len(BANK.items)
    assert page.locator(".wijkcoop-scan noscript").count() == 1
    # loaded only where a scan is
    other = page.context.new_page()
    other.goto(f"{base_url}/book/index.html")
    assert other.locator('script[src*="scan."]').count() == 0


def watch_page(page):
    from tests.browser import watch

    return watch(page)


def test_short_page_shows_the_short_version(page, base_url):
    open_scan(page, base_url, SHORT_PAGE)
    ids = page.eval_on_selector_all(".wks-item", "els => els.map(e => e.dataset.item)")
    assert ids == [i["id"] for i in BANK.items_for(short=True)]


def page_config(site, path=PAGE) -> dict:
    """The JSON the directive wrote into the page for the module."""
    html = (site / path).read_text(encoding="utf-8")
    m = re.search(
        r'data-wijkcoop-scan="duurzaamheidsscan"[^>]*>'
        r'<script type="application/json">(.*?)</script>',
        html,
    )
    return json.loads(m.group(1))


def test_page_carries_the_bank_and_the_messages_file(site):
    for path in (PAGE, SHORT_PAGE):
        config = page_config(site, path)
        assert config["bank"] == BANK.raw
        assert config["messages"] == MESSAGES


def test_every_book_ref_resolves_to_a_section_of_the_built_site(site):
    config = page_config(site)
    assert set(config["links"]) == BANK.book_refs()
    for label, target in config["links"].items():
        path, _, anchor = target["url"].partition("#")
        file = (site / PAGE).parent / path
        assert file.exists(), f"{label}: {file}"
        assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), f"{label}: #{anchor}"


# --- keyboard ---------------------------------------------------------------------------------


def test_complete_the_scan_with_the_keyboard_only(page, base_url):
    open_scan(page, base_url)
    wanted = {}
    for k, item in enumerate(BANK.items):
        if item["type"] == "likert":
            wanted[item["id"]] = (k % 5) + 1
        else:
            wanted[item["id"]] = 40 if item["unit"] == "procent" else 1000 * (k % 4)
    done: set[str] = set()
    for _ in range(600):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const a = document.activeElement;
                 const f = a && a.closest('[data-item]');
                 return {item: f ? f.dataset.item : null, type: a.type || a.tagName,
                         outline: getComputedStyle(a).outlineStyle}; }"""
        )
        item_id = info["item"]
        if not item_id or item_id in done or info["type"] not in ("radio", "text"):
            continue
        assert info["outline"] != "none", f"no visible focus on {item_id}"
        v = wanted[item_id]
        if info["type"] == "radio":
            page.keyboard.press("Space")  # picks the first option
            for _ in range(v - 1):
                page.keyboard.press("ArrowRight")
        else:
            page.keyboard.type(str(v))
        done.add(item_id)
        if len(done) == len(BANK.items):
            break
    assert done == set(wanted)
    assert (
        page.locator(".wks-progress").inner_text()
        == f"{len(wanted)} van {len(wanted)} vragen ingevuld."
    )
    assert stored(page)["answers"] == wanted
    expected = score(BANK, wanted).to_dict()["parts"]
    assert table_scores(page) == {k: shown(v) for k, v in expected.items()}


# --- persistence ------------------------------------------------------------------------------


def test_reload_keeps_every_answer_name_and_notes(page, base_url):
    open_scan(page, base_url)
    fill_some(page)
    page.fill('.wks-meta input[type="text"]', "Wijkcoöperatie Proef")
    page.fill(".wks-meta textarea", "Ingevuld met het bestuur.")
    page.locator('[data-item="ink-subsidie"] input[inputmode="decimal"]').fill("2500")
    before = table_scores(page)
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    for k, v in SOME.items():
        suffix = "x" if v == "?" else str(v)
        assert page.locator(f'input[id$="-{k}-{suffix}"]').is_checked()
    # shown the Dutch way after a reload, and as understood next to the field
    assert (
        page.locator('[data-item="ink-subsidie"] input[inputmode="decimal"]').input_value()
        == "2.500"
    )
    assert page.locator('[data-item="ink-subsidie"] .wks-understood').inner_text() == "= € 2.500"
    assert page.locator('.wks-meta input[type="text"]').input_value() == "Wijkcoöperatie Proef"
    assert page.locator(".wks-meta textarea").input_value() == "Ingevuld met het bestuur."
    assert table_scores(page) == before


def test_clear_my_answers_asks_first_then_removes_everything(page, base_url):
    open_scan(page, base_url)
    fill_some(page)
    page.get_by_role("button", name="Wis mijn antwoorden").click()
    page.get_by_role("button", name="Nee, terug").click()
    assert stored(page)["answers"] == SOME
    page.get_by_role("button", name="Wis mijn antwoorden").click()
    page.get_by_role("button", name="Ja, wis alles").click()
    assert page.evaluate(f"localStorage.getItem('{STORE}')") is None
    assert page.locator(".wks-form input:checked").count() == 0
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.locator(".wks-form input:checked").count() == 0


# --- files ------------------------------------------------------------------------------------


def export_file(page) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar als bestand").click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def upload(page, which: str, content: str | bytes, name="scan.json") -> None:
    buffer = content.encode("utf-8") if isinstance(content, str) else content
    label = "Open een bestand" if which == "import" else "Vergelijk met een eerder bestand"
    page.get_by_label(label).set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": buffer}]
    )


def test_export_then_import_gives_identical_answers_and_scores(page, base_url):
    open_scan(page, base_url)
    fill_some(page)
    page.locator('[data-item="ink-betaler-grootste"] input[inputmode="decimal"]').fill("35")
    page.fill('.wks-meta input[type="text"]', "Coöperatie Export")
    text = export_file(page)
    doc = json.loads(text)
    assert doc["bank_id"] == "duurzaamheidsscan"
    assert doc["bank_version"] == BANK.version
    assert doc["answers"] == {**SOME, "ink-betaler-grootste": 35}
    assert parse_export(text, BANK).answers == doc["answers"]  # Python accepts the browser's file
    scores = table_scores(page)
    page.get_by_role("button", name="Wis mijn antwoorden").click()
    page.get_by_role("button", name="Ja, wis alles").click()
    assert stored(page).get("answers", {}) == {}
    upload(page, "import", text)
    expect_status(page, "Bestand ingelezen")
    assert stored(page)["answers"] == doc["answers"]
    assert table_scores(page) == scores
    assert page.locator('.wks-meta input[type="text"]').input_value() == "Coöperatie Export"


def expect_status(page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('.wks-status').textContent.includes(t)", arg=text
    )


@pytest.mark.parametrize("case", bad_imports(), ids=lambda c: c["name"])
def test_bad_file_is_refused_with_its_message_and_nothing_changes(page, base_url, case):
    open_scan(page, base_url)
    fill_some(page)
    page.fill('.wks-meta input[type="text"]', "Blijft staan")
    before_store = stored(page)
    before_scores = table_scores(page)
    with pytest.raises(ExportError) as exc:
        parse_export(case["content"].encode("utf-8"), BANK)
    upload(page, "import", case["content"])
    alert = page.locator(".wks-alert[role=alert]")
    alert.wait_for(state="visible")
    assert alert.inner_text().strip() == exc.value.message_nl
    after = stored(page)
    assert after["answers"] == before_store["answers"]
    assert after["organisation"] == "Blijft staan"
    assert table_scores(page) == before_scores
    # text from the file is never turned into markup
    assert page.evaluate("window.__hacked") is None
    assert page.locator(".wks script, .wks img").count() == 0


def test_refused_file_shows_the_text_of_the_messages_file(page, base_url):
    open_scan(page, base_url)
    upload(page, "import", "Dit is geen JSON maar een brief.")
    alert = page.locator(".wks-alert[role=alert]")
    alert.wait_for(state="visible")
    assert alert.inner_text().strip() == f"{MESSAGES['not-json']} {MESSAGES['unchanged']}"
    # a piece filled into a message comes from the file as well
    page.locator(".wks-meta textarea").evaluate(
        "el => { el.value = 'a\\u0001b'; el.dispatchEvent(new Event('input')); }"
    )
    err = page.locator(".wks-meta .wks-field-error").nth(1)
    assert MESSAGES["reason-not-text"] in err.inner_text()


def test_missing_messages_fall_back_to_a_readable_dutch_text(page, base_url):
    """A model without (some of) the messages never shows "undefined" or a bare code."""
    open_scan(page, base_url)
    got = page.evaluate(
        """async ([url, bank, partial]) => {
             const m = window.WijkcoopScan; // set by the script at `url`
             const out = {fallback: m.FALLBACK_MESSAGE};
             for (const [name, messages] of [["none", undefined], ["empty", {}],
                                              ["partial", partial]]) {
               const el = document.createElement('div');
               document.querySelector('.bd-article').append(el);
               const mem = new Map();
               const storage = {getItem: k => mem.get(k) ?? null,
                                setItem: (k, v) => mem.set(k, v), removeItem: k => mem.delete(k)};
               m.render({model: m.createLocalModel(bank, {messages}, storage), el});
               const input = el.querySelector('input[type=file]');
               const dt = new DataTransfer();
               dt.items.add(new File(['geen json'], 'x.json', {type: 'application/json'}));
               input.files = dt.files;
               input.dispatchEvent(new Event('change'));
               const alert = el.querySelector('.wks-alert');
               for (let i = 0; i < 100 && !alert.textContent; i++) {
                 await new Promise(r => setTimeout(r, 20));
               }
               out[name] = alert.textContent;
             }
             return out;
           }""",
        [module_url(page), BANK.raw, {"unchanged": MESSAGES["unchanged"]}],
    )
    fallback = got["fallback"]
    assert fallback.startswith("Er ging iets mis")
    assert got["none"] == fallback
    assert got["empty"] == fallback
    assert got["partial"] == f"{fallback} {MESSAGES['unchanged']}"
    for text in got.values():
        assert "undefined" not in text
        assert "not-json" not in text


def test_markup_typed_in_name_or_notes_stays_text_and_is_saved_exactly(page, base_url):
    """Text is text (issue 10.4): stored as typed, always shown as text, never as markup."""
    open_scan(page, base_url)
    page.fill('.wks-meta input[type="text"]', "Goede naam <b>")
    typed = '<img src=x onerror="window.__hacked=1">'
    page.fill(".wks-meta textarea", typed)
    assert page.locator(".wks-meta .wks-field-error").nth(1).inner_text() == ""
    assert page.locator(".wks img, .wks script, .wks b").count() == 0
    assert page.evaluate("window.__hacked") is None
    assert stored(page)["notes"] == typed
    assert stored(page)["organisation"] == "Goede naam <b>"
    # the print header shows them as text
    head = page.locator(".wks-print-head").text_content()
    assert "Organisatie: Goede naam <b>" in head
    assert f"Notities: {typed}" in head


def test_older_version_export_is_migrated_in_the_browser(page, base_url):
    """The module's migration on the two-sided test bank (the real bank has no history yet)."""
    open_scan(page, base_url)
    bank = load_bank_path(TWO_SIDED)
    old = json.dumps(
        {
            "format": "wijkcoop-scan-export",
            "bank_id": bank.bank_id,
            "bank_version": "0.9.0",
            "role": "gemeente",
            "answers": {"t-contact-1": 4, "t-oud": 2, "t-geld-1": 5},
        }
    )
    got = page.evaluate(
        """async ([url, bank, text, messages]) => {
             const m = window.WijkcoopScan; // set by the script at `url`
             return m.parseExport(text, bank, messages);
           }""",
        [module_url(page), bank.raw, old, MESSAGES],
    )
    py = parse_export(old, bank)
    assert got["answers"] == py.answers
    assert got["warnings"] == py.warnings
    assert got["meta"]["removed"] == ["t-oud"]
    assert got["migration"] == py.meta["migration"]  # contract B: the same report


# --- compare ----------------------------------------------------------------------------------


def test_compare_with_an_earlier_export_shows_change_per_part(page, base_url):
    earlier = data.load("scan-voorbeeld-export-2025")
    now = data.load("scan-voorbeeld-export-2026")
    open_scan(page, base_url)
    upload(page, "import", json.dumps(now))
    expect_status(page, "Bestand ingelezen")
    upload(page, "compare", json.dumps(earlier))
    expect_status(page, "Vergelijking toegevoegd")
    # the example exports may be of an older bank version: compare what the import made of them
    now_answers = parse_export(json.dumps(now), BANK).answers
    earlier_answers = parse_export(json.dumps(earlier), BANK).answers
    diff = compare(score(BANK, now_answers), score(BANK, earlier_answers)).set_index("id")
    cells = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('td[data-diff]')]
              .map(td => [td.dataset.diff, td.textContent]))"""
    )
    assert cells  # the change column is there
    now_result, earlier_result = score(BANK, now_answers), score(BANK, earlier_answers)
    for part, text in cells.items():
        v = diff.loc[part, "verschil"]
        if v is None or v != v:
            assert text == "–"
        else:
            # contract E: the change is the difference of the two rounded scores shown
            d = half_up(now_result.part_score(part)) - half_up(earlier_result.part_score(part))
            sign = "+" if d > 0 else "−" if d < 0 else "±"
            assert text == f"{sign}{abs(d)}"
    header = page.locator("table.wks-table thead th").last.inner_text()
    assert header == "Verandering (nu min eerder)"
    assert page.locator("polygon.wks-ref").count() == 1
    assert stored(page)["answers"] == now_answers  # comparing changes no answer
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.locator("td[data-diff]").count() == len(cells)  # the comparison survives a reload


# --- print ------------------------------------------------------------------------------------


def test_print_layout_hides_the_form_and_fits_two_pages(page, base_url):
    open_scan(page, base_url)
    upload(page, "import", json.dumps(data.load("scan-voorbeeld-export-2026")))
    expect_status(page, "Bestand ingelezen")
    page.emulate_media(media="print")
    assert not page.locator(".wks-form").is_visible()
    assert not page.locator(".wks-tools").is_visible()
    assert not page.locator(".wks-item input").first.is_visible()
    assert page.locator(".wks-results table").is_visible()
    assert page.locator(".wks-print-head").is_visible()
    assert "Wijkcoöperatie Voorbeeld" in page.locator(".wks-print-head").inner_text()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"print gives {pages} pages"


# --- the same numbers as Python ---------------------------------------------------------------


def test_shared_test_vectors_in_the_browser(page, base_url):
    open_scan(page, base_url)
    vectors = data.load("scan-test-vectors-duurzaamheidsscan")
    results = page.evaluate(
        """async ([url, bank, cases]) => {
             const m = window.WijkcoopScan; // set by the script at `url`
             return cases.map(c => {
               const r = m.score(bank, c.answers, {role: c.role ?? null, short: c.short ?? false});
               return {parts: r.parts, conditions: r.conditions, completeness: r.completeness,
                       derived: r.derived, findings: r.findings};
             });
           }""",
        [module_url(page), BANK.raw, vectors["cases"]],
    )
    assert len(results) == len(vectors["cases"])
    for case, got in zip(vectors["cases"], results, strict=True):
        assert_close(case["expected"], got, case["name"])


def test_messages_and_codes_match_python_for_every_bad_file(page, base_url):
    open_scan(page, base_url)
    cases = bad_imports()
    got = page.evaluate(
        """async ([url, bank, cases, messages]) => {
             const m = window.WijkcoopScan; // set by the script at `url`
             return cases.map(c => { try { m.parseExport(c.content, bank, messages); return null; }
                                     catch (e) { return [e.code, e.messageNl]; } });
           }""",
        [module_url(page), BANK.raw, cases, MESSAGES],
    )
    for case, result in zip(cases, got, strict=True):
        with pytest.raises(ExportError) as exc:
            parse_export(case["content"], BANK)
        assert result == [exc.value.code, exc.value.message_nl], case["name"]


# --- two-sided banks --------------------------------------------------------------------------


def test_two_sided_bank_role_choice_statements_and_gap(page, base_url):
    """The same module renders a two-sided bank: pick a role, per-role text, other side's gap."""
    open_scan(page, base_url)
    bank = load_bank_path(TWO_SIDED)
    page.evaluate(
        """async ([url, bank, messages]) => {
             const m = window.WijkcoopScan; // set by the script at `url`
             const el = document.createElement('div');
             el.id = 'two-sided';
             document.querySelector('.bd-article').append(el);
             const mem = new Map();
             const storage = {getItem: k => mem.get(k) ?? null, setItem: (k, v) => mem.set(k, v),
                              removeItem: k => mem.delete(k)};
             m.render({model: m.createLocalModel(bank, {messages}, storage), el});
           }""",
        [module_url(page), bank.raw, MESSAGES],
    )
    box = page.locator("#two-sided")
    assert box.locator(".wks-item").count() == 0  # questions appear after choosing a role
    box.get_by_label("Gemeente", exact=True).check()
    assert box.locator(".wks-item").count() == 5  # including the gemeente-only item
    assert "De coöperatie weet wie ze moet bellen." in box.inner_text()
    box.locator('input[id$="-t-bereikbaar-1-5"]').check()
    box.locator('input[id$="-t-afspraken-1-3"]').check()
    other = json.dumps(
        {
            "format": "wijkcoop-scan-export",
            "bank_id": bank.bank_id,
            "bank_version": bank.version,
            "role": "cooperatie",
            "answers": {"t-bereikbaar-1": 2, "t-afspraken-1": 5},
        }
    )
    box.get_by_label(re.compile("Vergelijk met een bestand")).set_input_files(
        files=[{"name": "coop.json", "mimeType": "application/json", "buffer": other.encode()}]
    )
    box.locator("td[data-diff]").first.wait_for()
    assert "Andere kant (Wijkcoöperatie)" in box.locator("table:not(.wks-gap-table)").inner_text()
    mine = score(bank, {"t-bereikbaar-1": 5, "t-afspraken-1": 3}, role="gemeente")
    theirs = score(bank, {"t-bereikbaar-1": 2, "t-afspraken-1": 5}, role="cooperatie")
    # contract E: the bank's first role minus the second (cooperatie minus gemeente), whoever
    # imports whom, and the header says so
    first = round(theirs.part_score("bereikbaar"))
    second = round(mine.part_score("bereikbaar"))
    cell = box.locator('td[data-diff="bereikbaar"]').inner_text()
    assert cell == f"{'+' if first > second else '−'}{abs(first - second)}"
    header = box.locator("table:not(.wks-gap-table) thead th").last.inner_text()
    assert header == "Verschil (wijkcoöperatie min gemeente)"


def test_reader_is_told_when_the_browser_cannot_keep_answers(page, base_url):
    """A full or disabled localStorage must not lose answers silently: the scan says so."""
    page.add_init_script(
        """Storage.prototype.setItem = function () {
             throw new DOMException('full', 'QuotaExceededError'); };"""
    )
    open_scan(page, base_url)
    assert page.locator(".wks-notice-alert").inner_text().strip() == ""
    item = BANK.items[0]["id"]
    answer(page, item, 4)
    alert = page.locator(".wks-notice-alert")
    alert.wait_for()
    assert "Bewaar ze als bestand" in alert.inner_text()
    # the answer itself is still there and scored on the page
    assert page.locator(f'[data-item="{item}"] input[id$="-{item}-4"]').is_checked()
