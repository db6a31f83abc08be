"""Editions and the repository address in the built pages (the Sphinx half).

* ``config_inited`` derives from the one repository setting (:mod:`wijkcoop.repository`) the
  launch buttons and the ``{{ repository_* }}`` substitutions.
* ``{bundel}`` links the zip and the PDF of this edition (``make bundle`` and ``make pdf`` put
  them in ``downloads/``), for the landing page, the trainers' guide and the colofon.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop import editions, pdf, repository
from wijkcoop._version import __version__


def config_inited(app: Any, config: Any) -> None:
    """Derive launch buttons and repository substitutions from the one repository setting."""
    opts = dict(config.html_theme_options or {})
    url = repository.check(opts.get("repository_url", ""))
    opts["repository_url"] = url
    if not url:
        # No address, no launch button: sphinx-book-theme adds one only for a set provider URL.
        launch = dict(opts.get("launch_buttons") or {})
        for key in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url"):
            launch[key] = ""
        opts["launch_buttons"] = launch
    config.html_theme_options = opts
    subs = dict(config.myst_substitutions or {})
    subs.update(repository.substitutions(url))
    config.myst_substitutions = subs


class Bundel(SphinxDirective):
    """``{bundel}``: paragraphs with the download links of this edition's zip and PDF."""

    has_content = False

    def run(self) -> list[Any]:
        """The paragraph with the link to ``downloads/`` of this edition."""
        version = self.env.config.release or __version__
        up = "../" * self.env.docname.count("/")
        zip_name = editions.bundle_name(version)
        pdf_name = pdf.PDF_NAME.format(version=version)
        return [
            _download(
                "Zonder internet lezen? ",
                f"{up}downloads/{zip_name}",
                f"Download het hele boek als zip-bestand ({zip_name})",
                ". Pak het uit, bijvoorbeeld op een USB-stick, en dubbelklik op index.html."
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
