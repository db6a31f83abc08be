"""An independent reference implementation of the scan scoring, in exact fractions.

It is written from docs/scan-format.md, not from wijkcoop.scan, and produces the shared test
vectors in data/scan/test-vectors-<bank_id>.json that both the Python engine and scan.js must
reproduce (to 1e-9). Regenerate after a bank change with::

    .venv/bin/python -m tests.scan_reference duurzaamheidsscan relatiespiegel
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction as F
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _num(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def reference_score(bank: dict, answers: dict, role=None, short=False) -> dict:
    items = [
        i
        for i in bank["items"]
        if (not short or i["short"]) and (role is None or role in i.get("roles", [role]))
    ]
    ids = {i["id"] for i in items}
    per_part: dict[str, list[F]] = {}
    count: dict[str, list[int]] = {}  # part -> [items, answered, unknown, not applicable]
    for i in items:
        c = count.setdefault(i["part"], [0, 0, 0, 0])
        c[0] += 1
        v = answers.get(i["id"])
        if v == "?":
            c[2] += 1
        elif v == "nvt":
            assert i.get("allow_na"), f"nvt is not allowed for {i['id']}"
            c[3] += 1
        elif v is not None:
            c[1] += 1
            if i["type"] == "likert":
                x = F(v) - 1 if not i.get("reverse") else 5 - F(v)
                per_part.setdefault(i["part"], []).append(x * 25)
    findings = []
    derived = {}
    groups: dict[str, list] = {}
    for i in items:
        if i.get("derive"):
            groups.setdefault(i["derive"], []).append(answers.get(i["id"]))
    state = {}
    for g, vals in groups.items():
        if all(_num(v) for v in vals):
            state[g] = "zero" if sum(F(v) for v in vals) == 0 else "ok"
            if state[g] == "zero":
                findings.append(f"inkomsten-nul:{g}")
        elif any(v is not None for v in vals):
            state[g] = "incomplete"
            findings.append(f"inkomsten-onvolledig:{g}")

    # equal_totals: a later group that does not add up to the first (both complete, 1 euro or
    # more apart) keeps its total but its share and herfindahl are withheld, with a finding.
    def group_total(g):
        return sum(F(answers[i["id"]]) for i in items if i.get("derive") == g)

    equal = [g for g in bank.get("equal_totals", []) if g in groups]
    withheld = set()
    if len(equal) >= 2 and state.get(equal[0]) in ("ok", "zero"):
        for g in equal[1:]:
            if state.get(g) in ("ok", "zero") and abs(group_total(g) - group_total(equal[0])) >= 1:
                withheld.add(g)
                findings.append(f"inkomsten-verschil:{g}")
    for d in bank.get("derived", []):
        val = None
        if d["kind"] == "value":
            v = answers.get(d["item"])
            if d["item"] in ids and _num(v):
                val = F(v) * F(d.get("factor", 1))
        elif state.get(d["group"]) in ("ok", "zero"):
            members = [i for i in items if i.get("derive") == d["group"]]
            total = sum(F(answers[i["id"]]) for i in members)
            if d["kind"] == "total":
                val = total
            elif d["group"] in withheld:
                val = None
            elif total > 0 and d["kind"] == "share":
                val = sum(F(answers[i["id"]]) for i in members if i["id"] in d["numerator"]) / total
            elif total > 0 and d["kind"] == "herfindahl":
                val = sum((F(answers[i["id"]]) / total) ** 2 for i in members)
        derived[d["id"]] = val
        if val is not None and "part" in d:
            good, bad = F(d["score"]["good"]), F(d["score"]["bad"])
            t = min(F(1), max(F(0), (val - bad) / (good - bad)))
            per_part.setdefault(d["part"], []).append(100 * t)
    parts, conditions = {}, {}
    for cond in bank["conditions"]:
        scores = []
        for part in cond["parts"]:
            vals = per_part.get(part["id"], [])
            parts[part["id"]] = sum(vals) / len(vals) if vals else None
            if parts[part["id"]] is not None:
                scores.append(parts[part["id"]])
            n, _, unknown, na = count.get(part["id"], [0, 0, 0, 0])
            if n - na > 0 and F(unknown, n - na) >= F(1, 2):
                findings.append(f"weinig-bekend:{part['id']}")
            if n > 0 and na == n:
                findings.append(f"niet-van-toepassing:{part['id']}")
        conditions[cond["id"]] = sum(scores) / len(scores) if scores else None
    done = sum(c[1] + c[2] + c[3] for c in count.values())
    total_items = sum(c[0] for c in count.values())

    def fl(x):
        return None if x is None else float(x)

    return {
        "parts": {k: fl(v) for k, v in parts.items()},
        "conditions": {k: fl(v) for k, v in conditions.items()},
        "completeness": float(F(done, total_items)) if total_items else 0.0,
        "derived": {k: fl(v) for k, v in derived.items()},
        "findings": sorted(findings),
    }


# Amounts of bank 1.1.0: by kind of income and by payer (the municipality is one payer).
INCOME = [
    "ink-vastgoed",
    "ink-opdrachten-gemeente",
    "ink-diensten-overig",
    "ink-subsidie",
    "ink-fondsen",
    "ink-overig",
]
PAYERS = [
    "ink-betaler-gemeente",
    "ink-betaler-grootste",
    "ink-betaler-tweede",
    "ink-betaler-rest",
]


def cases_duurzaamheidsscan(bank: dict) -> list[dict]:
    likert = [i["id"] for i in bank["items"] if i["type"] == "likert"]
    every = [i["id"] for i in bank["items"]]

    def income(kinds, payers):
        return {
            **dict(zip(INCOME, kinds, strict=True)),
            **dict(zip(PAYERS, payers, strict=True)),
        }

    cases = [
        ("leeg", {}, {}),
        ("alles-weet-ik-niet", {i: "?" for i in every}, {}),
        ("alles-5", {**{i: 5 for i in likert}, **income([1] * 6, [2, 2, 1, 1])}, {}),
        ("alles-1", {**{i: 1 for i in likert}, **income([0, 0, 0, 100, 0, 0], [100, 0, 0, 0])}, {}),
        (
            "half-beantwoord",
            {i: (k % 5) + 1 for k, i in enumerate(likert) if k % 2 == 0},
            {},
        ),
        (
            "half-weet-ik-niet",
            {i: ("?" if k % 2 else 4) for k, i in enumerate(likert)},
            {},
        ),
        ("nul-inkomsten", {**income([0] * 6, [0] * 4)}, {}),
        (
            "inkomsten-onvolledig",
            {**income([1000, "?", 0, 5000, 0, 0], [6000, "?", 0, 0])},
            {},
        ),
        (
            # external share exactly 0.3 and Herfindahl over payers exactly 0.3 (both "good")
            "grenswaarden",
            {**income([30, 0, 0, 30, 0, 40], [40, 30, 20, 10])},
            {},
        ),
        (
            # external funding (subsidy + funds) exactly 0.7 ("bad")
            "extern-precies-70",
            {**income([10, 10, 0, 40, 30, 10], [70, 30, 0, 0])},
            {},
        ),
        (
            "grote-bedragen",
            {**income([99999999.5, 0, 0, 0.5, 0, 0], [99999999.5, 0.5, 0, 0])},
            {},
        ),
        (
            # issue 20.3: the payers (20.000) do not add up to the income (100.000)
            "betalers-tellen-niet-op",
            {**income([10000, 40000, 0, 50000, 0, 0], [20000, 0, 0, 0])},
            {},
        ),
        (
            # cents typed differently: 0,50 apart still agree
            "betalers-halve-euro-verschil",
            {**income([10000, 40000, 0, 50000, 0, 0.5], [90000, 10000, 0, 0])},
            {},
        ),
        (
            # exactly 1 euro apart: do not agree
            "betalers-een-euro-verschil",
            {**income([10000, 40000, 0, 50000, 0, 1], [90000, 10000, 0, 0])},
            {},
        ),
        (
            "betalers-maar-geen-inkomsten",
            {**income([0] * 6, [5000, 0, 0, 0])},
            {},
        ),
        (
            "alleen-betalers",
            {**income(["?"] * 6, [50000, 20000, 20000, 10000])},
            {},
        ),
        (
            "gemengd",
            {
                **{i: [4, 2, 5, 3, "?", 1][k % 6] for k, i in enumerate(likert)},
                **income([12000, 30000, 8000, 45000, 5000, 0], [70000, 15000, 10000, 5000]),
            },
            {},
        ),
        (
            "korte-versie",
            {i: [5, 4, 3, 2, 1, "?"][k % 6] for k, i in enumerate(likert)},
            {"short": True},
        ),
        (
            "korte-versie-met-inkomsten",
            {
                **{i: [5, 4, 3, 2, 1, "?"][k % 6] for k, i in enumerate(likert)},
                **income([0, 0, 0, 100, 0, 0], [100, 0, 0, 0]),
            },
            {"short": True},
        ),
    ]
    cases += nvt_cases(bank)
    return [{"name": name, "answers": answers, **opts} for name, answers, opts in cases]


def nvt_cases(bank: dict, role=None) -> list[tuple[str, dict, dict]]:
    """Cases with "nvt" (niet van toepassing), for banks whose items allow it."""
    opts = {} if role is None else {"role": role}
    likert = [
        i
        for i in bank["items"]
        if i["type"] == "likert" and (role is None or role in i.get("roles", [role]))
    ]
    na = [i["id"] for i in likert if i.get("allow_na")]
    if not na:
        return []
    na_parts = {i["part"] for i in likert if i.get("allow_na")}
    # every allow_na item nvt, the other items of those parts "weet ik niet": not a knowledge gap
    # unless they are half of the rest; items elsewhere answered 4
    gap = {
        i["id"]: "nvt" if i.get("allow_na") else ("?" if i["part"] in na_parts else 4)
        for i in likert
    }
    return [
        ("nvt-waar-het-kan", {i["id"]: "nvt" if i.get("allow_na") else 4 for i in likert}, opts),
        ("nvt-en-weet-ik-niet", gap, opts),
        ("nvt-een-keer", {na[0]: "nvt", **{i["id"]: 2 for i in likert if i["id"] != na[0]}}, opts),
        ("nvt-alleen", {i: "nvt" for i in na}, opts),
    ]


def cases_relatiespiegel(bank: dict) -> list[dict]:
    ids = [i["id"] for i in bank["items"]]
    short = [i["id"] for i in bank["items"] if i["short"]]

    def role_ids(role):
        return [i["id"] for i in bank["items"] if role in i.get("roles", [role])]

    out = [
        {"name": "leeg-cooperatie", "role": "cooperatie", "answers": {}},
        {
            "name": "alles-weet-ik-niet-gemeente",
            "role": "gemeente",
            "answers": dict.fromkeys(role_ids("gemeente"), "?"),
        },
        {
            "name": "alles-4-cooperatie",
            "role": "cooperatie",
            "answers": dict.fromkeys(role_ids("cooperatie"), 4),
        },
        {
            "name": "alles-4-gemeente",
            "role": "gemeente",
            "answers": dict.fromkeys(role_ids("gemeente"), 4),
        },
        {
            "name": "alles-1-gemeente",
            "role": "gemeente",
            "answers": dict.fromkeys(role_ids("gemeente"), 1),
        },
        {
            "name": "gemengd-cooperatie",
            "role": "cooperatie",
            "answers": {
                i: [2, 4, 5, "?", 3, 1, 4][k % 7]
                for k, i in enumerate(ids)
                if i in role_ids("cooperatie")
            },
        },
        {
            "name": "gemengd-gemeente",
            "role": "gemeente",
            "answers": {
                i: [4, 4, 3, 5, "?", 2][k % 6]
                for k, i in enumerate(ids)
                if k % 5 != 4 and i in role_ids("gemeente")
            },
        },
        {
            "name": "korte-versie-cooperatie",
            "role": "cooperatie",
            "short": True,
            "answers": {
                i: [5, 3, 2, 4][k % 4] for k, i in enumerate(short) if i in role_ids("cooperatie")
            },
        },
    ]
    for role in bank.get("roles") or []:
        for name, answers, opts in nvt_cases(bank, role):
            out.append({"name": f"{name}-{role}", "answers": answers, **opts})
    return out


def build(bank_id: str, path: Path | None = None) -> dict:
    path = path or ROOT / "data" / "scan" / f"{bank_id}.yaml"
    bank = yaml.safe_load(path.read_text("utf-8"))
    maker = globals()[f"cases_{bank_id.replace('-', '_')}"]
    cases = []
    for case in maker(bank):
        expected = reference_score(
            bank, case["answers"], case.get("role"), case.get("short", False)
        )
        cases.append({**case, "expected": expected})
    return {"bank_id": bank["bank_id"], "bank_version": bank["version"], "cases": cases}


def main(argv: list[str]) -> None:
    for bank_id in argv or ["duurzaamheidsscan"]:
        out = ROOT / "data" / "scan" / f"test-vectors-{bank_id}.json"
        text = json.dumps(build(bank_id), ensure_ascii=False, indent=1) + "\n"
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
