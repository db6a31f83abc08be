"""Soft outcomes: a before/after survey with uncertainty, and wellbeing (WELLBY) valuation.

The wellbeing value follows ``research/impact-methods.md`` §4.8:
``value = delta(life satisfaction, 0-10) x 13,000 GBP x persons x years`` (2019 prices), then
deadweight, attribution and drop-off as for any other outcome. It is computed here in pounds at
2019 prices on purpose: converting to euros needs a currency and price-level judgement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkcoop.impact.model import ImpactParameterError, Model, Outcome, check_fraction, evaluate

#: 1 WELLBY in pounds sterling, 2019 prices (HM Treasury, Wellbeing Guidance for Appraisal, 2021).
WELLBY_GBP_2019 = 13_000


def paired(rows: Iterable[Mapping[str, object]], item: str) -> pd.DataFrame:
    """Respondents with an answer both before and after: columns ``voor``, ``na``, ``verschil``."""
    df = pd.DataFrame(list(rows))
    if item not in df.columns:
        raise KeyError(f"no survey item {item!r}; items: {sorted(df.columns)}")
    wide = df.pivot(index="respondent", columns="moment", values=item)
    for moment in ("voor", "na"):
        if moment not in wide.columns:
            raise ImpactParameterError(f"survey has no answers for moment {moment!r}")
    wide = wide[["voor", "na"]].dropna().astype(float)
    wide["verschil"] = wide["na"] - wide["voor"]
    return wide


@dataclass(frozen=True)
class Change:
    """Mean change of one item with a bootstrap 95% interval."""

    item: str
    n: int
    before: float
    after: float
    change: float
    low: float
    high: float

    @property
    def clearly_positive(self) -> bool:
        """True when the whole 95% interval lies above zero."""
        return self.low > 0


def bootstrap_interval(
    values: np.ndarray, n_boot: int = 4000, seed: int = 2019, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (vectorised)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ImpactParameterError("no paired answers to compute an interval from")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, values.size, size=(n_boot, values.size))
    means = values[idx].mean(axis=1)
    alpha = (1 - level) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))


def change(rows: Iterable[Mapping[str, object]], item: str, seed: int = 2019) -> Change:
    """Mean before, after and change of ``item`` over respondents who answered both times."""
    wide = paired(rows, item)
    low, high = bootstrap_interval(wide["verschil"].to_numpy(), seed=seed)
    return Change(
        item=item,
        n=len(wide),
        before=float(wide["voor"].mean()),
        after=float(wide["na"].mean()),
        change=float(wide["verschil"].mean()),
        low=low,
        high=high,
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
