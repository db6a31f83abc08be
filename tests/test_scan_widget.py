"""ScanWidget: the Jupyter face of the scan uses the same module and the same scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijkcoop import data
from wijkcoop.scan import ExportError, ScanWidget, load_bank, score

WEB = Path(__file__).resolve().parent.parent / "wijkcoop" / "web"


def test_widget_ships_the_same_module_as_the_book():
    w = ScanWidget("duurzaamheidsscan")
    assert w._esm == (WEB / "scan.js").read_text(encoding="utf-8")
    assert w.bank["bank_id"] == "duurzaamheidsscan"


def test_widget_hands_the_messages_file_to_the_front_end():
    w = ScanWidget("duurzaamheidsscan")
    expected = data.load("scan-messages")
    assert w.messages == expected
    assert w.trait_metadata("messages", "sync") is True
    assert w.get_state("messages") == {"messages": expected}  # what the front end receives


def test_answers_come_back_as_dataframes_with_python_scores():
    w = ScanWidget("duurzaamheidsscan")
    export = data.load("scan-voorbeeld-export-2026")
    w.load_export(json.dumps(export))
    assert w.answers == export["answers"]
    assert w.organisation == export["organisation"]
    bank = load_bank("duurzaamheidsscan")
    assert w.result.to_dict() == score(bank, export["answers"]).to_dict()
    df = w.to_dataframe()
    assert len(df) == len(bank.items)
    assert df.loc["sk-bonding-3", "itemscore"] == pytest.approx(
        (5 - export["answers"]["sk-bonding-3"]) / 4 * 100
    )
    # answers set from the front end (the synced trait) are scored the same way
    w.answers = {"sk-bonding-4": 5}
    assert w.result.part_score("bonding") == 100


def test_short_widget_scores_only_short_items():
    w = ScanWidget("duurzaamheidsscan", short=True)
    assert len(w.to_dataframe()) == len(load_bank("duurzaamheidsscan").items_for(short=True))


def test_a_bad_file_leaves_the_widget_unchanged():
    w = ScanWidget("duurzaamheidsscan")
    w.answers = {"sk-bonding-4": 2}
    with pytest.raises(ExportError):
        w.load_export('{"format": "wijkcoop-scan-export", "bank_id": "x"}')
    assert w.answers == {"sk-bonding-4": 2}


def test_export_round_trips():
    w = ScanWidget("duurzaamheidsscan")
    w.answers = {"sk-bonding-4": 2, "ink-subsidie": 10}
    w.organisation = "Test"
    doc = w.export()
    v = ScanWidget("duurzaamheidsscan")
    v.load_export(json.dumps(doc))
    assert v.answers == w.answers
    assert v.organisation == "Test"
