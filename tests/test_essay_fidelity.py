"""Slips against the essay found in the second outside reading (issue 21) stay fixed.

Each entry names what the book said, and why it was wrong against Karré & Van Meerkerk (2019).
The texts a reader sees are searched: the pages in ``book/``, the Markdown cells of
``notebooks/``, the data in ``data/`` and the strings in ``wijkcoop/`` (case profiles are
written there). Checks that need more than a phrase (a self-check's key, the English page's
minutes) live in ``tests/test_zelftoets.py`` and ``tests/test_english.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (phrase that may not appear anywhere, why)
GONE = [
    ("veel op een wijkcoöperatie leek", "1: box 1 says 'een aantal gelijkenissen'"),
    ("In de Rotterdamse wijkcoöperaties deden vaak", "2: §2.2 states it in general terms"),
    ("leiderschap in de Rotterdamse wijkcoöperaties", "2: §2.2 states it in general terms"),
    ("heeft daar veel minder tijd voor", "3: §4.5 names no organisation"),
    ("Neem Wijkcoop010", "4: not in the essay; told as a 'stel dat' example now"),
    ("spreekuur", "5: the essay names no spreekuren at the Klooster"),
    ("spreekuren", "5: the essay names no spreekuren at the Klooster"),
    ("waarom zeggenschap van bewoners erbij hoort", "6: §4.5 only says it 'lijkt te passen'"),
    ("Een fonds is dus meer dan een geldpot", "6: §4.5 only says it 'lijkt te passen'"),
    ("als manier om bewoners meer zeggenschap te geven", "6: §4.5 only says it 'lijkt te passen'"),
    ("de onderzoekers beschreven haar als", "8: 'lijm tussen de voegen' is the DHC's own aim"),
    ("project van een kunstenaar", "9: the essay says 'kunstenaarsproject'"),
    ("herkenden veel van deze klachten", "9: the essay says 'in zekere mate'"),
    ("vaak het lastigst", "10: the essay does not rank the forms of social capital"),
    ("moet gewoon meer vertrouwen", "11: the quotation has no 'gewoon'"),
    ("USB-stick", "one spelling: usb-stick"),
    ("Usb-stick", "one spelling: usb-stick"),
    ("Denk aan Het Wijkpaleis", "the name is 'het Wijkpaleis' within a sentence"),
    ("`linking`-kant", "Dutch: institutioneel kapitaal"),
    ("De scan rekent op dezelfde manier als de duurzaamheidsscan", "that is the relatiespiegel"),
]


def reader_texts() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(ROOT)), p.read_text("utf-8")) for p in ROOT.glob("book/**/*.md")]
    for nb in sorted(ROOT.glob("notebooks/*.ipynb")):
        cells = json.loads(nb.read_text("utf-8"))["cells"]
        texts.append((str(nb.relative_to(ROOT)), "\n".join("".join(c["source"]) for c in cells)))
    for pattern in ["data/**/*.yaml", "wijkcoop/**/*.py"]:
        texts += [(str(p.relative_to(ROOT)), p.read_text("utf-8")) for p in ROOT.glob(pattern)]
    return texts


def section(path: str, label: str) -> str:
    text = (ROOT / path).read_text("utf-8")
    start = text.index(f"({label})=")
    rest = text[start + len(label) + 3 :]
    end = re.search(r"^\([\w-]+\)=$", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize(("phrase", "why"), GONE, ids=[g[0][:30] for g in GONE])
def test_slip_is_gone_everywhere(phrase, why):
    found = [name for name, text in reader_texts() if phrase in text]
    assert not found, f"'{phrase}' ({why}) still in {found}"


def test_the_later_cases_are_described_as_the_essay_does():
    from wijkcoop import cases, data

    later = [o for o in data.load("organisaties")["organisaties"] if o["selectie"] != "kern"]
    assert later, "no later-added organisation in the case data"
    for org in later:
        rows = dict(cases.facts_rows(org, "2018"))
        assert "een aantal gelijkenissen" in rows["In het onderzoek"]


def test_the_fund_section_names_no_organisation_and_keeps_the_essays_caution():
    fund = section("book/aan-de-slag/aanbevelingen.md", "aandeslag-aanbeveling-5")
    for name in ["Wijkcoop010", "Wijkpaleis", "Klooster", "Afrikaander", "Delfshaven"]:
        assert name not in fund, f"§4.5 names no organisation, the book names {name}"
    assert "lijkt te passen" in fund


def test_invented_examples_with_a_real_name_say_so():
    for path in ["book/relatie/erkenning.md", "book/relatie/financiering.md"]:
        text = (ROOT / path).read_text("utf-8")
        assert re.search(r"Stel dat[^\n]*Wijkcoop010", text), f"{path}: no 'stel dat' example"
        assert "voorbeeld van dit boek" in text, f"{path}: the example is not marked as the book's"


def test_the_bridging_example_is_not_the_linking_one():
    bridging = section("book/duurzaam/sociaal-kapitaal.md", "duurzaam-bridging")
    assert "Delfshaven" not in bridging, "the DHC links to banks and corporations: linking (§2.2)"


def test_english_terms_appear_only_in_parentheses_after_the_dutch_word():
    # The impact part (issue 19, another branch) chooses its own words; the glossary may define
    # an English term; the English summary is English.
    exempt = ("book/impact/", "book/naslag/begrippen.md", "book/english.md")
    pages = [
        (n, t) for n, t in reader_texts() if n.startswith("book/") and not n.startswith(exempt)
    ]
    for name, text in pages:
        prose = re.sub(r"\{cite:[tp]\}`[^`]*`", "", text)  # citation keys are not prose
        for term in ["business case", "roadmap", "governance"]:
            for match in re.finditer(term, prose, re.IGNORECASE):
                around = prose[max(0, match.start() - 1) : match.end() + 1]
                assert re.fullmatch(r"\([\w ]+\)", around), (
                    f"{name}: '{term}' outside parentheses; use the Dutch word"
                )
