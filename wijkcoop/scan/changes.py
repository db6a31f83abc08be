"""What changed in a question bank since an earlier version, for the book page (no docutils).

A bank records every change under ``changes:`` (``{version, item, change, reason}``, Dutch
reason) and the mapping of older exports under ``migrations:`` (``renamed``, ``split``,
``reversed``, ``removed``). :func:`change_rows` joins the two with the archived earlier bank
(``data/scan/archief/<bank_id>-<version>.yaml``) into rows a reader can follow: the question as
it was, what happened to it, the question(s) as they are now, and why. The Sphinx directive
``{scan-wijzigingen}`` (:mod:`wijkcoop.book.scandoc`) renders the rows as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wijkcoop import data

#: Dutch label per ``change`` kind (the enum in data/schemas/bank.schema.json) as the book shows it.
CHANGE_LABELS: dict[str, str] = {
    "nieuw": "Nieuw",
    "gesplitst": "Gesplitst",
    "omgedraaid": "Omgedraaid",
    "herschreven": "Anders geformuleerd",
    "vervallen": "Vervallen",
    "hernoemd": "Nieuwe code",
    "verplaatst": "Verplaatst",
    "niet-van-toepassing": "'Niet van toepassing' mogelijk",
    "uitleg": "Uitleg aangepast",
    "score": "Telt niet meer mee in de score",
}


@dataclass(frozen=True)
class ChangeRow:
    """One change as the book shows it."""

    version: str
    item: str
    change: str
    label: str
    before: str  # the text in the earlier version ("" when the item is new)
    after: tuple[tuple[str, str], ...]  # (id, text) of the item(s) now; () when removed
    reason: str


def archive_path(bank_id: str, version: str) -> Path:
    """Where the released bank ``bank_id`` of ``version`` is kept."""
    return data.data_dir() / "scan" / "archief" / f"{bank_id}-{version}.yaml"


def load_archived(bank_id: str, version: str) -> dict[str, Any] | None:
    """The raw archived bank, or None when that version was not archived."""
    path = archive_path(bank_id, version)
    if not path.exists():
        return None
    return yaml.safe_load(path.read_text("utf-8"))


def _texts(bank: dict[str, Any]) -> dict[str, str]:
    """Id -> what a reader sees: an item's statement (first role's wording) or a measure's title."""
    role = (bank.get("roles") or [None])[0]
    out = {}
    for item in bank.get("items", []):
        s = item["statement"]
        out[item["id"]] = s.get(role, next(iter(s.values()))) if isinstance(s, dict) else s
    for d in bank.get("derived", []):
        out[d["id"]] = d["title"]
    return out


def _targets(bank: dict[str, Any], version_from: str) -> dict[str, list[str]]:
    """Old id -> the ids it became, from the migration that starts at ``version_from``."""
    out: dict[str, list[str]] = {}
    for m in bank.get("migrations", []):
        if m["from"] != version_from:
            continue
        for old, new in (m.get("renamed") or {}).items():
            out[old] = [new]
        for old, new in (m.get("reversed") or {}).items():
            out[old] = [new]
        for old, new in (m.get("split") or {}).items():
            out[old] = list(new)
        for old in m.get("removed") or []:
            out[old] = []
    return out


def change_rows(bank: dict[str, Any], previous: dict[str, Any] | None = None) -> list[ChangeRow]:
    """The bank's ``changes`` joined with its migrations and the earlier bank's texts.

    ``bank`` and ``previous`` are raw banks (the YAML as read). ``previous`` is the bank the
    changes start from (the ``from`` version of the migration); without it the earlier texts
    are left empty.
    """
    now = _texts(bank)
    before = _texts(previous) if previous else {}
    targets = _targets(bank, previous["version"]) if previous else {}
    rows = []
    for c in bank.get("changes", []):
        kind = c["change"]
        if kind not in CHANGE_LABELS:
            raise ValueError(f"{bank['bank_id']}: unknown change kind {kind!r} for {c['item']}")
        item = c["item"]
        if item in targets:
            after_ids = targets[item]
        elif item in now:
            after_ids = [item]
        else:
            after_ids = []
        rows.append(
            ChangeRow(
                version=c["version"],
                item=item,
                change=kind,
                label=CHANGE_LABELS[kind],
                before=before.get(item, ""),
                after=tuple((i, now[i]) for i in after_ids),
                reason=c["reason"],
            )
        )
    return rows
