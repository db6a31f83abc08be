"""Soft outcomes: a before/after survey with uncertainty, and wellbeing (WELLBY) valuation.

The wellbeing value follows ``research/impact-methods.md`` §4.8:
``value = delta(life satisfaction, 0-10) x 13,000 GBP x persons x years`` (2019 prices), then
deadweight, attribution and drop-off as for any other outcome. :func:`wellby_value` works in
pounds at 2019 prices; :func:`wellby_euro` converts with a stated exchange rate and price index
and returns an :class:`Amount` that :func:`compare` only compares like with like.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkcoop.impact.model import ImpactParameterError, Model, Outcome, check_fraction, evaluate

#: 1 WELLBY in pounds sterling, 2019 prices (HM Treasury, Wellbeing Guidance for Appraisal, 2021).
WELLBY_GBP_2019 = 13_000


#: The answer scale of each survey item (lowest, highest).
SCALES: dict[str, tuple[int, int]] = {
    "levenstevredenheid": (0, 10),
    "kent_buren": (1, 5),
    "vertrouwen": (1, 5),
    "thuis": (1, 5),
}
#: Fewer paired answers than this give no interval: the sample is too small to say anything.
MIN_N = 5
#: Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom (standard tables).
T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t with ``df`` degrees of freedom.

    From the table up to 30, beyond that the Cornish-Fisher expansion around z = 1.95996
    (accurate to 0.001 for df > 30).
    """
    if df < 1:
        raise ImpactParameterError(f"degrees of freedom must be >= 1, got {df!r}")
    if df <= len(T975):
        return T975[df - 1]
    z = 1.959964
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def paired(
    rows: Iterable[Mapping[str, object]], item: str, scale: tuple[float, float] | None = None
) -> pd.DataFrame:
    """Respondents with an answer both before and after: columns ``voor``, ``na``, ``verschil``.

    Answers outside the item's scale and a respondent with two answers for one moment are
    refused with an error that names them.
    """
    df = pd.DataFrame(list(rows))
    if item not in df.columns:
        raise KeyError(f"no survey item {item!r}; items: {sorted(df.columns)}")
    scale = scale if scale is not None else SCALES.get(item)
    if scale is None:
        raise ImpactParameterError(
            f"no scale known for survey item {item!r}: pass scale=(lowest, highest)"
        )
    answers = pd.to_numeric(df[item], errors="coerce")
    bad = df[df[item].notna() & ~answers.between(*scale)]
    if len(bad):
        shown = ", ".join(
            f"{r.respondent} ({r.moment}): {getattr(r, item)!r}" for r in bad.head(5).itertuples()
        )
        raise ImpactParameterError(
            f"survey item {item!r}: {len(bad)} answer(s) outside the scale "
            f"{scale[0]}-{scale[1]}: {shown}"
        )
    dup = df[df.duplicated(["respondent", "moment"], keep=False)]
    if len(dup):
        who = sorted({f"{r.respondent} ({r.moment})" for r in dup.itertuples()})
        raise ImpactParameterError(
            f"survey: respondent(s) with more than one answer for the same moment: {who}"
        )
    df = df.assign(**{item: answers})
    wide = df.pivot(index="respondent", columns="moment", values=item)
    for moment in ("voor", "na"):
        if moment not in wide.columns:
            raise ImpactParameterError(f"survey has no answers for moment {moment!r}")
    wide = wide[["voor", "na"]].dropna().astype(float)
    wide["verschil"] = wide["na"] - wide["voor"]
    return wide


@dataclass(frozen=True)
class Change:
    """Mean change of one item with a 95% t-interval (``None`` when n < :data:`MIN_N`)."""

    item: str
    n: int
    before: float
    after: float
    change: float
    low: float | None
    high: float | None

    @property
    def too_small(self) -> bool:
        """Too few paired answers for an interval: say so instead of a verdict."""
        return self.low is None

    @property
    def clearly_positive(self) -> bool:
        """True when there is an interval and all of it lies above zero."""
        return self.low is not None and self.low > 0

    @property
    def verdict(self) -> str:
        """The Dutch verdict the book prints."""
        if self.too_small:
            return f"te weinig antwoorden (minder dan {MIN_N}) om iets te zeggen"
        if self.clearly_positive:
            return "duidelijk beter"
        if self.high is not None and self.high < 0:
            return "duidelijk slechter"
        return "niet zeker"


def t_interval(values: np.ndarray) -> tuple[float, float] | None:
    """95% t-interval of the mean; ``None`` when there are fewer than :data:`MIN_N` values.

    The t-interval holds its coverage for small samples far better than the percentile
    bootstrap (see :func:`coverage`); with fewer than five values we give no interval at all.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ImpactParameterError("no paired answers to compute an interval from")
    if values.size < MIN_N:
        return None
    m = float(values.mean())
    half = t975(values.size - 1) * float(values.std(ddof=1)) / math.sqrt(values.size)
    return m - half, m + half


def bootstrap_interval(
    values: np.ndarray, n_boot: int = 4000, seed: int = 2019, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (vectorised); kept to show its poor coverage."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ImpactParameterError("no paired answers to compute an interval from")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, values.size, size=(n_boot, values.size))
    means = values[idx].mean(axis=1)
    alpha = (1 - level) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))


def coverage(
    population: np.ndarray, n: int, method: str = "t", reps: int = 2000, seed: int = 7
) -> float:
    """The interval's real coverage (should be near 95%).

    The share of ``reps`` samples of size ``n`` (drawn from ``population``) whose 95% interval
    holds the population mean.
    """
    population = np.asarray(population, dtype=float)
    rng = np.random.default_rng(seed)
    mu = population.mean()
    hits = 0
    for r in range(reps):
        sample = rng.choice(population, size=n, replace=True)
        if method == "t":
            iv = t_interval(sample)
            if iv is None:
                raise ImpactParameterError(f"n = {n} is below the minimum of {MIN_N}")
        elif method == "bootstrap":
            iv = bootstrap_interval(sample, n_boot=1000, seed=r)
        else:
            raise ImpactParameterError(f"method must be 't' or 'bootstrap', got {method!r}")
        hits += iv[0] <= mu <= iv[1]
    return hits / reps


def change(
    rows: Iterable[Mapping[str, object]], item: str, scale: tuple[float, float] | None = None
) -> Change:
    """Mean before, after and change of ``item`` over respondents who answered both times."""
    wide = paired(rows, item, scale)
    iv = t_interval(wide["verschil"].to_numpy())
    return Change(
        item=item,
        n=len(wide),
        before=float(wide["voor"].mean()),
        after=float(wide["na"].mean()),
        change=float(wide["verschil"].mean()),
        low=None if iv is None else iv[0],
        high=None if iv is None else iv[1],
    )


def wellby_value(
    delta: float,
    persons: float,
    years: int = 1,
    *,
    deadweight: float = 0.0,
    attribution: float = 0.0,
    drop_off: float = 0.0,
    rate: float = 0.0,
    value: float = WELLBY_GBP_2019,
) -> float:
    """Wellbeing value in pounds (2019 prices) of a change ``delta`` on the 0-10 scale.

    With no adjustments and ``rate=0`` this is exactly ``delta x value x persons x years``.
    A negative ``delta`` is not valued (returns an error): report it as a negative outcome.
    """
    if delta < 0:
        raise ImpactParameterError(f"delta must be >= 0 to be valued, got {delta!r}")
    if delta > 10:
        raise ImpactParameterError(f"delta must be at most 10 on a 0-10 scale, got {delta!r}")
    for label, v in (("deadweight", deadweight), ("attribution", attribution)):
        check_fraction(v, label)
    outcome = Outcome(
        id="wellby",
        name="welzijn",
        quantity=persons,
        proxy=delta * value,
        deadweight=deadweight,
        attribution=attribution,
        drop_off=drop_off,
        duration=years,
    )
    model = Model(inputs=(), outcomes=(outcome,), rate=rate)
    return evaluate(model).pv


@dataclass(frozen=True)
class Amount:
    """A money amount with everything needed to compare it like with like."""

    value: float
    currency: str
    price_year: int
    discounted: bool
    per: str  # the group it is for, e.g. "per deelnemer" or "12 deelnemers"

    def same_terms(self, other: Amount) -> bool:
        """True when both amounts have the same currency, price year, discounting and unit."""
        return (self.currency, self.price_year, self.discounted, self.per) == (
            other.currency,
            other.price_year,
            other.discounted,
            other.per,
        )


def compare(a: Amount, b: Amount) -> float:
    """``a / b`` — only for amounts in the same currency, price year, discounting and group."""
    if not a.same_terms(b):
        raise ImpactParameterError(
            "amounts are not like with like: "
            f"{(a.currency, a.price_year, a.discounted, a.per)} vs "
            f"{(b.currency, b.price_year, b.discounted, b.per)}"
        )
    return a.value / b.value


def wellby_euro(
    delta: float,
    persons: float,
    years: int,
    *,
    gbp_eur: float,
    price_index: float,
    price_year: int,
    rate: float,
    per: str,
    deadweight: float = 0.0,
    attribution: float = 0.0,
    drop_off: float = 0.0,
) -> Amount:
    """A wellbeing change valued with the WELLBY in euros of ``price_year``, discounted.

    ``gbp_eur`` converts 2019 pounds to 2019 euros and ``price_index`` brings 2019 prices to
    ``price_year``; both must be stated with their source next to the result.
    """
    for label, v in (("gbp_eur", gbp_eur), ("price_index", price_index)):
        if not isinstance(v, int | float) or v <= 0:
            raise ImpactParameterError(f"{label} must be a number > 0, got {v!r}")
    value = wellby_value(
        delta,
        persons,
        years,
        deadweight=deadweight,
        attribution=attribution,
        drop_off=drop_off,
        rate=rate,
        value=WELLBY_GBP_2019 * gbp_eur * price_index,
    )
    return Amount(value, "EUR", price_year, rate > 0, per)
