"""Self-checks: the data of every part, the rules beyond the schema, and the HTML they become."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wijkcoop import data, toc, zelftoets

ROOT = Path(__file__).resolve().parent.parent
PARTS = toc.self_checks()  # the parts whose chapter lists book/zelftoets/<part> in _toc.yml
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)


def book_labels() -> set[str]:
    labels = set()
    for page in (ROOT / "book").rglob("*.md"):
        labels |= set(LABEL.findall(page.read_text("utf-8")))
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        labels |= set(re.findall(r"\(([\w-]+)\)=", nb.read_text("utf-8")))
    return labels


@pytest.mark.parametrize("deel", PARTS)
def test_every_part_has_a_valid_self_check_with_a_page(deel):
    quiz = zelftoets.load(deel)
    assert quiz["deel"] == deel
    assert 3 <= len(quiz["vragen"]) <= 5
    page = ROOT / "book" / "zelftoets" / f"{deel}.md"
    assert f"```{{zelftoets}} {deel}\n```" in page.read_text("utf-8")


def test_every_self_check_file_is_a_part_in_the_table_of_contents():
    files = sorted(p.stem for p in (data.data_dir() / "zelftoets").glob("*.yaml"))
    assert files == sorted(PARTS), "data/zelftoets/<part>.yaml and _toc.yml disagree"
    pages = sorted(p.stem for p in (ROOT / "book" / "zelftoets").glob("*.md"))
    assert pages == sorted(PARTS), "book/zelftoets/<part>.md and _toc.yml disagree"
    assert len(PARTS) >= 7


@pytest.mark.parametrize("deel", PARTS)
def test_every_read_back_link_points_to_a_section(deel):
    labels = book_labels()
    for question in zelftoets.load(deel)["vragen"]:
        assert question["lees_terug"] in labels, f"{deel}/{question['id']}"


def test_the_other_cases_are_used_not_mostly_the_afrikaandermarkt():
    text = " ".join((data.data_dir() / "zelftoets" / f"{d}.yaml").read_text("utf-8") for d in PARTS)
    others = ["Wijkcoop010", "Wijkpaleis", "Klooster Oude Noorden", "Delfshaven Coöperatie"]
    assert all(name in text for name in others)
    assert text.count("Afrikaander") <= 1


def _quiz() -> dict:
    return copy.deepcopy(zelftoets.load("duurzaam"))


def test_two_right_options_are_refused_with_the_question_named():
    quiz = _quiz()
    for option in quiz["vragen"][1]["opties"]:
        option["juist"] = True
    with pytest.raises(data.DataValidationError, match=r"question 2 \(id=leiderschap\).*found 3"):
        zelftoets.check(quiz, "zelftoets-duurzaam")


def test_a_duplicate_id_is_refused():
    quiz = _quiz()
    quiz["vragen"][2]["id"] = quiz["vragen"][0]["id"]
    with pytest.raises(data.DataValidationError, match="duplicate id"):
        zelftoets.check(quiz)


def test_the_schema_refuses_a_question_without_a_read_back_label(tmp_path):
    quiz = _quiz()
    del quiz["vragen"][0]["lees_terug"]
    schema = data._load_schema("zelftoets.schema.json")
    with pytest.raises(data.DataValidationError, match="lees_terug"):
        data.validate(quiz, schema, tmp_path / "x.yaml")


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.radios: list[dict] = []
        self.labels: list[str] = []
        self.feedback: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input":
            self.radios.append(a)
        elif tag == "label":
            self.labels.append(a["for"])
        elif tag == "p":
            self._in = a.get("class")
            self.feedback.append("")

    def handle_data(self, text):
        if self._in:
            self.feedback[-1] += text

    def handle_endtag(self, tag):
        if tag == "p":
            self._in = None


def test_a_question_becomes_one_radio_group_with_a_label_and_feedback_per_option():
    quiz = _quiz()
    question = quiz["vragen"][0]
    form = _Form()
    form.feed(zelftoets.form_html(quiz, 0))
    assert [r["type"] for r in form.radios] == ["radio"] * len(question["opties"])
    assert len({r["name"] for r in form.radios}) == 1
    assert form.labels == [r["id"] for r in form.radios]
    assert len(form.feedback) == len(question["opties"])
    for shown, option in zip(form.feedback, question["opties"], strict=True):
        assert shown.startswith("Goed." if option["juist"] else "Niet helemaal.")
        assert " ".join(option["uitleg"].split()) in " ".join(shown.split())


def test_the_stylesheet_has_a_rule_for_every_option_position():
    for k in range(1, zelftoets.MAX_OPTIONS + 1):
        assert f"input:nth-of-type({k}):checked~.zt-feedback>p:nth-of-type({k})" in zelftoets.STYLE


def test_text_is_escaped():
    quiz = _quiz()
    quiz["vragen"][0]["vraag"] = "Is 3 < 4 & 5 > 2 waar?"
    assert "Is 3 &lt; 4 &amp; 5 &gt; 2 waar?" in zelftoets.form_html(quiz, 0)


# Item quality (issue 21): every question a situation from practice, every distractor a real
# mistake with its own feedback, keyed answers spread over the positions.
THROWAWAYS = [
    "De scan stopt",
    "vergunning",
    "Een opleiding in bedrijfskunde",
    "Een kantoor in de wijk",
]


def _keyed_positions(deel: str) -> list[int]:
    return [
        next(i for i, o in enumerate(q["opties"], start=1) if o["juist"])
        for q in zelftoets.load(deel)["vragen"]
    ]


@pytest.mark.parametrize("deel", PARTS)
def test_options_are_distinct_and_each_has_its_own_feedback(deel):
    for question in zelftoets.load(deel)["vragen"]:
        texts = [" ".join(o["tekst"].lower().split()) for o in question["opties"]]
        feedback = [" ".join(o["uitleg"].split()) for o in question["opties"]]
        assert len(set(texts)) == len(texts), f"{deel}/{question['id']}: duplicate options"
        assert len(set(feedback)) == len(feedback), f"{deel}/{question['id']}: feedback repeated"
        assert all(len(f.split()) >= 6 for f in feedback), f"{deel}/{question['id']}: thin feedback"


@pytest.mark.parametrize("deel", PARTS)
def test_every_question_describes_a_situation(deel):
    for question in zelftoets.load(deel)["vragen"]:
        words = len(question["vraag"].split())
        assert words >= 15, f"{deel}/{question['id']}: {words} words, no situation to apply"
        for option in question["opties"]:
            for throwaway in THROWAWAYS:
                assert throwaway.lower() not in option["tekst"].lower(), f"{deel}/{question['id']}"


@pytest.mark.parametrize("deel", PARTS)
def test_keys_are_spread_within_a_part(deel):
    keys = _keyed_positions(deel)
    most = max(keys.count(k) for k in set(keys))
    assert most * 2 <= len(keys), f"{deel}: keyed positions {keys}; one position holds over half"


def test_every_position_is_keyed_somewhere_in_the_book():
    keys = [k for deel in PARTS for k in _keyed_positions(deel)]
    longest = max(len(q["opties"]) for d in PARTS for q in zelftoets.load(d)["vragen"])
    assert set(keys) == set(range(1, longest + 1)), f"positions keyed: {sorted(set(keys))}"


def _keyed(deel: str, qid: str) -> tuple[dict, dict]:
    question = next(q for q in zelftoets.load(deel)["vragen"] if q["id"] == qid)
    return question, next(o for o in question["opties"] if o["juist"])


def test_scan_spread_item_is_keyed_to_payers_as_the_scoring_page_measures():
    scoring = (ROOT / "book" / "scan" / "scoring.md").read_text("utf-8")
    assert "spreiding over betalers" in scoring
    assert "De gemeente is één betaler" in scoring
    question, key = _keyed("scan", "spreiding")
    assert question["lees_terug"] == "scan-scoring-inkomsten"
    assert "één betaler" in key["tekst"]
    assert "zwakke spreiding" in key["tekst"].lower()
    wrong = [o["tekst"] for o in question["opties"] if not o["juist"]]
    assert any("bronnen" in w for w in wrong), (
        "the classic mistake (count kinds of money) is a distractor"
    )


def test_social_capital_item_uses_only_parties_the_essay_files_under_linking():
    question, key = _keyed("duurzaam", "kapitaal")
    assert "linking" in key["tekst"]
    assert "bank" in question["vraag"]
    assert "woningcorporatie" in question["vraag"]
    for ambiguous in ["bedrijven", "ondernemers", "Delfshaven"]:
        assert ambiguous not in question["vraag"], f"'{ambiguous}' could also be bridging"


def test_leadership_item_is_not_told_as_a_rotterdam_finding():
    question, key = _keyed("duurzaam", "leiderschap")
    assert "Rotterdam" not in question["vraag"] + key["tekst"]
    assert "eerder onderzoek" in question["vraag"].lower()
