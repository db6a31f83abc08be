"""Income-mix measures of a cooperative's verdienmodel (neutral: used by impact and the scan).

All functions take plain amounts (non-negative numbers). A total income of zero gives
``None`` rather than a division by zero, as the scan format (docs/scan-format.md) requires.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import TypeGuard

import numpy as np

#: Kinds of income that count as external financing (the essay's third component).
EXTERNAL_KINDS = frozenset({"subsidie", "fonds", "donatie"})
#: Every kind of income the income rows may name (as in impact-inkomsten.schema.json).
INCOME_KINDS = ("subsidie", "fonds", "donatie", "opdracht", "verkoop", "verhuur")


def _is_number(v: object) -> TypeGuard[float]:
    return isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)


def _amounts(values: Iterable[float]) -> list[float]:
    out = []
    for v in values:
        if not _is_number(v):
            raise ValueError(f"income amounts must be numbers, got {v!r}")
        if v < 0:
            raise ValueError(f"income amounts must be >= 0, got {v!r}")
        out.append(float(v))
    return out


def shares(amounts: Iterable[float]) -> list[float] | None:
    """Each amount as a share of the total (``None`` when the total is zero)."""
    vals = _amounts(amounts)
    total = sum(vals)
    if total == 0:
        return None
    return [v / total for v in vals]


def herfindahl(amounts: Iterable[float]) -> float | None:
    """Herfindahl index of income sources: the sum of squared shares, from 1/n to 1.

    1 means one single source; with n equal sources it is 1/n. ``None`` for zero income.
    """
    s = shares(amounts)
    return None if s is None else sum(x * x for x in s)


def share_of(by_kind: Mapping[str, float], kinds: Iterable[str]) -> float | None:
    """Share of income whose kind is in ``kinds`` (e.g. ``{"subsidie"}``)."""
    kinds = set(kinds)
    vals = dict(zip(by_kind, _amounts(by_kind.values()), strict=True))
    total = sum(vals.values())
    if total == 0:
        return None
    return sum(v for k, v in vals.items() if k in kinds) / total


def share_of_columns(by_kind: Mapping[str, np.ndarray], kinds: Iterable[str]) -> np.ndarray:
    """:func:`share_of` for many rows at once: one NumPy column of amounts per kind.

    The same sums in the same order (left to right over ``by_kind``); rows with a total of zero
    give NaN (where :func:`share_of` gives ``None``). The caller checks the amounts.
    """
    kinds = set(kinds)
    cols = list(by_kind.values())
    total = _column_sum(cols)
    top = _column_sum([v for k, v in by_kind.items() if k in kinds], like=cols[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total != 0, top / np.where(total != 0, total, 1.0), np.nan)


def herfindahl_columns(columns: Iterable[np.ndarray]) -> np.ndarray:
    """:func:`herfindahl` for many rows at once (NaN for a total of zero), same sums in order."""
    cols = list(columns)
    total = _column_sum(cols)
    ok = total != 0
    safe = np.where(ok, total, 1.0)
    shares = [c / safe for c in cols]
    return np.where(ok, _column_sum([x * x for x in shares]), np.nan)


def _column_sum(cols: list, like=None):
    """Row sums adding the columns left to right (as Python's ``sum`` adds the amounts)."""
    total = np.zeros(len(cols[0]) if cols else len(like))
    for c in cols:
        total = total + c
    return total


#: Two totals of the same money "agree" when they differ by less than this (1 euro): amounts in
#: cents typed in two ways never differ by that much, a forgotten payer always does.
TOTAL_TOLERANCE = 1.0


def totals_agree(a, b):
    """Whether two totals of the same money agree (numbers or NumPy columns, element-wise).

    The scan asks the income twice, by kind and by payer (``equal_totals`` in the bank); when
    they do not agree, the measures over the payers are withheld (docs/scan-format.md).
    """
    return np.abs(np.subtract(a, b)) < TOTAL_TOLERANCE


def subsidy_share(by_kind: Mapping[str, float]) -> float | None:
    """Share of income that is subsidy."""
    return share_of(by_kind, {"subsidie"})


def largest_share(by_payer: Mapping[str, float]) -> tuple[str, float] | None:
    """The payer (client) with the largest share of income, and that share."""
    vals = dict(zip(by_payer, _amounts(by_payer.values()), strict=True))
    total = sum(vals.values())
    if total == 0:
        return None
    name = max(vals, key=lambda k: vals[k])
    return name, vals[name] / total


def income_mix(rows: Iterable[Mapping[str, object]]):
    """Per year: total, Herfindahl over sources, subsidy and external share, largest payer.

    ``rows`` are records with ``jaar``, ``bron``, ``soort``, ``betaler`` and ``bedrag``
    (the ``impact-inkomsten`` dataset). Returns a pandas DataFrame, one row per year.
    """
    import pandas as pd

    rows = list(rows)
    for i, row in enumerate(rows):
        if row.get("soort") not in INCOME_KINDS:
            raise ValueError(
                f"income row {i} ({row.get('bron')!r}, {row.get('jaar')!r}): unknown kind "
                f"{row.get('soort')!r}; expected one of {INCOME_KINDS}"
            )
        amount = row.get("bedrag")
        if not _is_number(amount) or amount < 0:
            raise ValueError(
                f"income row {i} ({row.get('bron')!r}, {row.get('jaar')!r}): amount must be a "
                f"number >= 0, got {amount!r}; a missing amount is not counted as zero"
            )
    df = pd.DataFrame(rows)
    out = []
    for year, g in df.groupby("jaar", sort=True):
        by_source = g.groupby("bron")["bedrag"].sum()
        by_kind = g.groupby("soort")["bedrag"].sum().to_dict()
        by_payer = g.groupby("betaler")["bedrag"].sum().to_dict()
        largest = largest_share(by_payer)
        out.append(
            {
                "jaar": int(year),
                "totaal": float(g["bedrag"].sum()),
                "aantal_bronnen": len(by_source),
                "herfindahl": herfindahl(by_source.tolist()),
                "subsidieaandeel": subsidy_share(by_kind),
                "extern_aandeel": share_of(by_kind, EXTERNAL_KINDS),
                "grootste_betaler": None if largest is None else largest[0],
                "aandeel_grootste_betaler": None if largest is None else largest[1],
            }
        )
    return pd.DataFrame(out)
