"""Issue 18 as a workshop plays it: phones send codes and files, the trainer's laptop shows the
group picture from file:// (book/leernetwerk/groepsbeeld.md), and the figures equal Python's.

* the answer code's shared vectors run in Chromium (both built scripts);
* the group page's means, changes and gaps equal wijkcoop.group on the same files;
* a workshop of 9 participants at 360 px: scans and spiegels filled on the scan pages, codes
  copied from the page and files saved from it, the trainer builds the picture from file://;
  no participant's name or file name is on the page, in the handout or in the saved picture;
* the teamscan and the action plan.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.answer_codes import PATH as CODE_VECTORS
from tests.browser import watch
from tests.test_accessibility import axe_violations
from wijkcoop import synthetic
from wijkcoop.book.groep import READY_SELECTOR as GROUP_READY
from wijkcoop.book.scan import READY_SELECTOR
from wijkcoop.group import MIN_GROUP, GroupAnalysis
from wijkcoop.scan import MESSAGES, load_bank, parse_export, score
from wijkcoop.scan.answercode import decode, encode
from wijkcoop.scan.scoring import round_half_up

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
BANKS = {b: load_bank(b) for b in ("duurzaamheidsscan", "relatiespiegel")}
GROUP_PAGE = "book/leernetwerk/groepsbeeld.html"
SCAN_PAGE = "book/scan/index.html"
SPIEGEL_PAGE = "book/leernetwerk/spiegel.html"
FILE_LABEL = "Kies de bestanden (of sleep ze hierheen)"
CODE_LABEL = "Antwoordcodes, één per regel"
TOL = 1e-9


def as_upload(name: str, raw: bytes) -> dict:
    return {"name": name, "mimeType": "application/json", "buffer": raw}


def open_group(page, site):
    log = watch(page)
    page.goto((site / GROUP_PAGE).as_uri())
    page.wait_for_selector(GROUP_READY, timeout=10_000)
    return log


def redrawn(page, before: str):
    page.wait_for_function(
        "(b) => document.querySelector('[data-wijkcoop-groep]')"
        ".getAttribute('data-groep-ready') !== b",
        arg=before,
    )


def ready_count(page) -> str:
    return page.get_attribute("[data-wijkcoop-groep]", "data-groep-ready")


def add_files(page, files: list[dict]) -> None:
    before = ready_count(page)
    page.get_by_label(FILE_LABEL).set_input_files(files)
    redrawn(page, before)


def add_codes(page, codes: list[str]) -> None:
    page.get_by_label(CODE_LABEL).fill("\n".join(codes))
    before = ready_count(page)
    page.get_by_role("button", name="Toon het groepsbeeld").click()
    redrawn(page, before)


def rows(page, selector: str) -> dict[str, dict]:
    return page.evaluate(
        """(sel) => Object.fromEntries([...document.querySelectorAll(sel + ' tbody tr')].map(
             (tr) => [tr.dataset.id || tr.dataset.item, {...tr.dataset}]))""",
        selector,
    )


def close(a, b) -> bool:
    if a in ("", None) or b is None or b != b:  # NaN
        return a in ("", None) and (b is None or b != b)
    return abs(float(a) - float(b)) < TOL


# --- the answer code in Chromium: the shared vectors ---------------------------------------------


@pytest.mark.parametrize("script", ["scan.classic.js", "groep.classic.js"])
def test_answer_code_vectors_in_chromium(page, script):
    """The JS mirror (code.js) gives the Python codes and refusals, in both built scripts."""
    page.goto("about:blank")
    page.add_script_tag(path=str(ROOT / "wijkcoop" / "web" / script))
    glob = "WijkcoopScan" if script.startswith("scan") else "WijkcoopGroep"
    vectors = json.loads(CODE_VECTORS.read_text(encoding="utf-8"))
    out = page.evaluate(
        """([g, vectors, banks, messages]) => {
             const G = window[g];
             const good = vectors.good.map((v) => [
               G.encodeAnswers(banks[v.bank], v.answers,
                               {role: v.role, round: v.round, pair: v.pair}, messages),
               G.decodeAnswers(v.code, banks, messages)]);
             const bad = vectors.bad.map((v) => {
               try { G.decodeAnswers(v.code, banks, messages); return null; }
               catch (e) { return [e.code, e.messageNl]; }
             });
             return {good, bad};
           }""",
        [glob, vectors, {k: b.raw for k, b in BANKS.items()}, dict(MESSAGES)],
    )
    for v, (code, got) in zip(vectors["good"], out["good"], strict=True):
        assert code == v["code"]
        assert got["answers"] == v["answers"]
        assert got["role"] == v["role"]
        assert (got["round"], got["pair"]) == (v["round"], v["pair"])
    for v, got in zip(vectors["bad"], out["bad"], strict=True):
        assert got is not None, v
        assert got[0] == v["error"], v
        assert got[1].endswith(MESSAGES["code-unchanged"])


# --- the same figures as Python ------------------------------------------------------------------


def synthetic_files(seed: int = 11) -> list[tuple[str, bytes]]:
    files = []
    for made in synthetic.generate("duurzaamheidsscan", n_orgs=6, seed=seed):
        files.append((made["file"], synthetic.dumps(made["export"])))
    for made in synthetic.generate("relatiespiegel", n_orgs=6, rounds=["ronde-1"], seed=seed):
        files.append((made["file"], synthetic.dumps(made["export"])))
    return files


@pytest.mark.site
def test_group_page_figures_equal_wijkcoop_group(page, site):
    files = synthetic_files()
    broken = synthetic.broken_files("duurzaamheidsscan")[3]  # other-bank
    leaky = ("duurzaamheidsscan-cooperatie-tarwewijk-2026-12-04.json", files[0][1][:200])
    log = open_group(page, site)
    add_files(page, [as_upload(n, b) for n, b in [*files, (broken[0], broken[1]), leaky]])
    g = GroupAnalysis(files=[*files, (broken[0], broken[1]), leaky])
    assert g.counts()["geaccepteerd"] == len(files)
    for bank_id, rounds in (
        ("duurzaamheidsscan", ["ronde-1", "ronde-2"]),
        ("relatiespiegel", ["ronde-1"]),
    ):
        for rnd in rounds:
            for role in BANKS[bank_id].roles or [None]:
                sel = (
                    f'[data-table="profiel"][data-bank="{bank_id}"]'
                    f'[data-round="{rnd[-1]}"][data-role="{role or ""}"]'
                )
                shown = rows(page, sel)
                py = g.profile(bank_id, role=role, round=rnd).set_index("id")
                assert set(shown) == set(py.index)
                for ident, row in shown.items():
                    assert int(row["n"]) == py.loc[ident, "n"]
                    assert close(row["mean"], py.loc[ident, "gemiddelde"]), (bank_id, rnd, ident)
    change = g.change("duurzaamheidsscan", level="voorwaarde").set_index("id")
    for ident, row in rows(page, '[data-table="verandering"]').items():
        expected = change.loc[ident, "gemiddelde_b_alle"] - change.loc[ident, "gemiddelde_a_alle"]
        assert close(row["change"], expected)
    gap = g.gap("relatiespiegel", round="ronde-1").set_index("id")
    shown_gap = rows(page, '[data-table="kloof"]')
    assert set(shown_gap) == set(gap.index)
    for ident, row in shown_gap.items():
        assert close(row["gap"], gap.loc[ident, "verschil"])
    refused = page.locator(".wkg-refused li").all_inner_texts()
    assert len(refused) == 2
    assert any(MESSAGES["not-json"] in t for t in refused)  # the reason in full
    assert any(MESSAGES["group-not-counted"] in t for t in refused)
    html = page.content()
    for name, _ in [*files, broken[:2], leaky]:
        assert name not in html
    assert "tarwewijk" not in html.lower()
    for made in synthetic.generate("duurzaamheidsscan", n_orgs=6, seed=11):
        assert made["organisation"] not in html
    assert log.problems() == []
    assert axe_violations(page) == []  # WCAG 2.1 AA with the picture drawn (axe reads the CSS)


# --- a workshop: 9 phones, one laptop ------------------------------------------------------------


def fill_on_phone(browser, site, page_path: str, export: dict, save_file: bool):
    """A participant at 360 px: opens the page, gets the answers in (through the page's own
    'Open een bestand'), reads the code from the page and, if asked, saves the file."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    page = context.new_page()
    log = watch(page)
    page.goto((site / page_path).as_uri())
    page.wait_for_selector(READY_SELECTOR, timeout=10_000)
    page.get_by_label("Open een bestand").set_input_files(
        files=[as_upload("mijn-antwoorden.json", json.dumps(export).encode())]
    )
    page.wait_for_function("document.querySelector('.wkc-code').value.startsWith('WK1-')")
    code = page.get_by_label("Code van je antwoorden").input_value()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    raw = None
    if save_file:
        with page.expect_download() as info:
            page.get_by_role("button", name="Bewaar als bestand").click()
        raw = Path(info.value.path()).read_bytes()
    assert log.problems() == []
    context.close()
    return code, raw


@pytest.mark.site
def test_a_workshop_of_nine_from_file(browser, page, site):
    scans = synthetic.generate("duurzaamheidsscan", n_orgs=9, rounds=["ronde-1"], seed=18)
    spiegels = synthetic.generate("relatiespiegel", n_orgs=5, rounds=["ronde-1"], seed=18)
    # five cooperatives and four gemeente people; four pairs chose to compare
    spiegels = [s for s in spiegels if s["role"] == "cooperatie"] + [
        s for s in spiegels if s["role"] == "gemeente"
    ][:4]
    names = {s["organisation"] for s in scans + spiegels}
    codes, uploads, texts = [], [], []
    for i, made in enumerate(scans):
        export = made["export"] | {"notes": "ronde 1"}
        code, raw = fill_on_phone(browser, site, SCAN_PAGE, export, save_file=i >= 6)
        texts.append(json.dumps(export))
        if raw is None:
            codes.append(code)
        else:
            uploads.append(as_upload(f"duurzaamheidsscan-{made['organisation']}.json", raw))
    pair_of = {}
    for made in spiegels:
        pair = 1 + [s for s in spiegels if s["role"] == made["role"]].index(made)
        pair_of[id(made)] = pair
        export = made["export"] | {"notes": f"ronde 1, paar {pair}"}
        code, _ = fill_on_phone(browser, site, SPIEGEL_PAGE, export, save_file=False)
        codes.append(code)
        texts.append(json.dumps(export))
    typo = codes[0][:40] + ("X" if codes[0][40] != "X" else "Y") + codes[0][41:]
    # the trainer's laptop, from file://
    page.set_viewport_size({"width": 360, "height": 800})
    log = open_group(page, site)
    add_files(page, uploads)
    add_codes(page, [*codes, typo])
    refused = page.locator(".wkg-refused li").all_inner_texts()
    assert refused == [
        f"Code op regel {len(codes) + 1}: "
        + MESSAGES["code-checksum"]
        + " "
        + MESSAGES["group-code-not-counted"]
    ]
    # figures against Python, on the same answers
    g = GroupAnalysis(files=[(f"f{i}.json", t.encode()) for i, t in enumerate(texts)])
    shown = rows(page, '[data-table="profiel"][data-bank="duurzaamheidsscan"]')
    for ident, row in g.profile("duurzaamheidsscan", round="ronde-1").set_index("id").iterrows():
        assert close(shown[ident]["mean"], row["gemiddelde"])
    coop = rows(page, '[data-table="profiel"][data-bank="relatiespiegel"][data-role="cooperatie"]')
    for ident, row in g.profile("relatiespiegel", role="cooperatie").set_index("id").iterrows():
        assert close(coop[ident]["mean"], row["gemiddelde"])
    # four gemeente spiegels: below MIN_GROUP the page says so and shows no means for them
    assert MIN_GROUP > 4
    assert page.locator('[data-small="true"]').count() == 1
    assert all(
        r["mean"] == "" for r in rows(page, '[data-table="profiel"][data-role="gemeente"]').values()
    )
    # ...but every pair still sees its own gap
    for pair in (1, 2, 3, 4):
        shown_pair = rows(page, f'[data-table="paar"][data-pair="{pair}"]')
        a = next(s for s in spiegels if s["role"] == "cooperatie" and pair_of[id(s)] == pair)
        b = next(s for s in spiegels if s["role"] == "gemeente" and pair_of[id(s)] == pair)
        sa = score(BANKS["relatiespiegel"], a["export"]["answers"], role="cooperatie")
        sb = score(BANKS["relatiespiegel"], b["export"]["answers"], role="gemeente")
        for ident, row in shown_pair.items():
            ca, cb = (
                r["score"] for s in (sa, sb) for r in s.condition_rows if r["condition"] == ident
            )
            assert close(row["gap"], None if ca is None or cb is None else ca - cb)
    # no name and no file name: not on the page, not in the handout, not in the saved picture
    html = page.content()
    for name in names:
        assert name not in html
    for upload in uploads:
        assert upload["name"] not in html
    page.emulate_media(media="print")
    handout = page.locator("body").inner_text()
    assert "Groepsbeeld" in handout
    assert "Antwoorden toevoegen" not in handout
    for name in names:
        assert name not in handout
    page.emulate_media(media="screen")
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar het groepsbeeld (zonder antwoorden)").click()
    saved = Path(info.value.path()).read_text(encoding="utf-8")
    doc = json.loads(saved)
    assert doc["format"] == "wijkcoop-groepsbeeld"
    assert "answers" not in saved
    for name in names:
        assert name not in saved
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert log.problems() == []


# --- the teamscan --------------------------------------------------------------------------------


@pytest.mark.site
def test_teamscan_shows_where_people_differ_and_unknowns_per_person(page, site):
    bank = BANKS["duurzaamheidsscan"]
    people = synthetic.generate("duurzaamheidsscan", n_orgs=3, rounds=["ronde-1"], seed=4)
    codes = [encode(bank, p["export"]["answers"]) for p in people]
    answers = [decode(c, bank).answers for c in codes]
    open_group(page, site)
    page.get_by_label("Teamscan: meerdere mensen van één coöperatie").check()
    add_codes(page, codes)
    differ = {
        i["id"]
        for i in bank.items
        if i["type"] == "likert"
        and len(nums := [a[i["id"]] for a in answers if isinstance(a.get(i["id"]), int)]) >= 2
        and max(nums) - min(nums) >= 2
    }
    shown = set(rows(page, '[data-table="team-verschillen"]'))
    assert shown
    assert shown == differ
    assert "Hierover denken jullie verschillend" in page.locator(".wkg-output").inner_text()
    assert axe_violations(page) == []
    persons = page.locator('[data-table="personen"] tbody tr').all_inner_texts()
    for n, (text, a) in enumerate(zip(persons, answers, strict=True), 1):
        unknown = sum(v == "?" for v in a.values())
        assert re.split(r"\s+", text.strip()) == ["Persoon", str(n), str(len(a)), str(unknown), "0"]
    # the team's action plan goes into the saved team picture
    page.get_by_label("Onderdeel", exact=True).first.select_option("bonding")
    page.get_by_label("Eerste stap").first.fill("Kennismakingsavond")
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar het groepsbeeld (zonder antwoorden)").click()
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert doc["mode"] == "team"
    assert doc["actieplan"] == [
        {"part": "bonding", "stap": "Kennismakingsavond", "wie": "", "wanneer": ""}
    ]


# --- the action plan on the scan page ------------------------------------------------------------


@pytest.mark.site
def test_actieplan_is_saved_exported_printed_and_shown_next_round(browser, site):
    bank = BANKS["duurzaamheidsscan"]
    first = synthetic.generate("duurzaamheidsscan", n_orgs=1, seed=9)
    context = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    page = context.new_page()
    log = watch(page)
    page.goto((site / SCAN_PAGE).as_uri())
    page.wait_for_selector(READY_SELECTOR)
    page.get_by_label("Open een bestand").set_input_files(
        files=[as_upload("ronde1.json", json.dumps(first[0]["export"]).encode())]
    )
    page.get_by_label("Onderdeel", exact=True).first.select_option("vastgoed")
    page.get_by_label("Eerste stap").first.fill("Gesprek met de corporatie")
    page.get_by_label("Wie zet die stap?").first.fill("De penningmeester")
    page.get_by_label("Wanneer is die stap gezet?").first.fill("1 maart")
    with page.expect_download() as info:
        page.get_by_role("button", name="Bewaar als bestand").click()
    saved = Path(info.value.path()).read_bytes()
    plan = [
        {
            "part": "vastgoed",
            "stap": "Gesprek met de corporatie",
            "wie": "De penningmeester",
            "wanneer": "1 maart",
        }
    ]
    assert parse_export(saved, bank).meta["actieplan"] == plan  # Python reads it too
    page.reload()
    page.wait_for_selector(READY_SELECTOR)
    assert page.get_by_label("Eerste stap").first.input_value() == "Gesprek met de corporatie"
    page.emulate_media(media="print")
    assert page.locator(".wka input").first.is_visible()  # the plan is on the result sheet
    assert not page.locator(".wkc").is_visible()  # the code box is not
    page.emulate_media(media="screen")
    # the next round: the second round's answers, compared with the first round's file
    second = synthetic.generate("duurzaamheidsscan", n_orgs=1, seed=9)[1]["export"]
    page.get_by_label("Open een bestand").set_input_files(
        files=[as_upload("ronde2.json", json.dumps(second).encode())]
    )
    page.get_by_role("button", name="Vervangen").click()
    page.get_by_label("Vergelijk met een eerder bestand").set_input_files(
        files=[as_upload("ronde1.json", saved)]
    )
    row = page.locator('[data-actieplan-earlier="vastgoed"]')
    row.wait_for()
    before = score(bank, parse_export(saved, bank).answers).part_score("vastgoed")
    now = score(bank, parse_export(json.dumps(second), bank).answers).part_score("vastgoed")
    cells = row.locator("td").all_inner_texts()
    assert cells[:3] == ["Gesprek met de corporatie", "De penningmeester", "1 maart"]
    assert cells[3:5] == [str(round_half_up(before)), str(round_half_up(now))]
    assert log.problems() == []
    context.close()


@pytest.mark.site
def test_group_page_works_with_the_keyboard_only(page, site):
    """Tab to the mode, the file picker, the codes and the button; Enter draws the picture."""
    bank = BANKS["duurzaamheidsscan"]
    people = synthetic.generate("duurzaamheidsscan", n_orgs=5, rounds=["ronde-1"], seed=7)
    codes = [encode(bank, p["export"]["answers"]) for p in people]
    open_group(page, site)
    page.locator("[data-wijkcoop-groep] input[type=radio]").first.focus()
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.type || document.activeElement.tagName"))
        if seen[-1] == "textarea":
            break
    assert seen[:2] == ["file", "textarea"]
    page.keyboard.type("\n".join(codes))
    before = ready_count(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Toon het groepsbeeld"
    page.keyboard.press("Enter")
    redrawn(page, before)
    assert "5 tellen mee" in page.locator(".wkg-summary").inner_text()


@pytest.mark.site
def test_the_scan_page_opens_a_code_and_refuses_a_typo(browser, site):
    bank = BANKS["duurzaamheidsscan"]
    answers = synthetic.generate("duurzaamheidsscan", n_orgs=1, rounds=["ronde-1"], seed=2)[0]
    code = encode(bank, answers["export"]["answers"])
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    log = watch(page)
    page.goto((site / SCAN_PAGE).as_uri())
    page.wait_for_selector(READY_SELECTOR)
    field = page.get_by_label("Heb je een code gekregen? Plak hem hier")
    typo = code[:45] + ("Z" if code[45] != "Z" else "Y") + code[46:]
    field.fill(typo)
    page.get_by_role("button", name="Open de code").click()
    assert page.locator(".wkc-alert").inner_text() == (
        MESSAGES["code-checksum"] + " " + MESSAGES["code-unchanged"]
    )
    assert page.get_by_label("Code van je antwoorden").input_value() == encode(bank, {})
    field.fill(code.lower())
    page.get_by_role("button", name="Open de code").click()
    page.wait_for_function("document.querySelector('.wkc-code').value.length > 60")
    assert page.get_by_label("Code van je antwoorden").input_value() == code
    assert "Code ingelezen" in page.locator(".wks-status").inner_text()
    assert log.problems() == []
    context.close()
