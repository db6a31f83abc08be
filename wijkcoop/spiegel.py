"""The relatiespiegel's texts for book pages (part "Leernetwerk in actie"), as MyST Markdown.

The conversation prompts and the statements live in one place, ``data/scan/relatiespiegel.yaml``;
the directives in :mod:`wijkcoop.book.spiegel` render this module's Markdown, so no page types
them a second time.

* :func:`prompts_markdown`: the conversation prompts per friction point, with chapter links.
* :func:`form_markdown`: the paper relatiespiegel for one role, a table per friction point.
"""

from __future__ import annotations

from wijkcoop import scan

BANK_ID = "relatiespiegel"
BOX = "☐"


def load() -> scan.Bank:
    """The relatiespiegel bank."""
    return scan.load_bank(BANK_ID)


def _escape(text: str) -> str:
    """Plain text for a MyST table cell or list item (no markup from the data)."""
    out = text.replace("\\", "\\\\").replace("|", "\\|")
    for ch in "*_`[]<>{}$":
        out = out.replace(ch, "\\" + ch)
    return out


def prompts_markdown(bank: scan.Bank, points: list[str] | None = None) -> str:
    """Markdown: per friction point a bold title, its prompts and a link to its chapter."""
    known = [c["id"] for c in bank.conditions]
    unknown = [p for p in points or [] if p not in known]
    if unknown:
        raise ValueError(f"unknown friction point(s) {unknown}; the bank has {known}")
    lines: list[str] = []
    for cond in bank.conditions:
        if points and cond["id"] not in points:
            continue
        lines.append(f"**{_escape(cond['title'])}** ({{ref}}`meer lezen <{cond['book_ref']}>`)")
        lines.append("")
        lines.extend(f"- {_escape(p)}" for p in cond.get("prompts", []))
        lines.append("")
    return "\n".join(lines)


def form_markdown(bank: scan.Bank, role: str, short: bool = False) -> str:
    """Markdown: the paper relatiespiegel for ``role``, one numbered table per friction point."""
    if role not in bank.roles:
        raise ValueError(f"role {role!r} is not one of {bank.roles}")
    scale = bank.raw["scale"]
    heads = [o["label"] for o in scale["options"]] + [scale["unknown"]["label"]]
    items = bank.items_for(role, short)
    # "niet van toepassing": a column only when an item in play offers it, a box only there
    na = scale.get("not_applicable") if any(i.get("allow_na") for i in items) else None
    if na:
        heads.append(na["label"])
    lines: list[str] = []
    number = 0
    for cond in bank.conditions:
        part_ids = {p["id"] for p in cond["parts"]}
        rows = [i for i in items if i["part"] in part_ids]
        if not rows:
            continue
        lines.append(f"**{_escape(cond['title'])}**")
        lines.append("")
        lines.append("| Nr. | Stelling | " + " | ".join(_escape(h) for h in heads) + " |")
        lines.append("|---|---|" + "---|" * len(heads))
        for item in rows:
            number += 1
            text = _escape(bank.text(item["statement"], role))
            boxes = [BOX] * (len(heads) - 1 if na else len(heads))
            if na:
                boxes.append(BOX if item.get("allow_na") else "–")
            lines.append(f"| {number} | {text} | " + " | ".join(boxes) + " |")
        lines.append("")
    return "\n".join(lines)
