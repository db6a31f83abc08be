"""Dutch presentation (wijkcoop.dutch): writing numbers and amounts, reading typed amounts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijkcoop import dutch

VECTORS = json.loads(
    (Path(__file__).parent / "data" / "dutch-amounts.json").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize("case", VECTORS, ids=[repr(c["input"]) for c in VECTORS])
def test_parse_amount_follows_the_shared_vectors(case):
    percent = case.get("percent", False)
    if "error" in case:
        with pytest.raises(dutch.AmountError) as info:
            dutch.parse_amount(case["input"], percent=percent)
        assert info.value.code == case["error"]
    else:
        value = dutch.parse_amount(case["input"], percent=percent)
        assert value == case["value"]
        assert isinstance(value, int) == isinstance(case["value"], int)


def test_vectors_cover_the_contract():
    inputs = {c["input"] for c in VECTORS}
    for needed in ["45.000", "12,5", "1.234.567", "1.234.567,89", "45,000", "12.5", "45.000,-"]:
        assert needed in inputs
    assert {c.get("error") for c in VECTORS} == {None, "ambiguous", "not-a-number"}
    assert len(VECTORS) >= 30


@pytest.mark.parametrize(
    ("value", "digits"), [(0, 0), (7, 0), (45000, 0), (1234567.89, 2), (12.5, 1), (0.75, 2)]
)
def test_what_is_written_reads_back_as_the_same_number(value, digits):
    assert dutch.parse_amount(dutch.euro(value, digits)) == pytest.approx(value)


def test_writing():
    assert dutch.number(1234567.891, 2) == "1.234.567,89"
    assert dutch.number(62.5, 1) == "62,5"
    assert dutch.number(1.275) == "1,27"  # two decimals unless asked
    assert dutch.number(None) == "–"
    assert dutch.percent(0.305, 1) == "30,5%"
    assert dutch.percent(0.3) == "30%"
    assert dutch.euro(12345) == "€ 12.345"
    assert dutch.euro(-1234.5, 2) == "-€ 1.234,50"
    assert dutch.euro(-0.001) == "€ 0"  # no minus sign on a rounded zero
    assert dutch.megabytes(1572864) == "1,5 MB"


SHOWN = json.loads(
    (Path(__file__).parent / "data" / "dutch-amounts.json").read_text(encoding="utf-8")
)["shown"]


@pytest.mark.parametrize("case", SHOWN, ids=[f"{c['value']!r} {c['unit']}" for c in SHOWN])
def test_an_amount_is_shown_as_the_shared_vectors_say(case):
    """Issue 20.6: 45.000,50 was shown as "€ 45.000,5"; cents are always two decimals."""
    assert dutch.amount(case["value"], case["unit"]) == case["shown"]
    typed = dutch.amount_number(case["value"], case["unit"])
    assert dutch.parse_amount(typed, percent=case["unit"] == "procent") == case["value"]
