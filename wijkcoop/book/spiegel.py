"""Directives ``{spiegelvragen}`` and ``{spiegelformulier}``: the relatiespiegel on book pages.

* ``{spiegelvragen}``: the conversation prompts per friction point, each with a link to the
  chapter about that point. Option ``:punten: erkenning regels`` limits the points.
* ``{spiegelformulier} cooperatie`` (or ``gemeente``): the paper version of the relatiespiegel
  for one role, as a table per friction point with boxes for the answer scale; option
  ``:kort:`` gives the short version.

The Markdown comes from :mod:`wijkcoop.spiegel`; ``leernet.css`` holds the print rules.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from wijkcoop import data, scan, spiegel
from wijkcoop.book.markup import parse_markdown


class _BankDirective(SphinxDirective):
    def _note(self) -> None:
        self.env.note_dependency(
            str(data.data_dir() / data.manifest()[f"scan-{spiegel.BANK_ID}"]["file"])
        )


class SpiegelVragen(_BankDirective):
    """``{spiegelvragen}``: conversation prompts per friction point, from the bank."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"punten": directives.unchanged}

    def run(self) -> list[Any]:
        """The prompts per friction point, parsed from the Markdown of :mod:`wijkcoop.spiegel`."""
        self._note()
        points = (self.options.get("punten") or "").split() or None
        try:
            markdown = spiegel.prompts_markdown(spiegel.load(), points)
        except (ValueError, data.DataValidationError, scan.BankError) as exc:
            raise self.error(f"spiegelvragen: {exc}") from None
        container = nodes.container(classes=["leernet-vragen"])
        parse_markdown(self, markdown, container)
        return [container]


class SpiegelFormulier(_BankDirective):
    """``{spiegelformulier} <role>``: the paper version of the relatiespiegel for one role."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"kort": directives.flag}

    def run(self) -> list[Any]:
        """The paper form for the role, parsed from the Markdown of :mod:`wijkcoop.spiegel`."""
        self._note()
        try:
            markdown = spiegel.form_markdown(
                spiegel.load(), self.arguments[0], "kort" in self.options
            )
        except (ValueError, data.DataValidationError, scan.BankError) as exc:
            raise self.error(f"spiegelformulier: {exc}") from None
        container = nodes.container(classes=["leernet-formulier"])
        parse_markdown(self, markdown, container)
        return [container]
