"""Markers shared by the code that writes page content and the Sphinx room that serves scripts.

Kept free of imports so notebooks (charts) need not import Sphinx.
"""

#: Class that :mod:`wijkcoop.charts` puts on every chart (a static SVG drawn at build time).
CHART_MARKER = "wijkcoop-vega"
#: Class of the wrapper around a chart a reader can change (sliders); pages holding it get the
#: loader ``charts-live.js``, which fetches the Vega runtime when the reader reaches the chart.
LIVE_MARKER = "wijkcoop-vega-live"
