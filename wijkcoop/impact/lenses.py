"""Two lenses on one worked example, each right in its own terms.

* :func:`society` — the **maatschappelijke waarde** (MKBA convention): the real effects only.
  Transfers (a benefit that stops) are listed apart and never counted; effects that cannot be
  valued stay in the table as PM-posten with their direction.
* :func:`business_case` — the **business case for one payer** (the gemeente): its own cash per
  budget line, saved bijstand included as a saving, of which only the part the gemeente keeps
  under the BUIG budget counts.

See research/impact-methods.md §9: showing both, each labelled, is standard; mixing them is the
common error.
"""

from __future__ import annotations

import pandas as pd

from wijkcoop.impact.arena import yearly_gains
from wijkcoop.impact.loader import Case
from wijkcoop.impact.model import (
    ImpactParameterError,
    cumulative_payback,
    discount_factors,
    evaluate,
)


def society(case: Case) -> pd.DataFrame:
    """Every line of the social balance: effects (counted), transfers (not), PM-posten."""
    res = evaluate(case.model)
    rows: list[dict[str, object]] = [
        {
            "post": o.name,
            "soort": "effect" if o.proxy >= 0 else "negatief effect",
            "contante_waarde": res.pv_by_outcome[o.id],
            "telt_mee": True,
        }
        for o in case.model.outcomes
    ]
    rows += [
        {
            "post": tr.name,
            "soort": "overdracht",
            "contante_waarde": res.transfers_pv[tr.id],
            "telt_mee": False,
        }
        for tr in case.model.transfers
    ]
    rows += [
        {
            "post": pm["naam"],
            "soort": f"PM ({pm.get('richting', '+')})",
            "contante_waarde": None,
            "telt_mee": False,
        }
        for pm in case.non_monetised
    ]
    return pd.DataFrame(rows)


def business_case(case: Case, buig_share: float | None = None) -> dict:
    """The gemeente's own cash: costs and savings per budget line, in present value.

    ``buig_share`` (a fraction) is the part of saved bijstand the gemeente keeps; by default
    the case's ``businesscase.buig_aandeel``. Returns ``table`` (per budget line), ``costs``,
    ``savings``, ``ratio`` and ``payback_months`` (cumulative, undiscounted).
    """
    bc = case.business_case
    if not bc:
        raise ImpactParameterError(f"case {case.id!r} has no businesscase section")
    share = bc["buig_aandeel"] / 100 if buig_share is None else buig_share
    if not 0 <= share <= 1:
        raise ImpactParameterError(f"buig_share must be between 0 and 1, got {share!r}")
    lines = [sid for sid, g in case.groups.items() if g == bc["groep"]]
    m = case.model
    res = evaluate(m)
    shares = {tr.id: share for tr in m.transfers}
    gains = yearly_gains(m, shares)
    disc = discount_factors(res.years, m.rate, m.discount_first_year)
    rows = []
    for sid in lines:
        cost = sum(i.amount for i in m.inputs if i.payer == sid)
        per_year = gains.loc[sid].to_numpy() if sid in gains.index else disc * 0
        rows.append(
            {
                "begrotingspost": sid,
                "kosten": cost,
                "besparing": float(per_year @ disc),
                "besparing_per_jaar": per_year,
            }
        )
    table = pd.DataFrame(rows)
    table["saldo"] = table["besparing"] - table["kosten"]
    costs = float(table["kosten"].sum())
    savings = float(table["besparing"].sum())
    per_year = sum(table["besparing_per_jaar"])
    return {
        "table": table.drop(columns="besparing_per_jaar"),
        "costs": costs,
        "savings": savings,
        "ratio": savings / costs if costs > 0 else None,
        "payback_months": cumulative_payback(costs, per_year) if costs > 0 else None,
        "buig_share": share,
    }
