"""The group analysis's fixed choices: score bands, smallest group, the "not possible" error."""

from __future__ import annotations

#: Below this many exports in a bank/role/round group, the overview warns about recognisability.
MIN_GROUP = 5
BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 100))
BAND_LABELS = tuple(f"{lo}-{hi}" for lo, hi in BANDS)


class NotPossible(ValueError):
    """A figure that this folder cannot give (one round, one side, no files); the text is Dutch.

    The trainer reads it in the notebook (the charts and tables show it in their place).
    """
