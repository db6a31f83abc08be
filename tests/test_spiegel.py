"""The relatiespiegel: a two-sided bank on the five friction points, and its gap."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wijkcoop import data, group, scan
from wijkcoop.scan.scoring import likert_score

ROOT = Path(__file__).resolve().parent.parent
FRICTION_LABELS = {
    "erkenning": "relatie-erkenning",
    "financiering": "relatie-financiering",
    "regels": "relatie-regels",
    "verantwoording": "relatie-verantwoording",
    "logica": "relatie-logica",
}
ALLOWED_REFS = {*FRICTION_LABELS.values(), "relatie-conclusies"}
ROLES = ["cooperatie", "gemeente"]


@pytest.fixture(scope="module")
def bank():
    return scan.load_bank("relatiespiegel")


def test_bank_loads_as_two_sided_with_labels_per_role(bank):
    assert bank.roles == ROLES
    assert bank.two_sided
    assert set(bank.raw["role_labels"]) == set(ROLES)
    assert [c["id"] for c in bank.conditions] == list(FRICTION_LABELS)


def test_both_roles_have_their_own_statement_for_every_item(bank):
    for item in bank.items:
        statement = item["statement"]
        assert isinstance(statement, dict), item["id"]
        assert set(statement) == set(ROLES), item["id"]
        coop, gem = statement["cooperatie"].strip(), statement["gemeente"].strip()
        assert coop, item["id"]
        assert gem, item["id"]
        assert coop != gem, f"{item['id']}: both sides read the same sentence"
        assert item["type"] == "likert"
        assert bank.items_for("cooperatie") == bank.items_for("gemeente")


def test_every_part_has_an_item_in_the_short_version(bank):
    short_parts = {i["part"] for i in bank.items_for(short=True)}
    assert short_parts == set(bank.parts_by_id)


def test_book_refs_point_to_the_relation_chapter(bank):
    assert bank.book_refs() <= ALLOWED_REFS
    for cond in bank.conditions:
        assert cond["book_ref"] == FRICTION_LABELS[cond["id"]]
    labels = set()
    for page in (ROOT / "book" / "relatie").glob("*.md"):
        labels |= set(re.findall(r"^\(([a-z0-9-]+)\)=", page.read_text("utf-8"), re.M))
    assert bank.book_refs() <= labels, bank.book_refs() - labels


def test_each_friction_point_has_conversation_prompts(bank):
    for cond in bank.conditions:
        prompts = cond.get("prompts", [])
        assert len(prompts) >= 3, cond["id"]
        assert all("?" in p for p in prompts), cond["id"]
        assert len(set(prompts)) == len(prompts)


def test_test_vectors_cover_both_roles_and_match_the_engine(bank):
    vectors = data.load("scan-test-vectors-relatiespiegel")
    assert vectors["bank_version"] == bank.version
    assert {c["role"] for c in vectors["cases"]} == set(ROLES)
    for case in vectors["cases"]:
        got = scan.score(bank, case["answers"], case["role"], case.get("short", False)).to_dict()
        for level in ("parts", "conditions"):
            for key, want in case["expected"][level].items():
                if want is None:
                    assert got[level][key] is None, (case["name"], key)
                else:
                    assert got[level][key] == pytest.approx(want, abs=1e-9), (case["name"], key)
        assert got["completeness"] == pytest.approx(case["expected"]["completeness"], abs=1e-9)


def test_vectors_file_is_up_to_date():
    from tests.scan_reference import ROOT, build

    out = ROOT / "data" / "scan" / "test-vectors-relatiespiegel.json"
    committed = json.loads(out.read_text("utf-8"))
    assert committed == json.loads(json.dumps(build("relatiespiegel")))


def _all(bank, value):
    return {i["id"]: value for i in bank.items}


def test_gap_per_friction_point_on_a_hand_made_pair(bank):
    coop = scan.score(bank, _all(bank, 4), "cooperatie")
    gem = scan.score(bank, _all(bank, 2), "gemeente")
    # 4: plain items 75, reversed 25; 2: plain 25, reversed 75.
    # erkenning: coop (75+25)/2=50 and 75 -> 62.5; gem (25+75)/2=50 and 25 -> 37.5.
    assert coop.condition_score("erkenning") == 62.5
    assert gem.condition_score("erkenning") == 37.5
    gap = scan.compare(coop, gem)
    row = gap[(gap["niveau"] == "voorwaarde") & (gap["id"] == "erkenning")].iloc[0]
    assert row["verschil"] == 25.0
    # the gap the other way round is the same number with the other sign
    back = scan.compare(gem, coop).set_index(["niveau", "id"])["verschil"]
    ahead = gap.set_index(["niveau", "id"])["verschil"]
    assert (back == -ahead).all()
    for cond in bank.conditions:
        items = [i for i in bank.items if bank.condition_of_part[i["part"]] == cond["id"]]
        assert items
        assert all(likert_score(i, 4) + likert_score(i, 2) == 100 for i in items)


def test_swapped_files_give_the_same_gap_on_both_sides(bank, tmp_path):
    """Each side exports, imports the other's file: both compute one and the same gap."""
    coop_answers = {i["id"]: [5, 4, 2, "?"][k % 4] for k, i in enumerate(bank.items)}
    gem_answers = {i["id"]: [3, 4, 5][k % 3] for k, i in enumerate(bank.items)}
    coop_file = json.dumps(scan.make_export(bank, coop_answers, "Coop X", role="cooperatie"))
    gem_file = json.dumps(scan.make_export(bank, gem_answers, "Coop X", role="gemeente"))
    # side A (coop) imports B's file; side B (gemeente) imports A's file
    at_coop = scan.parse_export(gem_file, bank)
    at_gem = scan.parse_export(coop_file, bank)
    assert at_coop.meta["role"] == "gemeente"
    assert at_gem.meta["role"] == "cooperatie"
    gap_at_coop = scan.compare(
        scan.score(bank, coop_answers, "cooperatie"), scan.score(bank, at_coop.answers, "gemeente")
    )
    gap_at_gem = scan.compare(
        scan.score(bank, at_gem.answers, "cooperatie"), scan.score(bank, gem_answers, "gemeente")
    )
    assert gap_at_coop["verschil"].tolist() == gap_at_gem["verschil"].tolist()
    # and the trainer's group analysis of the two files finds the same gap
    (tmp_path / "a.json").write_text(coop_file, encoding="utf-8")
    (tmp_path / "b.json").write_text(gem_file, encoding="utf-8")
    g = group.analyse(tmp_path, banks=["relatiespiegel"])
    by_id = g.gap().set_index("id")["verschil"]
    expected = gap_at_coop[gap_at_coop["niveau"] == "voorwaarde"].set_index("id")["verschil"]
    for cond, value in expected.items():
        assert by_id[cond] == pytest.approx(value)


def test_prompts_directive_renders_every_prompt_once_with_a_chapter_link(bank):
    from wijkcoop import spiegel

    md = spiegel.prompts_markdown(bank)
    for cond in bank.conditions:
        assert f"<{cond['book_ref']}>" in md
        for prompt in cond["prompts"]:
            assert md.count(spiegel._escape(prompt)) == 1
    only = spiegel.prompts_markdown(bank, ["regels"])
    assert "Wet- en regelgeving" in only
    assert "Erkenning" not in only
    with pytest.raises(ValueError, match="unknown friction point"):
        spiegel.prompts_markdown(bank, ["bestaat-niet"])


@pytest.mark.parametrize("role", ROLES)
def test_paper_form_has_every_statement_of_the_role_numbered(bank, role):
    from wijkcoop import spiegel

    md = spiegel.form_markdown(bank, role)
    rows = [line for line in md.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == len(bank.items_for(role))
    assert [int(r.split("|")[1]) for r in rows] == list(range(1, len(rows) + 1))
    for item, row in zip(bank.items_for(role), rows, strict=True):
        assert spiegel._escape(item["statement"][role]) in row
        # five answers, "weet ik niet", and "niet van toepassing" only where the item offers it
        assert row.count(spiegel.BOX) == (7 if item.get("allow_na") else 6)
        assert row.endswith(f"| {spiegel.BOX} |" if item.get("allow_na") else "| – |")
    assert "| Niet van toepassing |" in md
    short = spiegel.form_markdown(bank, role, short=True)
    assert len(re.findall(r"^\| \d+ \|", short, re.M)) == len(bank.items_for(role, short=True))
    with pytest.raises(ValueError, match="not one of"):
        spiegel.form_markdown(bank, "bewoner")
