"""Who invests and who gains (the EffectenArena view of Dutch MKBA practice).

Inputs carry the stakeholder that pays for them; each outcome splits its present value over
its beneficiaries by fixed shares. The difference per stakeholder shows the "wrong pocket"
problem: one budget line pays while the benefit lands elsewhere.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from wijkcoop.impact.model import ImpactParameterError, Model, evaluate


def distribution(model: Model, rate: float | None = None) -> pd.DataFrame:
    """Per stakeholder: what it puts in, the present value it gains, and the balance.

    Columns: ``belanghebbende``, ``investeert``, ``profiteert``, ``saldo``. The sum of
    ``investeert`` is the total input and the sum of ``profiteert`` the present value.
    """
    res = evaluate(model, rate)
    pays: dict[str, float] = defaultdict(float)
    gains: dict[str, float] = defaultdict(float)
    for i in model.inputs:
        pays[i.payer] += i.amount
    for o in model.outcomes:
        if not o.beneficiaries:
            raise ImpactParameterError(f"outcome {o.id!r} has no beneficiaries")
        for who, share in o.beneficiaries.items():
            gains[who] += res.pv_by_outcome[o.id] * share
    order = list(dict.fromkeys([*pays, *gains]))
    df = pd.DataFrame(
        {
            "belanghebbende": order,
            "investeert": [pays.get(s, 0.0) for s in order],
            "profiteert": [gains.get(s, 0.0) for s in order],
        }
    )
    df["saldo"] = df["profiteert"] - df["investeert"]
    return df


def by_group(dist: pd.DataFrame, groups: dict[str, str]) -> pd.DataFrame:
    """Add up a distribution per group (e.g. all municipal budget lines as 'Gemeente')."""
    missing = sorted(set(dist["belanghebbende"]) - set(groups))
    if missing:
        raise ImpactParameterError(f"no group given for stakeholder(s) {missing}")
    out = dist.assign(groep=dist["belanghebbende"].map(groups))
    return (
        out.groupby("groep", sort=False)[["investeert", "profiteert", "saldo"]].sum().reset_index()
    )


def wrong_pockets(dist: pd.DataFrame) -> pd.DataFrame:
    """Stakeholders that pay more than they gain, and those that gain without paying."""
    payers = dist[dist["saldo"] < 0].assign(rol="betaalt meer dan het terugziet")
    free = dist[(dist["investeert"] == 0) & (dist["profiteert"] > 0)].assign(
        rol="profiteert zonder te betalen"
    )
    return pd.concat([payers, free], ignore_index=True)
