"""Unit tests of the impact calculation with hand-computed cases (worked out in each docstring)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wijkcoop import impact
from wijkcoop.impact import ImpactParameterError, Input, Model, Outcome, arena, survey
from wijkcoop.impact.model import profile


def one_outcome_model(rate=0.10, first=True, inputs=1000.0):
    """Q=10, P=100, DW=20%, DS=10%, AT=25%, DO=50%, D=3, I=1000."""
    o = Outcome(
        "a",
        "A",
        quantity=10,
        proxy=100,
        deadweight=0.2,
        displacement=0.1,
        attribution=0.25,
        drop_off=0.5,
        duration=3,
    )
    return Model(
        inputs=(Input("i", "I", inputs, "x"),), outcomes=(o,), rate=rate, discount_first_year=first
    )


def test_year1_and_drop_off_by_hand():
    """year 1 = 10 x 100 x 0.8 x 0.9 x 0.75 = 540; year 2 = 540 x 0.5 = 270; year 3 = 135;
    nothing after the duration of 3 years."""
    impact_matrix, years = profile(one_outcome_model().outcomes, horizon=5)
    assert years.tolist() == [1, 2, 3, 4, 5]
    assert impact_matrix[0].tolist() == pytest.approx([540, 270, 135, 0, 0])


def test_present_value_npv_ratio_by_hand():
    """PV = 540/1.1 + 270/1.1^2 + 135/1.1^3 = 490.909091 + 223.140496 + 101.427498
    = 815.477085; NPV = 815.477085 - 1000 = -184.522915; ratio 0.815477; net -0.184523."""
    res = impact.evaluate(one_outcome_model())
    assert res.pv == pytest.approx(815.4770849, abs=1e-6)
    assert res.npv == pytest.approx(-184.5229151, abs=1e-6)
    assert res.ratio == pytest.approx(0.8154770849, abs=1e-9)
    assert res.net_ratio == pytest.approx(-0.1845229151, abs=1e-9)


def test_first_year_undiscounted_convention():
    """Year 1 not discounted: PV = 540 + 270/1.1 + 135/1.21 = 540 + 245.454545 + 111.570248."""
    res = impact.evaluate(one_outcome_model(first=False))
    assert res.pv == pytest.approx(897.0247934, abs=1e-6)


def test_rate_argument_overrides_model_rate():
    """At r = 0 the PV is the plain sum 540 + 270 + 135 = 945."""
    assert impact.evaluate(one_outcome_model(), rate=0).pv == pytest.approx(945)


def test_payback_by_hand():
    """Year 1: 1000 / (540 / 12) = 22.2222 months. Average of 540, 270, 135 = 315:
    1000 / (315 / 12) = 38.0952. Discounted year 1: 1000 / (490.909091 / 12) = 24.4444."""
    res = impact.evaluate(one_outcome_model())
    assert res.payback_months() == pytest.approx(22.2222222, abs=1e-6)
    assert res.payback_months("average") == pytest.approx(38.0952381, abs=1e-6)
    assert res.payback_months("year1", discounted=True) == pytest.approx(24.4444444, abs=1e-6)


def test_payback_without_impact_is_infinite():
    o = Outcome("a", "A", quantity=0, proxy=100, duration=2)
    res = impact.evaluate(Model(inputs=(Input("i", "I", 10, "x"),), outcomes=(o,)))
    assert math.isinf(res.payback_months())


def two_outcomes(inputs=1200.0, rate=0.0):
    """A: 10 x 100 = 1000, B: 5 x 100 = 500, one year each, no adjustments: PV = 1500."""
    a = Outcome("a", "A", quantity=10, proxy=100, duration=1)
    b = Outcome("b", "B", quantity=5, proxy=100, duration=1)
    return Model(inputs=(Input("i", "I", inputs, "x"),), outcomes=(a, b), rate=rate)


def test_linear_break_even_by_hand():
    """I = 1200, PV_a = 1000, PV_-a = 500: m* = (1200 - 500) / 1000 = 0.7, so Q* = 7,
    P* = 70 (-30%) and DW* = 1 - 0.7 x (1 - 0) = 0.3. For b: m* = (1200 - 1000) / 500 = 0.4."""
    m = two_outcomes()
    q = impact.break_even(m, "a", "quantity")
    assert (q.status, q.value, q.multiplier) == ("ok", pytest.approx(7), pytest.approx(0.7))
    assert q.change_pct == pytest.approx(-30)
    assert impact.break_even(m, "a", "proxy").value == pytest.approx(70)
    assert impact.break_even(m, "a", "deadweight").value == pytest.approx(0.3)
    assert impact.break_even(m, "a", "attribution").value == pytest.approx(0.3)
    assert impact.break_even(m, "b", "quantity").value == pytest.approx(2)
    assert impact.break_even_all_proxies(m) == pytest.approx(1200 / 1500)


def test_break_even_robust_and_unreachable():
    """I = 900: the other outcome (1000) covers I alone, so b is robust. I = 2000: for a,
    m* = (2000 - 500) / 1000 = 1.5 and DW* = 1 - 1.5 = -0.5 < 0: unreachable by DW alone."""
    assert impact.break_even(two_outcomes(900), "b", "quantity").status == "robust"
    be = impact.break_even(two_outcomes(2000), "a", "deadweight")
    assert be.status == "unreachable"
    assert be.value is None
    # but a larger quantity can still get there: Q* = 1.5 x 10 = 15
    assert impact.break_even(two_outcomes(2000), "a", "quantity").value == pytest.approx(15)


def test_nonlinear_break_even_by_hand():
    """Rate: 110 / (1 + r) = 100 gives r = 0.1. Drop-off: 100 + 100 (1 - DO) = 150 gives
    DO = 0.5. Duration: 100 x D >= 250 first holds at D = 3."""
    i100 = (Input("i", "I", 100, "x"),)
    m = Model(inputs=i100, outcomes=(Outcome("a", "A", quantity=1, proxy=110, duration=1),))
    assert impact.break_even_rate(m).value == pytest.approx(0.1, abs=1e-8)
    m = Model(
        inputs=(Input("i", "I", 150, "x"),),
        outcomes=(Outcome("a", "A", quantity=1, proxy=100, duration=2, drop_off=0.2),),
        rate=0,
    )
    assert impact.break_even(m, "a", "drop_off").value == pytest.approx(0.5, abs=1e-8)
    m = Model(
        inputs=(Input("i", "I", 250, "x"),),
        outcomes=(Outcome("a", "A", quantity=1, proxy=100, duration=5),),
        rate=0,
    )
    assert impact.break_even(m, "a", "duration").value == 3


def test_break_even_values_give_ratio_one_on_the_example():
    case_model = impact.loader.load_model()
    table = impact.break_even_table(case_model)
    ok = table[table["status"] == "ok"]
    assert len(ok) >= 5
    for row in ok.itertuples():
        if row.parameter == "rate":
            ratio = impact.evaluate(case_model, row.break_even).ratio
        elif row.parameter == "duration":
            continue  # whole years: checked in test_nonlinear_break_even_by_hand
        else:
            ratio = impact.evaluate(
                case_model.with_outcome(row.outcome, **{row.parameter: row.break_even})
            ).ratio
        assert ratio == pytest.approx(1, abs=1e-7), row


def test_one_at_a_time_brackets_the_central_ratio():
    m = impact.loader.load_model()
    tornado = impact.one_at_a_time(m)
    central = impact.evaluate(m).ratio
    assert (tornado["swing"].diff().dropna() <= 1e-12).all()  # sorted, largest first
    lo = tornado[["ratio_laag", "ratio_hoog"]].min(axis=1)
    hi = tornado[["ratio_laag", "ratio_hoog"]].max(axis=1)
    assert (lo <= central + 1e-12).all()
    assert (hi >= central - 1e-12).all()
    assert "rate" in set(tornado["parameter"])


def test_scenarios_are_ordered_and_central_matches():
    m = impact.loader.load_model()
    sc = impact.scenarios(m).set_index("scenario")
    assert sc.loc["pessimistisch", "ratio"] < sc.loc["centraal", "ratio"]
    assert sc.loc["centraal", "ratio"] < sc.loc["optimistisch", "ratio"]
    assert sc.loc["centraal", "pv"] == pytest.approx(impact.evaluate(m).pv)
    with pytest.raises(ImpactParameterError, match="scenario must be"):
        impact.scenario_model(m, "heel optimistisch")


def test_monte_carlo_stays_within_the_scenarios():
    """Every draw lies between the pessimistic and the optimistic scenario."""
    m = impact.loader.load_model()
    mc = impact.monte_carlo(m, n=2000, seed=1)
    sc = impact.scenarios(m).set_index("scenario")["ratio"]
    assert mc.ratio.shape == (2000,)
    assert mc.ratio.min() >= sc["pessimistisch"] - 1e-9
    assert mc.ratio.max() <= sc["optimistisch"] + 1e-9
    q = mc.quantiles()
    assert q[0.05] < impact.evaluate(m).ratio < q[0.95]
    again = impact.monte_carlo(m, n=2000, seed=1)
    assert np.array_equal(mc.ratio, again.ratio)  # reproducible with a seed


def test_monte_carlo_without_ranges_is_the_point_estimate():
    m = one_outcome_model()
    mc = impact.monte_carlo(m, n=50)
    assert np.allclose(mc.pv, impact.evaluate(m).pv)
    assert mc.share_below_one == 1.0


def test_distribution_by_hand():
    """Inputs: budget A pays 600, fonds 400. Outcome PV 1000 (r = 0) goes 75% to budget B
    and 25% to bewoners. Balances: A -600, fonds -400, B +750, bewoners +250."""
    o = Outcome(
        "x",
        "X",
        quantity=1,
        proxy=1000,
        duration=1,
        beneficiaries={"budget-b": 0.75, "bewoners": 0.25},
    )
    m = Model(
        inputs=(Input("a", "A", 600, "budget-a"), Input("f", "F", 400, "fonds")),
        outcomes=(o,),
        rate=0,
    )
    d = arena.distribution(m).set_index("belanghebbende")
    assert d["saldo"].to_dict() == {
        "budget-a": -600,
        "fonds": -400,
        "budget-b": 750,
        "bewoners": 250,
    }
    groups = {
        "budget-a": "Gemeente",
        "budget-b": "Gemeente",
        "fonds": "Fondsen",
        "bewoners": "Bewoners",
    }
    g = arena.by_group(d.reset_index(), groups).set_index("groep")
    assert g.loc["Gemeente", "saldo"] == 150
    wp = arena.wrong_pockets(d.reset_index())
    assert set(wp["belanghebbende"]) == {"budget-a", "fonds", "budget-b", "bewoners"}
    with pytest.raises(ImpactParameterError, match="no group given"):
        arena.by_group(d.reset_index(), {"budget-a": "Gemeente"})


def test_distribution_adds_up_on_the_example():
    m = impact.loader.load_model()
    d = arena.distribution(m)
    res = impact.evaluate(m)
    assert d["investeert"].sum() == pytest.approx(res.inputs_total)
    assert d["profiteert"].sum() == pytest.approx(res.pv)


def test_shifted_model_by_hand():
    """+10 points deadweight on the one-outcome model: 10 x 100 x 0.7 x 0.9 x 0.75 = 472.5
    in year 1 (r = 0: 472.5 + 236.25 + 118.125 = 826.875). Zero shifts change nothing."""
    m = one_outcome_model(rate=0)
    assert impact.evaluate(impact.shifted(m, deadweight=0.1)).pv == pytest.approx(826.875)
    assert impact.evaluate(impact.shifted(m)).pv == pytest.approx(impact.evaluate(m).pv)
    # clipped to 0-1: a shift of -0.5 leaves deadweight at 0, not -0.3
    assert impact.shifted(m, deadweight=-0.5).outcomes[0].deadweight == 0
    assert impact.evaluate(impact.shifted(m, proxy_scale=2)).pv == pytest.approx(1890)


def test_wellby_by_hand():
    """0.5 point x 13,000 x 10 persons x 2 years = 130,000. With DW 20%, AT 25%, DO 50%:
    year 1 = 65,000 x 0.8 x 0.75 = 39,000; year 2 = 19,500; total 58,500."""
    assert survey.wellby_value(0.5, 10, 2) == pytest.approx(130_000)
    assert survey.wellby_value(
        0.5, 10, 2, deadweight=0.2, attribution=0.25, drop_off=0.5
    ) == pytest.approx(58_500)


def test_survey_change_by_hand():
    """Three respondents 5->6, 6->8, 7->7 and one without 'na': n = 3, before 6, after 7,
    change (1 + 2 + 0) / 3 = 1."""
    rows = [
        {"respondent": "a", "moment": "voor", "ls": 5},
        {"respondent": "a", "moment": "na", "ls": 6},
        {"respondent": "b", "moment": "voor", "ls": 6},
        {"respondent": "b", "moment": "na", "ls": 8},
        {"respondent": "c", "moment": "voor", "ls": 7},
        {"respondent": "c", "moment": "na", "ls": 7},
        {"respondent": "d", "moment": "voor", "ls": 9},
    ]
    ch = survey.change(rows, "ls", scale=(0, 10))
    assert (ch.n, ch.before, ch.after, ch.change) == (3, 6, 7, 1)
    # three pairs are too few for an interval: no verdict, and the book says so
    assert ch.too_small
    assert ch.low is None
    assert not ch.clearly_positive
    assert ch.verdict.startswith("te weinig antwoorden")


def test_survey_t_interval_by_hand():
    """Differences 1, 2, 0, 1, 1: mean 1, sd sqrt(0.5), t(4) = 2.776:
    1 +- 2.776 * 0.7071 / sqrt(5) = 1 +- 0.8779."""
    diffs = [1, 2, 0, 1, 1]
    rows = []
    for i, d in enumerate(diffs):
        rows += [
            {"respondent": f"r{i}", "moment": "voor", "ls": 5},
            {"respondent": f"r{i}", "moment": "na", "ls": 5 + d},
        ]
    ch = survey.change(rows, "ls", scale=(0, 10))
    half = 2.776 * (0.5**0.5) / 5**0.5
    assert ch.low == pytest.approx(1 - half)
    assert ch.high == pytest.approx(1 + half)
    assert ch.clearly_positive
    assert ch.verdict == "duidelijk beter"


def test_income_measures_by_hand():
    """Herfindahl of 60/30/10: 0.36 + 0.09 + 0.01 = 0.46; of 50/50: 0.5; one source: 1.
    Subsidy 25 of 100 = 0.25. Largest payer 60 of 100. Zero income gives None everywhere."""
    from wijkcoop import finance

    assert finance.herfindahl([60, 30, 10]) == pytest.approx(0.46)
    assert finance.herfindahl([50, 50]) == pytest.approx(0.5)
    assert finance.herfindahl([7]) == 1
    assert finance.herfindahl([0, 0]) is None
    assert finance.subsidy_share({"subsidie": 25, "opdracht": 75}) == 0.25
    assert finance.largest_share({"Gemeente": 60, "Fonds": 40}) == ("Gemeente", 0.6)
    assert finance.largest_share({"Gemeente": 0}) is None
    rows = [
        {"jaar": 2023, "bron": "a", "soort": "subsidie", "betaler": "G", "bedrag": 30},
        {"jaar": 2023, "bron": "b", "soort": "opdracht", "betaler": "G", "bedrag": 50},
        {"jaar": 2023, "bron": "c", "soort": "fonds", "betaler": "F", "bedrag": 20},
    ]
    mix = finance.income_mix(rows).iloc[0]
    # shares 0.3, 0.5, 0.2: 0.09 + 0.25 + 0.04 = 0.38; external = subsidie + fonds = 0.5
    assert mix["herfindahl"] == pytest.approx(0.38)
    assert mix["subsidieaandeel"] == pytest.approx(0.3)
    assert mix["extern_aandeel"] == pytest.approx(0.5)
    assert (mix["grootste_betaler"], mix["aandeel_grootste_betaler"]) == ("G", pytest.approx(0.8))
