"""Directive ``{hybridefiguur}``: the hybrid-position SVG of :mod:`wijkcoop.hybrid` in a figure.

The directive content is the caption (MyST); use ``:name:`` for a label.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from wijkcoop import hybrid


class HybrideFiguur(SphinxDirective):
    """``{hybridefiguur}``: the SVG in a figure; the directive content is the caption."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"name": directives.unchanged}

    def run(self) -> list[Any]:
        """The figure node with the inline SVG and the caption."""
        # The SVG is drawn by wijkcoop.hybrid: a change to it must rebuild the page.
        self.env.note_dependency(hybrid.__file__)
        figure = nodes.figure(classes=["wijkcoop-figuur"])
        prefix = self.options.get("name", "hybride")
        figure += nodes.raw("", hybrid.hybrid_svg(prefix), format="html")
        if self.content:
            holder = nodes.Element()
            self.state.nested_parse(StringList(list(self.content)), self.content_offset, holder)
            first = holder[0] if len(holder) else None
            if isinstance(first, nodes.paragraph):
                caption = nodes.caption(first.rawsource, "", *first.children)
                caption.source, caption.line = first.source, first.line
                figure += caption
                figure += holder.children[1:]
            else:
                figure += holder.children
        self.add_name(figure)
        return [figure]
