"""The trainers' printable overview (``overzicht.html``): self-contained, no scripts."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from wijkcoop import dutch
from wijkcoop.group.reading import UNKNOWN_ROUND
from wijkcoop.group.settings import BAND_LABELS, MIN_GROUP

_CSS = """
body{font-family:system-ui,sans-serif;color:#1a1a1a;max-width:60rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.8rem;background:#1f5f99;vertical-align:middle}
.note{font-size:.9rem;color:#333}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:auto}
tr{break-inside:avoid}.bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
"""


def _fmt(v: Any, signed: bool = False) -> str:
    if v is None or pd.isna(v):
        return dutch.DASH
    if signed:  # a difference: always with its sign, of whole numbers (docs/scan-format.md)
        return dutch.signed(v)
    if isinstance(v, float | np.floating):
        return dutch.number(float(v), 0)
    return str(v)


def _table(df: pd.DataFrame, caption: str, bar_col: str | None = None) -> str:
    esc = html.escape
    head = "".join(
        f'<th scope="col" class="{"num" if pd.api.types.is_numeric_dtype(df[c]) else ""}">'
        f"{esc(str(c))}</th>"
        for c in df.columns
    )
    body = []
    for _, row in df.iterrows():
        cells = []
        for c in df.columns:
            v = row[c]
            numeric = pd.api.types.is_numeric_dtype(df[c])
            signed = str(c).startswith(("verschil", "verandering"))
            text = esc(_fmt(v, signed))
            if c == bar_col and numeric and not pd.isna(v):
                width = max(0.0, min(100.0, float(v)))
                text += (
                    f' <span class="bar" style="width:{width * 0.8:.0f}px"'
                    ' aria-hidden="true"></span>'
                )
            cells.append(f'<td class="{"num" if numeric else ""}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def overview_html(g: Any) -> str:
    """A printable, self-contained HTML overview (no scripts, no external files).

    ``g`` is a :class:`wijkcoop.group.GroupAnalysis` (not imported here: it imports this module).
    """
    esc = html.escape
    c = g.counts()
    parts = [
        "<!doctype html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        "<title>Groepsoverzicht leernetwerk</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Groepsoverzicht leernetwerk</h1>",
        f"<p>{c['bestanden']} bestanden gelezen: {c['geaccepteerd']} meegeteld, "
        f"{c['geweigerd']} geweigerd.</p>",
        '<p class="note">'
        + (
            "Namen van organisaties staan in dit overzicht, op verzoek van de trainer."
            if g.show_names
            else "Namen van organisaties zijn vervangen door deelnemernummers. "
            "Notities uit de exports staan niet in dit overzicht."
        )
        + " Scores lopen van 0 tot 100. Een streepje betekent: geen antwoorden.</p>",
    ]
    small = g.small_groups()
    if len(small):
        parts.append(
            '<p class="note"><strong>Let op:</strong> in deze groepen zitten minder dan '
            f"{MIN_GROUP} exports. Dan is het makkelijk te raden wie wat heeft geantwoord. "
            "Laat deze cijfers niet aan de groep zien.</p>"
        )
        small = small.rename(columns={"scan": "Vragenlijst", "rol": "Kant", "ronde": "Ronde"})
        parts.append(_table(small.rename(columns={"n": "Aantal"}), "Groepen met minder dan vijf"))
    if c["geweigerd"]:
        parts.append("<h2>Geweigerde bestanden</h2>")
        refused = g.rejected.rename(columns={"bestand": "Bestand", "reden": "Reden"})
        parts.append(
            _table(
                refused[["Bestand", "Reden"]],
                "Bestanden die niet meetellen, met de reden (genummerd op naam in de map)",
            )
        )
    for bank_id, bank in g.banks.items():
        if not len(g._scores[bank_id]["meta"]):
            continue
        parts.append(f"<h2>{esc(bank.title)}</h2>")
        n_people = g._scores[bank_id]["meta"]["deelnemer"].nunique()
        parts.append(
            f"<p>{len(g._scores[bank_id]['meta'])} exports van {n_people} deelnemers; "
            f"rondes: {esc(', '.join(g.rounds(bank_id)))}.</p>"
        )
        roles: list[str | None] = list(bank.roles) or [None]
        for role in roles:
            prof = g.profile(bank_id, role=role)
            prof = prof.assign(
                titel=np.where(
                    prof["niveau"] == "voorwaarde", prof["titel"].str.upper(), "  " + prof["titel"]
                )
            )
            label = f" – {bank.role_label(role)}" if role else ""
            parts.append(f"<h3>Groepsprofiel{esc(label)} (alle rondes)</h3>")
            parts.append(
                _table(prof[["titel", "n", "gemiddelde"]], f"Gemiddelde score{label}", "gemiddelde")
            )
        if len(bank.roles) >= 2:
            gap = g.gap(bank_id)
            first, second = bank.roles[:2]
            a, b = bank.role_label(first), bank.role_label(second)
            header = f"verschil ({a.lower()} min {b.lower()})"
            view = gap.rename(columns={first: a, second: b, "verschil_getoond": header})[
                ["titel", a, b, header]
            ]
            parts.append("<h3>Verschil tussen de kanten per knelpunt</h3>")
            parts.append(
                _table(view, f"Gemiddelde per rol en het verschil ({a.lower()} min {b.lower()})")
            )
            order = gap.assign(abs_gap=gap["verschil"].abs()).sort_values(
                "abs_gap", ascending=False
            )
            top = [r for r in order.itertuples() if not pd.isna(r.abs_gap)][:2]
            if top:
                parts.append("<h3>Gespreksvragen bij de grootste verschillen</h3>")
                for r in top:
                    cond = next(x for x in bank.conditions if x["id"] == r.id)
                    items = "".join(f"<li>{esc(q)}</li>" for q in cond.get("prompts", []))
                    parts.append(f"<p><strong>{esc(cond['title'])}</strong></p><ul>{items}</ul>")
        dist = g.distribution(bank_id)
        parts.append("<h3>Spreiding per onderdeel (aantal exports per scoreband)</h3>")
        parts.append(
            _table(
                dist[["titel", "n", "p25", "mediaan", "p75", *BAND_LABELS]],
                "Aantal exports per scoreband; p25 en p75 zijn het 25e en 75e percentiel",
            )
        )
        numbered = [r for r in g.rounds(bank_id) if r != UNKNOWN_ROUND]
        if len(numbered) >= 2:
            ch = g.change(bank_id, level="voorwaarde")
            parts.append(f"<h3>Verandering van {esc(numbered[0])} naar {esc(numbered[1])}</h3>")
            ra, rb = numbered[0], numbered[1]
            header = f"verandering ({rb} min {ra})"
            view = ch.rename(
                columns={"gemiddelde_a": ra, "gemiddelde_b": rb, "verandering_getoond": header}
            )[["titel", "n_gekoppeld", ra, rb, header]]
            parts.append(_table(view, "Alleen deelnemers die in beide rondes meededen"))
    parts.append("</body></html>")
    return "\n".join(parts)
