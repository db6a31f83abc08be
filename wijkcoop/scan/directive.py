"""Sphinx directive ``wijkcoop-scan``: the scan on a static book page, without a kernel.

Usage in MyST::

    ```{wijkcoop-scan} duurzaamheidsscan
    :short:
    ```

The page gets a ``<div data-wijkcoop-scan>`` holding the bank, the variant, the book links and
the import messages (``data/scan/messages.yaml``) as ``<script type="application/json">``;
``_static/scan.classic.js`` (the scan built as a classic script, added only to pages with a scan;
see ``wijkcoop/webbuild.py``) mounts itself on it with a
tiny local model backed by ``localStorage`` that holds the bank and the messages. Every
``book_ref`` of the bank is resolved to a URL at build time; an unknown label is a build
warning (an error with ``-W``), so links in the scan never break. When the form is ready the
element gets ``data-scan-ready="true"``.
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
READY_SELECTOR = '[data-wijkcoop-scan][data-scan-ready="true"]'
NOSCRIPT = (
    "De scan werkt met JavaScript, en alles blijft in je eigen browser. "
    "Zet JavaScript aan om de scan in te vullen."
)


class scan_node(nodes.General, nodes.Element):
    """Placeholder for a scan; filled with the JSON config in ``doctree-resolved``."""


class ScanDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {"short": directives.flag}

    def run(self) -> list[nodes.Node]:
        bank_id = self.arguments[0]
        try:
            bank = load_bank(bank_id)
        except (KeyError, ValueError) as exc:
            raise self.error(f"wijkcoop-scan: cannot load bank {bank_id!r}: {exc}") from exc
        node = scan_node()
        node["bank_id"] = bank.bank_id
        node["short"] = "short" in self.options
        node["refs"] = sorted(bank.book_refs())
        self.set_source_info(node)
        # the bank and the messages are dependencies of this page
        self.env.note_dependency(str(bank.source))
        self.env.note_dependency(str(messages_source()))
        return [node]


def _links(app: Any, docname: str, refs: list[str], node: nodes.Node) -> dict[str, dict]:
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


def _resolve(app: Any, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(scan_node)):
        if app.builder.format != "html":
            para = nodes.paragraph(text="De scan werkt alleen in de webversie van dit boek.")
            node.replace_self(para)
            continue
        bank = load_bank(node["bank_id"])
        config = {
            "bank": bank.raw,
            "short": node["short"],
            "links": _links(app, docname, node["refs"], node),
            "messages": dict(MESSAGES),
        }
        text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
        # Keep the JSON inert inside <script>: no "</script>" or "<!--" can end or open it.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        node["config_json"] = text


def visit_scan_html(self: Any, node: scan_node) -> None:
    variant = "kort" if node["short"] else "volledig"
    self.body.append(
        f'<div class="wijkcoop-scan" {MARKER}="{node["bank_id"]}" data-variant="{variant}">'
        f'<script type="application/json">{node.get("config_json", "{}")}</script>'
        f'<noscript><p class="wks-noscript">{NOSCRIPT}</p></noscript>'
    )


def depart_scan_html(self: Any, node: scan_node) -> None:
    self.body.append("</div>")


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load the module and its stylesheet only on pages that hold a scan."""
    if MARKER in context.get("body", ""):
        # A classic script (built from the same sources as the ES module scan.js): Chromium
        # refuses module scripts on file:// pages, and the book must work from a USB stick.
        app.add_js_file("scan.classic.js")
        app.add_css_file("scan.css")


def _nl(x: float | None, digits: int = 1) -> str:
    """Dutch number: 62,5; None -> a dash."""
    if x is None:
        return "–"
    return f"{x:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> nodes.table:
    table = nodes.table(classes=["wks-doc-table"])
    table += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", nodes.paragraph(text=h))
    head += row
    body = nodes.tbody()
    group += body
    for r in rows:
        row = nodes.row()
        for cell in r:
            row += nodes.entry("", nodes.paragraph(text=cell))
        body += row
    return table


class ThresholdsDirective(SphinxDirective):
    """``{scan-drempels} duurzaamheidsscan``: the derived measures and their thresholds."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        bank = load_bank(self.arguments[0])
        self.env.note_dependency(str(bank.source))
        rows = []
        for d in bank.derived:
            if "score" not in d:
                continue
            good, bad = d["score"]["good"], d["score"]["bad"]
            pct = d["kind"] in {"share", "value"}

            def fmt(x: float, pct: bool = pct) -> str:
                return f"{_nl(x * 100, 0)}%" if pct else _nl(x, 2)

            part = bank.parts_by_id[d["part"]]["title"]
            rows.append([d["title"], part, f"{fmt(good)} of minder", f"{fmt(bad)} of meer"])
        return [
            _table(
                "Drempels van de afgeleide maten (score 100 bij de eerste, 0 bij de tweede)",
                ["Maat", "Telt mee in", "Score 100", "Score 0"],
                rows,
            )
        ]


class ExampleDirective(SphinxDirective):
    """``{scan-voorbeeld} duurzaamheidsscan gemengd``: a worked example from the test vectors.

    The answers come from ``data/scan/test-vectors-<bank>.json``; every score on the page is
    computed here by :func:`wijkcoop.scan.score` at build time (nothing typed by hand).
    """

    required_arguments = 2
    option_spec: ClassVar[dict] = {"condition": directives.unchanged, "income": directives.flag}

    def run(self) -> list[nodes.Node]:
        from wijkcoop import data
        from wijkcoop.scan.scoring import likert_score, score, threshold_score

        bank = load_bank(self.arguments[0])
        vectors = data.load(f"scan-test-vectors-{bank.bank_id}")
        case = next((c for c in vectors["cases"] if c["name"] == self.arguments[1]), None)
        if case is None:
            raise self.error(f"scan-voorbeeld: no test-vector case {self.arguments[1]!r}")
        answers = case["answers"]
        result = score(bank, answers, role=case.get("role"), short=case.get("short", False))
        out: list[nodes.Node] = []
        cond_id = self.options.get("condition")
        if cond_id:
            cond = next(c for c in bank.conditions if c["id"] == cond_id)
            labels = {o["value"]: o["label"] for o in bank.raw["scale"]["options"]}
            rows = []
            for part in cond["parts"]:
                for item in bank.items:
                    if item["part"] != part["id"] or item["type"] != "likert":
                        continue
                    v = answers.get(item["id"])
                    shown = "weet ik niet" if v == "?" else labels.get(v, "niet ingevuld")
                    sc = None if v in (None, "?") else likert_score(item, v)
                    rows.append(
                        [
                            part["title"],
                            bank.text(item["statement"]),
                            shown,
                            "ja" if item.get("reverse") else "nee",
                            _nl(sc),
                        ]
                    )
            out.append(
                _table(
                    f"Rekenvoorbeeld: antwoorden en itemscores voor {cond['title'].lower()}",
                    ["Onderdeel", "Stelling", "Antwoord", "Omgekeerd", "Itemscore"],
                    rows,
                )
            )
            prow = [
                [r["title"], _nl(r["score"]), f"{r['n_answered']}", f"{r['n_unknown']}"]
                for r in result.part_rows
                if r["condition"] == cond_id
            ]
            prow.append(
                [cond["title"] + " (gemiddelde)", _nl(result.condition_score(cond_id)), "", ""]
            )
            out.append(
                _table(
                    "Rekenvoorbeeld: scores per onderdeel en voor de voorwaarde",
                    ["Onderdeel", "Score", "Beantwoord", "Weet ik niet"],
                    prow,
                )
            )
        if "income" in self.options:
            rows = []
            for item in bank.items:
                if item.get("derive") or item["id"] == "ink-grootste-klant":
                    v = answers.get(item["id"])
                    unit = "%" if item.get("unit") == "procent" else " euro"
                    rows.append([bank.text(item["statement"]), f"{_nl(v, 0)}{unit}"])
            out.append(_table("Rekenvoorbeeld: ingevulde inkomsten", ["Vraag", "Antwoord"], rows))
            drows = []
            for d in bank.derived:
                v = result.derived[d["id"]]
                if d["kind"] == "total":
                    shown = f"{_nl(v, 0)} euro"
                elif d["kind"] == "herfindahl":
                    shown = _nl(v, 3)
                else:
                    shown = f"{_nl(None if v is None else v * 100, 1)}%"
                sc = "–"
                if "score" in d and v is not None:
                    sc = _nl(threshold_score(v, d["score"]["good"], d["score"]["bad"]))
                drows.append([d["title"], shown, sc])
            out.append(
                _table(
                    "Rekenvoorbeeld: afgeleide maten en hun score",
                    ["Maat", "Waarde", "Score"],
                    drows,
                )
            )
            frows = [
                [r["title"], _nl(r["score"])]
                for r in result.part_rows
                if r["condition"] == "verdienmodel"
            ]
            frows.append(
                ["Sterk verdienmodel (gemiddelde)", _nl(result.condition_score("verdienmodel"))]
            )
            out.append(
                _table(
                    "Rekenvoorbeeld: scores voor het verdienmodel", ["Onderdeel", "Score"], frows
                )
            )
        return out


#: The dataset with a plain-Dutch explanation per refusal code, shown next to the exact message.
HELP_DATASET = "scan-messages-help"


class MessagesDirective(SphinxDirective):
    """``{scan-meldingen}``: every refusal code with its exact Dutch message."""

    def run(self) -> list[nodes.Node]:
        from wijkcoop import data

        help_nl = data.load(HELP_DATASET)
        self.env.note_dependency(str(messages_source()))
        self.env.note_dependency(str(data.data_dir() / data.manifest()[HELP_DATASET]["file"]))
        unknown = sorted(set(help_nl) - set(MESSAGES))
        if unknown:
            raise self.error(
                f"scan-meldingen: {data.manifest()[HELP_DATASET]['file']} explains codes "
                f"that data/scan/messages.yaml does not have: {unknown}"
            )
        rows = [
            [code, text, MESSAGES[code] + " " + MESSAGES["unchanged"]]
            for code, text in help_nl.items()
        ]
        return [
            _table(
                "Wanneer de scan een bestand weigert, en de melding die je dan ziet",
                ["Code", "Wat er aan de hand is", "Melding in de scan"],
                rows,
            )
        ]


def setup(app: Any) -> dict[str, Any]:
    """Registered from :func:`wijkcoop.sphinxext.setup` with ``app.setup_extension``."""
    app.add_node(scan_node, html=(visit_scan_html, depart_scan_html))
    app.add_directive("wijkcoop-scan", ScanDirective)
    app.add_directive("scan-drempels", ThresholdsDirective)
    app.add_directive("scan-voorbeeld", ExampleDirective)
    app.add_directive("scan-meldingen", MessagesDirective)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
