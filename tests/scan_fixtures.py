"""Shared helpers for the scan tests (Python and browser)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent / "data" / "scan"
TWO_SIDED = HERE / "tweezijdig.yaml"


def bad_imports() -> list[dict]:
    """The bad export files, each with the code it must be refused with."""
    doc = json.loads((HERE / "bad-imports.json").read_text(encoding="utf-8"))
    out = []
    for case in doc["cases"]:
        content = case["content"]
        if content is None:
            pad = case["pad_notes_to_bytes"]
            content = json.dumps(
                {
                    "format": "wijkcoop-scan-export",
                    "bank_id": doc["bank_id"],
                    "bank_version": "1.0.0",
                    "notes": "z" * pad,
                    "answers": {},
                }
            )
        out.append({"name": case["name"], "code": case["code"], "content": content})
    return out
