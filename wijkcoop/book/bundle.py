"""Directive ``{bundel}``: the download links of this edition's zip and PDF.

It renders what :mod:`wijkcoop.publish.bundle` (``make bundle``) and :mod:`wijkcoop.publish.pdf`
(``make pdf``) put in ``downloads/``, for the landing page, the trainers' guide and the colofon.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop._version import __version__
from wijkcoop.publish import pdf
from wijkcoop.publish.bundle import bundle_name


class Bundel(SphinxDirective):
    """``{bundel}``: paragraphs with the download links of this edition's zip and PDF."""

    has_content = False

    def run(self) -> list[Any]:
        """The paragraph with the link to ``downloads/`` of this edition."""
        version = self.env.config.release or __version__
        up = "../" * self.env.docname.count("/")
        zip_name = bundle_name(version)
        pdf_name = pdf.PDF_NAME.format(version=version)
        return [
            _download(
                "Zonder internet lezen? ",
                f"{up}downloads/{zip_name}",
                f"Download het hele boek als zip-bestand ({zip_name})",
                ". Pak het uit, bijvoorbeeld op een usb-stick, en dubbelklik op index.html."
                " In de zip staat een LEESMIJ.txt met uitleg.",
            ),
            _download(
                "Liever op papier? ",
                f"{up}downloads/{pdf_name}",
                f"Download het hele boek als pdf ({pdf_name})",
                ": A4, met inhoudsopgave en paginanummers, en de scans als formulier op papier.",
            ),
        ]


def _download(lead: str, uri: str, label: str, tail: str) -> Any:
    """One download paragraph: a lead, the link, and what the reader does with the file."""
    para = nodes.paragraph("", "", classes=["wijkcoop-bundel"])
    para += nodes.Text(lead)
    link = nodes.reference("", "", refuri=uri)
    link += nodes.Text(label)
    para += link
    para += nodes.Text(tail)
    return para
