"""Directive ``{boekcitatie}``: how to cite the version being built.

The text comes from :mod:`wijkcoop.citation`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop.book.site import note_identity_page
from wijkcoop.citation import book_citation, book_title
from wijkcoop.publish.identity import identify


class BoekCitatie(SphinxDirective):
    """``{boekcitatie}``: the citation of the version being built."""

    has_content = False

    def run(self) -> list[Any]:
        """The APA paragraph and the BibTeX block."""
        config = self.env.config
        title = book_title(config.project, config.html_title)
        identity = getattr(self.env.app, "wijkcoop_identity", None) or identify()
        note_identity_page(self.env)
        name = identity.name
        if not identity.edition and identity.commit:
            name += f", commit {identity.commit}"
        apa, bibtex = book_citation(
            version=identity.version,
            name=name,
            date=identity.date,
            title=title,
            author=config.author,
            url=getattr(config, "html_baseurl", "") or "",
        )
        # the title after "(year). ", not the same words inside the author's name
        cut = apa.index(title, apa.index("). ") + 3)
        before, after = apa[:cut], apa[cut + len(title) :]
        para = nodes.paragraph(apa, "", classes=["wijkcoop-citatie"])
        para += [nodes.Text(before), nodes.emphasis(title, title)]
        para += nodes.Text(after)
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        return [para, block]
