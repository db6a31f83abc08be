"""The self-checks in Chromium: feedback appears for the chosen option, with JavaScript off.

No kernel, no script, nothing from another host: each part's self-check page is opened in a
context with JavaScript disabled, over http and from file://. Before a choice no feedback shows;
choosing an option (by click or by keyboard) shows exactly that option's feedback.
"""

from __future__ import annotations

import pytest

from tests.browser import watch
from wijkcoop import toc, zelftoets

pytestmark = pytest.mark.browser

PARTS = toc.self_checks()


@pytest.fixture
def nojs_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def visible_feedback(fieldset) -> list[str]:
    return [
        " ".join(p.inner_text().split())
        for p in fieldset.locator(".zt-feedback > p").all()
        if p.is_visible()
    ]


def problems_without_javascript(log) -> list[str]:
    """What the page did wrong, leaving out scripts Chromium refuses because JavaScript is off
    (Playwright reports them as failed with reason "csp") and the page's own file:// URLs."""
    foreign = [u for u in log.foreign_requests if not u.startswith("file://")]
    failed = [f for f in log.failed_requests if not f.endswith("(csp)")]
    return [*foreign, *log.http_errors, *failed, *log.page_errors]


def expected(option: dict) -> str:
    return " ".join(zelftoets.feedback_text(option).split())


@pytest.mark.parametrize("deel", PARTS)
def test_each_option_shows_its_own_feedback_without_javascript(nojs_page, base_url, deel):
    page = nojs_page
    log = watch(page)
    page.goto(f"{base_url}/book/zelftoets/{deel}.html")
    quiz = zelftoets.load(deel)
    fieldsets = page.locator("fieldset.zt-vraag")
    assert fieldsets.count() == len(quiz["vragen"])
    for index, question in enumerate(quiz["vragen"]):
        fieldset = fieldsets.nth(index)
        assert visible_feedback(fieldset) == [], "feedback shown before a choice"
        for k, option in enumerate(question["opties"]):
            fieldset.locator("label").nth(k).click()
            assert visible_feedback(fieldset) == [expected(option)]
    assert problems_without_javascript(log) == []


def test_keyboard_only_from_file_url(nojs_page, site):
    page = nojs_page
    log = watch(page)
    page.goto((site / "book" / "zelftoets" / "duurzaam.html").as_uri())
    question = zelftoets.load("duurzaam")["vragen"][0]
    first = page.locator("fieldset.zt-vraag").first
    first.locator("input").first.focus()
    page.keyboard.press("Space")
    assert visible_feedback(first) == [expected(question["opties"][0])]
    page.keyboard.press("ArrowDown")
    assert visible_feedback(first) == [expected(question["opties"][1])]
    assert problems_without_javascript(log) == []


def test_the_read_back_link_leads_to_the_section(page, base_url):
    page.goto(f"{base_url}/book/zelftoets/relatie.html")
    link = page.get_by_role("link", name="Erkenning en herkenning").first
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("book/relatie/erkenning.html#relatie-erkenning") or (
        "book/relatie/erkenning.html" in page.url
    )
    assert page.locator("h1").first.inner_text().startswith("Erkenning en herkenning")


def test_print_shows_the_right_answer_of_every_question(nojs_page, base_url):
    page = nojs_page
    page.goto(f"{base_url}/book/zelftoets/relatie.html")
    page.emulate_media(media="print")
    quiz = zelftoets.load("relatie")
    fieldsets = page.locator("fieldset.zt-vraag")
    for index, question in enumerate(quiz["vragen"]):
        right = next(o for o in question["opties"] if o["juist"])
        assert visible_feedback(fieldsets.nth(index)) == [expected(right)]
