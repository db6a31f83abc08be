"""A question bank as a paper form: what is on it, built once for every way it is printed.

:func:`paper_form` says which statements are on the form of a role (and of the short version),
their numbers, under which heading, and which answer columns there are. Two renderers print it:
:func:`wijkcoop.spiegel.form_markdown` (the relatiespiegel handout in the book) and
:func:`wijkcoop.publish.pdf.paper_form_html` (every scan in the whole-book PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wijkcoop.scan.bank import Bank


@dataclass(frozen=True)
class PaperRow:
    """One numbered statement of the form."""

    number: int
    text: str  # the statement for the form's role, plain text
    item: dict[str, Any]

    @property
    def is_number(self) -> bool:
        """True for an amount or a percentage: an answer line instead of tick boxes."""
        return self.item.get("type") == "number"

    @property
    def allows_na(self) -> bool:
        """True when "niet van toepassing" may be ticked for this statement."""
        return bool(self.item.get("allow_na"))


@dataclass(frozen=True)
class PaperSection:
    """The statements of one condition, under its title."""

    title: str
    rows: list[PaperRow]


@dataclass(frozen=True)
class PaperForm:
    """The whole form: the answer columns and the sections in bank order."""

    heads: list[str]  # the scale's labels, "weet ik niet", and "n.v.t." when ``has_na``
    has_na: bool
    sections: list[PaperSection]


def paper_form(bank: Bank, role: str | None = None, short: bool = False) -> PaperForm:
    """The form of ``role`` (None: a one-sided bank), numbered 1.. in form order.

    A "niet van toepassing" column is there only when a statement on the form allows it.
    """
    if role is not None and role not in bank.roles:
        raise ValueError(f"role {role!r} is not one of {bank.roles}")
    scale = bank.raw["scale"]
    items = bank.items_for(role, short)
    na = scale.get("not_applicable") if any(i.get("allow_na") for i in items) else None
    heads = [o["label"] for o in scale["options"]] + [scale["unknown"]["label"]]
    if na:
        heads.append(na["label"])
    sections = []
    number = 0
    for cond in bank.conditions:
        part_ids = {p["id"] for p in cond["parts"]}
        rows = []
        for item in (i for i in items if i["part"] in part_ids):
            number += 1
            rows.append(PaperRow(number, bank.text(item["statement"], role), item))
        if rows:
            sections.append(PaperSection(cond["title"], rows))
    return PaperForm(heads, bool(na), sections)
