"""Scan across editions: an export made with any edition's bank imports into the newest bank.

The banks checked: every bank of every edition listed in data/edities/edities.yaml (read from
the edition's commit with git), and every archived bank in data/scan/archief/ (the released
versions the migrations start from). For each, answers are generated with that bank, exported
with that bank's version and imported with the current bank through the documented migration
(docs/scan-format.md): the import succeeds and every answer to an item that still exists (or is
mapped) arrives.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
import yaml

from wijkcoop.publish import catalogue
from wijkcoop.scan import load_bank, load_bank_path
from wijkcoop.scan.exchange import make_export, migrate_report, parse_export
from wijkcoop.synthetic import make_answers

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "data" / "scan" / "archief"


def _old_banks(tmp: Path) -> list[tuple[str, Path]]:
    found = [(f"archief/{p.name}", p) for p in sorted(ARCHIVE.glob("*.yaml"))]
    for ed in catalogue.load(ROOT):
        for bank_id in ed.banks:
            rel = f"data/scan/{bank_id}.yaml"
            text = subprocess.run(
                ["git", "-C", str(ROOT), "show", f"{ed.commit}:{rel}"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            path = tmp / f"{ed.version}-{bank_id}.yaml"
            path.write_text(text, encoding="utf-8")
            found.append((f"editie {ed.version}/{bank_id}", path))
    return found


def _cases() -> list[str]:
    return [p.name for p in sorted(ARCHIVE.glob("*.yaml"))] + [
        f"{ed.version}:{b}" for ed in catalogue.load(ROOT) for b in ed.banks
    ]


def test_there_are_old_banks_to_check(tmp_path):
    banks = _old_banks(tmp_path)
    assert len(banks) >= 2, banks
    for _, path in banks:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["bank_id"] in {"duurzaamheidsscan", "relatiespiegel"}


@pytest.mark.parametrize("case", _cases())
def test_old_export_imports_into_the_newest(case, tmp_path):
    banks = dict(_old_banks(tmp_path))
    key = f"archief/{case}" if ":" not in case else "editie {}/{}".format(*case.split(":"))
    old = load_bank_path(banks[key])
    new = load_bank(old.bank_id)
    role = old.roles[0] if old.roles else None
    for seed in range(3):
        answers = make_answers(old, np.random.default_rng(seed), {}, p_unknown=0.1)
        doc = make_export(
            old, answers, organisation="Test", role=role, exported_at="2026-01-01T10:00:00Z"
        )
        assert doc["bank_version"] == old.version
        result = parse_export(json.dumps(doc), new)  # raises ExportError if refused
        expected, report = migrate_report(new, dict(doc["answers"]), old.version)
        assert result.answers == expected
        removed = {e["from"] for e in report if e["kind"] == "removed"}
        kept = {k for k in doc["answers"] if k not in removed}
        assert kept, "nothing carried over"
        if old.version == new.version:
            assert result.answers == doc["answers"]
