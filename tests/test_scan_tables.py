"""What a reader sees of a scan result in the trainers' notebook: titles and sentences, no codes.

The notebook once showed the findings as ``weinig-bekend:steun-opdrachtgever`` and the derived
measures and conditions by their ids (``herfindahl-betalers``, ``sociaal-kapitaal``).
"""

from __future__ import annotations

import copy
import re

import pandas as pd
import pytest

from wijkcoop.scan import MESSAGES, load_bank, score, tables
from wijkcoop.scan.bank import check

BANK = load_bank("duurzaamheidsscan")
#: A finding code as the engine writes it (``<code>:<id>``).
FINDING_CODE = re.compile(r"\b[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z0-9]+)*\b")
INCOME = [i["id"] for i in BANK.items if i.get("derive") == "inkomsten"]
PAYERS = [i["id"] for i in BANK.items if i.get("derive") == "betalers"]


def _ids(bank) -> set[str]:
    return (
        set(bank.items_by_id)
        | set(bank.parts_by_id)
        | {c["id"] for c in bank.conditions}
        | {d["id"] for d in bank.derived}
    )


def codes_shown(frame: pd.DataFrame, bank=BANK) -> list[str]:
    """Cells and column names of ``frame`` that show a finding code or an id of ``bank``."""
    ids = _ids(bank)
    cells = [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return [c for c in cells if FINDING_CODE.search(c) or c in ids]


def _na_bank():
    """The bank with "niet van toepassing" allowed on every bonding item."""
    raw = copy.deepcopy(BANK.raw)
    for item in raw["items"]:
        if item["part"] == "bonding" and item["type"] == "likert":
            item["allow_na"] = True
    return check(raw, "na.yaml")


def _every_finding():
    """Results that together give every kind of finding the engine knows."""
    bonding = [i["id"] for i in BANK.items if i["part"] == "bonding"]
    opdrachtgever = [i["id"] for i in BANK.items if i["part"] == "steun-opdrachtgever"]
    na_bank = _na_bank()
    return [
        (BANK, score(BANK, {opdrachtgever[0]: "?", opdrachtgever[1]: 4})),  # weinig-bekend
        (na_bank, score(na_bank, dict.fromkeys(bonding, "nvt"))),  # niet-van-toepassing
        (BANK, score(BANK, dict.fromkeys(INCOME + PAYERS, 0))),  # inkomsten-nul (twice)
        (BANK, score(BANK, {INCOME[0]: 1000})),  # inkomsten-onvolledig
        (  # inkomsten-verschil: the payers add up to less than the income
            BANK,
            score(BANK, {**dict.fromkeys(INCOME, 1000), **dict.fromkeys(PAYERS, 100)}),
        ),
    ]


def test_every_finding_has_a_dutch_sentence_from_the_messages():
    kinds = set()
    for bank, result in _every_finding():
        assert result.findings
        shown = tables.findings(result)
        assert list(shown.columns) == ["Melding"]
        assert codes_shown(shown, bank) == []
        for text in shown["Melding"]:
            assert "{" not in text
            assert text[0].isupper()
            assert text.endswith(".")
        kinds |= {f.split(":")[0] for f in result.findings}
    assert kinds == {k.removeprefix("finding-") for k in MESSAGES if k.startswith("finding-")}


def test_a_finding_about_a_part_names_the_part_and_counts():
    opdrachtgever = [i["id"] for i in BANK.items if i["part"] == "steun-opdrachtgever"]
    result = score(BANK, {opdrachtgever[0]: "?", opdrachtgever[1]: 4})
    assert result.findings == ["weinig-bekend:steun-opdrachtgever"]
    title = BANK.parts_by_id["steun-opdrachtgever"]["title"]
    expected = (
        MESSAGES["finding-weinig-bekend"]
        .replace("{part}", title)
        .replace("{unknown}", "1")
        .replace("{asked}", str(len(opdrachtgever)))
    )
    assert tables.findings(result)["Melding"].tolist() == [expected]


def test_the_same_sentence_is_shown_once():
    result = score(BANK, dict.fromkeys(INCOME + PAYERS, 0))
    assert result.findings == ["inkomsten-nul:betalers", "inkomsten-nul:inkomsten"]
    assert tables.findings(result)["Melding"].tolist() == [MESSAGES["finding-inkomsten-nul"]]


def test_an_unknown_finding_is_a_developer_error():
    result = score(BANK, {})
    with pytest.raises(KeyError, match="finding-nieuw"):
        tables.finding_text(result, "nieuw:bonding")


def test_derived_measures_show_their_titles_and_dutch_values():
    income = dict(zip(INCOME, [10_000, 20_000, 0, 50_000, 20_000, 0], strict=True))
    payers = dict(zip(PAYERS, [60_000, 20_000, 10_000, 10_000], strict=True))
    shown = tables.derived(BANK, score(BANK, {**income, **payers}))
    assert codes_shown(shown) == []
    assert shown["Maat"].tolist() == [d["title"] for d in BANK.derived]
    values = dict(zip(shown["Maat"], shown["Waarde"], strict=True))
    titles = {d["id"]: d["title"] for d in BANK.derived}
    assert values[titles["inkomsten-totaal"]] == "€ 100.000"
    assert values[titles["gemeente-aandeel"]] == "0,600"
    empty = tables.derived(BANK, score(BANK, {}))
    assert set(empty["Waarde"]) == {"–"}


def test_answers_show_the_titles_of_condition_and_part():
    from wijkcoop.scan import ScanWidget

    w = ScanWidget("duurzaamheidsscan")
    w.answers = {"sk-bonding-4": 4, "vm-extern-1": "?"}
    frame = w.to_dataframe()
    assert "sociaal-kapitaal" in set(frame["voorwaarde"])  # the engine's frame keeps the ids
    shown = tables.answers(BANK, frame)
    assert list(shown.columns) == ["Voorwaarde", "Onderdeel", "Stelling", "Antwoord", "Itemscore"]
    assert codes_shown(shown) == []
    first = shown.iloc[0]
    assert (first["Voorwaarde"], first["Onderdeel"]) == (
        BANK.title_of("sociaal-kapitaal"),
        BANK.title_of("bonding"),
    )


def test_the_check_finds_what_the_notebook_used_to_show():
    """The old cells: findings, measure ids and condition ids straight from the engine."""
    result = score(BANK, dict.fromkeys(INCOME + PAYERS, 0))
    old_findings = pd.DataFrame({"Melding": result.findings}, dtype="object")
    assert codes_shown(old_findings) == result.findings
    old_measures = pd.DataFrame({"Maat": list(result.derived), "Waarde": ["0"] * 6})
    assert codes_shown(old_measures) == list(result.derived)
    old_answers = pd.DataFrame({"Voorwaarde": ["sociaal-kapitaal"], "Onderdeel": ["bonding"]})
    assert codes_shown(old_answers) == ["sociaal-kapitaal", "bonding"]
