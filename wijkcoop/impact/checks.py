"""Checks of impact-model parameters: each bad value raises an error that names it and its value.

The one home of "what counts as a number" (numpy numbers do; bools and NaN do not), fractions
versus percentages, durations (at most :data:`MAX_HORIZON` years) and the discount rate.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

#: The longest duration (and horizon) in years the model accepts. A longer horizon is almost
#: always a typing error (100 where 10 was meant) and makes every ratio meaningless.
MAX_HORIZON = 50
#: How the counterfactual grows: ``vast`` keeps the year-1 deadweight every year; ``cumulatief``
#: treats the deadweight as a yearly chance, so the share that would have got there anyway by
#: year t is ``1 - (1 - DW) ** t`` (23.4%, 41.3%, 55.1% for DW = 23.4%).
COUNTERFACTUALS = ("vast", "cumulatief")


class ImpactParameterError(ValueError):
    """A parameter of the impact model is out of range; the message names it and its value."""


class ImpactWarning(UserWarning):
    """A model that is valid but probably not what was meant (e.g. 0.25 written for 25%)."""


def is_number(value: object) -> bool:
    """A finite real number: Python or numpy ints and floats, never a bool."""
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool | np.bool_)
        and math.isfinite(value)
    )


def _name(label: str, owner: str | None) -> str:
    return f"{owner}: {label}" if owner else label


def check_fraction(value: float, label: str, owner: str | None = None) -> float:
    """A fraction between 0 and 1 inclusive, else :class:`ImpactParameterError`."""
    if not is_number(value):
        raise ImpactParameterError(f"{_name(label, owner)} must be a number, got {value!r}")
    if not 0 <= value <= 1:
        hint = " (a fraction: 25% is 0.25)" if 1 < value <= 100 else ""
        raise ImpactParameterError(
            f"{_name(label, owner)} must be between 0 and 1{hint}, got {value!r}"
        )
    return float(value)


def pct(value: float, label: str = "percentage", owner: str | None = None) -> float:
    """Convert a percentage 0-100 to a fraction; anything outside 0-100 raises."""
    if not is_number(value):
        raise ImpactParameterError(f"{_name(label, owner)} must be a number, got {value!r}")
    if not 0 <= value <= 100:
        raise ImpactParameterError(
            f"{_name(label, owner)} must be a percentage between 0 and 100, got {value!r}"
        )
    return float(value) / 100


def check_number(value: float, label: str, owner: str | None = None) -> float:
    """Any finite number (a proxy may be negative: a harm to someone)."""
    if not is_number(value):
        raise ImpactParameterError(f"{_name(label, owner)} must be a number, got {value!r}")
    return float(value)


def check_nonnegative(value: float, label: str, owner: str | None = None) -> float:
    """``value`` if it is a number of at least 0, else :class:`ImpactParameterError`."""
    if not is_number(value):
        raise ImpactParameterError(f"{_name(label, owner)} must be a number, got {value!r}")
    if value < 0:
        raise ImpactParameterError(f"{_name(label, owner)} must be >= 0, got {value!r}")
    return float(value)


def check_duration(value: int, owner: str | None = None) -> int:
    """A duration in whole years, 0 or more."""
    if not is_number(value):
        raise ImpactParameterError(f"{_name('duration', owner)} must be a number, got {value!r}")
    if value < 0 or value != int(value):
        raise ImpactParameterError(
            f"{_name('duration', owner)} must be a whole number of years >= 0, got {value!r}"
        )
    if value > MAX_HORIZON:
        raise ImpactParameterError(
            f"{_name('duration', owner)} must be at most {MAX_HORIZON} years, got {value!r}"
        )
    return int(value)


def check_bool(value: object, label: str) -> bool:
    """A real bool; a string such as "nee" is refused rather than read as True."""
    if not isinstance(value, bool | np.bool_):
        raise ImpactParameterError(f"{label} must be True or False, got {value!r}")
    return bool(value)


def check_rate(value: float) -> float:
    """A discount rate between 0 and 1 (0.0225 is 2.25%)."""
    if not is_number(value):
        raise ImpactParameterError(f"discount rate must be a number, got {value!r}")
    if not 0 <= value <= 1:
        hint = " (a fraction: 2.25% is 0.0225)" if 1 < value <= 100 else ""
        raise ImpactParameterError(f"discount rate must be between 0 and 1{hint}, got {value!r}")
    return float(value)
