"""Directive ``{leestijd}``: the page's reading time, computed from the built page's words.

Usage in MyST, under ``## Wat je leert``::

    ```{leestijd}
    ```

The directive leaves a placeholder; in ``doctree-resolved`` (every directive has run and every
reference and citation is text) :func:`resolve` counts the words a reader sees on the page
(prose, lists, tables, captions; not code, raw HTML or SVG, comments) and replaces the
placeholder with the sentence of :func:`wijkcoop.leestijd.sentence`. A page whose text comes
from a directive (a case profile, a table) is counted with that text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop import leestijd

#: Nodes whose text a reader does not read as prose.
NOT_READ = (nodes.literal_block, nodes.raw, nodes.comment, nodes.system_message, nodes.Invisible)


class leestijd_node(nodes.General, nodes.Element):
    """Placeholder for the reading time; replaced in :func:`resolve`."""


class Leestijd(SphinxDirective):
    """``{leestijd}``: no arguments, no content."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """The placeholder; the rate lives in :mod:`wijkcoop.leestijd`."""
        self.env.note_dependency(leestijd.__file__)
        return [leestijd_node()]


def page_words(doctree: nodes.Node) -> int:
    """Words of the text nodes a reader sees in *doctree*."""
    total = 0
    for text in doctree.findall(nodes.Text):
        parent = text.parent
        hidden = False
        while parent is not None:
            if isinstance(parent, (*NOT_READ, leestijd_node)):
                hidden = True
                break
            parent = parent.parent
        if not hidden:
            total += leestijd.count_words(text.astext())
    return total


def resolve(app: Any, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with the reading-time sentence of this page."""
    placeholders = list(doctree.findall(leestijd_node))
    if not placeholders:
        return
    line = leestijd.sentence(page_words(doctree))
    for node in placeholders:
        node.replace_self(nodes.paragraph(line, line, classes=["leestijd"]))
