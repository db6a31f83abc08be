"""Sensitivity of the SROI result: one at a time, scenarios, break-even and Monte Carlo.

Break-even follows ``research/impact-methods.md`` section 4.7. For a parameter that enters
outcome *i* as a factor (quantity, proxy, 1 - deadweight, 1 - displacement, 1 - attribution)
the required multiplier on that outcome is ``m* = (I - PV_-i) / PV_i``; then
``Q* = m* Q`` (same for the proxy) and ``DW* = 1 - m* (1 - DW)`` (same for DS and AT).
Drop-off, duration and the discount rate are solved numerically (bisection) over their range.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from wijkcoop.impact.checks import MAX_HORIZON
from wijkcoop.impact.model import (
    LINEAR_PARAMETERS,
    PARAMETERS,
    ImpactParameterError,
    Model,
    _need_inputs,
    base_ratio,
    discount_factors,
    evaluate,
    is_number,
    year_profile,
)

#: For each parameter: does a higher value raise the social value?
RAISES_VALUE = {
    "quantity": True,
    "proxy": True,
    "deadweight": False,
    "displacement": False,
    "attribution": False,
    "drop_off": False,
    "duration": True,
}
MAX_DURATION = MAX_HORIZON

#: Dutch words for the break-even status, shown in the book.
STATUS_TEXT = {
    "ok": "omslagpunt",
    "robust": "blijft boven 1 : 1",
    "unreachable": "haalt 1 : 1 nooit",
    "beyond": f"pas na meer dan {MAX_HORIZON} jaar",
}


def raises_value(outcome, param: str) -> bool:
    """Whether a higher value of ``param`` raises the social value (reversed for a harm)."""
    if param == "proxy":
        return True
    return RAISES_VALUE[param] != outcome.harm


TORNADO_COLUMNS = [
    "outcome",
    "naam",
    "parameter",
    "laag",
    "centraal",
    "hoog",
    "ratio_laag",
    "ratio_hoog",
]


def social_ratio(model: Model) -> float:
    """The SROI ratio of a model (the default measure of :func:`one_at_a_time`)."""
    return evaluate(model).ratio


def one_at_a_time(
    model: Model,
    ratio: Callable[[Model], float | None] = social_ratio,
    extra: Iterable[tuple] = (),
) -> pd.DataFrame:
    """Tornado data: ``ratio`` at the low and the high end of each range, all else central.

    ``ratio`` measures a model (by default the social SROI ratio; the gemeente's business case
    passes its cash ratio); ``extra`` adds rows in :data:`TORNADO_COLUMNS` order for ranges
    outside the model (such as the BUIG share). Rows are sorted by swing (largest first);
    parameters without a range, and rows that do not move the ratio, are left out.
    """
    rows = list(extra)
    for o in model.outcomes:
        for param in PARAMETERS:
            low, high = model.range_of(o.id, param)
            if low == high:
                continue
            r_low = ratio(model.with_outcome(o.id, **{param: low}))
            r_high = ratio(model.with_outcome(o.id, **{param: high}))
            rows.append((o.id, o.name, param, low, getattr(o, param), high, r_low, r_high))
    if model.rate_range is not None and model.rate_range[0] != model.rate_range[1]:
        low, high = model.rate_range
        rows.append(
            (
                "",
                "alle uitkomsten",
                "rate",
                low,
                model.rate,
                high,
                ratio(model.with_rate(low)),
                ratio(model.with_rate(high)),
            )
        )
    df = pd.DataFrame(rows, columns=TORNADO_COLUMNS)
    df["ratio_centraal"] = ratio(model)
    df["swing"] = (df["ratio_hoog"] - df["ratio_laag"]).abs()
    df = df[df["swing"] > 0]
    return df.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def scenario_model(model: Model, which: str) -> Model:
    """The pessimistic, central or optimistic model: every range at its worst or best end."""
    if which == "centraal":
        return model
    if which not in ("pessimistisch", "optimistisch"):
        raise ImpactParameterError(
            f"scenario must be 'pessimistisch', 'centraal' or 'optimistisch', got {which!r}"
        )
    best = which == "optimistisch"
    outcomes = []
    for o in model.outcomes:
        changes: dict[str, Any] = {}
        for param in PARAMETERS:
            low, high = model.range_of(o.id, param)
            changes[param] = high if raises_value(o, param) == best else low
        outcomes.append(replace(o, **changes))
    rate = model.rate
    if model.rate_range is not None:
        rate = model.rate_range[0] if best else model.rate_range[1]
    return replace(model, outcomes=tuple(outcomes), rate=rate, ranges={}, rate_range=None)


def scenarios(model: Model) -> pd.DataFrame:
    """PV, NPV and ratio in the pessimistic, central and optimistic scenario."""
    rows = []
    for which in ("pessimistisch", "centraal", "optimistisch"):
        res = evaluate(scenario_model(model, which))
        rows.append((which, res.rate, res.pv, res.npv, res.ratio))
    return pd.DataFrame(rows, columns=["scenario", "rate", "pv", "npv", "ratio"])


@dataclass(frozen=True)
class BreakEven:
    """The value of one parameter at which the ratio is exactly 1 : 1 (PV = I).

    ``status`` is ``"ok"`` (``value`` is the break-even value), ``"robust"`` (no value of this
    parameter alone brings the ratio down to 1 : 1), ``"unreachable"`` (no value of this
    parameter alone lifts the ratio up to 1 : 1) or ``"beyond"`` (a duration longer than the
    model's limit of :data:`MAX_HORIZON` years would reach 1 : 1; ``value`` is then that limit).
    """

    outcome: str
    parameter: str
    central: float
    value: float | None
    status: str
    multiplier: float | None = None  # m*, for the linear parameters

    @property
    def change_pct(self) -> float | None:
        """Change from the central value to break-even, in percent of the central value."""
        if self.value is None or self.central == 0:
            return None
        return (self.value - self.central) / self.central * 100


def _linear_break_even(model: Model, oid: str, param: str) -> BreakEven:
    res = evaluate(model)
    pv_i = res.pv_by_outcome[oid]
    pv_rest = res.pv - pv_i
    need = res.inputs_total - pv_rest
    central = getattr(model.outcome(oid), param)
    if pv_i == 0:
        return BreakEven(oid, param, central, None, "robust" if need <= 0 else "unreachable")
    m = need / pv_i
    if m < 0:  # a benefit the others already cover, or a harm too small to matter
        return BreakEven(oid, param, central, None, "robust" if need <= 0 else "unreachable")
    if not math.isfinite(m):  # PV_i so small that no finite change is enough
        return BreakEven(oid, param, central, None, "unreachable")
    if param in ("quantity", "proxy"):
        if not math.isfinite(m * central):
            return BreakEven(oid, param, central, None, "unreachable", m)
        return BreakEven(oid, param, central, m * central, "ok", m)
    value = 1 - m * (1 - central)
    if value < 0:  # even 0% is not enough: out of reach for a benefit, harmless for a harm
        return BreakEven(oid, param, central, None, "robust" if pv_i < 0 else "unreachable", m)
    return BreakEven(oid, param, central, value, "ok", m)


def _bisect(f, lo: float, hi: float, tol: float = 1e-10) -> float:
    """Root of a monotone function with a sign change on [lo, hi]."""
    f_lo = f(lo)
    for _ in range(200):
        mid = (lo + hi) / 2
        f_mid = f(mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
        if hi - lo < tol:
            break
    return (lo + hi) / 2


def _nonlinear_break_even(model: Model, oid: str, param: str) -> BreakEven:
    I = model.total_inputs  # noqa: E741 (the symbol of the method)
    central = getattr(model.outcome(oid), param)
    if param == "duration":
        for d in range(0, MAX_DURATION + 1):
            if evaluate(model.with_outcome(oid, duration=d)).pv >= I:
                if d == 0:
                    return BreakEven(oid, param, central, None, "robust")
                return BreakEven(oid, param, central, float(d), "ok")
        if _pv_without_end(model, oid) >= I:
            return BreakEven(oid, param, central, float(MAX_DURATION), "beyond")
        return BreakEven(oid, param, central, None, "unreachable")

    if param == "deadweight":  # cumulative or on a larger base: deadweight is not linear

        def gap_dw(x: float) -> float:  # decreasing in deadweight for a benefit
            return evaluate(model.with_outcome(oid, deadweight=x)).pv - I

        return _solve(gap_dw, oid, param, central)

    def gap(x: float) -> float:  # decreasing in drop-off
        return evaluate(model.with_outcome(oid, drop_off=x)).pv - I

    return _solve(gap, oid, param, central)


def _solve(gap, oid: str, param: str, central: float) -> BreakEven:
    """Break-even of a parameter on [0, 1] in either direction (a harm reverses it)."""
    lo, hi = gap(0.0), gap(1.0)
    if lo >= 0 and hi >= 0:
        return BreakEven(oid, param, central, None, "robust")
    if lo < 0 and hi < 0:
        return BreakEven(oid, param, central, None, "unreachable")
    return BreakEven(oid, param, central, _bisect(gap, 0.0, 1.0), "ok")


def _quantity_break_even(model: Model, oid: str) -> BreakEven:
    """Break-even of a quantity whose deadweight is stated for a larger group (not linear).

    More people reaching the outcome raise its value (fewer of them would have got there
    anyway), so the gap is increasing in the quantity; search up to a thousand times the base.
    """
    I = model.total_inputs  # noqa: E741
    o = model.outcome(oid)

    def gap(x: float) -> float:
        return evaluate(model.with_outcome(oid, quantity=x)).pv - I

    if o.harm:
        return _solve(lambda x: gap(x * 1000 * max(o.base or 1, 1)), oid, "quantity", o.quantity)
    if gap(0.0) >= 0:
        return BreakEven(oid, "quantity", o.quantity, None, "robust")
    hi = 1000.0 * max(o.base or 1.0, o.quantity, 1.0)
    if gap(hi) < 0:
        return BreakEven(oid, "quantity", o.quantity, None, "unreachable")
    return BreakEven(oid, "quantity", o.quantity, _bisect(gap, 0.0, hi), "ok")


def _pv_without_end(model: Model, oid: str) -> float:
    """PV if outcome ``oid`` lasted for ever (infinite if it never fades).

    A constant yearly factor (no base) gives a geometric series; with a base the share that
    would have happened anyway reaches 1 in finite time, so a long finite sum is exact enough.
    """
    res = evaluate(model)
    o = model.outcome(oid)
    rest = res.pv - res.pv_by_outcome[oid]
    first = 1 / (1 + model.rate) if model.discount_first_year else 1.0
    if o.base is None:
        keep = 1 - o.drop_off
        if o.counterfactual == "cumulatief":
            keep *= 1 - o.deadweight
        q = keep / (1 + model.rate)
        if q >= 1:
            return math.inf if o.year1 > 0 else rest
        return rest + o.year1 * first / (1 - q)
    long = replace(o, duration=MAX_HORIZON)
    years = np.arange(1, 20 * MAX_HORIZON + 1)
    a = {
        "quantity": long.quantity,
        "proxy": long.proxy,
        "deadweight": long.deadweight,
        "displacement": long.displacement,
        "attribution": long.attribution,
        "drop_off": long.drop_off,
        "duration": len(years),
        "cumulative": long.counterfactual == "cumulatief",
        "base_ratio_": float(base_ratio(long.base, long.quantity)),
    }
    per_year = year_profile(**a, years=years)
    return rest + float(per_year @ discount_factors(years, model.rate, model.discount_first_year))


def break_even_rate(model: Model) -> BreakEven:
    """The discount rate at which PV = I (PV falls as the rate rises)."""
    _need_inputs(model.total_inputs, "break-even")
    I = model.total_inputs  # noqa: E741

    def gap(r: float) -> float:
        return evaluate(model, r).pv - I

    if gap(1.0) >= 0:
        return BreakEven("", "rate", model.rate, None, "robust")
    if gap(0.0) < 0:
        return BreakEven("", "rate", model.rate, None, "unreachable")
    return BreakEven("", "rate", model.rate, _bisect(gap, 0.0, 1.0), "ok")


def break_even(model: Model, oid: str, param: str) -> BreakEven:
    """Break-even value of one parameter of one outcome (all else central)."""
    o = model.outcome(oid)  # raises KeyError for an unknown outcome
    _need_inputs(model.total_inputs, "break-even")
    if param == "deadweight" and (o.counterfactual == "cumulatief" or o.base is not None):
        return _nonlinear_break_even(model, oid, param)
    if param == "quantity" and o.base is not None:
        return _quantity_break_even(model, oid)
    if param in LINEAR_PARAMETERS:
        return _linear_break_even(model, oid, param)
    if param in ("drop_off", "duration"):
        return _nonlinear_break_even(model, oid, param)
    raise ImpactParameterError(f"unknown parameter {param!r}; expected one of {PARAMETERS}")


def cannot_break(model: Model, table: pd.DataFrame | None = None) -> list[str]:
    """Outcomes that on their own cannot bring the ratio below 1 : 1, whatever their values.

    Computed from the break-evens: an outcome is listed only when every one of its parameters
    has status ``robust`` (no value of it brings the ratio to 1 : 1). An outcome with a
    break-even anywhere, however far from its central value, is not listed: the book never
    says of it that it "cannot" push the ratio below 1 : 1.
    """
    table = break_even_table(model) if table is None else table
    rows = table[table["outcome"] != ""]
    robust = rows.groupby("outcome", sort=False)["status"].agg(lambda s: set(s) == {"robust"})
    return [o.id for o in model.outcomes if bool(robust.get(o.id, False))]


def break_even_all_proxies(model: Model) -> float:
    """The common multiplier on every proxy at which the ratio is 1 : 1 (``1 / ratio``)."""
    ratio = evaluate(model).ratio
    if ratio <= 0:
        raise ImpactParameterError("no common proxy multiplier: the present value is not > 0")
    return 1 / ratio


def break_even_table(model: Model) -> pd.DataFrame:
    """Break-even of every parameter of every outcome plus the discount rate."""
    rows = []
    for o in model.outcomes:
        for param in PARAMETERS:
            be = break_even(model, o.id, param)
            rows.append((o.id, o.name, param, be.central, be.value, be.change_pct, be.status))
    be = break_even_rate(model)
    rows.append(("", "alle uitkomsten", "rate", be.central, be.value, be.change_pct, be.status))
    return pd.DataFrame(
        rows,
        columns=[
            "outcome",
            "naam",
            "parameter",
            "centraal",
            "break_even",
            "verandering_pct",
            "status",
        ],
    )


# ---------------------------------------------------------------- Monte Carlo


def triangular(rng: np.random.Generator, low, mode, high, size: int) -> np.ndarray:
    """Triangular draws by the inverse CDF; a zero-width range gives the constant value."""
    u = rng.random((size, *np.shape(np.asarray(mode))))
    return triangular_from(u, low, mode, high)


def triangular_from(u, low, mode, high) -> np.ndarray:
    """The triangular inverse CDF at uniforms ``u`` (so that several parameters can share them)."""
    low, mode, high = (np.asarray(x, dtype=float) for x in (low, mode, high))
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    c = (mode - low) / safe
    left = low + np.sqrt(u * safe * (mode - low))
    right = high - np.sqrt((1 - u) * safe * (high - mode))
    draws = np.where(u < c, left, right)
    return np.where(width > 0, draws, mode)


#: Parameters drawn together for outcomes about the same people (``Outcome.same_people``):
#: how many, how much would have happened anyway, displacement, attribution, fading and
#: duration. The proxies measure different things and stay independent.
SHARED_PARAMETERS = (
    "quantity",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "duration",
)


def _leads(model: Model) -> list[int]:
    """For each outcome the index of the outcome whose draws it shares (itself if none)."""
    index = {o.id: k for k, o in enumerate(model.outcomes)}
    leads = []
    for o in model.outcomes:
        k = index[o.id]
        seen = {o.id}
        while (nxt := model.outcomes[k].same_people) is not None:
            if nxt in seen:
                raise ImpactParameterError(f"outcome {o.id!r}: same_people runs in a circle")
            seen.add(nxt)
            k = index[nxt]
        leads.append(k)
    return leads


@dataclass(frozen=True)
class MonteCarlo:
    """Draws of PV and ratio; each parameter from a triangular distribution over its range.

    Outcomes about the same people share their draws (:data:`SHARED_PARAMETERS`); every other
    parameter is drawn independently. The shares below describe the draws within the assumed
    ranges, not a probability about the world.
    """

    pv: np.ndarray
    ratio: np.ndarray
    inputs_total: float

    def quantiles(self, qs=(0.05, 0.5, 0.95)) -> dict[float, float]:
        """The ratio at the given quantiles."""
        return {q: float(np.quantile(self.ratio, q)) for q in qs}

    @property
    def share_below_one(self) -> float:
        """Share of draws (within the assumed ranges) where the ratio is below 1 : 1."""
        return float(np.mean(self.ratio < 1))


def monte_carlo(model: Model, n: int = 10_000, seed: int = 2019, shared: bool = True) -> MonteCarlo:
    """Vectorised Monte Carlo over every range in the model (and the rate range).

    ``shared=False`` draws every parameter independently, also for outcomes about the same
    people (to show what sharing changes).
    """
    if not is_number(n) or n != int(n) or n < 1:
        raise ImpactParameterError(f"n must be a whole number >= 1, got {n!r}")
    if model.total_inputs <= 0:
        raise ImpactParameterError("the SROI ratio needs total inputs > 0, got 0")
    n = int(n)
    rng = np.random.default_rng(seed)
    outs = model.outcomes
    leads = _leads(model) if shared else list(range(len(outs)))

    def draw(param: str) -> np.ndarray:
        lows = [model.range_of(o.id, param)[0] for o in outs]
        highs = [model.range_of(o.id, param)[1] for o in outs]
        modes = [getattr(o, param) for o in outs]
        u = rng.random((n, len(outs)))
        if param in SHARED_PARAMETERS:
            u = u[:, leads]
        return triangular_from(u, lows, modes, highs)

    q, p = draw("quantity"), draw("proxy")
    dw, ds, at = draw("deadweight"), draw("displacement"), draw("attribution")
    do = draw("drop_off")
    dur = np.rint(draw("duration")).astype(int)
    if model.rate_range is not None:
        rate = triangular(rng, model.rate_range[0], model.rate, model.rate_range[1], n)
    else:
        rate = np.full(n, model.rate)
    cumulative = np.array([o.counterfactual == "cumulatief" for o in outs])
    ratio_base = (
        np.stack([base_ratio(o.base, q[:, k]) for k, o in enumerate(outs)], axis=1)
        if outs
        else np.ones((n, 0))
    )
    T = int(max(model.range_of(o.id, "duration")[1] for o in outs)) if outs else 0
    t = np.arange(1, T + 1)
    impact = year_profile(q, p, dw, ds, at, do, dur, cumulative, ratio_base, t)  # n x k x T
    disc = discount_factors(t, rate, model.discount_first_year)  # n x T
    pv = np.einsum("nkt,nt->n", impact, disc)
    return MonteCarlo(pv=pv, ratio=pv / model.total_inputs, inputs_total=model.total_inputs)
