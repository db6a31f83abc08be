"""Semantic versions ``x.y.z``: one strict parser for question banks, editions and releases.

Strict means what semver.org says for the three numbers: digits only, no leading zero
(``"01.0.0"`` is refused), no prefix, suffix or white space. The scan's front end has the same
pattern (``wijkcoop/websrc/scan/core.js``, tied by ``tests/test_scan_exchange.py``).
"""

from __future__ import annotations

import re
from typing import Any

SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def parse_version(text: Any) -> tuple[int, int, int] | None:
    """``"1.2.3"`` -> ``(1, 2, 3)``; anything that is not a plain semantic version -> None."""
    if not isinstance(text, str):
        return None
    m = SEMVER.fullmatch(text)
    if not m:
        return None
    return int(m[1]), int(m[2]), int(m[3])


def semver(text: Any) -> tuple[int, int, int]:
    """:func:`parse_version`, raising ``ValueError`` (in English) for anything else."""
    version = parse_version(text)
    if version is None:
        raise ValueError(f"not a semantic version x.y.z (no leading zeros): {text!r}")
    return version
