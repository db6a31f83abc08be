"""Docutils helpers the book's directives share: MyST text into a node, a plain table."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList


def parse_markdown(directive: Any, markdown: str, node: nodes.Element, offset: int = 0) -> None:
    """Parse ``markdown`` (MyST, built by a domain module) into ``node`` for ``directive``."""
    source = directive.get_source_info()[0]
    directive.state.nested_parse(StringList(markdown.splitlines(), source=source), offset, node)


def table(caption: str, headers: list[str], rows: list[list[str]]) -> nodes.table:
    """A captioned table of plain-text cells (no markup is parsed in them)."""
    out = nodes.table(classes=["wks-doc-table"])
    out += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    out += group
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
    return out
