"""Directive ``{zelftoets} <deel>``: the self-check of one part, as a form without JavaScript.

The questions come from ``data/zelftoets/<deel>.yaml`` through :mod:`wijkcoop.zelftoets`. Each
question becomes a raw HTML fieldset (radio buttons, feedback shown by CSS) followed by a normal
paragraph "Lees terug: ..." whose link Sphinx resolves and checks like any other reference. Other
builders (LaTeX, text) get the questions and the explanations as plain text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop import data, zelftoets
from wijkcoop.book.markup import parse_markdown


class Zelftoets(SphinxDirective):
    """``{zelftoets} <deel>``: the self-check of one part, from ``data/zelftoets/<deel>.yaml``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[Any]:
        """The self-check's questions as HTML forms with CSS-only feedback."""
        deel = self.arguments[0]
        name = f"zelftoets-{deel}"
        try:
            entry = data.manifest()[name]
        except KeyError:
            raise self.error(f"zelftoets: no dataset {name!r} in data/manifest.yaml") from None
        self.env.note_dependency(str(data.data_dir() / entry["file"]))
        self.env.note_dependency(str(data.data_dir() / "schemas" / entry["schema"]))
        self.env.note_dependency(zelftoets.__file__)
        try:
            quiz = zelftoets.load(deel)
        except data.DataValidationError as exc:
            raise self.error(f"zelftoets: {exc}") from None
        container = nodes.container(classes=["wijkcoop-zelftoets"])
        container += nodes.raw("", zelftoets.style_html(), format="html")
        for index, question in enumerate(quiz["vragen"]):
            container += nodes.raw("", zelftoets.form_html(quiz, index), format="html")
            parse_markdown(self, zelftoets.plain_markdown(quiz, index), container)
            parse_markdown(self, f"Lees terug: {{ref}}`{question['lees_terug']}`.", container)
        return [container]
