"""Issue 12.9/12.10 and 9.4: nonsense refused clearly, the display right, one formula.

Each test reproduces a finding from the outside review (found by calling the package)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from wijkcoop import data, finance, impact
from wijkcoop.impact import (
    ImpactParameterError,
    Input,
    Model,
    Outcome,
    arena,
    figures,
    lenses,
    sensitivity,
    survey,
)
from wijkcoop.impact.model import (
    ImpactWarning,
    cumulative_payback,
    discount_factors,
    profile,
    year_profile,
)


def one(**kw) -> Model:
    o = Outcome("a", "A", quantity=kw.pop("quantity", 10), proxy=kw.pop("proxy", 100), **kw)
    return Model(inputs=(Input("i", "I", 500, "p"),), outcomes=(o,))


# ------------------------------------------------------------------ 12.9


def test_numpy_numbers_are_numbers():
    o = Outcome(
        "a",
        "A",
        quantity=np.int64(5),
        proxy=np.float64(10.5),
        duration=np.int64(2),
        deadweight=np.float32(0.25),
    )
    assert o.year1 == pytest.approx(5 * 10.5 * 0.75)
    assert impact.pct(np.int64(25)) == 0.25
    assert impact.monte_carlo(one(), n=np.int64(10)).pv.shape == (10,)


def test_numpy_bool_is_not_a_number():
    with pytest.raises(ImpactParameterError, match="quantity must be a number, got"):
        Outcome("a", "A", quantity=np.bool_(True), proxy=1)


@pytest.mark.parametrize("value", ["nee", "ja", 0, 1, None])
def test_discount_first_year_must_be_a_bool(value):
    o = Outcome("a", "A", quantity=1, proxy=1)
    with pytest.raises(ImpactParameterError, match=r"discount_first_year must be True or False"):
        Model(inputs=(), outcomes=(o,), discount_first_year=value)


def rows_for(pairs):
    out = []
    for i, (before, after) in enumerate(pairs):
        out += [
            {"respondent": f"r{i}", "moment": "voor", "ls": before},
            {"respondent": f"r{i}", "moment": "na", "ls": after},
        ]
    return out


@pytest.mark.parametrize("bad", [11, -1, 42])
def test_survey_answer_outside_the_scale(bad):
    rows = rows_for([(5, 6), (6, bad), (7, 7), (6, 7), (5, 5)])
    with pytest.raises(ImpactParameterError, match=rf"outside the scale 0-10: r1 \(na\): {bad}"):
        survey.change(rows, "ls", scale=(0, 10))


def test_survey_known_item_uses_its_scale():
    rows = [
        {"respondent": "a", "moment": "voor", "thuis": 3},
        {"respondent": "a", "moment": "na", "thuis": 7},
    ]
    with pytest.raises(ImpactParameterError, match="outside the scale 1-5"):
        survey.change(rows, "thuis")


def test_duplicated_respondent_is_a_clear_error():
    rows = [*rows_for([(5, 6), (6, 7)]), {"respondent": "r0", "moment": "na", "ls": 9}]
    with pytest.raises(ImpactParameterError, match=r"more than one answer.*r0 \(na\)"):
        survey.change(rows, "ls", scale=(0, 10))


INCOME = [
    {"jaar": 2023, "bron": "a", "soort": "subsidie", "betaler": "G", "bedrag": 30},
    {"jaar": 2023, "bron": "b", "soort": "opdracht", "betaler": "G", "bedrag": 70},
]


def test_nan_income_is_refused_not_counted_as_a_source():
    rows = [
        *INCOME,
        {"jaar": 2023, "bron": "c", "soort": "fonds", "betaler": "F", "bedrag": float("nan")},
    ]
    with pytest.raises(ValueError, match=r"income row 2 \('c', 2023\): amount must be a number"):
        finance.income_mix(rows)
    assert finance.income_mix(INCOME).iloc[0]["aantal_bronnen"] == 2


def test_unknown_income_kind_is_refused():
    rows = [*INCOME, {"jaar": 2023, "bron": "c", "soort": "lening", "betaler": "B", "bedrag": 5}]
    with pytest.raises(ValueError, match=r"unknown kind 'lening'"):
        finance.income_mix(rows)


def test_warns_when_every_adjustment_is_below_one_percent():
    with pytest.warns(ImpactWarning, match=r"25% is 0.25"):
        one(deadweight=0.0025, attribution=0.003)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one(deadweight=0.25, attribution=0.003)  # one real percentage: no warning
        one()  # no adjustments at all: nothing to misread


def test_break_even_duration_beyond_the_limit_is_said_properly():
    # 10 x 100 = 1,000 a year without drop-off or discounting: inputs of 60,000 are earned
    # back after 60 years, beyond the 50-year limit; that is not "never". With 50% drop-off
    # the outcome adds up to at most 2,000: then it is never.
    slow = Model(
        inputs=(Input("i", "I", 60_000, "p"),),
        outcomes=(Outcome("a", "A", quantity=10, proxy=100, drop_off=0.0, duration=5),),
        rate=0.0,
    )
    be = impact.break_even(slow, "a", "duration")
    assert be.status == "beyond"
    assert be.value == 50
    assert sensitivity.STATUS_TEXT["beyond"] == "pas na meer dan 50 jaar"
    never = slow.with_outcome("a", drop_off=0.5)
    assert impact.break_even(never, "a", "duration").status == "unreachable"


def test_zero_investment_has_no_payback_or_break_even():
    m = Model(inputs=(Input("i", "I", 0, "p"),), outcomes=(Outcome("a", "A", quantity=1, proxy=5),))
    res = impact.evaluate(m)
    for call in (
        res.payback_months,
        res.cumulative_payback_months,
        lambda: impact.break_even_table(m),
    ):
        with pytest.raises(ImpactParameterError, match="nothing to earn back"):
            call()


@pytest.mark.parametrize("years", [51, 100])
def test_a_horizon_beyond_fifty_years_is_refused(years):
    with pytest.raises(
        ImpactParameterError, match=rf"duration must be at most 50 years, got {years}"
    ):
        Outcome("a", "A", quantity=1, proxy=1, duration=years)
    with pytest.raises(ImpactParameterError, match="at most 50 years"):
        profile([], horizon=years)


def test_two_respondents_give_no_verdict():
    ch = survey.change(rows_for([(5, 7), (5, 7)]), "ls", scale=(0, 10))
    assert ch.too_small
    assert not ch.clearly_positive
    assert "te weinig" in ch.verdict
    assert "duidelijk beter" not in ch.verdict


def test_t_interval_holds_its_coverage_at_small_n():
    """Coverage by simulation, resampling the example's life-satisfaction changes: the t-interval
    stays near 95% at n = 8; the percentile bootstrap falls short (the review found 88%)."""
    wide = survey.paired(data.load("impact-enquete-welzijn"), "levenstevredenheid")
    pop = wide["verschil"].to_numpy()
    t_cov = survey.coverage(pop, 8, "t", reps=2000)
    boot_cov = survey.coverage(pop, 8, "bootstrap", reps=400)
    assert t_cov >= 0.925
    assert boot_cov < t_cov


# ------------------------------------------------------------------ 12.5 / 12.6


def test_cumulative_payback_with_drop_off_by_hand():
    """Inputs 150, impact 100 then 50: the first year pays 100, the rest comes at 50 a year,
    so 12 + 12 * 50 / 50 = 24 months; the simple formula says 18."""
    assert cumulative_payback(150, [100, 50]) == 24
    assert cumulative_payback(150, [100, 40]) == math.inf
    m = Model(
        inputs=(Input("i", "I", 150, "p"),),
        outcomes=(Outcome("a", "A", quantity=1, proxy=100, drop_off=0.5, duration=2),),
    )
    res = impact.evaluate(m)
    assert res.payback_months() == 18
    assert res.cumulative_payback_months() == 24


def test_transfers_never_count_as_value_and_add_up_to_zero():
    case = impact.load_case()
    res = impact.evaluate(case.model)
    assert res.transfers_pv["bijstand"] > 0
    dist = arena.distribution(case.model)
    assert dist["overdrachten"].sum() == pytest.approx(0, abs=1e-6)
    assert dist["profiteert"].sum() == pytest.approx(res.pv)
    soc = lenses.society(case)
    assert not soc.loc[soc["soort"] == "overdracht", "telt_mee"].any()
    counted = soc.loc[soc["telt_mee"], "contante_waarde"].sum()
    assert counted == pytest.approx(res.pv)


def test_fund_is_an_investor_not_a_wrong_pocket_and_harms_show_negative():
    case = impact.load_case()
    dist = arena.distribution(case.model)
    wp = arena.wrong_pockets(dist, case.investors)
    assert "fonds" in case.investors
    assert "fonds" not in set(wp["belanghebbende"])
    v = dist.set_index("belanghebbende")
    assert v.loc["schoonmaakbedrijven", "profiteert"] < 0
    assert v.loc["vrijwilligers", "investeert"] == 12_000
    assert v.loc["deelnemers", "investeert"] == 0
    assert v.loc["deelnemers", "saldo"] > 0


def test_business_case_counts_only_the_kept_part_of_bijstand():
    case = impact.load_case()
    full = lenses.business_case(case, 1.0)
    half = lenses.business_case(case, 0.5)
    bijstand = impact.evaluate(case.model).transfers_pv["bijstand"]
    assert full["savings"] - half["savings"] == pytest.approx(bijstand / 2)
    assert full["costs"] == half["costs"] == 50_000  # cash only
    assert full["costs_in_kind"] == 12_000  # the rent-free space is in kind, not cash


def test_cumulative_counterfactual_by_hand():
    """DW 23.4% a year: would-have-found-work shares 23.4%, 41.3%, 55.1% by year 1, 2, 3."""
    o = Outcome(
        "a", "A", quantity=1, proxy=1, deadweight=0.234, duration=3, counterfactual="cumulatief"
    )
    impact_, _ = profile([o])
    assert 1 - impact_[0] == pytest.approx([0.234, 1 - 0.766**2, 1 - 0.766**3])
    assert [round(1 - x, 3) for x in impact_[0]] == [0.234, 0.413, 0.551]


# ------------------------------------------------------------------ 9.4


def test_profile_and_discount_broadcast_over_draws():
    years = np.arange(1, 4)
    y1 = np.array([[10.0, 5.0], [20.0, 1.0]])  # draws x outcomes
    g = np.array([[0.5, 1.0], [1.0, 0.0]])
    d = np.array([[3, 2], [1, 3]])
    zeros = np.zeros_like(y1)
    p = year_profile(y1, 1.0, zeros, zeros, zeros, 1 - g, d, False, 1.0, years)
    assert p.shape == (2, 2, 3)
    assert p[0, 0].tolist() == [10, 5, 2.5]
    assert p[1, 1].tolist() == [1, 0, 0]
    disc = discount_factors(years, np.array([0.0, 0.1]))
    assert disc.shape == (2, 3)
    assert disc[1, 1] == pytest.approx(1 / 1.1**2)


def test_monte_carlo_without_ranges_equals_evaluate_for_a_cumulative_model():
    case = impact.load_case()
    central = impact.evaluate(case.model).pv
    bare = Model(
        inputs=case.model.inputs,
        outcomes=case.model.outcomes,
        rate=case.model.rate,
        transfers=case.model.transfers,
    )
    assert impact.monte_carlo(bare, n=3).pv == pytest.approx([central] * 3)


# ------------------------------------------------------------------ 12.10


def test_whatif_axis_grows_with_the_data():
    """The axis is the central range united with the data, so no setting can push a bar off
    it (the browser test drives 48 settings); at the central values every bar fits the range."""
    model = impact.load_model()
    spec = figures.whatif_chart(model).to_dict()
    x = spec["layer"][0]["encoding"]["x"]["scale"]
    lo, hi = figures.whatif_axis(model)
    assert x["domain"] == {"unionWith": [lo, hi]}
    pv = impact.evaluate(model).pv_by_outcome.values()
    assert lo <= min(pv)
    assert max(pv) <= hi


def test_whatif_sliders_include_quantity_and_duration():
    model = impact.load_model()
    assert {"quantity", "duur"} <= set(figures.WHATIF_SLIDERS)
    assert figures.whatif_result(model, quantity=50) == pytest.approx(
        impact.evaluate(impact.shifted(model, quantity_scale=0.5)).ratio
    )
    longer = figures.whatif_model(model, duur=2)
    assert [o.duration for o in longer.outcomes] == [
        o.duration + 2 if o.duration else 0 for o in model.outcomes
    ]


def test_percent_keeps_the_central_rate():
    assert figures.percent(0.0225) == "2,25%"
    assert figures.percent(0.234) == "23,4%"
    assert figures.percent(0.25) == "25%"
