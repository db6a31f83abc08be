"""Scoring: answers -> scores per part (sub-dimension) and condition, plus derived measures.

The rules are in ``docs/scan-format.md`` and on the book page ``scan-scoring``; the ES module
``wijkcoop/web/scan.js`` implements the same rules, and the shared test vectors in
``data/scan/test-vectors-<bank_id>.json`` keep the two identical. Sums run left to right in
bank order (no compensated summation) so both give the same floating-point result.

This is the one Python scoring engine: :func:`score_many` scores many answer sets at once
(a DataFrame, vectorised over rows; the trainers' group analysis uses it) and :func:`score`
is its one-row case. Change a rule here (and in ``docs/scan-format.md``), then in ``scan.js``.

The subsidy share and the Herfindahl index of an income group are :mod:`wijkcoop.finance`'s
(the measures the impact part uses): the same definitions, amounts in bank order, and ``None``
for a total of zero. Their sums use Python's ``sum``, which runs left to right on the pinned
Python 3.11 (from 3.12 on it compensates rounding, a difference of a few units in the last
place, far within the vectors' tolerance of 1e-9). The bank check guarantees the amounts are
never negative (``min >= 0`` for items with ``derive``), as ``finance`` requires. Groups the
bank lists in ``equal_totals`` ask the same money twice: when a later one does not add up to the
first (:func:`wijkcoop.finance.totals_agree`), its share and Herfindahl are withheld (``None``)
with the finding ``inkomsten-verschil:<group>``. The largest
client's share is not ``finance.largest_share``: the scan asks for that share directly (a
``value`` measure), it does not compute it from amounts per payer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wijkcoop import finance
from wijkcoop.scan.bank import Bank

UNKNOWN = "?"
#: "Niet van toepassing": left out of every score, like "?", but not a knowledge gap.
NOT_APPLICABLE = "nvt"
#: A part is a finding "hier weten jullie te weinig van" at this share of "weet ik niet".
UNKNOWN_FINDING_SHARE = 0.5


def is_number(v: Any) -> bool:
    """True for a real number (not a bool, not NaN or infinite)."""
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def valid_value(item: dict, value: Any) -> bool:
    """Whether ``value`` is a possible answer to ``item`` ("?" always; "nvt" with ``allow_na``)."""
    if value == UNKNOWN:
        return True
    if value == NOT_APPLICABLE:
        return item["type"] == "likert" and bool(item.get("allow_na"))
    if not is_number(value):
        return False
    if item["type"] == "likert":
        return float(value).is_integer() and 1 <= value <= 5
    return item["min"] <= value <= item["max"]


def likert_score(item: dict, value: Any) -> Any:
    """Score of a likert answer (a number or a NumPy array of them): 0-100."""
    if item.get("reverse"):
        return (5 - value) / 4 * 100
    return (value - 1) / 4 * 100


def threshold_score(x: Any, good: float, bad: float) -> Any:
    """100 at or beyond ``good``, 0 at or beyond ``bad``, linear in between (NaN stays NaN)."""
    t = (x - bad) / (good - bad)
    return 100 * np.clip(t, 0.0, 1.0)


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
        """The part rows as a DataFrame indexed by part id."""
        return pd.DataFrame(self.part_rows).set_index("part")

    @property
    def conditions(self) -> pd.DataFrame:
        """The condition rows as a DataFrame indexed by condition id."""
        return pd.DataFrame(self.condition_rows).set_index("condition")

    def part_score(self, part_id: str) -> float | None:
        """The score of one part (``None`` when it has none); ``KeyError`` for an unknown id."""
        return _score_of(self.part_rows, "part", part_id, self.bank_id)

    def condition_score(self, condition_id: str) -> float | None:
        """The score of one condition (``None`` when it has none); ``KeyError`` if unknown."""
        return _score_of(self.condition_rows, "condition", condition_id, self.bank_id)

    def weakest(self, n: int = 3) -> list[str]:
        """Ids of the ``n`` lowest-scoring parts (ties in bank order); unscored parts left out."""
        scored = [(r["score"], i, r["part"]) for i, r in enumerate(self.part_rows)]
        scored = [s for s in scored if s[0] is not None]
        return [p for _, _, p in sorted(scored)[:n]]

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values (the shape of the test vectors)."""
        return {
            "parts": {r["part"]: r["score"] for r in self.part_rows},
            "conditions": {r["condition"]: r["score"] for r in self.condition_rows},
            "completeness": self.completeness,
            "derived": dict(self.derived),
            "findings": list(self.findings),
        }


COUNTS = ("n_items", "n_answered", "n_unknown", "n_na", "n_missing")
# answer states in the status matrix of :func:`score_many`
_MISSING, _ANSWERED, _UNKNOWN, _NA = 0, 1, 2, 3


@dataclass
class ScoreTable:
    """Scores of many answer sets at once (one row per answer set, rows in input order).

    ``parts`` and ``conditions`` are float DataFrames (NaN = no score) with one column per id in
    bank order; ``counts[key]`` (``key`` in :data:`COUNTS`) are integer DataFrames per part and
    ``condition_counts[key]`` per condition; ``derived`` holds the derived measures (NaN = none);
    ``completeness`` is a Series; ``findings`` a sorted list of strings per row.
    """

    bank: Bank
    role: str | None
    short: bool
    parts: pd.DataFrame
    conditions: pd.DataFrame
    counts: dict[str, pd.DataFrame]
    condition_counts: dict[str, pd.DataFrame]
    derived: pd.DataFrame
    completeness: pd.Series
    findings: list[list[str]]

    def __len__(self) -> int:
        """The number of answer sets."""
        return len(self.parts)

    def row(self, i: int) -> ScanResult:
        """Row ``i`` as a :class:`ScanResult` (what :func:`score` returns for one answer set)."""

        def val(x: Any) -> float | None:
            return None if pd.isna(x) else float(x)

        part_rows, condition_rows = [], []
        for cond in self.bank.conditions:
            for part in cond["parts"]:
                pid = part["id"]
                part_rows.append(
                    {
                        "part": pid,
                        "condition": cond["id"],
                        "title": part["title"],
                        "score": val(self.parts[pid].iat[i]),
                        **{k: int(self.counts[k][pid].iat[i]) for k in COUNTS},
                    }
                )
            cid = cond["id"]
            condition_rows.append(
                {
                    "condition": cid,
                    "title": cond["title"],
                    "score": val(self.conditions[cid].iat[i]),
                    **{k: int(self.condition_counts[k][cid].iat[i]) for k in COUNTS},
                }
            )
        return ScanResult(
            bank_id=self.bank.bank_id,
            bank_version=self.bank.version,
            role=self.role,
            short=self.short,
            part_rows=part_rows,
            condition_rows=condition_rows,
            derived={d: val(self.derived[d].iat[i]) for d in self.derived.columns},
            completeness=float(self.completeness.iat[i]),
            findings=list(self.findings[i]),
        )


def _score_of(rows: list[dict[str, Any]], key: str, ident: str, bank_id: str) -> float | None:
    """The score in the row whose ``key`` is ``ident``; ``KeyError`` naming the known ids."""
    for row in rows:
        if row[key] == ident:
            return row["score"]
    known = [row[key] for row in rows]
    raise KeyError(f"bank {bank_id!r} has no {key} {ident!r}; its {key}s are {known}")


def _answer_frame(bank: Bank, answers: pd.DataFrame | Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Answers as a DataFrame (rows = answer sets, columns = item ids); None/NaN = not answered."""
    if isinstance(answers, pd.DataFrame):
        frame = answers.reset_index(drop=True)
    else:
        frame = pd.DataFrame.from_records(list(answers), columns=None)
        frame.index = range(len(answers))
    unknown = [c for c in frame.columns if c not in bank.items_by_id]
    if unknown:
        raise ValueError(f"answers to unknown items {sorted(map(str, unknown))!r}")
    return frame


def _column(frame: pd.DataFrame, item: dict) -> tuple[np.ndarray, np.ndarray]:
    """(status, numeric value) of one item over all rows; invalid values raise ValueError."""
    n = len(frame)
    if item["id"] not in frame.columns:
        return np.full(n, _MISSING, dtype=np.int8), np.full(n, np.nan)
    col = frame[item["id"]]
    obj = col.to_numpy(dtype=object)
    missing = col.isna().to_numpy()
    unknown = obj == UNKNOWN
    na = obj == NOT_APPLICABLE
    values = pd.to_numeric(col.where(~(unknown | na | missing)), errors="coerce").to_numpy(float)
    numeric = ~np.isnan(values)
    if {bool, np.bool_} & set(map(type, obj)):
        is_bool = np.fromiter((isinstance(v, bool | np.bool_) for v in obj), bool, count=n)
    else:
        is_bool = np.zeros(n, dtype=bool)
    # a number given as text ("3") is not an answer: only "?" and "nvt" are text
    is_text = np.fromiter((isinstance(v, str) for v in obj), bool, count=n)
    ok = missing | unknown | (numeric & ~is_bool & ~is_text & np.isfinite(values))
    if item["type"] == "likert":
        ok &= ~numeric | ((values == np.round(values)) & (values >= 1) & (values <= 5))
        ok |= na & bool(item.get("allow_na"))
    else:
        ok &= ~numeric | ((values >= item["min"]) & (values <= item["max"]))
    if not ok.all():
        bad = int(np.flatnonzero(~ok)[0])
        raise ValueError(f"answer {obj[bad]!r} is not valid for item {item['id']!r} (row {bad})")
    status = np.select([missing, unknown, na], [_MISSING, _UNKNOWN, _NA], _ANSWERED)
    return status.astype(np.int8), np.where(numeric, values, np.nan)


def _colsum(columns: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum and count of the non-NaN entries, adding the columns left to right (as scan.js)."""
    total, count = np.zeros(n), np.zeros(n, dtype=int)
    for c in columns:
        present = ~np.isnan(c)
        total = total + np.where(present, c, 0.0)
        count = count + present
    return total, count


def _derive_many(
    bank: Bank, values: dict[str, np.ndarray], status: dict[str, np.ndarray], n: int
) -> tuple[dict[str, np.ndarray], list[tuple[np.ndarray, str]]]:
    """Derived measures (NaN = none) and findings ``(row mask, finding)`` of the number groups."""
    groups: dict[str, list[str]] = {}
    for item in bank.items:
        if item.get("derive") and item["id"] in values:
            groups.setdefault(item["derive"], []).append(item["id"])
    findings: list[tuple[np.ndarray, str]] = []
    state: dict[str, np.ndarray] = {}  # "ok" or "zero" rows: every group item a number
    totals: dict[str, np.ndarray] = {}
    for g, ids in groups.items():
        complete = np.all([status[i] == _ANSWERED for i in ids], axis=0)
        given = np.any([status[i] != _MISSING for i in ids], axis=0)
        total, _ = _colsum([np.where(complete, values[i], 0.0) for i in ids], n)
        state[g] = complete
        totals[g] = total
        findings.append((complete & (total == 0), f"inkomsten-nul:{g}"))
        findings.append((given & ~complete, f"inkomsten-onvolledig:{g}"))
    differs = _totals_differ(bank, groups, state, totals)
    for g, mask in differs.items():
        findings.append((mask, f"inkomsten-verschil:{g}"))
    out: dict[str, np.ndarray] = {}
    for d in bank.derived:
        kind = d["kind"]
        value = np.full(n, np.nan)
        if kind == "value":
            if d["item"] in values:
                value = values[d["item"]] * d.get("factor", 1)
        elif d["group"] in groups:
            g = d["group"]
            complete, total = state[g], totals[g]
            ok = complete & (total != 0) & ~differs.get(g, np.zeros(n, dtype=bool))
            if kind == "total":
                value = np.where(complete, total, np.nan)
            else:  # wijkcoop.finance holds these formulas (column form, same sums in order)
                amounts = {i: np.where(ok, values[i], 0.0) for i in groups[g]}  # bank order
                if kind == "share":
                    measure = finance.share_of_columns(amounts, d["numerator"])
                else:
                    measure = finance.herfindahl_columns(amounts.values())
                value = np.where(ok, measure, np.nan)
        out[d["id"]] = value
    return out, findings


def _totals_differ(
    bank: Bank,
    groups: dict[str, list[str]],
    complete: dict[str, np.ndarray],
    totals: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Rows where a group of ``equal_totals`` does not add up to the first (both complete)."""
    named = [g for g in bank.equal_totals if g in groups]
    if len(named) < 2:
        return {}
    first = named[0]
    return {
        g: complete[first] & complete[g] & ~finance.totals_agree(totals[first], totals[g])
        for g in named[1:]
    }


def score_many(
    bank: Bank,
    answers: pd.DataFrame | Sequence[dict[str, Any]],
    role: str | None = None,
    short: bool = False,
) -> ScoreTable:
    """Score many answer sets of one role and variant at once: the one scoring engine.

    ``answers`` is a DataFrame (one row per answer set, one column per item id; ``None``/NaN
    means not answered) or a sequence of mappings ``item_id -> 1..5 | "?" | "nvt" | number``.
    Every value is checked against its item (``ValueError`` otherwise). :func:`score` is the
    one-row case. The rules are in ``docs/scan-format.md``.
    """
    if bank.two_sided and role is not None and role not in bank.roles:
        raise ValueError(f"role {role!r} is not one of {bank.roles}")
    frame = _answer_frame(bank, answers)
    n = len(frame)
    items = bank.items_for(role, short)
    status, values = _checked_columns(bank, frame, {i["id"] for i in items})
    derived, findings = _derive_many(bank, values, status, n)
    counts = _part_counts(bank, items, status, n)
    part_cols = _part_scores(bank, items, values, derived, n)
    findings += _part_findings(bank, counts)
    cond_cols, cond_counts = _condition_scores(bank, part_cols, counts, n)
    part_ids, cond_ids, index = list(part_cols), list(cond_cols), frame.index
    return ScoreTable(
        bank=bank,
        role=role,
        short=short,
        parts=pd.DataFrame(part_cols, columns=part_ids, index=index, dtype=float),
        conditions=pd.DataFrame(cond_cols, columns=cond_ids, index=index, dtype=float),
        counts={k: pd.DataFrame(v, columns=part_ids, index=index) for k, v in counts.items()},
        condition_counts={
            k: pd.DataFrame(v, columns=cond_ids, index=index) for k, v in cond_counts.items()
        },
        derived=pd.DataFrame(derived, columns=[d["id"] for d in bank.derived], index=index),
        completeness=pd.Series(
            _completeness(bank, items, counts, n), index=index, name="volledigheid"
        ),
        findings=_row_findings(findings, n),
    )


def _checked_columns(
    bank: Bank, frame: pd.DataFrame, in_play: set[str]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(status, value) per item in play; every answer is checked, in play or not."""
    status: dict[str, np.ndarray] = {}
    values: dict[str, np.ndarray] = {}
    for item in bank.items:
        st, vals = _column(frame, item)
        if item["id"] in in_play:
            status[item["id"]], values[item["id"]] = st, vals
    return status, values


def _part_counts(
    bank: Bank, items: list[dict], status: dict[str, np.ndarray], n: int
) -> dict[str, dict[str, np.ndarray]]:
    """Per count (``n_items``, ``n_answered`` …) and part: the number per answer set."""
    zeros = np.zeros(n, dtype=int)
    counts = {k: {p: zeros for p in bank.parts_by_id} for k in COUNTS}
    for item in items:
        st, pid = status[item["id"]], item["part"]
        counts["n_items"][pid] = counts["n_items"][pid] + 1
        counts["n_answered"][pid] = counts["n_answered"][pid] + (st == _ANSWERED)
        counts["n_unknown"][pid] = counts["n_unknown"][pid] + (st == _UNKNOWN)
        counts["n_na"][pid] = counts["n_na"][pid] + (st == _NA)
        counts["n_missing"][pid] = counts["n_missing"][pid] + (st == _MISSING)
    return counts


def _part_scores(
    bank: Bank,
    items: list[dict],
    values: dict[str, np.ndarray],
    derived: dict[str, np.ndarray],
    n: int,
) -> dict[str, np.ndarray]:
    """Per part: the mean of its likert scores and derived-measure scores (NaN: none)."""
    scored: dict[str, list[np.ndarray]] = {p: [] for p in bank.parts_by_id}
    for item in items:
        if item["type"] == "likert":  # NaN where not a number
            scored[item["part"]].append(likert_score(item, values[item["id"]]))
    for d in bank.derived:
        if "part" in d:
            s = d["score"]
            scored[d["part"]].append(threshold_score(derived[d["id"]], s["good"], s["bad"]))
    return {pid: _mean(scored[pid], n) for c in bank.conditions for pid in _parts_of(c)}


def _part_findings(
    bank: Bank, counts: dict[str, dict[str, np.ndarray]]
) -> list[tuple[np.ndarray, str]]:
    """Findings per part: many "weet ik niet" answers, or every item "niet van toepassing"."""
    findings = []
    for pid in (p for c in bank.conditions for p in _parts_of(c)):
        c = {k: counts[k][pid] for k in COUNTS}
        rated = c["n_items"] - c["n_na"]
        with np.errstate(divide="ignore", invalid="ignore"):
            few = (rated > 0) & (c["n_unknown"] / np.maximum(rated, 1) >= UNKNOWN_FINDING_SHARE)
        findings.append((few, f"weinig-bekend:{pid}"))
        all_na = (c["n_items"] > 0) & (c["n_na"] == c["n_items"])
        findings.append((all_na, f"niet-van-toepassing:{pid}"))
    return findings


def _condition_scores(
    bank: Bank,
    part_cols: dict[str, np.ndarray],
    counts: dict[str, dict[str, np.ndarray]],
    n: int,
) -> tuple[dict[str, np.ndarray], dict[str, dict[str, Any]]]:
    """Per condition: the mean of its part scores, and its counts (the sums of its parts')."""
    zeros = np.zeros(n, dtype=int)
    cond_cols: dict[str, np.ndarray] = {}
    cond_counts: dict[str, dict[str, Any]] = {k: {} for k in COUNTS}
    for cond in bank.conditions:
        pids = _parts_of(cond)
        cond_cols[cond["id"]] = _mean([part_cols[p] for p in pids], n)
        for k in COUNTS:
            cond_counts[k][cond["id"]] = sum((counts[k][p] for p in pids), zeros)
    return cond_cols, cond_counts


def _completeness(
    bank: Bank, items: list[dict], counts: dict[str, dict[str, np.ndarray]], n: int
) -> np.ndarray:
    """Share of the items in play answered (a value, "weet ik niet" or "nvt"), per answer set."""
    done = sum(
        (counts[k][p] for k in ("n_answered", "n_unknown", "n_na") for p in bank.parts_by_id),
        np.zeros(n, dtype=int),
    )
    return done / len(items) if items else np.zeros(n)


def _row_findings(findings: list[tuple[np.ndarray, str]], n: int) -> list[list[str]]:
    """The findings ``(row mask, code)`` as a sorted list of codes per answer set."""
    rows: list[list[str]] = [[] for _ in range(n)]
    for mask, code in findings:
        for i in np.flatnonzero(mask):
            rows[i].append(code)
    return [sorted(codes) for codes in rows]


def _parts_of(condition: dict) -> list[str]:
    return [p["id"] for p in condition["parts"]]


def _mean(columns: list[np.ndarray], n: int) -> np.ndarray:
    """Mean of the non-NaN entries per row, NaN where there are none (sums as scan.js)."""
    total, count = _colsum(columns, n)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def score(
    bank: Bank, answers: dict[str, Any], role: str | None = None, short: bool = False
) -> ScanResult:
    """Score one answer set (``item_id -> 1..5 | "?" | "nvt" | number``): the one-row case.

    :func:`score_many` checks every answer (``ValueError`` for an unknown item or a value
    its item does not take).
    """
    given = {k: v for k, v in answers.items() if v is not None}
    frame = pd.DataFrame({k: pd.Series([v], dtype=object) for k, v in given.items()}, index=[0])
    if not given:
        frame = pd.DataFrame(index=[0])
    return score_many(bank, frame, role, short).row(0)


def advice_parts(bank: Bank, result: ScanResult, n: int = 3) -> list[str]:
    """The parts that get advice: the ``n`` weakest scoring below the bank's ``advice_below``."""
    cut = bank.advice_below
    weak = result.weakest(n)  # scored parts only: part_score is never None here
    return weak if cut is None else [p for p in weak if (result.part_score(p) or 0.0) < cut]


def round_half_up(x: float) -> int:
    """A score as the UI shows it: a whole number, half up (JavaScript's ``Math.round``)."""
    return math.floor(x + 0.5)


def compare(current: ScanResult, reference: ScanResult) -> pd.DataFrame:
    """Change (or gap) per part and condition: ``current - reference``; None when one is null.

    Sign convention (docs/scan-format.md, "Signs of differences"): over time ``current`` is
    now and ``reference`` earlier (nu min eerder); for a two-sided bank pass the first role's
    result as ``current`` (wijkcoöperatie min gemeente). ``verschil`` is exact;
    ``nu_getoond`` and ``eerder_getoond`` are the scores as the page shows them (whole numbers,
    half up) and ``verschil_getoond`` is their difference.
    """
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
                    "nu_getoond": None if a is None else round_half_up(a),
                    "eerder_getoond": None if b is None else round_half_up(b),
                    "verschil_getoond": None
                    if a is None or b is None
                    else round_half_up(a) - round_half_up(b),
                }
            )
    return pd.DataFrame(rows)
