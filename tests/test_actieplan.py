"""The action plan in an export (docs/scan-format.md, "Actieplan"): read, written, refused."""

from __future__ import annotations

import json

import jsonschema
import pytest

from wijkcoop import data
from wijkcoop.scan import ExportError, load_bank, make_export, parse_export

BANK = load_bank("duurzaamheidsscan")
PLAN = [
    {
        "part": "bonding",
        "stap": "Een avond voor vrijwilligers",
        "wie": "Fatima",
        "wanneer": "maart",
    },
    {"part": "vastgoed", "stap": "Gesprek met de woningcorporatie", "wie": "", "wanneer": ""},
]
SCHEMA = json.loads(
    (data.data_dir() / "schemas" / "scan-export.schema.json").read_text(encoding="utf-8")
)


def test_a_plan_is_written_and_read_back():
    doc = make_export(BANK, {"sk-bonding-4": 2}, actieplan=PLAN)
    jsonschema.validate(doc, SCHEMA)
    assert parse_export(json.dumps(doc), BANK).meta["actieplan"] == PLAN


def test_an_old_file_without_a_plan_still_imports():
    old = (data.data_dir() / "scan" / "voorbeeld-export-2025.json").read_bytes()
    assert parse_export(old, BANK).meta["actieplan"] == []


@pytest.mark.parametrize(
    ("plan", "reason"),
    [
        (PLAN * 2, "hoogstens 3"),
        ([{"part": "bestaat-niet"}], "bestaat-niet"),
        ("plan", "hoogstens 3"),
        ([{"part": "bonding", "stap": "x" * 501}], "langer dan 500"),
        ([{"part": "bonding", "wie": 3}], "geen tekst"),
    ],
)
def test_a_bad_plan_is_refused_in_dutch(plan, reason):
    doc = make_export(BANK, {"sk-bonding-4": 2})
    doc["actieplan"] = plan
    with pytest.raises(ExportError) as err:
        parse_export(json.dumps(doc), BANK)
    assert err.value.code == "bad-actieplan"
    assert reason in err.value.message_nl
