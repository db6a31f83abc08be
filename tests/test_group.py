"""Group analysis for trainers (wijkcoop.group) and the synthetic exports (wijkcoop.synthetic)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from wijkcoop import group, scan, synthetic

ORGS = [synthetic.organisation_name(i) for i in range(1, 9)]


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    written = synthetic.write_folder(folder, seed=11)
    return folder, written


def _export(bank_id, answers, org="", notes="", role=None, when="2026-10-01T10:00:00Z"):
    bank = scan.load_bank(bank_id)
    ex = scan.make_export(bank, answers, organisation=org, notes=notes, role=role)
    ex["exported_at"] = when
    return json.dumps(ex, ensure_ascii=False).encode("utf-8")


# ----------------------------------------------------------------- validation and originals


def test_every_broken_file_is_refused_with_its_code_and_the_run_goes_on(demo):
    folder, written = demo
    g = group.analyse(folder)
    refused = dict(zip(g.rejected["bestand"], g.rejected["code"], strict=True))
    broken = [f for f in written if f.expected != "valid"]
    assert {f.expected for f in broken} == set(synthetic.BROKEN_KINDS)
    by_code = g.rejected.set_index("code")
    for f in broken:
        assert f.expected in refused.values(), f"{f.name} not refused as {f.expected}"
        reason = by_code.loc[f.expected, "reden"]
        assert isinstance(reason, str)
        assert reason.endswith("Dit bestand telt niet mee.")
        assert "huidige antwoorden" not in reason  # the page-only sentence is replaced
    assert len(g.rejected) == len(broken)
    assert g.counts() == {
        "bestanden": len(written),
        "geaccepteerd": len(written) - len(broken),
        "geweigerd": len(broken),
    }
    assert len(g.exports) == len(written) - len(broken)


def test_reasons_are_the_engines_dutch_messages(tmp_path):
    (tmp_path / "a.json").write_bytes(b"niet eens json")
    g = group.analyse(tmp_path)
    with pytest.raises(scan.ExportError) as exc:
        scan.parse_export(b"niet eens json", scan.load_bank("duurzaamheidsscan"))
    assert g.rejected.loc[0, "code"] == "not-json" == exc.value.code
    assert g.rejected.loc[0, "reden"].startswith(scan.MESSAGES["not-json"])


def test_originals_are_never_changed(demo, tmp_path):
    folder, _ = demo
    before = _hashes(folder)
    g = group.analyse(folder, show_names=True)
    g.write(tmp_path / "uit")
    group.analyse(folder).write(tmp_path / "uit2")
    assert _hashes(folder) == before  # same names, same bytes, nothing added


def test_output_folder_inside_the_input_folder_is_refused(demo):
    folder, _ = demo
    g = group.analyse(folder)
    with pytest.raises(ValueError, match="inside the input folder"):
        g.write(folder / "uitvoer")
    with pytest.raises(ValueError, match="inside the input folder"):
        g.write(folder)
    assert not (folder / "uitvoer").exists()


def test_hidden_files_and_subfolders_are_skipped(tmp_path):
    (tmp_path / ".DS_Store").write_bytes(b"\0\1")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.json").write_bytes(b"{}")
    (tmp_path / "a.json").write_bytes(_export("duurzaamheidsscan", {"sk-bonding-2": 4}))
    g = group.analyse(tmp_path)
    assert g.counts() == {"bestanden": 1, "geaccepteerd": 1, "geweigerd": 0}


def test_newest_of_two_exports_counts(tmp_path):
    old = _export("duurzaamheidsscan", {"sk-bonding-2": 1}, "Coop A", when="2026-10-01T10:00:00Z")
    new = _export("duurzaamheidsscan", {"sk-bonding-2": 5}, "Coop A", when="2026-10-02T10:00:00Z")
    (tmp_path / "a-eerst.json").write_bytes(new)
    (tmp_path / "b-later-op-naam.json").write_bytes(old)
    g = group.analyse(tmp_path, show_names=True)
    assert list(g.rejected["bestand"]) == ["b-later-op-naam.json"]
    assert list(g.rejected["code"]) == ["duplicate"]
    assert g.scores("duurzaamheidsscan")["bonding"].tolist() == [100.0]


def test_empty_folder_gives_empty_tables(tmp_path):
    (tmp_path / "in").mkdir()
    g = group.analyse(tmp_path / "in")
    assert g.counts()["bestanden"] == 0
    prof = g.profile("duurzaamheidsscan")
    assert (prof["n"] == 0).all()
    paths = g.write(tmp_path / "uit")
    assert paths["overzicht"].read_text(encoding="utf-8").startswith("<!doctype html>")


# ----------------------------------------------------------------- anonymisation


def _all_output_text(g: group.GroupAnalysis, out: Path) -> str:
    paths = g.write(out)
    texts = [p.read_text(encoding="utf-8") for p in paths.values()]
    frames = [g.rejected, g.exports, g.summary()]
    for bank_id in g.banks:
        frames += [g.scores(bank_id), g.profile(bank_id), g.distribution(bank_id)]
        if len([r for r in g.rounds(bank_id) if r != group.UNKNOWN_ROUND]) >= 2:
            frames.append(g.change(bank_id))
    frames.append(g.gap())
    texts += [f.to_csv() for f in frames]
    return "\n".join(texts)


def test_no_organisation_name_in_any_output_by_default(demo, tmp_path):
    folder, _ = demo
    g = group.analyse(folder)
    text = _all_output_text(g, tmp_path / "uit").lower()
    for org in ORGS:
        assert org.lower() not in text
        assert synthetic.slug(org) not in text
    assert not re.search(r"voorbeeld[\s_-]*\d", text)  # no fragment of the invented names
    assert "deelnemer 01" in text


def test_names_appear_only_when_the_trainer_opts_in(demo, tmp_path):
    folder, _ = demo
    g = group.analyse(folder, show_names=True)
    text = _all_output_text(g, tmp_path / "uit")
    assert all(org in text for org in ORGS)


def test_notes_never_reach_the_outputs(tmp_path):
    secret = "Bel Fatima op 06-12345678"
    (tmp_path / "in").mkdir()
    ex = _export("duurzaamheidsscan", {"sk-bonding-2": 4}, "Coop A", notes=f"{secret} ronde 1")
    (tmp_path / "in" / "a.json").write_bytes(ex)
    for show in (False, True):
        g = group.analyse(tmp_path / "in", show_names=show)
        assert secret not in _all_output_text(g, tmp_path / f"uit-{show}")


def test_pseudonyms_are_stable_per_organisation(demo):
    folder, _ = demo
    g = group.analyse(folder)
    named = group.analyse(folder, show_names=True)
    pairs = set()
    for bank_id in g.banks:
        anon = g.scores(bank_id)["deelnemer"].tolist()
        real = named.scores(bank_id)["deelnemer"].tolist()
        pairs |= set(zip(real, anon, strict=True))
    mapping = dict(pairs)
    assert len(mapping) == len(pairs) == len(ORGS)  # one pseudonym per organisation
    assert len(set(mapping.values())) == len(ORGS)  # and no two organisations share one
    assert all(v.startswith("Deelnemer ") for v in mapping.values())


# ----------------------------------------------------------------- rounds and change


def test_organisation_names_match_ignoring_case_accents_and_punctuation():
    assert group.normalise_name("Coöp C") == group.normalise_name(" coop-c. ")
    assert group.normalise_name("Coop C") != group.normalise_name("Coop D")


def test_round_label_rule():
    assert group.round_label("", "coop_ronde-2.json") == "ronde-2"
    assert group.round_label("Ronde: 3, na de zomer", "coop_ronde-2.json") == "ronde-3"
    assert group.round_label("", "coop_RONDE_1.json") == "ronde-1"
    assert group.round_label("", "coop.json") == group.UNKNOWN_ROUND
    assert group.round_label("", "omronde7.json") == group.UNKNOWN_ROUND


def test_change_between_two_rounds_on_a_hand_made_example(tmp_path):
    def bonding(v):  # sk-bonding-4 and -2 are plain, -3 is reversed
        return {"sk-bonding-4": v, "sk-bonding-2": v, "sk-bonding-3": 6 - v}

    files = {
        "a1.json": ("Coop A", "ronde 1", 3),  # 50
        "a2.json": ("Coop A", "ronde 2", 5),  # 100
        "c1.json": ("Coop C", "ronde 1", 2),  # 25
        "c2.json": ("Coöp C", "ronde 2", 4),  # 75 (same organisation, other spelling)
        "d1.json": ("Coop D", "ronde 1", 1),  # 0, only in round 1
        "e2.json": ("", "ronde 2", 5),  # 100, no name: never matched
    }
    for name, (org, notes, v) in files.items():
        (tmp_path / name).write_bytes(_export("duurzaamheidsscan", bonding(v), org, notes))
    g = group.analyse(tmp_path)
    ch = g.change("duurzaamheidsscan").set_index("id").loc["bonding"]
    assert ch["ronde_a"] == "ronde-1"
    assert ch["ronde_b"] == "ronde-2"
    assert ch["n_gekoppeld"] == 2
    assert ch["gemiddelde_a"] == pytest.approx((50 + 25) / 2)
    assert ch["gemiddelde_b"] == pytest.approx((100 + 75) / 2)
    assert ch["verandering"] == pytest.approx(50.0)
    assert ch["gemiddelde_a_alle"] == pytest.approx((50 + 25 + 0) / 3)
    assert ch["gemiddelde_b_alle"] == pytest.approx((100 + 75 + 100) / 3)
    other = g.change("duurzaamheidsscan").set_index("id").loc["bridging"]
    assert other["n_gekoppeld"] == 0
    assert math.isnan(other["verandering"])
    cond = g.change("duurzaamheidsscan", level="voorwaarde").set_index("id")
    assert cond.loc["sociaal-kapitaal", "verandering"] == pytest.approx(50.0)


def test_change_needs_two_rounds(tmp_path):
    (tmp_path / "a.json").write_bytes(_export("duurzaamheidsscan", {"sk-bonding-2": 4}, "A"))
    g = group.analyse(tmp_path)
    assert g.rounds("duurzaamheidsscan") == [group.UNKNOWN_ROUND]
    with pytest.raises(group.NotPossible, match="twee rondes nodig"):
        g.change("duurzaamheidsscan")


# ----------------------------------------------------------------- scoring and aggregation


@pytest.mark.parametrize("bank_id", ["duurzaamheidsscan", "relatiespiegel"])
def test_group_scores_equal_the_engine_one_export_at_a_time(tmp_path, bank_id):
    """The group scores many exports in one call; each row equals scoring that export alone."""
    entries = synthetic.generate(bank_id, n_orgs=6, seed=5)
    for e in entries:
        (tmp_path / e["file"]).write_bytes(synthetic.dumps(e["export"]))
    g = group.GroupAnalysis(tmp_path, banks=[bank_id])
    bank = g.banks[bank_id]
    scores = g.scores(bank_id)
    conds = g.scores(bank_id, level="voorwaarde")
    assert len(scores) == len(entries)
    for i, e in enumerate(sorted(entries, key=lambda e: e["file"])):
        want = scan.score(bank, e["export"]["answers"], role=e["role"]).to_dict()
        for level, table in (("parts", scores), ("conditions", conds)):
            for key, value in want[level].items():
                got = table.iloc[i][key]
                if value is None:
                    assert math.isnan(got), (e["file"], key)
                else:
                    assert got == value, (e["file"], key)  # one engine: bit for bit


def test_group_has_no_scoring_copy_of_its_own():
    import wijkcoop.group as pkg

    for name in ("score_matrix", "bank_shape", "BankShape", "_derived_part_scores"):
        assert not hasattr(pkg, name)
        for mod in ("analysis", "reading", "refusals", "pseudonyms", "report", "charts"):
            assert not hasattr(getattr(pkg, mod), name), (mod, name)


def test_distribution_and_profile_agree_with_the_scores(demo):
    folder, _ = demo
    g = group.analyse(folder)
    scores = g.scores("duurzaamheidsscan")
    dist = g.distribution("duurzaamheidsscan").set_index("id")
    prof = g.profile("duurzaamheidsscan").set_index("id")
    for part in g.banks["duurzaamheidsscan"].part_ids:
        col = scores[part].dropna()
        assert dist.loc[part, "n"] == len(col)
        assert dist.loc[part, list(group.BAND_LABELS)].sum() == len(col)
        assert dist.loc[part, "mediaan"] == pytest.approx(col.median())
        assert dist.loc[part, "p25"] == pytest.approx(col.quantile(0.25))
        assert dist.loc[part, "0-20"] == ((col >= 0) & (col < 20)).sum()
        assert dist.loc[part, "80-100"] == (col >= 80).sum()
        assert prof.loc[part, "gemiddelde"] == pytest.approx(col.mean())
    conds = g.scores("duurzaamheidsscan", level="voorwaarde")
    assert prof.loc["verdienmodel", "gemiddelde"] == pytest.approx(conds["verdienmodel"].mean())


def test_gap_per_friction_point_is_role_mean_difference(demo):
    folder, _ = demo
    g = group.analyse(folder)
    s = g.scores("relatiespiegel", level="voorwaarde")
    gap = g.gap().set_index("id")
    for cond in ["erkenning", "financiering", "regels", "verantwoording", "logica"]:
        coop = s.loc[s["rol"] == "cooperatie", cond].mean()
        gem = s.loc[s["rol"] == "gemeente", cond].mean()
        assert gap.loc[cond, "verschil"] == pytest.approx(coop - gem)


def test_summary_csv_is_long_and_complete(demo, tmp_path):
    folder, _ = demo
    g = group.analyse(folder)
    paths = g.write(tmp_path / "uit")
    csv = pd.read_csv(paths["samenvatting"])
    assert list(csv.columns[:6]) == ["scan", "rol", "ronde", "niveau", "id", "titel"]
    spiegel = csv[(csv["scan"] == "relatiespiegel") & (csv["niveau"] == "voorwaarde")]
    assert set(spiegel["rol"]) == {"Coöperatie", "Gemeente"}
    assert set(spiegel["ronde"]) == {"ronde-1", "ronde-2"}
    assert len(spiegel) == 2 * 2 * 5
    rejected = pd.read_csv(paths["geweigerd"])
    assert len(rejected) == len(g.rejected)
    html_text = paths["overzicht"].read_text(encoding="utf-8")
    assert "@media print" in html_text
    assert "<script" not in html_text
    assert "http" not in html_text


# ----------------------------------------------------------------- synthetic generator


def test_seeded_generator_is_reproducible(tmp_path):
    synthetic.write_folder(tmp_path / "a", seed=3)
    synthetic.write_folder(tmp_path / "b", seed=3)
    synthetic.write_folder(tmp_path / "c", seed=4)
    a, b, c = (_hashes(tmp_path / x) for x in "abc")
    assert a == b
    assert a.keys() == c.keys()
    assert a != c


def test_generated_exports_are_valid_and_both_roles_present():
    entries = synthetic.generate("relatiespiegel", n_orgs=3, seed=1)
    bank = scan.load_bank("relatiespiegel")
    assert len(entries) == 3 * 2 * 2
    for e in entries:
        result = scan.parse_export(synthetic.dumps(e["export"]), bank)
        assert result.meta["role"] == e["role"]
    assert {e["role"] for e in entries} == {"cooperatie", "gemeente"}


def test_small_groups_are_flagged_in_the_overview(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(3):
        ex = _export("duurzaamheidsscan", {"sk-bonding-2": 4}, f"Coop {i}", notes="ronde 1")
        (tmp_path / "in" / f"{i}.json").write_bytes(ex)
    g = group.analyse(tmp_path / "in")
    small = g.small_groups()
    assert small.to_dict("records") == [
        {"scan": "duurzaamheidsscan", "rol": "", "ronde": "ronde-1", "n": 3}
    ]
    assert "minder dan 5 exports" in g.overview_html()
    assert g.small_groups(min_n=3).empty


def test_the_demo_folder_has_no_small_groups(demo):
    folder, _ = demo
    assert group.analyse(folder).small_groups().empty


def test_bank_named_late_in_the_file_is_still_found(tmp_path):
    bank = scan.load_bank("relatiespiegel")
    ex = scan.make_export(bank, {"rel-erkenning-kennen-1": 4}, "Coop A", role="gemeente")
    late = {"notes": "n" * 4500, **{k: v for k, v in ex.items() if k != "notes"}}
    (tmp_path / "a.json").write_text(json.dumps(late), encoding="utf-8")
    g = group.analyse(tmp_path)
    assert g.rejected.empty
    assert g.scores("relatiespiegel")["rol"].tolist() == ["gemeente"]


def test_duplicate_refusal_text_comes_from_the_messages_file(demo):
    folder, _ = demo
    g = group.analyse(folder)
    dup = g.rejected[g.rejected["code"] == "duplicate"].iloc[0]
    assert dup["reden"] == f"{scan.MESSAGES['duplicate']} {scan.MESSAGES['group-not-counted']}"
    other = g.rejected[g.rejected["code"] == "not-json"].iloc[0]
    assert other["reden"].endswith(scan.MESSAGES["group-not-counted"])
    assert scan.MESSAGES["unchanged"] not in other["reden"]


def test_gap_and_change_show_differences_of_the_rounded_means(demo):
    """Contract E: the difference shown equals the difference of the rounded numbers shown."""
    from wijkcoop.scan.scoring import round_half_up

    folder, _ = demo
    g = group.analyse(folder)
    gap = g.gap()
    for r in gap.itertuples():
        want = round_half_up(r.cooperatie) - round_half_up(r.gemeente)
        assert r.verschil_getoond == want  # wijkcoöperatie min gemeente
    ch = g.change("duurzaamheidsscan", level="voorwaarde")
    for r in ch.itertuples():
        assert r.verandering_getoond == round_half_up(r.gemiddelde_b) - round_half_up(
            r.gemiddelde_a
        )
    html = g.overview_html()
    assert "verschil (coöperatie min gemeente)" in html
    assert "verandering (ronde-2 min ronde-1)" in html
    first = gap.iloc[0]
    assert f"{int(first['verschil_getoond']):+d}</td>" in html
