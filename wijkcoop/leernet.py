"""Directives for the part "Leernetwerk in actie": the relatiespiegel's texts on book pages.

The conversation prompts and the statements live in one place, ``data/scan/relatiespiegel.yaml``;
these directives render them, so no page types them a second time.

* ``{spiegelvragen}``: the conversation prompts per friction point, each with a link to the
  chapter about that point. Option ``:punten: erkenning regels`` limits the points.
* ``{spiegelformulier} cooperatie`` (or ``gemeente``): the paper version of the relatiespiegel
  for one role, as a table per friction point with boxes for the answer scale; option
  ``:kort:`` gives the short version.

Registered from :mod:`wijkcoop.sphinxext` with ``app.setup_extension("wijkcoop.leernet")``;
:func:`setup` also adds ``leernet.css`` (print rules for the handouts).
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from wijkcoop import data, scan

BANK_ID = "relatiespiegel"
BOX = "☐"


def _bank() -> scan.Bank:
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
            lines.append(f"| {number} | {text} | " + " | ".join([BOX] * len(heads)) + " |")
        lines.append("")
    return "\n".join(lines)


class _BankDirective(SphinxDirective):
    def _parse(self, markdown: str, node: Any) -> None:
        source = self.get_source_info()[0]
        self.state.nested_parse(StringList(markdown.splitlines(), source=source), 0, node)

    def _note(self) -> None:
        self.env.note_dependency(str(data.data_dir() / data.manifest()[f"scan-{BANK_ID}"]["file"]))


class SpiegelVragen(_BankDirective):
    """``{spiegelvragen}``: conversation prompts per friction point, from the bank."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"punten": directives.unchanged}

    def run(self) -> list[Any]:
        self._note()
        points = (self.options.get("punten") or "").split() or None
        try:
            markdown = prompts_markdown(_bank(), points)
        except (ValueError, data.DataValidationError, scan.BankError) as exc:
            raise self.error(f"spiegelvragen: {exc}") from None
        container = nodes.container(classes=["leernet-vragen"])
        self._parse(markdown, container)
        return [container]


class SpiegelFormulier(_BankDirective):
    """``{spiegelformulier} <role>``: the paper version of the relatiespiegel for one role."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"kort": directives.flag}

    def run(self) -> list[Any]:
        self._note()
        try:
            markdown = form_markdown(_bank(), self.arguments[0], "kort" in self.options)
        except (ValueError, data.DataValidationError, scan.BankError) as exc:
            raise self.error(f"spiegelformulier: {exc}") from None
        container = nodes.container(classes=["leernet-formulier"])
        self._parse(markdown, container)
        return [container]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("spiegelvragen", SpiegelVragen)
    app.add_directive("spiegelformulier", SpiegelFormulier)
    app.add_css_file("leernet.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
