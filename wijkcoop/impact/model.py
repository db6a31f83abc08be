"""The impact model: inputs, outcomes and the SROI-style calculation.

The formulas follow ``research/impact-methods.md`` section 4 exactly:

* impact in year *t* of outcome *i*:
  ``Q_i * P_i * (1 - DW_i[t]) * (1 - DS_i) * (1 - AT_i) * (1 - DO_i) ** (t - 1)`` for
  ``t = 1 .. D_i`` and 0 after ``D_i``;
* the share that would have happened anyway, ``DW_i[t]`` (:func:`counterfactual_share`): the
  deadweight itself for a fixed counterfactual; ``1 - (1 - DW) ** t`` for a cumulative one (a
  yearly chance); and when the chance is stated for a larger group (``base``, e.g. twelve
  participants of whom five found work) ``min(1, base * that / Q)`` (research §10);
* present value: ``PV = sum_t sum_i Impact[t, i] / (1 + r) ** t`` (discounting starts in year 1;
  ``discount_first_year=False`` leaves year 1 undiscounted, i.e. exponent ``t - 1``);
* ``NPV = PV - I``, ratio ``PV / I``, net ratio ``NPV / I``;
* payback in months ``I / (annual impact / 12)``, with the annual impact stated (year 1 or the
  average over the years with impact; discounted or not).

Adjustments (deadweight, displacement, attribution, drop-off) are fractions 0-1 in this module;
data files hold percentages 0-100 and :func:`pct` converts them. Inputs (``I``) include in-kind
support and volunteer time and fall at the start (year 0, not discounted).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from wijkcoop.impact.checks import (
    COUNTERFACTUALS,
    ImpactParameterError,
    ImpactWarning,
    check_bool,
    check_duration,
    check_fraction,
    check_nonnegative,
    check_number,
    check_rate,
    is_number,
)

#: The Dutch MKBA discount rate since 1 January 2021 (rwseconomie.nl/discontovoet).
MKBA_RATE = 0.0225
#: A higher rate shown beside it for comparison.
HIGH_RATE = 0.035

ADJUSTMENTS = ("deadweight", "displacement", "attribution", "drop_off")
LINEAR_PARAMETERS = ("quantity", "proxy", "deadweight", "displacement", "attribution")
NONLINEAR_PARAMETERS = ("drop_off", "duration")
PARAMETERS = (*LINEAR_PARAMETERS, *NONLINEAR_PARAMETERS)
INPUT_KINDS = ("geld", "in natura", "vrijwilligerstijd")

#: Evidence grades from strong to weak, with the Dutch explanation readers see.
EVIDENCE_GRADES: dict[str, str] = {
    "gemeten": "gemeten in de eigen registratie of enquête",
    "bron": "uit een gecontroleerde openbare bron",
    "schatting": "schatting uit een bron (tweedehands of een modeluitkomst)",
    "aanname": "aanname of vaste bandbreedte (rekenvoorbeeld)",
}


@dataclass(frozen=True)
class Input:
    """A resource put in: money, in-kind support (e.g. rent-free property) or volunteer time."""

    id: str
    name: str
    amount: float
    payer: str
    kind: str = "geld"

    def __post_init__(self) -> None:
        """Check the values (raises :class:`ImpactParameterError`)."""
        check_nonnegative(self.amount, "amount", f"input {self.id!r}")
        if self.kind not in INPUT_KINDS:
            raise ImpactParameterError(
                f"input {self.id!r}: kind must be one of {INPUT_KINDS}, got {self.kind!r}"
            )


@dataclass(frozen=True)
class Transfer:
    """Money that moves from one party to another because of an outcome (e.g. bijstand saved).

    A transfer changes who gains, not how much society gains: it is never counted in the
    present value (MKBA convention, research/impact-methods.md §9). It follows the number of
    people of ``outcome`` year by year (:func:`persons`: after deadweight, displacement and
    drop-off, never attribution, which shares out credit and moves no money): ``amount`` per
    person per year goes from ``payer``; ``receiver`` keeps ``share`` of it and ``remainder``
    (e.g. the Rijk, for a gemeente in the BUIG vangnet) gets the rest.
    """

    id: str
    name: str
    outcome: str
    amount: float
    payer: str
    receiver: str
    share: float = 1.0
    remainder: str | None = None

    def __post_init__(self) -> None:
        """Check the values (raises :class:`ImpactParameterError`)."""
        owner = f"transfer {self.id!r}"
        check_nonnegative(self.amount, "amount", owner)
        check_fraction(self.share, "share", owner)
        if self.share < 1 and self.remainder is None:
            raise ImpactParameterError(
                f"{owner}: the receiver keeps {self.share!r}; name who gets the rest (remainder)"
            )


def _warn_if_percent_slip(outcomes: Iterable[Outcome]) -> None:
    """Warn when every non-zero adjustment is below 1%: 0.25 was probably meant as 25%."""
    values = [
        getattr(o, adj) for o in outcomes for adj in ("deadweight", "displacement", "attribution")
    ]
    nonzero = [v for v in values if v > 0]
    if nonzero and max(nonzero) < 0.01:
        warnings.warn(
            "every deadweight, displacement and attribution is below 1% "
            f"(largest {max(nonzero)!r}); fractions are expected: 25% is 0.25, not 0.0025",
            ImpactWarning,
            stacklevel=3,
        )


def counterfactual_share(deadweight, cumulative, base_ratio, years):
    """``DW[t]``: the share of an outcome that would have happened anyway in year t.

    Works on scalars and arrays (``years`` is the last axis of the result). ``deadweight`` is
    the share (``vast``) or the yearly chance (``cumulatief``: ``1 - (1 - DW) ** t``);
    ``base_ratio`` is ``base / Q`` when the chance is stated for a larger group than the
    ``Q`` who reached the outcome (1 when it is stated for the same people), and the result is
    capped at 1. This is the single home of that rule.
    """
    dw = np.asarray(deadweight, dtype=float)[..., None]
    cum = np.asarray(cumulative)[..., None]
    ratio = np.asarray(base_ratio, dtype=float)[..., None]
    share = np.where(cum, 1 - np.power(1 - dw, years), dw * np.ones_like(years, dtype=float))
    return np.minimum(1.0, share * ratio)


def base_ratio(base, quantity):
    """``base / Q`` (1 when there is no base); infinite when nobody reached the outcome."""
    q = np.asarray(quantity, dtype=float)
    if base is None:
        return np.ones_like(q)
    b = np.asarray(base, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(q > 0, b / np.where(q > 0, q, 1.0), np.inf)


@dataclass(frozen=True)
class Outcome:
    """One outcome with its quantity, financial proxy and adjustments (fractions 0-1)."""

    id: str
    name: str
    quantity: float
    proxy: float
    deadweight: float = 0.0
    displacement: float = 0.0
    attribution: float = 0.0
    drop_off: float = 0.0
    duration: int = 1
    beneficiaries: Mapping[str, float] = field(default_factory=dict)
    counterfactual: str = "vast"
    #: the number of people the deadweight (a chance per person) applies to, when that is more
    #: than ``quantity`` (e.g. all twelve participants, of whom five found work); None: the same
    base: float | None = None
    #: id of an outcome about the same people: the Monte Carlo draws its ranges together with it
    same_people: str | None = None

    def __post_init__(self) -> None:
        """Check the values (raises :class:`ImpactParameterError`)."""
        owner = f"outcome {self.id!r}"
        check_nonnegative(self.quantity, "quantity", owner)
        check_number(self.proxy, "proxy", owner)
        if self.counterfactual not in COUNTERFACTUALS:
            raise ImpactParameterError(
                f"{owner}: counterfactual must be one of {COUNTERFACTUALS}, "
                f"got {self.counterfactual!r}"
            )
        for adj in ADJUSTMENTS:
            check_fraction(getattr(self, adj), adj, owner)
        if self.base is not None:
            check_nonnegative(self.base, "base", owner)
        object.__setattr__(self, "duration", check_duration(self.duration, owner))
        if self.beneficiaries:
            for who, share in self.beneficiaries.items():
                check_fraction(share, f"share of {who!r}", owner)
            total = sum(self.beneficiaries.values())
            if not math.isclose(total, 1.0, abs_tol=1e-9):
                raise ImpactParameterError(
                    f"{owner}: beneficiary shares must add up to 1 (100%), got {total!r}"
                )

    @property
    def year1(self) -> float:
        """Impact in year 1 after deadweight, displacement and attribution."""
        return float(
            self.quantity
            * self.proxy
            * (1 - self.anyway(np.array([1]))[0])
            * (1 - self.displacement)
            * (1 - self.attribution)
        )

    def anyway(self, years: np.ndarray) -> np.ndarray:
        """The share that would have happened anyway in each of ``years`` (``DW[t]``)."""
        return counterfactual_share(
            self.deadweight,
            self.counterfactual == "cumulatief",
            base_ratio(self.base, self.quantity),
            years,
        )

    @property
    def harm(self) -> bool:
        """A negative outcome (negative proxy): more of it lowers the social value."""
        return self.proxy < 0


@dataclass(frozen=True)
class Model:
    """Inputs and outcomes plus the discount rate and its convention.

    ``ranges`` maps ``(outcome_id, parameter)`` to ``(low, high)`` for the sensitivity analysis;
    ``rate_range`` is the range of the discount rate.
    """

    inputs: tuple[Input, ...]
    outcomes: tuple[Outcome, ...]
    rate: float = MKBA_RATE
    discount_first_year: bool = True
    ranges: Mapping[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    rate_range: tuple[float, float] | None = None
    name: str = ""
    transfers: tuple[Transfer, ...] = ()

    def __post_init__(self) -> None:
        """Check the values (raises :class:`ImpactParameterError`)."""
        object.__setattr__(self, "inputs", tuple(self.inputs))
        object.__setattr__(self, "outcomes", tuple(self.outcomes))
        object.__setattr__(self, "transfers", tuple(self.transfers))
        check_rate(self.rate)
        check_bool(self.discount_first_year, "discount_first_year")
        _warn_if_percent_slip(self.outcomes)
        ids = [o.id for o in self.outcomes]
        if len(set(ids)) != len(ids):
            raise ImpactParameterError(f"outcome ids must be unique, got {ids}")
        known = set(ids)
        for (oid, param), (low, high) in self.ranges.items():
            if oid not in known:
                raise ImpactParameterError(f"range for unknown outcome {oid!r}")
            if param not in PARAMETERS:
                raise ImpactParameterError(
                    f"outcome {oid!r}: range for unknown parameter {param!r}; "
                    f"expected one of {PARAMETERS}"
                )
            if low > high:
                raise ImpactParameterError(
                    f"outcome {oid!r}: range of {param} has low {low!r} above high {high!r}"
                )
            central = getattr(self.outcome(oid), param)
            if not low <= central <= high:
                raise ImpactParameterError(
                    f"outcome {oid!r}: central {param} {central!r} lies outside its range "
                    f"[{low!r}, {high!r}]"
                )
            # the ends of a range must be valid parameter values themselves
            for end in (low, high):
                end_change: dict[str, Any] = {param: end}
                replace(self.outcome(oid), **end_change)
        self._check_links(known)
        if self.rate_range is not None:
            low, high = self.rate_range
            check_rate(low)
            check_rate(high)
            if not low <= self.rate <= high:
                raise ImpactParameterError(
                    f"discount rate {self.rate!r} lies outside its range [{low!r}, {high!r}]"
                )

    def _check_links(self, known: set[str]) -> None:
        """Outcomes named by ``same_people`` and by transfers exist."""
        for o in self.outcomes:
            if o.same_people is not None and o.same_people not in known - {o.id}:
                raise ImpactParameterError(
                    f"outcome {o.id!r}: same_people names unknown outcome {o.same_people!r}"
                )
        for tr in self.transfers:
            if tr.outcome not in known:
                raise ImpactParameterError(
                    f"transfer {tr.id!r}: unknown outcome {tr.outcome!r}; known: {sorted(known)}"
                )

    def outcome(self, oid: str) -> Outcome:
        """The outcome with id ``oid``."""
        for o in self.outcomes:
            if o.id == oid:
                return o
        raise KeyError(f"no outcome {oid!r}; the model has {[o.id for o in self.outcomes]}")

    @property
    def total_inputs(self) -> float:
        """The sum of all inputs (``I``)."""
        return float(sum(i.amount for i in self.inputs))

    def range_of(self, oid: str, param: str) -> tuple[float, float]:
        """The (low, high) range of a parameter; the central value twice if none is given."""
        if (oid, param) in self.ranges:
            return self.ranges[(oid, param)]
        v = getattr(self.outcome(oid), param)
        return (v, v)

    def with_outcome(self, oid: str, **changes: Any) -> Model:
        """A copy with one outcome's parameters changed (validated again)."""
        outcomes = tuple(replace(o, **changes) if o.id == oid else o for o in self.outcomes)
        return replace(self, outcomes=outcomes, ranges={})

    def with_transfer_share(self, share: float) -> Model:
        """A copy in which every transfer's receiver keeps ``share`` (e.g. a BUIG variant)."""
        transfers = tuple(replace(tr, share=share) for tr in self.transfers)
        return replace(self, transfers=transfers)

    def with_rate(self, rate: float) -> Model:
        """A copy of the model with another discount rate."""
        return replace(self, rate=rate, ranges={}, rate_range=None)


def year_profile(
    quantity,
    proxy,
    deadweight,
    displacement,
    attribution,
    drop_off,
    duration,
    cumulative,
    base_ratio_,
    years: np.ndarray,
) -> np.ndarray:
    """Undiscounted impact per year (the formula in the module docstring).

    Broadcasts: every argument but ``years`` may be an array of one common shape (outcomes, or
    draws x outcomes); the result has that shape plus a last axis of years. ``0 ** 0 == 1``, so
    a drop-off of 100% keeps year 1 only.
    """
    q = np.asarray(quantity, dtype=float)[..., None]
    p = np.asarray(proxy, dtype=float)[..., None]
    ds = np.asarray(displacement, dtype=float)[..., None]
    at = np.asarray(attribution, dtype=float)[..., None]
    do = np.asarray(drop_off, dtype=float)[..., None]
    keep = years <= np.asarray(duration)[..., None]
    dw_t = counterfactual_share(deadweight, cumulative, base_ratio_, years)
    return q * p * (1 - dw_t) * (1 - ds) * (1 - at) * np.power(1 - do, years - 1) * keep


def _arrays(outcomes: tuple[Outcome, ...]) -> dict[str, np.ndarray]:
    return {
        "quantity": np.array([o.quantity for o in outcomes], dtype=float),
        "proxy": np.array([o.proxy for o in outcomes], dtype=float),
        "deadweight": np.array([o.deadweight for o in outcomes], dtype=float),
        "displacement": np.array([o.displacement for o in outcomes], dtype=float),
        "attribution": np.array([o.attribution for o in outcomes], dtype=float),
        "drop_off": np.array([o.drop_off for o in outcomes], dtype=float),
        "duration": np.array([o.duration for o in outcomes], dtype=int),
        "cumulative": np.array([o.counterfactual == "cumulatief" for o in outcomes]),
        "base_ratio_": np.array(
            [float(base_ratio(o.base, o.quantity)) for o in outcomes], dtype=float
        ),
    }


def profile(
    outcomes: Iterable[Outcome], horizon: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Undiscounted impact per outcome and year: (matrix ``k x T``, years ``1..T``)."""
    outcomes = tuple(outcomes)
    a = _arrays(outcomes)
    T = int(a["duration"].max(initial=0)) if horizon is None else check_duration(horizon, "horizon")
    t = np.arange(1, T + 1)
    return year_profile(**a, years=t), t


def persons(outcome: Outcome, years: np.ndarray) -> np.ndarray:
    """People per year behind an outcome, as a transfer follows them.

    ``Q * (1 - DW[t]) * (1 - DS) * (1 - DO) ** (t - 1)`` for ``t <= D``: the people who are
    there thanks to the project, without attribution (which shares out credit, not money).
    """
    a = _arrays((replace(outcome, proxy=1.0, attribution=0.0),))
    return year_profile(**a, years=years)[0]


def discount_factors(years: np.ndarray, rate, discount_first_year: bool = True):
    """``1 / (1 + r) ** t`` (or ``t - 1`` when year 1 is not discounted).

    ``rate`` is one rate (result: one factor per year) or an array of rates, one per draw
    (result: draws x years).
    """
    rates = np.asarray(rate, dtype=float)
    if rates.ndim == 0:
        check_rate(float(rates))
    exponent = (years if discount_first_year else years - 1).astype(float)
    return (
        np.power(1.0 + rates[..., None], -exponent)
        if rates.ndim
        else np.power(1.0 + float(rates), -exponent)
    )


@dataclass(frozen=True)
class Result:
    """Everything the calculation yields for one model and one rate."""

    pv: float
    pv_by_outcome: dict[str, float]
    inputs_total: float
    rate: float
    discount_first_year: bool
    impact: np.ndarray  # undiscounted, outcomes x years
    years: np.ndarray
    outcome_ids: tuple[str, ...]
    transfers_pv: dict[str, float] = field(default_factory=dict)

    @property
    def npv(self) -> float:
        """Net present value: ``PV - I``."""
        return self.pv - self.inputs_total

    @property
    def ratio(self) -> float:
        """SROI ratio: ``PV / I``."""
        if self.inputs_total <= 0:
            raise ImpactParameterError("the SROI ratio needs total inputs > 0, got 0")
        return self.pv / self.inputs_total

    @property
    def net_ratio(self) -> float:
        """Net SROI ratio: ``NPV / I``."""
        if self.inputs_total <= 0:
            raise ImpactParameterError("the net SROI ratio needs total inputs > 0, got 0")
        return self.npv / self.inputs_total

    @property
    def year1_total(self) -> float:
        """The impact of all outcomes in year 1."""
        return float(self.impact[:, 0].sum()) if self.impact.shape[1] else 0.0

    def annual_impact(
        self, basis: Literal["year1", "average"] = "year1", discounted: bool = False
    ) -> float:
        """The annual impact used for payback: year 1 or the mean over the years with impact."""
        if basis not in ("year1", "average"):
            raise ImpactParameterError(f"basis must be 'year1' or 'average', got {basis!r}")
        per_year = self.impact.sum(axis=0)
        if discounted:
            per_year = per_year * discount_factors(self.years, self.rate, self.discount_first_year)
        if per_year.size == 0:
            return 0.0
        if basis == "year1":
            return float(per_year[0])
        return float(per_year.sum() / per_year.size)

    def payback_months(
        self, basis: Literal["year1", "average"] = "year1", discounted: bool = False
    ) -> float:
        """``I / (annual impact / 12)``; infinite when there is no annual impact.

        This simple formula assumes the chosen annual impact goes on for ever; see
        :meth:`cumulative_payback_months` for the payback with drop-off.
        """
        _need_inputs(self.inputs_total, "payback")
        annual = self.annual_impact(basis, discounted)
        if annual <= 0:
            return math.inf
        return self.inputs_total / (annual / 12)

    def cumulative_payback_months(self, discounted: bool = False) -> float:
        """Months until the impact, added up year by year (with drop-off), equals the inputs.

        Each year's impact is spread evenly over its twelve months. Infinite when the impact
        over all years stays below the inputs.
        """
        per_year = self.impact.sum(axis=0)
        if discounted:
            per_year = per_year * discount_factors(self.years, self.rate, self.discount_first_year)
        return cumulative_payback(self.inputs_total, per_year)


def _need_inputs(total: float, what: str) -> None:
    if total <= 0:
        raise ImpactParameterError(
            f"{what} needs total inputs > 0, got {total!r}: with no investment there is "
            "nothing to earn back"
        )


def cumulative_payback(inputs: float, per_year) -> float:
    """Months until ``per_year`` (amounts for years 1, 2, ...) adds up to ``inputs``."""
    _need_inputs(inputs, "payback")
    done = 0.0
    for i, amount in enumerate(np.asarray(per_year, dtype=float)):
        if amount > 0 and done + amount >= inputs:
            return 12 * i + 12 * (inputs - done) / amount
        done += amount
    return math.inf


def evaluate(model: Model, rate: float | None = None) -> Result:
    """Present value, NPV, ratio and payback of a model (at ``rate`` if given)."""
    r = model.rate if rate is None else check_rate(rate)
    impact, years = profile(model.outcomes)
    disc = discount_factors(years, r, model.discount_first_year)
    by_outcome = impact @ disc if impact.size else np.zeros(len(model.outcomes))
    transfers = {}
    for tr in model.transfers:
        people = persons(model.outcome(tr.outcome), years)
        transfers[tr.id] = float(people @ disc * tr.amount)
    return Result(
        pv=float(by_outcome.sum()),
        pv_by_outcome={o.id: float(v) for o, v in zip(model.outcomes, by_outcome, strict=True)},
        inputs_total=model.total_inputs,
        rate=r,
        discount_first_year=model.discount_first_year,
        impact=impact,
        years=years,
        outcome_ids=tuple(o.id for o in model.outcomes),
        transfers_pv=transfers,
    )


def present_value(model: Model, rate: float | None = None) -> float:
    """The present value of the model's outcomes (``PV``)."""
    return evaluate(model, rate).pv


def shifted(
    model: Model,
    *,
    rate: float | None = None,
    deadweight: float = 0.0,
    displacement: float = 0.0,
    attribution: float = 0.0,
    drop_off: float = 0.0,
    proxy_scale: float = 1.0,
    quantity_scale: float = 1.0,
    duration: int = 0,
) -> Model:
    """The what-if model: adjustments shifted by the same amount for every outcome.

    A shift is in fractions (0.1 = ten percentage points) and the result is clipped to 0-1;
    ``proxy_scale`` multiplies every financial proxy and ``quantity_scale`` every quantity;
    ``duration`` adds whole years to every duration (never below 1). This is what the sliders
    in the book do (:func:`wijkcoop.impact.whatif.vega_expression` is the same rule in Vega).
    """
    check_nonnegative(proxy_scale, "proxy_scale")
    check_nonnegative(quantity_scale, "quantity_scale")
    if not is_number(duration) or duration != int(duration):
        raise ImpactParameterError(f"duration shift must be a whole number, got {duration!r}")
    shifts = {
        "deadweight": deadweight,
        "displacement": displacement,
        "attribution": attribution,
        "drop_off": drop_off,
    }
    for label, s in shifts.items():
        if not -1 <= s <= 1:
            raise ImpactParameterError(f"shift of {label} must be between -1 and 1, got {s!r}")
    outcomes = tuple(
        replace(
            o,
            proxy=o.proxy * proxy_scale,
            quantity=o.quantity * quantity_scale,
            duration=max(1, o.duration + int(duration)) if o.duration else 0,
            **{k: min(1.0, max(0.0, getattr(o, k) + s)) for k, s in shifts.items()},
        )
        for o in model.outcomes
    )
    return replace(
        model,
        outcomes=outcomes,
        rate=model.rate if rate is None else check_rate(rate),
        ranges={},
        rate_range=None,
    )
