"""Altair charts of the group analysis.

Each chart has a table with the same numbers next to it in the notebook (text equivalent).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijkcoop.group.settings import BAND_LABELS

if TYPE_CHECKING:
    from wijkcoop.group.analysis import GroupAnalysis


def _altair():
    """Altair with the book's chart theme; imported late so ``import wijkcoop.group`` stays fast."""
    import altair as alt

    import wijkcoop.charts  # noqa: F401  registers and enables the theme (Dutch locale, colours)

    return alt


def distribution_chart(g: GroupAnalysis, bank_id: str, round: str | None = None):
    """Stacked bars: how many exports fall in each score band, per part."""
    alt = _altair()

    dist = g.distribution(bank_id, round=round)
    long = dist.melt(id_vars=["id", "titel"], value_vars=list(BAND_LABELS), var_name="band")
    long = long.rename(columns={"value": "aantal"})
    return (
        alt.Chart(long, description=f"Spreiding van de scores per onderdeel ({bank_id})")
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
    alt = _altair()
    from wijkcoop.charts import BLUE

    prof = g.profile(bank_id, role=role)
    cond = prof[prof["niveau"] == "voorwaarde"]
    return (
        alt.Chart(cond, description=f"Groepsprofiel per voorwaarde ({bank_id})")
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
    alt = _altair()
    from wijkcoop.charts import BLUE, ORANGE

    ch = g.change(bank_id, level=level)
    long = ch.melt(id_vars=["titel"], value_vars=["gemiddelde_a", "gemiddelde_b"], var_name="ronde")
    names = {"gemiddelde_a": ch["ronde_a"].iloc[0], "gemiddelde_b": ch["ronde_b"].iloc[0]}
    long["ronde"] = long["ronde"].map(names)
    long = long.rename(columns={"value": "gemiddelde"})
    base = alt.Chart(long, description=f"Verandering tussen twee rondes ({bank_id})")
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
    return (line + dots).properties(width=420)


def gap_chart(g: GroupAnalysis, bank_id: str = "relatiespiegel", round: str | None = None):
    """Grouped bars per friction point: mean score of each role."""
    alt = _altair()
    from wijkcoop.charts import BLUE, ORANGE

    bank = g.banks[bank_id]
    gap = g.gap(bank_id, round=round)
    roles = list(bank.roles[:2])
    long = gap.melt(id_vars=["titel"], value_vars=roles, var_name="rol", value_name="gemiddelde")
    long["rol"] = long["rol"].map(bank.role_label)
    labels = [bank.role_label(r) for r in roles]
    return (
        alt.Chart(long, description="Gemiddelde score per knelpunt, per kant")
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
