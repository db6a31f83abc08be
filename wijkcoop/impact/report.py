"""A one-page accountability overview: hard and soft evidence side by side.

:func:`overview` gathers the key figures (SROI ratio with its range, survey changes with their
intervals, outputs, non-monetised outcomes, evidence grades, who gains, the income mix) into a
:class:`Overview` whose HTML renders in Jupyter and in the book (plain tables with captions).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wijkcoop import finance
from wijkcoop.impact.arena import distribution
from wijkcoop.impact.figures import euro, number, percent, ratio_text
from wijkcoop.impact.lenses import business_case, variants
from wijkcoop.impact.loader import Case
from wijkcoop.impact.model import EVIDENCE_GRADES, evaluate
from wijkcoop.impact.sensitivity import monte_carlo, scenarios
from wijkcoop.impact.survey import change

SURVEY_ITEMS = {
    "levenstevredenheid": "Levenstevredenheid (0-10)",
    "kent_buren": "Ik ken buren bij wie ik terecht kan (1-5)",
    "vertrouwen": "Ik vertrouw mensen in de buurt (1-5)",
    "thuis": "Ik voel me thuis in de buurt (1-5)",
}


@dataclass(frozen=True)
class Overview:
    """Key figures (``figures``) and the rendered one-page HTML."""

    figures: dict[str, Any]
    html: str = field(repr=False)

    def _repr_html_(self) -> str:
        return self.html


def _table(caption: str, header: list[str], rows: Iterable[Iterable[object]]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        f'<table class="wijkcoop-overzicht"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def overview(
    case: Case,
    survey_rows: list[Mapping[str, object]],
    income_rows: list[Mapping[str, object]],
    n_draws: int = 10_000,
) -> Overview:
    """Combine the model, the survey and the income data into one overview."""
    m = case.model
    res = evaluate(m)
    mc = monte_carlo(m, n_draws)
    q = mc.quantiles()
    sc = scenarios(m).set_index("scenario")["ratio"]
    comparison = case.comparison_rate
    res_cmp = evaluate(m, comparison) if comparison is not None else None
    changes = {item: change(survey_rows, item) for item in SURVEY_ITEMS}
    grades = Counter(a.grade for a in case.assumptions)
    names = dict(zip(case.stakeholders["id"], case.stakeholders["naam"], strict=True))
    dist = distribution(m).assign(naam=lambda d: d["belanghebbende"].map(names))
    bc = business_case(case) if case.business_case else None
    mix = finance.income_mix(income_rows)
    last = mix.iloc[-1]
    figures = {
        "ratio": res.ratio,
        "ratio_p05": q[0.05],
        "ratio_p95": q[0.95],
        "ratio_pessimistisch": float(sc["pessimistisch"]),
        "ratio_optimistisch": float(sc["optimistisch"]),
        "ratio_vergelijk": None if res_cmp is None else res_cmp.ratio,
        "pv": res.pv,
        "npv": res.npv,
        "investering": res.inputs_total,
        "terugverdientijd_maanden": res.payback_months(),
        "terugverdientijd_met_dropoff": res.cumulative_payback_months(),
        "overdrachten": dict(res.transfers_pv),
        "businesscase_ratio": None if bc is None else bc["ratio"],
        "businesscase_ratio_natura": None if bc is None else bc["ratio_incl_in_kind"],
        "businesscase_buig": None if bc is None else bc["buig_share"],
        "businesscase_omslag_buig": None if bc is None else bc["break_even_share"],
        "businesscase_varianten": {}
        if bc is None
        else {v["id"]: business_case(case, v["aandeel"])["ratio"] for v in variants(case)},
        "trekkingen_onder_1": mc.share_below_one,
        "enquete": {k: (c.change, c.low, c.high, c.n) for k, c in changes.items()},
        "bewijs": dict(grades),
        "jaar": int(last["jaar"]),
        "subsidieaandeel": float(last["subsidieaandeel"]),
        "aandeel_grootste_betaler": float(last["aandeel_grootste_betaler"]),
        "grootste_betaler": str(last["grootste_betaler"]),
        "herfindahl": float(last["herfindahl"]),
    }
    parts = [
        f'<div class="wijkcoop-overzicht" role="region" aria-label="Verantwoordingsoverzicht">'
        f"<p><strong>{html.escape(case.title)}</strong> ({html.escape(case.status)}, "
        f"prijspeil {case.price_year}). Eén jaar activiteit; opbrengsten geteld over de jaren "
        "dat ze duren.</p>",
        _table(
            "Wat we deden (outputs)",
            ["Output", "Aantal"],
            [(o["naam"], f"{o['aantal']:g} {o['eenheid']}") for o in case.chain["outputs"]],
        ),
        _table(
            "Harde cijfers: maatschappelijke waarde",
            ["Maat", "Uitkomst"],
            [
                ("Investering (incl. ruimte en vrijwilligerstijd)", euro(res.inputs_total)),
                (f"Contante waarde ({number(m.rate * 100)}%)", euro(res.pv)),
                ("Netto contante waarde", euro(res.npv)),
                ("SROI-ratio (centraal)", ratio_text(res.ratio)),
                (
                    "SROI-ratio, 90% van de Monte-Carlo-uitkomsten",
                    f"{number(q[0.05])} tot {number(q[0.95])}",
                ),
                (
                    "SROI-ratio, somber en gunstig scenario",
                    f"{number(sc['pessimistisch'])} tot {number(sc['optimistisch'])}",
                ),
                *(
                    []
                    if res_cmp is None
                    else [
                        (
                            f"SROI-ratio bij {percent(comparison or 0.0)} discontovoet",
                            ratio_text(res_cmp.ratio),
                        )
                    ]
                ),
                (
                    "Trekkingen onder 1 : 1 (binnen de aangenomen bandbreedtes; "
                    "geen kans in de echte wereld)",
                    f"{number(mc.share_below_one * 100, 0)}%; somber scenario "
                    f"{ratio_text(float(sc['pessimistisch']))}",
                ),
                (
                    "Terugverdientijd (opgeteld, met drop-off)",
                    f"{number(res.cumulative_payback_months(), 0)} maanden",
                ),
                *(
                    (
                        f"{tr.name}: overdracht, telt niet mee",
                        euro(res.transfers_pv[tr.id]),
                    )
                    for tr in m.transfers
                ),
            ],
        ),
        *(
            []
            if bc is None
            else [
                _table(
                    "Business case voor de gemeente (eigen geld, zonder attributie)",
                    ["Maat", "Uitkomst"],
                    [
                        ("Kosten van de gemeente in geld", euro(bc["costs"])),
                        (
                            f"Besparingen in geld (bijstand voor {percent(bc['buig_share'])}, "
                            "via BUIG)",
                            euro(bc["savings"]),
                        ),
                        ("Ratio in geld", ratio_text(bc["ratio"])),
                        (
                            "In natura: ruimte erin, vrijgekomen tijd van medewerkers eruit",
                            f"{euro(bc['costs_in_kind'])} erin, "
                            f"{euro(bc['savings_in_kind'])} eruit",
                        ),
                        ("Ratio met natura erbij", ratio_text(bc["ratio_incl_in_kind"])),
                        (
                            "Omslagpunt: deel van de bijstand dat de gemeente moet houden",
                            "–"
                            if bc["break_even_share"] is None
                            else (
                                f"{percent(bc['break_even_share'], 0)} (meer dan alles: "
                                "niet haalbaar met bijstand alleen)"
                                if bc["break_even_share"] > 1
                                else percent(bc["break_even_share"], 0)
                            ),
                        ),
                        *(
                            (
                                f"Ratio in geld, {v['naam'].lower()} "
                                f"({percent(v['aandeel'])} van de bijstand, {v['status']})",
                                ratio_text(business_case(case, v["aandeel"])["ratio"]),
                            )
                            for v in variants(case)[1:]
                        ),
                    ],
                )
            ]
        ),
        _table(
            "Zachte cijfers: enquête voor en na (gemiddelde verandering, 95%-marge)",
            ["Vraag", "Verandering", "Marge", "Aantal mensen"],
            [
                (
                    SURVEY_ITEMS[k],
                    number(c.change),
                    "te weinig antwoorden"
                    if c.too_small
                    else f"{number(c.low)} tot {number(c.high)}",
                    c.n,
                )
                for k, c in changes.items()
            ],
        ),
        _table(
            "Niet in geld uitgedrukt (PM-posten)",
            ["Opbrengst", "Richting", "Toelichting"],
            [(x["naam"], x.get("richting", "+"), x["toelichting"]) for x in case.non_monetised],
        ),
        _table(
            "Wie investeert, wie profiteert (contante waarde)",
            ["Belanghebbende", "Investeert", "Profiteert", "Overdrachten"],
            [
                (r.naam, euro(r.investeert), euro(r.profiteert), euro(r.overdrachten))
                for r in dist.itertuples()
            ],
        ),
        _table(
            "Hoe sterk is het bewijs? Aantal aannames per soort bewijs",
            ["Soort bewijs", "Betekenis", "Aantal"],
            [(g, EVIDENCE_GRADES[g], grades.get(g, 0)) for g in EVIDENCE_GRADES],
        ),
        _table(
            f"Verdienmodel in {int(last['jaar'])}",
            ["Maat", "Uitkomst"],
            [
                ("Totale inkomsten", euro(float(last["totaal"]))),
                ("Subsidie-aandeel", f"{number(last['subsidieaandeel'] * 100, 0)}%"),
                (
                    f"Aandeel grootste betaler ({last['grootste_betaler']})",
                    f"{number(last['aandeel_grootste_betaler'] * 100, 0)}%",
                ),
                ("Herfindahl-index van de bronnen", number(last["herfindahl"])),
            ],
        ),
        "<p>Let op: dit is een rekenvoorbeeld. Een SROI-ratio is alleen te vergelijken met die "
        "van een andere organisatie als je de aannames naast elkaar legt.</p></div>",
    ]
    return Overview(figures=figures, html="".join(parts))
