"""Directive ``{groepsbeeld}``: the trainers' group page (``book/leernetwerk/groepsbeeld.md``).

Usage in MyST::

    ```{groepsbeeld}
    ```

The page gets a ``<div data-wijkcoop-groep>`` holding both question banks, the Dutch messages
(``data/scan/messages.yaml``) and ``MIN_GROUP`` (:mod:`wijkcoop.group.settings`) as
``<script type="application/json">``; ``_static/groep.classic.js`` (built by
``wijkcoop/publish/webbuild.py`` from the scan's own modules plus ``groep.js`` and
``groepview.js``) is added only to that page and mounts itself on it. When the page has drawn
its picture the element gets ``data-groep-ready``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from wijkcoop.book.scan import inert_json
from wijkcoop.group.reading import DEFAULT_BANKS
from wijkcoop.group.settings import MIN_GROUP
from wijkcoop.scan.bank import load_bank
from wijkcoop.scan.messages import MESSAGES
from wijkcoop.scan.messages import source_path as messages_source

MARKER = "data-wijkcoop-groep"
READY_SELECTOR = "[data-wijkcoop-groep][data-groep-ready]"
NOSCRIPT = (
    "Het groepsbeeld werkt met JavaScript, en alles blijft in deze browser. "
    "Zet JavaScript aan, of gebruik de notebooks voor trainers."
)


class groep_node(nodes.General, nodes.Element):
    """Placeholder for the group page; its JSON config is written when the page is written."""


class GroepsbeeldDirective(SphinxDirective):
    """``{groepsbeeld}``: the group page's container."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """The placeholder; the banks and the messages become page dependencies."""
        node = groep_node()
        for bank_id in DEFAULT_BANKS:
            self.env.note_dependency(str(load_bank(bank_id).source))
        self.env.note_dependency(str(messages_source()))
        self.set_source_info(node)
        return [node]


def config_json() -> str:
    """The page's config as inert JSON (no ``</script>`` can end it)."""
    config = {
        "banks": {b: load_bank(b).raw for b in DEFAULT_BANKS},
        "messages": dict(MESSAGES),
        "min_group": MIN_GROUP,
    }
    return inert_json(config)


def visit_groep_html(self: Any, node: groep_node) -> None:
    """Open the page's ``<div>`` with its config and a Dutch ``<noscript>``."""
    self.body.append(
        f'<div class="wijkcoop-groep" {MARKER}="true">'
        f'<script type="application/json">{config_json()}</script>'
        f'<noscript><p class="wks-noscript">{NOSCRIPT}</p></noscript>'
    )


def depart_groep_html(self: Any, node: groep_node) -> None:
    """Close the ``<div>``."""
    self.body.append("</div>")


def skip(self: Any, node: groep_node) -> None:
    """Other builders: the page's text says what it does; the tool itself is web-only."""
    raise nodes.SkipNode


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load the group page's script and styles only on the page that holds it."""
    if MARKER in context.get("body", ""):
        app.add_js_file("groep.classic.js")
        app.add_css_file("scan.css")
        app.add_css_file("groep.css")
