"""Two lenses on one worked example, each right in its own terms.

* :func:`society` — the **maatschappelijke waarde** (MKBA convention): the real effects only.
  Transfers (a benefit that stops) are listed apart and never counted; effects that cannot be
  valued stay in the table as PM-posten with their direction.
* :func:`business_case` — the **business case for one payer** (the gemeente): its own money per
  budget line, cash apart from what is in kind, saved bijstand included as a saving for the
  part the gemeente keeps under the BUIG budget (the transfer's share, the same everywhere),
  without attribution; with its own tornado (:func:`business_case_tornado`) and the
  break-even share of bijstand.

See research/impact-methods.md §9: showing both, each labelled, is standard; mixing them is the
common error.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from wijkcoop.impact.loader import Case
from wijkcoop.impact.model import (
    ImpactParameterError,
    Model,
    cumulative_payback,
    discount_factors,
    evaluate,
    persons,
)
from wijkcoop.impact.sensitivity import one_at_a_time


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


def _gemeente_lines(case: Case) -> list[str]:
    bc = case.business_case
    if not bc:
        raise ImpactParameterError(f"case {case.id!r} has no businesscase section")
    return [sid for sid, g in case.groups.items() if g == bc["groep"]]


def kept_share(model: Model) -> float:
    """The part of saved bijstand the gemeente keeps: the one share every table uses."""
    shares = {tr.share for tr in model.transfers}
    if len(shares) > 1:
        raise ImpactParameterError(f"transfers keep different shares {sorted(shares)}")
    return shares.pop() if shares else 1.0


def business_case(
    case: Case, buig_share: float | None = None, model: Model | None = None
) -> dict[str, Any]:
    """The gemeente's own money: costs and savings per budget line, in present value.

    Cash (``geld``) is kept apart from contributions and savings in kind (``in natura``: a
    rent-free space, staff time that is freed). Attribution is not applied: it shares out the
    credit for a social effect and moves no money, so the gemeente's saving is what it is.
    ``buig_share`` (a fraction) is the part of saved bijstand the gemeente keeps; by default
    the transfer's own share (:func:`kept_share`), the same one the who-pays table uses.
    Returns ``table`` (per budget line), ``costs``/``savings``/``ratio`` (cash),
    ``costs_in_kind``/``savings_in_kind``/``ratio_incl_in_kind``, ``payback_months`` (cash,
    cumulative, undiscounted), ``buig_share``, ``bijstand`` (present value of the whole saved
    bijstand) and ``break_even_share`` (the share at which the cash ratio is 1 : 1; above 1
    means even keeping all of it is not enough).
    """
    lines = _gemeente_lines(case)
    m = case.model if model is None else model
    if buig_share is not None:
        if not 0 <= buig_share <= 1:
            raise ImpactParameterError(f"buig_share must be between 0 and 1, got {buig_share!r}")
        m = m.with_transfer_share(buig_share)
    share = kept_share(m)
    cash_model = replace(
        m,
        outcomes=tuple(replace(o, attribution=0.0) for o in m.outcomes),
        ranges={},
        rate_range=None,
    )
    res = evaluate(cash_model)
    disc = discount_factors(res.years, m.rate, m.discount_first_year)
    kinds = {o.id: case.outcome_meta.get(o.id, {}).get("besparing", "geld") for o in m.outcomes}
    zero = np.zeros(len(res.years))
    per_line = {sid: {"geld": zero.copy(), "in natura": zero.copy()} for sid in lines}
    for k, o in enumerate(cash_model.outcomes):
        for who, part in o.beneficiaries.items():
            if who in per_line:
                per_line[who][kinds[o.id]] = per_line[who][kinds[o.id]] + res.impact[k] * part
    bijstand = 0.0
    for tr in cash_model.transfers:
        money = persons(cash_model.outcome(tr.outcome), res.years) * tr.amount
        bijstand += float(money @ disc)
        if tr.receiver in per_line:
            per_line[tr.receiver]["geld"] = per_line[tr.receiver]["geld"] + money * tr.share
    rows = []
    for sid in lines:
        paid = [i for i in m.inputs if i.payer == sid]
        rows.append(
            {
                "begrotingspost": sid,
                "kosten_geld": float(sum(i.amount for i in paid if i.kind == "geld")),
                "besparing_geld": float(per_line[sid]["geld"] @ disc),
                "kosten_natura": float(sum(i.amount for i in paid if i.kind != "geld")),
                "besparing_natura": float(per_line[sid]["in natura"] @ disc),
            }
        )
    table = pd.DataFrame(rows)
    table["saldo_geld"] = table["besparing_geld"] - table["kosten_geld"]
    costs, savings = float(table["kosten_geld"].sum()), float(table["besparing_geld"].sum())
    costs_kind = float(table["kosten_natura"].sum())
    savings_kind = float(table["besparing_natura"].sum())
    cash_per_year = sum((per_line[sid]["geld"] for sid in lines), zero)
    other = savings - bijstand * share
    return {
        "table": table,
        "costs": costs,
        "savings": savings,
        "ratio": savings / costs if costs > 0 else None,
        "costs_in_kind": costs_kind,
        "savings_in_kind": savings_kind,
        "ratio_incl_in_kind": (
            (savings + savings_kind) / (costs + costs_kind) if costs + costs_kind > 0 else None
        ),
        "payback_months": cumulative_payback(costs, cash_per_year) if costs > 0 else None,
        "buig_share": share,
        "bijstand": bijstand,
        "break_even_share": (costs - other) / bijstand if bijstand > 0 else None,
    }


def variants(case: Case) -> list[dict[str, Any]]:
    """The BUIG variants of the case (central first): id, name, share (fraction), status."""
    central = {
        "id": "centraal",
        "naam": "Gemeente buiten het vangnet (centraal)",
        "aandeel": kept_share(case.model),
        "status": "BUIG-systematiek",
    }
    rest = [{**v, "aandeel": v["aandeel"] / 100} for v in case.business_case.get("varianten", [])]
    return [central, *rest]


def business_case_tornado(case: Case) -> pd.DataFrame:
    """One at a time for the gemeente's cash ratio: every range that moves it, and the share.

    Columns as :func:`wijkcoop.impact.sensitivity.one_at_a_time`; the BUIG share is
    ``parameter == "buig"`` and runs from the lowest variant to 100%.
    """
    base = business_case(case)
    shares = [v["aandeel"] for v in variants(case)]
    extra = []
    if min(shares) < base["buig_share"]:
        extra.append(
            (
                "",
                "bijstand die de gemeente houdt",
                "buig",
                min(shares),
                base["buig_share"],
                1.0,
                business_case(case, min(shares))["ratio"],
                business_case(case, 1.0)["ratio"],
            )
        )
    return one_at_a_time(
        case.model, ratio=lambda m: business_case(case, model=m)["ratio"], extra=extra
    )


def leisure_bound(case: Case, work: str = "werk", transfer: str = "bijstand") -> dict[str, float]:
    """An upper bound for the cost of less free time (a PM-post): what a participant gains net.

    Nobody takes a job that leaves them worse off, so the value of the free time given up is at
    most the net wage (the participants' share of the work's value) minus the bijstand that
    stops. Per person-year and in present value for the people in work (no attribution).
    """
    m = case.model
    o = m.outcome(work)
    tr = next((t for t in m.transfers if t.id == transfer), None)
    if tr is None:
        raise ImpactParameterError(f"case {case.id!r} has no transfer {transfer!r}")
    net_wage = o.proxy * o.beneficiaries.get(tr.payer, 0.0)
    per_year = net_wage - tr.amount
    res = evaluate(m)
    disc = discount_factors(res.years, m.rate, m.discount_first_year)
    people_pv = float(persons(o, res.years) @ disc)
    return {"per_persoonsjaar": per_year, "contante_waarde": per_year * people_pv}
