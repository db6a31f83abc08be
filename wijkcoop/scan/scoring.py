"""Scoring: answers -> scores per part (sub-dimension) and condition, plus derived measures.

The rules are in ``docs/scan-format.md`` and on the book page ``scan-scoring``; the ES module
``wijkcoop/web/scan.js`` implements the same rules, and the shared test vectors in
``data/scan/test-vectors-<bank_id>.json`` keep the two identical. Sums run left to right in
bank order (no compensated summation) so both give the same floating-point result.

The subsidy share and the Herfindahl index of an income group are :mod:`wijkcoop.finance`'s
(the measures the impact part uses): the same definitions, amounts in bank order, and ``None``
for a total of zero. Their sums use Python's ``sum``, which runs left to right on the pinned
Python 3.11 (from 3.12 on it compensates rounding, a difference of a few units in the last
place, far within the vectors' tolerance of 1e-9). The bank check guarantees the amounts are
never negative (``min >= 0`` for items with ``derive``), as ``finance`` requires. The largest
client's share is not ``finance.largest_share``: the scan asks for that share directly (a
``value`` measure), it does not compute it from amounts per payer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from wijkcoop import finance
from wijkcoop.scan.bank import Bank

UNKNOWN = "?"
#: A part is a finding "hier weten jullie te weinig van" at this share of "weet ik niet".
UNKNOWN_FINDING_SHARE = 0.5


def is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def valid_value(item: dict, value: Any) -> bool:
    """Is ``value`` a possible answer to ``item`` ("?" always is)?"""
    if value == UNKNOWN:
        return True
    if not is_number(value):
        return False
    if item["type"] == "likert":
        return float(value).is_integer() and 1 <= value <= 5
    return item["min"] <= value <= item["max"]


def likert_score(item: dict, value: float) -> float:
    if item.get("reverse"):
        return (5 - value) / 4 * 100
    return (value - 1) / 4 * 100


def threshold_score(x: float, good: float, bad: float) -> float:
    """100 at or beyond ``good``, 0 at or beyond ``bad``, linear in between."""
    t = (x - bad) / (good - bad)
    return 100 * min(1.0, max(0.0, t))


def _sum(values) -> float:
    """Left to right, exactly as ``scan.js`` adds (no compensated summation)."""
    total = 0.0
    for v in values:
        total += v
    return total


def _mean(values: list[float]) -> float | None:
    return _sum(values) / len(values) if values else None


@dataclass
class ScanResult:
    """Scores for one set of answers. ``to_dict()`` has the shape of the test vectors."""

    bank_id: str
    bank_version: str
    role: str | None
    short: bool
    part_rows: list[dict]
    condition_rows: list[dict]
    derived: dict[str, float | None]
    completeness: float
    findings: list[str]

    @property
    def parts(self) -> pd.DataFrame:
        return pd.DataFrame(self.part_rows).set_index("part")

    @property
    def conditions(self) -> pd.DataFrame:
        return pd.DataFrame(self.condition_rows).set_index("condition")

    def part_score(self, part_id: str) -> float | None:
        return next(r["score"] for r in self.part_rows if r["part"] == part_id)

    def condition_score(self, condition_id: str) -> float | None:
        return next(r["score"] for r in self.condition_rows if r["condition"] == condition_id)

    def weakest(self, n: int = 3) -> list[str]:
        """Ids of the ``n`` lowest-scoring parts (ties in bank order); unscored parts left out."""
        scored = [(r["score"], i, r["part"]) for i, r in enumerate(self.part_rows)]
        scored = [s for s in scored if s[0] is not None]
        return [p for _, _, p in sorted(scored)[:n]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "parts": {r["part"]: r["score"] for r in self.part_rows},
            "conditions": {r["condition"]: r["score"] for r in self.condition_rows},
            "completeness": self.completeness,
            "derived": dict(self.derived),
            "findings": list(self.findings),
        }


def _derive(bank: Bank, answers: dict, in_play: set[str]) -> tuple[dict, list[str]]:
    """Derived measures (value or None) and findings about the numeric groups."""
    values: dict[str, float | None] = {}
    findings: list[str] = []
    groups: dict[str, list[dict]] = {}
    for item in bank.items:
        if item.get("derive") and item["id"] in in_play:
            groups.setdefault(item["derive"], []).append(item)
    group_state: dict[str, str] = {}
    for g, items in groups.items():
        given = [answers.get(i["id"]) for i in items]
        if all(is_number(v) for v in given):
            group_state[g] = "zero" if _sum(given) == 0 else "ok"
        elif any(v is not None for v in given):
            group_state[g] = "incomplete"
        else:
            group_state[g] = "empty"
        if group_state[g] == "zero":
            findings.append(f"inkomsten-nul:{g}")
        elif group_state[g] == "incomplete":
            findings.append(f"inkomsten-onvolledig:{g}")
    for d in bank.derived:
        kind = d["kind"]
        value: float | None = None
        if kind == "value":
            v = answers.get(d["item"]) if d["item"] in in_play else None
            if is_number(v):
                value = v * d.get("factor", 1)
        elif group_state.get(d["group"]) in {"ok", "zero"}:
            amounts = {i["id"]: answers[i["id"]] for i in groups[d["group"]]}  # bank order
            if kind == "total":
                value = _sum(amounts.values())
            elif kind == "share":
                value = finance.share_of(amounts, d["numerator"])
            elif kind == "herfindahl":
                value = finance.herfindahl(amounts.values())
        values[d["id"]] = value
    return values, findings


def score(
    bank: Bank, answers: dict[str, Any], role: str | None = None, short: bool = False
) -> ScanResult:
    """Score ``answers`` (``item_id -> 1..5 | "?" | number``) for a role and variant."""
    if bank.two_sided and role is not None and role not in bank.roles:
        raise ValueError(f"role {role!r} is not one of {bank.roles}")
    items = bank.items_for(role, short)
    in_play = {i["id"] for i in items}
    for key, value in answers.items():
        if value is None:
            continue
        if key not in bank.items_by_id:
            raise ValueError(f"answer to unknown item {key!r}")
        if not valid_value(bank.items_by_id[key], value):
            raise ValueError(f"answer {value!r} is not valid for item {key!r}")
    derived, findings = _derive(bank, answers, in_play)
    scored: dict[str, list[float]] = {p: [] for p in bank.parts_by_id}
    counts = {p: {"n_items": 0, "n_answered": 0, "n_unknown": 0, "n_missing": 0} for p in scored}
    for item in items:
        c = counts[item["part"]]
        c["n_items"] += 1
        v = answers.get(item["id"])
        if v is None:
            c["n_missing"] += 1
        elif v == UNKNOWN:
            c["n_unknown"] += 1
        else:
            c["n_answered"] += 1
            if item["type"] == "likert":
                scored[item["part"]].append(likert_score(item, v))
    for d in bank.derived:
        if "part" in d and derived[d["id"]] is not None:
            s = d["score"]
            scored[d["part"]].append(threshold_score(derived[d["id"]], s["good"], s["bad"]))
    part_rows, condition_rows = [], []
    for cond in bank.conditions:
        part_scores = []
        totals = {"n_items": 0, "n_answered": 0, "n_unknown": 0, "n_missing": 0}
        for part in cond["parts"]:
            pid = part["id"]
            c = counts[pid]
            s = _mean(scored[pid])
            part_rows.append(
                {
                    "part": pid,
                    "condition": cond["id"],
                    "title": part["title"],
                    "score": s,
                    **c,
                }
            )
            if s is not None:
                part_scores.append(s)
            for k in totals:
                totals[k] += c[k]
            if c["n_items"] and c["n_unknown"] / c["n_items"] >= UNKNOWN_FINDING_SHARE:
                findings.append(f"weinig-bekend:{pid}")
        condition_rows.append(
            {"condition": cond["id"], "title": cond["title"], "score": _mean(part_scores), **totals}
        )
    n_items = len(items)
    done = sum(r["n_answered"] + r["n_unknown"] for r in part_rows)
    return ScanResult(
        bank_id=bank.bank_id,
        bank_version=bank.version,
        role=role,
        short=short,
        part_rows=part_rows,
        condition_rows=condition_rows,
        derived=derived,
        completeness=done / n_items if n_items else 0.0,
        findings=sorted(findings),
    )


def compare(current: ScanResult, reference: ScanResult) -> pd.DataFrame:
    """Change (or gap) per part and condition: ``current - reference``; None when one is null."""
    rows = []
    for level, mine, theirs in (
        ("deel", current.part_rows, reference.part_rows),
        ("voorwaarde", current.condition_rows, reference.condition_rows),
    ):
        key = "part" if level == "deel" else "condition"
        ref = {r[key]: r["score"] for r in theirs}
        for r in mine:
            a, b = r["score"], ref.get(r[key])
            rows.append(
                {
                    "niveau": level,
                    "id": r[key],
                    "titel": r["title"],
                    "nu": a,
                    "eerder": b,
                    "verschil": None if a is None or b is None else a - b,
                }
            )
    return pd.DataFrame(rows)
