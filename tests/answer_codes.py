"""Shared vectors of the answer code: ``tests/data/answer-codes.json`` (Python and JS read them).

Regenerate after a change of the format or the banks: ``python -m tests.answer_codes``.
Made from the synthetic answers of :mod:`wijkcoop.synthetic` (amounts, "weet ik niet", both
sides of the relatiespiegel) plus codes that must be refused, each with its refusal code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wijkcoop import synthetic
from wijkcoop.scan.answercode import check, encode
from wijkcoop.scan.bank import load_bank

PATH = Path(__file__).parent / "data" / "answer-codes.json"


def _vectors() -> dict[str, Any]:
    """The shared vectors (tests/data/answer-codes.json), made from the synthetic answers."""
    out: dict[str, Any] = {"good": [], "bad": []}
    for bank_id in ("duurzaamheidsscan", "relatiespiegel"):
        bank = load_bank(bank_id)
        for n, made in enumerate(
            synthetic.generate(bank_id, n_orgs=3, rounds=["ronde-1"], seed=18)
        ):
            doc = made["export"]
            answers = doc["answers"]
            code = encode(bank, answers, doc.get("role"), round=n % 3, pair=n % 2)
            out["good"].append(
                {
                    "bank": bank_id,
                    "answers": answers,
                    "role": doc.get("role"),
                    "round": n % 3,
                    "pair": n % 2,
                    "code": code,
                }
            )
    good = out["good"][0]["code"]
    flipped = good[:30] + ("A" if good[30] != "A" else "B") + good[31:]
    bad = {
        "code-checksum": [flipped, good[:-1] + ("0" if good[-1] != "0" else "1")],
        "code-not-code": ["hallo", "WK1-ABC"],
        "code-future-format": ["WK2-DUURZAAMHEIDSSCAN-1.1.0-0-0-0-0-0000"],
        "code-unknown-bank": [_rebank(good, "ONBEKENDESCAN")],
        "code-old-version": [_reversion(good, "1.0.0")],
        "code-future-version": [_reversion(good, "9.0.0")],
    }
    out["bad"] = [{"code": c, "error": k} for k, codes in bad.items() for c in codes]
    return out


def _rebank(code: str, bank: str) -> str:
    fields = code.split("-")[:-1]
    fields[1] = bank
    body = "-".join(fields)
    return f"{body}-{check(body)}"


def _reversion(code: str, version: str) -> str:
    fields = code.split("-")[:-1]
    fields[2] = version
    body = "-".join(fields)
    return f"{body}-{check(body)}"


if __name__ == "__main__":
    PATH.write_text(json.dumps(_vectors(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {PATH}")
