"""Directive ``{bundel}``: the download links of this build's zip and PDF.

It renders what :mod:`wijkcoop.publish.bundle` (``make bundle``) and :mod:`wijkcoop.publish.pdf`
(``make pdf``) put in ``downloads/``, for the landing page, the trainers' guide and the colofon.
File names follow the build's identity (:mod:`wijkcoop.publish.identity`: an edition's version,
or ``ontwikkel-na-<version>-<commit>``). Each link is written with a note for when its file is
missing, and :func:`wijkcoop.publish.downloads.settle` shows the one that is true
(:func:`settle_downloads` after the build; ``make pdf`` and ``make bundle`` again).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop.book.site import note_identity_page
from wijkcoop.publish.downloads import paragraph, settle
from wijkcoop.publish.identity import identify


class Bundel(SphinxDirective):
    """``{bundel}``: paragraphs with the download links of this build's zip and PDF."""

    has_content = False

    def run(self) -> list[Any]:
        """The paragraphs with the links to ``downloads/`` of this build."""
        identity = getattr(self.env.app, "wijkcoop_identity", None) or identify()
        note_identity_page(self.env)
        up = "../" * self.env.docname.count("/")
        zip_name = identity.file_name(".zip")
        pdf_name = identity.file_name(".pdf")
        text = paragraph(
            f"{up}downloads/{zip_name}",
            "Zonder internet lezen? ",
            f"Download het hele boek als zip-bestand ({zip_name})",
            ". Pak het uit, bijvoorbeeld op een usb-stick, en dubbelklik op index.html."
            " In de zip staat een LEESMIJ.txt met uitleg.",
        ) + paragraph(
            f"{up}downloads/{pdf_name}",
            "Liever op papier? ",
            f"Download het hele boek als pdf ({pdf_name})",
            ": A4, met inhoudsopgave en paginanummers, en de scans als formulier op papier.",
        )
        return [nodes.raw("", text, format="html")]


def settle_downloads(app: Any, exception: Exception | None) -> None:
    """After the build: show each download link only when its file is in ``downloads/``."""
    if exception is None and app.builder.format == "html":
        settle(Path(app.outdir))
