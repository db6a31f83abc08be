"""Dutch messages for refused imports, read once from ``data/scan/messages.yaml``.

The same file is the only source for ``wijkcoop/web/scan.js``: the widget hands it over in its
``messages`` trait and the ``{wijkcoop-scan}`` directive writes it next to the bank on a book
page. ``MESSAGES`` is a read-only mapping ``code -> text`` (``{name}`` marks a placeholder).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from wijkcoop import data

#: The dataset in ``data/manifest.yaml`` that holds the messages.
DATASET = "scan-messages"

MESSAGES: Mapping[str, str] = MappingProxyType(data.load(DATASET))


def source_path() -> Path:
    """The messages file (a build dependency of every page that shows a message)."""
    return data.data_dir() / data.manifest()[DATASET]["file"]
