"""The question banks as measuring instruments (issue 10, items 12-13; data/scan/README.md).

These tests read the bank files as plain YAML, so they check the content rules whatever the
engine does with them: every item of the archived 1.0.0 bank is carried, renamed, split,
re-keyed or removed (never silently lost), every change has a Dutch reason, "niet van
toepassing" is offered and explained where it is offered, about a fifth of the statements per
condition is reverse-keyed, help texts do not give away how an item is scored, the short
version asks no amounts, and the income measures follow contract C.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCAN = ROOT / "data" / "scan"
BANKS = ["duurzaamheidsscan", "relatiespiegel"]
CHANGE_KINDS = {
    "nieuw",
    "gesplitst",
    "omgedraaid",
    "herschreven",
    "vervallen",
    "hernoemd",
    "verplaatst",
    "niet-van-toepassing",
    "uitleg",
    "score",
}


DUTCH = {"de", "het", "een", "en", "niet", "nu", "van", "vraag", "stelling"}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


@pytest.fixture(params=BANKS)
def pair(request) -> tuple[dict, dict]:
    """(current bank, archived 1.0.0 bank)."""
    name = request.param
    return _load(SCAN / f"{name}.yaml"), _load(SCAN / "archief" / f"{name}-1.0.0.yaml")


def _items(bank: dict) -> dict[str, dict]:
    return {i["id"]: i for i in bank["items"]}


def _migration(bank: dict, version: str = "1.0.0") -> dict:
    found = [m for m in bank["migrations"] if m["from"] == version]
    assert len(found) == 1, f"{bank['bank_id']}: want one migration from {version}"
    return found[0]


def _text(value) -> str:
    return " ".join(value.values()) if isinstance(value, dict) else value


def test_archive_is_the_released_1_0_0(pair):
    _, old = pair
    assert old["version"] == "1.0.0"
    assert old["migrations"] == []
    assert "changes" not in old


def test_version_raised_and_migration_from_1_0_0(pair):
    bank, _ = pair
    assert bank["version"] == "1.1.0"
    _migration(bank)


def test_every_old_item_is_accounted_for_exactly_once(pair):
    bank, old = pair
    new, m = _items(bank), _migration(bank)
    for old_id, item in _items(old).items():
        ways = [k for k in ("renamed", "split", "reversed") if old_id in (m.get(k) or {})] + (
            ["removed"] if old_id in (m.get("removed") or []) else []
        )
        if old_id in new:
            assert ways == [], f"{old_id} is still in the bank and also mapped by {ways}"
            # a carried id keeps its meaning: same part, type and direction
            kept = new[old_id]
            assert (kept["part"], kept["type"], kept.get("reverse")) == (
                item["part"],
                item["type"],
                item.get("reverse"),
            ), f"{old_id} changed part, type or direction: it needs a new id"
        else:
            assert len(ways) == 1, f"{old_id} is gone from the bank but mapped by {ways}"


def test_migration_targets_exist_and_are_new_ids(pair):
    bank, old = pair
    new, old_ids, m = _items(bank), set(_items(old)), _migration(bank)
    targets = list((m.get("renamed") or {}).values()) + list((m.get("reversed") or {}).values())
    targets += [t for ts in (m.get("split") or {}).values() for t in ts]
    assert len(targets) == len(set(targets)), "a new id is the target of two old items"
    for t in targets:
        assert t in new, f"migration target {t} is not in the bank"
        assert t not in old_ids, f"{t} existed in 1.0.0: a changed meaning needs a new id"
    for gone in m.get("removed") or []:
        assert gone not in new


def test_reversed_items_flip_and_split_items_keep_direction(pair):
    bank, old = pair
    new, before, m = _items(bank), _items(old), _migration(bank)
    for o, n in (m.get("reversed") or {}).items():
        assert new[n]["type"] == "likert"
        assert bool(new[n].get("reverse")) != bool(before[o].get("reverse")), (o, n)
    for o, ns in (m.get("split") or {}).items():
        for n in ns:
            assert new[n]["type"] == before[o]["type"], (o, n)
            # contract B copies the old answer unchanged to each part
            assert bool(new[n].get("reverse")) == bool(before[o].get("reverse")), (o, n)


def test_every_change_has_a_dutch_reason_and_a_known_kind(pair):
    bank, old = pair
    changes = bank.get("changes") or []
    assert changes, "the bank records no changes"
    known_ids = set(_items(bank)) | set(_items(old))
    known_ids |= {d["id"] for b in (bank, old) for d in b.get("derived", [])}
    for c in changes:
        assert set(c) == {"version", "item", "change", "reason"}, c
        assert c["version"] == bank["version"]
        assert c["change"] in CHANGE_KINDS, c
        assert c["item"] in known_ids, c
        assert len(c["reason"].split()) >= 5, c
        words = set(c["reason"].lower().replace(".", " ").split())
        assert words & DUTCH, c
        assert not words & {"the", "and", "with", "which"}, c


def test_every_migrated_or_new_item_has_a_change_entry(pair):
    bank, old = pair
    m = _migration(bank)
    recorded = {c["item"] for c in bank["changes"]}
    mapped = set(m.get("renamed") or {}) | set(m.get("split") or {})
    mapped |= set(m.get("reversed") or {}) | set(m.get("removed") or [])
    assert mapped <= recorded, f"mapped without a reason: {sorted(mapped - recorded)}"
    targets = set((m.get("renamed") or {}).values()) | set((m.get("reversed") or {}).values())
    targets |= {t for ts in (m.get("split") or {}).values() for t in ts}
    brand_new = set(_items(bank)) - set(_items(old)) - targets
    assert brand_new <= recorded, f"new items without a reason: {sorted(brand_new - recorded)}"
    # every reason the importer reports is a sentence too
    for old_id, reason in (m.get("reasons") or {}).items():
        assert old_id in mapped, old_id
        assert len(reason.split()) >= 3


def test_not_applicable_is_offered_and_explained(pair):
    bank, _ = pair
    assert bank["scale"]["not_applicable"] == {"value": "nvt", "label": "Niet van toepassing"}
    offered = [i for i in bank["items"] if i.get("allow_na")]
    assert offered
    for item in offered:
        assert item["type"] == "likert", item["id"]
        assert "Niet van toepassing" in _text(item["help"]), item["id"]
    for item in bank["items"]:
        if not item.get("allow_na"):
            assert "Niet van toepassing" not in _text(item["help"]), item["id"]
        # the old advice to answer a question that does not apply with an opinion is gone
        assert "Kies dan 'Helemaal oneens'" not in _text(item["help"]), item["id"]
        assert "Kies dan 'Weet ik niet'" not in _text(item["help"]), item["id"]


def test_about_a_fifth_reverse_keyed_per_condition(pair):
    bank, _ = pair
    part_of = {p["id"]: c["id"] for c in bank["conditions"] for p in c["parts"]}
    for cond in bank["conditions"]:
        statements = [
            i for i in bank["items"] if i["type"] == "likert" and part_of[i["part"]] == cond["id"]
        ]
        share = sum(bool(i.get("reverse")) for i in statements) / len(statements)
        assert 0.14 <= share <= 0.30, f"{cond['id']}: {share:.0%} reverse-keyed"


def test_help_texts_do_not_say_how_an_item_is_scored(pair):
    bank, _ = pair
    for item in bank["items"]:
        assert "score" not in _text(item["help"]).lower(), item["id"]


def test_short_version_has_about_twelve_statements_and_no_amounts(pair):
    bank, _ = pair
    short = [i for i in bank["items"] if i["short"]]
    assert 10 <= len(short) <= 14
    assert all(i["type"] == "likert" for i in short)


def test_income_measures_follow_contract_c():
    bank = _load(SCAN / "duurzaamheidsscan.yaml")
    items, derived = _items(bank), {d["id"]: d for d in bank["derived"]}
    assert {d["kind"] for d in derived.values()} <= {"total", "share", "herfindahl", "value"}
    # external funding = subsidies + funds, gifts, donations and start-up capital
    ext = [d for d in derived.values() if d.get("part") == "externe-financiering"]
    assert len(ext) == 1
    assert ext[0]["kind"] == "share"
    assert set(ext[0]["numerator"]) == {"ink-subsidie", "ink-fondsen"}
    assert "startkapitaal" in items["ink-fondsen"]["statement"]
    assert "donaties" in items["ink-fondsen"]["statement"]
    # the spread is scored over payers, a group separate from the kinds of income
    spread = [d for d in derived.values() if d.get("part") == "spreiding"]
    assert [d["kind"] for d in spread] == ["herfindahl"]
    payers = [i for i in bank["items"] if i.get("derive") == spread[0]["group"]]
    kinds = [i for i in bank["items"] if i.get("derive") == ext[0]["group"]]
    assert payers
    assert kinds
    assert not {i["id"] for i in payers} & {i["id"] for i in kinds}
    municipal = [i for i in payers if "gemeente" in i["id"]]
    assert len(municipal) == 1, "the municipality is one payer"
    assert "opdrachten" in municipal[0]["help"].lower()
    assert "subsidies" in municipal[0]["help"].lower()


def test_change_rows_join_changes_migrations_and_the_archive(pair):
    from wijkcoop.scan.changes import change_rows

    bank, old = pair
    rows = change_rows(bank, old)
    assert [r.item for r in rows] == [c["item"] for c in bank["changes"]]
    old_items, new_items = _items(old), _items(bank)
    for r in rows:
        if r.change == "gesplitst":
            assert len(r.after) >= 2, r
        if r.change == "vervallen":
            assert r.after == (), r
        if r.change == "nieuw":
            assert r.before == "", r
        if r.item in old_items:
            assert r.before, r  # the reader sees the old wording
        for new_id, text in r.after:
            assert text, (r.item, new_id)
            assert new_id in new_items or new_id in {d["id"] for d in bank.get("derived", [])}


def test_change_rows_refuse_an_unknown_kind():
    from wijkcoop.scan.changes import change_rows

    bank = {
        "bank_id": "t",
        "version": "1.1.0",
        "items": [],
        "changes": [{"version": "1.1.0", "item": "x", "change": "moved", "reason": "r"}],
    }
    with pytest.raises(ValueError, match="unknown change kind 'moved'"):
        change_rows(bank)


def test_the_counts_typed_in_the_data_readme_are_the_banks():
    """data/scan/README.md names counts by hand (issue 24.2): they must be the banks' counts."""
    import re

    from wijkcoop.scan import load_bank

    readme = (SCAN / "README.md").read_text("utf-8")
    scan, spiegel = load_bank("duurzaamheidsscan"), load_bank("relatiespiegel")
    kinds = [i["type"] for i in scan.items]
    rows = {
        "duurzaamheidsscan": (
            r"De duurzaamheidsscan (\S+): (\d+) items \((\d+) statements, (\d+) amounts\), "
            r"short version (\d+) statements",
            (scan.version, len(scan.items), kinds.count("likert"), kinds.count("number")),
            len(scan.items_for(short=True)),
        ),
        "relatiespiegel": (
            r"De relatiespiegel (\S+) \(two-sided, (\d+) items, (\d+) reverse-keyed, (\d+) "
            r"with \"Niet van toepassing\", short version (\d+)\)",
            (
                spiegel.version,
                len(spiegel.items),
                sum(bool(i.get("reverse")) for i in spiegel.items),
                sum(bool(i.get("allow_na")) for i in spiegel.items),
            ),
            len(spiegel.items_for(short=True)),
        ),
    }
    for bank_id, (pattern, counts, short) in rows.items():
        typed = re.search(pattern, readme)
        assert typed, f"the {bank_id} row of data/scan/README.md lost its counts"
        assert typed.groups() == tuple(str(c) for c in (*counts, short)), bank_id


def test_banks_in_use_name_their_advice_cut_off_and_python_reads_it():
    """Issue 24.2: the weak/strong advice cut-off has one home, the bank."""
    from wijkcoop.scan import load_bank
    from wijkcoop.scan.scoring import advice_parts, score

    for bank_id in ("duurzaamheidsscan", "relatiespiegel"):
        bank = load_bank(bank_id)
        assert bank.advice_below == 75
        role = bank.roles[0] if bank.roles else None
        items = [i for i in bank.items_for(role) if i["type"] == "likert"]
        low = score(bank, {items[0]["id"]: 1}, role=role)  # one part at 0
        high = score(bank, {i["id"]: 5 if not i.get("reverse") else 1 for i in items}, role=role)
        assert advice_parts(bank, low) == [items[0]["part"]]
        assert advice_parts(bank, high) == []


def test_the_counts_in_the_book_text_come_from_the_banks():
    """Issue 24.2: "60 vragen (50 stellingen en 10 bedragen)" is generated, not typed."""
    from wijkcoop.book.scandoc import counts
    from wijkcoop.scan import load_bank

    scan = load_bank("duurzaamheidsscan")
    got = counts()
    assert got["scan_vragen"] == str(len(scan.items))
    assert int(got["scan_stellingen"]) + int(got["scan_bedragen"]) == len(scan.items)
    assert got["scan_kort"] == str(len(scan.items_for(short=True)))
    index = (ROOT / "book" / "scan" / "index.md").read_text(encoding="utf-8")
    assert "{{ scan_vragen }} vragen ({{ scan_stellingen }} stellingen" in index
