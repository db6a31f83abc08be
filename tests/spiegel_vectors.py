"""Test vectors for the relatiespiegel, computed by the exact-fraction reference scorer.

The scorer (``tests/scan_reference.py``) is written from docs/scan-format.md, not from
wijkcoop.scan. Regenerate after a change of data/scan/relatiespiegel.yaml with::

    .venv/bin/python -m tests.spiegel_vectors
"""

from __future__ import annotations

import json

import yaml

from tests.scan_reference import ROOT, reference_score

BANK_FILE = ROOT / "data" / "scan" / "relatiespiegel.yaml"
OUT = ROOT / "data" / "scan" / "test-vectors-relatiespiegel.json"


def cases(bank: dict) -> list[dict]:
    ids = [i["id"] for i in bank["items"]]
    short = [i["id"] for i in bank["items"] if i["short"]]
    may_na = {i["id"] for i in bank["items"] if i.get("allow_na")}
    out = [
        {"name": "leeg-cooperatie", "role": "cooperatie", "answers": {}},
        {
            "name": "alles-weet-ik-niet-gemeente",
            "role": "gemeente",
            "answers": dict.fromkeys(ids, "?"),
        },
        {"name": "alles-4-cooperatie", "role": "cooperatie", "answers": dict.fromkeys(ids, 4)},
        {"name": "alles-4-gemeente", "role": "gemeente", "answers": dict.fromkeys(ids, 4)},
        {"name": "alles-1-gemeente", "role": "gemeente", "answers": dict.fromkeys(ids, 1)},
        {
            "name": "gemengd-cooperatie",
            "role": "cooperatie",
            "answers": {i: [2, 4, 5, "?", 3, 1, 4][k % 7] for k, i in enumerate(ids)},
        },
        {
            "name": "gemengd-gemeente",
            "role": "gemeente",
            "answers": {i: [4, 4, 3, 5, "?", 2][k % 6] for k, i in enumerate(ids) if k % 5 != 4},
        },
        {
            "name": "niet-van-toepassing-gemeente",
            "role": "gemeente",
            "answers": {
                i: ("nvt" if i in may_na else [3, "?", 5][k % 3]) for k, i in enumerate(ids)
            },
        },
        {
            "name": "korte-versie-cooperatie",
            "role": "cooperatie",
            "short": True,
            "answers": {i: [5, 3, 2, 4][k % 4] for k, i in enumerate(short)},
        },
    ]
    return out


def build() -> dict:
    bank = yaml.safe_load(BANK_FILE.read_text("utf-8"))
    out = []
    for case in cases(bank):
        expected = reference_score(bank, case["answers"], case["role"], case.get("short", False))
        out.append({**case, "expected": expected})
    return {"bank_id": bank["bank_id"], "bank_version": bank["version"], "cases": out}


def main() -> None:
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
