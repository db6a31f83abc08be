"""The answer code (docs/scan-format.md, "Answer code"): format, refusals and the shared vectors.

The JavaScript mirror (websrc/scan/code.js) is checked against the same vectors in Chromium by
tests/test_answer_code_browser.py.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.answer_codes import PATH, _vectors
from wijkcoop import data, synthetic
from wijkcoop.scan import load_bank, make_export, parse_export, score
from wijkcoop.scan.answercode import ALPHABET, CodeError, decode, encode, note_number

BANKS = {b: load_bank(b) for b in ("duurzaamheidsscan", "relatiespiegel")}
SCAN = BANKS["duurzaamheidsscan"]
VECTORS = json.loads(PATH.read_text(encoding="utf-8"))
CHAT_SAFE = re.compile(r"[0-9A-Z.,-]+")


def test_the_vectors_are_up_to_date():
    assert _vectors() == VECTORS, "run `python -m tests.answer_codes` and commit the vectors"


@pytest.mark.parametrize("case", VECTORS["good"], ids=lambda c: c["code"][:40])
def test_good_vectors_encode_and_decode(case):
    bank = BANKS[case["bank"]]
    assert encode(bank, case["answers"], case["role"], case["round"], case["pair"]) == case["code"]
    got = decode(case["code"], BANKS)
    assert (got.bank_id, got.answers, got.role) == (case["bank"], case["answers"], case["role"])
    assert (got.round, got.pair) == (case["round"], case["pair"])
    assert decode(case["code"].lower(), BANKS).answers == case["answers"]  # case does not matter
    assert decode(" " + case["code"][:20] + "\n" + case["code"][20:], BANKS).answers  # chat wraps


@pytest.mark.parametrize("case", VECTORS["bad"], ids=lambda c: c["error"])
def test_bad_vectors_are_refused_with_their_code(case):
    with pytest.raises(CodeError) as err:
        decode(case["code"], BANKS)
    assert err.value.code == case["error"]
    assert err.value.message_nl.endswith(data.load("scan-messages")["code-unchanged"])


def test_the_full_scan_without_amounts_fits_in_a_chat_message():
    answers = {i["id"]: 3 for i in SCAN.items if i["type"] == "likert"}
    answers |= {i["id"]: "?" for i in SCAN.items if i["type"] == "number"}
    assert len(SCAN.items) == 60
    assert len(answers) == 60
    code = encode(SCAN, answers, round=2)
    assert len(code) <= 120, code
    assert CHAT_SAFE.fullmatch(code)
    assert decode(code, SCAN).answers == answers


def test_amounts_make_the_code_longer_but_stay_exact():
    answers = {i["id"]: 45000.5 for i in SCAN.items if i["type"] == "number"}
    code = encode(SCAN, answers)
    assert "45000,5" in code
    assert CHAT_SAFE.fullmatch(code)
    assert decode(code, SCAN).answers == answers


def test_every_single_typo_is_refused_never_read_as_other_answers():
    code = VECTORS["good"][0]["code"]
    fields = code.split("-")
    start = len("-".join(fields[:6])) + 1  # the answers field
    wrong = 0
    codes: set[str] = set()
    for pos in range(start, start + len(fields[6])):
        for c in ALPHABET:
            if c == code[pos]:
                continue
            typo = code[:pos] + c + code[pos + 1 :]
            try:
                decode(typo, BANKS)
            except CodeError as err:
                codes.add(err.code)
            else:
                wrong += 1
    assert wrong == 0
    assert codes <= {"code-checksum", "code-not-code"}


def test_an_unknown_bank_and_another_version_are_refused_by_name():
    unknown = next(c["code"] for c in VECTORS["bad"] if c["error"] == "code-unknown-bank")
    with pytest.raises(CodeError, match="onbekendescan"):
        decode(unknown, BANKS)
    spiegel_code = next(c["code"] for c in VECTORS["good"] if c["bank"] == "relatiespiegel")
    with pytest.raises(CodeError, match="relatiespiegel") as err:
        decode(spiegel_code, SCAN)
    assert err.value.code == "code-other-bank"
    old = next(c["code"] for c in VECTORS["bad"] if c["error"] == "code-old-version")
    with pytest.raises(CodeError, match=r"1\.0\.0"):
        decode(old, BANKS)


def test_a_code_and_a_file_of_the_same_answers_import_identically():
    for bank_id, bank in BANKS.items():
        for made in synthetic.generate(bank_id, n_orgs=4, rounds=["ronde-1"], seed=5):
            doc = made["export"] | {"notes": "ronde 2, paar 3"}
            from_file = parse_export(json.dumps(doc), bank)
            role = from_file.meta["role"]
            notes = from_file.meta["notes"]
            code = encode(
                bank,
                from_file.answers,
                role,
                note_number(notes, "round"),
                note_number(notes, "pair"),
            )
            from_code = decode(code, BANKS)
            assert from_code.answers == from_file.answers
            assert from_code.role == role
            assert (from_code.round, from_code.pair) == (2, 3)
            assert score(bank, from_code.answers, role=role) == score(
                bank, from_file.answers, role=role
            )


def test_a_code_holds_no_name_and_no_notes():
    doc = make_export(SCAN, {"sk-bonding-4": 4}, organisation="Coöperatie Tarwewijk", notes="Jan")
    code = encode(SCAN, parse_export(json.dumps(doc), SCAN).answers)
    assert "TARWEWIJK" not in code
    assert "JAN" not in code.split("-")[-2]


def test_a_two_sided_bank_needs_a_side_for_a_code():
    with pytest.raises(CodeError) as err:
        encode(BANKS["relatiespiegel"], {})
    assert err.value.code == "code-not-possible"


def test_every_code_message_exists():
    messages = data.load("scan-messages")
    codes = {c["error"] for c in VECTORS["bad"]} | {"code-other-bank", "code-not-possible"}
    assert codes | {"code-unchanged", "group-code-not-counted"} <= set(messages)
