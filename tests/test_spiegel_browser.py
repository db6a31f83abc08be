"""The relatiespiegel in Chromium: two people, two browsers, swapped files, one gap chart.

A cooperative and a civil servant each fill in the spiegel in their own browser context (own
storage, own downloads), each saves a file, each opens the other's file to compare, and both
see the same numbers and the same chart. Runs against the built site (SITE_DIR).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from tests.browser import watch
from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.scan import load_bank, parse_export, score

pytestmark = pytest.mark.browser

BANK = load_bank("relatiespiegel")
PAGE = "book/leernetwerk/spiegel.html"
ORG = "Wijkcoöperatie Proefwijk"
ROLE_LABEL = {"cooperatie": "Coöperatie", "gemeente": "Gemeente"}
PATTERN = {
    "cooperatie": [2, 3, 5, "?", 1, 4, 2],
    "gemeente": [4, 4, 3, 5, 2, None],  # None: left open
}


def shown(x: float | None) -> str:
    """A score as the page shows it (JavaScript's Math.round)."""
    return "–" if x is None else str(math.floor(x + 0.5))


def shown_signed(x: float | None) -> str:
    if x is None:
        return "–"
    r = abs(math.floor(x + 0.5))  # Math.abs(Math.round(x))
    sign = "+" if x > 0 else "−" if x < 0 else "±"
    return f"{sign}{r}"


def answers_for(role: str) -> dict:
    pattern = PATTERN[role]
    out = {}
    for k, item in enumerate(BANK.items):
        v = pattern[k % len(pattern)]
        if v is not None:
            out[item["id"]] = v
    return out


def fill_in(page, base_url, role: str) -> str:
    """Open the spiegel, choose a side, answer, and save the file; returns the file's text."""
    page.goto(f"{base_url}/{PAGE}")
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)
    page.get_by_label(ROLE_LABEL[role], exact=True).check()
    page.fill('.wks-meta input[type="text"]', ORG)
    for item_id, v in answers_for(role).items():
        suffix = "x" if v == "?" else str(v)
        page.locator(f'[data-item="{item_id}"] input[id$="-{item_id}-{suffix}"]').check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar als bestand").click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def compare_with(page, text: str, name: str) -> None:
    page.get_by_label(re.compile("Vergelijk met een bestand")).set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}]
    )
    page.locator(".wks-gap-table").wait_for(timeout=10_000)


def gap_table(page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.wks-gap-table tbody tr')].map(tr =>
             [tr.dataset.gap, ...[...tr.querySelectorAll('td')].map(td => td.textContent)])"""
    )


@pytest.fixture
def two_people(browser):
    contexts = [
        browser.new_context(service_workers="block", locale="nl-NL", accept_downloads=True)
        for _ in range(2)
    ]
    pages = [c.new_page() for c in contexts]
    yield pages
    for c in contexts:
        c.close()


def test_swapped_files_show_both_sides_the_same_gap_chart(two_people, base_url):
    coop, gem = two_people
    logs = [watch(coop), watch(gem)]
    coop_file = fill_in(coop, base_url, "cooperatie")
    gem_file = fill_in(gem, base_url, "gemeente")

    # the files are valid exports with the right side, also for Python
    coop_doc, gem_doc = json.loads(coop_file), json.loads(gem_file)
    assert (coop_doc["role"], gem_doc["role"]) == ("cooperatie", "gemeente")
    assert coop_doc["organisation"] == gem_doc["organisation"] == ORG
    assert coop_doc["answers"] == answers_for("cooperatie")
    assert gem_doc["answers"] == answers_for("gemeente")

    # each opens the other's file
    compare_with(coop, gem_file, "gemeente.json")
    compare_with(gem, coop_file, "cooperatie.json")

    # both see the same table and the same chart, in the bank's role order
    table_coop, table_gem = gap_table(coop), gap_table(gem)
    assert table_coop == table_gem
    chart_coop = coop.locator(".wks-gap-chart").text_content()
    assert chart_coop == gem.locator(".wks-gap-chart").text_content()

    # and the numbers are the engine's: cooperatie minus gemeente per friction point
    mine = score(BANK, parse_export(coop_file, BANK).answers, role="cooperatie")
    theirs = score(BANK, parse_export(gem_file, BANK).answers, role="gemeente")
    expected = []
    for cond in BANK.conditions:
        a, b = mine.condition_score(cond["id"]), theirs.condition_score(cond["id"])
        # contract E: the difference of the two rounded numbers shown (31 vs 26 shows +5)
        gap = None if a is None or b is None else math.floor(a + 0.5) - math.floor(b + 0.5)
        expected.append([cond["id"], shown(a), shown(b), shown_signed(gap)])
    assert table_coop == expected
    assert any(row[3] not in {"±0", "–"} for row in expected)  # the example has real gaps

    # prompts for the two largest gaps, straight from the bank, the same on both screens
    gaps = {
        c["id"]: abs(mine.condition_score(c["id"]) - theirs.condition_score(c["id"]))
        for c in BANK.conditions
    }
    top = sorted(gaps, key=lambda k: (-gaps[k], list(gaps).index(k)))[:2]
    for pg in (coop, gem):
        ids = pg.eval_on_selector_all("[data-prompts]", "els => els.map(e => e.dataset.prompts)")
        assert ids == top
        text = pg.locator(".wks-gap-prompts").inner_text()
        for cid in top:
            cond = next(c for c in BANK.conditions if c["id"] == cid)
            assert all(p in text for p in cond["prompts"])

    # nothing left the browser
    for log in logs:
        assert log.problems() == []


def test_comparing_with_an_earlier_file_of_the_same_side_shows_no_gap_view(page, base_url):
    first = fill_in(page, base_url, "gemeente")
    compare_with_same = json.loads(first)
    compare_with_same["answers"] = {k: 5 for k in compare_with_same["answers"]}
    page.get_by_label(re.compile("Vergelijk met een bestand")).set_input_files(
        files=[
            {
                "name": "eerder.json",
                "mimeType": "application/json",
                "buffer": json.dumps(compare_with_same).encode("utf-8"),
            }
        ]
    )
    page.locator("td[data-diff]").first.wait_for()
    assert page.locator(".wks-gap").count() == 0
    assert "Verandering" in page.locator(".wks-table").first.inner_text()
