"""Directive ``wijkcoop-scan``: the scan on a static book page, without a kernel.

Usage in MyST::

    ```{wijkcoop-scan} duurzaamheidsscan
    :short:
    ```

The page gets a ``<div data-wijkcoop-scan>`` holding the bank, the variant, the book links and
the import messages (``data/scan/messages.yaml``) as ``<script type="application/json">``;
``_static/scan.classic.js`` (the scan built as a classic script, added only to pages with a scan;
see ``wijkcoop/publish/webbuild.py``) mounts itself on it with a
tiny local model backed by ``localStorage`` that holds the bank and the messages. Every
``book_ref`` of the bank is resolved to a URL at build time; an unknown label is a build
warning (an error with ``-W``), so links in the scan never break. The questions come in steps
(one task per part, issue 23); when all are there the element gets ``data-scan-ready="true"``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from wijkcoop.scan.bank import load_bank
from wijkcoop.scan.messages import MESSAGES
from wijkcoop.scan.messages import source_path as messages_source

logger = logging.getLogger(__name__)
MARKER = "data-wijkcoop-scan"
#: The book section that explains why the short and the full scan score differently.
SHORT_DIFFERS = "scan-kort-verschil"
READY_SELECTOR = '[data-wijkcoop-scan][data-scan-ready="true"]'
NOSCRIPT = (
    "De scan werkt met JavaScript, en alles blijft in je eigen browser. "
    "Zet JavaScript aan om de scan in te vullen."
)


class scan_node(nodes.General, nodes.Element):
    """Placeholder for a scan; filled with the JSON config in ``doctree-resolved``."""


class ScanDirective(SphinxDirective):
    """``{wijkcoop-scan} <bank>``: a placeholder node, filled in :func:`resolve`."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {"short": directives.flag}

    def run(self) -> list[nodes.Node]:
        """The placeholder node; the bank and the messages become page dependencies."""
        bank_id = self.arguments[0]
        try:
            bank = load_bank(bank_id)
        except (KeyError, ValueError) as exc:
            raise self.error(f"wijkcoop-scan: cannot load bank {bank_id!r}: {exc}") from exc
        node = scan_node()
        node["bank_id"] = bank.bank_id
        node["short"] = "short" in self.options
        refs = set(bank.book_refs())
        if node["short"]:
            refs.add(SHORT_DIFFERS)  # "why short and full differ", linked below the results
        node["refs"] = sorted(refs)
        self.set_source_info(node)
        # the bank and the messages are dependencies of this page
        self.env.note_dependency(str(bank.source))
        self.env.note_dependency(str(messages_source()))
        return [node]


def book_links(app: Any, docname: str, refs: list[str], node: nodes.Node | None) -> dict[str, dict]:
    """Label -> {url, title} relative to ``docname``; an unknown label is a build warning."""
    labels = app.env.domaindata["std"]["labels"]
    out = {}
    for ref in refs:
        if ref not in labels:
            logger.warning(
                "wijkcoop-scan: book_ref %r is not a label in the book", ref, location=node
            )
            continue
        target_doc, anchor, title = labels[ref]
        uri = app.builder.get_relative_uri(docname, target_doc)
        out[ref] = {"url": f"{uri}#{anchor}" if anchor else uri, "title": title}
    return out


def resolve(app: Any, doctree: nodes.document, docname: str) -> None:
    """Fill each scan node of a resolved page with its JSON config (bank, links, messages)."""
    for node in list(doctree.findall(scan_node)):
        if app.builder.format != "html":
            para = nodes.paragraph(text="De scan werkt alleen in de webversie van dit boek.")
            node.replace_self(para)
            continue
        bank = load_bank(node["bank_id"])
        config = {
            "bank": bank.raw,
            "short": node["short"],
            "links": book_links(app, docname, node["refs"], node),
            "messages": dict(MESSAGES),
        }
        node["config_json"] = inert_json(config)


def inert_json(config: Any) -> str:
    """JSON for inside ``<script>``: no ``</script>`` or ``<!--`` can end or open it."""
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def visit_scan_html(self: Any, node: scan_node) -> None:
    """Open the scan's ``<div>`` with its config and a Dutch ``<noscript>``."""
    variant = "kort" if node["short"] else "volledig"
    self.body.append(
        f'<div class="wijkcoop-scan" {MARKER}="{node["bank_id"]}" data-variant="{variant}">'
        f'<script type="application/json">{node.get("config_json", "{}")}</script>'
        f'<noscript><p class="wks-noscript">{NOSCRIPT}</p></noscript>'
    )


def depart_scan_html(self: Any, node: scan_node) -> None:
    """Close the scan's ``<div>``."""
    self.body.append("</div>")


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load the module and its stylesheet only on pages that hold a scan."""
    if MARKER in context.get("body", ""):
        # A classic script (built from the same sources as the ES module scan.js): Chromium
        # refuses module scripts on file:// pages, and the book must work from a USB stick.
        app.add_js_file("scan.classic.js")
        app.add_css_file("scan.css")
