"""Who invests and who gains (the EffectenArena view of Dutch MKBA practice).

Inputs carry the stakeholder that pays for them; each outcome splits its present value over
its beneficiaries by fixed shares; transfers (e.g. a benefit that stops) move money from one
stakeholder to another and add up to zero. The balance per stakeholder shows the "wrong pocket"
problem: one budget line pays while the benefit lands elsewhere. A negative outcome (a harm)
gives its stakeholder a negative gain.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from wijkcoop.impact.model import (
    ImpactParameterError,
    Model,
    cumulative_payback,
    evaluate,
    persons,
)


def _check_beneficiaries(model: Model) -> None:
    for o in model.outcomes:
        if not o.beneficiaries:
            raise ImpactParameterError(f"outcome {o.id!r} has no beneficiaries")


def distribution(model: Model, rate: float | None = None) -> pd.DataFrame:
    """Per stakeholder: what it puts in, the present value it gains, transfers, and the balance.

    Columns: ``belanghebbende``, ``investeert``, ``profiteert`` (its share of the real effects),
    ``overdrachten`` (transfers received minus paid; they add up to zero over all stakeholders)
    and ``saldo`` (``profiteert + overdrachten - investeert``). The sum of ``investeert`` is the
    total input and the sum of ``profiteert`` the present value.
    """
    _check_beneficiaries(model)
    res = evaluate(model, rate)
    pays: dict[str, float] = defaultdict(float)
    gains: dict[str, float] = defaultdict(float)
    moved: dict[str, float] = defaultdict(float)
    for i in model.inputs:
        pays[i.payer] += i.amount
    for o in model.outcomes:
        for who, share in o.beneficiaries.items():
            gains[who] += res.pv_by_outcome[o.id] * share
    for tr in model.transfers:
        moved[tr.payer] -= res.transfers_pv[tr.id]
        moved[tr.receiver] += res.transfers_pv[tr.id] * tr.share
        if tr.remainder is not None:
            moved[tr.remainder] += res.transfers_pv[tr.id] * (1 - tr.share)
    order = list(dict.fromkeys([*pays, *gains, *moved]))
    df = pd.DataFrame(
        {
            "belanghebbende": order,
            "investeert": [pays.get(s, 0.0) for s in order],
            "profiteert": [gains.get(s, 0.0) for s in order],
            "overdrachten": [moved.get(s, 0.0) for s in order],
        }
    )
    df["saldo"] = df["profiteert"] + df["overdrachten"] - df["investeert"]
    return df


def yearly_gains(model: Model) -> pd.DataFrame:
    """Undiscounted gains per stakeholder (rows) and year (columns 1..T), transfers included.

    A transfer's receiver gains its ``share`` (e.g. the part of saved bijstand a gemeente keeps
    under the BUIG budget) and its ``remainder`` the rest; the payer loses the whole amount.
    """
    _check_beneficiaries(model)
    res = evaluate(model)
    rows: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(res.years)))
    for k, o in enumerate(model.outcomes):
        for who, share in o.beneficiaries.items():
            rows[who] = rows[who] + res.impact[k] * share
    for tr in model.transfers:
        money = persons(model.outcome(tr.outcome), res.years) * tr.amount
        rows[tr.payer] = rows[tr.payer] - money
        rows[tr.receiver] = rows[tr.receiver] + money * tr.share
        if tr.remainder is not None:
            rows[tr.remainder] = rows[tr.remainder] + money * (1 - tr.share)
    return pd.DataFrame(dict(rows), index=res.years).T


def payback_by_payer(model: Model, payers: Iterable[str] | None = None) -> pd.DataFrame:
    """Cumulative payback of each payer's own inputs from its own gains, in months.

    With drop-off, undiscounted; infinite when its gains never cover what it put in.
    """
    gains = yearly_gains(model)
    pays: dict[str, float] = defaultdict(float)
    for i in model.inputs:
        pays[i.payer] += i.amount
    rows = []
    for who in payers if payers is not None else pays:
        per_year = gains.loc[who].to_numpy() if who in gains.index else np.zeros(1)
        rows.append(
            {
                "belanghebbende": who,
                "investeert": pays[who],
                "terug_over_alle_jaren": float(per_year.sum()),
                "maanden": cumulative_payback(pays[who], per_year) if pays[who] > 0 else None,
            }
        )
    return pd.DataFrame(rows)


def by_group(dist: pd.DataFrame, groups: dict[str, str]) -> pd.DataFrame:
    """Add up a distribution per group (e.g. all municipal budget lines as 'Gemeente')."""
    missing = sorted(set(dist["belanghebbende"]) - set(groups))
    if missing:
        raise ImpactParameterError(f"no group given for stakeholder(s) {missing}")
    out = dist.assign(groep=dist["belanghebbende"].map(groups))
    cols = [c for c in ("investeert", "profiteert", "overdrachten", "saldo") if c in out]
    return out.groupby("groep", sort=False)[cols].sum().reset_index()


def wrong_pockets(dist: pd.DataFrame, investors: Iterable[str] = ()) -> pd.DataFrame:
    """Stakeholders that pay more than they gain, and those that gain without paying.

    ``investors`` (a fund) put money in for social return and expect no money back: they are
    not a wrong pocket and are left out.
    """
    dist = dist[~dist["belanghebbende"].isin(set(investors))]
    payers = dist[(dist["investeert"] > 0) & (dist["saldo"] < 0)].assign(
        rol="betaalt meer dan het terugziet"
    )
    free = dist[(dist["investeert"] == 0) & (dist["saldo"] > 0)].assign(
        rol="profiteert zonder te betalen"
    )
    return pd.concat([payers, free], ignore_index=True)
