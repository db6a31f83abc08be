"""The relatiespiegel's texts for book pages (part "Leernetwerk in actie"), as MyST Markdown.

The conversation prompts and the statements live in one place, ``data/scan/relatiespiegel.yaml``;
the directives in :mod:`wijkcoop.book.spiegel` render this module's Markdown, so no page types
them a second time.

* :func:`prompts_markdown`: the conversation prompts per friction point, with chapter links.
* :func:`form_markdown`: the paper relatiespiegel for one role, a table per friction point
  (what is on it: :func:`wijkcoop.scan.paper.paper_form`).
"""

from __future__ import annotations

from wijkcoop import scan
from wijkcoop.scan.paper import paper_form

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
    form = paper_form(bank, role, short)
    lines: list[str] = []
    for section in form.sections:
        lines.append(f"**{_escape(section.title)}**")
        lines.append("")
        lines.append("| Nr. | Stelling | " + " | ".join(_escape(h) for h in form.heads) + " |")
        lines.append("|---|---|" + "---|" * len(form.heads))
        for row in section.rows:
            boxes = [BOX] * (len(form.heads) - 1 if form.has_na else len(form.heads))
            if form.has_na:
                boxes.append(BOX if row.allows_na else "–")
            lines.append(f"| {row.number} | {_escape(row.text)} | " + " | ".join(boxes) + " |")
        lines.append("")
    return "\n".join(lines)
