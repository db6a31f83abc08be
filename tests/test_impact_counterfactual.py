"""The counterfactual on its stated base, one BUIG share everywhere, an honest business case.

Issue 19: the nulalternatief states a chance per year for the twelve participants, so the
deadweight is recomputed here from the participants (12 x rate / 5 found work), not from the
jobs; the gemeente keeps one share of saved bijstand in every table and the rest goes to a Rijk
row; the business case keeps cash apart from in kind and applies no attribution; outcomes about
the same people share their Monte Carlo draws; and the list of effects that "cannot" push the
ratio below 1 : 1 comes from the break-evens. Every expected figure is recomputed from the data
files with plain loops.
"""

from __future__ import annotations

import numpy as np
import pytest

from wijkcoop import data, impact
from wijkcoop.impact import arena, lenses, report, sensitivity
from wijkcoop.impact.model import Model, Outcome

CASE = "impact-schoonmaak-markt"


@pytest.fixture(scope="module")
def raw():
    return data.load(CASE)


@pytest.fixture(scope="module")
def case():
    return impact.load_case()


def _outcome(raw, oid):
    return next(u for u in raw["uitkomsten"] if u["id"] == oid)


def _participants(raw, outcome):
    outputs = {o["id"]: o["aantal"] for o in raw["keten"]["outputs"]}
    return outputs[outcome["nulalternatief_basis"]]


def _by_hand(raw, oid, attribution=True):
    """Impact per year of one outcome from the data file, deadweight on the participants."""
    u = _outcome(raw, oid)
    p = {k: v["waarde"] for k, v in u["parameters"].items()}
    n = _participants(raw, u) if "nulalternatief_basis" in u else p["aantal"]
    rate = p["deadweight"] / 100
    years = []
    for t in range(1, p["duur"] + 1):
        grows = u.get("tegenfeitelijk") == "cumulatief"  # a chance each year, or a fixed share
        anyway_people = n * (1 - (1 - rate) ** t if grows else rate)
        dw = min(1.0, anyway_people / p["aantal"])
        value = p["aantal"] * p["proxy"] * (1 - dw) * (1 - p["verdringing"] / 100)
        if attribution:
            value *= 1 - p["attributie"] / 100
        years.append(value * (1 - p["drop_off"] / 100) ** (t - 1))
    return years


def _pv(raw, years):
    r = raw["disconto"]["voet"] / 100
    return sum(v / (1 + r) ** t for t, v in enumerate(years, start=1))


def test_deadweight_is_recomputed_from_the_participants_not_the_jobs(raw, case):
    werk = _outcome(raw, "werk")
    n, k = _participants(raw, werk), werk["parameters"]["aantal"]["waarde"]
    rate = werk["parameters"]["deadweight"]["waarde"] / 100
    assert (n, k) == (12, 5)
    expected = [min(1.0, n * (1 - (1 - rate) ** t) / k) for t in (1, 2, 3)]
    model_dw = case.model.outcome("werk").anyway(np.arange(1, 4))
    assert model_dw.tolist() == pytest.approx(expected)
    # on the jobs it would be the rate itself; on the twelve it is 12/5 times that in year 1
    assert model_dw[0] == pytest.approx(12 * rate / 5)
    assert model_dw[0] > rate


def test_two_rates_kept_apart(raw, case):
    werk, uitv = case.model.outcome("werk"), case.model.outcome("uitvoering")
    refs = impact.loader.reference_figures()
    # the gemeente's cash follows the all-reasons outflow (sourced) ...
    assert _outcome(raw, "uitvoering")["parameters"]["deadweight"]["bron"] == (
        "uitstroom-bijstand-2023"
    )
    assert uitv.deadweight == pytest.approx(refs["uitstroom-bijstand-2023"]["waarde"] / 100)
    # ... the social value a to-work rate, marked as an assumption and below that upper bound
    to_work = _outcome(raw, "werk")["parameters"]["deadweight"]
    assert to_work["bewijs"] == "aanname"
    assert "rekenvoorbeeld" in to_work["basis"]
    assert werk.deadweight < uitv.deadweight
    assert case.model.range_of("werk", "deadweight")[1] == pytest.approx(uitv.deadweight)
    # the saved bijstand follows the outflow outcome, not the jobs
    (tr,) = case.model.transfers
    assert tr.outcome == "uitvoering"


def test_present_value_recomputed_with_plain_loops(raw, case):
    pv = sum(_pv(raw, _by_hand(raw, u["id"])) for u in raw["uitkomsten"])
    inputs = sum(i["bedrag"] if "bedrag" in i else i["uren"] * i["tarief"] for i in raw["inputs"])
    res = impact.evaluate(case.model)
    assert res.pv == pytest.approx(pv, abs=0.01)
    assert res.ratio == pytest.approx(pv / inputs)


def test_regression_figures_after_issue_19(case):
    """The figures the book quotes (rounded); they change only with the data."""
    res = impact.evaluate(case.model)
    sc = impact.scenarios(case.model).set_index("scenario")["ratio"]
    mc = impact.monte_carlo(case.model, 10_000)
    q = mc.quantiles()
    bc = lenses.business_case(case)
    vangnet = lenses.business_case(case, 0.5)
    assert round(res.ratio, 2) == 1.80
    assert (round(q[0.05], 2), round(q[0.95], 2)) == (0.92, 2.75)
    assert round(mc.share_below_one * 100) == 8
    assert round(sc["pessimistisch"], 2) == 0.03
    assert (round(bc["ratio"], 2), round(vangnet["ratio"], 2)) == (0.62, 0.37)
    assert round(bc["break_even_share"], 2) == 1.76
    # werk breaks even at about three people: inside its own range (3 to 7)
    be = sensitivity.break_even(case.model, "werk", "quantity")
    assert be.status == "ok"
    assert 3.0 <= be.value < 3.1


def test_one_bijstand_share_everywhere(raw, case):
    (tr_raw,) = raw["overdrachten"]
    share = tr_raw["aandeel_ontvanger"] / 100
    assert share == 1.0  # a gemeente outside the vangnet keeps all of it (BUIG)
    assert "buig_aandeel" not in raw["businesscase"]  # no second, competing share
    bijstand = (
        _pv(raw, _by_hand(raw, "uitvoering", attribution=False))
        / (_outcome(raw, "uitvoering")["parameters"]["proxy"]["waarde"])
        * tr_raw["bedrag"]
    )
    for variant in (None, 0.5):
        bc = lenses.business_case(case, variant)
        model = case.model if variant is None else case.model.with_transfer_share(variant)
        dist = arena.distribution(model).set_index("belanghebbende")
        kept = bijstand * (share if variant is None else variant)
        assert bc["bijstand"] == pytest.approx(bijstand, abs=0.01)
        assert dist.loc["gemeente-werk", "overdrachten"] == pytest.approx(kept, abs=0.01)
        assert dist.loc[tr_raw["rest_naar"], "overdrachten"] == pytest.approx(
            bijstand - kept, abs=0.01
        )
        assert dist["overdrachten"].sum() == pytest.approx(0, abs=1e-6)
        line = bc["table"].set_index("begrotingspost").loc["gemeente-werk", "besparing_geld"]
        assert line == pytest.approx(kept, abs=0.01)
    overview = report.overview(
        case, data.load("impact-enquete-welzijn"), data.load("impact-inkomsten")
    )
    assert overview.figures["businesscase_buig"] == share
    assert "Rijk: BUIG-budget en vangnet" in overview.html


def test_business_case_cash_apart_from_in_kind_and_without_attribution(raw, case):
    bc = lenses.business_case(case)
    cash_in = sum(
        i["bedrag"]
        for i in raw["inputs"]
        if i["soort"] == "geld" and i["betaler"].startswith("gemeente")
    )
    kind_in = sum(
        i["bedrag"]
        for i in raw["inputs"]
        if i["soort"] == "in natura" and i["betaler"].startswith("gemeente")
    )
    assert (bc["costs"], bc["costs_in_kind"]) == (cash_in, kind_in) == (50_000, 12_000)
    # freed staff time (uitvoering) is in kind; the sweeping rounds and bijstand are cash
    uitv = _pv(raw, _by_hand(raw, "uitvoering", attribution=False))
    straat = _pv(raw, _by_hand(raw, "straat", attribution=False))
    assert bc["savings_in_kind"] == pytest.approx(uitv, abs=0.01)
    assert bc["savings"] == pytest.approx(straat + bc["bijstand"], abs=0.01)
    # attribution shares out credit; it does not change what the gemeente saves
    more = case.model.with_outcome("uitvoering", attribution=0.5).with_outcome(
        "straat", attribution=0.4
    )
    assert lenses.business_case(case, model=more)["ratio"] == pytest.approx(bc["ratio"])


def test_break_even_share_gives_one_to_one(case):
    bc = lenses.business_case(case)
    other = bc["savings"] - bc["bijstand"] * bc["buig_share"]
    assert other + bc["break_even_share"] * bc["bijstand"] == pytest.approx(bc["costs"])
    # a share that is reachable: more cash costs covered at 80% when the costs are lower
    cheaper = Model(
        inputs=tuple(i for i in case.model.inputs if i.id != "meerkosten-opdracht"),
        outcomes=case.model.outcomes,
        rate=case.model.rate,
        transfers=case.model.transfers,
    )
    s = lenses.business_case(case, model=cheaper)["break_even_share"]
    assert 0 < s < 1
    assert lenses.business_case(case, s, model=cheaper)["ratio"] == pytest.approx(1.0)


def test_business_case_has_its_own_tornado(case):
    tor = lenses.business_case_tornado(case)
    assert "buig" in set(tor["parameter"])
    assert "attribution" not in set(tor["parameter"])  # no attribution on the cash
    central = lenses.business_case(case)["ratio"]
    assert (tor["ratio_centraal"] == central).all()
    row = tor[tor["parameter"] == "buig"].iloc[0]
    assert row["ratio_laag"] == pytest.approx(lenses.business_case(case, 0.5)["ratio"])
    assert tor["swing"].is_monotonic_decreasing


def test_cannot_break_comes_from_the_break_evens(case):
    m = case.model
    listed = sensitivity.cannot_break(m)
    assert "werk" not in listed  # werk breaks even at about 3 of 5 people
    table = impact.break_even_table(m)
    for o in m.outcomes:
        statuses = set(table.loc[table["outcome"] == o.id, "status"])
        if o.id in listed:
            assert statuses == {"robust"}
            assert impact.evaluate(m.with_outcome(o.id, quantity=0)).ratio >= 1
        else:
            assert "ok" in statuses or "beyond" in statuses


def test_same_people_share_their_draws():
    """Two halves of one outcome about the same people: shared draws move together."""
    kw = dict(proxy=100.0, deadweight=0.2, duration=2, drop_off=0.1)
    whole = Outcome("a", "A", quantity=10.0, **kw)
    ranges = {("a", "quantity"): (5.0, 15.0), ("a", "drop_off"): (0.0, 0.5)}
    one = Model(inputs=(impact.Input("i", "I", 1000.0, "x"),), outcomes=(whole,), ranges=ranges)
    half = Outcome("a", "A", quantity=5.0, **kw)
    other = Outcome("b", "B", quantity=5.0, same_people="a", **kw)
    two_ranges = {
        ("a", "quantity"): (2.5, 7.5),
        ("b", "quantity"): (2.5, 7.5),
        ("a", "drop_off"): (0.0, 0.5),
        ("b", "drop_off"): (0.0, 0.5),
    }
    two = Model(inputs=one.inputs, outcomes=(half, other), ranges=two_ranges)
    q_one = impact.monte_carlo(one, 4000).quantiles()
    q_two = impact.monte_carlo(two, 4000).quantiles()
    q_indep = impact.monte_carlo(two, 4000, shared=False).quantiles()
    # shared: the two halves always add up to the whole, so the spread is the same
    assert q_two[0.95] - q_two[0.05] == pytest.approx(q_one[0.95] - q_one[0.05], rel=0.05)
    # independent draws average out and understate the spread
    assert q_indep[0.95] - q_indep[0.05] < 0.85 * (q_two[0.95] - q_two[0.05])


def test_case_outcomes_about_the_same_people_are_marked(case):
    assert case.model.outcome("uitvoering").same_people == "werk"


def test_unknown_same_people_is_refused():
    with pytest.raises(impact.ImpactParameterError, match="same_people"):
        Model(inputs=(), outcomes=(Outcome("a", "A", 1.0, 1.0, same_people="zz"),))


def test_overview_states_the_draws_not_a_probability(case):
    overview = report.overview(
        case, data.load("impact-enquete-welzijn"), data.load("impact-inkomsten")
    )
    assert "Kans dat" not in overview.html
    assert "binnen de aangenomen bandbreedtes" in overview.html
    assert "somber scenario 0,03 : 1" in overview.html


def test_leisure_bound_from_the_data(raw, case):
    werk = _outcome(raw, "werk")
    (tr,) = raw["overdrachten"]
    per_year = (
        werk["parameters"]["proxy"]["waarde"] * werk["begunstigden"]["deelnemers"] / 100
        - tr["bedrag"]
    )
    bound = lenses.leisure_bound(case)
    assert bound["per_persoonsjaar"] == pytest.approx(per_year)
    people = (
        _pv(raw, _by_hand(raw, "werk", attribution=False)) / werk["parameters"]["proxy"]["waarde"]
    )
    assert bound["contante_waarde"] == pytest.approx(per_year * people)


def _impact_texts():
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    texts = {p.name: p.read_text("utf-8") for p in (root / "book" / "impact").glob("*.md")}
    for nb in (root / "notebooks").glob("impact-*.ipynb"):
        cells = json.loads(nb.read_text("utf-8"))["cells"]
        texts[nb.name] = "\n".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
        )
    return {name: re.split(r"(?<=[.!?])\s+", text) for name, text in texts.items()}


CANNOT = ("niet onder 1 : 1", "boven 1 : 1, wat je ook", "kan de ratio niet")


def test_no_sentence_says_an_effect_cannot_break_the_ratio_when_it_can(case):
    """A sentence that says an effect cannot push the ratio below 1 : 1 names only effects
    whose every break-even is out of reach (sensitivity.cannot_break)."""
    import re

    can_break = [o for o in case.model.outcomes if o.id not in sensitivity.cannot_break(case.model)]
    names = {o.id: case.short_names[o.id].lower() for o in can_break}
    claims = 0
    for page, sentences in _impact_texts().items():
        for sentence in sentences:
            if not any(phrase in sentence for phrase in CANNOT):
                continue
            claims += 1
            for oid, name in names.items():
                named = name in sentence.lower() or re.search(rf"\b{oid}\b", sentence.lower())
                assert not named, f"{page}: {sentence!r} names {oid}"
    assert claims >= 1  # the test reads the sentences it guards


def test_the_first_editions_figures_are_recomputed_from_its_rule(case):
    """Issue 19's recomputation of edition 1.0.0 (€ 178.426, 2,12 : 1): the rate on the five
    jobs and the old prices (Berenschot not indexed, WELLBY with index 1,24)."""
    old = (
        case.model.with_outcome("werk", base=None, deadweight=0.234)
        .with_outcome("uitvoering", base=None, proxy=2883.0)
        .with_outcome("welzijn", proxy=0.2 * 13_000 * 1.14 * 1.24)
    )
    res = impact.evaluate(old)
    assert (round(res.pv), round(res.ratio, 2)) == (178_426, 2.12)
    assert impact.evaluate(case.model).ratio < res.ratio


def test_the_pages_quote_the_models_figures(case):
    """The prose pages quote rounded figures; computed here, so the text cannot go stale."""
    from pathlib import Path

    from wijkcoop.dutch import number

    root = Path(__file__).resolve().parent.parent / "book" / "impact"
    plain = (root / "gewone-taal.md").read_text("utf-8")
    index = (root / "index.md").read_text("utf-8")
    res = impact.evaluate(case.model)
    bc = lenses.business_case(case)
    upper = impact.evaluate(case.model.with_outcome("werk", deadweight=0.234)).ratio
    be = sensitivity.break_even(case.model, "werk", "quantity")
    assert f"ongeveer {number(res.ratio, 1)}" in plain
    assert f"ongeveer {number(res.ratio)} euro" in plain
    assert f"ongeveer {round(bc['ratio'] * 100)} cent" in plain
    assert f"als er {round(be.value)} in plaats van" in plain
    assert f"ongeveer {number(res.ratio, 1)} : 1" in index
    assert f"ongeveer {number(upper)} : 1" in index


def test_say_wraps_explanations_so_none_is_cut(capsys):
    from wijkcoop.impact import figures

    figures.say("woord " * 60, "kort")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 3
    assert max(len(line) for line in lines) <= figures.SAY_WIDTH
    assert lines[-1] == "kort"
