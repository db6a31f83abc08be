"""Export files: round trip, every bad file refused with its code, migration, messages."""

from __future__ import annotations

import json
import re

import pytest

from tests.scan_fixtures import TWO_SIDED, bad_imports
from wijkcoop import data
from wijkcoop.scan import (
    MESSAGES,
    ExportError,
    exchange,
    load_bank,
    load_bank_path,
    make_export,
    parse_export,
    score,
)

BANK = load_bank("duurzaamheidsscan")


def test_round_trip_keeps_answers_and_scores():
    answers = {"sk-bonding-1": 4, "sk-bonding-2": "?", "ink-subsidie": 1234.5, "gm-verbinding-1": 1}
    doc = make_export(BANK, answers, organisation="Wijkcoöperatie Test", notes="a < b, en 3 > 2")
    back = parse_export(json.dumps(doc), BANK)
    assert back.answers == answers
    assert back.meta["organisation"] == "Wijkcoöperatie Test"
    assert back.meta["notes"] == "a < b, en 3 > 2"
    assert back.warnings == []
    assert score(BANK, back.answers).to_dict() == score(BANK, answers).to_dict()
    assert doc["exported_at"].endswith("Z")


def test_export_refuses_markup_in_text():
    with pytest.raises(ExportError) as exc:
        make_export(BANK, {}, organisation="<b>vet</b>")
    assert exc.value.code == "bad-text"


@pytest.mark.parametrize("case", bad_imports(), ids=lambda c: c["name"])
def test_bad_file_is_refused_with_code_and_dutch_message(case):
    with pytest.raises(ExportError) as exc:
        parse_export(case["content"].encode("utf-8"), BANK)
    assert exc.value.code == case["code"]
    msg = exc.value.message_nl
    assert msg.endswith(MESSAGES["unchanged"])
    assert not re.search(r"\{[a-z]+\}", msg)  # no unfilled placeholder


def test_bad_files_cover_every_code():
    codes = {c["code"] for c in bad_imports()}
    assert codes == {
        "too-large", "not-json", "not-export", "other-bank", "future-version",
        "bad-version", "missing-field", "unknown-item", "bad-value", "bad-text",
    }  # fmt: skip
    # the book's table of refusals ({scan-meldingen}) explains exactly these codes
    assert set(data.load("scan-messages-help")) == codes


def test_bytes_with_bom_and_plain_text_are_both_read():
    doc = make_export(BANK, {"sk-bonding-1": 2})
    text = json.dumps(doc)
    assert parse_export(text, BANK).answers == {"sk-bonding-1": 2}
    assert parse_export(b"\xef\xbb\xbf" + text.encode(), BANK).answers == {"sk-bonding-1": 2}


def test_not_utf8_is_not_json():
    with pytest.raises(ExportError) as exc:
        parse_export(b"\xff\xfe\x00{", BANK)
    assert exc.value.code == "not-json"


# --- two-sided banks and migrations ------------------------------------------------------------


def _export(bank, version, answers, role):
    return json.dumps(
        {
            "format": "wijkcoop-scan-export",
            "format_version": 1,
            "bank_id": bank.bank_id,
            "bank_version": version,
            "role": role,
            "answers": answers,
        }
    )


def test_older_export_is_migrated_and_removed_items_reported():
    bank = load_bank_path(TWO_SIDED)
    old = _export(bank, "0.9.0", {"t-contact-1": 4, "t-oud": 2, "t-geld-1": 5}, "gemeente")
    result = parse_export(old, bank)
    assert result.answers == {"t-bereikbaar-1": 4, "t-afspraken-1": 5}
    assert result.meta["removed"] == ["t-oud"]
    assert any("t-oud" in w for w in result.warnings)
    assert any("0.9.0" in w for w in result.warnings)
    # from 1.0.0 only the later rename applies
    mid = parse_export(_export(bank, "1.0.0", {"t-geld-1": 3}, "cooperatie"), bank)
    assert mid.answers == {"t-afspraken-1": 3}


def test_two_sided_export_needs_a_known_role():
    bank = load_bank_path(TWO_SIDED)
    with pytest.raises(ExportError) as exc:
        parse_export(_export(bank, "1.1.0", {}, None), bank)
    assert exc.value.code == "missing-field"
    with pytest.raises(ExportError) as exc:
        parse_export(_export(bank, "1.1.0", {}, "wethouder"), bank)
    assert exc.value.code == "bad-value"
    # an item only the gemeente answers is unknown for the cooperatie
    with pytest.raises(ExportError) as exc:
        parse_export(_export(bank, "1.1.0", {"t-afspraken-gemeente": 3}, "cooperatie"), bank)
    assert exc.value.code == "unknown-item"
    ok = parse_export(_export(bank, "1.1.0", {"t-afspraken-gemeente": 3}, "gemeente"), bank)
    assert ok.meta["role"] == "gemeente"


# --- the messages come from one data file ----------------------------------------------------


def test_messages_are_the_data_file_and_read_only():
    assert dict(MESSAGES) == data.load("scan-messages")
    with pytest.raises(TypeError):
        MESSAGES["unchanged"] = "iets anders"  # type: ignore[index]


class _Recording(dict):
    """A messages table that notes every key the engine asks for."""

    def __init__(self, *args):
        super().__init__(*args)
        self.asked: set[str] = set()

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)


def test_every_message_in_the_file_is_used_and_every_used_one_is_there(monkeypatch):
    """Bad files, migrations and role checks ask for exactly the keys of messages.yaml."""
    table = _Recording(data.load("scan-messages"))
    monkeypatch.setattr(exchange, "MESSAGES", table)
    for case in bad_imports():
        with pytest.raises(ExportError):
            parse_export(case["content"], BANK)
    bank = load_bank_path(TWO_SIDED)
    parse_export(_export(bank, "0.9.0", {"t-oud": 2}, "gemeente"), bank)
    for role in (None, "wethouder"):
        with pytest.raises(ExportError):
            parse_export(_export(bank, "1.1.0", {}, role), bank)
    assert table.asked == set(table)


def test_a_reworded_message_reaches_the_refusal(monkeypatch):
    reworded = {**data.load("scan-messages"), "not-json": "Geen JSON ({x})."}
    monkeypatch.setattr(exchange, "MESSAGES", reworded)
    with pytest.raises(ExportError) as exc:
        parse_export("geen json", BANK)
    assert exc.value.message_nl == "Geen JSON ({x}). " + reworded["unchanged"]


def test_scan_js_has_the_same_format_constants_as_python():
    """Both engines type these constants themselves (docs/scan-format.md); they must agree."""
    from pathlib import Path

    from wijkcoop.scan import bank as bank_module
    from wijkcoop.scan import scoring

    js = (Path(exchange.__file__).parent.parent / "web" / "scan.js").read_text(encoding="utf-8")
    consts = dict(re.findall(r"^(?:export )?const ([A-Z_]+) = (.+);$", js, re.MULTILINE))
    assert json.loads(consts["FORMAT"]) == exchange.FORMAT
    for name in ("FORMAT_VERSION", "MAX_BYTES", "MAX_ORGANISATION", "MAX_NOTES"):
        assert int(consts[name]) == getattr(exchange, name), name
    assert json.loads(consts["UNKNOWN"]) == scoring.UNKNOWN
    assert float(consts["UNKNOWN_FINDING_SHARE"]) == scoring.UNKNOWN_FINDING_SHARE
    assert consts["MARKUP"] == f"/{exchange.MARKUP.pattern}/"
    assert consts["SEMVER"] == f"/^{bank_module.SEMVER.pattern}$/"
