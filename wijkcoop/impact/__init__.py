"""Impact measurement: the impact chain, SROI-style value, sensitivity and distribution.

Pure functions and small dataclasses; the formulas follow ``research/impact-methods.md`` §4.
See :mod:`wijkcoop.impact.model` for the calculation, :mod:`wijkcoop.impact.sensitivity` for
tornado, scenarios, break-even and Monte Carlo, :mod:`wijkcoop.impact.arena` for who pays and
who gains, :mod:`wijkcoop.impact.survey` for before/after surveys and WELLBY, and
:mod:`wijkcoop.impact.loader` for building a model from ``data/impact/``.
"""

from wijkcoop.impact import arena, loader, survey
from wijkcoop.impact.checks import pct
from wijkcoop.impact.loader import load_case, load_model
from wijkcoop.impact.model import (
    EVIDENCE_GRADES,
    HIGH_RATE,
    MKBA_RATE,
    ImpactParameterError,
    Input,
    Model,
    Outcome,
    Result,
    evaluate,
    present_value,
    shifted,
)
from wijkcoop.impact.sensitivity import (
    BreakEven,
    MonteCarlo,
    break_even,
    break_even_all_proxies,
    break_even_rate,
    break_even_table,
    monte_carlo,
    one_at_a_time,
    scenario_model,
    scenarios,
)

__all__ = [
    "EVIDENCE_GRADES",
    "HIGH_RATE",
    "MKBA_RATE",
    "BreakEven",
    "ImpactParameterError",
    "Input",
    "Model",
    "MonteCarlo",
    "Outcome",
    "Result",
    "arena",
    "break_even",
    "break_even_all_proxies",
    "break_even_rate",
    "break_even_table",
    "evaluate",
    "load_case",
    "load_model",
    "loader",
    "monte_carlo",
    "one_at_a_time",
    "pct",
    "present_value",
    "scenario_model",
    "scenarios",
    "shifted",
    "survey",
]
