"""Markers shared by the code that writes page content and the Sphinx room that serves scripts.

Kept free of imports so notebooks (charts) need not import Sphinx.
"""

#: Class that :mod:`wijkcoop.charts` puts on every chart container; pages holding it get Vega.
CHART_MARKER = "wijkcoop-vega"
