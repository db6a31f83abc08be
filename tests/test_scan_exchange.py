"""Export files: round trip, every bad file refused with its code, migration, messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

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
    answers = {"sk-bonding-4": 4, "sk-bonding-2": "?", "ink-subsidie": 1234.5, "gm-verbinding-4": 1}
    doc = make_export(BANK, answers, organisation="Wijkcoöperatie Test", notes="a < b, en 3 > 2")
    back = parse_export(json.dumps(doc), BANK)
    assert back.answers == answers
    assert back.meta["organisation"] == "Wijkcoöperatie Test"
    assert back.meta["notes"] == "a < b, en 3 > 2"
    assert back.warnings == []
    assert score(BANK, back.answers).to_dict() == score(BANK, answers).to_dict()
    assert doc["exported_at"].endswith("Z")


def test_text_is_text_markup_and_email_addresses_are_kept_exactly():
    """Issue 10.4: "Ingevuld door Piet <piet@buurt.nl> en Fatma" was refused and cut."""
    cases = json.loads((Path(__file__).parent / "data/scan/text-imports.json").read_text("utf-8"))
    for case in cases["cases"]:
        got = parse_export(case["content"].encode("utf-8"), BANK)
        assert got.meta["organisation"] == case["organisation"], case["name"]
        assert got.meta["notes"] == case["notes"], case["name"]
    doc = make_export(BANK, {}, organisation="<b>vet</b>", notes="Piet <piet@buurt.nl>")
    assert parse_export(json.dumps(doc), BANK).meta["notes"] == "Piet <piet@buurt.nl>"


@pytest.mark.parametrize(
    "text", ["a\x00b", "bel\x07", "esc\x1b[31m", "del\x7f", "c1\x85", "los \ud800 half"]
)
def test_text_that_is_not_text_is_refused(text):
    with pytest.raises(ExportError) as exc:
        make_export(BANK, {}, notes=text)
    assert exc.value.code == "bad-text"
    assert "de notities" in exc.value.message_nl
    assert MESSAGES["reason-not-text"] in exc.value.message_nl


def test_text_length_counts_code_points():
    ok = "🌳" * 200  # 200 code points, 400 UTF-16 units
    assert parse_export(json.dumps(make_export(BANK, {}, organisation=ok)), BANK)
    with pytest.raises(ExportError):
        make_export(BANK, {}, organisation=ok + "x")


def test_bad_text_message_reads_as_dutch():
    """Issue 10.11: "De notities in dit bestand kan niet worden overgenomen" (kan/kunnen)."""
    with pytest.raises(ExportError) as exc:
        make_export(BANK, {}, notes="x" * 6000)
    assert exc.value.message_nl.startswith(
        "Wat in dit bestand bij de notities staat, kan niet worden overgenomen: "
    )


def _doc(**kw):
    doc = make_export(BANK, {"sk-bonding-2": 4}, exported_at="2026-11-26T19:00:00Z")
    doc.update(kw)
    return json.dumps(doc)


def test_bad_value_names_the_question_number_and_statement_not_the_id():
    bank_item = BANK.items_by_id["sk-bonding-2"]
    with pytest.raises(ExportError) as exc:
        parse_export(_doc(answers={"sk-bonding-2": 9}), BANK)
    msg = exc.value.message_nl
    assert "sk-bonding-2" not in msg
    number = BANK.question_number("sk-bonding-2")
    assert f"vraag {number} ({bank_item['statement']}): 9." in msg
    # on the short page an item of the full version is named as such
    long_only = next(i for i in BANK.items if not i["short"] and i["type"] == "likert")
    with pytest.raises(ExportError) as exc:
        parse_export(_doc(answers={long_only["id"]: 0}), BANK, short=True)
    full = BANK.question_number(long_only["id"])
    assert f"vraag {full} van de volledige scan" in exc.value.message_nl


def test_question_numbers_follow_the_form_order():
    numbers = [BANK.question_number(i["id"]) for i in BANK.items]
    assert sorted(numbers) == list(range(1, len(BANK.items) + 1))
    short = [BANK.question_number(i["id"], short=True) for i in BANK.items if i["short"]]
    assert sorted(short) == list(range(1, len(short) + 1))


def test_a_newer_file_format_says_format_not_bank_version():
    """Issue 10.11: "nieuwere versie (1.0.0) dan deze pagina (1.0.0)" came from format_version."""
    with pytest.raises(ExportError) as exc:
        parse_export(_doc(format_version=2), BANK)
    assert exc.value.code == "future-format"
    assert f"({BANK.version})" not in exc.value.message_nl
    assert "bestandsformaat 2" in exc.value.message_nl


def test_deep_but_valid_json_is_not_called_not_json():
    deep = _doc()[:-1] + ', "extra": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(ExportError) as exc:
        parse_export(deep, BANK)
    assert exc.value.code == "too-deep"
    assert "64" in exc.value.message_nl
    ok = _doc()[:-1] + ', "extra": ' + "[" * 60 + "]" * 60 + "}"
    assert parse_export(ok, BANK).answers == {"sk-bonding-2": 4}


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" + "0" * 400])
def test_a_number_too_large_is_named_not_null(number):
    text = _doc()[: -len("4}}")] + number + "}}"
    with pytest.raises(ExportError) as exc:
        parse_export(text, BANK)
    assert exc.value.code == "bad-value"
    msg = exc.value.message_nl
    assert MESSAGES["value-too-large"] in msg
    assert "null" not in msg
    assert "Infinity" not in msg


@pytest.mark.parametrize(
    "value",
    ["2026-11-26T19:00:00Z", "2026-11-26T19:00Z", "2026-11-26T19:00:00.123Z",
     "2024-02-29T00:00:00+01:00", "2026-11-26T23:59:59-05:30", None],
)  # fmt: skip
def test_valid_export_dates_are_accepted(value):
    assert parse_export(_doc(exported_at=value), BANK).meta["exported_at"] == value


@pytest.mark.parametrize(
    "value",
    ["gisteren", "2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-11-26",
     "2026-11-26T19:00:00", "2026-11-26 19:00:00Z", "2026-11-26T24:00:00Z",
     "2026-11-26T19:60:00Z", "2026-11-26T19:00:00+24:00", 20261126, ""],
)  # fmt: skip
def test_invalid_export_dates_are_refused(value):
    with pytest.raises(ExportError) as exc:
        parse_export(_doc(exported_at=value), BANK)
    assert exc.value.code == "bad-date"


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
        "too-large", "not-json", "too-deep", "not-export", "other-bank", "future-format",
        "future-version", "bad-version", "missing-field", "unknown-item", "bad-value",
        "bad-text", "bad-date",
    }  # fmt: skip
    # the book's table of refusals ({scan-meldingen}) explains exactly these codes
    assert set(data.load("scan-messages-help")) == codes


def test_bytes_with_bom_and_plain_text_are_both_read():
    doc = make_export(BANK, {"sk-bonding-2": 2})
    text = json.dumps(doc)
    assert parse_export(text, BANK).answers == {"sk-bonding-2": 2}
    assert parse_export(b"\xef\xbb\xbf" + text.encode(), BANK).answers == {"sk-bonding-2": 2}


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
    assert result.warnings == [
        exchange.message("warning-migrated", found="0.9.0", expected="1.1.0"),
        "Wat er met de antwoorden is gebeurd: 2 overgenomen, 1 vervallen.",
        exchange.message("warning-removed", count=1),
    ]
    assert result.meta["migration"] == [
        {"kind": "renamed", "from": "t-contact-1", "to": ["t-bereikbaar-1"]},
        {"kind": "removed", "from": "t-oud", "to": []},
        {"kind": "renamed", "from": "t-geld-1", "to": ["t-afspraken-1"]},
    ]
    # from 1.0.0 only the later rename applies
    mid = parse_export(_export(bank, "1.0.0", {"t-geld-1": 3}, "cooperatie"), bank)
    assert mid.answers == {"t-afspraken-1": 3}


def test_split_and_reversed_answers_with_a_report():
    bank = load_bank_path(TWO_SIDED)
    old = {"t-samen-1": 4, "t-wantrouwen-1": 2, "t-vertrouwen-2": "?", "t-bereikbaar-1": 5}
    old = {k: v for k, v in old.items() if k != "t-vertrouwen-2"}
    result = parse_export(_export(bank, "1.0.0", {**old, "t-afspraken-1": "?"}, "gemeente"), bank)
    assert result.answers == {
        "t-bereikbaar-2": 4,
        "t-vertrouwen-1": 4,
        "t-bereikbaar-1": 5,  # the later answer in file order wins over the reversed 6 - 2
        "t-afspraken-1": "?",
    }
    assert result.meta["migration"] == [
        {
            "kind": "split",
            "from": "t-samen-1",
            "to": ["t-bereikbaar-2", "t-vertrouwen-1"],
            "reason": "Deze stelling vroeg twee dingen tegelijk.",
        },
        {
            "kind": "reversed",
            "from": "t-wantrouwen-1",
            "to": ["t-bereikbaar-1"],
            "reason": "De stelling is nu positief geformuleerd.",
        },
        {"kind": "carried", "from": "t-bereikbaar-1", "to": ["t-bereikbaar-1"]},
        {"kind": "carried", "from": "t-afspraken-1", "to": ["t-afspraken-1"]},
    ]
    assert result.warnings[1] == (
        "Wat er met de antwoorden is gebeurd: 2 overgenomen, 1 gesplitst, 1 omgedraaid."
    )
    lines = exchange.migration_details(bank, result.meta["migration"], "gemeente")
    assert lines[0].startswith("De vraag is gesplitst; je antwoord is overgenomen bij vraag ")
    assert "(We vertrouwen de coöperatie.)" in lines[0]
    assert lines[0].endswith("Waarom: Deze stelling vroeg twee dingen tegelijk.")
    assert "t-" not in lines[0].split("Waarom")[0]


@pytest.mark.parametrize(("old", "new"), [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1), ("?", "?")])
def test_a_reversed_item_turns_the_answer_around(old, new):
    bank = load_bank_path(TWO_SIDED)
    got = parse_export(_export(bank, "1.0.0", {"t-wantrouwen-1": old}, "cooperatie"), bank)
    assert got.answers == {"t-bereikbaar-1": new}


def test_nvt_is_an_answer_only_where_the_bank_allows_it():
    bank = load_bank_path(TWO_SIDED)
    ok = parse_export(_export(bank, "1.1.0", {"t-vertrouwen-1": "nvt"}, "gemeente"), bank)
    assert ok.answers == {"t-vertrouwen-1": "nvt"}
    with pytest.raises(ExportError) as exc:
        parse_export(_export(bank, "1.1.0", {"t-bereikbaar-1": "nvt"}, "gemeente"), bank)
    assert exc.value.code == "bad-value"


def test_bank_migrations_are_checked():
    import copy

    from wijkcoop.scan.bank import BankError, check

    raw = copy.deepcopy(load_bank_path(TWO_SIDED).raw)
    m = raw["migrations"][1]
    m["split"]["t-geld-1"] = ["t-bereikbaar-1", "bestaat-niet"]  # also renamed: twice
    m["reversed"]["t-x"] = "t-bereikbaar-2"
    m["reasons"]["t-nooit"] = "Waarom niet."
    with pytest.raises(BankError) as exc:
        check(raw)
    text = str(exc.value)
    assert "splits 't-geld-1' to unknown item 'bestaat-niet'" in text
    assert "maps ['t-geld-1'] in more than one way" in text
    assert "reason for 't-nooit'" in text


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
    old = {"t-oud": 2, "t-samen-1": 4, "t-wantrouwen-1": 2, "t-geld-1": 3, "t-vertrouwen-1": 1}
    got = parse_export(_export(bank, "0.9.0", old, "gemeente"), bank)
    exchange.migration_details(bank, got.meta["migration"], "gemeente")
    for role in (None, "wethouder"):
        with pytest.raises(ExportError):
            parse_export(_export(bank, "1.1.0", {}, role), bank)
    long_only = next(i for i in BANK.items if not i["short"])
    with pytest.raises(ExportError):  # an item of the full version named on the short page
        parse_export(_doc(answers={long_only["id"]: -1}), BANK, short=True)
    # the group analysis: its duplicate refusal and its closing sentence
    from wijkcoop.group import refusals

    refusals.duplicate_reason()
    # the action plan's refusals
    for plan in ("geen lijst", [{"part": "bestaat-niet"}]):
        with pytest.raises(ExportError):
            parse_export(_doc(actieplan=plan), BANK)
    # the answer code's refusals (tests/data/answer-codes.json)
    from tests.answer_codes import PATH as CODES
    from wijkcoop.scan import answercode

    vectors = json.loads(CODES.read_text(encoding="utf-8"))
    spiegel = load_bank("relatiespiegel")
    both = {BANK.bank_id: BANK, spiegel.bank_id: spiegel}
    for code in [c["code"] for c in vectors["bad"]]:
        with pytest.raises(ExportError):
            answercode.decode(code, both)
    with pytest.raises(ExportError):  # a spiegel's code on the scan's page
        answercode.decode(vectors["good"][-1]["code"], BANK)
    with pytest.raises(ExportError):
        answercode.encode(spiegel, {})
    # the sentence readers see for each kind of finding (wijkcoop/scan/tables.py)
    from tests.test_scan_tables import _every_finding
    from wijkcoop.scan import tables

    for _bank, result in _every_finding():
        tables.findings(result)
    # "ui-" keys are the front end's (checked in tests/test_scan_reader_browser.py); the group
    # page's sentence after a refused code is only said in the browser (websrc/scan/groep.js)
    front_end_only = {"group-code-not-counted"}
    assert table.asked == {k for k in table if not k.startswith("ui-")} - front_end_only


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
    assert consts["SEMVER"] == f"/^{bank_module.SEMVER.pattern}$/"
