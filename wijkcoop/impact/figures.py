"""Charts and tables for the impact notebooks (Dutch labels; every chart has a description).

Each chart sets ``description`` (the aria-label in the book) and asks vega-embed for SVG, so
its text is real text. Every chart is shown next to a table with the same numbers.
The what-if chart (:func:`whatif_chart`) computes the SROI ratio inside Vega-Lite from sliders,
with exactly the formulas of :mod:`wijkcoop.impact.model`, so it works in the static site.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from wijkcoop.charts import BLUE, GREEN, GREY, ORANGE
from wijkcoop.charts import EMBED_OPTIONS as SVG  # SVG output and the Dutch locale
from wijkcoop.dutch import Table, euro, number, table  # noqa: F401  (figures.table in the notebooks)
from wijkcoop.dutch import percent as dutch_percent
from wijkcoop.impact.loader import LABELS, Case
from wijkcoop.impact.model import Model, evaluate, shifted
from wijkcoop.impact.sensitivity import MonteCarlo
from wijkcoop.impact.whatif import vega_expression


def percent(fraction: float, max_decimals: int = 2) -> str:
    """:func:`wijkcoop.dutch.percent` with as many decimals as the value needs (up to two).

    0.0225 -> "2,25%", 0.234 -> "23,4%", 0.25 -> "25%". Never rounds 2,25 to 2,2.
    """
    full = round(fraction * 100, max_decimals)
    digits = next(d for d in range(max_decimals + 1) if round(full, d) == full)
    return dutch_percent(fraction, digits)


def ratio_text(x: float) -> str:
    """An SROI ratio the Dutch way: ``1,28 : 1``."""
    return f"{number(x)} : 1"


#: Width of printed explanations: narrower than the page and the PDF column, so none is cut.
SAY_WIDTH = 88


def say(*paragraphs: str) -> None:
    """Print explanations for the reader, each wrapped at :data:`SAY_WIDTH` characters."""
    for text in paragraphs:
        print(textwrap.fill(text, SAY_WIDTH, break_on_hyphens=False))


# ------------------------------------------------------------- theory of change


@dataclass(frozen=True)
class Diagram:
    """An inline SVG with a title and description; renders in Jupyter and in the book."""

    svg: str
    text: str

    def _repr_html_(self) -> str:
        return f'<figure class="wijkcoop-diagram">{self.svg}</figure>'


def chain_columns(case: Case) -> dict[str, list[str]]:
    """The impact chain as five lists of short texts: inputs to impact."""
    inputs = [f"{i.name} ({euro(i.amount)})" for i in case.model.inputs]
    activities = [a["naam"] for a in case.chain["activiteiten"]]
    outputs = [f"{o['aantal']:g} {o['eenheid']}" for o in case.chain["outputs"]]
    outcomes = [o.name for o in case.model.outcomes]
    return {
        "Inputs": inputs,
        "Activiteiten": activities,
        "Outputs": outputs,
        "Outcomes": outcomes,
        "Impact": list(case.chain["impact"]),
    }


def chain_table(case: Case) -> pd.DataFrame:
    """The chain as a long table (the text equivalent of the diagram)."""
    rows = [
        (col, i + 1, t) for col, items in chain_columns(case).items() for i, t in enumerate(items)
    ]
    return pd.DataFrame(rows, columns=["schakel", "nr", "omschrijving"])


def theory_of_change(case: Case, width: int = 980) -> Diagram:
    """The impact chain drawn as five columns of boxes with arrows between the columns."""
    cols = chain_columns(case)
    n = len(cols)
    gap = 26
    box_w = (width - gap * (n - 1)) / n
    chars = max(12, int(box_w / 6.6))
    line_h, pad = 14, 6
    colours = ["#e8eef6", "#eef4e8", "#f6f0e4", "#f3e8f0", "#e4f1f1"]
    parts, heights = [], []
    y0 = 34
    for c, (title, items) in enumerate(cols.items()):
        x = c * (box_w + gap)
        parts.append(
            f'<text x="{x + box_w / 2:.1f}" y="18" text-anchor="middle" font-weight="bold" '
            f'font-size="14" fill="#1a1a1a">{html.escape(title)}</text>'
        )
        y = y0
        for item in items:
            lines = textwrap.wrap(item, chars) or [""]
            h = len(lines) * line_h + 2 * pad
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{box_w:.1f}" height="{h}" rx="6" '
                f'fill="{colours[c]}" stroke="#4d4d4d"/>'
            )
            for k, line in enumerate(lines):
                parts.append(
                    f'<text x="{x + 6:.1f}" y="{y + pad + (k + 1) * line_h - 3}" font-size="11.5" '
                    f'fill="#1a1a1a">{html.escape(line)}</text>'
                )
            y += h + 8
        heights.append(y)
        if c < n - 1:
            ax = x + box_w + 3
            parts.append(
                f'<line x1="{ax:.1f}" y1="60" x2="{ax + gap - 8:.1f}" y2="60" stroke="#1a1a1a" '
                'stroke-width="2" marker-end="url(#wijkcoop-arrow)"/>'
            )
    height = max(heights) + 4
    text = "Veranderingstheorie: " + "; ".join(
        f"{title}: {', '.join(items)}" for title, items in cols.items()
    )
    title = f"Impactketen van {case.title.lower()}"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="toc-title toc-desc" style="max-width:{width}px">'
        f'<title id="toc-title">{html.escape(title)}</title>'
        f'<desc id="toc-desc">{html.escape(text)}</desc>'
        '<defs><marker id="wijkcoop-arrow" markerWidth="8" markerHeight="8" refX="6" refY="4" '
        'orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#1a1a1a"/></marker></defs>'
        + "".join(parts)
        + "</svg>"
    )
    return Diagram(svg=svg, text=text)


# ------------------------------------------------------------- value and steps


def adjustment_steps(model: Model) -> pd.DataFrame:
    """From gross value to present value, step by step, summed over all outcomes."""
    outs = model.outcomes
    gross = sum(o.quantity * o.proxy for o in outs)
    dw1 = {o.id: float(o.anyway(np.array([1]))[0]) for o in outs}  # year 1, on its base
    after_dw = sum(o.quantity * o.proxy * (1 - dw1[o.id]) for o in outs)
    after_ds = sum(o.quantity * o.proxy * (1 - dw1[o.id]) * (1 - o.displacement) for o in outs)
    year1 = sum(o.year1 for o in outs)
    res = evaluate(model)
    all_years = float(res.impact.sum())
    rows = [
        ("1. Aantal × proxy (jaar 1)", gross),
        ("2. Min deadweight", after_dw),
        ("3. Min verdringing", after_ds),
        ("4. Min attributie = impact jaar 1", year1),
        ("5. Alle jaren (drop-off; deadweight die groeit)", all_years),
        (f"6. Contante waarde ({percent(res.rate)})", res.pv),
    ]
    return pd.DataFrame(rows, columns=["stap", "bedrag"])


def steps_chart(model: Model) -> alt.Chart:
    """Bars: from gross value to present value, step by step."""
    df = adjustment_steps(model)
    df["tekst"] = df["bedrag"].map(euro)
    desc = "Van brutowaarde naar contante waarde: " + "; ".join(
        f"{s}: {t}" for s, t in zip(df["stap"], df["tekst"], strict=True)
    )
    base = alt.Chart(df, description=desc).encode(
        y=alt.Y("stap:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("bedrag:Q", title="Bedrag (euro)", axis=alt.Axis(format=",.0f")),
    )
    return (
        base.mark_bar(color=BLUE) + base.mark_text(align="left", dx=4).encode(text="tekst:N")
    ).properties(width=420, height=200, usermeta=SVG, description=desc)


def value_table(model: Model, rates: tuple[float, ...]) -> pd.DataFrame:
    """PV, NPV, ratio, net ratio and payback at several discount rates."""
    rows = []
    for r in rates:
        res = evaluate(model, r)
        rows.append(
            {
                "discontovoet": percent(r),
                "contante waarde": euro(res.pv),
                "investering": euro(res.inputs_total),
                "netto contante waarde": euro(res.npv),
                "SROI-ratio": ratio_text(res.ratio),
                "netto SROI": number(res.net_ratio),
                "terugverdientijd jaar 1 (maanden)": number(res.payback_months(), 1),
                "terugverdientijd met drop-off (maanden)": number(
                    res.cumulative_payback_months(), 1
                ),
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------- sensitivity


def tornado_chart(
    tornado: pd.DataFrame, central: float, what: str = "SROI-ratio"
) -> alt.LayerChart:
    """One-at-a-time sensitivity: the ratio at the low and high end of each range.

    ``what`` names the ratio (the social SROI ratio, or the gemeente's cash ratio).
    """
    df = tornado.copy()
    df["label"] = [
        LABELS[p] if p == "buig" else f"{LABELS[p]} ({o or 'alle uitkomsten'})"
        for p, o in zip(df["parameter"], df["outcome"], strict=True)
    ]
    df["van"] = df[["ratio_laag", "ratio_hoog"]].min(axis=1)
    df["tot"] = df[["ratio_laag", "ratio_hoog"]].max(axis=1)
    top = df.head(10)
    desc = f"Tornado: de {what} bij de lage en hoge waarde van elke aanname. " + "; ".join(
        f"{lab}: {number(a)} tot {number(b)}"
        for lab, a, b in zip(top["label"], top["van"], top["tot"], strict=True)
    )
    bars = (
        alt.Chart(top, description=desc)
        .mark_bar(color=BLUE)
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=380)),
            x=alt.X("van:Q", title=f"{what} (: 1)"),
            x2="tot:Q",
            tooltip=["label", "laag", "hoog", "ratio_laag", "ratio_hoog"],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [central]})).mark_rule(color=ORANGE, size=2).encode(x="x:Q")
    one = (
        alt.Chart(pd.DataFrame({"x": [1.0]}))
        .mark_rule(color=GREY, strokeDash=[4, 4])
        .encode(x="x:Q")
    )
    return (bars + rule + one).properties(width=380, height=260, usermeta=SVG, description=desc)


def montecarlo_chart(mc: MonteCarlo) -> alt.LayerChart:
    """Histogram of the Monte Carlo ratios with the line at 1 : 1."""
    q = mc.quantiles()
    counts, edges = np.histogram(mc.ratio, bins=40)
    df = pd.DataFrame({"van": edges[:-1], "tot": edges[1:], "aantal": counts})
    desc = (
        f"Monte Carlo met {number(len(mc.ratio), 0)} trekkingen: de helft van de uitkomsten "
        f"ligt onder "
        f"{number(q[0.5])} : 1; 90% ligt tussen {number(q[0.05])} en {number(q[0.95])}; "
        f"{number(mc.share_below_one * 100, 1)}% ligt onder 1 : 1."
    )
    hist = (
        alt.Chart(df, description=desc)
        .mark_bar(color=BLUE)
        .encode(
            x=alt.X("van:Q", title="SROI-ratio (: 1)", bin="binned"),
            x2="tot:Q",
            y=alt.Y("aantal:Q", title="Aantal trekkingen"),
        )
    )
    one = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(color=ORANGE, size=2).encode(x="x:Q")
    return (hist + one).properties(width=420, height=200, usermeta=SVG, description=desc)


# ------------------------------------------------------------- what-if (no kernel)

WHATIF_SLIDERS = {
    "quantity": ("Aantal mensen of eenheden (% van de basis)", 50, 150, 10),
    "duur": ("Duur erbij of eraf (jaren)", -2, 3, 1),
    "voet": ("Discontovoet (%)", 0.0, 8.0, 0.25),
    "dw": ("Deadweight erbij of eraf (procentpunt)", -30, 30, 5),
    "ds": ("Verdringing erbij of eraf (procentpunt)", -30, 30, 5),
    "at": ("Attributie erbij of eraf (procentpunt)", -30, 30, 5),
    "dropoff": ("Drop-off erbij of eraf (procentpunt)", -30, 30, 5),
    "proxy": ("Financiële proxy's (% van de basis)", 50, 150, 10),
}


WHATIF_CENTRAL = {"quantity": 100, "duur": 0, "dw": 0, "ds": 0, "at": 0, "dropoff": 0, "proxy": 100}


def whatif_rows(model: Model, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per outcome and year with the unadjusted numbers the sliders work on.

    Rows run to the longest duration the duration slider can reach; the Vega expression
    (:func:`wijkcoop.impact.whatif.vega_expression`) drops the years beyond it.
    """
    labels = labels or {}
    extra = int(WHATIF_SLIDERS["duur"][2])
    rows = []
    for o in model.outcomes:
        for t in range(1, (o.duration + int(extra) if o.duration else 0) + 1):
            rows.append(
                {
                    "uitkomst": labels.get(o.id, o.name),
                    "t": t,
                    "q": o.quantity,
                    "proxy": o.proxy,
                    "dw": o.deadweight,
                    "ds": o.displacement,
                    "at": o.attribution,
                    "do": o.drop_off,
                    "cum": o.counterfactual == "cumulatief",
                    "basis": o.base or 0.0,
                    "duur": o.duration,
                }
            )
    return pd.DataFrame(rows)


def whatif_model(model: Model, **sliders: float) -> Model:
    """The model for slider values (the Python reference of the Vega code)."""
    s = {"voet": model.rate * 100, **WHATIF_CENTRAL, **sliders}
    return shifted(
        model,
        rate=s["voet"] / 100,
        deadweight=s["dw"] / 100,
        displacement=s["ds"] / 100,
        attribution=s["at"] / 100,
        drop_off=s["dropoff"] / 100,
        proxy_scale=s["proxy"] / 100,
        quantity_scale=s["quantity"] / 100,
        duration=int(s["duur"]),
    )


def whatif_result(model: Model, **sliders: float) -> float:
    """The ratio the what-if chart shows for slider values."""
    return evaluate(whatif_model(model, **sliders)).ratio


def whatif_settings(model: Model):
    """Every combination of the sliders' ends and centre (for tests of the chart's axis)."""
    import itertools

    values = {
        name: sorted({lo, hi, WHATIF_CENTRAL.get(name, model.rate * 100)})
        for name, (_, lo, hi, _) in WHATIF_SLIDERS.items()
    }
    names = list(values)
    for combo in itertools.product(*(values[n] for n in names)):
        yield dict(zip(names, combo, strict=True))


def whatif_axis(model: Model) -> tuple[float, float]:
    """The x-axis range at the central slider values.

    1.6 times the largest bar (and the most negative one), rounded outward to a whole thousand.
    The chart unites this range with the data's own extent, so at other settings the axis grows
    and no bar runs off it.
    """
    pv = evaluate(model).pv_by_outcome.values()
    step = 1000.0
    top = 1.6 * max([0.0, *pv])
    bottom = 1.6 * min([0.0, *pv])
    return (float(np.floor(bottom / step) * step), float(np.ceil(top / step) * step))


def whatif_chart(model: Model, labels: dict[str, str] | None = None) -> alt.LayerChart:
    """Sliders for the rate, the adjustments and the proxies; the ratio is recomputed by Vega."""
    params = []
    central = {"voet": model.rate * 100, **WHATIF_CENTRAL}
    for name, (label, lo, hi, step) in WHATIF_SLIDERS.items():
        params.append(
            alt.param(
                name=name,
                value=central[name],
                bind=alt.binding_range(min=lo, max=hi, step=step, name=label + " "),
            )
        )
    value = vega_expression(model)
    rows = whatif_rows(model, labels)
    res = evaluate(model)
    x_min, x_max = whatif_axis(model)
    I = model.total_inputs  # noqa: E741
    desc = (
        "Wat-als-berekening met schuifjes voor het aantal, de duur, de discontovoet, "
        "deadweight, verdringing, attributie, drop-off en de financiële proxy's. Bij de "
        f"uitgangswaarden is de contante waarde {euro(res.pv)} en de SROI-ratio "
        f"{ratio_text(res.ratio)}."
    )
    base = alt.Chart(rows, description=desc).transform_calculate(waarde=value)
    bars = (
        base.transform_aggregate(waarde="sum(waarde)", groupby=["uitkomst"])
        .mark_bar(color=BLUE)
        .encode(
            y=alt.Y("uitkomst:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X(
                "waarde:Q",
                title="Contante waarde (euro)",
                scale=alt.Scale(domain={"unionWith": [x_min, x_max]}, nice=True),
                axis=alt.Axis(format=",.0f"),
            ),
            tooltip=[alt.Tooltip("uitkomst:N"), alt.Tooltip("waarde:Q", format=",.0f")],
        )
        .add_params(*params)
    )
    totals = base.transform_aggregate(pv="sum(waarde)").transform_calculate(
        ratio=f"datum.pv / {I!r}",
        regel1="'SROI-ratio ' + replace(format(datum.ratio, '.2f'), '.', ',') + ' : 1'",
        regel2=(
            "'Contante waarde € ' + replace(format(datum.pv, ',.0f'), regexp(',', 'g'), '.')"
            f" + ' · investering {euro(I)}'"
        ),
    )
    line1 = totals.mark_text(
        align="left", baseline="bottom", fontSize=16, fontWeight="bold", color="#1a1a1a"
    ).encode(x=alt.value(0), y=alt.value(-26), text="regel1:N")
    line2 = totals.mark_text(align="left", baseline="bottom", fontSize=13, color="#1a1a1a").encode(
        x=alt.value(0), y=alt.value(-8), text="regel2:N"
    )
    return (bars + line1 + line2).properties(
        width=340, height=170, usermeta=SVG, description=desc, title=alt.Title(" ", fontSize=30)
    )


# ------------------------------------------------------------- who pays, who gains


def distribution_chart(dist: pd.DataFrame, names: dict[str, str]) -> alt.Chart:
    """Bars per stakeholder: what each invests and what each gains."""
    df = dist.assign(naam=dist["belanghebbende"].map(names))
    long = df.melt(
        id_vars=["naam"],
        value_vars=["investeert", "profiteert"],
        var_name="rol",
        value_name="bedrag",
    )
    desc = "Wie investeert en wie profiteert: " + "; ".join(
        f"{n}: investeert {euro(a)}, profiteert {euro(b)}"
        for n, a, b in zip(df["naam"], df["investeert"], df["profiteert"], strict=True)
    )
    return (
        alt.Chart(long, description=desc)
        .mark_bar()
        .encode(
            y=alt.Y("naam:N", sort=None, title=None, axis=alt.Axis(labelLimit=300)),
            yOffset=alt.YOffset("rol:N"),
            x=alt.X("bedrag:Q", title="Euro (contante waarde)", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "rol:N",
                title=None,
                scale=alt.Scale(domain=["investeert", "profiteert"], range=[ORANGE, BLUE]),
            ),
            tooltip=["naam", "rol", alt.Tooltip("bedrag:Q", format=",.0f")],
        )
        .properties(width=380, height=320, usermeta=SVG, description=desc)
    )


# ------------------------------------------------------------- soft outcomes


def change_chart(changes: pd.DataFrame) -> alt.LayerChart:
    """Mean change per item with its 95% interval; a line at zero."""
    desc = "Gemiddelde verandering per vraag met 95%-onzekerheidsmarge: " + "; ".join(
        f"{v}: {number(c)} (van {number(lo)} tot {number(hi)})"
        for v, c, lo, hi in zip(
            changes["vraag"], changes["verandering"], changes["laag"], changes["hoog"], strict=True
        )
    )
    base = alt.Chart(changes, description=desc).encode(
        y=alt.Y("vraag:N", sort=None, title=None, axis=alt.Axis(labelLimit=300))
    )
    err = base.mark_rule(color=BLUE, size=3).encode(
        x=alt.X("laag:Q", title="Verandering (na min voor)"), x2="hoog:Q"
    )
    pts = base.mark_point(filled=True, size=90, color=BLUE).encode(x="verandering:Q")
    zero = (
        alt.Chart(pd.DataFrame({"x": [0.0]}))
        .mark_rule(color=GREY, strokeDash=[4, 4])
        .encode(x="x:Q")
    )
    return (err + pts + zero).properties(width=380, height=160, usermeta=SVG, description=desc)


# ------------------------------------------------------------- income mix


def income_chart(rows: pd.DataFrame) -> alt.Chart:
    """Stacked bars: income per year by kind."""
    df = rows.groupby(["jaar", "soort"], as_index=False)["bedrag"].sum()
    totals = df.groupby("jaar")["bedrag"].sum()
    desc = "Inkomsten per jaar naar soort: " + "; ".join(
        f"{y}: {euro(v)}" for y, v in totals.items()
    )
    order = ["subsidie", "fonds", "donatie", "opdracht", "verkoop", "verhuur"]
    colours = ["#b35806", "#e08214", "#fdb863", "#1f5f99", "#4393c3", "#92c5de"]
    return (
        alt.Chart(df, description=desc)
        .mark_bar()
        .encode(
            x=alt.X("jaar:O", title="Jaar"),
            y=alt.Y("bedrag:Q", title="Inkomsten (euro)", axis=alt.Axis(format=",.0f")),
            color=alt.Color("soort:N", title="Soort", scale=alt.Scale(domain=order, range=colours)),
            order=alt.Order("soort_volgorde:Q"),
            tooltip=["jaar", "soort", alt.Tooltip("bedrag:Q", format=",.0f")],
        )
        .transform_calculate(soort_volgorde=f"indexof({order!r}, datum.soort)")
        .properties(width=380, height=240, usermeta=SVG, description=desc)
    )


def mix_chart(mix: pd.DataFrame) -> alt.Chart:
    """Lines per year: subsidy share, largest payer's share and Herfindahl index."""
    cols = {
        "subsidieaandeel": "Subsidie-aandeel",
        "aandeel_grootste_betaler": "Aandeel grootste betaler",
        "herfindahl": "Herfindahl-index",
    }
    long = mix.melt(id_vars=["jaar"], value_vars=list(cols), var_name="maat", value_name="waarde")
    long["maat"] = long["maat"].map(cols)
    desc = "Spreiding van inkomsten per jaar: " + "; ".join(
        f"{int(r.jaar)}: subsidie {number(r.subsidieaandeel * 100, 0)}%, grootste betaler "
        f"{number(r.aandeel_grootste_betaler * 100, 0)}%, Herfindahl {number(r.herfindahl)}"
        for r in mix.itertuples()
    )
    return (
        alt.Chart(long, description=desc)
        .mark_line(point=True)
        .encode(
            x=alt.X("jaar:O", title="Jaar"),
            y=alt.Y("waarde:Q", title="Aandeel (0 tot 1)", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("maat:N", title=None, scale=alt.Scale(range=[ORANGE, BLUE, GREEN])),
            strokeDash=alt.StrokeDash("maat:N", title=None),
            tooltip=["jaar", "maat", alt.Tooltip("waarde:Q", format=".2f")],
        )
        .properties(width=380, height=220, usermeta=SVG, description=desc)
    )
