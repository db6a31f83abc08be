"""One chart style (wijkcoop.charts): every Altair chart is Dutch and uses the book's colours."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import pandas as pd

from wijkcoop import charts, impact
from wijkcoop.impact import figures

PACKAGE = Path(charts.__file__).parent


def test_theme_is_registered_and_enabled():
    assert alt.theme.active == charts.THEME
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q").to_dict()
    assert spec["config"]["locale"]["number"] == charts.FORMAT_LOCALE
    assert spec["config"]["mark"]["color"] == charts.BLUE
    assert spec["usermeta"]["embedOptions"]["formatLocale"]["decimal"] == ","


def test_package_charts_carry_the_theme():
    spec = figures.steps_chart(impact.load_case().model).to_dict()
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_group_charts_use_the_book_colours(tmp_path):
    from wijkcoop import group, synthetic

    synthetic.write_folder(tmp_path, n_orgs=6, seed=1)
    spec = group.profile_chart(group.analyse(tmp_path), "duurzaamheidsscan").to_dict()
    assert spec["mark"]["color"] == charts.BLUE
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_axis_numbers_are_written_the_dutch_way():
    import vl_convert

    chart = (
        alt.Chart(pd.DataFrame({"bedrag": [1234.5, 2500.0]}))
        .mark_bar()
        .encode(x=alt.X("bedrag:Q", axis=alt.Axis(format=",.1f")))
    )
    svg = vl_convert.vegalite_to_svg(chart.to_dict())  # no locale passed: the theme holds it
    labels = re.findall(r">([0-9.,]+)</text>", svg)
    assert "1.000,0" in labels
    assert not any(re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+\.[0-9]", t) for t in labels)


def test_no_module_defines_its_own_chart_colours_or_locale():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "charts.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^(BLUE|ORANGE|GREY|GREEN)\b[^=\n]*=", text, re.M):
            offenders.append(f"{rel}: defines a chart colour")
        if re.search(r"[\"']formatLocale[\"']\s*:", text):
            offenders.append(f"{rel}: defines a number locale")
    assert not offenders, offenders
