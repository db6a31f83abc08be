"""The scan engine: question banks, scoring, export files and the Jupyter widget.

Contract: ``docs/scan-format.md``. The same rules run in the browser (``wijkcoop/web/scan.js``).
"""

from __future__ import annotations

from wijkcoop.scan.bank import Bank, BankError, load_bank, load_bank_path, parse_version
from wijkcoop.scan.exchange import (
    MESSAGES,
    ExportError,
    ImportResult,
    make_export,
    migrate,
    parse_export,
)
from wijkcoop.scan.scoring import ScanResult, compare, score

__all__ = [
    "MESSAGES",
    "Bank",
    "BankError",
    "ExportError",
    "ImportResult",
    "ScanResult",
    "ScanWidget",
    "compare",
    "load_bank",
    "load_bank_path",
    "make_export",
    "migrate",
    "parse_export",
    "parse_version",
    "score",
]


def __getattr__(name: str):
    # The widget pulls in anywidget/ipywidgets; import it only when asked for.
    if name == "ScanWidget":
        from wijkcoop.scan.widget import ScanWidget

        return ScanWidget
    raise AttributeError(name)
