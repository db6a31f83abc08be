"""The what-if chart's rule in Vega: the SROI formula of :mod:`wijkcoop.impact.model` on sliders.

:func:`vega_expression` writes, for one outcome-year row, the same formula as
:func:`wijkcoop.impact.model.year_profile` times :func:`wijkcoop.impact.model.discount_factors`,
so the sliders in the book's notebooks move the chart exactly as Python would compute it
(``tests/test_impact_browser.py`` checks 48 settings).
"""

from __future__ import annotations

from wijkcoop.impact.model import Model

#: Vega expression of one row of the what-if chart: the same formula as :func:`year_profile`
#: times :func:`discount_factors`, on slider shifts. Placeholders: ``{exponent}``.
#: ``datum.basis`` is the outcome's ``base`` (0 when it has none); the quantity slider changes
#: how many reached the outcome, not the group the counterfactual chance applies to.
VEGA_DW = "clamp(datum.dw + dw / 100, 0, 1)"
VEGA_SHARE = f"(datum.cum ? 1 - pow(1 - {VEGA_DW}, datum.t) : {VEGA_DW})"
VEGA_ANYWAY = (
    f"(datum.basis > 0 ? min(1, {VEGA_SHARE} * datum.basis / max(datum.q * quantity / 100, 1e-9))"
    f" : {VEGA_SHARE})"
)
VEGA_ROW = (
    "datum.q * quantity / 100 * datum.proxy * proxy / 100"
    " * (1 - " + VEGA_ANYWAY.replace("{", "{{").replace("}", "}}") + ")"
    " * (1 - clamp(datum.ds + ds / 100, 0, 1))"
    " * (1 - clamp(datum.at + at / 100, 0, 1))"
    " * pow(1 - clamp(datum.do + dropoff / 100, 0, 1), datum.t - 1)"
    " * (datum.t <= (datum.duur > 0 ? max(1, datum.duur + duur) : 0) ? 1 : 0)"
    " / pow(1 + voet / 100, {exponent})"
)


def vega_expression(model: Model) -> str:
    """The what-if chart's Vega expression for one outcome-year row (see :data:`VEGA_ROW`).

    Rows carry ``q``, ``proxy``, ``dw``, ``ds``, ``at``, ``do``, ``cum``, ``basis``, ``duur``
    and ``t``;
    the sliders are ``quantity`` and ``proxy`` (% of the base), ``dw``/``ds``/``at``/``dropoff``
    (percentage points), ``duur`` (years added) and ``voet`` (% rate).
    """
    exponent = "datum.t" if model.discount_first_year else "(datum.t - 1)"
    return VEGA_ROW.format(exponent=exponent)
