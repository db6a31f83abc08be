"""Invalid parameters raise clear errors naming the parameter and the value; data checks."""

from __future__ import annotations

import copy

import pytest

from wijkcoop import data, finance, impact
from wijkcoop.impact import ImpactParameterError, Input, Model, Outcome, survey
from wijkcoop.impact.loader import build_case, reference_figures


@pytest.mark.parametrize("value", [-1, 100.5, 250])
def test_percentage_outside_0_100(value):
    with pytest.raises(
        ImpactParameterError,
        match=rf"deadweight must be a percentage between 0 and 100, got {value}",
    ):
        impact.pct(value, "deadweight")


@pytest.mark.parametrize("adjustment", ["deadweight", "displacement", "attribution", "drop_off"])
def test_fraction_above_one_names_parameter_and_hints(adjustment):
    with pytest.raises(ImpactParameterError) as exc:
        Outcome("x", "X", quantity=1, proxy=1, **{adjustment: 25})
    msg = str(exc.value)
    assert f"outcome 'x': {adjustment} must be between 0 and 1" in msg
    assert "25% is 0.25" in msg
    assert "got 25" in msg


def test_negative_fraction():
    with pytest.raises(
        ImpactParameterError, match=r"attribution must be between 0 and 1, got -0.1"
    ):
        Outcome("x", "X", quantity=1, proxy=1, attribution=-0.1)


@pytest.mark.parametrize("duration", [-1, 2.5])
def test_bad_duration(duration):
    with pytest.raises(
        ImpactParameterError,
        match=rf"outcome 'x': duration must be a whole number of years >= 0, got {duration}",
    ):
        Outcome("x", "X", quantity=1, proxy=1, duration=duration)


def test_negative_quantity():
    with pytest.raises(ImpactParameterError, match=r"quantity must be >= 0, got -3"):
        Outcome("x", "X", quantity=-3, proxy=1)


def test_negative_proxy_is_a_harm():
    """A negative proxy is allowed: it is a negative effect on someone (e.g. a firm)."""
    o = Outcome("x", "X", quantity=2, proxy=-100)
    assert o.harm
    assert o.year1 == -200


def test_not_a_number():
    with pytest.raises(ImpactParameterError, match="proxy must be a number, got 'duur'"):
        Outcome("x", "X", quantity=1, proxy="duur")
    with pytest.raises(ImpactParameterError, match="must be a number, got nan"):
        Outcome("x", "X", quantity=float("nan"), proxy=1)


@pytest.mark.parametrize("rate", [-0.01, 2.25])
def test_bad_rate(rate):
    with pytest.raises(
        ImpactParameterError, match=rf"discount rate must be between 0 and 1.*got {rate}"
    ):
        Model(inputs=(), outcomes=(), rate=rate)


def test_rate_hint_for_percent():
    with pytest.raises(ImpactParameterError, match=r"2.25% is 0.0225"):
        impact.evaluate(Model(inputs=(), outcomes=()), rate=3.5)


def test_beneficiary_shares_must_add_up():
    with pytest.raises(ImpactParameterError, match=r"shares must add up to 1 \(100%\), got 0.9"):
        Outcome("x", "X", quantity=1, proxy=1, beneficiaries={"a": 0.5, "b": 0.4})


def test_ratio_needs_inputs():
    m = Model(inputs=(Input("i", "I", 0, "x"),), outcomes=(Outcome("x", "X", quantity=1, proxy=1),))
    with pytest.raises(ImpactParameterError, match="ratio needs total inputs > 0"):
        impact.evaluate(m).ratio  # noqa: B018


def test_bad_input_kind_and_amount():
    with pytest.raises(ImpactParameterError, match="kind must be one of"):
        Input("i", "I", 1, "x", kind="cadeau")
    with pytest.raises(ImpactParameterError, match="input 'i': amount must be >= 0, got -5"):
        Input("i", "I", -5, "x")


def test_range_must_contain_the_central_value():
    o = Outcome("x", "X", quantity=5, proxy=1)
    with pytest.raises(
        ImpactParameterError, match=r"central quantity 5 lies outside its range \[6, 9\]"
    ):
        Model(inputs=(), outcomes=(o,), ranges={("x", "quantity"): (6, 9)})
    with pytest.raises(ImpactParameterError, match="unknown parameter 'kwaliteit'"):
        Model(inputs=(), outcomes=(o,), ranges={("x", "kwaliteit"): (1, 2)})
    with pytest.raises(ImpactParameterError, match="deadweight must be between 0 and 1"):
        Model(inputs=(), outcomes=(o,), ranges={("x", "deadweight"): (0, 1.5)})


def test_unknown_break_even_parameter_and_outcome():
    m = impact.load_model()
    with pytest.raises(ImpactParameterError, match="unknown parameter 'kleur'"):
        impact.break_even(m, "werk", "kleur")
    with pytest.raises(KeyError, match="no outcome 'fiets'"):
        impact.break_even(m, "fiets", "quantity")


def test_shift_out_of_range_and_monte_carlo_n():
    m = impact.load_model()
    with pytest.raises(
        ImpactParameterError, match=r"shift of deadweight must be between -1 and 1, got 1\.5"
    ):
        impact.shifted(m, deadweight=1.5)
    with pytest.raises(ImpactParameterError, match="n must be a whole number >= 1, got 0"):
        impact.monte_carlo(m, n=0)


def test_wellby_rejects_negative_change():
    with pytest.raises(ImpactParameterError, match=r"delta must be >= 0 to be valued, got -0\.5"):
        survey.wellby_value(-0.5, 10)


def test_finance_rejects_negative_amounts():
    with pytest.raises(ValueError, match="income amounts must be >= 0, got -1"):
        finance.herfindahl([10, -1])


# ----------------------------------------------------------------- the datasets


def case_doc():
    return data.load("impact-schoonmaak-markt")


def test_loader_percent_errors_name_the_place():
    doc = case_doc()
    doc["uitkomsten"][0]["parameters"]["deadweight"]["waarde"] = 120
    with pytest.raises(ImpactParameterError) as exc:
        build_case(doc)
    msg = str(exc.value)
    assert "schoonmaak-markt: uitkomsten / werk / parameters / deadweight" in msg
    assert "percentage between 0 and 100, got 120" in msg


def test_loader_checks_references():
    doc = case_doc()
    doc["inputs"][0]["betaler"] = "onbekende-partij"
    with pytest.raises(ImpactParameterError, match="unknown stakeholder 'onbekende-partij'"):
        build_case(doc)
    doc = case_doc()
    doc["uitkomsten"][0]["output"] = "niets"
    with pytest.raises(ImpactParameterError, match="unknown output 'niets'"):
        build_case(doc)


def test_cited_figures_must_equal_the_reference():
    doc = case_doc()
    doc["uitkomsten"][1]["parameters"]["deadweight"]["waarde"] = 20
    with pytest.raises(
        ImpactParameterError, match="does not match reference figure 'uitstroom-bijstand-2023'"
    ):
        build_case(doc)


def test_schema_rejects_a_bad_percentage(tmp_path):
    import yaml

    doc = case_doc()
    doc["uitkomsten"][1]["parameters"]["attributie"]["hoog"] = 150
    bad = tmp_path / "model.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(
        data.DataValidationError,
        match=r"model.yaml: list 'uitkomsten', row 2 \(id=uitvoering\), "
        r"field 'parameters.attributie.hoog'",
    ):
        data.load_path(bad, "impact-model.schema.json")


def test_every_cited_figure_exists_with_source_and_date():
    refs = reference_figures()
    case = impact.load_case()
    cited = {a.source for a in case.assumptions if a.source}
    cited |= {t["bron"] for t in case.raw.get("overdrachten", []) if "bron" in t}
    assert cited <= set(refs)
    assert {"bijstandsnorm-2024-incl-vt", "uitstroom-bijstand-2023"} <= cited
    for ref in refs.values():
        assert ref["bron"]
        assert ref["datum"]
        assert ref["status"] in {"geverifieerd", "schatting"}


def test_example_model_matches_its_data():
    """The model the loader builds is the data, converted: percentages / 100, hours x rate."""
    doc = case_doc()
    case = impact.load_case()
    m = case.model
    assert m.rate == doc["disconto"]["voet"] / 100
    vol = next(i for i in doc["inputs"] if i["id"] == "vrijwilligers")
    assert (
        next(i for i in m.inputs if i.id == "vrijwilligers").amount == vol["uren"] * vol["tarief"]
    )
    for item in doc["uitkomsten"]:
        o = m.outcome(item["id"])
        p = item["parameters"]
        assert o.quantity == p["aantal"]["waarde"]
        assert o.deadweight == pytest.approx(p["deadweight"]["waarde"] / 100)
        assert o.displacement == pytest.approx(p["verdringing"]["waarde"] / 100)
        assert o.duration == p["duur"]["waarde"]
    assert len(case.assumptions) == 7 * len(doc["uitkomsten"])
    assert case.short_names == {u["id"]: u["kort"] for u in doc["uitkomsten"]}
    ev = case.evidence_table()
    assert set(ev["bewijs"]) <= set(impact.EVIDENCE_GRADES)


def test_case_copy_is_independent():
    doc = case_doc()
    other = copy.deepcopy(doc)
    other["uitkomsten"][0]["parameters"]["aantal"]["waarde"] = 6
    assert build_case(other).model.outcome("werk").quantity == 6
    assert impact.load_model().outcome("werk").quantity == 5


def test_method_page_quotes_the_reference_figures():
    """book/impact/methode.md states the sourced figures exactly as the data hold them."""
    from pathlib import Path

    from wijkcoop.impact.figures import euro, number

    text = (Path(__file__).parent.parent / "book" / "impact" / "methode.md").read_text("utf-8")
    refs = reference_figures()
    for rid, ref in refs.items():
        if ref["eenheid"].startswith("procent"):
            shown = {f"{number(ref['waarde'], d)}%" for d in (0, 1, 2)}
            assert any(s in text for s in shown), rid
        elif ref["eenheid"].startswith("euro"):
            assert euro(ref["waarde"], 2 if ref["waarde"] % 1 else 0) in text, rid
    assert "383" in text
