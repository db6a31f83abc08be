"""What a reader sees of one scan result as tables (the trainers' notebook).

Readers see titles and sentences, never the ids and codes a developer works with
(``sociaal-kapitaal``, ``weinig-bekend:steun-uitvoering``). The titles of conditions, parts and
derived measures come from the bank (``data/scan/<bank>.yaml``), the sentence of each finding
from ``data/scan/messages.yaml`` (``finding-<code>``): nothing is typed here. Each function
returns a DataFrame with Dutch column names, for :func:`wijkcoop.dutch.table`; the engine's own
frames and lists (``ScanWidget.to_dataframe()``, ``ScanResult.findings``) keep the codes.
"""

from __future__ import annotations

import pandas as pd

from wijkcoop import dutch
from wijkcoop.scan import exchange
from wijkcoop.scan.bank import Bank
from wijkcoop.scan.scoring import ScanResult

#: The columns of :func:`answers`, from the columns of ``ScanWidget.to_dataframe()``.
ANSWER_COLUMNS = {
    "voorwaarde": "Voorwaarde",
    "deel": "Onderdeel",
    "stelling": "Stelling",
    "antwoord": "Antwoord",
    "itemscore": "Itemscore",
}


def finding_text(result: ScanResult, finding: str) -> str:
    """The Dutch sentence for one finding ``<code>:<id>`` of ``result``."""
    code, _, ident = finding.partition(":")
    key = f"finding-{code}"
    if key not in exchange.MESSAGES:
        raise KeyError(f"finding {finding!r}: data/scan/messages.yaml has no text {key!r}")
    row = next((r for r in result.part_rows if r["part"] == ident), None)
    if row is None:  # a finding about a group of amounts, not about a part
        return exchange.message(key)
    asked = row["n_items"] - row["n_na"]
    return exchange.message(key, part=row["title"], unknown=row["n_unknown"], asked=asked)


def findings(result: ScanResult) -> pd.DataFrame:
    """One row per finding (column ``Melding``); the same sentence twice is shown once."""
    texts = dict.fromkeys(finding_text(result, f) for f in result.findings)
    return pd.DataFrame({"Melding": list(texts)}, dtype="object")


def derived(bank: Bank, result: ScanResult) -> pd.DataFrame:
    """The derived measures: ``Maat`` (their title in the bank) and ``Waarde`` (Dutch).

    A total is shown in euro, every other measure as a number with three decimals (shares as
    a fraction of 0 to 1); a measure without a value shows a dash.
    """
    rows = []
    for d in bank.derived:
        if d["id"] not in result.derived:
            continue
        value = result.derived[d["id"]]
        shown = dutch.euro(value) if d["kind"] == "total" else dutch.number(value, 3)
        rows.append({"Maat": d["title"], "Waarde": shown})
    return pd.DataFrame(rows, columns=["Maat", "Waarde"], dtype="object")


def answers(bank: Bank, frame: pd.DataFrame) -> pd.DataFrame:
    """``ScanWidget.to_dataframe()`` (or rows of it) with titles for condition and part."""
    shown = frame[list(ANSWER_COLUMNS)].copy()
    for col in ("voorwaarde", "deel"):
        shown[col] = shown[col].map(bank.title_of)
    return shown.rename(columns=ANSWER_COLUMNS)
