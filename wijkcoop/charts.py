"""Altair charts that render without any third-party request.

Call :func:`activate` once in a notebook's import cell.

This module is also the one home of the chart style: importing it registers and enables the
Altair theme ``wijkcoop`` (:func:`theme`): the book's colours (:data:`BLUE`, :data:`ORANGE`,
:data:`GREY`, :data:`GREEN`), Dutch number format in axes and tooltips (1.234,5 and € 1.234,
:data:`FORMAT_LOCALE`) and SVG output. Modules that build charts import their colours from here.

* During the book build (the Sphinx extension sets ``WIJKCOOP_BOOK_BUILD=1``) a chart becomes a
  ``<div>`` plus a small script that calls ``vegaEmbed``; the extension then serves the vendored
  Vega bundle on exactly the pages that hold such a div.
* In Jupyter (trainers, workshops without internet) Altair's own ``jupyter`` renderer is used in
  offline mode, so nothing is fetched from a CDN either.

Every chart in the book needs a text equivalent next to it (a table or a description).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
from typing import Any

import altair as alt

from wijkcoop.markers import CHART_MARKER

RENDERER = "wijkcoop"
THEME = "wijkcoop"
_counter = itertools.count(1)

#: The book's chart colours; each has at least 4.5:1 contrast on white (text in marks).
BLUE, ORANGE, GREY, GREEN = "#1f5f99", "#b35806", "#595959", "#2d6a2d"
#: Colours for categories in that order (as many as a chart in the book needs).
CATEGORY = [BLUE, ORANGE, GREEN, GREY]
#: Dutch number format for d3-format (Vega): decimal comma, thousands dot, euro sign in front.
FORMAT_LOCALE = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€\u00a0", ""],
}
#: vega-embed options every chart carries (``usermeta``): SVG output and the Dutch locale.
EMBED_OPTIONS = {"embedOptions": {"renderer": "svg", "formatLocale": FORMAT_LOCALE}}


@alt.theme.register(THEME, enable=True)
def theme() -> alt.theme.ThemeConfig:
    """The book's chart style, applied to every Altair chart once this module is imported."""
    return {
        "usermeta": EMBED_OPTIONS,
        "config": {
            "locale": {"number": FORMAT_LOCALE},
            "mark": {"color": BLUE},
            "range": {"category": CATEGORY},
            # Altair's default size for charts that set none (kept from its default theme)
            "view": {"continuousWidth": 300, "continuousHeight": 300},
        },
    }


def _static_renderer(spec: dict, **_: Any) -> dict[str, str]:
    """Mimebundle for the static site: a div and a call to the locally served ``vegaEmbed``."""
    n = next(_counter)
    digest = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:8]
    div_id = f"{CHART_MARKER}-{n}-{digest}"
    title = spec.get("description") or spec.get("title") or "Grafiek"
    if isinstance(title, dict):
        title = title.get("text", "Grafiek")
    spec_json = json.dumps(spec).replace("</", "<\\/")
    markup = (
        f'<div id="{div_id}" class="{CHART_MARKER}" role="img" '
        f'aria-label="{html.escape(str(title), quote=True)}"></div>\n'
        "<script>(function(){"
        f"var spec={spec_json};"
        f'var run=function(){{window.vegaEmbed("#{div_id}",spec,{{actions:false}})'
        ".catch(function(e){console.error(e);});};"
        "if(window.vegaEmbed){run();}else{window.addEventListener('load',run);}"
        "})();</script>"
    )
    return {"text/html": markup, "text/plain": f"<Grafiek: {title}>"}


alt.renderers.register(RENDERER, _static_renderer)


def in_book_build() -> bool:
    """True while Sphinx executes the notebooks of the book."""
    return os.environ.get("WIJKCOOP_BOOK_BUILD") == "1"


def activate() -> str:
    """Choose the renderer that works offline here; returns its name."""
    if in_book_build():
        alt.renderers.enable(RENDERER)
        return RENDERER
    try:
        alt.JupyterChart.enable_offline()
        alt.renderers.enable("jupyter", offline=True)
        return "jupyter"
    except Exception:  # anywidget front end not available: fall back to our own markup
        alt.renderers.enable(RENDERER)
        return RENDERER
