"""Directive ``{casusprofielen}``: the case profiles from ``data/cases/organisaties.yaml``.

The text comes from :mod:`wijkcoop.cases` (checks and MyST Markdown); this module only puts it
into the page, one labelled section per organisation, or one overview table.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from wijkcoop import cases, data
from wijkcoop.book.markup import parse_markdown


class CasusProfielen(SphinxDirective):
    """``{casusprofielen}``: a section per organisation, or with ``:overzicht:`` one table."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"overzicht": directives.flag}

    def run(self) -> list[Any]:
        """Sections (or the overview table) built from the case dataset."""
        # Rebuild the page when the data, its schema or the rendering code change.
        entry = data.manifest()[cases.DATASET]
        self.env.note_dependency(str(data.data_dir() / entry["file"]))
        self.env.note_dependency(str(data.data_dir() / "schemas" / entry["schema"]))
        self.env.note_dependency(cases.__file__)
        self.env.note_dependency(__file__)
        try:
            dataset = cases.load_cases()
        except data.DataValidationError as exc:
            raise self.error(f"casusprofielen: {exc}") from None
        if "overzicht" in self.options:
            container = nodes.container(classes=["wijkcoop-casus-overzicht"])
            parse_markdown(self, cases.overview_markdown(dataset), container, self.content_offset)
            return [container]
        result = []
        for org in dataset["organisaties"]:
            label = cases.label(org)
            section = nodes.section(ids=[label], names=[label])
            section += nodes.title(text=org["naam"])
            self.state.document.note_explicit_target(section)
            md = cases.profile_markdown(
                org, as_of=dataset["peiljaar_essay"], source=dataset["bron_essay"]
            )
            parse_markdown(self, md, section, self.content_offset)
            result.append(section)
        return result
