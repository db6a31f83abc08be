"""Altair charts that render without any third-party request.

Call :func:`activate` once in a notebook's import cell.

This module is also the one home of the chart style: importing it registers and enables the
Altair theme ``wijkcoop`` (:func:`theme`): the book's colours (:data:`BLUE`, :data:`ORANGE`,
:data:`GREY`, :data:`GREEN`), Dutch number format in axes and tooltips (1.234,5 and € 1.234,
:data:`FORMAT_LOCALE`) and SVG output. Modules that build charts import their colours from here.

* During the book build (the Sphinx extension sets ``WIJKCOOP_BOOK_BUILD=1``) a chart is drawn
  at build time by ``vl-convert`` into a static SVG inside a ``<div role="img">`` with the chart's
  description as its label (:func:`static_svg`): reading a chart needs no JavaScript. A chart
  a reader can change (a parameter bound to a slider) also carries its spec compiled to Vega
  (:data:`LIVE_MARKER`); the extension then serves the small loader ``charts-live.js``, which
  fetches the Vega runtime only when the reader reaches or uses that chart.
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
import re
from typing import Any

import altair as alt

from wijkcoop.markers import CHART_MARKER, LIVE_MARKER

RENDERER = "wijkcoop"
THEME = "wijkcoop"
_counter = itertools.count(1)

#: The book's chart colours; each has at least 4.5:1 contrast on white (text in marks).
BLUE, ORANGE, GREY, GREEN = "#1f5f99", "#b35806", "#595959", "#2d6a2d"
#: Colours for categories in that order (as many as a chart in the book needs).
CATEGORY = [BLUE, ORANGE, GREEN, GREY]
#: Dutch number format for d3-format (Vega): decimal comma, thousands dot, euro sign in front.
FORMAT_LOCALE: alt.theme.NumberLocaleKwds = {
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


def _vl_version(spec: dict) -> str:
    """The vl-convert Vega-Lite version for a spec's ``$schema`` (nearest of the same major)."""
    import vl_convert

    versions = vl_convert.get_vegalite_versions()
    match = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    version = f"{match.group(1)}.{match.group(2)}" if match else versions[-1]
    if version not in versions:
        same_major = [v for v in versions if v.split(".")[0] == version.split(".")[0]]
        version = max(same_major, key=lambda v: tuple(map(int, v.split("."))), default=versions[-1])
    return version.replace(".", "_")


def _prefix_ids(svg: str, prefix: str) -> str:
    """Make the ids inside one SVG (clip paths, gradients) unique on a page with several charts."""
    ids = set(re.findall(r'\sid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})").replace(
            f'href="#{old}"', f'href="#{new}"'
        )
    return svg


def static_svg(spec: dict, prefix: str = "") -> str:
    """The chart drawn as SVG at build time (Dutch number format), without the XML prolog."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(
        spec, vl_version=_vl_version(spec), format_locale=dict(FORMAT_LOCALE)
    )
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    return _prefix_ids(svg, prefix) if prefix else svg


def has_bindings(spec: Any) -> bool:
    """True when a parameter of the chart is bound to an input (a slider the reader moves)."""
    if isinstance(spec, dict):
        params = spec.get("params") or []
        if any(isinstance(p, dict) and p.get("bind") for p in params):
            return True
        return any(has_bindings(v) for k, v in spec.items() if k not in ("data", "datasets"))
    if isinstance(spec, list):
        return any(has_bindings(v) for v in spec)
    return False


def _static_renderer(spec: dict, **_: Any) -> dict[str, str]:
    """Mimebundle for the static site: the chart as SVG; a live chart adds its Vega spec."""
    n = next(_counter)
    digest = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:8]
    div_id = f"{CHART_MARKER}-{n}-{digest}"
    title = spec.get("description") or spec.get("title") or "Grafiek"
    if isinstance(title, dict):
        title = title.get("text", "Grafiek")
    label = html.escape(str(title), quote=True)
    figure = (
        f'<div id="{div_id}" class="{CHART_MARKER}" role="img" aria-label="{label}">'
        f"{static_svg(spec, div_id)}</div>"
    )
    if has_bindings(spec):
        import vl_convert

        vega = vl_convert.vegalite_to_vega(spec, vl_version=_vl_version(spec))
        vega_json = json.dumps(vega, ensure_ascii=False, separators=(",", ":")).replace(
            "</", "<\\/"
        )
        rows = sum(1 for signal in vega.get("signals", []) if signal.get("bind"))
        figure = (
            f'<div class="{LIVE_MARKER}" data-chart="{div_id}">{figure}'
            # the sliders' space is reserved, so the page does not shift when they appear
            f'<div class="wijkcoop-vega-bind" style="--rijen: {rows}">'
            '<p class="wijkcoop-vega-wacht">'
            "De schuifjes verschijnen zodra je hier bent.</p></div>"
            f'<script type="application/json" class="wijkcoop-vega-spec">{vega_json}</script>'
            "</div>"
        )
    return {"text/html": figure, "text/plain": f"<Grafiek: {title}>"}


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
