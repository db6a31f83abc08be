"""``ScanWidget``: the scan in Jupyter, driven by the same ES module as the static book page.

The front end is ``wijkcoop/web/scan.js`` (``_esm``), unchanged: in Jupyter its model is the
widget's synced state; in the book it is a tiny local model backed by ``localStorage``.
Answers come back to Python through the ``answers`` trait; scores are computed in Python
with :func:`wijkcoop.scan.score` (the same rules as the front end, see the test vectors).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import pandas as pd
import traitlets

from wijkcoop.scan.bank import Bank, load_bank
from wijkcoop.scan.exchange import ImportResult, make_export, parse_export
from wijkcoop.scan.messages import MESSAGES
from wijkcoop.scan.scoring import NOT_APPLICABLE, UNKNOWN, ScanResult, likert_score, score

WEB = Path(__file__).resolve().parent.parent / "web"


class ScanWidget(anywidget.AnyWidget):
    """The scan as a Jupyter widget. ``ScanWidget(bank_id="duurzaamheidsscan", short=False)``."""

    _esm = WEB / "scan.js"
    _css = WEB / "scan.css"

    bank = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    role = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    organisation = traitlets.Unicode("").tag(sync=True)
    notes = traitlets.Unicode("").tag(sync=True)
    short = traitlets.Bool(False).tag(sync=True)
    #: The action plan: up to three {part, stap, wie, wanneer} (docs/scan-format.md, "Actieplan").
    actieplan: traitlets.List[dict] = traitlets.List().tag(sync=True)
    #: Optional comparison: an earlier export or the other role's export (export document).
    reference = traitlets.Dict(None, allow_none=True).tag(sync=True)
    #: Book label -> URL; empty in Jupyter (links then show as text).
    links = traitlets.Dict().tag(sync=True)
    #: The Dutch import messages (``data/scan/messages.yaml``), code -> text, for the front end.
    messages = traitlets.Dict().tag(sync=True)

    def __init__(self, bank_id: str = "duurzaamheidsscan", *, bank: Bank | None = None, **kw):
        self._bank = bank or load_bank(bank_id)
        kw.setdefault("messages", dict(MESSAGES))
        super().__init__(bank=self._bank.raw, **kw)

    @property
    def bank_obj(self) -> Bank:
        """The :class:`~wijkcoop.scan.Bank` this widget shows."""
        return self._bank

    @property
    def result(self) -> ScanResult:
        """Scores for the current answers (computed in Python)."""
        return score(self._bank, dict(self.answers), role=self.role, short=self.short)

    def load_export(self, text_or_bytes: str | bytes) -> ImportResult:
        """Take over the answers of an export file (refused files raise ExportError)."""
        imported = parse_export(text_or_bytes, self._bank)
        self.answers = imported.answers
        self.role = imported.meta["role"]
        self.organisation = imported.meta["organisation"]
        self.notes = imported.meta["notes"]
        return imported

    def export(self, **kw: Any) -> dict[str, Any]:
        """An export document of the current answers."""
        return make_export(
            self._bank,
            dict(self.answers),
            organisation=self.organisation,
            notes=self.notes,
            role=self.role,
            **kw,
        )

    def to_dataframe(self) -> pd.DataFrame:
        """One row per item in play: condition, part, statement, answer and item score."""
        rows = []
        for item in self._bank.items_for(self.role, self.short):
            value = self.answers.get(item["id"])
            item_score = None
            if item["type"] == "likert" and value not in (None, UNKNOWN, NOT_APPLICABLE):
                item_score = likert_score(item, value)
            rows.append(
                {
                    "item": item["id"],
                    "voorwaarde": self._bank.condition_of_part[item["part"]],
                    "deel": item["part"],
                    "stelling": self._bank.text(item["statement"], self.role),
                    "antwoord": value,
                    "itemscore": item_score,
                }
            )
        return pd.DataFrame(rows).set_index("item")
