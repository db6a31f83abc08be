"""The scan page builds its questions in steps, so no single task builds them all (issue 23).

Nothing here is timed: the tests check what is on the page at the end of the task that mounts
the scan (at most the first voorwaarde), that the rest arrives in later tasks, and that
``data-scan-ready`` comes only when every question is there and shows the stored answers.
Runs against the built site (SITE_DIR).
"""

from __future__ import annotations

import pytest

from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.scan import load_bank

pytestmark = pytest.mark.browser

BANK = load_bank("duurzaamheidsscan")
PAGE = "book/scan/index.html"
SHORT_PAGE = "book/scan/kort.html"
SPIEGEL = "book/leernetwerk/spiegel.html"

#: Runs before the page's scripts. The scan mounts in a DOMContentLoaded listener on the
#: document; a listener on the window runs after it in the same task (the event bubbles), so
#: it sees what the mounting task built. The observer notes what is there when the scan says
#: it is ready (a MutationObserver runs in that same task, before anything else can).
PROBE = """
window.__scan = {};
const count = () => ({
  conditions: document.querySelectorAll('[data-wijkcoop-scan] .wks-condition').length,
  items: document.querySelectorAll('[data-wijkcoop-scan] .wks-item').length,
  ready: document.querySelector('[data-wijkcoop-scan][data-scan-ready]') !== null,
  checked: document.querySelectorAll('[data-wijkcoop-scan] .wks-item input:checked').length,
  progress: (document.querySelector('.wks-progress') || {}).textContent || '',
});
window.addEventListener('DOMContentLoaded', () => { window.__scan.mountTask = count(); });
new MutationObserver(() => {
  if (!window.__scan.atReady && document.querySelector('[data-wijkcoop-scan][data-scan-ready]'))
    window.__scan.atReady = count();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-scan-ready']});
"""


def items_in_play(short: bool) -> int:
    return sum(1 for i in BANK.items if not short or i.get("short"))


@pytest.mark.parametrize(("path", "short"), [(PAGE, False), (SHORT_PAGE, True)])
def test_mounting_builds_one_voorwaarde_and_the_rest_in_later_tasks(page, base_url, path, short):
    page.add_init_script(PROBE)
    page.goto(f"{base_url}/{path}")
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)
    seen = page.evaluate("window.__scan")
    total = page.locator("[data-wijkcoop-scan] .wks-item").count()
    assert total == items_in_play(short) > 0
    first = seen["mountTask"]
    assert first["conditions"] == 1, "the mounting task builds the first voorwaarde only"
    assert 0 < first["items"] < total
    assert not first["ready"]
    at_ready = seen["atReady"]
    assert at_ready["items"] == total, "data-scan-ready before every question was there"
    assert at_ready["conditions"] == len(BANK.conditions)
    assert at_ready["progress"] == f"0 van {total} vragen ingevuld."


def test_ready_only_when_every_stored_answer_shows(page, base_url):
    """Answers kept in localStorage, also of the last voorwaarde, show when the scan is ready."""
    answers = [i["id"] for i in BANK.items if i["type"] == "likert"]
    page.goto(f"{base_url}/{PAGE}")
    page.wait_for_selector(READY_SELECTOR)
    page.evaluate(
        "() => document.querySelectorAll('.wks-item input[type=radio][value=\"3\"]')"
        ".forEach((input) => input.click())"
    )
    page.add_init_script(PROBE)
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    at_ready = page.evaluate("window.__scan.atReady")
    assert at_ready["checked"] == len(answers)
    total = items_in_play(False)
    assert at_ready["progress"] == f"{len(answers)} van {total} vragen ingevuld."
    last = BANK.items[-1]
    assert page.get_by_text(last["statement"], exact=False).first.is_visible()


def test_a_hash_below_the_scan_stays_in_view_while_it_builds(page, base_url):
    page.goto(f"{base_url}/{PAGE}#in-het-kort")
    page.wait_for_selector(READY_SELECTOR)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))")
    top = page.evaluate("document.getElementById('in-het-kort').getBoundingClientRect().top")
    height = page.evaluate("window.innerHeight")
    assert 0 <= top < height / 2


def test_a_side_switched_while_building_gives_one_whole_form(page, base_url):
    """A structure change while steps are pending (the spiegel's side, switched by the reader in
    the task that mounted it) builds the whole form at once; the pending steps are dropped."""
    spiegel = load_bank("relatiespiegel")
    first, other = spiegel.roles[:2]
    page.goto(f"{base_url}/{SPIEGEL}")
    page.wait_for_selector(READY_SELECTOR)
    page.locator(f".wks-role input[value='{first}']").check()
    page.add_init_script(
        "window.addEventListener('DOMContentLoaded', () => {"
        " window.__pending = document.querySelectorAll('.wks-condition').length;"
        f" document.querySelector(\".wks-role input[value='{other}']\").click(); }});"
    )
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.evaluate("window.__pending") == 1  # it was still building
    ids = page.locator("[data-wijkcoop-scan] .wks-item").evaluate_all(
        "els => els.map((e) => e.dataset.item)"
    )
    wanted = [i["id"] for i in spiegel.items if not i.get("roles") or other in i["roles"]]
    assert ids == wanted
