"""Figures drawn by code: the hybrid position of a wijkcoöperatie (after Billis 2010).

:func:`hybrid_svg` returns an accessible inline SVG: ``role="img"`` with a ``<title>`` and a
``<desc>`` it points to with ``aria-labelledby``, three overlapping circles (overheid, markt,
gemeenschap) and the wijkcoöperatie in the part where all three overlap. The geometry lives in
:data:`CIRCLES` and :data:`CENTRE_LABEL` so tests can check it.

The Sphinx directive ``{hybridefiguur}`` puts the SVG in a numbered-style figure; its content
is the caption (MyST). Use ``:name:`` for a label. Loaded by :mod:`wijkcoop.cases`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

WIDTH, HEIGHT = 640, 510
RADIUS = 165


@dataclass(frozen=True)
class Circle:
    label: str
    cx: float
    cy: float
    fill: str
    stroke: str
    label_x: float
    label_y: float


CIRCLES = (
    Circle("Overheid", 320, 190, "#4a90d9", "#1d4f80", 320, 82),
    Circle("Markt", 245, 320, "#e6a23c", "#7a4b00", 178, 400),
    Circle("Gemeenschap", 395, 320, "#3fae84", "#0b5a3c", 464, 400),
)
CENTRE_LABEL = "Wijkcoöperatie"
TEXT_COLOUR = "#1a1a1a"

TITLE = "Plaats van de wijkcoöperatie tussen overheid, markt en gemeenschap (naar Billis, 2010)"
DESCRIPTION = (
    "Drie cirkels die elkaar gedeeltelijk overlappen. "
    "Bovenaan staat de cirkel Overheid, linksonder de cirkel Markt en rechtsonder de cirkel "
    "Gemeenschap. "
    "Elk paar cirkels heeft een gedeeld stuk, en in het midden is een klein vlak dat bij alle "
    "drie hoort. "
    "Daar staat het woord Wijkcoöperatie: een wijkcoöperatie heeft tegelijk kenmerken van de "
    "overheid, van de markt en van de gemeenschap."
)


def centre() -> tuple[float, float]:
    """Centroid of the three circle centres: where the centre label goes."""
    return (
        sum(c.cx for c in CIRCLES) / len(CIRCLES),
        sum(c.cy for c in CIRCLES) / len(CIRCLES),
    )


def inside(circle: Circle, x: float, y: float) -> bool:
    return math.hypot(x - circle.cx, y - circle.cy) < RADIUS


def hybrid_svg(id_prefix: str = "hybride") -> str:
    """The figure as an SVG string; ``id_prefix`` keeps ids unique if it is used twice."""
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    cx, cy = centre()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="wijkcoop-figuur-svg" '
        f'width="100%" style="max-width:36rem;height:auto">',
        f'<title id="{title_id}">{escape(TITLE)}</title>',
        f'<desc id="{desc_id}">{escape(DESCRIPTION)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" rx="12" fill="#ffffff"/>',
    ]
    for c in CIRCLES:
        parts.append(
            f'<circle cx="{c.cx}" cy="{c.cy}" r="{RADIUS}" fill="{c.fill}" '
            f'fill-opacity="0.28" stroke="{c.stroke}" stroke-width="3"/>'
        )
    text_style = (
        f'font-family="system-ui, sans-serif" fill="{TEXT_COLOUR}" text-anchor="middle" '
        'dominant-baseline="middle"'
    )
    for c in CIRCLES:
        parts.append(
            f'<text x="{c.label_x}" y="{c.label_y}" font-size="18" font-weight="600" '
            f"{text_style}>{escape(c.label)}</text>"
        )
    parts += [
        f'<rect x="{cx - 74}" y="{cy - 18}" width="148" height="36" rx="8" fill="#ffffff" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1.5"/>',
        f'<text x="{cx}" y="{cy + 1}" font-size="17" font-weight="700" {text_style}>'
        f"{escape(CENTRE_LABEL)}</text>",
        "</svg>",
    ]
    return "\n".join(parts)


class HybrideFiguur(SphinxDirective):
    """``{hybridefiguur}``: the SVG in a figure; the directive content is the caption."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"name": directives.unchanged}

    def run(self) -> list[Any]:
        # The SVG is drawn by this module: a change to it must rebuild the page that shows it.
        self.env.note_dependency(__file__)
        figure = nodes.figure(classes=["wijkcoop-figuur"])
        prefix = self.options.get("name", "hybride")
        figure += nodes.raw("", hybrid_svg(prefix), format="html")
        if self.content:
            holder = nodes.Element()
            self.state.nested_parse(StringList(list(self.content)), self.content_offset, holder)
            first = holder[0] if len(holder) else None
            if isinstance(first, nodes.paragraph):
                caption = nodes.caption(first.rawsource, "", *first.children)
                caption.source, caption.line = first.source, first.line
                figure += caption
                figure += holder.children[1:]
            else:
                figure += holder.children
        self.add_name(figure)
        return [figure]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("hybridefiguur", HybrideFiguur)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
