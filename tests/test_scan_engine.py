"""The scan engine: bank checks, scoring rules, shared test vectors, properties."""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scan_fixtures import TWO_SIDED
from tests.scan_reference import build
from wijkcoop import data
from wijkcoop.scan import BankError, compare, load_bank, load_bank_path, score
from wijkcoop.scan.bank import check

BANK = load_bank("duurzaamheidsscan")
LIKERT = [i["id"] for i in BANK.items if i["type"] == "likert"]
VECTORS = data.load("scan-test-vectors-duurzaamheidsscan")


def assert_close(expected, actual, path="") -> None:
    if isinstance(expected, dict):
        assert set(expected) == set(actual), path
        for k in expected:
            assert_close(expected[k], actual[k], f"{path}.{k}")
    elif isinstance(expected, list):
        assert expected == actual, path
    elif expected is None or actual is None:
        assert expected is actual, f"{path}: {expected!r} != {actual!r}"
    else:
        assert abs(expected - actual) <= 1e-9, f"{path}: {expected!r} != {actual!r}"


# --- the bank -------------------------------------------------------------------------------


def test_bank_size_and_coverage():
    assert 30 <= len(BANK.items) <= 64
    short = BANK.items_for(short=True)
    assert 10 <= len(short) <= 14
    # the short version touches every condition
    assert {BANK.condition_of_part[i["part"]] for i in short} == {c["id"] for c in BANK.conditions}
    parts = {p for c in BANK.conditions for p in (x["id"] for x in c["parts"])}
    assert parts == {
        "bonding", "bridging", "linking", "mobiliseren", "allianties", "kansen",
        "vastgoed", "diensten", "externe-financiering", "spreiding",
        "steun-financieel", "steun-opdrachtgever", "steun-vastgoed", "steun-netwerk",
        "steun-uitvoering", "verbindingsofficier",
    }  # fmt: skip
    numbers = [i for i in BANK.items if i["type"] == "number"]
    assert {i["id"] for i in numbers} >= {"ink-subsidie", "ink-betaler-gemeente"}


def test_every_part_links_to_its_book_section():
    for cond in BANK.conditions:
        assert cond["book_ref"].startswith("duurzaam-")
        for part in cond["parts"]:
            assert part["book_ref"].startswith("duurzaam-")
            for ref in part.get("see_also", []):
                assert ref.startswith("aandeslag-")


def test_inconsistent_banks_are_refused():
    raw = copy.deepcopy(BANK.raw)
    raw["items"][1]["id"] = raw["items"][0]["id"]
    raw["items"][2]["part"] = "bestaat-niet"
    with pytest.raises(BankError) as exc:
        check(raw, "x.yaml")
    assert f"duplicate item id '{BANK.items[0]['id']}'" in str(exc.value)
    assert "part 'bestaat-niet' does not exist" in str(exc.value)


def test_negative_amounts_in_a_derive_group_are_refused():
    raw = copy.deepcopy(BANK.raw)
    item = next(i for i in raw["items"] if i.get("derive"))
    item["min"] = -100
    with pytest.raises(BankError, match=f"item '{item['id']}': an amount with derive needs min"):
        check(raw)


def test_income_measures_are_the_finance_measures():
    """Subsidy share and Herfindahl of the scan equal wijkcoop.finance on the same amounts."""
    from wijkcoop import finance

    income = [i["id"] for i in BANK.items if i.get("derive") == "inkomsten"]
    for amounts in ([1000, 0, 250.5, 3, 0, 7], [0] * len(income), [0.1, 0.2, 0.3, 0, 0, 0]):
        answers = dict(zip(income, amounts, strict=True))
        got = score(BANK, answers).derived
        assert got["herfindahl"] == finance.herfindahl(amounts)
        assert got["subsidie-aandeel"] == finance.subsidy_share(
            {"subsidie" if k == "ink-subsidie" else k: v for k, v in answers.items()}
        )


def test_the_bank_says_which_answers_its_derived_measures_read():
    """The worked example ({scan-voorbeeld} :income:) shows these; no id is typed in code."""
    inputs = BANK.derived_inputs()
    assert "ink-betaler-gemeente" in inputs  # a payer, counted in the spread over payers
    assert {i["id"] for i in BANK.items if i.get("derive") == "inkomsten"} <= set(inputs)
    assert not {i["id"] for i in BANK.items if i["type"] == "likert"} & set(inputs)
    assert BANK.derived_conditions() == ["verdienmodel"]  # spreiding, externe-financiering
    raw = copy.deepcopy(BANK.raw)
    raw["derived"] = [d for d in raw["derived"] if d["id"] == "inkomsten-totaal"]
    bare = check(raw)
    assert "ink-betaler-gemeente" not in bare.derived_inputs()
    assert bare.derived_conditions() == []


def test_migration_that_renames_to_nothing_is_refused():
    raw = copy.deepcopy(BANK.raw)
    raw["migrations"] = [{"from": "0.1.0", "renamed": {"oud": "nergens"}}]
    with pytest.raises(BankError, match="unknown item 'nergens'"):
        check(raw)


def test_relatiespiegel_bank_if_present_is_consistent():
    """The second bank (maintained elsewhere) loads through the same engine."""
    if "scan-relatiespiegel" not in data.manifest():
        path = data.data_dir() / "scan" / "relatiespiegel.yaml"
        bank = load_bank_path(path)
    else:
        bank = load_bank("relatiespiegel")
    assert bank.two_sided
    result = score(bank, {}, role=bank.roles[0])
    assert all(v is None for v in result.to_dict()["conditions"].values())


# --- scoring rules ---------------------------------------------------------------------------


def test_likert_scores_by_hand():
    r = score(BANK, {"sk-bonding-4": 4, "sk-bonding-2": 2, "sk-bonding-3": 5})
    # 75, 25 and reversed 5 -> 0: mean 33.33...
    assert r.part_score("bonding") == pytest.approx(100 / 3)
    assert r.condition_score("sociaal-kapitaal") == pytest.approx(100 / 3)
    row = r.parts.loc["bonding"]
    assert (row.n_items, row.n_answered, row.n_unknown, row.n_na, row.n_missing) == (4, 3, 0, 0, 1)


def test_unknown_is_left_out_but_counted_and_becomes_a_finding():
    r = score(BANK, {"sk-bonding-2": 5, "sk-bonding-4": "?", "sk-bonding-3": "?"})
    assert r.part_score("bonding") == 100
    assert r.parts.loc["bonding"].n_unknown == 2
    assert "weinig-bekend:bonding" in r.findings
    assert r.completeness == pytest.approx(3 / len(BANK.items))


def test_condition_weighs_parts_equally():
    r = score(BANK, {"sk-bonding-2": 5, "sk-bridging-6": 5, "sk-bridging-2": 1, "sk-linking-1": 3})
    assert r.condition_score("sociaal-kapitaal") == pytest.approx((100 + 0 + 50) / 3)


def test_income_measures_by_hand():
    income = {
        "ink-vastgoed": 10_000,
        "ink-opdrachten-gemeente": 20_000,
        "ink-diensten-overig": 0,
        "ink-subsidie": 50_000,
        "ink-fondsen": 20_000,
        "ink-overig": 0,
        "ink-betaler-gemeente": 60_000,
        "ink-betaler-grootste": 20_000,
        "ink-betaler-tweede": 10_000,
        "ink-betaler-rest": 10_000,
    }
    r = score(BANK, income)
    d = r.derived
    assert d["inkomsten-totaal"] == 100_000
    assert d["subsidie-aandeel"] == pytest.approx(0.5)
    assert d["externe-financiering-aandeel"] == pytest.approx(0.7)  # subsidy + funds
    assert d["herfindahl"] == pytest.approx(0.01 + 0.04 + 0.25 + 0.04)
    assert d["herfindahl-betalers"] == pytest.approx(0.36 + 0.04 + 0.01 + 0.01)
    assert d["gemeente-aandeel"] == pytest.approx(0.6)
    # external 0.7 is "bad" -> 0; payers' Herfindahl 0.42 between 0.3 and 0.7 -> 70
    assert r.part_score("externe-financiering") == pytest.approx(0)
    assert r.part_score("spreiding") == pytest.approx(70)


def test_zero_income_gives_null_and_a_finding_not_an_error():
    zero = {i["id"]: 0 for i in BANK.items if i.get("derive")}
    r = score(BANK, zero)
    assert r.derived["inkomsten-totaal"] == 0
    assert r.derived["subsidie-aandeel"] is None
    assert r.derived["herfindahl"] is None
    assert "inkomsten-nul:inkomsten" in r.findings


def test_invalid_answers_raise_for_developers():
    with pytest.raises(ValueError, match="unknown item"):
        score(BANK, {"nope": 3})
    with pytest.raises(ValueError, match="not valid"):
        score(BANK, {"sk-bonding-2": 6})
    for text in ("3", "", "drie"):  # a number is given as a number; text is "?" or "nvt"
        with pytest.raises(ValueError, match="not valid"):
            score(BANK, {"sk-bonding-2": text})
    with pytest.raises(ValueError, match="not valid"):
        score(BANK, {"sk-bonding-2": True})


def test_an_unknown_part_or_condition_id_is_a_clear_error():
    r = score(BANK, {"sk-bonding-2": 2})
    assert r.part_score("bonding") == 25.0
    with pytest.raises(KeyError, match="has no part 'bestaat-niet'; its parts are"):
        r.part_score("bestaat-niet")
    with pytest.raises(KeyError, match="has no condition 'bonding'"):
        r.condition_score("bonding")  # a part's id is not a condition's


def test_weakest_parts_are_the_lowest_scored():
    r = score(BANK, {"sk-bonding-2": 2, "sk-bridging-2": 1, "ld-kansen-4": 5, "gm-verbinding-4": 3})
    assert r.weakest(2) == ["bridging", "bonding"]


def test_compare_gives_change_per_part():
    now = score(BANK, {"sk-bonding-2": 5})
    before = score(BANK, {"sk-bonding-2": 3, "sk-bridging-2": 2})
    diff = compare(now, before).set_index("id")
    assert diff.loc["bonding", "verschil"] == pytest.approx(50)
    # bridging was answered before but not now: no change can be computed
    assert pd.isna(diff.loc["bridging", "verschil"])
    assert diff.loc["bridging", "eerder"] == pytest.approx(25)


# --- shared test vectors ----------------------------------------------------------------------


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["name"])
def test_python_engine_matches_test_vectors(case):
    result = score(BANK, case["answers"], role=case.get("role"), short=case.get("short", False))
    assert_close(case["expected"], result.to_dict(), case["name"])


def test_vectors_are_current_with_the_bank():
    """The stored vectors equal what the exact reference implementation gives now."""
    fresh = json.loads(json.dumps(build("duurzaamheidsscan")))
    assert fresh["bank_version"] == BANK.version
    assert [c["name"] for c in fresh["cases"]] == [c["name"] for c in VECTORS["cases"]]
    for stored, new in zip(VECTORS["cases"], fresh["cases"], strict=True):
        assert stored["answers"] == new["answers"]
        assert_close(new["expected"], stored["expected"], stored["name"])


def test_vectors_cover_the_required_edge_cases():
    names = {c["name"] for c in VECTORS["cases"]}
    assert {"leeg", "alles-weet-ik-niet", "half-beantwoord", "alles-1", "alles-5"} <= names
    assert {"nul-inkomsten", "korte-versie"} <= names


# --- two-sided banks ------------------------------------------------------------------------


def test_two_sided_bank_scores_per_role():
    bank = load_bank_path(TWO_SIDED)
    answers = {"t-bereikbaar-1": 5, "t-afspraken-1": 3, "t-afspraken-gemeente": 1}
    coop = score(
        bank, {k: v for k, v in answers.items() if k != "t-afspraken-gemeente"}, "cooperatie"
    )
    gem = score(bank, answers, role="gemeente")
    assert coop.part_score("afspraken") == 50
    assert gem.part_score("afspraken") == 25  # the gemeente-only item counts for gemeente
    assert coop.parts.loc["afspraken"].n_items == 1
    assert gem.parts.loc["afspraken"].n_items == 2
    gap = compare(gem, coop).set_index("id")
    assert gap.loc["geld", "verschil"] == pytest.approx(-25)
    assert bank.text(bank.items_by_id["t-vertrouwen-1"]["statement"], "gemeente").startswith(
        "We vertrouwen de coöperatie"
    )
    with pytest.raises(ValueError, match="role"):
        score(bank, {}, role="wethouder")


# --- properties -----------------------------------------------------------------------------

likert_value = st.sampled_from([1, 2, 3, 4, 5, "?"])
answers_st = st.dictionaries(st.sampled_from(LIKERT), likert_value, max_size=len(LIKERT))
income_st = st.one_of(st.just("?"), st.floats(min_value=0, max_value=1e8), st.integers(0, 10**8))


@settings(max_examples=150, deadline=None)
@given(answers_st, st.dictionaries(st.sampled_from(
    [i["id"] for i in BANK.items if i.get("derive")]), income_st))  # fmt: skip
def test_scores_stay_between_0_and_100(answers, income):
    r = score(BANK, {**answers, **income}).to_dict()
    for group in ("parts", "conditions"):
        for v in r[group].values():
            assert v is None or -1e-9 <= v <= 100 + 1e-9
    assert 0 <= r["completeness"] <= 1


@settings(max_examples=150, deadline=None)
@given(answers_st, st.sampled_from(LIKERT))
def test_agreeing_more_never_lowers_the_part_score_unless_reversed(answers, item_id):
    item = BANK.items_by_id[item_id]
    base = answers.get(item_id)
    if base in (None, "?", 5):
        return
    higher = {**answers, item_id: base + 1}
    a = score(BANK, answers).part_score(item["part"])
    b = score(BANK, higher).part_score(item["part"])
    if item["reverse"]:
        assert b <= a + 1e-9
    else:
        assert b >= a - 1e-9


@settings(max_examples=150, deadline=None)
@given(answers_st, st.sampled_from(LIKERT))
def test_weet_ik_niet_never_changes_a_score(answers, item_id):
    without = {k: v for k, v in answers.items() if k != item_id}
    a = score(BANK, without).to_dict()
    b = score(BANK, {**without, item_id: "?"}).to_dict()
    assert a["parts"] == b["parts"]
    assert a["conditions"] == b["conditions"]


# --- one engine: many rows at once, "niet van toepassing" ---------------------------------


def test_score_many_reproduces_every_test_vector_in_one_call():
    from wijkcoop.scan.scoring import score_many

    for bank_id in ("duurzaamheidsscan", "relatiespiegel"):
        bank = load_bank(bank_id)
        vectors = data.load(f"scan-test-vectors-{bank_id}")
        groups: dict = {}
        for case in vectors["cases"]:
            groups.setdefault((case.get("role"), case.get("short", False)), []).append(case)
        for (role, short), cases in groups.items():
            table = score_many(bank, pd.DataFrame([c["answers"] for c in cases]), role, short)
            for i, case in enumerate(cases):
                assert_close(case["expected"], table.row(i).to_dict(), case["name"])


def test_score_many_refuses_a_bad_value_and_names_the_row():
    from wijkcoop.scan.scoring import score_many

    with pytest.raises(
        ValueError, match=r"answer 7 is not valid for item 'sk-bonding-2' \(row 1\)"
    ):
        score_many(BANK, [{"sk-bonding-2": 3}, {"sk-bonding-2": 7}])
    with pytest.raises(ValueError, match="nvt"):
        score_many(BANK, [{"sk-bonding-2": "nvt"}])  # no allow_na on this item
    with pytest.raises(ValueError, match="unknown items"):
        score_many(BANK, [{"bestaat-niet": 3}])


def _na_bank():
    """The current bank with "niet van toepassing" allowed on every item of two parts."""
    raw = copy.deepcopy(BANK.raw)
    raw["scale"]["not_applicable"] = {"value": "nvt", "label": "Niet van toepassing"}
    for item in raw["items"]:
        if item["part"] in ("vastgoed", "bonding") and item["type"] == "likert":
            item["allow_na"] = True
    return check(raw, "na.yaml"), raw


def test_nvt_is_left_out_and_is_not_a_knowledge_gap():
    from tests.scan_reference import nvt_cases, reference_score

    bank, raw = _na_bank()
    bonding = [i["id"] for i in bank.items if i["part"] == "bonding"]
    cases = [answers for _, answers, _ in nvt_cases(raw)]
    # one nvt, one "?" out of the bonding items: "?" is half of the items that apply
    cases.append({bonding[0]: "nvt", bonding[1]: "?", **{b: 4 for b in bonding[2:]}})
    for answers in cases:
        got = score(bank, answers)
        assert_close(reference_score(raw, answers), got.to_dict())
    all_na = score(bank, {i: "nvt" for i in bonding})
    assert all_na.part_score("bonding") is None
    assert "niet-van-toepassing:bonding" in all_na.findings
    assert "weinig-bekend:bonding" not in all_na.findings
    row = all_na.parts.loc["bonding"]
    assert (row["n_na"], row["n_unknown"], row["n_items"]) == (len(bonding), 0, len(bonding))
    assert all_na.completeness == pytest.approx(len(bonding) / len(bank.items))


def test_nvt_cases_enter_the_vectors_when_the_bank_allows_nvt():
    from tests.scan_reference import nvt_cases

    _, raw = _na_bank()
    names = [name for name, _, _ in nvt_cases(raw)]
    assert names == ["nvt-waar-het-kan", "nvt-en-weet-ik-niet", "nvt-een-keer", "nvt-alleen"]
    has_na = any(i.get("allow_na") for i in BANK.items)
    vector_names = {c["name"] for c in VECTORS["cases"]}
    assert set(names) <= vector_names if has_na else not set(names) & vector_names


def test_every_archived_case_imports_into_the_current_bank_with_a_report():
    import json

    from wijkcoop.scan import parse_export

    for bank_id in ("duurzaamheidsscan", "relatiespiegel"):
        bank = load_bank(bank_id)
        old = data.load(f"scan-test-vectors-{bank_id}-1.0.0")
        assert data.load(f"scan-{bank_id}-1.0.0")["version"] == old["bank_version"] == "1.0.0"
        for case in old["cases"]:
            doc = {
                "format": "wijkcoop-scan-export",
                "format_version": 1,
                "bank_id": bank_id,
                "bank_version": "1.0.0",
                "role": case.get("role"),
                "answers": case["answers"],
            }
            got = parse_export(json.dumps(doc), bank)
            report = got.meta["migration"]
            if bank.version == "1.0.0":
                assert report == []
                assert got.answers == case["answers"]
                continue
            assert [e["from"] for e in report] == list(case["answers"]), case["name"]
            landed = {t for e in report for t in e["to"]}
            assert set(got.answers) == landed
            assert landed <= set(bank.items_by_id)
            score(bank, got.answers, role=case.get("role"))  # and they score


def test_compare_shows_the_difference_of_the_rounded_scores():
    """Issue 10.8: 31 vs 26 showed "+4" (the exact 30.6 - 26.4 rounded); it must show +5."""
    from wijkcoop.scan.scoring import round_half_up

    now = score(BANK, {"sk-bonding-2": 4})
    before = score(BANK, {"sk-bonding-2": 2})
    now.part_rows[0]["score"], before.part_rows[0]["score"] = 30.6, 26.4
    row = compare(now, before).iloc[0]
    assert (round_half_up(row["nu"]), round_half_up(row["eerder"])) == (31, 26)
    assert row["verschil"] == pytest.approx(4.2)
    assert row["verschil_getoond"] == 5
    assert [round_half_up(x) for x in (0.5, 1.5, 2.5, -0.5, -2.5, 62.49)] == [1, 2, 3, 0, -2, 62]
    # nu min eerder: the other way round the sign turns, the size stays
    assert compare(before, now).iloc[0]["verschil_getoond"] == -5
