"""Property tests: invariants of the impact calculation that must hold for any valid input."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkcoop import finance, impact
from wijkcoop.impact import Input, Model, Outcome
from wijkcoop.impact.model import profile

fraction = st.floats(0, 1, allow_nan=False)
rate = st.floats(0, 0.2, allow_nan=False)

# random models have tiny adjustments on purpose; the 0.25-for-25% warning is tested elsewhere
pytestmark = pytest.mark.filterwarnings("ignore::wijkcoop.impact.model.ImpactWarning")


@st.composite
def outcomes(draw, oid="a"):
    return Outcome(
        oid,
        oid.upper(),
        quantity=draw(st.floats(0, 1000, allow_nan=False)),
        proxy=draw(st.floats(0, 50_000, allow_nan=False)),
        deadweight=draw(fraction),
        displacement=draw(fraction),
        attribution=draw(fraction),
        drop_off=draw(fraction),
        duration=draw(st.integers(0, 10)),
    )


@st.composite
def models(draw):
    k = draw(st.integers(1, 4))
    outs = tuple(draw(outcomes(f"o{i}")) for i in range(k))
    amount = draw(st.floats(1, 1e6, allow_nan=False))
    return Model(
        inputs=(Input("i", "I", amount, "x"),),
        outcomes=outs,
        rate=draw(rate),
        discount_first_year=draw(st.booleans()),
    )


settings.register_profile("impact", max_examples=150, deadline=None)
settings.load_profile("impact")


@pytest.mark.parametrize("adjustment", ["deadweight", "displacement", "attribution", "drop_off"])
@given(m=models(), a=fraction, b=fraction)
def test_more_of_an_adjustment_never_raises_the_value(adjustment, m, a, b):
    lo, hi = sorted((a, b))
    oid = m.outcomes[0].id
    pv_lo = impact.evaluate(m.with_outcome(oid, **{adjustment: lo})).pv
    pv_hi = impact.evaluate(m.with_outcome(oid, **{adjustment: hi})).pv
    assert pv_hi <= pv_lo * (1 + 1e-12) + 1e-9


@given(m=models(), a=rate, b=rate)
def test_a_higher_rate_never_raises_the_value(m, a, b):
    lo, hi = sorted((a, b))
    assert impact.evaluate(m, hi).pv <= impact.evaluate(m, lo).pv * (1 + 1e-12) + 1e-9


@given(m=models())
def test_zero_rate_equals_the_plain_sum(m):
    matrix, _ = profile(m.outcomes)
    assert impact.evaluate(m, 0).pv == pytest.approx(float(matrix.sum()), rel=1e-12, abs=1e-9)


@given(m=models(), extra=st.integers(0, 5))
def test_a_longer_duration_never_lowers_the_value(m, extra):
    o = m.outcomes[0]
    longer = m.with_outcome(o.id, duration=o.duration + extra)
    assert impact.evaluate(longer).pv >= impact.evaluate(m).pv * (1 - 1e-12) - 1e-9


@given(m=models(), k=st.floats(0, 10, allow_nan=False))
def test_value_scales_linearly_with_quantity(m, k):
    o = m.outcomes[0]
    base = impact.evaluate(m).pv_by_outcome[o.id]
    scaled = impact.evaluate(m.with_outcome(o.id, quantity=o.quantity * k)).pv_by_outcome[o.id]
    assert scaled == pytest.approx(base * k, rel=1e-9, abs=1e-6)


@given(m=models())
def test_undiscounted_first_year_is_worth_at_least_as_much(m):
    early = replace(m, discount_first_year=False)
    late = replace(m, discount_first_year=True)
    assert impact.evaluate(early).pv >= impact.evaluate(late).pv * (1 - 1e-12) - 1e-9


@given(m=models())
def test_npv_and_ratios_are_consistent(m):
    res = impact.evaluate(m)
    assert res.pv >= 0
    assert res.npv == pytest.approx(res.pv - res.inputs_total)
    assert res.ratio == pytest.approx(res.pv / res.inputs_total)
    assert res.net_ratio == pytest.approx(res.ratio - 1, rel=1e-9, abs=1e-9)
    assert sum(res.pv_by_outcome.values()) == pytest.approx(res.pv)


@given(m=models(), param=st.sampled_from(["quantity", "proxy", "deadweight", "attribution"]))
def test_a_linear_break_even_gives_ratio_one(m, param):
    oid = m.outcomes[0].id
    be = impact.break_even(m, oid, param)
    if be.status == "ok":
        moved = m.with_outcome(oid, **{param: be.value})
        assert impact.evaluate(moved).ratio == pytest.approx(1, rel=1e-7)
    elif be.status == "robust":
        rest = impact.evaluate(m).pv - impact.evaluate(m).pv_by_outcome[oid]
        assert rest >= m.total_inputs


@given(m=models())
def test_monte_carlo_without_ranges_is_constant(m):
    mc = impact.monte_carlo(m, n=20)
    assert np.allclose(mc.pv, impact.evaluate(m).pv, rtol=1e-9, atol=1e-6)


@given(m=models())
def test_zero_shifts_change_nothing(m):
    assert impact.evaluate(impact.shifted(m)).pv == pytest.approx(impact.evaluate(m).pv)


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=12))
def test_herfindahl_lies_between_one_over_n_and_one(amounts):
    h = finance.herfindahl(amounts)
    if sum(amounts) == 0:
        assert h is None
        return
    positive = sum(1 for a in amounts if a > 0)
    assert 1 / positive - 1e-9 <= h <= 1 + 1e-9
    assert finance.herfindahl(list(reversed(amounts))) == pytest.approx(h)


@given(
    st.dictionaries(
        st.sampled_from(["subsidie", "fonds", "opdracht", "verkoop"]),
        st.floats(0, 1e6, allow_nan=False),
        min_size=1,
    )
)
def test_shares_are_between_zero_and_one(by_kind):
    s = finance.subsidy_share(by_kind)
    largest = finance.largest_share(by_kind)
    if sum(by_kind.values()) == 0:
        assert s is None
        assert largest is None
    else:
        assert 0 <= s <= 1
        assert 0 < largest[1] <= 1
        assert largest[1] >= s - 1e-12 or largest[0] != "subsidie"
