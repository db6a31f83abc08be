"""Directive ``{boekcitatie}``: how to cite the version being built.

The text comes from :mod:`wijkcoop.citation`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop._version import __version__
from wijkcoop.citation import book_citation, book_title, build_date


class BoekCitatie(SphinxDirective):
    """``{boekcitatie}``: the citation of the version being built."""

    has_content = False

    def run(self) -> list[Any]:
        """The APA paragraph and the BibTeX block."""
        config = self.env.config
        title = book_title(config.project, config.html_title)
        apa, bibtex = book_citation(
            version=config.release or __version__,
            date=build_date(),
            title=title,
            author=config.author,
            url=getattr(config, "html_baseurl", "") or "",
        )
        before, _, after = apa.partition(title)
        para = nodes.paragraph(apa, "", classes=["wijkcoop-citatie"])
        para += [nodes.Text(before), nodes.emphasis(title, title)]
        para += nodes.Text(after)
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        return [para, block]
