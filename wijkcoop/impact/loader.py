"""Build impact models from the datasets in ``data/impact/`` (read with :func:`wijkcoop.data.load`).

The data hold percentages 0-100 and Dutch keys; the model holds fractions and English names.
Every reference to another record (a stakeholder, an output, a reference figure) is checked,
and a parameter that cites a reference figure must equal it (times its ``factor``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wijkcoop import data
from wijkcoop.impact.checks import pct
from wijkcoop.impact.model import (
    EVIDENCE_GRADES,
    ImpactParameterError,
    Input,
    Model,
    Outcome,
    Transfer,
)

DEFAULT_CASE = "impact-schoonmaak-markt"
REFERENCES = "impact-referentiecijfers"

#: Dutch keys in the data -> parameter names in the model.
PARAM_KEYS = {
    "aantal": "quantity",
    "proxy": "proxy",
    "deadweight": "deadweight",
    "verdringing": "displacement",
    "attributie": "attribution",
    "drop_off": "drop_off",
    "duur": "duration",
}
PERCENT_KEYS = {"deadweight", "verdringing", "attributie", "drop_off"}
#: Dutch labels of the parameters, for tables in the book.
LABELS = {
    "quantity": "aantal",
    "proxy": "financiële proxy",
    "deadweight": "deadweight",
    "displacement": "verdringing",
    "attribution": "attributie",
    "drop_off": "drop-off",
    "duration": "duur (jaren)",
    "rate": "discontovoet",
    "buig": "deel van de bijstand dat de gemeente houdt",
}


@dataclass(frozen=True)
class Assumption:
    """One number in the model with its evidence grade and basis."""

    outcome: str
    parameter: str
    value: float
    low: float
    high: float
    grade: str
    basis: str
    source: str | None = None


@dataclass(frozen=True)
class Case:
    """A worked example: the model plus everything the notebooks show around it."""

    id: str
    title: str
    status: str
    price_year: int
    model: Model
    stakeholders: pd.DataFrame
    chain: dict[str, Any]
    outcome_meta: dict[str, dict[str, Any]]
    inputs_meta: dict[str, dict[str, Any]]
    assumptions: tuple[Assumption, ...]
    non_monetised: tuple[dict[str, str], ...]
    comparison_rate: float | None
    raw: dict[str, Any] = field(repr=False, default_factory=dict)
    counterfactual: str = ""
    business_case: dict[str, Any] = field(default_factory=dict)
    wellby: dict[str, Any] = field(default_factory=dict)

    @property
    def investors(self) -> set[str]:
        """Stakeholders marked as investors (a fund): not a budget line that wants money back."""
        if "rol" not in self.stakeholders:
            return set()
        return set(self.stakeholders.loc[self.stakeholders["rol"] == "investeerder", "id"])

    @property
    def groups(self) -> dict[str, str]:
        """Stakeholder id -> group."""
        return dict(zip(self.stakeholders["id"], self.stakeholders["groep"], strict=True))

    @property
    def names(self) -> dict[str, str]:
        """Stakeholder id -> name."""
        return dict(zip(self.stakeholders["id"], self.stakeholders["naam"], strict=True))

    def evidence_table(self) -> pd.DataFrame:
        """Every assumption with its evidence grade (strong to weak order kept in 'rang')."""
        order = {g: i for i, g in enumerate(EVIDENCE_GRADES)}
        names = {o.id: o.name for o in self.model.outcomes}
        rows = [
            {
                "uitkomst": names[a.outcome],
                "parameter": LABELS[a.parameter],
                "waarde": a.value,
                "laag": a.low,
                "hoog": a.high,
                "bewijs": a.grade,
                "rang": order[a.grade],
                "basis": a.basis,
                "bron": a.source or "",
            }
            for a in self.assumptions
        ]
        return pd.DataFrame(rows)

    @property
    def short_names(self) -> dict[str, str]:
        """Short outcome labels for charts (``kort`` in the data, else the full name)."""
        return {o.id: self.outcome_meta[o.id].get("kort", o.name) for o in self.model.outcomes}

    def stakeholder_name(self, sid: str) -> str:
        """The name of stakeholder ``sid``."""
        return str(self.stakeholders.set_index("id").loc[sid, "naam"])


def reference_figures() -> dict[str, dict[str, Any]]:
    """The sourced reference figures by id."""
    return {c["id"]: c for c in data.load(REFERENCES)["cijfers"]}


def _where(case_id: str, *path: object) -> str:
    return f"{case_id}: " + " / ".join(str(p) for p in path)


def build_case(doc: dict[str, Any], refs: dict[str, dict[str, Any]] | None = None) -> Case:
    """Turn a loaded (schema-valid) model document into a :class:`Case`."""
    refs = reference_figures() if refs is None else refs
    cid = doc["id"]
    stakeholders = pd.DataFrame(doc["belanghebbenden"])
    sids = set(stakeholders["id"])
    if len(sids) != len(stakeholders):
        raise ImpactParameterError(_where(cid, "belanghebbenden") + ": ids must be unique")
    inputs, inputs_meta = _read_inputs(doc, sids)
    output_ids = _check_chain(doc)
    outcomes, ranges, assumptions, meta = [], {}, [], {}
    for item in doc["uitkomsten"]:
        outcome, params = _read_outcome(doc, item, sids, output_ids, refs)
        outcomes.append(outcome)
        ranges.update({(outcome.id, a.parameter): (a.low, a.high) for a in params})
        assumptions.extend(params)
        meta[outcome.id] = item
    transfers = _read_transfers(doc, sids, refs)
    bc = doc.get("businesscase", {})
    if bc and bc["groep"] not in set(stakeholders["groep"]):
        raise ImpactParameterError(
            _where(cid, "businesscase", "groep") + f": unknown group {bc['groep']!r}"
        )
    wellby = _read_wellby(doc, refs)
    disc = doc["disconto"]
    owner = _where(cid, "disconto")
    rate, rate_range = _read_discount(disc, owner, refs)
    model = Model(
        inputs=tuple(inputs),
        outcomes=tuple(outcomes),
        rate=rate,
        discount_first_year=disc["eerste_jaar_disconteren"],
        ranges=ranges,
        rate_range=rate_range,
        name=doc["titel"],
        transfers=tuple(transfers),
    )
    comparison = disc.get("vergelijk")
    return Case(
        id=cid,
        title=doc["titel"],
        status=doc["status"],
        price_year=doc["prijsjaar"],
        model=model,
        stakeholders=stakeholders,
        chain=doc["keten"],
        outcome_meta=meta,
        inputs_meta=inputs_meta,
        assumptions=tuple(assumptions),
        non_monetised=tuple(doc.get("niet_in_geld", [])),
        comparison_rate=None if comparison is None else pct(comparison, "comparison rate", owner),
        raw=doc,
        counterfactual=doc.get("nulalternatief", ""),
        business_case=bc,
        wellby=wellby,
    )


def _known_stakeholder(doc: dict[str, Any], sids: set[str], sid: str, *path: object) -> None:
    """``ImpactParameterError`` naming the place when ``sid`` is not a stakeholder's id."""
    if sid not in sids:
        raise ImpactParameterError(
            _where(doc["id"], *path) + f": unknown stakeholder {sid!r}; known: {sorted(sids)}"
        )


def _read_inputs(doc: dict[str, Any], sids: set[str]) -> tuple[list[Input], dict[str, dict]]:
    """The inputs (an amount, or hours times a rate) and their rows by id."""
    inputs, inputs_meta = [], {}
    for item in doc["inputs"]:
        _known_stakeholder(doc, sids, item["betaler"], "inputs", item["id"], "betaler")
        amount = item["bedrag"] if "bedrag" in item else item["uren"] * item["tarief"]
        inputs.append(Input(item["id"], item["naam"], amount, item["betaler"], item["soort"]))
        inputs_meta[item["id"]] = item
    return inputs, inputs_meta


def _check_chain(doc: dict[str, Any]) -> set[str]:
    """Every output comes from a listed activity; the output ids."""
    chain = doc["keten"]
    activity_ids = {a["id"] for a in chain["activiteiten"]}
    output_ids = set()
    for out in chain["outputs"]:
        if out["activiteit"] not in activity_ids:
            raise ImpactParameterError(
                _where(doc["id"], "keten", "outputs", out["id"], "activiteit")
                + f": unknown activity {out['activiteit']!r}"
            )
        output_ids.add(out["id"])
    return output_ids


def _read_outcome(
    doc: dict[str, Any],
    item: dict[str, Any],
    sids: set[str],
    output_ids: set[str],
    refs: dict[str, dict[str, Any]],
) -> tuple[Outcome, list[Assumption]]:
    """One outcome with its beneficiaries' shares, and an assumption per parameter."""
    cid, oid = doc["id"], item["id"]
    if item["output"] not in output_ids:
        raise ImpactParameterError(
            _where(cid, "uitkomsten", oid, "output") + f": unknown output {item['output']!r}"
        )
    shares = {}
    for sid, share in item["begunstigden"].items():
        _known_stakeholder(doc, sids, sid, "uitkomsten", oid, "begunstigden")
        shares[sid] = pct(share, f"share of {sid!r}", _where(cid, "uitkomsten", oid))
    params = [
        _read_parameter(item["parameters"][key], oid, key, name, refs, cid)
        for key, name in PARAM_KEYS.items()
    ]
    values: dict[str, Any] = {a.parameter: a.value for a in params}  # duration: whole years
    outcome = Outcome(
        id=oid,
        name=item["naam"],
        beneficiaries=shares,
        counterfactual=item.get("tegenfeitelijk", "vast"),
        base=_counterfactual_base(doc, item, output_ids),
        same_people=item.get("zelfde_mensen_als"),
        **values,
    )
    return outcome, params


def _counterfactual_base(
    doc: dict[str, Any], item: dict[str, Any], output_ids: set[str]
) -> float | None:
    """The group the nulalternatief's chance applies to: the count of the output it names."""
    if "nulalternatief_basis" not in item:
        return None
    name = item["nulalternatief_basis"]
    if name not in output_ids:
        raise ImpactParameterError(
            _where(doc["id"], "uitkomsten", item["id"], "nulalternatief_basis")
            + f": unknown output {name!r}"
        )
    counts = {o["id"]: o["aantal"] for o in doc["keten"]["outputs"]}
    return float(counts[name])


def _read_parameter(
    p: dict[str, Any],
    oid: str,
    key: str,
    name: str,
    refs: dict[str, dict[str, Any]],
    cid: str,
) -> Assumption:
    """One parameter of an outcome (value, low, high; percentages as fractions), checked."""
    owner = _where(cid, "uitkomsten", oid, "parameters", key)
    value, low, high = (
        (pct(p[k], key, owner) for k in ("waarde", "laag", "hoog"))
        if key in PERCENT_KEYS
        else (p["waarde"], p["laag"], p["hoog"])
    )
    if "bron" in p:
        _check_reference(refs, p, owner)
    if p["bewijs"] not in EVIDENCE_GRADES:
        raise ImpactParameterError(f"{owner}: unknown evidence grade {p['bewijs']!r}")
    return Assumption(oid, name, value, low, high, p["bewijs"], p["basis"], p.get("bron"))


def _read_transfers(
    doc: dict[str, Any], sids: set[str], refs: dict[str, dict[str, Any]]
) -> list[Transfer]:
    """The transfers between stakeholders (counted apart, never as social value)."""
    transfers = []
    for item in doc.get("overdrachten", []):
        owner = _where(doc["id"], "overdrachten", item["id"])
        _known_stakeholder(doc, sids, item["van"], "overdrachten", item["id"], "van")
        _known_stakeholder(doc, sids, item["naar"], "overdrachten", item["id"], "naar")
        if "bron" in item:
            _check_reference(refs, {"waarde": item["bedrag"], **item}, owner)
        if "rest_naar" in item:
            _known_stakeholder(
                doc, sids, item["rest_naar"], "overdrachten", item["id"], "rest_naar"
            )
        transfers.append(
            Transfer(
                item["id"],
                item["naam"],
                item["uitkomst"],
                item["bedrag"],
                item["van"],
                item["naar"],
                share=pct(item.get("aandeel_ontvanger", 100), "aandeel_ontvanger", owner),
                remainder=item.get("rest_naar"),
            )
        )
    return transfers


def _read_wellby(doc: dict[str, Any], refs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The WELLBY conversion; a price index that cites a reference figure must equal it."""
    wellby = doc.get("wellby", {})
    if "prijsindex_bron" in wellby:
        _check_reference(
            refs,
            {"waarde": wellby["prijsindex"], "bron": wellby["prijsindex_bron"]},
            _where(doc["id"], "wellby", "prijsindex"),
        )
    return wellby


def _read_discount(
    disc: dict[str, Any], owner: str, refs: dict[str, dict[str, Any]]
) -> tuple[float, tuple[float, float] | None]:
    """The discount rate and, when given, its low-high range (fractions)."""
    rate = pct(disc["voet"], "discount rate", owner)
    rate_range = None
    if "laag" in disc or "hoog" in disc:
        rate_range = (
            pct(disc.get("laag", disc["voet"]), "discount rate (laag)", owner),
            pct(disc.get("hoog", disc["voet"]), "discount rate (hoog)", owner),
        )
    if "bron" in disc:
        _check_reference(refs, {"waarde": disc["voet"], "bron": disc["bron"]}, owner)
    return rate, rate_range


def _check_reference(refs: dict[str, dict[str, Any]], p: dict[str, Any], owner: str) -> None:
    ref = refs.get(p["bron"])
    if ref is None:
        raise ImpactParameterError(f"{owner}: unknown reference figure {p['bron']!r}")
    expected = ref["waarde"] * p.get("factor", 1)
    if not math.isclose(p["waarde"], expected, rel_tol=0, abs_tol=0.005):
        raise ImpactParameterError(
            f"{owner}: value {p['waarde']!r} does not match reference figure {p['bron']!r} "
            f"({ref['waarde']!r} x {p.get('factor', 1)!r} = {expected!r})"
        )


def load_case(name: str = DEFAULT_CASE) -> Case:
    """Load a worked example from the manifest."""
    return build_case(data.load(name))


def load_model(name: str = DEFAULT_CASE) -> Model:
    """Load only the model of a worked example."""
    return load_case(name).model
