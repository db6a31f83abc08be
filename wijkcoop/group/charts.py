"""Altair charts of the group analysis.

Each chart has a table with the same numbers next to it in the notebook (text equivalent), and
a description that names what it shows (the caption in the book and the PDF). When the folder
cannot give a chart (one round only, one side only, no files of the bank), the function returns
an :class:`~wijkcoop.group.display.Explanation` that says why in Dutch, so a notebook goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkcoop.group.display import Explanation
from wijkcoop.group.settings import BAND_LABELS

if TYPE_CHECKING:
    from wijkcoop.group.analysis import GroupAnalysis


def _altair():
    """Altair with the book's chart theme; imported late so ``import wijkcoop.group`` stays fast."""
    import altair as alt

    import wijkcoop.charts  # noqa: F401  registers and enables the theme (Dutch locale, colours)

    return alt


def _why(g: GroupAnalysis, what: str, bank_id: str) -> Explanation | None:
    reason = g.why_not(what, bank_id)
    return None if reason is None else Explanation(f"Geen grafiek: {reason}")


def distribution_chart(g: GroupAnalysis, bank_id: str, round: str | None = None):
    """Stacked bars: how many exports fall in each score band, per part."""
    if (why := _why(g, "spreiding", bank_id)) is not None:
        return why
    alt = _altair()
    n = g.n_exports(bank_id, round=round)

    dist = g.distribution(bank_id, round=round)
    long = dist.melt(id_vars=["id", "titel"], value_vars=list(BAND_LABELS), var_name="band")
    long = long.rename(columns={"value": "aantal"})
    return (
        alt.Chart(
            long,
            description=f"Spreiding van de scores per onderdeel van de {bank_id}: "
            f"aandeel van {n} bestanden per scoreband",
        )
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            y=alt.Y("titel:N", sort=list(dist["titel"]), title=None),
            x=alt.X(
                "aantal:Q", stack="normalize", title="Aandeel exports", axis=alt.Axis(format="%")
            ),
            color=alt.Color(
                "band:N",
                sort=list(BAND_LABELS),
                scale=alt.Scale(scheme="blues"),
                title="Score",
            ),
            order=alt.Order("band:N"),
            tooltip=["titel", "band", "aantal"],
        )
        .properties(width=420)
    )


def profile_chart(g: GroupAnalysis, bank_id: str, role: str | None = None):
    """Bars: the group's mean score per condition (0-100)."""
    if (why := _why(g, "profiel", bank_id)) is not None:
        return why
    alt = _altair()
    bank = g.banks[bank_id]
    side = f", kant {bank.role_label(role).lower()}" if role else ""
    n = g.n_exports(bank_id, role=role)
    from wijkcoop.charts import BLUE

    prof = g.profile(bank_id, role=role)
    cond = prof[prof["niveau"] == "voorwaarde"]
    return (
        alt.Chart(
            cond,
            description=f"Groepsprofiel van de {bank.bank_id}{side}: "
            f"gemiddelde score per voorwaarde (0 tot 100) over {n} bestanden",
        )
        .mark_bar(color=BLUE)
        .encode(
            y=alt.Y("titel:N", sort=list(cond["titel"]), title=None),
            x=alt.X("gemiddelde:Q", scale=alt.Scale(domain=[0, 100]), title="Gemiddelde score"),
            tooltip=["titel", "n", alt.Tooltip("gemiddelde:Q", format=".0f")],
        )
        .properties(width=420)
    )


def change_chart(g: GroupAnalysis, bank_id: str, level: str = "voorwaarde"):
    """Dumbbell: mean of the matched participants in round A and round B, per row."""
    if (why := _why(g, "verandering", bank_id)) is not None:
        return why
    alt = _altair()
    from wijkcoop.charts import BLUE, ORANGE

    ch = g.change(bank_id, level=level)
    long = ch.melt(id_vars=["titel"], value_vars=["gemiddelde_a", "gemiddelde_b"], var_name="ronde")
    names = {"gemiddelde_a": ch["ronde_a"].iloc[0], "gemiddelde_b": ch["ronde_b"].iloc[0]}
    long["ronde"] = long["ronde"].map(names)
    long = long.rename(columns={"value": "gemiddelde"})
    ra, rb = names["gemiddelde_a"], names["gemiddelde_b"]
    caption = (
        f"Verandering van {ra} naar {rb} in de {bank_id}: gemiddelde per "
        f"voorwaarde van de {int(ch['n_gekoppeld'].max())} deelnemers die in beide rondes meededen"
    )
    base = alt.Chart(long)
    y = alt.Y("titel:N", sort=list(ch["titel"]), title=None, axis=alt.Axis(labelLimit=280))
    x = alt.X("gemiddelde:Q", scale=alt.Scale(domain=[0, 100]), title="Gemiddelde score")
    line = base.mark_line(color="#767676").encode(y=y, x=x, detail="titel:N")
    dots = base.mark_point(filled=True, size=90).encode(
        y=y,
        x=x,
        color=alt.Color("ronde:N", scale=alt.Scale(range=[ORANGE, BLUE]), title="Ronde"),
        shape=alt.Shape("ronde:N", title="Ronde"),
        tooltip=["titel", "ronde", alt.Tooltip("gemiddelde:Q", format=".0f")],
    )
    return alt.layer(line, dots, description=caption).properties(width=420)


def gap_chart(g: GroupAnalysis, bank_id: str = "relatiespiegel", round: str | None = None):
    """Grouped bars per friction point: mean score of each role."""
    if (why := _why(g, "verschil", bank_id)) is not None:
        return why
    alt = _altair()
    from wijkcoop.charts import BLUE, ORANGE

    bank = g.banks[bank_id]
    gap = g.gap(bank_id, round=round)
    roles = list(bank.roles[:2])
    long = gap.melt(id_vars=["titel"], value_vars=roles, var_name="rol", value_name="gemiddelde")
    long["rol"] = long["rol"].map(bank.role_label)
    labels = [bank.role_label(r) for r in roles]
    return (
        alt.Chart(
            long,
            description=f"Relatiespiegel: gemiddelde score per knelpunt van {labels[0].lower()} "
            f"({g.n_exports(bank_id, roles[0], round)} bestanden) en {labels[1].lower()} "
            f"({g.n_exports(bank_id, roles[1], round)} bestanden)",
        )
        .mark_bar()
        .encode(
            y=alt.Y("titel:N", sort=list(gap["titel"]), title=None),
            yOffset=alt.YOffset("rol:N", sort=labels),
            x=alt.X("gemiddelde:Q", scale=alt.Scale(domain=[0, 100]), title="Gemiddelde score"),
            color=alt.Color(
                "rol:N", sort=labels, scale=alt.Scale(range=[BLUE, ORANGE]), title="Kant"
            ),
            tooltip=["titel", "rol", alt.Tooltip("gemiddelde:Q", format=".0f")],
        )
        .properties(width=420)
    )
